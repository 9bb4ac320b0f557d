import { describe, expect, it } from 'vitest';
import type { Endpoints } from '../../model/k8s';
import { FieldPath, invalid, required, type FieldError } from '../field-errors';
import { validateEndpoints } from './endpoints';
import { isValidCIDR, parseCIDRSloppy, parseIPSloppy } from './ip-syntax';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName } from './names';
import { makeEndpoints } from './test-builders-slices';

const ns = 'default';
const eps = (mutate: (e: Endpoints) => void) => makeEndpoints(ns, 'web', mutate);
const subset = (e: Endpoints) => e.subsets![0]!;
const ipAt = 'subsets[0].addresses[0].ip';
const expectedInvalid = (field: string, value: string, msgs: string[]): FieldError[] => msgs.map((m) => invalid(field, value, m));

const accepted: [string, Endpoints][] = [
  ['the Endpoints the endpoints controller writes', eps(() => {})],
  ['only not-ready addresses', eps((e) => { subset(e).notReadyAddresses = subset(e).addresses; delete subset(e).addresses; })],
  ['a headless subset with no ports', eps((e) => { delete subset(e).ports; })],
  ['one unnamed port', eps((e) => { subset(e).ports = [{ port: 53, protocol: 'UDP' }]; })],
  ['an IPv6 address', eps((e) => { subset(e).addresses![0]!.ip = 'fd00:10:244:1::5'; })],
  ['a hostname that is a DNS label', eps((e) => { subset(e).addresses![0]!.hostname = 'web-0'; })],
  ['a prefixed appProtocol', eps((e) => { subset(e).ports![0]!.appProtocol = 'kubernetes.io/ws'; })],
  ['no subsets at all', eps((e) => { e.subsets = []; })],
];

describe('validateEndpoints accepts', () => {
  it.each(accepted)('%s', (_, input) => {
    expect(validateEndpoints(input)).toEqual([]);
  });
});

const refused: [string, Endpoints, FieldError[]][] = [
  ['a name that is not a DNS subdomain', makeEndpoints(ns, 'Web_Svc'), expectedInvalid('metadata.name', 'Web_Svc', isDNS1123Subdomain('Web_Svc'))],
  [
    'a subset with no addresses of either kind',
    eps((e) => { subset(e).addresses = []; }),
    [required('subsets[0]', 'must specify `addresses` or `notReadyAddresses`')],
  ],
  [
    'an address that is not an IP (checked twice, as the API server does)',
    eps((e) => { subset(e).addresses![0]!.ip = 'web-0'; }),
    [invalid(ipAt, 'web-0', 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'), invalid(ipAt, 'web-0', 'must be a valid IP address')],
  ],
  [
    'a loopback address',
    eps((e) => { subset(e).addresses![0]!.ip = '127.0.0.1'; }),
    [invalid(ipAt, '127.0.0.1', 'may not be in the loopback range (127.0.0.0/8, ::1/128)')],
  ],
  [
    'a link-local not-ready address',
    eps((e) => { subset(e).notReadyAddresses = [{ ip: '169.254.1.1' }]; }),
    [invalid('subsets[0].notReadyAddresses[0].ip', '169.254.1.1', 'may not be in the link-local range (169.254.0.0/16, fe80::/10)')],
  ],
  [
    'a hostname that is not a DNS label',
    eps((e) => { subset(e).addresses![0]!.hostname = 'Web_0'; }),
    expectedInvalid('subsets[0].addresses[0].hostname', 'Web_0', isDNS1123Label('Web_0')),
  ],
  [
    'a nodeName that is not a DNS subdomain',
    eps((e) => { subset(e).addresses![0]!.nodeName = 'Node_A'; }),
    expectedInvalid('subsets[0].addresses[0].nodeName', 'Node_A', isDNS1123Subdomain('Node_A')),
  ],
  [
    'an unnamed port among several',
    eps((e) => { subset(e).ports = [{ name: 'http', port: 80, protocol: 'TCP' }, { port: 443, protocol: 'TCP' }]; }),
    [required('subsets[0].ports[1].name')],
  ],
  [
    'a port name that is not a DNS label',
    eps((e) => { subset(e).ports![0]!.name = 'HTTP'; }),
    expectedInvalid('subsets[0].ports[0].name', 'HTTP', isDNS1123Label('HTTP')),
  ],
  ['port 0', eps((e) => { subset(e).ports![0]!.port = 0; }), [invalid('subsets[0].ports[0].port', 0, 'must be between 1 and 65535, inclusive')]],
  ['port 65536', eps((e) => { subset(e).ports![0]!.port = 65536; }), [invalid('subsets[0].ports[0].port', 65536, 'must be between 1 and 65535, inclusive')]],
  ['an undefaulted port with no protocol', eps((e) => { delete subset(e).ports![0]!.protocol; }), [required('subsets[0].ports[0].protocol')]],
  [
    'a protocol the API does not know',
    eps((e) => { subset(e).ports![0]!.protocol = 'ICMP' as never; }),
    [{ field: 'subsets[0].ports[0].protocol', type: 'NotSupported', value: 'ICMP', message: 'supported values: "SCTP", "TCP", "UDP"' }],
  ],
  [
    'an appProtocol that is not a qualified name',
    eps((e) => { subset(e).ports![0]!.appProtocol = 'web socket'; }),
    expectedInvalid('subsets[0].ports[0].appProtocol', 'web socket', isQualifiedName('web socket')),
  ],
];

describe('validateEndpoints refuses', () => {
  it.each(refused)('%s', (_, input, errors) => {
    expect(validateEndpoints(input)).toEqual(errors);
  });
});

describe('the sloppy IP parsing the API server validates with', () => {
  it.each([
    ['10.0.0.1', 4], ['010.000.000.001', 4], ['::ffff:10.0.0.1', 4], ['fd00::1', 6], ['::10.0.0.1', 6],
  ] as const)('reads %s as IPv%d', (text, family) => {
    expect(parseIPSloppy(text)?.family).toBe(family);
  });
  it.each(['10.0.0', '10.0.0.256', 'fe80::1%eth0', '', 'node-a'])('refuses %j', (text) => {
    expect(parseIPSloppy(text)).toBeUndefined();
  });
  it('accepts a CIDR with host bits set, as ParseCIDRSloppy does', () => {
    expect(parseCIDRSloppy('10.244.1.7/24')?.family).toBe(4);
    expect(isValidCIDR(FieldPath.root('c'), '10.244.1.0/33')).toEqual([
      invalid('c', '10.244.1.0/33', 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'),
    ]);
  });
});
