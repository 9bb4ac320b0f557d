// The static picture: the outside world (its band and router, its clients, the cloud's load
// balancers), the cluster boundary, its Services as virtual addresses (the cluster DNS
// marked), and its nodes (TopologyNode.tsx). The current hop's host is highlighted; hosts the
// packet passes through are tinted.

import { memo } from 'react';
import { nodeOf, routerOf, type TopologyLayout } from '../../layout/topology';
import { LoadBalancers } from './LoadBalancers';
import { hostState, TopologyNode } from './TopologyNode';

export interface Marks {
  current: string | undefined;
  visited: ReadonlySet<string>;
  target: string | undefined;
}

/** The outside world's backdrop: the band, its label and the router its hops are drawn at (under the trail). */
export function OutsideBand({ layout: l, state }: { layout: TopologyLayout; state: 'current' | 'visited' | undefined }) {
  const o = l.outside;
  const router = routerOf(l);
  return (
    <g className="topo__outside" data-host="outside" data-state={state}>
      <rect x={o.x} y={o.y} width={o.w} height={o.h} rx={12} />
      <text x={o.x + o.w - 14} y={o.y + 22} className="topo__muted" textAnchor="end">outside the cluster</text>
      {l.clients.length > 0 && (
        <>
          <circle className="topo__router" cx={router.x} cy={router.y} r={4} />
          <text x={router.x + 10} y={router.y + 4} className="topo__muted topo__small">router</text>
        </>
      )}
    </g>
  );
}

function Hosts({ layout: l, marks, onToggle }: { layout: TopologyLayout; marks: Marks; onToggle: (id: string) => void }) {
  const { current, visited } = marks;
  const c = l.cluster;
  const inNode = current === undefined ? undefined : nodeOf(l, current);
  return (
    <>
      {l.clients.map((cl) => (
        <g key={cl.id} className="topo__client" data-host={cl.id} data-state={hostState(cl.id, current, visited)}>
          <rect x={cl.x} y={cl.y} width={cl.w} height={cl.h} rx={8} />
          <text x={cl.x + 10} y={cl.y + 17} className="topo__label">client/{cl.name}</text>
          <text x={cl.x + 10} y={cl.y + 33} className="topo__mono topo__small">{cl.ip}</text>
        </g>
      ))}
      <LoadBalancers lbs={l.lbs} current={current} visited={visited} />
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
      {l.nodes.map((n) => <TopologyNode key={n.id} n={n} current={n.id === inNode ? current : undefined} visited={visited} onToggle={onToggle} />)}
    </>
  );
}

/** Re-drawn only when the layout or the marks change, not on every frame of a tween; its nodes only when their own highlight does. */
export const TopologyHosts = memo(Hosts);
