// The overlay: each VXLAN tunnel the trace used so far, drawn node to node, with the outer
// header (VTEP addresses, UDP port, VNI) on it; the one the packet is in now is highlighted.

import type { Hop } from '../../../engine';
import { nodeByIP, type TopologyLayout } from '../../layout/topology';

type OuterHeader = Extract<Hop, { kind: 'encap' | 'decap' }>['outer'];

const outerOf = (h: Hop): OuterHeader | undefined => (h.kind === 'encap' || h.kind === 'decap' || h.kind === 'wire' ? h.outer : undefined);
export const outerText = (o: OuterHeader) => `${o.encapsulation} vni ${o.vni} ${o.src}:${o.sport} -> ${o.dst}:${o.dport}`;

export function Tunnels({ layout, hops, cursor }: { layout: TopologyLayout; hops: readonly Hop[]; cursor: number }) {
  const seen = new Map<string, OuterHeader>();
  for (const h of hops.slice(0, cursor + 1)) {
    const o = outerOf(h);
    if (o) seen.set(`${o.src}>${o.dst}`, o);
  }
  const now = hops[cursor] && outerOf(hops[cursor]!);
  return [...seen.entries()].map(([key, o]) => {
    const a = nodeByIP(layout, o.src);
    const b = nodeByIP(layout, o.dst);
    if (!a || !b) return null;
    const [x1, y1, x2, y2] = [a.x + a.w / 2, a.y + 20, b.x + b.w / 2, b.y + 20];
    // A tunnel between nodes in one row arcs above them; otherwise a straight dashed line.
    const lift = Math.abs(y1 - y2) < 1 ? -Math.min(40, Math.abs(x2 - x1) / 6) : 0;
    const mid = { x: (x1 + x2) / 2, y: (y1 + y2) / 2 + lift };
    const active = now !== undefined && `${now.src}>${now.dst}` === key;
    return (
      <g key={key} className="topo__tunnel" data-active={active} data-tunnel={key}>
        <path d={`M${x1},${y1} Q${mid.x},${mid.y + lift} ${x2},${y2}`} />
        <text x={mid.x} y={mid.y - 4} textAnchor="middle" className="topo__mono topo__small">{outerText(o)}</text>
      </g>
    );
  });
}
