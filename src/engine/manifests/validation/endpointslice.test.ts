import { describe, expect, it } from 'vitest';
import type { EndpointSlice } from '../../model/k8s';
import { invalid, required, type FieldError } from '../field-errors';
import { validateEndpointSlice } from './endpointslice';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from './names';
import { makeEndpointSlice } from './test-builders-slices';

const ns = 'default';
const podIP = '10.244.1.5';
const podIPv6 = 'fd00:10:244:1::5';
const slice = (mutate: (s: EndpointSlice) => void) => makeEndpointSlice(ns, 'web-abc12', mutate);
const addressAt = 'endpoints[0].addresses[0]';
const setAddress = (addressType: EndpointSlice['addressType'], address: string) => slice((s) => {
  s.addressType = addressType;
  s.endpoints[0]!.addresses = [address];
});
const many = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
const expectedInvalid = (field: string, value: string, msgs: string[]): FieldError[] => msgs.map((m) => invalid(field, value, m));

interface Case { behaviour: string; input: EndpointSlice; errors: FieldError[] }

const accepted: Omit<Case, 'errors'>[] = [
  { behaviour: 'the slice the EndpointSlice controller writes', input: slice(() => {}) },
  { behaviour: 'an IPv6 slice of IPv6 addresses', input: setAddress('IPv6', podIPv6) },
  { behaviour: 'an FQDN slice of a domain name', input: setAddress('FQDN', 'db.example.com') },
  { behaviour: 'an FQDN with the root dot', input: setAddress('FQDN', 'db.example.com.') },
  { behaviour: 'IPv4 octets with leading zeros (ParseIPSloppy)', input: setAddress('IPv4', '010.244.001.005') },
  { behaviour: 'an IPv4-mapped IPv6 address counts as IPv4', input: setAddress('IPv4', '::ffff:10.244.1.5') },
  { behaviour: 'exactly 1000 endpoints', input: slice((s) => { s.endpoints = many(1000, () => ({ addresses: [podIP] })); }) },
  { behaviour: 'exactly 100 addresses', input: slice((s) => { s.endpoints[0]!.addresses = many(100, () => podIP); }) },
  { behaviour: 'a hostname that is a DNS label', input: slice((s) => { s.endpoints[0]!.hostname = 'web-0'; }) },
  { behaviour: 'a dotted nodeName (a DNS subdomain)', input: slice((s) => { s.endpoints[0]!.nodeName = 'node-a.example.com'; }) },
  { behaviour: 'any zone (the API server does not check it)', input: slice((s) => { s.endpoints[0]!.zone = 'Zone A!'; }) },
  {
    behaviour: 'eight zone hints and eight node hints',
    input: slice((s) => {
      s.endpoints[0]!.hints = { forZones: many(8, (i) => ({ name: `zone-${i}` })), forNodes: many(8, (i) => ({ name: `node-${i}` })) };
    }),
  },
  { behaviour: 'one unnamed port', input: slice((s) => { s.ports = [{ name: '', protocol: 'UDP', port: 53 }]; }) },
  { behaviour: 'a port with no number ("all ports")', input: slice((s) => { s.ports = [{ name: '', protocol: 'TCP' }]; }) },
  { behaviour: 'any port number (the API server does not range-check it)', input: slice((s) => { s.ports![0]!.port = 70000; }) },
  { behaviour: 'an SCTP port', input: slice((s) => { s.ports![0]!.protocol = 'SCTP'; }) },
  { behaviour: 'a prefixed appProtocol', input: slice((s) => { s.ports![0]!.appProtocol = 'kubernetes.io/h2c'; }) },
  { behaviour: 'an empty ports list', input: slice((s) => { s.ports = []; }) },
];

describe('validateEndpointSlice accepts', () => {
  it.each(accepted)('$behaviour', ({ input }) => {
    expect(validateEndpointSlice(input)).toEqual([]);
  });
});

