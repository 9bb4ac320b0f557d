// For a trace to a name: the pod's resolv.conf, the names its resolver tried (the search
// expansion, in order), each query with its rcode and records, the result, and warnings such
// as an ExternalName's TLS/SNI mismatch.

import { useAppStore } from '../../store/context';
import { selectDnsView } from '../../store/inspect-selectors';

export function DnsInspector() {
  const v = useAppStore(selectDnsView);
  if (!v) return null;
  return (
    <section className="panel inspector inspector--wide" aria-labelledby="dns-title">
      <div className="panel__head"><h2 id="dns-title" className="panel__title">DNS</h2></div>
      <div className="inspector__body dns">
        <p className="ruleset__caption">
          <code>{v.pod}</code> resolves <code>{v.name}</code>: {v.candidates.length} {v.candidates.length === 1 ? 'name' : 'names'} tried.
        </p>
        {v.warnings.map((w) => <p key={w} className="notice notice--warn dns__warning" role="note">{w}</p>)}
        <div className="dns__grid">
          <div>
            <h3 className="dns__title">/etc/resolv.conf</h3>
            <pre className="dns__pre">{v.resolvConf}</pre>
          </div>
          <div>
            <h3 className="dns__title">Queries</h3>
            <ol className="dns__queries" aria-label="DNS queries">
              {v.queries.map((q, i) => (
                <li key={i} className="dns__query" data-rcode={q.rcode} data-answered={q.records.length > 0}>
                  <span className="mono">{q.query}</span> <span className={`dns__rcode mono`}>{q.rcode}{q.records.length === 0 && q.rcode === 'NOERROR' ? ' (no data)' : ''}</span>
                  {q.records.length > 0 && <ul className="dns__records">{q.records.map((r) => <li key={r} className="mono">{r}</li>)}</ul>}
                </li>
              ))}
            </ol>
          </div>
        </div>
        <p className="dns__result"><strong>Result:</strong> <span className="mono">{v.result}</span></p>
      </div>
    </section>
  );
}
