// The API server's verdict on the YAML: a one-line status, every refused field with its
// document and line, and (quietly) what was skipped.

import { useAppStore } from '../../store/context';
import {
  selectDocuments, selectErrors, selectIsPending, selectIsStale, selectLoadError, selectWarnings, type Problem,
} from '../../store/selectors';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function useStatus(): { state: 'pending' | 'ok' | 'invalid'; text: string } {
  const pending = useAppStore(selectIsPending);
  const documents = useAppStore(selectDocuments);
  const errors = useAppStore(selectErrors);
  const loadError = useAppStore(selectLoadError);
  const stale = useAppStore(selectIsStale);
  if (pending) return { state: 'pending', text: 'Editing…' };
  if (loadError !== null) return { state: 'invalid', text: `Could not load the YAML: ${loadError}` };
  const bad = documents.filter((d) => !d.valid).length;
  if (bad === 0) return { state: 'ok', text: `${plural(documents.length, 'document', 'documents')} loaded.` };
  const shown = stale ? 'Showing the last valid cluster.' : `Showing the ${plural(documents.length - bad, 'valid document', 'valid documents')}.`;
  return { state: 'invalid', text: `${plural(errors.length, 'error', 'errors')} in ${plural(bad, 'document', 'documents')}. ${shown}` };
}

function ProblemItem({ p, onJump }: { p: Problem; onJump: (line: number) => void }) {
  return (
    <li className="problem">
      <button type="button" className="problem__where" onClick={() => onJump(p.line)}>
        document {p.index}, line {p.line}
      </button>
      <span className="problem__subject">{p.subject}</span>
      <code className="problem__text">{p.text}</code>
    </li>
  );
}

export function Diagnostics({ onJump }: { onJump: (line: number) => void }) {
  const status = useStatus();
  const errors = useAppStore(selectErrors);
  const warnings = useAppStore(selectWarnings);
  return (
    <div className="diagnostics" id="problems">
      <p id="yaml-status" className="status" role="status" data-state={status.state}>
        <span className="status__dot" aria-hidden="true" />
        {status.text}
      </p>
      {errors.length > 0 && (
        <ul className="problems" aria-label="Errors">
          {errors.map((p) => <ProblemItem key={p.key} p={p} onJump={onJump} />)}
        </ul>
      )}
      {warnings.length > 0 && (
        <details className="warnings">
          <summary>{plural(warnings.length, 'warning', 'warnings')}</summary>
          <ul>
            {warnings.map((w) => (
              <li key={w.key}>document {w.index}, line {w.line}: {w.text}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
