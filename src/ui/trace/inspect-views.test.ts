import { describe, expect, it } from 'vitest';
import { makeCluster, makeScenario } from '../test-scenarios';
import { conntrackViews, destinationService, dnsView, serviceForName } from './inspect-views';
import { slicesOfService } from './probe-options';
import { runProbe } from './run-probe';

const probeOf = (id: string) => ({ ...makeScenario(id).probes[0]!, seed: 1 });

describe('inspector views', () => {
  it.each([
    ['headless', 'kafka-0.kafka:9092', 'default/kafka'],
    ['externalname', 'db:5432', 'default/db'],
  ])('%s: a name the client resolves names its Service before anything is sent', (id, to, service) => {
    const svc = serviceForName(makeCluster(id), 'pod/default/client', to);
    expect(svc && `${svc.metadata.namespace}/${svc.metadata.name}`).toBe(service);
  });

  it('an address or an unknown name names no Service by DNS', () => {
    const c = makeCluster('headless');
    expect(serviceForName(c, 'pod/default/client', 'nowhere:80')).toBeUndefined();
    expect(serviceForName(c, 'pod/default/client', '10.96.0.1:443')).toBeUndefined();
  });

  it('conntrack: the tables the trace left, the connection\'s own entry marked', () => {
    const c = makeCluster('nodeport');
    const r = runProbe(c, probeOf('nodeport'));
    if (!r.ok) throw new Error(r.error);
    const views = conntrackViews(r.state, r.outcome.hops);
    expect(views.length).toBeGreaterThan(0);
    expect(views[0]!.host).toMatch(/^node\//);
    expect(views.flatMap((v) => v.lines).filter((l) => l.mine).length).toBeGreaterThan(0);
    expect(views[0]!.summary).toMatch(/flow entries have been shown/);
    expect(conntrackViews(null, [])).toEqual([]);
  });

  it('a run of connections leaves one entry per connection', () => {
    const c = makeCluster('clusterip');
    const one = runProbe(c, probeOf('clusterip'));
    const three = runProbe(c, probeOf('clusterip'), 3);
    if (!one.ok || !three.ok) throw new Error('no trace');
    const count = (r: typeof one) => (r.ok ? conntrackViews(r.state, r.outcome.hops).reduce((n, v) => n + v.lines.length, 0) : 0);
    expect(count(three)).toBeGreaterThan(count(one));
    expect(three.history).toHaveLength(3);
  });

  it('dns: the search expansion, each query with its rcode, and the Service the answer names', () => {
    const id = makeScenario('headless').probes[0]!;
    expect(id.to).toBe('kafka-0.kafka:9092');
    const c = makeCluster('headless');
    const r = runProbe(c, { ...id, seed: 1 });
    if (!r.ok) throw new Error(r.error);
    const v = dnsView(c, id.from, id.to, r.outcome.hops)!;
    expect(v.resolvConf).toContain('options ndots:5');
    expect(v.candidates.length).toBeGreaterThan(0);
    expect(v.queries[0]!.query).toMatch(/^A{1,4}\? /);
    const svc = destinationService(c, id.to, v);
    expect(svc?.metadata.name).toBe('kafka');
    expect(slicesOfService(c, svc!).length).toBeGreaterThan(0);
  });

  it('no dns hops, no dns view', () => {
    expect(dnsView(makeCluster('clusterip'), 'pod/default/client', 'svc/default/web:80', [])).toBeNull();
  });
});
