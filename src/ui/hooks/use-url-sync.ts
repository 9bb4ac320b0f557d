// Keeps `?scenario=ID` in the address bar in step with the scenario shown.

import { useEffect } from 'react';
import { useAppStoreApi } from '../store/context';
import { readScenarioParam, scenarioHref } from '../url-state';

export function useUrlSync(): void {
  const store = useAppStoreApi();
  useEffect(() => {
    const write = (id: string) => window.history.replaceState(window.history.state, '', scenarioHref(window.location.href, id));
    // An unknown ID in the address was replaced by the default: say which one is shown.
    const asked = readScenarioParam(window.location.search);
    const shown = store.getState().scenario.id;
    if (asked !== null && asked !== shown) write(shown);
    return store.subscribe((s, prev) => {
      if (s.scenario.id !== prev.scenario.id) write(s.scenario.id);
    });
  }, [store]);
}
