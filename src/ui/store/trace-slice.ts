// The trace slice: the packet that was sent and the engine's answer, replaced whole on every
// send (never drafted), and the answer before the last what-if, to show what changed.

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
  result: ProbeResult | null;
  previous: PreviousRun | null;
}

export interface TraceSlice {
  trace: TraceState;
  /** Sends the selected probe. */
  send: () => void;
  /** Runs the sent probe again on the current cluster; `change` names what differs. */
  resend: (change?: string) => void;
  clearTrace: () => void;
}

export type TraceSliceCreator = StateCreator<AppState, [['zustand/immer', never]], [], TraceSlice>;

export const EMPTY_TRACE: TraceState = { sent: null, result: null, previous: null };

export const createTraceSlice: TraceSliceCreator = (set, get) => {
  const run = (probe: Probe, previous: PreviousRun | null) => {
    const cluster = selectEffectiveCluster(get());
    const result: ProbeResult = cluster ? runProbe(cluster, probe) : { ok: false, error: 'no cluster is loaded' };
    // Replaced whole, outside immer: the engine's answer is never drafted.
    set({ trace: { sent: probe, result, previous } });
    get().restartPlayback();
  };
  return {
    trace: EMPTY_TRACE,
    send: () => {
      const { from, to, seed } = get().selection;
      run({ from, to, seed }, null);
    },
    resend: (change) => {
      const { sent, result } = get().trace;
      if (!sent) return;
      run(sent, change ? { change, outcome: result?.ok ? result.outcome : null } : null);
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
