// The address bar's share of the state: `?scenario=ID` names the built-in scenario shown;
// `from`, `to`, `seed`, the what-if policies of the destination's Service and, once a packet
// was sent, `step` (the cursor) make a link that reproduces the view. `animate=0` turns
// animation off. Parameters equal to the scenario's defaults are left out, so a fresh view
// is just `?scenario=ID`. The page only ever replaces its own entry.

import { TOGGLE_NAMES, TOGGLES, type ServiceOverrides } from './trace/what-if';

export const SCENARIO_PARAM = 'scenario';

export function readScenarioParam(search: string): string | null {
  const id = new URLSearchParams(search).get(SCENARIO_PARAM);
  return id === null || id === '' ? null : id;
}

/** The same address with `?scenario=ID` set, everything else (path, other params, hash) kept. */
export function scenarioHref(href: string, id: string): string {
  const url = new URL(href);
  url.searchParams.set(SCENARIO_PARAM, id);
  return url.toString();
}

export interface ViewParams {
  from?: string;
  to?: string;
  seed?: number;
  /** Set when a packet was sent: the cursor into its hops. */
  step?: number;
  toggles: ServiceOverrides;
}

/** `animate=0` (or `false`) turns animation off. */
export function readAnimateParam(search: string): boolean | null {
  const v = new URLSearchParams(search).get('animate');
  if (v === null) return null;
  return !(v === '0' || v === 'false' || v === 'off');
}

const intOf = (v: string | null): number | undefined => (v !== null && /^\d+$/.test(v) ? Number(v) : undefined);

export function readViewParams(search: string): ViewParams {
  const q = new URLSearchParams(search);
  const toggles: Record<string, string> = {};
  for (const name of TOGGLE_NAMES) {
    const v = q.get(name);
    if (v !== null && (TOGGLES[name] as readonly string[]).includes(v)) toggles[name] = v;
  }
  const from = q.get('from');
  const to = q.get('to');
  const seed = intOf(q.get('seed'));
  const step = intOf(q.get('step'));
  return {
    ...(from ? { from } : {}), ...(to ? { to } : {}), ...(seed !== undefined ? { seed } : {}), ...(step !== undefined ? { step } : {}),
    toggles: toggles as ServiceOverrides,
  };
}

/** The address with the view's parameters written (absent ones removed), others kept. */
export function viewHref(href: string, id: string, view: ViewParams): string {
  const url = new URL(href);
  const q = url.searchParams;
  q.set(SCENARIO_PARAM, id);
  const put = (k: string, v: string | number | undefined) => (v === undefined ? q.delete(k) : q.set(k, String(v)));
  put('from', view.from);
  put('to', view.to);
  put('seed', view.seed);
  for (const name of TOGGLE_NAMES) put(name, view.toggles[name]);
  put('step', view.step);
  return url.toString();
}
