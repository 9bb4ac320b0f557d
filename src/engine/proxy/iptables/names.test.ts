import { describe, expect, it } from 'vitest';
import {
  portProtoHash, serviceExternalChainName, serviceFirewallChainName, servicePortEndpointChainName,
  servicePortPolicyClusterChain, servicePortPolicyLocalChainName,
} from './names';

// Known chain names from kube-proxy's pkg/proxy/iptables/proxier_test.go expectations.
describe('chain names', () => {
  it.each([
    ['ns1/svc1:p80', 'XPGD46QRK7WJZT7O'],
    ['ns2/svc2:p80', 'GNZBNJ2PO5MGZ6GT'],
    ['ns3/svc3:p80', 'X27LE4BHSL4DOUIK'],
    ['ns4/svc4:p80', '4SW47YFZTEDKD3PK'],
    ['ns5/svc5:p80', 'NUKIZ6OKUXPJNT4C'],
  ])('hashes %s/tcp', (spn, hash) => {
    expect(portProtoHash(spn, 'tcp')).toBe(hash);
    expect(servicePortPolicyClusterChain(spn, 'tcp')).toBe(`KUBE-SVC-${hash}`);
    expect(servicePortPolicyLocalChainName(spn, 'tcp')).toBe(`KUBE-SVL-${hash}`);
    expect(serviceExternalChainName(spn, 'tcp')).toBe(`KUBE-EXT-${hash}`);
    expect(serviceFirewallChainName(spn, 'tcp')).toBe(`KUBE-FW-${hash}`);
  });

  it.each([
    ['ns1/svc1:p80', '10.180.0.1:80', 'KUBE-SEP-SXIVWICOYRO3J4NJ'],
    ['ns2/svc2:p80', '10.180.0.2:80', 'KUBE-SEP-RS4RBKLTHTF2IUXJ'],
    ['ns3/svc3:p80', '10.180.0.3:80', 'KUBE-SEP-OYPFS5VJICHGATKP'],
    ['ns4/svc4:p80', '10.180.0.4:80', 'KUBE-SEP-UKSFD7AGPMPPLUHC'],
    ['ns4/svc4:p80', '10.180.0.5:80', 'KUBE-SEP-C6EBXVWJJZMIWKLZ'],
    ['ns5/svc5:p80', '10.180.0.3:80', 'KUBE-SEP-I77PXRDZVX7PMWMN'],
  ])('names the endpoint chain of %s -> %s', (spn, endpoint, chain) => {
    expect(servicePortEndpointChainName(spn, 'tcp', endpoint)).toBe(chain);
  });

  it('depends on the protocol', () => {
    expect(portProtoHash('ns1/svc1:p80', 'udp')).not.toBe(portProtoHash('ns1/svc1:p80', 'tcp'));
    expect(portProtoHash('ns1/svc1:p80', 'tcp')).toHaveLength(16);
  });
});
