// The topology view: the layout (layout/topology.ts, pure) for the width available, the
// static picture, and the packet at the current hop, moved between hops by a tween that
// React creates once. Reduced motion: the packet jumps.

import { useEffect, useMemo, useRef, useState } from 'react';
import { renderHop } from '../../../engine';
import { anchorOf, layoutTopology, trailOf } from '../../layout/topology';
import { useAppStore } from '../../store/context';
import {
  selectAnimate, selectCurrentHop, selectCursor, selectEffectiveCluster, selectHops, selectSpeed, selectTargetService, selectVisitedHosts,
} from '../../store/trace-selectors';
import { serviceKey } from '../../trace/probe-options';
import { HOP_MS } from '../../hooks/use-playback-clock';
import { createPacketTween, type PacketTween } from './create-packet-tween';
import { PacketMarker } from './PacketMarker';
import { TopologyHosts } from './TopologyHosts';

function useWidth(ref: React.RefObject<HTMLElement | null>, initial: number): number {
  const [width, setWidth] = useState(initial);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const observer = new ResizeObserver(() => setWidth(Math.round(el.clientWidth)));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

export function Topology() {
  const cluster = useAppStore(selectEffectiveCluster);
  const hop = useAppStore(selectCurrentHop);
  const visited = useAppStore(selectVisitedHosts);
  const hops = useAppStore(selectHops);
  const cursor = useAppStore(selectCursor);
  const target = useAppStore(selectTargetService);
  const animate = useAppStore(selectAnimate);
  const speed = useAppStore(selectSpeed);
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box, 900);
  const layout = useMemo(() => (cluster ? layoutTopology(cluster, width) : null), [cluster, width]);
  const marker = useRef<SVGGElement>(null);
  const tween = useRef<PacketTween | null>(null);
  const anchor = layout && hop ? anchorOf(layout, hop.host) : null;
  const trail = useMemo(
    () => (layout ? trailOf(layout, hops.slice(0, cursor + 1).map((h) => h.host)) : []),
    [layout, hops, cursor],
  );

  const hasLayout = layout !== null;
  const ax = anchor?.x;
  const ay = anchor?.y;

  // The tween is made once per SVG and moved as the cursor moves.
  useEffect(() => {
    if (!marker.current) return undefined;
    const t = createPacketTween(marker.current);
    tween.current = t;
    return () => {
      t.destroy();
      tween.current = null;
    };
  }, [hasLayout]);
  useEffect(() => {
    if (ax !== undefined && ay !== undefined) tween.current?.update({ x: ax, y: ay }, animate ? Math.min(350, (HOP_MS * 0.7) / speed) : 0);
  }, [ax, ay, animate, speed]);

  const marks = useMemo(() => ({
    current: hop?.host, visited: new Set(visited), target: target ? `svc/${serviceKey(target)}` : undefined,
  }), [hop?.host, visited, target]);
  return (
    <div ref={box} className="topo" data-current-host={hop?.host}>
      {layout && (
        <svg
          className="topo__svg" viewBox={`0 0 ${layout.width} ${layout.height}`} width={layout.width} height={layout.height}
          role="img" aria-label={`Cluster topology${hop ? `; the packet is at ${hop.host}: ${renderHop(hop)}` : ''}`}
        >
          <TopologyHosts layout={layout} marks={marks} />
          {trail.length > 1 && <polyline className="topo__trail" points={trail.map((p) => `${p.x},${p.y}`).join(' ')} />}
          <g ref={marker} className="topo__packet" aria-hidden="true" visibility={hop ? 'visible' : 'hidden'}>
            {hop && anchor && <PacketMarker hop={hop} x={anchor.x} width={layout.width} />}
          </g>
        </svg>
      )}
    </div>
  );
}
