// The cloud's load balancers in the outside band (layout/load-balancers.ts): a box per load
// balancer the cloud built, named for screen readers with its style and IPs; a dashed box for
// a <pending> Service or an IP nothing carries; for MetalLB layer 2 only a note, no box. At a
// load balancer hop about a target (a health check, the pick, the flow, the node answering
// ARP), a line to it.

import type { Hop } from '../../../engine';
import { anchorOf, boxOfHost, routerOf, type LbBox, type TopologyLayout } from '../../layout/topology';
import { hostState } from './TopologyNode';

interface Props {
  lbs: readonly LbBox[];
  current: string | undefined;
  visited: ReadonlySet<string>;
}

export function LoadBalancers({ lbs, current, visited }: Props) {
  return lbs.map((b) => (
    <g
      key={b.id} className="topo__lb" data-host={b.id} data-kind={b.kind} data-state={hostState(b.id, current, visited)}
      data-problem={b.problem || undefined} role="group" aria-label={b.label}
    >
      <title>{b.detail}</title>
      {b.kind !== 'l2' && <rect x={b.x} y={b.y} width={b.w} height={b.h} rx={8} />}
      <text x={b.x + 10} y={b.y + 18} className="topo__label">{b.title}</text>
      {b.lines.map((line, i) => (
        <text key={i} x={b.x + 10} y={b.y + 35 + i * 15} className="topo__mono topo__small">{line}</text>
      ))}
    </g>
  ));
}

/** The target a load balancer hop is about, joined to the load balancer (for MetalLB's ARP answer, to the router). */
export function LbTargetLine({ layout, hop }: { layout: TopologyLayout; hop: Hop | undefined }) {
  const target = hop?.kind === 'lb' && hop.target ? boxOfHost(layout, hop.target) : undefined;
  if (hop?.kind !== 'lb' || !target) return null;
  const lb = layout.lbs.find((b) => b.id === hop.host);
  if (!lb && hop.event !== 'arp') return null;
  // From under the load balancer's dot (or the router) to the top of the target's box.
  const to = { x: target.x + target.w / 2, y: target.y };
  const from = lb ? { x: anchorOf(layout, lb.id).x, y: lb.y + lb.h } : routerOf(layout);
  return (
    <line
      className="topo__lbtarget" data-event={hop.event} data-healthy={hop.healthy === undefined ? undefined : String(hop.healthy)}
      x1={from.x} y1={from.y} x2={to.x} y2={to.y}
    />
  );
}
