// The trace slice: the packet that was sent and the engine's answer, replaced whole on every
// send (never drafted), and the answer before the last what-if, to show what changed. Sending
// the same probe again continues the run (the next connection, from the kernel state the
// last one left); reset forgets the run, as if the cluster had just booted.

import type { StateCreator } from 'zustand';
import type { TraceOutcome } from '../../engine';
import { runProbe, type Probe, type ProbeResult } from '../trace/run-probe';
import type { AppState } from './app-state';
import { selectEffectiveCluster } from './trace-selectors';

export interface PreviousRun {
  /** What changed between the runs: `externalTrafficPolicy: Cluster → Local`. */
  readonly change: string;
  readonly outcome: TraceOutcome | null;
}

export interface TraceState {
  sent: Probe | null;
  /** Connections sent in this run (the one on screen is the last). */
  connections: number;
  result: ProbeResult | null;
  previous: PreviousRun | null;
}

export interface TraceSlice {
  trace: TraceState;
  /** Sends the selected probe: the next connection of the run when it is the probe already sent. */
  send: () => void;
  /** Runs the whole run again on the current cluster; `change` names what differs. */
  resend: (change?: string) => void;
  /** Forgets the run and the cluster's kernel state. */
  clearTrace: () => void;
}

export type TraceSliceCreator = StateCreator<AppState, [['zustand/immer', never]], [], TraceSlice>;

export const EMPTY_TRACE: TraceState = { sent: null, connections: 0, result: null, previous: null };

/** The most connections a run keeps (a link asking for more gets this many). */
export const MAX_CONNECTIONS = 50;

const sameProbe = (a: Probe | null, b: Probe) => a !== null && a.from === b.from && a.to === b.to && a.seed === b.seed;

export const createTraceSlice: TraceSliceCreator = (set, get) => {
  const run = (probe: Probe, connections: number, previous: PreviousRun | null, continued: boolean) => {
    const cluster = selectEffectiveCluster(get());
    const last = get().trace.result;
    const soFar = continued && last?.ok ? last : undefined;
    const result: ProbeResult = cluster ? runProbe(cluster, probe, connections, soFar) : { ok: false, error: 'no cluster is loaded' };
    // Replaced whole, outside immer: the engine's answer is never drafted.
    set({ trace: { sent: probe, connections, result, previous } });
    get().restartPlayback();
  };
  return {
    trace: EMPTY_TRACE,
    send: () => {
      const { from, to, seed } = get().selection;
      const probe = { from, to, seed };
      const { sent, connections, result } = get().trace;
      const more = sameProbe(sent, probe) && result?.ok === true && connections < MAX_CONNECTIONS;
      run(probe, more ? connections + 1 : 1, null, more);
    },
    resend: (change) => {
      const { sent, result, connections } = get().trace;
      if (!sent) return;
      run(sent, connections, change ? { change, outcome: result?.ok ? result.outcome : null } : null, false);
    },
    clearTrace: () => {
      if (get().trace.sent === null) return;
      set({ trace: EMPTY_TRACE });
      set((s) => {
        s.playback.cursor = 0;
        s.playback.playing = false;
      });
    },
  };
};
