// Loads the editor's text once typing pauses, so the engine runs once per pause rather than
// once per keystroke.

import { useEffect } from 'react';
import { useAppStore } from '../store/context';
import { selectApplyText, selectIsPending, selectText } from '../store/selectors';

export const APPLY_DELAY_MS = 300;

export function useDebouncedApply(delay = APPLY_DELAY_MS): void {
  const text = useAppStore(selectText);
  const pending = useAppStore(selectIsPending);
  const apply = useAppStore(selectApplyText);
  useEffect(() => {
    if (!pending) return undefined;
    const timer = window.setTimeout(apply, delay);
    return () => window.clearTimeout(timer);
  }, [text, pending, apply, delay]);
}
