// The clock: while playing, requestAnimationFrame advances the cursor one hop every
// HOP_MS / speed milliseconds. The store only ever sees whole steps.

import { useEffect } from 'react';
import { useAppStore, useAppStoreApi } from '../store/context';
import { selectPlaying, selectSpeed } from '../store/trace-selectors';

export const HOP_MS = 550;

export function usePlaybackClock(): void {
  const store = useAppStoreApi();
  const playing = useAppStore(selectPlaying);
  const speed = useAppStore(selectSpeed);
  useEffect(() => {
    if (!playing) return undefined;
    let frame = 0;
    let last: number | null = null;
    let elapsed = 0;
    const loop = (now: number) => {
      elapsed += last === null ? 0 : now - last;
      last = now;
      const every = HOP_MS / speed;
      while (elapsed >= every && store.getState().playback.playing) {
        elapsed -= every;
        store.getState().tick();
      }
      frame = requestAnimationFrame(loop);
    };
    frame = requestAnimationFrame(loop);
    return () => cancelAnimationFrame(frame);
  }, [playing, speed, store]);
}
