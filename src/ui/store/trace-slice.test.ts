import { describe, expect, it } from 'vitest';
import { makeScenario } from '../test-scenarios';
import { readViewParams, viewHref } from '../url-state';
import { createAppStore } from './create-app-store';
import {
  selectCurrentHop, selectEffectiveCluster, selectHopCount, selectOutcome, selectRulesNode, selectSourceSeen, selectTargetService,
} from './trace-selectors';
import { restoreView, viewOf } from './view-state';

const catalogue = ['clusterip', 'nodeport', 'hairpin'].map(makeScenario);
const makeStore = (initialId = 'nodeport', animate = false) => createAppStore({ catalogue, initialId, animate });

describe('selection, trace and playback', () => {
  it('starts on the scenario\'s first probe, with nothing sent', () => {
    const s = makeStore().getState();
    expect(s.selection).toMatchObject({ from: 'client/laptop', to: '192.168.1.10:30080', seed: 1 });
    expect(s.trace.sent).toBeNull();
    expect(selectSourceSeen(s)).toBeNull();
  });

  it('send keeps the engine\'s outcome whole; without animation the last hop is current', () => {
    const store = makeStore();
    store.getState().send();
    const s = store.getState();
    const outcome = selectOutcome(s)!;
    expect(outcome.verdict).toBe('delivered');
    expect(s.playback.cursor).toBe(outcome.hops.length - 1);
    expect(s.playback.playing).toBe(false);
    expect(selectCurrentHop(s)).toBe(outcome.hops.at(-1));
  });

  it('with animation a send plays from the first hop; tick pauses at the end', () => {
    const store = makeStore('hairpin', true);
    store.getState().send();
    expect(store.getState().playback).toMatchObject({ cursor: 0, playing: true });
    const n = selectHopCount(store.getState());
    for (let i = 0; i < n + 3; i++) store.getState().tick();
    expect(store.getState().playback).toMatchObject({ cursor: n - 1, playing: false });
    store.getState().play();
    expect(store.getState().playback).toMatchObject({ cursor: 0, playing: true });
  });

  it('steps and seeks stay inside the trace and pause the clock', () => {
    const store = makeStore();
    store.getState().send();
    const last = selectHopCount(store.getState()) - 1;
    store.getState().stepForward();
    expect(store.getState().playback.cursor).toBe(last);
    store.getState().seek(-5);
    expect(store.getState().playback.cursor).toBe(0);
    store.getState().stepBack();
    expect(store.getState().playback.cursor).toBe(0);
    store.getState().seek(3);
    store.getState().stepForward();
    expect(store.getState().playback.cursor).toBe(4);
  });

  it('a toggle edits the Service, re-runs the sent trace and remembers what the backend saw before', () => {
    const store = makeStore();
    store.getState().send();
    const before = selectSourceSeen(store.getState());
    const text = store.getState().scenario.text;
    store.getState().setToggle('externalTrafficPolicy', 'Local');
    const s = store.getState();
    expect(selectTargetService(s)?.spec.externalTrafficPolicy).toBe('Local');
    expect(s.scenario.text).toBe(text);
    expect(s.scenario.cluster!.services[0]!.spec.externalTrafficPolicy).toBe('Cluster');
    expect(s.trace.previous).toMatchObject({ change: 'externalTrafficPolicy: Cluster → Local' });
    expect(s.trace.previous!.outcome!.sourceSeenByDestination).toBe(before);
    expect(selectSourceSeen(s)).toBe('203.0.113.10');
    // Back to the Service's own value: the what-if is empty and the cluster is the loaded one.
    store.getState().setToggle('externalTrafficPolicy', 'Cluster');
    expect(selectEffectiveCluster(store.getState())).toBe(store.getState().scenario.cluster);
  });

  it('a toggle the Service cannot have (a hand-made link) is refused, as the API server would', () => {
    const store = makeStore('clusterip');
    store.getState().send();
    const sent = store.getState().trace.result;
    store.getState().setToggle('externalTrafficPolicy', 'Local');
    expect(store.getState().selection.whatIf).toEqual({});
    expect(store.getState().trace.result).toBe(sent);
  });

  it('a toggle before sending only edits; changing the probe clears the trace', () => {
    const store = makeStore();
    store.getState().setToggle('sessionAffinity', 'ClientIP');
    expect(store.getState().trace.sent).toBeNull();
    store.getState().send();
    store.getState().setFrom('node/node-b');
    expect(store.getState().trace.sent).toBeNull();
    expect(store.getState().selection.whatIf['default/web']).toEqual({ sessionAffinity: 'ClientIP' });
  });

  it('a new scenario resets the probe and the trace', () => {
    const store = makeStore();
    store.getState().send();
    store.getState().selectScenario('hairpin');
    expect(store.getState().selection).toMatchObject({ from: 'pod/default/web-0', to: 'svc/default/web:80', whatIf: {} });
    expect(store.getState().trace.sent).toBeNull();
  });

  it('an edit of the YAML re-runs a sent trace on the new cluster', () => {
    const store = makeStore();
    store.getState().send();
    const first = store.getState().trace.result;
    store.getState().editText(store.getState().scenario.text.replace('replicas: 2', 'replicas: 3'));
    store.getState().applyText();
    expect(store.getState().trace.result).not.toBe(first);
    expect(store.getState().trace.sent).not.toBeNull();
  });

  it('the rules node is the node the packet is on, or last was', () => {
    const store = makeStore();
    store.getState().send();
    store.getState().seek(0);
    expect(selectRulesNode(store.getState())).toBe('node/node-a');
    store.getState().seek(selectHopCount(store.getState()) - 1);
    expect(selectRulesNode(store.getState())).toBe('node/node-a');
  });

  it('the view round-trips through the address: same probe, what-if, trace and hop', () => {
    const store = makeStore();
    store.getState().setSeed(7);
    store.getState().setToggle('externalTrafficPolicy', 'Local');
    store.getState().send();
    store.getState().seek(5);
    const href = viewHref('https://example.test/kubehops/?animate=0', 'nodeport', viewOf(store.getState()));
    expect(href).toContain('animate=0');
    const again = makeStore();
    restoreView(again, readViewParams(new URL(href).search));
    const [a, b] = [store.getState(), again.getState()];
    expect(b.selection).toEqual(a.selection);
    expect(b.playback.cursor).toBe(5);
    expect(selectOutcome(b)).toEqual(selectOutcome(a));
  });

  it('a fresh view adds nothing to the address but the scenario', () => {
    const href = viewHref('https://example.test/kubehops/', 'nodeport', viewOf(makeStore().getState()));
    expect(href).toBe('https://example.test/kubehops/?scenario=nodeport');
  });
});
