// Which load balancer each provider builds, which targets pass their health checks (as
// kube-proxy's health servers answer them), which node MetalLB elects, why a Service stays
// <pending>, and the scenario summary's "one cloud LB per Service".

import { describe, expect, it } from 'vitest';
import { cloudSummary } from './summary';
import { planLoadBalancers } from './plan';
import { loadCluster, type LbCase } from './test-builders';

const plan = (c: LbCase) => planLoadBalancers(loadCluster(c))[0]!;
const health = (c: LbCase) => Object.fromEntries(plan(c).targets.map((t) => [t.host, `${t.health.probe} -> ${t.health.result}`]));

describe('styles by provider', () => {
  it.each([
    { provider: 'gcp', style: 'pass-through', returnPath: 'direct' },
    { provider: 'azure', style: 'pass-through', returnPath: 'direct' },
    { provider: 'generic', style: 'pass-through', returnPath: 'through-lb' },
    { provider: 'aws', style: 'node-port', returnPath: 'through-lb' },
    { provider: 'metallb', style: 'l2', returnPath: 'direct' },
  ] as const)('$provider: $style, answers $returnPath', ({ provider, style, returnPath }) => {
    expect(plan({ provider })).toMatchObject({ host: 'lb/default/web', style, returnPath, ingress: ['198.51.100.1'] });
  });

  it('aws with allocateLoadBalancerNodePorts false on the vpc model targets the ready pods', () => {
    const lb = plan({ provider: 'aws', cni: 'vpc', notReady: ['b'], svc: (s) => { s.spec.allocateLoadBalancerNodePorts = false; delete s.spec.ports[0].nodePort; } });
    expect(lb.style).toBe('pod-ip');
    expect(lb.problem).toBeUndefined();
    expect(lb.targets.map((t) => [t.host, t.ip, t.health.healthy])).toEqual([
      ['pod/default/web-a', '192.168.1.21', true], ['pod/default/web-b', '192.168.1.31', false],
    ]);
  });

  it('aws with allocateLoadBalancerNodePorts false off the vpc model has no target', () => {
    const lb = plan({ provider: 'aws', svc: (s) => { s.spec.allocateLoadBalancerNodePorts = false; delete s.spec.ports[0].nodePort; } });
    expect(lb.problem).toMatch(/no node port to target.*not VPC addresses on the direct CNI model/);
  });
});

describe('health checks (kube-proxy pkg/proxy/healthcheck)', () => {
  it('Cluster: every Ready node answers 200 on 10256/healthz, with or without a pod', () => {
    expect(health({ provider: 'gcp', pods: ['b'] })).toEqual({
      'node/node-a': 'HTTP GET 192.168.1.10:10256/healthz -> 200 OK',
      'node/node-b': 'HTTP GET 192.168.1.11:10256/healthz -> 200 OK',
    });
  });

  it('Local: the healthCheckNodePort counts ready local endpoints; 503 without one', () => {
    expect(health({ provider: 'gcp', policy: 'Local', pods: ['b'] })).toEqual({
      'node/node-a': 'HTTP GET 192.168.1.10:32000/healthz -> 503 Service Unavailable, localEndpoints 0',
      'node/node-b': 'HTTP GET 192.168.1.11:32000/healthz -> 200 OK, localEndpoints 1',
    });
  });

  it('Local: a pod that is not ready does not count', () => {
    expect(plan({ provider: 'aws', policy: 'Local', notReady: ['a'] }).targets.map((t) => t.health.healthy)).toEqual([false, true]);
  });

  it('a NotReady node fails either check', () => {
    expect(health({ provider: 'generic', notReadyNodes: ['a'] })['node/node-a']).toBe('HTTP GET 192.168.1.10:10256/healthz -> no answer: the node is NotReady');
    expect(plan({ provider: 'generic', policy: 'Local', notReadyNodes: ['b'] }).targets.map((t) => t.health.healthy)).toEqual([true, false]);
  });

  it('a node tainted ToBeDeletedByClusterAutoscaler answers 503 on /healthz', () => {
    const cluster = loadCluster({ provider: 'gcp' });
    const tainted = { ...cluster, nodes: cluster.nodes.map((n) => (n.metadata.name === 'node-a' ? { ...n, spec: { ...n.spec, taints: [{ key: 'ToBeDeletedByClusterAutoscaler', effect: 'NoSchedule' }] } } : n)) };
    expect(planLoadBalancers(tainted)[0]!.targets[0]!.health).toMatchObject({ healthy: false, result: '503 Service Unavailable, node tainted ToBeDeletedByClusterAutoscaler' });
  });

  it('nodes labelled exclude-from-external-load-balancers are not targets', () => {
    const cluster = loadCluster({ provider: 'gcp' });
    const labelled = { ...cluster, nodes: cluster.nodes.map((n) => (n.metadata.name === 'node-b' ? { ...n, metadata: { ...n.metadata, labels: { ...n.metadata.labels, 'node.kubernetes.io/exclude-from-external-load-balancers': '' } } } : n)) };
    expect(planLoadBalancers(labelled)[0]!.targets.map((t) => t.host)).toEqual(['node/node-a']);
  });
});

