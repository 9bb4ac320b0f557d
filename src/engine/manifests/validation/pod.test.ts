import { describe, expect, it } from 'vitest';
import type { Pod } from '../../model/k8s';
import { invalid, required, type FieldError } from '../field-errors';
import { validatePod } from './pod';
import { isDNS1123Label, isDNS1123Subdomain, isValidLabelValue, isValidPortName } from './names';
import { makePod } from './test-builders-slices';

const ns = 'default';
const pod = (mutate: (p: Pod) => void) => makePod(ns, 'web-0', mutate);
const c0 = (p: Pod) => p.spec.containers[0]!;
const port0 = (p: Pod) => c0(p).ports![0]!;
const expectedInvalid = (field: string, value: string, msgs: string[]): FieldError[] => msgs.map((m) => invalid(field, value, m));
const searchMessage = (fmt = '_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*') =>
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start " +
  `and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '${fmt}')`;

const accepted: [string, Pod][] = [
  ['a scheduled pod with a pod IP', pod(() => {})],
  ['a pod not yet scheduled, without status', pod((p) => { delete p.spec.nodeName; delete p.status; })],
  ['a dual-stack pod', pod((p) => { p.status = { podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }, { ip: 'fd00::5' }] }; })],
  ['podIP alone (converted to podIPs)', pod((p) => { p.status = { podIP: '10.244.1.5' }; })],
  ['hostname and subdomain that are DNS labels', pod((p) => { p.spec.hostname = 'web-0'; p.spec.subdomain = 'web'; })],
  ['a dotted nodeName', pod((p) => { p.spec.nodeName = 'node-a.example.com'; })],
  ['a host-network pod whose hostPorts were defaulted', pod((p) => { p.spec.hostNetwork = true; port0(p).hostPort = 8080; })],
  ['the same hostPort on two protocols', pod((p) => {
    c0(p).ports = [{ containerPort: 53, hostPort: 53, protocol: 'UDP' }, { containerPort: 53, hostPort: 53, protocol: 'TCP' }];
  })],
  ['two unnamed container ports', pod((p) => { c0(p).ports = [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 443, protocol: 'TCP' }]; })],
  ['dnsPolicy None with a nameserver', pod((p) => { p.spec.dnsPolicy = 'None'; p.spec.dnsConfig = { nameservers: ['1.1.1.1'] }; })],
  ['search domains with a root dot, a bare dot and an underscore', pod((p) => {
    p.spec.dnsConfig = { searches: ['svc.cluster.local.', '.', '_tcp.example.com'], options: [{ name: 'ndots', value: '2' }] };
  })],
  ['a nodeSelector of valid labels', pod((p) => { p.spec.nodeSelector = { 'kubernetes.io/os': 'linux' }; })],
];

describe('validatePod accepts', () => {
  it.each(accepted)('%s', (_, input) => {
    expect(validatePod(input)).toEqual([]);
  });
});

