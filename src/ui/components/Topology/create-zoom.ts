// Pan and zoom of the topology: a small behaviour that owns one SVG group's transform,
// created once by React like the packet tween. Ctrl/⌘ + wheel and pinch zoom about the
// pointer; the wheel pans when the picture is taller than its view (and lets the page
// scroll at the ends); a drag pans. React never re-renders for a frame of pan or zoom.
// d3-zoom would do the same for some 15 kB more; this is the part kubehops needs.

import type { Point } from '../../layout/topology';

export interface ZoomTransform { k: number; x: number; y: number }
export interface ZoomBounds { contentW: number; contentH: number; viewW: number; viewH: number }

export interface Zoom {
  update: (bounds: ZoomBounds) => void;
  zoomBy: (factor: number, about?: Point) => void;
  panBy: (dx: number, dy: number) => void;
  reset: () => void;
  fit: () => void;
  /** Pans (at most) so the point, in content coordinates, is inside the view. */
  ensureVisible: (p: Point, margin?: number) => void;
  destroy: () => void;
}

export const MIN_K = 0.2;
export const MAX_K = 4;
const DRAG_SLOP = 4;

/** Content smaller than the view may sit anywhere in it; bigger content must cover it. */
export function clampTransform(t: ZoomTransform, b: ZoomBounds): ZoomTransform {
  const k = Math.min(MAX_K, Math.max(MIN_K, t.k));
  const free = (view: number, content: number, v: number) => {
    const lo = Math.min(0, view - content * k);
    const hi = Math.max(0, view - content * k);
    return Math.min(hi, Math.max(lo, v));
  };
  return { k, x: free(b.viewW, b.contentW, t.x), y: free(b.viewH, b.contentH, t.y) };
}

export function createZoom(svg: SVGSVGElement, g: SVGGElement, onChange: (t: ZoomTransform) => void): Zoom {
  let t: ZoomTransform = { k: 1, x: 0, y: 0 };
  let b: ZoomBounds = { contentW: 1, contentH: 1, viewW: 1, viewH: 1 };
  const apply = (next: ZoomTransform) => {
    t = clampTransform(next, b);
    g.setAttribute('transform', `translate(${t.x.toFixed(1)},${t.y.toFixed(1)}) scale(${t.k.toFixed(3)})`);
    onChange(t);
  };
  /** A client point in the SVG's own (viewBox) coordinates. */
  const local = (cx: number, cy: number): Point => {
    const r = svg.getBoundingClientRect();
    const s = r.width > 0 ? b.viewW / r.width : 1;
    return { x: (cx - r.left) * s, y: (cy - r.top) * s };
  };
  const zoomBy = (factor: number, about: Point = { x: b.viewW / 2, y: b.viewH / 2 }) => {
    const k = Math.min(MAX_K, Math.max(MIN_K, t.k * factor));
    const f = k / t.k;
    apply({ k, x: about.x - (about.x - t.x) * f, y: about.y - (about.y - t.y) * f });
  };
  const onWheel = (e: WheelEvent) => {
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      zoomBy(Math.exp(-e.deltaY * 0.002), local(e.clientX, e.clientY));
      return;
    }
    const before = t.y;
    apply({ ...t, y: t.y - e.deltaY });
    if (t.y !== before) e.preventDefault();
  };
  const pointers = new Map<number, Point>();
  let drag: { start: Point; from: ZoomTransform; moved: boolean; pinch?: number } | null = null;
  const onDown = (e: PointerEvent) => {
    if (e.button !== 0) return;
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    drag = { start: { x: e.clientX, y: e.clientY }, from: t, moved: false };
    if (pointers.size === 2) {
      const [a, c] = [...pointers.values()];
      drag.pinch = Math.hypot(a!.x - c!.x, a!.y - c!.y);
    }
  };
  const onMove = (e: PointerEvent) => {
    if (!drag || !pointers.has(e.pointerId)) return;
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (drag.pinch && pointers.size === 2) {
      const [a, c] = [...pointers.values()];
      const d = Math.hypot(a!.x - c!.x, a!.y - c!.y);
      zoomBy(d / drag.pinch, local((a!.x + c!.x) / 2, (a!.y + c!.y) / 2));
      drag.pinch = d;
      return;
    }
    const dx = e.clientX - drag.start.x;
    const dy = e.clientY - drag.start.y;
    if (!drag.moved && Math.hypot(dx, dy) < DRAG_SLOP) return;
    if (!drag.moved) svg.setPointerCapture(e.pointerId);
    drag.moved = true;
    const s = local(1, 0).x - local(0, 0).x;
    apply({ ...drag.from, x: drag.from.x + dx * s, y: drag.from.y + dy * s });
  };
  const onUp = (e: PointerEvent) => {
    pointers.delete(e.pointerId);
    if (pointers.size === 0) drag = null;
  };
  // A drag is not a click on what it started on (a group's toggle).
  const onClick = (e: MouseEvent) => {
    if (drag?.moved) e.stopPropagation();
  };
  svg.addEventListener('wheel', onWheel, { passive: false });
  svg.addEventListener('pointerdown', onDown);
  svg.addEventListener('pointermove', onMove);
  svg.addEventListener('pointerup', onUp);
  svg.addEventListener('pointercancel', onUp);
  svg.addEventListener('click', onClick, true);
  return {
    update(bounds) {
      b = bounds;
      apply(t);
    },
    zoomBy,
    panBy: (dx, dy) => apply({ ...t, x: t.x + dx, y: t.y + dy }),
    reset: () => apply({ k: 1, x: 0, y: 0 }),
    fit: () => {
      const k = Math.min(1, b.viewW / b.contentW, b.viewH / b.contentH);
      apply({ k, x: (b.viewW - b.contentW * k) / 2, y: 0 });
    },
    ensureVisible(p, margin = 60) {
      const sx = p.x * t.k + t.x;
      const sy = p.y * t.k + t.y;
      const dx = sx < margin ? margin - sx : sx > b.viewW - margin ? b.viewW - margin - sx : 0;
      const dy = sy < margin ? margin - sy : sy > b.viewH - margin ? b.viewH - margin - sy : 0;
      if (dx !== 0 || dy !== 0) apply({ ...t, x: t.x + dx, y: t.y + dy });
    },
    destroy() {
      svg.removeEventListener('wheel', onWheel);
      svg.removeEventListener('pointerdown', onDown);
      svg.removeEventListener('pointermove', onMove);
      svg.removeEventListener('pointerup', onUp);
      svg.removeEventListener('pointercancel', onUp);
      svg.removeEventListener('click', onClick, true);
    },
  };
}
