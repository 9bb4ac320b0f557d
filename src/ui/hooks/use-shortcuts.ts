// Keyboard shortcuts for a speaker: Space plays or pauses, ArrowRight / ArrowLeft step.
// They never fire while a form control (or anything else that takes keys) has focus, so
// Space on a focused button presses the button and arrows still move sliders and radios.

import { useEffect } from 'react';
import { useAppStoreApi } from '../store/context';

const TAKES_KEYS = 'input, select, textarea, button, a[href], summary, [contenteditable]:not([contenteditable="false"]), [role="slider"], [role="radio"], [role="listbox"], [tabindex]:not([tabindex="-1"])';

export function takesKeys(el: Element | null): boolean {
  return el !== null && el !== document.body && el.closest(TAKES_KEYS) !== null;
}

export function useShortcuts(): void {
  const store = useAppStoreApi();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      if (takesKeys(e.target instanceof Element ? e.target : null) || takesKeys(document.activeElement)) return;
      const s = store.getState();
      if (s.trace.sent === null) return;
      if (e.key === ' ') s.togglePlay();
      else if (e.key === 'ArrowRight') s.stepForward();
      else if (e.key === 'ArrowLeft') s.stepBack();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
