import { describe, expect, it } from 'vitest';
import { renderFieldError } from './field-errors';
import { defaultClusterSpec, readClusterSpec } from './cluster-config';
import type { ClusterSpec } from '../model/cluster';

const makeCluster = (spec: Record<string, unknown>) =>
  ({ apiVersion: 'kubehops.dev/v1alpha1', kind: 'Cluster', metadata: { name: 'demo' }, spec });

const read = (spec: Record<string, unknown>) => {
  const { spec: out, errors } = readClusterSpec(makeCluster(spec));
  return { spec: out, errors: errors.map(renderFieldError) };
};

const DNS1123_SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe('readClusterSpec: defaults are a kubeadm cluster', () => {
  const kubeadm: ClusterSpec = {
    serviceCIDRs: ['10.96.0.0/12'], podCIDRs: ['10.244.0.0/16'], serviceNodePortRange: { min: 30000, max: 32767 },
    cni: { model: 'direct' }, cloud: { provider: 'none' },
    dns: {
      zones: ['cluster.local'], pods: 'insecure', ttl: 5, namespaces: [], ignoreEmptyService: false,
      endpointPodNames: false, fallthrough: false, upstream: [],
    },
    clients: [],
  } as unknown as ClusterSpec;
  it.each([
    ['no Cluster document', undefined],
    ['a Cluster without spec', { apiVersion: 'kubehops.dev/v1alpha1', kind: 'Cluster', metadata: { name: 'x' } }],
    ['empty fields', makeCluster({ serviceCIDRs: [], podCIDRs: [], serviceNodePortRange: '', cni: { model: '' }, dns: {} })],
  ])('%s', (_, doc) => {
    expect(readClusterSpec(doc)).toEqual({ spec: kubeadm, errors: [] });
  });
});

describe('readClusterSpec: valid settings are read', () => {
  const cases: { name: string; spec: Record<string, unknown>; expected: Partial<ClusterSpec> }[] = [
    { name: 'dual-stack services, IPv4 primary', spec: { serviceCIDRs: ['10.96.0.0/12', 'fd00:10:96::/108'] },
      expected: { serviceCIDRs: ['10.96.0.0/12', 'fd00:10:96::/108'] as ClusterSpec['serviceCIDRs'] } },
    { name: 'IPv6 primary', spec: { serviceCIDRs: ['fd00:10:96::/112', '10.96.0.0/16'] },
      expected: { serviceCIDRs: ['fd00:10:96::/112', '10.96.0.0/16'] as ClusterSpec['serviceCIDRs'] } },
    { name: 'smallest service CIDR', spec: { serviceCIDRs: ['10.96.0.0/28'] },
      expected: { serviceCIDRs: ['10.96.0.0/28'] as ClusterSpec['serviceCIDRs'] } },
    { name: 'dual-stack pods', spec: { podCIDRs: ['10.244.0.0/16', 'fd00:10:244::/56'] },
      expected: { podCIDRs: ['10.244.0.0/16', 'fd00:10:244::/56'] as ClusterSpec['podCIDRs'] } },
    { name: 'pod CIDR of one node', spec: { podCIDRs: ['10.244.0.0/24'] },
      expected: { podCIDRs: ['10.244.0.0/24'] as ClusterSpec['podCIDRs'] } },
    { name: 'node ports N-M', spec: { serviceNodePortRange: '30000-30100' }, expected: { serviceNodePortRange: { min: 30000, max: 30100 } } },
    { name: 'node ports N+K', spec: { serviceNodePortRange: '20000+99' }, expected: { serviceNodePortRange: { min: 20000, max: 20099 } } },
    { name: 'node ports N', spec: { serviceNodePortRange: '30080' }, expected: { serviceNodePortRange: { min: 30080, max: 30080 } } },
    { name: 'cni', spec: { cni: { model: 'vxlan' } }, expected: { cni: { model: 'vxlan' } } },
    { name: 'cloud', spec: { cloud: { provider: 'metallb' } }, expected: { cloud: { provider: 'metallb' } } },
    { name: 'clients', spec: { clients: [{ name: 'laptop', ip: '203.0.113.10' }, { name: 'v6', ip: '2001:db8::10' }] },
      expected: { clients: [{ name: 'laptop', ip: '203.0.113.10' }, { name: 'v6', ip: '2001:db8::10' }] as ClusterSpec['clients'] } },
  ];
  it.each(cases)('$name', ({ spec, expected }) => {
    const result = read(spec);
    expect(result.errors).toEqual([]);
    expect(result.spec).toMatchObject(expected);
  });
});

