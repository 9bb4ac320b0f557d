// A group of radio buttons named by its legend (a fieldset in the radiogroup role).

import { useId } from 'react';

export interface RadioGroupProps<V extends string> {
  legend: string;
  options: readonly V[];
  value: V | undefined;
  /** Options that cannot be chosen (not built yet, or not applicable). */
  disabled?: (option: V) => boolean;
  onChange?: (value: V) => void;
  note?: string;
}

export function RadioGroup<V extends string>({ legend, options, value, disabled, onChange, note }: RadioGroupProps<V>) {
  const name = useId();
  return (
    <fieldset className="radios" role="radiogroup">
      <legend className="radios__legend">{legend}</legend>
      <div className="radios__options">
        {options.map((o) => (
          <label key={o} className="radios__option" data-disabled={disabled?.(o) ?? false}>
            <input
              type="radio" name={name} value={o} checked={value === o} disabled={disabled?.(o) ?? false}
              onChange={() => onChange?.(o)}
            />
            <span>{o}</span>
          </label>
        ))}
      </div>
      {note && <p className="radios__note">{note}</p>}
    </fieldset>
  );
}
