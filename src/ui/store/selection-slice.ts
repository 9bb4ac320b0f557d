// The selection slice: the packet a person is about to send (from, to, seed) and the what-if
// edits of Service policies. Changing the probe clears the trace on screen, so what is shown
// always matches the controls; changing a policy re-runs a sent trace at once.

import type { StateCreator } from 'zustand';
import type { ClusterModel } from '../../engine';
import type { ScenarioInfo } from '../../scenarios';
import { destinationOptions, serviceForDestination, serviceKey, sourceOptions } from '../trace/probe-options';
import { TOGGLES, effectiveToggle, toggleApplies, type ToggleName, type ToggleValue, type WhatIf } from '../trace/what-if';
import { cniBlocker, isCniModel, type CNIModel } from '../trace/cni';
import type { AppState } from './app-state';

export interface SelectionState {
  from: string;
  to: string;
  seed: number;
  whatIf: WhatIf;
  /** The CNI model what-if: unset means the scenario's own. */
  cni?: CNIModel;
}

export interface SelectionSlice {
  selection: SelectionState;
  setFrom: (from: string) => void;
  setTo: (to: string) => void;
  setSeed: (seed: number) => void;
  /** Sets a policy of the destination's Service (a what-if) and re-runs a sent trace. */
  setToggle: <T extends ToggleName>(name: T, value: ToggleValue<T>) => void;
  /** Runs the cluster on another CNI model (a what-if) and re-runs a sent trace. */
  setCni: (model: string) => void;
}

export type SelectionSliceCreator = StateCreator<AppState, [['zustand/immer', never]], [], SelectionSlice>;

export const DEFAULT_SEED = 1;

/** A scenario's first packet: its first probe, else the first source and destination offered. */
export function defaultProbe(cluster: ClusterModel | null, info: ScenarioInfo | undefined): { from: string; to: string } {
  const probe = info?.probes[0];
  if (probe) return { from: probe.from, to: probe.to };
  if (!cluster) return { from: '', to: '' };
  return { from: sourceOptions(cluster)[0]?.value ?? '', to: destinationOptions(cluster)[0]?.value ?? '' };
}

export function initialSelection(cluster: ClusterModel | null, info: ScenarioInfo | undefined): SelectionState {
  return { ...defaultProbe(cluster, info), seed: DEFAULT_SEED, whatIf: {} };
}

export const createSelectionSlice = (initial: SelectionState): SelectionSliceCreator => (set, get) => ({
  selection: initial,
  setFrom: (from) => {
    set((s) => { s.selection.from = from; });
    get().clearTrace();
  },
  setTo: (to) => {
    set((s) => { s.selection.to = to; });
    get().clearTrace();
  },
  setSeed: (seed) => {
    if (!Number.isInteger(seed) || seed < 0) return;
    set((s) => { s.selection.seed = seed; });
    get().clearTrace();
  },
  setToggle: (name, value) => {
    const cluster = get().scenario.cluster;
    const svc = cluster && serviceForDestination(cluster, get().selection.to);
    if (!svc || !toggleApplies(svc, name) || !(TOGGLES[name] as readonly string[]).includes(value)) return;
    const key = serviceKey(svc);
    const before = effectiveToggle({ ...svc, spec: { ...svc.spec, ...get().selection.whatIf[key] } }, name);
    if (before === value) return;
    set((s) => {
      const o = { ...s.selection.whatIf[key] } as Record<string, string>;
      // Back to the Service's own value: no longer a what-if.
      if (value === effectiveToggle(svc, name)) delete o[name];
      else o[name] = value;
      s.selection.whatIf[key] = o;
    });
    get().resend(`${name}: ${before} → ${value}`);
  },
  setCni: (model) => {
    const cluster = get().scenario.cluster;
    if (!cluster || !isCniModel(model) || cniBlocker(cluster, model) !== null) return;
    const before = get().selection.cni ?? cluster.spec.cni.model;
    if (before === model) return;
    set((s) => {
      // Back to the scenario's own model: no longer a what-if.
      if (model === cluster.spec.cni.model) delete s.selection.cni;
      else s.selection.cni = model;
    });
    get().resend(`CNI: ${before} → ${model}`);
  },
});
