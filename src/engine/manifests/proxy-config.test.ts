import { describe, expect, it } from 'vitest';
import { renderFieldError } from './field-errors';
import { defaultClusterSpec } from './cluster-config';
import { readProxyConfig } from './proxy-config';
import type { ClusterSpec, ProxyConfig } from '../model/cluster';
import type { KubeProxyConfiguration } from '../model/k8s';

const dualStack: ClusterSpec = { ...defaultClusterSpec(), podCIDRs: ['10.244.0.0/16', 'fd00:10:244::/56'] as ClusterSpec['podCIDRs'] };

const makeProxy = (fields: Record<string, unknown>): KubeProxyConfiguration =>
  ({ apiVersion: 'kubeproxy.config.k8s.io/v1alpha1', kind: 'KubeProxyConfiguration', ...fields }) as KubeProxyConfiguration;

const read = (fields: Record<string, unknown>) => {
  const { config, errors } = readProxyConfig(makeProxy(fields), dualStack);
  return { config, errors: errors.map(renderFieldError) };
};

const kubeadm: ProxyConfig = {
  mode: 'iptables', clusterCIDRs: dualStack.podCIDRs, detectLocalMode: 'ClusterCIDR', bridgeInterface: '',
  interfaceNamePrefix: '', masqueradeAll: false, masqueradeBit: 14, localhostNodePorts: true, nodePortAddresses: [],
  ipvsScheduler: 'rr',
};

describe('readProxyConfig: defaults', () => {
  it('without a document: kube-proxy as kubeadm configures it, clusterCIDR the pod CIDRs', () => {
    expect(readProxyConfig(undefined, dualStack)).toEqual({ config: kubeadm, errors: [] });
  });
  it('an empty document: v1alpha1 and platform defaults, the document kept', () => {
    const doc = makeProxy({});
    expect(readProxyConfig(doc, dualStack)).toEqual({ config: { ...kubeadm, source: doc }, errors: [] });
  });
  it('blank mode and detectLocalMode are iptables and ClusterCIDR', () => {
    expect(read({ mode: '', detectLocalMode: '' }).config).toMatchObject({ mode: 'iptables', detectLocalMode: 'ClusterCIDR' });
  });
});

describe('readProxyConfig: valid settings', () => {
  const cases: { name: string; fields: Record<string, unknown>; expected: Partial<ProxyConfig> }[] = [
    { name: 'explicit empty clusterCIDR means none', fields: { clusterCIDR: '' }, expected: { clusterCIDRs: [] } },
    { name: 'clusterCIDR, one', fields: { clusterCIDR: '10.0.0.0/8' }, expected: { clusterCIDRs: ['10.0.0.0/8'] as ProxyConfig['clusterCIDRs'] } },
    { name: 'clusterCIDR, dual-stack pair', fields: { clusterCIDR: '10.0.0.0/8,fd00::/48' },
      expected: { clusterCIDRs: ['10.0.0.0/8', 'fd00::/48'] as ProxyConfig['clusterCIDRs'] } },
    { name: 'clusterCIDR with host bits, masked', fields: { clusterCIDR: '10.244.1.7/16' },
      expected: { clusterCIDRs: ['10.244.0.0/16'] as ProxyConfig['clusterCIDRs'] } },
    { name: 'bad clusterCIDR ignored when not the detector', fields: { clusterCIDR: 'nope', detectLocalMode: 'NodeCIDR' },
      expected: { clusterCIDRs: [], detectLocalMode: 'NodeCIDR' } },
    { name: 'mode ipvs', fields: { mode: 'ipvs' }, expected: { mode: 'ipvs', ipvsScheduler: 'rr' } },
    { name: 'ipvs scheduler', fields: { mode: 'ipvs', ipvs: { scheduler: 'sh' } }, expected: { ipvsScheduler: 'sh' } },
    { name: 'scheduler unchecked outside ipvs mode', fields: { ipvs: { scheduler: 'mh' } }, expected: { ipvsScheduler: 'mh' } },
    { name: 'bridge interface', fields: { detectLocalMode: 'BridgeInterface', detectLocal: { bridgeInterface: 'cni0' } },
      expected: { detectLocalMode: 'BridgeInterface', bridgeInterface: 'cni0' } },
    { name: 'interface name prefix', fields: { detectLocalMode: 'InterfaceNamePrefix', detectLocal: { interfaceNamePrefix: 'veth' } },
      expected: { detectLocalMode: 'InterfaceNamePrefix', interfaceNamePrefix: 'veth' } },
    { name: 'iptables settings', fields: { iptables: { masqueradeAll: true, masqueradeBit: 0, localhostNodePorts: false } },
      expected: { masqueradeAll: true, masqueradeBit: 0, localhostNodePorts: false } },
    { name: 'nftables reads its own masquerade settings', fields: {
      mode: 'nftables', iptables: { masqueradeAll: true, masqueradeBit: 3 }, nftables: { masqueradeAll: false, masqueradeBit: 9 } },
    expected: { mode: 'nftables', masqueradeAll: false, masqueradeBit: 9 } },
    { name: 'nftables serves node ports on the primary IPs by default', fields: { mode: 'nftables' }, expected: { nodePortAddresses: ['primary'] } },
    { name: 'node port CIDRs', fields: { nodePortAddresses: ['192.168.10.0/24', '127.0.0.1/32'] },
      expected: { nodePortAddresses: ['192.168.10.0/24', '127.0.0.1/32'] } },
    { name: 'node ports on primary', fields: { nodePortAddresses: ['primary'] }, expected: { nodePortAddresses: ['primary'] } },
  ];
  it.each(cases)('$name', ({ fields, expected }) => {
    const result = read(fields);
    expect(result.errors).toEqual([]);
    expect(result.config).toMatchObject(expected);
  });
});

