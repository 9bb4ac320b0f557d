import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { loadScenario, planLoadBalancers, rulesForNode, type ClusterModel, type Service, type ServiceSpec } from '../../engine';
import { SCENARIO_ORDER } from '../../scenarios';
import { makeCluster, makeScenario } from '../test-scenarios';
import { serviceForDestination, serviceKey } from './probe-options';
import { runProbe } from './run-probe';
import { TOGGLES, TOGGLE_NAMES, applyWhatIf, effectiveToggle, toggleApplies, type ServiceOverrides, type ToggleName } from './what-if';

const WEB = 'default/web';
type Doc = { kind?: string; metadata?: { name?: string; namespace?: string }; spec?: ServiceSpec };

/** The scenario with one Service's spec edited in its YAML, loaded as a fresh create would load it. */
function appliedWith(id: string, key: string, edit: (spec: ServiceSpec) => void): ClusterModel {
  const docs = parseAllDocuments(makeScenario(id).yaml).map((d) => d.toJS() as Doc);
  const svc = docs.find((d) => d.kind === 'Service' && `${d.metadata?.namespace ?? 'default'}/${d.metadata?.name}` === key);
  if (!svc?.spec) throw new Error(`${id} has no Service ${key}`);
  edit(svc.spec);
  const text = docs.map((d) => JSON.stringify(d)).join('\n---\n');
  const { cluster, documents } = loadScenario([{ name: `${id}.yaml`, text }], { seed: 1 });
  expect(documents.flatMap((d) => d.errors)).toEqual([]);
  return cluster;
}

/** What a person would write to make the change by hand: the policy, minus the fields it no longer allows. */
const handEdit = (name: ToggleName, value: string) => (s: ServiceSpec) => {
  Object.assign(s, { [name]: value });
  if (name === 'externalTrafficPolicy' && value === 'Cluster') delete s.healthCheckNodePort;
  if (name === 'sessionAffinity' && value === 'None') delete s.sessionAffinityConfig;
};

const whatIf = (id: string, o: ServiceOverrides) => applyWhatIf(makeCluster(id), { [WEB]: o });
const byKey = (c: ClusterModel, key: string) => c.services.find((s) => serviceKey(s) === key)!;
const web = (c: ClusterModel) => byKey(c, WEB);
const healthChecks = (c: ClusterModel) => planLoadBalancers(c).flatMap((lb) => lb.targets.map((t) => [t.host, t.health]));
const ruleset = (c: ClusterModel) => c.nodes.map((n) => rulesForNode(c, n.metadata.name!)).join('\n');
/** Three connections of the scenario's first probe: enough for affinity and spreading to show. */
const traced = (c: ClusterModel, id: string) => {
  const r = runProbe(c, { ...makeScenario(id).probes[0]!, seed: 1 }, 3);
  if (!r.ok) throw new Error(r.error);
  return [r.history, r.outcome.hops];
};

/** The what-if and the same Service applied with the change agree on everything the engine derives. */
function expectSameAsApplied(viaWhatIf: ClusterModel, applied: ClusterModel, id: string, key = WEB): void {
  expect(byKey(viaWhatIf, key)).toEqual(byKey(applied, key));
  expect(healthChecks(viaWhatIf)).toEqual(healthChecks(applied));
  expect(ruleset(viaWhatIf)).toBe(ruleset(applied));
  expect(traced(viaWhatIf, id)).toEqual(traced(applied, id));
}

