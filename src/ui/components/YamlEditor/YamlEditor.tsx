// The scenario's YAML, editable. Typing reloads the cluster once the typing pauses; text
// with errors leaves the last good cluster on screen and lists what the API server refused.

import { useRef } from 'react';
import { useAppStore } from '../../store/context';
import { selectEditText, selectErrorLines, selectIsEdited, selectRevertText, selectText } from '../../store/selectors';
import { useDebouncedApply } from '../../hooks/use-debounced-apply';
import { Diagnostics } from '../Diagnostics/Diagnostics';
import { LineGutter } from './LineGutter';
import { focusLine } from './focus-line';

const countLines = (text: string): number => text.split('\n').length;

export function YamlEditor() {
  const text = useAppStore(selectText);
  const editText = useAppStore(selectEditText);
  const edited = useAppStore(selectIsEdited);
  const revert = useAppStore(selectRevertText);
  const errorLines = useAppStore(selectErrorLines);
  const gutter = useRef<HTMLDivElement>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  useDebouncedApply();

  const jumpTo = (line: number) => {
    if (area.current) focusLine(area.current, line);
  };

  return (
    <section className="panel editor" aria-labelledby="yaml-title">
      <div className="panel__head">
        <h2 id="yaml-title" className="panel__title">Scenario YAML</h2>
        {edited && (
          <button type="button" className="button" onClick={revert}>Revert edits</button>
        )}
      </div>
      <p id="yaml-help" className="hint">
        Kubernetes manifests, one document per <code>---</code>. The cluster reloads as you type.
      </p>
      <div className="editor__frame">
        <LineGutter ref={gutter} count={countLines(text)} errorLines={errorLines} />
        <textarea
          ref={area}
          className="editor__text"
          aria-labelledby="yaml-title"
          aria-describedby="yaml-help yaml-status"
          value={text}
          wrap="off"
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          autoCorrect="off"
          onChange={(e) => editText(e.currentTarget.value)}
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          }}
        />
      </div>
      <Diagnostics onJump={jumpTo} />
    </section>
  );
}
