import { describe, expect, it } from 'vitest';
import type { CloudProvider } from '../model/cluster';
import type { Service } from '../model/k8s';
import { assignLoadBalancers } from './load-balancer';
import { makeService, sourced } from './test-builders';

const lb = (adjust?: (s: Service) => void) => (s: Service) => { s.spec.type = 'LoadBalancer'; adjust?.(s); };
const snapshotIngress = [{ ip: '34.120.0.7', ipMode: 'VIP' as const }];

const run = (services: Service[], provider: CloudProvider) =>
  Object.fromEntries(assignLoadBalancers(sourced(services), provider).map((s) => [s.object.metadata.name, s.object.status?.loadBalancer]));

describe('cloud load balancer ingress', () => {
  it('stays pending with provider none', () => {
    expect(run([makeService('a', 'web', lb())], 'none')).toEqual({ web: {} });
  });

  it('hands out pool addresses in namespace/name order, honouring loadBalancerIP', () => {
    const flat = assignLoadBalancers(sourced([
      makeService('b', 'web', lb()), makeService('a', 'web', lb()), makeService('c', 'pinned', lb((s) => { s.spec.loadBalancerIP = '198.51.100.1'; })),
    ]), 'generic').map((s) => [s.object.metadata.namespace, s.object.status?.loadBalancer?.ingress?.[0]?.ip]);
    expect(flat).toEqual([['b', '198.51.100.3'], ['a', '198.51.100.2'], ['c', '198.51.100.1']]);
  });

  it('keeps an ingress given in the scenario and never hands its address out again', () => {
    const given = makeService('a', 'snap', lb((s) => { s.status = { loadBalancer: { ingress: [{ ip: '198.51.100.1' }] } }; }));
    const out = run([given, makeService('a', 'fresh', lb()), makeService('a', 'ext', lb((s) => { s.status = { loadBalancer: { ingress: snapshotIngress } }; }))], 'gcp');
    expect(out).toEqual({
      snap: { ingress: [{ ip: '198.51.100.1' }] },
      fresh: { ingress: [{ ip: '198.51.100.2', ipMode: 'VIP' }] },
      ext: { ingress: snapshotIngress },
    });
  });

  it('leaves a Service with a loadBalancerClass, or a taken loadBalancerIP, pending', () => {
    const out = run([
      makeService('a', 'classy', lb((s) => { s.spec.loadBalancerClass = 'example.com/lb'; })),
      makeService('a', 'first', lb((s) => { s.spec.loadBalancerIP = '198.51.100.50'; })),
      makeService('a', 'second', lb((s) => { s.spec.loadBalancerIP = '198.51.100.50'; })),
    ], 'metallb');
    expect(out).toEqual({ classy: {}, first: { ingress: [{ ip: '198.51.100.50', ipMode: 'VIP' }] }, second: {} });
  });

  it('does not touch other Service types', () => {
    expect(run([makeService('a', 'plain')], 'generic')).toEqual({ plain: undefined });
  });
});
