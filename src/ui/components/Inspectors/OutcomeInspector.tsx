// The outcome in the engine's words: verdict, where it was delivered, DNAT, SNAT,
// masquerade, rules walked, and for drops and rejects, who decided and by which rule.

import { useAppStore } from '../../store/context';
import { selectOutcome } from '../../store/trace-selectors';

export function OutcomeInspector() {
  const o = useAppStore(selectOutcome);
  if (!o) return <p className="inspector__empty">No packet sent yet.</p>;
  const rows: [string, string][] = [
    ['Verdict', o.verdict],
    ['Delivered to', o.deliveredTo ?? '—'],
    ['DNAT', o.dnat ?? '—'],
    ['SNAT', o.snat ?? '—'],
    ['Masqueraded', o.masqueraded ? 'yes' : 'no'],
    ['Rules walked', String(o.rulesWalked)],
  ];
  const end = o.hops.at(-1);
  if (end && (end.kind === 'drop' || end.kind === 'reject')) rows.push(['Reason', end.reason]);
  if (o.decidedBy) {
    const d = o.decidedBy;
    rows.push(['Decided by', [d.component, d.table, d.chain].filter(Boolean).join(' ')]);
    if (d.rule) rows.push(['Rule', d.rule]);
  }
  return (
    <dl className="outcome" data-verdict={o.verdict}>
      {rows.map(([k, v]) => (
        <div key={k} className="outcome__row">
          <dt>{k}</dt>
          <dd className="mono">{v}</dd>
        </div>
      ))}
    </dl>
  );
}
