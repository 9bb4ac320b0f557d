// The built-in scenarios, by title, in the order people meet them.

import { useId } from 'react';
import { useAppStore } from '../../store/context';
import { selectCatalogue, selectScenarioId, selectSelectScenario } from '../../store/selectors';

export function ScenarioPicker() {
  const id = useId();
  const catalogue = useAppStore(selectCatalogue);
  const current = useAppStore(selectScenarioId);
  const selectScenario = useAppStore(selectSelectScenario);
  return (
    <div className="picker">
      <label className="picker__label" htmlFor={id}>Scenario</label>
      <select
        id={id}
        className="picker__select"
        value={current}
        onChange={(e) => selectScenario(e.currentTarget.value)}
      >
        {catalogue.map((s) => (
          <option key={s.id} value={s.id}>{s.title}</option>
        ))}
      </select>
    </div>
  );
}
