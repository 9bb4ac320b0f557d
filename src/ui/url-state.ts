// The address bar's share of the state: `?scenario=ID` names the built-in scenario shown;
// `from`, `to`, `seed`, the what-if policies of the destination's Service, the CNI what-if
// (`cni`) and, once a packet was sent, `connections` (how many were sent in a row, when more
// than one) and `step` (the cursor) make a link that reproduces the view; `yaml` carries the
// editor's text when it differs from the scenario's (yaml-param.ts). `animate=0` turns
// animation off; `embed=1` shows only the view and its controls. Parameters equal to the scenario's defaults are left out, so a fresh view
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
  /** Connections sent in a row (left out when one). */
  connections?: number;
  /** The CNI model what-if. */
  cni?: string;
  toggles: ServiceOverrides;
}

/** `embed=1` (or `true`): only the view and its controls, for an iframe. */
export function readEmbedParam(search: string): boolean {
  const v = new URLSearchParams(search).get('embed');
  return v === '1' || v === 'true';
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
  const connections = intOf(q.get('connections'));
  const cni = q.get('cni');
  return {
    ...(from ? { from } : {}), ...(to ? { to } : {}), ...(seed !== undefined ? { seed } : {}), ...(step !== undefined ? { step } : {}),
    ...(connections !== undefined && connections > 0 ? { connections } : {}), ...(cni ? { cni } : {}),
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
  put('cni', view.cni);
  put('connections', view.connections);
  put('step', view.step);
  return url.toString();
}