describe('MetalLB layer 2 speaker election', () => {
  it('Cluster: any Ready node may announce; the sha256(node#ip) order picks one', () => {
    expect(plan({ provider: 'metallb' }).speaker).toBe('node/node-a');
  });

  it('Local: only a node with a ready endpoint announces', () => {
    expect(plan({ provider: 'metallb', policy: 'Local', pods: ['b'] }).speaker).toBe('node/node-b');
    expect(plan({ provider: 'metallb', policy: 'Local', pods: ['a'] }).speaker).toBe('node/node-a');
  });

  it('no ready endpoint: nobody announces', () => {
    const lb = plan({ provider: 'metallb', policy: 'Local', pods: ['b'], notReady: ['b'] });
    expect(lb.speaker).toBeUndefined();
    expect(lb.problem).toMatch(/no speaker announces 198\.51\.100\.1/);
  });
});

describe('pending and the summary', () => {
  it('provider none: <pending>, and the reason says why', () => {
    const lb = plan({ provider: 'none' });
    expect(lb.ingress).toEqual([]);
    expect(lb.problem).toBe('default/web stays <pending>: the Cluster\'s cloud provider is none, so no cloud controller creates a load balancer or assigns it an ingress IP');
  });

  it('a loadBalancerClass leaves the Service to its own controller', () => {
    expect(plan({ provider: 'gcp', svc: (s) => { s.spec.loadBalancerClass = 'example.com/lb'; } }).problem).toMatch(/loadBalancerClass example\.com\/lb/);
  });

  it('one cloud load balancer per Service; MetalLB and none create none', () => {
    const two = loadCluster({ provider: 'aws' });
    const second = { ...two.services.find((s) => s.metadata.name === 'web')!, metadata: { name: 'web-2', namespace: 'default' } };
    const cluster = { ...two, services: [...two.services, { ...second, status: { loadBalancer: { ingress: [{ ip: '198.51.100.2' }] } } }] };
    expect(cloudSummary(cluster)).toMatchObject({ billed: 2, fact: '2 LoadBalancer Services: 2 cloud load balancers, one per Service' });
    expect(cloudSummary(cluster).lines.map((l) => l.text)).toEqual([
      'lb/default/web: aws to node ports, 198.51.100.1, targets node/node-a (healthy), node/node-b (healthy)',
      'lb/default/web-2: aws to node ports, 198.51.100.2, targets node/node-a (healthy), node/node-b (healthy)',
    ]);
    expect(cloudSummary(loadCluster({ provider: 'metallb' })).billed).toBe(0);
    expect(cloudSummary(loadCluster({ provider: 'none' })).fact).toBe('1 LoadBalancer Service, no cloud provider: it stays <pending>');
  });
});
