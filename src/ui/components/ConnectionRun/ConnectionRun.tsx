// The run: how many connections of this probe were sent in a row, where each one went, and
// Reset (a freshly booted cluster: no conntrack entries, no affinity remembered). Several
// connections show affinity sticking and load balancing spreading.

import { useAppStore } from '../../store/context';
import { selectClearTrace, selectConnections, selectHistory } from '../../store/trace-selectors';

const DASH = '—';

export function ConnectionRun() {
  const connections = useAppStore(selectConnections);
  const history = useAppStore(selectHistory);
  const reset = useAppStore(selectClearTrace);
  const reached = new Set(history.flatMap((h) => (h.deliveredTo ? [h.deliveredTo] : []))).size;
  return (
    <div className="run" data-connections={connections}>
      <p className="run__head">
        <span className="run__count" aria-live="polite">
          {connections === 0 ? 'No connection sent yet' : `Connection ${connections}`}
        </span>
        {connections > 1 && <span className="run__summary">{connections} connections reached {reached} {reached === 1 ? 'endpoint' : 'endpoints'}</span>}
        <button type="button" className="button button--small" onClick={reset} disabled={connections === 0}>Reset</button>
      </p>
      {history.length > 1 && (
        <ol className="run__list" aria-label="Connections">
          {history.map((h, i) => (
            <li key={i} className="run__item mono" data-verdict={h.verdict} data-delivered-to={h.deliveredTo ?? ''}>
              → {h.deliveredTo ?? h.verdict} <span className="run__seen">seen as {h.sourceSeen ?? DASH}</span>
            </li>
          ))}
        </ol>
      )}
      {connections > 0 && <p className="run__hint">Send again to open the next connection with the cluster's state carried over.</p>}
    </div>
  );
}
