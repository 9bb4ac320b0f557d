// Every command but `validate` loads the files it is given, reports the invalid documents on
// stderr, and goes on with the valid ones.

import { loadScenario, type ClusterModel, type DocumentReport } from '../../engine';
import { seedOf, type ParsedArgs } from '../args';
import type { Output } from '../output';
import { readSources } from '../read-sources';
import { renderReport } from './validate';

/** Prints each invalid document's report to stderr; true when there was one. */
export function reportInvalid(documents: readonly DocumentReport[], out: Output): boolean {
  const invalid = documents.filter((d) => !d.valid);
  for (const d of invalid) out.stderr(renderReport(d));
  return invalid.length > 0;
}

/** The cluster built from the command's files (and --seed); `invalid` when some document was refused. */
export function loadReported(args: ParsedArgs, out: Output): { cluster: ClusterModel; invalid: boolean } {
  const { cluster, documents } = loadScenario(readSources(args.files), { seed: seedOf(args) });
  return { cluster, invalid: reportInvalid(documents, out) };
}