describe('what-if: a Service updated as the API server would', () => {
  it('LoadBalancer to externalTrafficPolicy Local: a healthCheckNodePort from the NodePort range, health checks answered on it', () => {
    const local = whatIf('loadbalancer', { externalTrafficPolicy: 'Local' });
    const hc = web(local).spec.healthCheckNodePort;
    const { min, max } = local.spec.serviceNodePortRange;
    expect(hc).toBeGreaterThanOrEqual(min);
    expect(hc).toBeLessThanOrEqual(max);
    expect(web(local).spec.ports!.map((p) => p.nodePort)).not.toContain(hc);
    expect(healthChecks(local).map(([, h]) => (h as { probe: string }).probe)).toEqual(
      local.nodes.map(() => expect.stringContaining(`:${hc}/healthz`) as unknown),
    );
    expect(ruleset(local)).toContain(`--dport ${hc} -j ACCEPT`);
    expectSameAsApplied(local, appliedWith('loadbalancer', WEB, handEdit('externalTrafficPolicy', 'Local')), 'loadbalancer');
  });

  it('the healthCheckNodePort is one no Service holds', () => {
    const c = makeCluster('loadbalancer');
    const port = web(c).spec.ports![0]!;
    // Another LoadBalancer holding the next free port: the what-if must skip it.
    const other: Service = { ...web(c), metadata: { ...web(c).metadata, name: 'other' }, spec: { ...web(c).spec, ports: [{ ...port, nodePort: port.nodePort! + 1 }] } };
    const local = applyWhatIf({ ...c, services: [...c.services, other] }, { [WEB]: { externalTrafficPolicy: 'Local' } });
    expect(web(local).spec.healthCheckNodePort).toBe(port.nodePort! + 2);
  });

  it('back to Cluster releases the healthCheckNodePort and clears the field', () => {
    const cluster = whatIf('loadbalancer-local', { externalTrafficPolicy: 'Cluster' });
    expect(web(cluster).spec.healthCheckNodePort).toBeUndefined();
    expect(ruleset(cluster)).not.toContain('--dport 32000 -j ACCEPT');
    expectSameAsApplied(cluster, appliedWith('loadbalancer-local', WEB, handEdit('externalTrafficPolicy', 'Cluster')), 'loadbalancer-local');
  });

  it('a NodePort Service with externalTrafficPolicy Local gets no healthCheckNodePort (only a LoadBalancer needs one)', () => {
    expect(web(whatIf('nodeport', { externalTrafficPolicy: 'Local' })).spec.healthCheckNodePort).toBeUndefined();
  });

  it('sessionAffinity ClientIP gets the default timeout; None drops the config', () => {
    expect(web(whatIf('clusterip', { sessionAffinity: 'ClientIP' })).spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } });
    expect(web(whatIf('session-affinity', { sessionAffinity: 'None' })).spec.sessionAffinityConfig).toBeUndefined();
  });

  it('a policy the Service cannot have is not applied (the API server would refuse the update)', () => {
    const c = makeCluster('clusterip');
    expect(applyWhatIf(c, { [WEB]: { externalTrafficPolicy: 'Local' } })).toBe(c);
    const both = applyWhatIf(c, { [WEB]: { externalTrafficPolicy: 'Local', sessionAffinity: 'ClientIP' } });
    expect(web(both).spec.externalTrafficPolicy).toBeUndefined();
    expect(web(both).spec.sessionAffinity).toBe('ClientIP');
  });
});

// Every scenario, every toggle the page offers on its first probe's Service: the what-if is
// what applying the Service with that change would give.
describe.each(SCENARIO_ORDER.map((id) => [id]))('%s: each what-if equals the Service applied with it', (id) => {
  const cluster = makeCluster(id);
  const svc = serviceForDestination(cluster, makeScenario(id).probes[0]!.to);
  const cases = svc ? TOGGLE_NAMES.filter((n) => toggleApplies(svc, n)).flatMap((name) =>
    TOGGLES[name].filter((v) => v !== effectiveToggle(svc, name)).map((value) => [name, value] as const)) : [];
  if (cases.length === 0) it('no toggle applies', () => expect(svc === undefined || TOGGLE_NAMES.every((n) => !toggleApplies(svc, n))).toBe(true));
  it.each(cases)('%s %s', (name, value) => {
    const key = serviceKey(svc!);
    expectSameAsApplied(applyWhatIf(cluster, { [key]: { [name]: value } }), appliedWith(id, key, handEdit(name, value)), id, key);
  });
});
