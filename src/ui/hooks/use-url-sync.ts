// Keeps the address bar in step with the view: the scenario, the probe, the what-if and,
// once a packet was sent, the run and the position in its trace (store/view-state.ts); and
// the editor's text when it differs from the scenario's, deflated (yaml-param.ts). The
// deflate is asynchronous: until it is done the address keeps the previous text's value.

import { useEffect } from 'react';
import { useAppStoreApi } from '../store/context';
import { selectIsEdited } from '../store/selectors';
import { viewOf } from '../store/view-state';
import { viewHref } from '../url-state';
import { encodeYaml, YAML_PARAM } from '../yaml-param';

export function useUrlSync(): void {
  const store = useAppStoreApi();
  useEffect(() => {
    let encoded: { text: string; value: string } | null = null;
    let live = true;
    const write = () => {
      const s = store.getState();
      const url = new URL(viewHref(window.location.href, s.scenario.id, viewOf(s)));
      if (!selectIsEdited(s)) url.searchParams.delete(YAML_PARAM);
      else if (encoded?.text === s.scenario.text) url.searchParams.set(YAML_PARAM, encoded.value);
      if (url.href !== window.location.href) window.history.replaceState(window.history.state, '', url.href);
    };
    const encode = () => {
      const s = store.getState();
      const text = s.scenario.text;
      if (!selectIsEdited(s) || encoded?.text === text) return;
      void encodeYaml(text).then((value) => {
        if (!live || store.getState().scenario.text !== text) return;
        encoded = { text, value };
        write();
      });
    };
    // An unknown ID in the address was replaced by the default: say which one is shown.
    write();
    encode();
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.scenario !== prev.scenario || s.selection !== prev.selection || s.trace !== prev.trace || s.playback.cursor !== prev.playback.cursor) write();
      if (s.scenario.text !== prev.scenario.text) encode();
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [store]);
}
