// The topology's pan and zoom for React: creates the behaviour (create-zoom.ts) once per SVG,
// tells it the picture's and the view's sizes, and writes the scale on the container as
// `data-zoom` (for tests and styles) without re-rendering.

import { useEffect, useRef, type RefObject } from 'react';
import { createZoom, type Zoom, type ZoomBounds } from './create-zoom';

export function useZoom(
  box: RefObject<HTMLElement | null>, svg: RefObject<SVGSVGElement | null>, g: RefObject<SVGGElement | null>, bounds: ZoomBounds | null,
): RefObject<Zoom | null> {
  const zoom = useRef<Zoom | null>(null);
  const ready = bounds !== null;
  useEffect(() => {
    if (!svg.current || !g.current) return undefined;
    const z = createZoom(svg.current, g.current, (t) => {
      if (!box.current) return;
      box.current.dataset.zoom = t.k.toFixed(2);
      box.current.dataset.pan = `${Math.round(t.x)},${Math.round(t.y)}`;
    });
    zoom.current = z;
    return () => {
      z.destroy();
      zoom.current = null;
    };
  }, [ready, box, svg, g]);
  const { contentW = 0, contentH = 0, viewW = 0, viewH = 0 } = bounds ?? {};
  useEffect(() => {
    if (contentW > 0) zoom.current?.update({ contentW, contentH, viewW, viewH });
  }, [contentW, contentH, viewW, viewH]);
  return zoom;
}
