// Keeps the address bar in step with the view: the scenario, the probe, the what-if and,
// once a packet was sent, the position in its trace (store/view-state.ts).

import { useEffect } from 'react';
import { useAppStoreApi } from '../store/context';
import { viewOf } from '../store/view-state';
import { viewHref } from '../url-state';

export function useUrlSync(): void {
  const store = useAppStoreApi();
  useEffect(() => {
    const write = () => {
      const s = store.getState();
      const href = viewHref(window.location.href, s.scenario.id, viewOf(s));
      if (href !== window.location.href) window.history.replaceState(window.history.state, '', href);
    };
    // An unknown ID in the address was replaced by the default: say which one is shown.
    write();
    return store.subscribe((s, prev) => {
      if (s.scenario !== prev.scenario || s.selection !== prev.selection || s.trace !== prev.trace || s.playback.cursor !== prev.playback.cursor) write();
    });
  }, [store]);
}
