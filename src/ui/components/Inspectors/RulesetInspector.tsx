// The ruleset of the node the packet is on (or last was), in iptables-save form, with the
// rules this trace matched on that node highlighted and the current rule marked.

import { useEffect, useMemo, useRef } from 'react';
import { rulesForNode, type ClusterModel } from '../../../engine';
import { useAppStore } from '../../store/context';
import { selectCurrentHop, selectEffectiveCluster, selectHops, selectRulesNode } from '../../store/trace-selectors';
import { mapIptablesSave } from '../../trace/ruleset-view';

function savedRules(cluster: ClusterModel | null, node: string | null) {
  if (!cluster || !node) return [];
  try {
    return mapIptablesSave(rulesForNode(cluster, node.slice('node/'.length)));
  } catch {
    return [];
  }
}

export function RulesetInspector() {
  const cluster = useAppStore(selectEffectiveCluster);
  const node = useAppStore(selectRulesNode);
  const hops = useAppStore(selectHops);
  const hop = useAppStore(selectCurrentHop);
  const lines = useMemo(() => savedRules(cluster, node), [cluster, node]);
  const matched = useMemo(() => new Set(hops.flatMap((h) => (h.kind === 'rule' && h.host === node ? [h.line] : []))), [hops, node]);
  const current = hop?.kind === 'rule' && hop.host === node ? hop.line : undefined;
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    const item = el?.querySelector<HTMLElement>('[data-current="true"]') ?? el?.querySelector<HTMLElement>('[data-matched="true"]');
    if (el && item) el.scrollTop = Math.max(0, item.offsetTop - el.clientHeight / 3);
  }, [current, node, lines]);
  if (!node) return <p className="inspector__empty">The packet has not been on a node yet.</p>;
  return (
    <>
      <p className="ruleset__caption">
        <code>iptables-save</code> on <code>{node}</code>: {matched.size} rules matched by this trace are highlighted.
      </p>
      <div ref={box} className="ruleset" tabIndex={0} role="region" aria-label={`Ruleset of ${node}`}>
        <ol className="ruleset__lines">
          {lines.map((l, i) => (
            <li
              key={i} className="ruleset__line" data-matched={l.source !== undefined && matched.has(l.source)}
              data-current={l.source !== undefined && l.source === current} aria-current={l.source !== undefined && l.source === current ? 'true' : undefined}
            >{l.text}</li>
          ))}
        </ol>
      </div>
    </>
  );
}
