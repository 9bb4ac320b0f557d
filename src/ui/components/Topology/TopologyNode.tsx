// One node of the topology: its name, zone and InternalIP (and the MetalLB IPs it answers ARP
// for), its pods by namespace, big namespaces collapsed to a count that opens on click or
// Enter. Memoised: it is handed the current host only when that host is drawn inside it, so a
// hop change re-renders the one or two nodes whose highlight changes, not all fifty.

import { memo, type KeyboardEvent } from 'react';
import type { GroupBox, NodeBox } from '../../layout/topology';

interface Props {
  n: NodeBox;
  /** The current hop's host when it is this node, one of its pods or a pod in one of its groups. */
  current: string | undefined;
  /** Every host the trace visits (stable for a trace). */
  visited: ReadonlySet<string>;
  onToggle: (id: string) => void;
}

export const hostState = (id: string, current: string | undefined, visited: ReadonlySet<string>) =>
  (id === current ? 'current' : visited.has(id) ? 'visited' : undefined);

function groupState(g: GroupBox, current: string | undefined, visited: ReadonlySet<string>) {
  if (!g.collapsed) return undefined;
  return current !== undefined && g.podIds.includes(current) ? 'current' : g.podIds.some((p) => visited.has(p)) ? 'visited' : undefined;
}

function Group({ g, state, onToggle }: { g: GroupBox; state: string | undefined; onToggle: (id: string) => void }) {
  const key = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    onToggle(g.id);
  };
  const what = `${g.namespace}: ${g.count} pods`;
  return (
    <g
      className="topo__group" data-group={g.id} data-state={state} role="button" tabIndex={0}
      aria-expanded={!g.collapsed} aria-label={`${what}, ${g.collapsed ? 'expand' : 'collapse'}`}
      onClick={() => onToggle(g.id)} onKeyDown={key}
    >
      <rect x={g.x} y={g.y} width={g.w} height={g.h} rx={7} />
      <text x={g.x + 12} y={g.y + 19} className="topo__label">{g.collapsed ? '▸' : '▾'} {what}</text>
    </g>
  );
}

function Node({ n, current, visited, onToggle }: Props) {
  const ips = n.announces.join(', ');
  return (
    <g className="topo__node" data-host={n.id} data-state={hostState(n.id, current, visited)} data-announces={ips || undefined}>
      <rect x={n.x} y={n.y} width={n.w} height={n.h} rx={10} />
      <text x={n.x + 12} y={n.y + 21} className="topo__title">{n.name}</text>
      <text x={n.x + n.w - 12} y={n.y + 21} className="topo__muted" textAnchor="end">{n.zone}</text>
      <text x={n.x + 12} y={n.y + 39} className="topo__mono">{n.ip}</text>
      {ips && <text x={n.x + 12} y={n.y + 55} className="topo__mono topo__small topo__announce">answers ARP for {ips}</text>}
      {n.groups.map((g) => <Group key={g.id} g={g} state={groupState(g, current, visited)} onToggle={onToggle} />)}
      {n.pods.map((p) => (
        <g key={p.id} className="topo__pod" data-host={p.id} data-state={hostState(p.id, current, visited)} data-ready={p.ready} data-dns={p.dns || undefined}>
          <rect x={p.x} y={p.y} width={p.w} height={p.h} rx={7} />
          <circle cx={p.x + 12} cy={p.y + 14} r={4} className="topo__ready" />
          <text x={p.x + 22} y={p.y + 17} className="topo__label">{p.name}{p.dns ? ' · DNS' : ''}</text>
          <text x={p.x + 22} y={p.y + 32} className="topo__mono topo__small">
            {p.ip} · {p.namespace} · {p.ready ? 'Ready' : 'NotReady'}
          </text>
        </g>
      ))}
      {n.pods.length === 0 && n.groups.length === 0 && <text x={n.x + 12} y={n.y + n.headH + 18} className="topo__muted">no pods</text>}
    </g>
  );
}

export const TopologyNode = memo(Node);
