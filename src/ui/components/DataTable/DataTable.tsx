// A titled table of rows. When it is wider than the screen it scrolls sideways inside a
// focusable region, so keyboard users can scroll it too.

import { useRef, type ReactNode } from 'react';
import { useOverflow } from '../../hooks/use-overflow';

export interface Column<R> {
  readonly header: string;
  readonly cell: (row: R) => ReactNode;
  /** `mono` for addresses and ports, which read better in a fixed-width face. */
  readonly kind?: 'mono' | 'text';
}

interface DataTableProps<R extends { key: string }> {
  readonly id: string;
  readonly title: string;
  readonly rows: readonly R[];
  readonly columns: readonly Column<R>[];
  readonly empty: string;
  readonly note?: ReactNode;
}

export function DataTable<R extends { key: string }>({ id, title, rows, columns, empty, note }: DataTableProps<R>) {
  const scroller = useRef<HTMLDivElement>(null);
  const overflow = useOverflow(scroller);
  const titleId = `${id}-title`;
  return (
    <section className="panel" aria-labelledby={titleId} data-panel={id}>
      <div className="panel__head">
        <h2 id={titleId} className="panel__title">
          {title} <span className="count">{rows.length}</span>
        </h2>
        {note}
      </div>
      <div
        ref={scroller}
        className="table-scroll"
        data-overflow={overflow}
        {...(overflow ? { tabIndex: 0, role: 'region', 'aria-label': `${title}, scrolls sideways` } : {})}
      >
        <table className="table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              {columns.map((c) => <th key={c.header} scope="col">{c.header}</th>)}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr><td className="table__empty" colSpan={columns.length}>{empty}</td></tr>
            )}
            {rows.map((r) => (
              <tr key={r.key} data-key={r.key}>
                {columns.map((c, i) => {
                  const cls = c.kind === 'mono' ? 'mono' : undefined;
                  return i === 0
                    ? <th key={c.header} scope="row" className={cls}>{c.cell(r)}</th>
                    : <td key={c.header} className={cls}>{c.cell(r)}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
