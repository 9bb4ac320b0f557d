// Invalid documents are reported on stderr by every command that goes on with the valid ones.

import type { DocumentReport } from '../../engine';
import type { Output } from '../output';
import { renderReport } from './validate';

/** Prints each invalid document's report to stderr; true when there was one. */
export function reportInvalid(documents: readonly DocumentReport[], out: Output): boolean {
  const invalid = documents.filter((d) => !d.valid);
  for (const d of invalid) out.stderr(renderReport(d));
  return invalid.length > 0;
}
