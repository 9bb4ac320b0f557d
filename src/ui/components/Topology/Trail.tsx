// The packet's path so far, as a dotted line through the anchors of the hosts it visited. Drawn
// in two parts: outside the cluster under the clients and load balancers (so the line runs
// between their boxes, never over their text), inside it over the nodes and pods (where every
// host sits in a node's box and would hide it).

import type { Point, TopologyLayout } from '../../layout/topology';

interface Props {
  layout: TopologyLayout;
  points: readonly Point[];
  part: 'outside' | 'cluster';
}

export function Trail({ layout: l, points, part }: Props) {
  if (points.length < 2) return null;
  const id = `topo-trail-${part}`;
  const top = part === 'outside' ? 0 : l.cluster.y;
  const bottom = part === 'outside' ? l.cluster.y : l.height;
  return (
    <g className="topo__trail-part" data-part={part}>
      <clipPath id={id}><rect x={0} y={top} width={l.width} height={bottom - top} /></clipPath>
      <polyline className="topo__trail" clipPath={`url(#${id})`} points={points.map((p) => `${p.x},${p.y}`).join(' ')} />
    </g>
  );
}
