// The topology of kube-proxy's TestOverallIPTablesRules (pkg/proxy/iptables/proxier_test.go)
// built with kubehops' builders, and the host NewFakeProxier fakes. Test data for the
// golden comparison with testdata/overall.txt and for the iptables-save tests.

import type { ClusterModel } from '../../../model/cluster';
import type { CIDR } from '../../../net/ip';
import { makeCluster, makeEndpointSlice, makeNode, makeService } from '../../test-builders';

export const testNodeName = 'test-node';
const testNodeIP = '192.168.0.2';

const p80 = { name: 'p80', port: 80, protocol: 'TCP' as const };
const epPort = [{ name: 'p80', port: 80, protocol: 'TCP' as const }];

/** NewFakeProxier: pod CIDR 10.0.0.0/8 as the local detector, localhost node ports, mark 0x4000. */
export function overallCluster(): ClusterModel {
  return makeCluster((c) => {
    c.proxy = { ...c.proxy, clusterCIDRs: ['10.0.0.0/8' as CIDR], detectLocalMode: 'ClusterCIDR', localhostNodePorts: true };
    c.nodes = [makeNode(testNodeName, (n) => { n.status!.addresses = [{ type: 'InternalIP', address: testNodeIP }]; })];
    c.services = [
      makeService('ns1', 'svc1', (s) => { s.spec.clusterIP = '172.30.0.41'; s.spec.ports = [p80]; }),
      makeService('ns2', 'svc2', (s) => {
        Object.assign(s.spec, { type: 'LoadBalancer', externalTrafficPolicy: 'Local', clusterIP: '172.30.0.42' });
        s.spec.ports = [{ ...p80, nodePort: 3001 }];
        s.status = { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } };
        s.spec.externalIPs = ['192.168.99.22'];
        s.spec.healthCheckNodePort = 30000;
      }),
      makeService('ns3', 'svc3', (s) => {
        Object.assign(s.spec, { type: 'NodePort', clusterIP: '172.30.0.43', ports: [{ ...p80, nodePort: 3003 }] });
      }),
      makeService('ns4', 'svc4', (s) => {
        Object.assign(s.spec, { type: 'NodePort', clusterIP: '172.30.0.44', externalIPs: ['192.168.99.33'] });
        s.spec.ports = [{ ...p80, targetPort: 80 }];
      }),
      makeService('ns5', 'svc5', (s) => {
        Object.assign(s.spec, { type: 'LoadBalancer', externalTrafficPolicy: 'Cluster', clusterIP: '172.30.0.45' });
        s.spec.ports = [{ ...p80, nodePort: 3002 }];
        s.status = { loadBalancer: { ingress: [{ ip: '5.6.7.8' }] } };
        s.spec.healthCheckNodePort = 30000;
        s.spec.loadBalancerSourceRanges = [' 203.0.113.0/25'];
        s.spec.sessionAffinity = 'ClientIP';
        s.spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
      }),
      makeService('ns6', 'svc6', (s) => { s.spec.clusterIP = '172.30.0.46'; s.spec.ports = [{ ...p80, targetPort: 80 }]; }),
    ];
    c.endpointSlices = [
      makeEndpointSlice('ns1', 'svc1', 1, (e) => { e.endpoints = [{ addresses: ['10.180.0.1'] }]; e.ports = epPort; }),
      // No nodeName: not local, so svc2 (Local policy) has no local endpoints here.
      makeEndpointSlice('ns2', 'svc2', 1, (e) => { e.endpoints = [{ addresses: ['10.180.0.2'] }]; e.ports = epPort; }),
      makeEndpointSlice('ns3', 'svc3', 1, (e) => { e.endpoints = [{ addresses: ['10.180.0.3'] }]; e.ports = epPort; }),
      makeEndpointSlice('ns4', 'svc4', 1, (e) => {
        e.endpoints = [{ addresses: ['10.180.0.4'] }, { addresses: ['10.180.0.5'], nodeName: testNodeName }];
        e.ports = epPort;
      }),
      makeEndpointSlice('ns5', 'svc5', 1, (e) => { e.endpoints = [{ addresses: ['10.180.0.3'] }]; e.ports = epPort; }),
    ];
  });
}

/** The host NewFakeProxier fakes: no --random-fully, nfacct counters present, mark 0x4000. */
export const fakeProxierOptions = { randomFully: false, nfacct: true, masqueradeMark: '0x4000' } as const;
