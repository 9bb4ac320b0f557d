// The packet's motion between hops: a small behaviour that owns one SVG group's transform,
// created once by React, moved with update() and stopped with destroy(). The clock is
// requestAnimationFrame; easing from d3-ease. Without animation it jumps.

import { easeCubicInOut } from 'd3-ease';
import type { Point } from '../../layout/topology';

export interface PacketTween {
  update: (to: Point, durationMs: number) => void;
  destroy: () => void;
}

const place = (el: SVGGElement, p: Point) => el.setAttribute('transform', `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})`);

export function createPacketTween(el: SVGGElement): PacketTween {
  let at: Point | null = null;
  let frame = 0;
  return {
    update(to, durationMs) {
      cancelAnimationFrame(frame);
      const from = at;
      if (from === null || durationMs <= 0 || (from.x === to.x && from.y === to.y)) {
        at = to;
        place(el, to);
        return;
      }
      let start: number | null = null;
      const step = (now: number) => {
        start ??= now;
        const t = easeCubicInOut(Math.min(1, (now - start) / durationMs));
        at = { x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t };
        place(el, at);
        if (t < 1) frame = requestAnimationFrame(step);
      };
      frame = requestAnimationFrame(step);
    },
    destroy() {
      cancelAnimationFrame(frame);
    },
  };
}