const refused: Case[] = [
  {
    behaviour: 'a name that is not a DNS subdomain',
    input: makeEndpointSlice(ns, 'Web_Slice'),
    errors: expectedInvalid('metadata.name', 'Web_Slice', isDNS1123Subdomain('Web_Slice')),
  },
  {
    behaviour: 'a service-name label value with a space',
    input: slice((s) => { s.metadata.labels!['kubernetes.io/service-name'] = 'web app'; }),
    errors: expectedInvalid('metadata.labels', 'web app', isValidLabelValue('web app')),
  },
  {
    behaviour: 'a managed-by label value over 63 characters',
    input: slice((s) => { s.metadata.labels!['endpointslice.kubernetes.io/managed-by'] = 'x'.repeat(64); }),
    errors: expectedInvalid('metadata.labels', 'x'.repeat(64), isValidLabelValue('x'.repeat(64))),
  },
  { behaviour: 'a missing addressType', input: slice((s) => { s.addressType = '' as never; }), errors: [required('addressType')] },
  {
    behaviour: 'the deprecated addressType IP',
    input: slice((s) => { s.addressType = 'IP' as never; }),
    errors: [{ field: 'addressType', type: 'NotSupported', value: 'IP', message: 'supported values: "FQDN", "IPv4", "IPv6"' }],
  },
  {
    behaviour: 'more than 1000 endpoints, reported once',
    input: slice((s) => { s.endpoints = many(1001, () => ({ addresses: ['not-an-ip'] })); }),
    errors: [{ field: 'endpoints', type: 'TooMany', value: 1001, message: 'must have at most 1000 items' }],
  },
  {
    behaviour: 'an endpoint without addresses',
    input: slice((s) => { s.endpoints[0]!.addresses = []; }),
    errors: [required('endpoints[0].addresses', 'must contain at least 1 address')],
  },
  {
    behaviour: 'an endpoint with 101 addresses',
    input: slice((s) => { s.endpoints[0]!.addresses = many(101, () => podIP); }),
    errors: [{ field: 'endpoints[0].addresses', type: 'TooMany', value: 101, message: 'must have at most 100 items' }],
  },
  { behaviour: 'an IPv6 address in an IPv4 slice', input: setAddress('IPv4', podIPv6), errors: [invalid(addressAt, podIPv6, 'must be a valid IPv4 address')] },
  { behaviour: 'an IPv4 address in an IPv6 slice', input: setAddress('IPv6', podIP), errors: [invalid(addressAt, podIP, 'must be a valid IPv6 address')] },
  {
    behaviour: 'a hostname in an IPv4 slice (two errors, as the API server gives)',
    input: setAddress('IPv4', 'web-0'),
    errors: [invalid(addressAt, 'web-0', 'must be a valid IPv4 address'), invalid(addressAt, 'web-0', 'must be a valid IP address')],
  },
  { behaviour: 'the unspecified IPv4 address', input: setAddress('IPv4', '0.0.0.0'), errors: [invalid(addressAt, '0.0.0.0', 'may not be unspecified (0.0.0.0)')] },
  { behaviour: 'the unspecified IPv6 address', input: setAddress('IPv6', '::'), errors: [invalid(addressAt, '::', 'may not be unspecified (::)')] },
  {
    behaviour: 'an IPv4 loopback address',
    input: setAddress('IPv4', '127.0.0.53'),
    errors: [invalid(addressAt, '127.0.0.53', 'may not be in the loopback range (127.0.0.0/8, ::1/128)')],
  },
  { behaviour: 'the IPv6 loopback address', input: setAddress('IPv6', '::1'), errors: [invalid(addressAt, '::1', 'may not be in the loopback range (127.0.0.0/8, ::1/128)')] },
  {
    behaviour: 'the cloud metadata address (IPv4 link-local)',
    input: setAddress('IPv4', '169.254.169.254'),
    errors: [invalid(addressAt, '169.254.169.254', 'may not be in the link-local range (169.254.0.0/16, fe80::/10)')],
  },
  {
    behaviour: 'an IPv6 link-local address',
    input: setAddress('IPv6', 'fe80::1'),
    errors: [invalid(addressAt, 'fe80::1', 'may not be in the link-local range (169.254.0.0/16, fe80::/10)')],
  },
  {
    behaviour: 'the mDNS group (IPv4 link-local multicast)',
    input: setAddress('IPv4', '224.0.0.251'),
    errors: [invalid(addressAt, '224.0.0.251', 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)')],
  },
  {
    behaviour: 'the all-nodes group (IPv6 link-local multicast)',
    input: setAddress('IPv6', 'ff02::1'),
    errors: [invalid(addressAt, 'ff02::1', 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)')],
  },
  { behaviour: 'an empty FQDN', input: setAddress('FQDN', ''), errors: [required(addressAt)] },
  {
    behaviour: 'a single-label FQDN',
    input: setAddress('FQDN', 'localhost.'),
    errors: [invalid(addressAt, 'localhost', 'should be a domain with at least two segments separated by dots')],
  },
  {
    behaviour: 'an FQDN with upper case (messages joined by commas)',
    input: setAddress('FQDN', 'DB.example.com'),
    errors: [invalid(addressAt, 'DB.example.com', isDNS1123Subdomain('DB.example.com').join(','))],
  },
  {
    behaviour: 'an FQDN label over 63 characters (reported with the label)',
    input: setAddress('FQDN', `${'a'.repeat(64)}.com`),
    errors: [invalid(addressAt, 'a'.repeat(64), isDNS1123Label('a'.repeat(64)).join(','))],
  },
  {
    behaviour: 'a nodeName that is not a DNS subdomain',
    input: slice((s) => { s.endpoints[0]!.nodeName = 'Node_A'; }),
    errors: expectedInvalid('endpoints[0].nodeName', 'Node_A', isDNS1123Subdomain('Node_A')),
  },
  {
    behaviour: 'a hostname that is not a DNS label',
    input: slice((s) => { s.endpoints[0]!.hostname = 'Web_0'; }),
    errors: expectedInvalid('endpoints[0].hostname', 'Web_0', isDNS1123Label('Web_0')),
  },
  {
    behaviour: 'nine zone hints, reported once (node hints then unchecked)',
    input: slice((s) => { s.endpoints[0]!.hints = { forZones: many(9, (i) => ({ name: `zone-${i}` })), forNodes: [{ name: 'Bad_Node' }] }; }),
    errors: [{ field: 'endpoints[0].hints.forZones', type: 'TooMany', value: 9, message: 'must have at most 8 items' }],
  },
  {
    behaviour: 'a zone hinted twice',
    input: slice((s) => { s.endpoints[0]!.hints = { forZones: [{ name: 'zone-a' }, { name: 'zone-a' }] }; }),
    errors: [{ field: 'endpoints[0].hints.forZones[1].name', type: 'Duplicate', value: 'zone-a', message: '' }],
  },
  {
    behaviour: 'a zone hint that is not a label value',
    input: slice((s) => { s.endpoints[0]!.hints = { forZones: [{ name: 'zone a' }] }; }),
    errors: expectedInvalid('endpoints[0].hints.forZones[0].name', 'zone a', isValidLabelValue('zone a')),
  },
  {
    behaviour: 'nine node hints',
    input: slice((s) => { s.endpoints[0]!.hints = { forNodes: many(9, (i) => ({ name: `node-${i}` })) }; }),
    errors: [{ field: 'endpoints[0].hints.forNodes', type: 'TooMany', value: 9, message: 'must have at most 8 items' }],
  },
  {
    behaviour: 'a node hinted twice',
    input: slice((s) => { s.endpoints[0]!.hints = { forNodes: [{ name: 'node-a' }, { name: 'node-a' }] }; }),
    errors: [{ field: 'endpoints[0].hints.forNodes[1].name', type: 'Duplicate', value: 'node-a', message: '' }],
  },
  {
    behaviour: 'a node hint that is not a node name',
    input: slice((s) => { s.endpoints[0]!.hints = { forNodes: [{ name: 'Node_A' }] }; }),
    errors: expectedInvalid('endpoints[0].hints.forNodes[0].name', 'Node_A', isDNS1123Subdomain('Node_A')),
  },
  {
    behaviour: 'more than 20000 ports, reported once',
    input: slice((s) => { s.ports = many(20001, () => ({ name: 'HTTP', protocol: 'TCP' })); }),
    errors: [{ field: 'ports', type: 'TooMany', value: 20001, message: 'must have at most 20000 items' }],
  },
  {
    behaviour: 'a port name that is not a DNS label',
    input: slice((s) => { s.ports![0]!.name = 'HTTP'; }),
    errors: expectedInvalid('ports[0].name', 'HTTP', isDNS1123Label('HTTP')),
  },
  {
    behaviour: 'two ports with the same name',
    input: slice((s) => { s.ports = [{ name: 'http', protocol: 'TCP', port: 80 }, { name: 'http', protocol: 'UDP', port: 80 }]; }),
    errors: [{ field: 'ports[1].name', type: 'Duplicate', value: 'http', message: '' }],
  },
  {
    behaviour: 'two unnamed ports',
    input: slice((s) => { s.ports = [{ name: '', protocol: 'TCP', port: 80 }, { name: '', protocol: 'TCP', port: 443 }]; }),
    errors: [{ field: 'ports[1].name', type: 'Duplicate', value: '', message: '' }],
  },
  {
    behaviour: 'a protocol the API does not know',
    input: slice((s) => { s.ports![0]!.protocol = 'ICMP' as never; }),
    errors: [{ field: 'ports[0].protocol', type: 'NotSupported', value: 'ICMP', message: 'supported values: "SCTP", "TCP", "UDP"' }],
  },
  {
    behaviour: 'an undefaulted port with no protocol (defaulting fills TCP)',
    input: slice((s) => { delete s.ports![0]!.protocol; }),
    errors: [required('ports[0].protocol')],
  },
  {
    behaviour: 'an appProtocol that is not a qualified name',
    input: slice((s) => { s.ports![0]!.appProtocol = 'h2c!'; }),
    errors: expectedInvalid('ports[0].appProtocol', 'h2c!', isQualifiedName('h2c!')),
  },
];

describe('validateEndpointSlice refuses', () => {
  it.each(refused)('$behaviour', ({ input, errors }) => {
    expect(errors.length).toBeGreaterThan(0);
    expect(validateEndpointSlice(input)).toEqual(errors);
  });
});

describe('validateEndpointSlice never throws', () => {
  it.each([
    ['no endpoints field', { metadata: { name: 'a', namespace: ns }, addressType: 'IPv4' }],
    ['null endpoint and port entries', { metadata: { name: 'a', namespace: ns }, addressType: 'IPv4', endpoints: [null], ports: [null] }],
    ['an address that is not a string', { metadata: { name: 'a', namespace: ns }, addressType: 'IPv4', endpoints: [{ addresses: [42] }] }],
  ])('%s', (_, input) => {
    expect(() => validateEndpointSlice(input as never)).not.toThrow();
  });
});
