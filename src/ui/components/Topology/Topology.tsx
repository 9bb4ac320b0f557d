// The topology view: the layout (layout/topology.ts, pure) for the width available, the
// static picture (the outside with its clients and load balancers, the cluster), the packet's
// trail, the overlay tunnels, the target a load balancer hop is about, and the packet at the
// current hop, moved between hops by a tween that React creates once. A picture taller than the view pans and zooms (mouse,
// touch, or keys on the focused view: + − 0 and arrows); the view follows the packet.
// Reduced motion: the packet jumps.

import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { renderHop } from '../../../engine';
import { anchorOf, layoutTopology, trailOf } from '../../layout/topology';
import { useAppStore } from '../../store/context';
import {
  selectAnimate, selectCurrentHop, selectCursor, selectHops, selectSpeed, selectTargetService, selectTopologyCluster, selectVisitedHosts,
} from '../../store/trace-selectors';
import { serviceKey } from '../../trace/probe-options';
import { HOP_MS } from '../../hooks/use-playback-clock';
import { createPacketTween, type PacketTween } from './create-packet-tween';
import { LbTargetLine } from './LoadBalancers';
import { PacketMarker } from './PacketMarker';
import { OutsideBand, TopologyHosts } from './TopologyHosts';
import { hostState } from './TopologyNode';
import { Trail } from './Trail';
import { Tunnels } from './Tunnels';
import { useZoom } from './use-zoom';
import { useWidth } from './use-width';

/** The tallest the view gets; a taller picture pans inside it. */
const MAX_VIEW_H = 640;
const KEYS: Record<string, (z: NonNullable<ReturnType<typeof useZoom>['current']>) => void> = {
  '+': (z) => z.zoomBy(1.25), '=': (z) => z.zoomBy(1.25), '-': (z) => z.zoomBy(0.8), '0': (z) => z.reset(), f: (z) => z.fit(),
  ArrowUp: (z) => z.panBy(0, 60), ArrowDown: (z) => z.panBy(0, -60), ArrowLeft: (z) => z.panBy(60, 0), ArrowRight: (z) => z.panBy(-60, 0),
};

export function Topology() {
  const cluster = useAppStore(selectTopologyCluster);
  const hop = useAppStore(selectCurrentHop);
  const visited = useAppStore(selectVisitedHosts);
  const hops = useAppStore(selectHops);
  const cursor = useAppStore(selectCursor);
  const target = useAppStore(selectTargetService);
  const animate = useAppStore(selectAnimate);
  const speed = useAppStore(selectSpeed);
  const box = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const zoomed = useRef<SVGGElement>(null);
  const width = useWidth(box, 900);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = useCallback((id: string) => setExpanded((s) => {
    const next = new Set(s);
    if (!next.delete(id)) next.add(id);
    return next;
  }), []);
  const layout = useMemo(() => (cluster ? layoutTopology(cluster, width, expanded) : null), [cluster, width, expanded]);
  const viewH = layout ? Math.min(layout.height, MAX_VIEW_H) : 0;
  const bounds = useMemo(() => (layout ? { contentW: layout.width, contentH: layout.height, viewW: layout.width, viewH } : null), [layout, viewH]);
  const zoom = useZoom(box, svg, zoomed, bounds);
  const marker = useRef<SVGGElement>(null);
  const tween = useRef<PacketTween | null>(null);
  const anchor = layout && hop ? anchorOf(layout, hop.host) : null;
  const trail = useMemo(() => (layout ? trailOf(layout, hops.slice(0, cursor + 1).map((h) => h.host)) : []), [layout, hops, cursor]);
  const ax = anchor?.x;
  const ay = anchor?.y;

  // The tween is made once per SVG and moved as the cursor moves; the view follows it.
  const hasLayout = layout !== null;
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
    if (ax === undefined || ay === undefined) return;
    tween.current?.update({ x: ax, y: ay }, animate ? Math.min(350, (HOP_MS * 0.7) / speed) : 0);
    zoom.current?.ensureVisible({ x: ax, y: ay });
  }, [ax, ay, animate, speed, zoom]);

  // One Set per trace, not per hop: the nodes compare it by identity (TopologyNode is memoised).
  const visitedSet = useMemo(() => new Set(visited), [visited]);
  const targetId = target ? `svc/${serviceKey(target)}` : undefined;
  const marks = useMemo(() => ({ current: hop?.host, visited: visitedSet, target: targetId }), [hop?.host, visitedSet, targetId]);
  const avoid = useMemo(() => (layout ? [...layout.services, ...layout.clients, ...layout.lbs] : []), [layout]);
  const onKey = (e: KeyboardEvent) => {
    const act = KEYS[e.key];
    if (!act || !zoom.current || e.target !== e.currentTarget || e.ctrlKey || e.metaKey || e.altKey) return;
    e.preventDefault();
    act(zoom.current);
  };
  const tool = (label: string, text: string, act: (z: NonNullable<typeof zoom.current>) => void) => (
    <button type="button" className="button button--small" aria-label={label} title={label} onClick={() => zoom.current && act(zoom.current)}>{text}</button>
  );
  return (
    <div ref={box} className="topo" data-current-host={hop?.host} data-zoom="1.00">
      <div className="topo__tools" role="toolbar" aria-label="Zoom">
        {tool('Zoom in', '+', (z) => z.zoomBy(1.25))}
        {tool('Zoom out', '−', (z) => z.zoomBy(0.8))}
        {tool('Fit', 'Fit', (z) => z.fit())}
        {tool('Reset zoom', '1:1', (z) => z.reset())}
      </div>
      {layout && (
        <div className="topo__view" tabIndex={0} role="group" aria-label="Cluster topology (+ and − zoom, 0 resets, arrows pan)" onKeyDown={onKey}>
          <svg
            ref={svg} className="topo__svg" viewBox={`0 0 ${layout.width} ${viewH}`} width={layout.width} height={viewH}
            role="group" aria-label={`Cluster topology${hop ? `; the packet is at ${hop.host}: ${renderHop(hop)}` : ''}`}
          >
            <g ref={zoomed}>
              <OutsideBand layout={layout} state={hostState('outside', hop?.host, visitedSet)} />
              <Trail layout={layout} points={trail} part="outside" />
              <TopologyHosts layout={layout} marks={marks} onToggle={toggle} />
              <Tunnels layout={layout} hops={hops} cursor={cursor} />
              <LbTargetLine layout={layout} hop={hop} />
              <Trail layout={layout} points={trail} part="cluster" />
              <g ref={marker} className="topo__packet" aria-hidden="true" visibility={hop ? 'visible' : 'hidden'}>
                {hop && anchor && <PacketMarker hop={hop} x={anchor.x} y={anchor.y} width={layout.width} height={layout.height} avoid={avoid} />}
              </g>
            </g>
          </svg>
        </div>
      )}
    </div>
  );
}
