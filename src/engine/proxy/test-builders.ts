// Builders for proxy tests, in the style of kube-proxy's makeTestService /
// makeTestEndpointSlice: a minimal object, then a function that fills in the case.

import type { ClusterModel, ProxyConfig } from '../model/cluster';
import type { EndpointSlice, Node, Service } from '../model/k8s';
import type { CIDR } from '../net/ip';
import { LABEL_SERVICE_NAME } from './endpoints-map';

export function makeService(namespace: string, name: string, fill: (svc: Service) => void = () => {}): Service {
  const svc: Service = {
    apiVersion: 'v1', kind: 'Service',
    metadata: { namespace, name },
    spec: { type: 'ClusterIP', ports: [], sessionAffinity: 'None' },
    status: { loadBalancer: {} },
  };
  fill(svc);
  // What the API server's defaulting would add, unless the case set it.
  const ip = svc.spec.clusterIP;
  if (ip && ip !== 'None' && !svc.spec.clusterIPs) svc.spec.clusterIPs = [ip];
  if (ip && ip !== 'None' && !svc.spec.ipFamilies) {
    svc.spec.ipFamilies = svc.spec.clusterIPs!.map((i) => (i.includes(':') ? 'IPv6' : 'IPv4'));
  }
  return svc;
}

export function makeEndpointSlice(namespace: string, service: string, index: number, fill: (eps: EndpointSlice) => void): EndpointSlice {
  const eps: EndpointSlice = {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
    metadata: { namespace, name: `${service}-${index}`, labels: { [LABEL_SERVICE_NAME]: service } },
    addressType: 'IPv4', endpoints: [], ports: [],
  };
  fill(eps);
  return eps;
}

export function makeNode(name: string, fill: (node: Node) => void = () => {}): Node {
  const node: Node = { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: {} }, spec: {}, status: { addresses: [] } };
  fill(node);
  return node;
}

export const defaultProxyConfig = (): ProxyConfig => ({
  mode: 'iptables', clusterCIDRs: ['10.244.0.0/16' as CIDR], detectLocalMode: 'ClusterCIDR',
  bridgeInterface: '', interfaceNamePrefix: '', masqueradeAll: false, masqueradeBit: 14,
  localhostNodePorts: true, nodePortAddresses: [], ipvsScheduler: '',
});

export function makeCluster(fill: (cluster: ClusterModel) => void): ClusterModel {
  const cluster: ClusterModel = {
    name: 'test',
    spec: {
      serviceCIDRs: ['10.96.0.0/12' as CIDR], podCIDRs: ['10.244.0.0/16' as CIDR],
      serviceNodePortRange: { min: 30000, max: 32767 }, cni: { model: 'direct' }, cloud: { provider: 'none' },
      dns: {
        zones: ['cluster.local'], pods: 'insecure', ttl: 5, namespaces: [], ignoreEmptyService: false,
        endpointPodNames: false, fallthrough: false, upstream: [],
      },
      clients: [],
    },
    proxy: defaultProxyConfig(),
    namespaces: [], nodes: [], pods: [], services: [], endpointSlices: [],
  };
  fill(cluster);
  return cluster;
}
