// The static picture: the outside world and its clients, the cluster boundary, its Services
// as virtual addresses (the cluster DNS marked), its nodes and their pods by namespace, big
// namespaces collapsed to a count that opens on click or Enter. The current hop's host is
// highlighted; hosts the packet passes through are tinted.

import { memo, type KeyboardEvent } from 'react';
import type { GroupBox, NodeBox, TopologyLayout } from '../../layout/topology';

export interface Marks {
  current: string | undefined;
  visited: ReadonlySet<string>;
  target: string | undefined;
}

const state = (id: string, m: Marks) => (id === m.current ? 'current' : m.visited.has(id) ? 'visited' : undefined);
const groupState = (g: GroupBox, m: Marks) => (!g.collapsed ? undefined
  : g.podIds.includes(m.current ?? '') ? 'current' : g.podIds.some((p) => m.visited.has(p)) ? 'visited' : undefined);

function Group({ g, marks, onToggle }: { g: GroupBox; marks: Marks; onToggle: (id: string) => void }) {
  const key = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    onToggle(g.id);
  };
  const what = `${g.namespace}: ${g.count} pods`;
  return (
    <g
      className="topo__group" data-group={g.id} data-state={groupState(g, marks)} role="button" tabIndex={0}
      aria-expanded={!g.collapsed} aria-label={`${what}, ${g.collapsed ? 'expand' : 'collapse'}`}
      onClick={() => onToggle(g.id)} onKeyDown={key}
    >
      <rect x={g.x} y={g.y} width={g.w} height={g.h} rx={7} />
      <text x={g.x + 12} y={g.y + 19} className="topo__label">{g.collapsed ? '▸' : '▾'} {what}</text>
    </g>
  );
}

function Node({ n, marks, onToggle }: { n: NodeBox; marks: Marks; onToggle: (id: string) => void }) {
  return (
    <g className="topo__node" data-host={n.id} data-state={state(n.id, marks)}>
      <rect x={n.x} y={n.y} width={n.w} height={n.h} rx={10} />
      <text x={n.x + 12} y={n.y + 21} className="topo__title">{n.name}</text>
      <text x={n.x + n.w - 12} y={n.y + 21} className="topo__muted" textAnchor="end">{n.zone}</text>
      <text x={n.x + 12} y={n.y + 39} className="topo__mono">{n.ip}</text>
      {n.groups.map((g) => <Group key={g.id} g={g} marks={marks} onToggle={onToggle} />)}
      {n.pods.map((p) => (
        <g key={p.id} className="topo__pod" data-host={p.id} data-state={state(p.id, marks)} data-ready={p.ready} data-dns={p.dns || undefined}>
          <rect x={p.x} y={p.y} width={p.w} height={p.h} rx={7} />
          <circle cx={p.x + 12} cy={p.y + 14} r={4} className="topo__ready" />
          <text x={p.x + 22} y={p.y + 17} className="topo__label">{p.name}{p.dns ? ' · DNS' : ''}</text>
          <text x={p.x + 22} y={p.y + 32} className="topo__mono topo__small">
            {p.ip} · {p.namespace} · {p.ready ? 'Ready' : 'NotReady'}
          </text>
        </g>
      ))}
      {n.pods.length === 0 && n.groups.length === 0 && <text x={n.x + 12} y={n.y + 70} className="topo__muted">no pods</text>}
    </g>
  );
}

function Hosts({ layout: l, marks, onToggle }: { layout: TopologyLayout; marks: Marks; onToggle: (id: string) => void }) {
  const o = l.outside;
  const c = l.cluster;
  return (
    <>
      <g className="topo__outside" data-host="outside" data-state={state('outside', marks)}>
        <rect x={o.x} y={o.y} width={o.w} height={o.h} rx={12} />
        <text x={o.x + o.w - 14} y={o.y + 22} className="topo__muted" textAnchor="end">outside the cluster</text>
      </g>
      {l.clients.map((cl) => (
        <g key={cl.id} className="topo__client" data-host={cl.id} data-state={state(cl.id, marks)}>
          <rect x={cl.x} y={cl.y} width={cl.w} height={cl.h} rx={8} />
          <text x={cl.x + 10} y={cl.y + 17} className="topo__label">client/{cl.name}</text>
          <text x={cl.x + 10} y={cl.y + 33} className="topo__mono topo__small">{cl.ip}</text>
        </g>
      ))}
      <g className="topo__cluster">
        <rect x={c.x} y={c.y} width={c.w} height={c.h} rx={14} />
        <text x={c.x + 14} y={c.y + 24} className="topo__title">cluster {c.name}</text>
      </g>
      {l.services.map((s) => (
        <g key={s.id} className="topo__service" data-host={s.id} data-dns={s.dns || undefined} data-state={s.id === marks.target ? 'target' : undefined}>
          <rect x={s.x} y={s.y} width={s.w} height={s.h} rx={8} />
          <text x={s.x + 10} y={s.y + 19} className="topo__label">svc/{s.name}</text>
          {s.lines.map((line, i) => (
            <text key={i} x={s.x + 10} y={s.y + 36 + i * 15} className="topo__mono topo__small">{line}{s.dns && i === 1 ? ' · cluster DNS' : ''}</text>
          ))}
        </g>
      ))}
      {l.nodes.map((n) => <Node key={n.id} n={n} marks={marks} onToggle={onToggle} />)}
    </>
  );
}

/** Re-drawn only when the layout or the marks change, not on every frame of a tween. */
export const TopologyHosts = memo(Hosts);
