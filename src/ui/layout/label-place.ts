// Where the packet's label goes around the packet's dot: above it, else below, right or left,
// whichever covers none of the boxes whose text matters (Services, clients, load balancers)
// and stays in the picture; when each covers something, the one that covers least. The box
// the dot sits in is not avoided (the label is about it), but its text is on its left, so a
// dot in such a box tries the right first.

import type { Box, Point } from './topology';

/** How far the label stands off the dot. */
const OFF = 14;
const MARGIN = 4;

const overlapArea = (a: Box, b: Box) =>
  Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
const holds = (b: Box, p: Point) => p.x >= b.x && p.x <= b.x + b.w && p.y >= b.y && p.y <= b.y + b.h;

/** The label's top-left corner relative to the dot at `at`, for a label of `w` x `h` in a picture `width` x `height`. */
export function placeLabel(at: Point, w: number, h: number, picture: { width: number; height: number }, avoid: readonly Box[]): Point {
  const others = avoid.filter((b) => !holds(b, at));
  const centred = Math.min(Math.max(-w / 2, -at.x + MARGIN), picture.width - at.x - w - MARGIN);
  const above = { x: centred, y: -h - OFF };
  const below = { x: centred, y: OFF };
  const right = { x: OFF, y: -h / 2 };
  const left = { x: -w - OFF, y: -h / 2 };
  // A dot in a client's or load balancer's box (at its right end) has the space beside it.
  const inBox = others.length < avoid.length;
  const candidates = inBox ? [right, above, below, left] : [above, below, right, left];
  let best: { p: Point; cost: number } | null = null;
  for (const p of candidates) {
    const box = { x: at.x + p.x, y: at.y + p.y, w, h };
    if (box.x < 0 || box.y < 0 || box.x + w > picture.width || box.y + h > picture.height) continue;
    const cost = others.reduce((sum, b) => sum + overlapArea(box, b), 0);
    if (cost === 0) return p;
    if (best === null || cost < best.cost) best = { p, cost };
  }
  // Nothing fits inside the picture (a label wider than a phone): under the dot, clamped.
  return best?.p ?? { x: centred, y: OFF };
}
