// Whether an element's content is wider than the element: a table scrolled sideways must be
// reachable by keyboard (a focusable region), one that fits needs no extra tab stop.

import { useEffect, useState, type RefObject } from 'react';

export function useOverflow(ref: RefObject<HTMLElement | null>): boolean {
  const [overflow, setOverflow] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const observer = new ResizeObserver(() => setOverflow(el.scrollWidth > el.clientWidth + 1));
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, [ref]);
  return overflow;
}
