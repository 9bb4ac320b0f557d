// The playback slice: a cursor into the precomputed hops, whether the clock is running and
// how fast. The clock itself (requestAnimationFrame) lives in the UI and calls tick().

import type { StateCreator } from 'zustand';
import type { AppState } from './app-state';
import { selectHopCount } from './trace-selectors';

export interface PlaybackState {
  cursor: number;
  playing: boolean;
  /** Hops per second at 1x is the UI's business; this is the multiplier. */
  speed: number;
  /** Off with `?animate=0` or prefers-reduced-motion: a sent trace shows complete. */
  animate: boolean;
}

export interface PlaybackSlice {
  playback: PlaybackState;
  play: () => void;
  pause: () => void;
  togglePlay: () => void;
  stepForward: () => void;
  stepBack: () => void;
  seek: (index: number) => void;
  setSpeed: (speed: number) => void;
  /** One clock tick: the next hop, pausing on the last. */
  tick: () => void;
  /** A new trace: from the start when animating, else at its last hop. */
  restartPlayback: () => void;
}

export type PlaybackSliceCreator = StateCreator<AppState, [['zustand/immer', never]], [], PlaybackSlice>;

export const SPEEDS = [0.5, 1, 2, 4] as const;

export const createPlaybackSlice = (animate: boolean): PlaybackSliceCreator => (set, get) => {
  const last = () => Math.max(0, selectHopCount(get()) - 1);
  const seek = (index: number) => set((s) => {
    s.playback.cursor = Math.min(Math.max(0, Math.round(index)), last());
  });
  return {
    playback: { cursor: 0, playing: false, speed: 1, animate },
    play: () => {
      if (selectHopCount(get()) === 0) return;
      set((s) => {
        // Play at the end is replay.
        if (s.playback.cursor >= last()) s.playback.cursor = 0;
        s.playback.playing = true;
      });
    },
    pause: () => set((s) => { s.playback.playing = false; }),
    togglePlay: () => (get().playback.playing ? get().pause() : get().play()),
    stepForward: () => {
      get().pause();
      seek(get().playback.cursor + 1);
    },
    stepBack: () => {
      get().pause();
      seek(get().playback.cursor - 1);
    },
    seek: (index) => {
      get().pause();
      seek(index);
    },
    setSpeed: (speed) => set((s) => { s.playback.speed = speed; }),
    tick: () => {
      const next = get().playback.cursor + 1;
      set((s) => {
        s.playback.cursor = Math.min(next, last());
        if (next >= last()) s.playback.playing = false;
      });
    },
    restartPlayback: () => set((s) => {
      const animating = s.playback.animate && last() > 0;
      s.playback.cursor = animating ? 0 : last();
      s.playback.playing = animating;
    }),
  };
};
