import { describe, expect, it } from 'vitest';
import { makeCluster } from '../test-scenarios';
import { destinationOptions, serviceForDestination, sourceOptions } from './probe-options';

describe('probe options', () => {
  const lb = makeCluster('loadbalancer');
  const svc = lb.services[0]!;
  const port = svc.spec.ports![0]!;

  it('sources are pods, nodes and clients, each with its address', () => {
    const opts = sourceOptions(lb);
    expect(opts.find((o) => o.value === 'client/laptop')?.label).toBe('client/laptop (203.0.113.10)');
    expect(opts.find((o) => o.value === 'node/node-a')?.label).toBe('node/node-a (192.168.1.10)');
    expect(opts.filter((o) => o.group === 'Pods')).toHaveLength(lb.pods.length);
  });

  it('destinations: the ClusterIP port, each node port and the load balancer IP', () => {
    const opts = destinationOptions(lb);
    expect(opts.map((o) => o.label)).toContain(`svc/default/web:${port.port} (${svc.spec.clusterIP}:${port.port})`);
    expect(opts.filter((o) => o.group === 'NodePorts')).toHaveLength(lb.nodes.length);
    const ingress = svc.status!.loadBalancer!.ingress![0]!.ip!;
    expect(opts.find((o) => o.value === `${ingress}:${port.port}`)?.group).toBe('Load balancer IPs');
  });

  it('extra destinations (a scenario probe) are added once', () => {
    const opts = destinationOptions(lb, ['10.9.9.9:1', '10.9.9.9:1']);
    expect(opts.filter((o) => o.value === '10.9.9.9:1')).toHaveLength(1);
  });

  it('finds the Service of a destination by name, virtual IP, node port and endpoint', () => {
    const ingress = svc.status!.loadBalancer!.ingress![0]!.ip!;
    for (const to of ['svc/default/web:80', `${svc.spec.clusterIP}:80`, `${ingress}:80`, `192.168.1.11:${port.nodePort}`]) {
      expect(serviceForDestination(lb, to)?.metadata.name).toBe('web');
    }
    expect(serviceForDestination(lb, '192.0.2.1:80')).toBeUndefined();
    const headless = makeCluster('headless');
    expect(serviceForDestination(headless, '10.244.2.2:9092')?.metadata.name).toBe('kafka');
  });

  it('a name made of hex letters is a DNS name, not an address', () => {
    const opts = destinationOptions(lb, ['db:5432', '10.0.0.1:80']);
    expect(opts.find((o) => o.value === 'db:5432')?.label).toBe('DNS name db:5432 (resolved from the source)');
    expect(opts.find((o) => o.value === '10.0.0.1:80')?.label).toBe('address 10.0.0.1:80');
  });
});