describe('readProxyConfig: invalid settings', () => {
  const pair = 'must be a either a single CIDR or dual-stack pair of CIDRs (e.g. [10.100.0.0/16, fde4:8dba:82e1::/48]';
  const cases: { name: string; fields: Record<string, unknown>; errors: string[] }[] = [
    { name: 'unknown mode', fields: { mode: 'userspace' },
      errors: ['mode: Invalid value: "userspace": must be iptables, ipvs, nftables or blank (blank means the best-available proxy [currently iptables])'] },
    { name: 'unknown detectLocalMode', fields: { detectLocalMode: 'Guess' },
      errors: ['detectLocalMode: Unsupported value: "Guess": supported values: "ClusterCIDR", "NodeCIDR", "BridgeInterface", "InterfaceNamePrefix", ""'] },
    { name: 'BridgeInterface without a bridge', fields: { detectLocalMode: 'BridgeInterface', detectLocal: { interfaceNamePrefix: 'eth' } },
      errors: ['detectLocal.bridgeInterface: Invalid value: "": must not be empty'] },
    { name: 'InterfaceNamePrefix without a prefix', fields: { detectLocalMode: 'InterfaceNamePrefix' },
      errors: ['detectLocal.interfaceNamePrefix: Invalid value: "": must not be empty'] },
    { name: 'clusterCIDR not a CIDR', fields: { clusterCIDR: '10.0.0.0' },
      errors: ['clusterCIDR: Invalid value: "10.0.0.0": must be a valid CIDR block (e.g. 10.100.0.0/16 or fde4:8dba:82e1::/48)'] },
    { name: 'three clusterCIDRs', fields: { clusterCIDR: '10.0.0.0/8,fd00::/48,192.168.0.0/16' },
      errors: [`clusterCIDR: Invalid value: "10.0.0.0/8,fd00::/48,192.168.0.0/16": ${pair}`] },
    { name: 'two IPv4 clusterCIDRs', fields: { clusterCIDR: '10.0.0.0/8,192.168.0.0/16' },
      errors: [`clusterCIDR: Invalid value: "10.0.0.0/8,192.168.0.0/16": ${pair}`] },
    { name: 'masqueradeBit above 31', fields: { iptables: { masqueradeBit: 32 } },
      errors: ['iptables.masqueradeBit: Invalid value: 32: must be within the range [0, 31]'] },
    { name: 'masqueradeBit below 0', fields: { iptables: { masqueradeBit: -1 } },
      errors: ['iptables.masqueradeBit: Invalid value: -1: must be within the range [0, 31]'] },
    { name: 'nftables masqueradeBit', fields: { mode: 'nftables', nftables: { masqueradeBit: 40 } },
      errors: ['nftables.masqueradeBit: Invalid value: 40: must be within the range [0, 31]'] },
    { name: 'node port address not a CIDR', fields: { nodePortAddresses: ['10.0.0.0/8', '10.20.30.40'] },
      errors: ['nodePortAddresses[1]: Invalid value: "10.20.30.40": must be a valid CIDR'] },
    { name: 'primary with CIDRs', fields: { nodePortAddresses: ['127.0.0.1/32', 'primary'] },
      errors: ['nodePortAddresses[1]: Invalid value: "primary": can\'t use both \'primary\' and CIDRs'] },
    { name: 'unknown ipvs scheduler', fields: { mode: 'ipvs', ipvs: { scheduler: 'maglev' } },
      errors: ['ipvs.scheduler: Invalid value: "maglev": must be in [rr wrr lc wlc lblc lblcr sh dh sed nq ], blank means the default algorithm method (currently rr)'] },
    { name: 'a wrong JSON type stops at decoding', fields: { mode: 5, iptables: { masqueradeBit: 99 } },
      errors: ['mode: Invalid value: 5: must be of type string'] },
  ];
  it.each(cases)('$name', ({ fields, errors }) => {
    const result = read(fields);
    expect(result.errors).toEqual(errors);
    expect(result.config).toEqual(kubeadm);
  });
});
