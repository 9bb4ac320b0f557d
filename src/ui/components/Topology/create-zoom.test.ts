import { describe, expect, it } from 'vitest';
import { clampTransform, MAX_K, MIN_K } from './create-zoom';

const bounds = { contentW: 900, contentH: 2000, viewW: 900, viewH: 600 };

describe('clampTransform', () => {
  it('keeps a tall picture covering its view: no panning past either end', () => {
    expect(clampTransform({ k: 1, x: 0, y: 50 }, bounds)).toEqual({ k: 1, x: 0, y: 0 });
    expect(clampTransform({ k: 1, x: 0, y: -5000 }, bounds)).toEqual({ k: 1, x: 0, y: -1400 });
    expect(clampTransform({ k: 1, x: -30, y: 0 }, bounds).x).toBe(0);
  });

  it('lets a zoomed-out picture sit anywhere inside the view', () => {
    expect(clampTransform({ k: 0.25, x: 100, y: 40 }, bounds)).toEqual({ k: 0.25, x: 100, y: 40 });
    expect(clampTransform({ k: 0.25, x: 800, y: 0 }, bounds).x).toBe(900 - 900 * 0.25);
  });

  it('bounds the scale', () => {
    expect(clampTransform({ k: 99, x: 0, y: 0 }, bounds).k).toBe(MAX_K);
    expect(clampTransform({ k: 0.001, x: 0, y: 0 }, bounds).k).toBe(MIN_K);
  });
});
