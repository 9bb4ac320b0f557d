import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Pod, Service } from '../../engine';
import { podRow, serviceRow, sliceRow } from './cluster-rows';

const makeService = (spec: Service['spec'], status?: Service['status']): Service =>
  ({ metadata: { name: 'web', namespace: 'default' }, spec, ...(status ? { status } : {}) });

describe('service rows, as kubectl prints them', () => {
  const cases: [string, Service, Partial<ReturnType<typeof serviceRow>>][] = [
    ['ClusterIP', makeService({ clusterIP: '10.96.0.10', ports: [{ port: 80, protocol: 'TCP' }] }),
      { type: 'ClusterIP', clusterIP: '10.96.0.10', externalIP: '<none>', ports: '80/TCP' }],
    ['NodePort', makeService({ type: 'NodePort', clusterIP: '10.96.0.11', ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 53, nodePort: 30053, protocol: 'UDP' }] }),
      { ports: '80:30080/TCP,53:30053/UDP' }],
    ['LoadBalancer without an ingress', makeService({ type: 'LoadBalancer', clusterIP: '10.96.0.12', ports: [{ port: 80, nodePort: 31000 }] }),
      { externalIP: '<pending>' }],
    ['LoadBalancer with an ingress', makeService({ type: 'LoadBalancer', clusterIP: '10.96.0.12', externalIPs: ['198.51.100.7'] }, { loadBalancer: { ingress: [{ ip: '203.0.113.5' }] } }),
      { externalIP: '203.0.113.5,198.51.100.7', ports: '<none>' }],
    ['headless', makeService({ clusterIP: 'None', clusterIPs: ['None'] }), { clusterIP: 'None' }],
    ['ExternalName', makeService({ type: 'ExternalName', externalName: 'db.example.com' }), { clusterIP: '<none>', externalIP: 'db.example.com' }],
  ];
  it.each(cases)('%s', (_name, svc, expected) => {
    expect(serviceRow(svc)).toMatchObject({ name: 'default/web', ...expected });
  });
});

describe('pod and EndpointSlice rows', () => {
  it('a pod is ready when its Ready condition is True', () => {
    const pod: Pod = {
      metadata: { name: 'web-0', namespace: 'default' },
      spec: { nodeName: 'node-a', containers: [{ name: 'c' }] },
      status: { podIP: '10.244.1.2', conditions: [{ type: 'Ready', status: 'False' }] },
    };
    expect(podRow(pod)).toEqual({ key: 'default/web-0', name: 'default/web-0', node: 'node-a', ip: '10.244.1.2', ready: false });
  });

  it('an endpoint with no ready condition counts as ready', () => {
    const slice: EndpointSlice = {
      metadata: { name: 'web-abc', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['10.244.1.2'] }, { addresses: ['10.244.2.3'], conditions: { ready: false } }],
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    };
    expect(sliceRow(slice)).toMatchObject({
      service: 'web', ports: 'http 8080/TCP',
      endpoints: [{ address: '10.244.1.2', ready: true }, { address: '10.244.2.3', ready: false }],
    });
  });
});
