// The answer most people came for: the source IP the backend saw, with the engine's verdict,
// and after a what-if, what it was before.

import { useId } from 'react';
import { useAppStore } from '../../store/context';
import { selectOutcome, selectPrevious, selectSent } from '../../store/trace-selectors';

const DASH = '—';

export function SourceSeen() {
  const id = useId();
  const sent = useAppStore(selectSent);
  const outcome = useAppStore(selectOutcome);
  const previous = useAppStore(selectPrevious);
  const now = outcome?.sourceSeenByDestination ?? null;
  const before = previous?.outcome?.sourceSeenByDestination ?? null;
  const changed = previous !== null && before !== now;
  return (
    <div className="seen" aria-live="polite" data-sent={sent !== null}>
      <p className="seen__main">
        <span id={id} className="seen__label">Source IP seen by backend</span>
        <span aria-labelledby={id} className="seen__ip mono" data-verdict={outcome?.verdict}>{now ?? DASH}</span>
        {outcome && <span className={`verdict verdict--${outcome.verdict}`}>{outcome.verdict}</span>}
      </p>
      {previous && (
        <p className="seen__change" data-changed={changed}>
          {previous.change}: source IP {changed ? 'changed' : 'unchanged'},{' '}
          <span className="mono">{before ?? DASH}</span> before, <span className="mono">{now ?? DASH}</span> now
          {previous.outcome && previous.outcome.verdict !== outcome?.verdict && <> (verdict {previous.outcome.verdict} → {outcome?.verdict})</>}.
        </p>
      )}
      {!sent && <p className="seen__hint">Choose a source and a destination, then send a packet.</p>}
    </div>
  );
}
