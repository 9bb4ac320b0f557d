import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { loadScenario, type ClusterModel } from '../../engine';
import { SCENARIO_ORDER } from '../../scenarios';
import { makeCluster, makeScenario } from '../test-scenarios';
import { CNI_MODELS, cniBlocker, withCni } from './cni';
import { runProbe } from './run-probe';

/** The scenario with its Cluster document naming another CNI model, loaded afresh. */
function loadedWith(id: string, model: string): ClusterModel {
  const docs = parseAllDocuments(makeScenario(id).yaml).map((d) => d.toJS() as { kind?: string; spec?: { cni?: object } });
  const c = docs.find((d) => d.kind === 'Cluster')!;
  c.spec = { ...c.spec, cni: { ...c.spec?.cni, model } };
  const { cluster, documents } = loadScenario([{ name: `${id}.yaml`, text: docs.map((d) => JSON.stringify(d)).join('\n---\n') }], { seed: 1 });
  expect(documents.flatMap((d) => d.errors)).toEqual([]);
  return cluster;
}

const traced = (c: ClusterModel, id: string) => {
  const r = runProbe(c, { ...makeScenario(id).probes[0]!, seed: 1 });
  return r.ok ? r.outcome.hops : r.error;
};

// The CNI what-if on every scenario, for every model the page lets a person pick: the same
// trace as the scenario written with that model.
const cases = SCENARIO_ORDER.flatMap((id) => {
  const own = makeCluster(id);
  return CNI_MODELS.filter((m) => m !== own.spec.cni.model && cniBlocker(own, m) === null).map((m) => [id, m] as const);
});

describe('the CNI what-if equals the scenario loaded with that model', () => {
  it('every scenario on direct or vxlan can switch to the other (vpc pod IPs fit no other model)', () => {
    expect(cases.map(([id]) => id)).toEqual(SCENARIO_ORDER.filter((id) => makeCluster(id).spec.cni.model !== 'vpc'));
  });
  it.each(cases)('%s on %s', (id, model) => {
    expect(traced(withCni(makeCluster(id), model), id)).toEqual(traced(loadedWith(id, model), id));
  });
});
