// The static picture: the outside world and its clients, the cluster boundary, its Services
// as virtual addresses, its nodes and their pods. The current hop's host is highlighted;
// hosts the packet passes through are tinted.

import type { NodeBox, TopologyLayout } from '../../layout/topology';

interface Marks {
  current: string | undefined;
  visited: ReadonlySet<string>;
  target: string | undefined;
}

const state = (id: string, m: Marks) => (id === m.current ? 'current' : m.visited.has(id) ? 'visited' : undefined);

function Node({ n, marks }: { n: NodeBox; marks: Marks }) {
  return (
    <g className="topo__node" data-host={n.id} data-state={state(n.id, marks)}>
      <rect x={n.x} y={n.y} width={n.w} height={n.h} rx={10} />
      <text x={n.x + 12} y={n.y + 21} className="topo__title">{n.name}</text>
      <text x={n.x + n.w - 12} y={n.y + 21} className="topo__muted" textAnchor="end">{n.zone}</text>
      <text x={n.x + 12} y={n.y + 39} className="topo__mono">{n.ip}</text>
      {n.pods.map((p) => (
        <g key={p.id} className="topo__pod" data-host={p.id} data-state={state(p.id, marks)} data-ready={p.ready}>
          <rect x={p.x} y={p.y} width={p.w} height={p.h} rx={7} />
          <circle cx={p.x + 12} cy={p.y + 14} r={4} className="topo__ready" />
          <text x={p.x + 22} y={p.y + 17} className="topo__label">{p.name}</text>
          <text x={p.x + 22} y={p.y + 32} className="topo__mono topo__small">
            {p.ip} · {p.namespace} · {p.ready ? 'Ready' : 'NotReady'}
          </text>
        </g>
      ))}
      {n.pods.length === 0 && <text x={n.x + 12} y={n.y + 70} className="topo__muted">no pods</text>}
    </g>
  );
}

export function TopologyHosts({ layout: l, marks }: { layout: TopologyLayout; marks: Marks }) {
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
        <g key={s.id} className="topo__service" data-host={s.id} data-state={s.id === marks.target ? 'target' : undefined}>
          <rect x={s.x} y={s.y} width={s.w} height={s.h} rx={8} />
          <text x={s.x + 10} y={s.y + 19} className="topo__label">svc/{s.name}</text>
          {s.lines.map((line, i) => (
            <text key={i} x={s.x + 10} y={s.y + 36 + i * 15} className="topo__mono topo__small">{line}</text>
          ))}
        </g>
      ))}
      {l.nodes.map((n) => <Node key={n.id} n={n} marks={marks} />)}
    </>
  );
}
