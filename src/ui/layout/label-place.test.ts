import { describe, expect, it } from 'vitest';
import { placeLabel } from './label-place';

const picture = { width: 600, height: 400 };

describe('placeLabel', () => {
  it('centres the label above the dot when nothing is there', () => {
    expect(placeLabel({ x: 300, y: 200 }, 100, 30, picture, [])).toEqual({ x: -50, y: -44 });
  });

  it('goes below when above would cover a box, or leave the picture', () => {
    const svc = { x: 200, y: 120, w: 200, h: 60 };
    expect(placeLabel({ x: 300, y: 200 }, 100, 30, picture, [svc])).toEqual({ x: -50, y: 14 });
    expect(placeLabel({ x: 300, y: 20 }, 100, 30, picture, [])).toEqual({ x: -50, y: 14 });
  });

  it('goes to the side when above and below are both taken', () => {
    const above = { x: 200, y: 120, w: 200, h: 60 };
    const below = { x: 200, y: 216, w: 200, h: 60 };
    expect(placeLabel({ x: 300, y: 200 }, 80, 30, picture, [above, below])).toEqual({ x: 14, y: -15 });
  });

  it('does not avoid the box the dot is in, and tries beside it first', () => {
    const own = { x: 100, y: 150, w: 224, h: 80 };
    expect(placeLabel({ x: 300, y: 200 }, 100, 30, picture, [own])).toEqual({ x: 14, y: -15 });
    expect(placeLabel({ x: 550, y: 200 }, 100, 30, picture, [{ ...own, x: 350 }])).toEqual({ x: -54, y: -44 });
  });

  it('stays inside the picture on the sides', () => {
    const p = placeLabel({ x: 10, y: 200 }, 100, 30, picture, []);
    expect(10 + p.x).toBeGreaterThanOrEqual(0);
  });
});