describe('readClusterSpec: invalid settings are refused with their field path', () => {
  const cases: { name: string; spec: Record<string, unknown>; errors: string[] }[] = [
    { name: 'not a CIDR', spec: { serviceCIDRs: ['10.96.0.0/12', 'fd00::/abc'] },
      errors: ['spec.serviceCIDRs[1]: Invalid value: "fd00::/abc": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'] },
    { name: 'host bits set', spec: { serviceCIDRs: ['10.96.0.1/12'] },
      errors: ['spec.serviceCIDRs[0]: Invalid value: "10.96.0.1/12": must not have bits set beyond the prefix length'] },
    { name: 'leading zeros', spec: { podCIDRs: ['010.244.0.0/16'] },
      errors: ['spec.podCIDRs[0]: Invalid value: "010.244.0.0/16": must not have leading 0s in IP or prefix length'] },
    { name: 'not canonical', spec: { serviceCIDRs: ['FD00::/108'] },
      errors: ['spec.serviceCIDRs[0]: Invalid value: "FD00::/108": must be in canonical form ("fd00::/108")'] },
    { name: 'three service CIDRs', spec: { serviceCIDRs: ['10.96.0.0/12', 'fd00::/108', '10.112.0.0/12'] },
      errors: ['spec.serviceCIDRs: Invalid value: ["10.96.0.0/12","fd00::/108","10.112.0.0/12"]: may only hold up to 2 values'] },
    { name: 'two IPv4 service CIDRs', spec: { serviceCIDRs: ['10.96.0.0/12', '10.112.0.0/12'] },
      errors: ['spec.serviceCIDRs: Invalid value: ["10.96.0.0/12","10.112.0.0/12"]: may specify no more than one IP for each IP family, i.e 192.168.0.0/24 and 2001:db8::/64'] },
    { name: 'two IPv6 pod CIDRs', spec: { podCIDRs: ['fd00:1::/56', 'fd00:2::/56'] },
      errors: ['spec.podCIDRs: Invalid value: ["fd00:1::/56","fd00:2::/56"]: may specify no more than one IP for each IP family, i.e 192.168.0.0/24 and 2001:db8::/64'] },
    { name: 'IPv4 service CIDR too large', spec: { serviceCIDRs: ['10.0.0.0/11'] },
      errors: ['spec.serviceCIDRs[0]: Invalid value: "10.0.0.0/11": specified service subnet is too large; for 32-bit addresses, the mask must be >= 12'] },
    { name: 'IPv6 service CIDR too large', spec: { serviceCIDRs: ['10.96.0.0/12', 'fd00::/107'] },
      errors: ['spec.serviceCIDRs[1]: Invalid value: "fd00::/107": specified service subnet is too large; for 128-bit addresses, the mask must be >= 108'] },
    { name: 'service CIDR too small', spec: { serviceCIDRs: ['10.96.0.0/29'] },
      errors: ['spec.serviceCIDRs[0]: Invalid value: "10.96.0.0/29": subnet with 8 address(es) is too small, the minimum is 10'] },
    { name: 'pod CIDR smaller than a node CIDR', spec: { podCIDRs: ['10.244.0.0/25'] },
      errors: ['spec.podCIDRs[0]: Invalid value: "10.244.0.0/25": the size of pod subnet with mask 25 is smaller than the size of node subnet with mask 24'] },
    { name: 'pod CIDR too many node CIDRs', spec: { podCIDRs: ['10.0.0.0/7'] },
      errors: ['spec.podCIDRs[0]: Invalid value: "10.0.0.0/7": pod subnet mask (7) and node-mask (24) difference is greater than 16'] },
    { name: 'node ports reversed', spec: { serviceNodePortRange: '32767-30000' },
      errors: ['spec.serviceNodePortRange: Invalid value: "32767-30000": end port cannot be less than start port: 32767-30000'] },
    { name: 'node ports past 65535', spec: { serviceNodePortRange: '30000-70000' },
      errors: ['spec.serviceNodePortRange: Invalid value: "30000-70000": the port range cannot be greater than 65535: 30000-70000'] },
    { name: 'node ports not numbers', spec: { serviceNodePortRange: 'low-high' },
      errors: ['spec.serviceNodePortRange: Invalid value: "low-high": strconv.Atoi: parsing "low": invalid syntax'] },
    { name: 'node ports both notations', spec: { serviceNodePortRange: '30000-30100+5' },
      errors: ['spec.serviceNodePortRange: Invalid value: "30000-30100+5": unable to parse port range: 30000-30100+5'] },
    { name: 'node port 0', spec: { serviceNodePortRange: '0-100' },
      errors: ['spec.serviceNodePortRange: Invalid value: "0-100": must be between 1 and 65535, inclusive'] },
    { name: 'unknown CNI', spec: { cni: { model: 'flannel' } },
      errors: ['spec.cni.model: Unsupported value: "flannel": supported values: "direct", "vxlan", "vpc"'] },
    { name: 'unknown cloud', spec: { cloud: { provider: 'openstack' } },
      errors: ['spec.cloud.provider: Unsupported value: "openstack": supported values: "none", "generic", "gcp", "azure", "aws", "metallb"'] },
    { name: 'client without a name', spec: { clients: [{ ip: '203.0.113.10' }] }, errors: ['spec.clients[0].name: Required value'] },
    { name: 'client name not a DNS subdomain', spec: { clients: [{ name: 'My_Laptop', ip: '203.0.113.10' }] },
      errors: [`spec.clients[0].name: Invalid value: "My_Laptop": ${DNS1123_SUBDOMAIN}`] },
    { name: 'client name twice', spec: { clients: [{ name: 'laptop', ip: '203.0.113.10' }, { name: 'laptop', ip: '203.0.113.11' }] },
      errors: ['spec.clients[1].name: Duplicate value: "laptop"'] },
    { name: 'client without an ip', spec: { clients: [{ name: 'laptop' }] }, errors: ['spec.clients[0].ip: Required value'] },
    { name: 'client ip not an address', spec: { clients: [{ name: 'laptop', ip: '203.0.113.300' }] },
      errors: ['spec.clients[0].ip: Invalid value: "203.0.113.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'] },
    { name: 'client ip not canonical', spec: { clients: [{ name: 'laptop', ip: '2001:DB8::10' }] },
      errors: ['spec.clients[0].ip: Invalid value: "2001:DB8::10": must be in canonical form ("2001:db8::10")'] },
    { name: 'client ip twice', spec: { clients: [{ name: 'a', ip: '203.0.113.10' }, { name: 'b', ip: '203.0.113.10' }] },
      errors: ['spec.clients[1].ip: Duplicate value: "203.0.113.10"'] },
    { name: 'a wrong JSON type stops at decoding', spec: { serviceCIDRs: '10.96.0.0/12', cni: { model: 'nope' } },
      errors: ['spec.serviceCIDRs: Invalid value: "10.96.0.0/12": must be of type array'] },
  ];
  it.each(cases)('$name', ({ spec, errors }) => {
    const result = read(spec);
    expect(result.errors).toEqual(errors);
    expect(result.spec).toEqual(defaultClusterSpec());
  });
});
