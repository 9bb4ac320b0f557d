// Reads `-f` inputs as kubectl does: files, `-` for stdin, and directories (their .yaml,
// .yml and .json files in name order).

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceText } from '../engine';
import { UsageError } from './args';

/** kubehops reads at most this much input; a bigger file is refused with a clear message. */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

export function readSources(paths: readonly string[]): SourceText[] {
  if (paths.length === 0) throw new UsageError('must specify one of -f and -k (here: -f FILE, or -f - for stdin)');
  return paths.flatMap(readPath);
}

function readPath(path: string): SourceText[] {
  if (path === '-') return [{ name: '<stdin>', text: readFileSync(0, 'utf8') }];
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw new UsageError(`the path "${path}" does not exist`);
  }
  if (stats.isDirectory()) {
    const names = readdirSync(path).filter((n) => /\.(ya?ml|json)$/.test(n)).sort();
    return names.flatMap((n) => readPath(join(path, n)));
  }
  if (stats.size > MAX_INPUT_BYTES) {
    throw new UsageError(`${path} is ${(stats.size / 2 ** 20).toFixed(0)} MiB; kubehops reads at most ${MAX_INPUT_BYTES / 2 ** 20} MiB`);
  }
  try {
    return [{ name: path, text: readFileSync(path, 'utf8') }];
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}
