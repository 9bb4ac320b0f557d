// The address bar's share of the state: `?scenario=ID` names the built-in scenario shown.
// The page only ever replaces its own entry, so Back leaves the app as it would any page.

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
