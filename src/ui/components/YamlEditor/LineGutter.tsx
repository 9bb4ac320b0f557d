// Line numbers beside the YAML, with the first line of each refused document marked. Hidden
// from assistive technology: the problems list says the same in words.

import type { Ref } from 'react';

interface LineGutterProps {
  readonly count: number;
  readonly errorLines: readonly number[];
  readonly ref: Ref<HTMLDivElement>;
}

export function LineGutter({ count, errorLines, ref }: LineGutterProps) {
  const marked = new Set(errorLines);
  const numbers = Array.from({ length: count }, (_, i) => i + 1);
  return (
    <div className="gutter" aria-hidden="true" ref={ref}>
      {numbers.map((n) => (
        <span key={n} className={marked.has(n) ? 'gutter__line gutter__line--error' : 'gutter__line'}>{n}</span>
      ))}
    </div>
  );
}
