// Time control over the precomputed trace: play, pause, step, scrub, speed. The shortcuts
// (Space, arrows) do the same from anywhere but a form control.

import { useId } from 'react';
import { renderHop } from '../../../engine';
import { useAppStore } from '../../store/context';
import { SPEEDS } from '../../store/playback-slice';
import { selectCurrentHop, selectCursor, selectHopCount, selectPlaying, selectSpeed } from '../../store/trace-selectors';
import type { AppState } from '../../store/app-state';

const selectPlay = (s: AppState) => s.play;
const selectPause = (s: AppState) => s.pause;
const selectStepForward = (s: AppState) => s.stepForward;
const selectStepBack = (s: AppState) => s.stepBack;
const selectSeek = (s: AppState) => s.seek;
const selectSetSpeed = (s: AppState) => s.setSpeed;

export function TimeControls() {
  const id = useId();
  const count = useAppStore(selectHopCount);
  const cursor = useAppStore(selectCursor);
  const playing = useAppStore(selectPlaying);
  const speed = useAppStore(selectSpeed);
  const hop = useAppStore(selectCurrentHop);
  const play = useAppStore(selectPlay);
  const pause = useAppStore(selectPause);
  const stepForward = useAppStore(selectStepForward);
  const stepBack = useAppStore(selectStepBack);
  const seek = useAppStore(selectSeek);
  const setSpeed = useAppStore(selectSetSpeed);
  const none = count === 0;
  return (
    <div className="time" data-playing={playing}>
      <div className="time__buttons">
        <button type="button" className="button" onClick={stepBack} disabled={none || cursor === 0}>Step back</button>
        <button type="button" className="button" onClick={play} disabled={none || playing}>Play</button>
        <button type="button" className="button" onClick={pause} disabled={!playing}>Pause</button>
        <button type="button" className="button" onClick={stepForward} disabled={none || cursor >= count - 1}>Step forward</button>
      </div>
      <div className="time__scrub">
        <label htmlFor={`${id}-timeline`} className="visually-hidden">Timeline</label>
        <input
          id={`${id}-timeline`} type="range" className="time__slider" min={0} max={Math.max(0, count - 1)} step={1}
          value={none ? 0 : cursor} disabled={none}
          aria-valuetext={hop ? `hop ${cursor + 1} of ${count}: ${renderHop(hop)}` : 'no packet sent'}
          onChange={(e) => seek(Number(e.currentTarget.value))}
        />
        <span className="time__count mono" data-cursor={cursor}>{none ? '0 / 0' : `${cursor + 1} / ${count}`}</span>
      </div>
      <div className="time__speed">
        <label htmlFor={`${id}-speed`}>Speed</label>
        <select id={`${id}-speed`} className="select select--small" value={speed} onChange={(e) => setSpeed(Number(e.currentTarget.value))}>
          {SPEEDS.map((s) => <option key={s} value={s}>{s}×</option>)}
        </select>
      </div>
      <p className="time__keys">Keys: <kbd>Space</kbd> play/pause, <kbd>←</kbd> <kbd>→</kbd> step.</p>
    </div>
  );
}
