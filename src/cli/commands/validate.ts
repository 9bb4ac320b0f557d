// `kubehops validate -f S`: the API server's verdict on every document.

import { loadScenario, renderFieldError, type DocumentReport } from '../../engine';
import { hasFlag, seedOf, type ParsedArgs } from '../args';
import { readSources } from '../read-sources';
import type { Output } from '../output';

export function validateCommand(args: ParsedArgs, out: Output): number {
  const { documents } = loadScenario(readSources(args.files), { seed: seedOf(args) });
  if (hasFlag(args, 'json')) out.stdout(JSON.stringify({ documents: documents.map(toJSON) }, null, 2));
  else out.stdout(documents.map(renderReport).join('\n'));
  return documents.every((d) => d.valid) ? 0 : 1;
}

function toJSON(d: DocumentReport): object {
  return {
    index: d.index, source: d.source, line: d.line, apiVersion: d.apiVersion ?? null, kind: d.kind ?? null,
    namespace: d.namespace ?? null, name: d.name ?? null, valid: d.valid,
    errors: d.errors.map((e) => ({ field: e.field, type: e.type, message: e.message, ...('value' in e ? { value: e.value } : {}) })),
    warnings: d.warnings,
  };
}

/** `file.yaml:12 document 3 Service default/web: invalid`, then one indented line per error. */
export function renderReport(d: DocumentReport): string {
  const who = [d.kind ?? '<unknown kind>', [d.namespace, d.name].filter(Boolean).join('/')].filter(Boolean).join(' ');
  const head = `${d.source}:${d.line} document ${d.index} ${who}: ${d.valid ? 'valid' : 'invalid'}`;
  const lines = [head, ...d.errors.map((e) => `  ${renderFieldError(e)}`), ...d.warnings.map((w) => `  warning: ${w}`)];
  return lines.join('\n');
}
