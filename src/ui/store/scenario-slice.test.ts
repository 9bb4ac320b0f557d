import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ClusterModel, DocumentReport, LoadResult, SourceText } from '../../engine';
import { describeScenario, type ScenarioInfo } from '../../scenarios';
import { createAppStore } from './create-app-store';
import {
  selectErrorLines, selectErrors, selectIsEdited, selectIsPending, selectIsStale, selectServiceRows,
} from './selectors';

// A stand-in for the engine: each line `ok NAME` is a valid document naming a Service,
// `bad` an invalid one, and `throw` makes the loader throw.
function makeCluster(services: string[]): ClusterModel {
  return {
    name: 'test', spec: { clients: [] }, namespaces: [], nodes: [], pods: [], endpointSlices: [],
    services: services.map((name) => ({ metadata: { name, namespace: 'default' }, spec: { clusterIP: '10.96.0.1', ports: [{ port: 80 }] } })),
  } as unknown as ClusterModel;
}

function makeReport(index: number, valid: boolean): DocumentReport {
  return {
    index, source: 'test.yaml', line: index * 2 + 1, kind: 'Service', namespace: 'default', name: `doc${index}`, valid, warnings: [],
    errors: valid ? [] : [{ field: 'spec.ports[0].port', type: 'Invalid', value: 0, message: 'must be between 1 and 65535, inclusive' }],
  };
}

const fakeLoad = (sources: readonly SourceText[]): LoadResult => {
  const lines = sources[0]!.text.split('\n').filter(Boolean);
  if (lines.includes('throw')) throw new Error('engine exploded');
  const documents = lines.map((l, i) => makeReport(i, l.startsWith('ok')));
  const services = lines.filter((l) => l.startsWith('ok')).map((l) => l.slice(3));
  return { cluster: makeCluster(services), documents };
};

const catalogue: ScenarioInfo[] = [
  { id: 'one', title: 'One', story: '', yaml: 'ok alpha\n', probes: [] },
  { id: 'two', title: 'Two', story: '', yaml: 'ok beta\nok gamma\n', probes: [] },
];

const makeStore = (initialId = 'one') => createAppStore({ catalogue, initialId, load: fakeLoad });
const serviceNames = (store: ReturnType<typeof makeStore>) => selectServiceRows(store.getState()).map((r) => r.name);

describe('scenario slice', () => {
  it('loads the initial scenario, falling back to the first for an unknown ID', () => {
    expect(serviceNames(makeStore('two'))).toEqual(['default/beta', 'default/gamma']);
    const store = makeStore('nope');
    expect(store.getState().scenario.id).toBe('one');
    expect(serviceNames(store)).toEqual(['default/alpha']);
  });

  it('selecting a scenario replaces the text and the cluster; unknown IDs are ignored', () => {
    const store = makeStore();
    store.getState().selectScenario('two');
    expect(store.getState().scenario.text).toBe('ok beta\nok gamma\n');
    expect(serviceNames(store)).toEqual(['default/beta', 'default/gamma']);
    store.getState().selectScenario('missing');
    expect(store.getState().scenario.id).toBe('two');
  });

  it('editing only marks the text pending; applying loads it', () => {
    const store = makeStore();
    store.getState().editText('ok alpha\nok delta\n');
    expect(selectIsPending(store.getState())).toBe(true);
    expect(selectIsEdited(store.getState())).toBe(true);
    expect(serviceNames(store)).toEqual(['default/alpha']);
    store.getState().applyText();
    expect(selectIsPending(store.getState())).toBe(false);
    expect(serviceNames(store)).toEqual(['default/alpha', 'default/delta']);
  });

  it('keeps the last good cluster while a document has errors, and reports them', () => {
    const store = makeStore();
    store.getState().editText('ok alpha\nbad\n');
    store.getState().applyText();
    expect(serviceNames(store)).toEqual(['default/alpha']);
    expect(selectIsStale(store.getState())).toBe(true);
    expect(selectErrors(store.getState())).toEqual([expect.objectContaining({
      index: 1, line: 3, subject: 'Service default/doc1',
      text: 'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
    })]);
    expect(selectErrorLines(store.getState())).toEqual([3]);
  });

  it('keeps the last good cluster when the loader throws', () => {
    const store = makeStore();
    store.getState().editText('throw\n');
    store.getState().applyText();
    expect(store.getState().scenario.loadError).toBe('engine exploded');
    expect(serviceNames(store)).toEqual(['default/alpha']);
    expect(selectIsStale(store.getState())).toBe(true);
  });

  it('fixing the text replaces the cluster and clears the errors', () => {
    const store = makeStore();
    store.getState().editText('bad\n');
    store.getState().applyText();
    store.getState().editText('ok zeta\n');
    store.getState().applyText();
    expect(serviceNames(store)).toEqual(['default/zeta']);
    expect(selectIsStale(store.getState())).toBe(false);
    expect(selectErrors(store.getState())).toEqual([]);
  });

  it('with no good cluster yet, shows the valid documents of a partly bad text', () => {
    const store = createAppStore({ catalogue: [{ id: 'x', title: 'X', story: '', yaml: 'ok a\nbad\n', probes: [] }], initialId: 'x', load: fakeLoad });
    expect(serviceNames(store)).toEqual(['default/a']);
    expect(selectIsStale(store.getState())).toBe(false);
    expect(selectErrors(store.getState())).toHaveLength(1);
  });

  it('revert puts back the built-in text', () => {
    const store = makeStore();
    store.getState().editText('bad\n');
    store.getState().applyText();
    store.getState().revertText();
    expect(store.getState().scenario.text).toBe('ok alpha\n');
    expect(selectIsEdited(store.getState())).toBe(false);
    expect(selectErrors(store.getState())).toEqual([]);
  });

  it('derived rows keep their identity until the cluster changes', () => {
    const store = makeStore();
    const before = selectServiceRows(store.getState());
    store.getState().editText('ok alpha\nbad\n');
    expect(selectServiceRows(store.getState())).toBe(before);
  });
});

describe('scenario slice with the real engine', () => {
  const path = fileURLToPath(new URL('../../scenarios/nodeport.yaml', import.meta.url));
  const real = describeScenario('nodeport', readFileSync(path, 'utf8'));

  it('loads a built-in scenario, and keeps it when an edit breaks a document', () => {
    const store = createAppStore({ catalogue: [real], initialId: 'nodeport' });
    const good = selectServiceRows(store.getState());
    expect(good.map((r) => r.ports)).toContain('80:30080/TCP');
    store.getState().editText(real.yaml.replace('nodePort: 30080', 'nodePort: 99999'));
    store.getState().applyText();
    expect(selectErrors(store.getState()).map((e) => e.text).join('\n')).toContain('99999');
    expect(selectServiceRows(store.getState())).toBe(good);
  });
});
