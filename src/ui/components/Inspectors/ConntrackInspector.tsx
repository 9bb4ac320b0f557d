// Each node's connection tracking table after the run, as `conntrack -L` prints it, with the
// entries of the connection on screen marked (its original tuple is one this trace sent).

import { useAppStore } from '../../store/context';
import { selectConntrackViews } from '../../store/inspect-selectors';
import { selectConnections } from '../../store/trace-selectors';

export function ConntrackInspector() {
  const views = useAppStore(selectConntrackViews);
  const connections = useAppStore(selectConnections);
  if (connections === 0) return <p className="inspector__empty">No packet sent yet.</p>;
  if (views.length === 0) return <p className="inspector__empty">No host tracked a connection.</p>;
  return (
    <>
      <p className="ruleset__caption">
        After connection {connections}: <code>conntrack -L</code> on each host with entries; this connection&apos;s are marked.
      </p>
      <div className="ruleset conntrack" tabIndex={0} role="region" aria-label="Conntrack tables">
        {views.map((v) => (
          <section key={v.host} className="conntrack__host" aria-label={`conntrack -L on ${v.host}`}>
            <h3 className="conntrack__title mono"># {v.host}</h3>
            <ol className="ruleset__lines">
              {v.lines.map((l, i) => (
                <li key={i} className="ruleset__line" data-matched={l.mine} data-connection={l.mine}>{l.text}</li>
              ))}
            </ol>
            <p className="conntrack__summary mono">{v.summary}</p>
          </section>
        ))}
      </div>
    </>
  );
}
