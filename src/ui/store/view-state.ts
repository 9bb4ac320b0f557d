// The store's state as the address bar holds it, and back: `viewOf` leaves out what equals
// the scenario's defaults; `restoreView` replays a link (probe, what-if, send, step) through
// the store's own actions, so a restored view is one a person could have made.

import type { ViewParams } from '../url-state';
import type { ServiceOverrides } from '../trace/what-if';
import { serviceForDestination, serviceKey } from '../trace/probe-options';
import type { AppState } from './app-state';
import type { AppStore } from './create-app-store';
import { DEFAULT_SEED, defaultProbe } from './selection-slice';
import { selectScenarioInfo } from './selectors';
import { MAX_CONNECTIONS } from './trace-slice';

export function viewOf(s: AppState): ViewParams {
  const defaults = defaultProbe(s.scenario.cluster, selectScenarioInfo(s));
  const sent = s.trace.sent !== null;
  const { from, to, seed, whatIf } = s.selection;
  const svc = s.scenario.cluster && serviceForDestination(s.scenario.cluster, to);
  const toggles: ServiceOverrides = svc ? whatIf[serviceKey(svc)] ?? {} : {};
  const { connections } = s.trace;
  return {
    ...(sent || from !== defaults.from ? { from } : {}),
    ...(sent || to !== defaults.to ? { to } : {}),
    ...(sent || seed !== DEFAULT_SEED ? { seed } : {}),
    ...(s.selection.cni ? { cni: s.selection.cni } : {}),
    ...(sent && connections > 1 ? { connections } : {}),
    ...(sent ? { step: s.playback.cursor } : {}),
    toggles,
  };
}

export function restoreView(store: AppStore, view: ViewParams): void {
  const s = store.getState();
  if (view.from !== undefined) s.setFrom(view.from);
  if (view.to !== undefined) s.setTo(view.to);
  if (view.seed !== undefined) s.setSeed(view.seed);
  for (const [name, value] of Object.entries(view.toggles)) {
    store.getState().setToggle(name as keyof ServiceOverrides, value as never);
  }
  if (view.cni !== undefined) store.getState().setCni(view.cni);
  if (view.step === undefined) return;
  const n = Math.min(view.connections ?? 1, MAX_CONNECTIONS);
  for (let i = 0; i < n; i++) store.getState().send();
  store.getState().seek(view.step);
}
