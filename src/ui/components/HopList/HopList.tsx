// Every hop of the trace, one line each, in the CLI's words (renderHop); the current one is
// marked and kept in view inside the list (never by scrolling the page).

import { useEffect, useMemo, useRef } from 'react';
import { renderHop, type Hop } from '../../../engine';
import { useAppStore } from '../../store/context';
import { selectCursor, selectHops } from '../../store/trace-selectors';
import type { AppState } from '../../store/app-state';

const selectSeek = (s: AppState) => s.seek;

export function HopList() {
  const hops = useAppStore(selectHops);
  const cursor = useAppStore(selectCursor);
  const seek = useAppStore(selectSeek);
  const lines = useMemo(() => hops.map((h: Hop) => renderHop(h)), [hops]);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    const item = el?.querySelector<HTMLElement>('[aria-current="step"]');
    if (!el || !item) return;
    // The scroll box is the offset parent (position: relative).
    const top = item.offsetTop;
    if (top < el.scrollTop || top + item.offsetHeight > el.scrollTop + el.clientHeight) {
      el.scrollTop = Math.max(0, top - el.clientHeight / 3);
    }
  }, [cursor, lines]);
  return (
    <section className="panel hops" aria-labelledby="hops-title">
      <div className="panel__head">
        <h2 id="hops-title" className="panel__title">Hops <span className="count">{hops.length}</span></h2>
      </div>
      <div ref={box} className="hops__scroll" tabIndex={0} role="region" aria-label="Hops, scrolls">
        {hops.length === 0 ? <p className="hops__empty">No packet sent yet.</p> : (
          <ol className="hops__list" aria-label="Hops">
            {lines.map((text, i) => (
              <li
                key={i} className={`hop hop--${hops[i]!.kind} hop--${hops[i]!.leg}`} data-kind={hops[i]!.kind}
                aria-current={i === cursor ? 'step' : undefined} data-past={i < cursor} onClick={() => seek(i)}
              >
                <span className="hop__text">{text}</span>
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
