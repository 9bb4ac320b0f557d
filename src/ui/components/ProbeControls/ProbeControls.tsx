// What to send: From and To (each option with its address), the seed of the random picks,
// and the button that sends it.

import { useId } from 'react';
import { useAppStore } from '../../store/context';
import {
  selectFrom, selectFromOptions, selectSeed, selectSend, selectSetFrom, selectSetSeed, selectSetTo, selectTo, selectToOptions, selectTraceError,
} from '../../store/trace-selectors';
import type { ProbeOption } from '../../trace/probe-options';

function Options({ options }: { options: readonly ProbeOption[] }) {
  const groups = [...new Set(options.map((o) => o.group))];
  return groups.map((g) => (
    <optgroup key={g} label={g}>
      {options.filter((o) => o.group === g).map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
    </optgroup>
  ));
}

export function ProbeControls() {
  const id = useId();
  const from = useAppStore(selectFrom);
  const to = useAppStore(selectTo);
  const seed = useAppStore(selectSeed);
  const fromOptions = useAppStore(selectFromOptions);
  const toOptions = useAppStore(selectToOptions);
  const setFrom = useAppStore(selectSetFrom);
  const setTo = useAppStore(selectSetTo);
  const setSeed = useAppStore(selectSetSeed);
  const send = useAppStore(selectSend);
  const error = useAppStore(selectTraceError);
  return (
    <form className="probe" onSubmit={(e) => { e.preventDefault(); send(); }}>
      <div className="probe__field probe__field--wide">
        <label htmlFor={`${id}-from`}>From</label>
        <select id={`${id}-from`} className="select" value={from} onChange={(e) => setFrom(e.currentTarget.value)}>
          <Options options={fromOptions} />
        </select>
        <span className="probe__full" aria-hidden="true">{fromOptions.find((o) => o.value === from)?.label}</span>
      </div>
      <div className="probe__field probe__field--wide">
        <label htmlFor={`${id}-to`}>To</label>
        <select id={`${id}-to`} className="select" value={to} onChange={(e) => setTo(e.currentTarget.value)}>
          <Options options={toOptions} />
        </select>
        <span className="probe__full" aria-hidden="true">{toOptions.find((o) => o.value === to)?.label}</span>
      </div>
      <div className="probe__field probe__field--seed">
        <label htmlFor={`${id}-seed`}>Seed</label>
        <input
          id={`${id}-seed`} className="input" type="number" min={0} step={1} value={seed}
          onChange={(e) => setSeed(Number(e.currentTarget.value))}
        />
      </div>
      <button type="submit" className="button button--primary probe__send">Send packet</button>
      {error !== null && <p className="notice notice--warn probe__error">The packet could not be sent: {error}</p>}
    </form>
  );
}
