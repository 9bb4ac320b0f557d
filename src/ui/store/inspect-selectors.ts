// Selector constants for the conntrack, EndpointSlice and DNS inspectors, memoised on the
// engine's answers they are computed from (trace/inspect-views.ts).

import type { ClusterModel, Hop, SimState } from '../../engine';
import { conntrackViews, destinationService, dnsView } from '../trace/inspect-views';
import { slicesOfService } from '../trace/probe-options';
import type { Probe } from '../trace/run-probe';
import type { AppState } from './app-state';
import { memoizeLast2 } from './trace-selectors';
import { selectEffectiveCluster, selectHops, selectRunState } from './trace-selectors';

const conntrack = memoizeLast2((state: SimState | null, hops: readonly Hop[]) => conntrackViews(state, hops));
export const selectConntrackViews = (s: AppState) => conntrack(selectRunState(s), selectHops(s));

const dnsOf = memoizeLast2((c: ClusterModel | null, run: { sent: Probe | null; hops: readonly Hop[] }) =>
  (c && run.sent ? dnsView(c, run.sent.from, run.sent.to, run.hops) : null));
const runOf = memoizeLast2((sent: Probe | null, hops: readonly Hop[]) => ({ sent, hops }));
export const selectDnsView = (s: AppState) => dnsOf(selectEffectiveCluster(s), runOf(s.trace.sent, selectHops(s)));

const sliceView = memoizeLast2((c: ClusterModel | null, dest: { to: string; dns: ReturnType<typeof dnsView> }) => {
  const svc = c ? destinationService(c, dest.to, dest.dns) : undefined;
  return c && svc ? { service: svc, slices: slicesOfService(c, svc) } : null;
});
const destOf = memoizeLast2((to: string, dns: ReturnType<typeof dnsView>) => ({ to, dns }));
/** The destination Service and its EndpointSlices, as the cluster on screen has them. */
export const selectDestinationSlices = (s: AppState) => sliceView(selectEffectiveCluster(s), destOf(s.selection.to, selectDnsView(s)));