const refused: [string, Pod, FieldError[]][] = [
  ['a name that is not a DNS subdomain', makePod(ns, 'Web_0'), expectedInvalid('metadata.name', 'Web_0', isDNS1123Subdomain('Web_0'))],
  ['no containers', pod((p) => { p.spec.containers = []; }), [required('spec.containers')]],
  ['a container without a name', pod((p) => { c0(p).name = ''; }), [required('spec.containers[0].name')]],
  ['a container name that is not a DNS label', pod((p) => { c0(p).name = 'Nginx'; }),
    expectedInvalid('spec.containers[0].name', 'Nginx', isDNS1123Label('Nginx'))],
  ['two containers with one name', pod((p) => { p.spec.containers.push({ name: 'nginx', image: 'busybox' }); }),
    [{ field: 'spec.containers[1].name', type: 'Duplicate', value: 'nginx', message: '' }]],
  ['a container without an image', pod((p) => { delete c0(p).image; }), [required('spec.containers[0].image')]],
  ['an image with surrounding spaces', pod((p) => { c0(p).image = ' nginx'; }),
    [invalid('spec.containers[0].image', ' nginx', 'must not have leading or trailing whitespace')]],
  ['a port name that is not an IANA service name', pod((p) => { port0(p).name = 'http--alt'; }),
    expectedInvalid('spec.containers[0].ports[0].name', 'http--alt', isValidPortName('http--alt'))],
  ['a port name of digits only', pod((p) => { port0(p).name = '8080'; }),
    [invalid('spec.containers[0].ports[0].name', '8080', 'must contain at least one letter (a-z)')]],
  ['two ports with one name in a container', pod((p) => { c0(p).ports!.push({ name: 'http', containerPort: 8443, protocol: 'TCP' }); }),
    [{ field: 'spec.containers[0].ports[1].name', type: 'Duplicate', value: 'http', message: '' }]],
  ['a port without containerPort', pod((p) => { port0(p).containerPort = 0; }), [required('spec.containers[0].ports[0].containerPort')]],
  ['a containerPort above 65535', pod((p) => { port0(p).containerPort = 70000; }),
    [invalid('spec.containers[0].ports[0].containerPort', 70000, 'must be between 1 and 65535, inclusive')]],
  ['a negative hostPort', pod((p) => { port0(p).hostPort = -1; }),
    [invalid('spec.containers[0].ports[0].hostPort', -1, 'must be between 1 and 65535, inclusive')]],
  ['an undefaulted port with no protocol', pod((p) => { delete port0(p).protocol; }), [required('spec.containers[0].ports[0].protocol')]],
  ['a protocol the API does not know', pod((p) => { port0(p).protocol = 'ICMP' as never; }),
    [{ field: 'spec.containers[0].ports[0].protocol', type: 'NotSupported', value: 'ICMP', message: 'supported values: "SCTP", "TCP", "UDP"' }]],
  ['one hostPort claimed by two containers', pod((p) => {
    port0(p).hostPort = 8080;
    p.spec.containers.push({ name: 'sidecar', image: 'envoy', ports: [{ containerPort: 9090, hostPort: 8080, protocol: 'TCP' }] });
  }), [{ field: 'spec.containers[1].ports[0].hostPort', type: 'Duplicate', value: '/TCP/8080', message: '' }]],
  ['a host-network pod whose hostPort is not its containerPort', pod((p) => { p.spec.hostNetwork = true; port0(p).hostPort = 80; }),
    [invalid('spec.containers[0].ports[0].hostPort', 80, 'must match `containerPort` when `hostNetwork` is true')]],
  ['an undefaulted dnsPolicy', pod((p) => { delete p.spec.dnsPolicy; }), [required('spec.dnsPolicy')]],
  ['a dnsPolicy the API does not know', pod((p) => { p.spec.dnsPolicy = 'ClusterLast' as never; }),
    [{ field: 'spec.dnsPolicy', type: 'NotSupported', value: 'ClusterLast',
      message: 'supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"' }]],
  ['a nodeSelector value that is not a label value', pod((p) => { p.spec.nodeSelector = { disk: 'fast ssd' }; }),
    expectedInvalid('spec.nodeSelector', 'fast ssd', isValidLabelValue('fast ssd'))],
  ['dnsPolicy None without dnsConfig', pod((p) => { p.spec.dnsPolicy = 'None'; }),
    [required('spec.dnsConfig', 'must provide `dnsConfig` when `dnsPolicy` is None')]],
  ['dnsPolicy None without nameservers', pod((p) => { p.spec.dnsPolicy = 'None'; p.spec.dnsConfig = { searches: ['example.com'] }; }),
    [required('spec.dnsConfig.nameservers', 'must provide at least one DNS nameserver when `dnsPolicy` is None')]],
  ['four nameservers', pod((p) => { p.spec.dnsConfig = { nameservers: ['1.1.1.1', '1.0.0.1', '8.8.8.8', '8.8.4.4'] }; }),
    [invalid('spec.dnsConfig.nameservers', ['1.1.1.1', '1.0.0.1', '8.8.8.8', '8.8.4.4'], 'must not have more than 3 nameservers')]],
  ['a nameserver that is not an IP', pod((p) => { p.spec.dnsConfig = { nameservers: ['dns.google'] }; }),
    [invalid('spec.dnsConfig.nameservers[0]', 'dns.google', 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')]],
  ['33 search domains', pod((p) => { p.spec.dnsConfig = { searches: Array.from({ length: 33 }, (_, i) => `d${i}.example`) }; }),
    [invalid('spec.dnsConfig.searches', Array.from({ length: 33 }, (_, i) => `d${i}.example`), 'must not have more than 32 search paths')]],
  ['a search list over 2048 characters', pod((p) => { p.spec.dnsConfig = { searches: Array.from({ length: 9 }, () => 'a'.repeat(230)) }; }),
    [invalid('spec.dnsConfig.searches', Array.from({ length: 9 }, () => 'a'.repeat(230)),
      'must not have more than 2048 characters (including spaces) in the search list')]],
  ['a search domain with upper case', pod((p) => { p.spec.dnsConfig = { searches: ['Example.com.'] }; }),
    [invalid('spec.dnsConfig.searches[0]', 'Example.com', searchMessage())]],
  ['a resolver option without a name', pod((p) => { p.spec.dnsConfig = { options: [{ name: '' }] }; }),
    [required('spec.dnsConfig.options[0]', 'must not be empty')]],
  ['a nodeName that is not a DNS subdomain', pod((p) => { p.spec.nodeName = 'Node_A'; }),
    expectedInvalid('spec.nodeName', 'Node_A', isDNS1123Subdomain('Node_A'))],
  ['a hostname that is not a DNS label', pod((p) => { p.spec.hostname = 'Web_0'; }),
    expectedInvalid('spec.hostname', 'Web_0', isDNS1123Label('Web_0'))],
  ['a subdomain that is not a DNS label', pod((p) => { p.spec.subdomain = 'Web_Svc'; }),
    expectedInvalid('spec.subdomain', 'Web_Svc', isDNS1123Label('Web_Svc'))],
  ['a podIP that is not an IP (reported on podIPs)', pod((p) => { p.status = { podIP: '10.244.1' }; }),
    [invalid('status.podIPs[0]', '10.244.1', 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')]],
  ['a podIP that differs from podIPs[0] wins', pod((p) => { p.status = { podIP: 'bad', podIPs: [{ ip: '10.244.1.5' }] }; }),
    [invalid('status.podIPs[0]', 'bad', 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')]],
  ['two IPv4 pod IPs', pod((p) => { p.status = { podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }, { ip: '10.244.1.6' }] }; }),
    [invalid('status.podIPs', [{ ip: '10.244.1.5' }, { ip: '10.244.1.6' }], 'may specify no more than one IP for each IP family')]],
  ['three pod IPs', pod((p) => { p.status = { podIPs: [{ ip: '10.244.1.5' }, { ip: 'fd00::5' }, { ip: 'fd00::6' }] }; }),
    [invalid('status.podIPs', [{ ip: '10.244.1.5' }, { ip: 'fd00::5' }, { ip: 'fd00::6' }], 'may specify no more than one IP for each IP family')]],
  ['one pod IP listed twice', pod((p) => { p.status = { podIPs: [{ ip: 'fd00::5' }, { ip: 'fd00::5' }] }; }), [
    invalid('status.podIPs', [{ ip: 'fd00::5' }, { ip: 'fd00::5' }], 'may specify no more than one IP for each IP family'),
    { field: 'status.podIPs[1]', type: 'Duplicate', value: { ip: 'fd00::5' }, message: '' },
  ]],
];

describe('validatePod refuses', () => {
  it.each(refused)('%s', (_, input, errors) => {
    expect(validatePod(input)).toEqual(errors);
  });
});

describe('validatePod never throws', () => {
  it.each([
    ['no spec', { metadata: { name: 'a', namespace: ns } }],
    ['null containers and ports', { metadata: { name: 'a', namespace: ns }, spec: { containers: [null, { name: 'b', ports: [null] }] } }],
    ['null status entries', { metadata: { name: 'a', namespace: ns }, spec: { containers: [] }, status: { podIPs: [null, null] } }],
  ])('%s', (_, input) => {
    expect(() => validatePod(input as never)).not.toThrow();
  });
});
