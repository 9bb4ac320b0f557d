// Command-line flags, parsed the way kubectl users expect: `-f FILE` repeatable, `--flag value`
// and `--flag=value`, and `-` for stdin.

export class UsageError extends Error {}

export interface ParsedArgs {
  readonly command: string | undefined;
  readonly positional: string[];
  readonly files: string[];
  readonly flags: Record<string, string | true>;
}

/** Flags that take a value; every other flag is a boolean switch. */
const VALUE_FLAGS = new Set(['f', 'filename', 'o', 'output', 'n', 'namespace', 'seed', 'node', 'mode', 'format', 'from', 'to', 'proto', 'probes', 'host', 'show', 'query', 'type']);
const BOOLEAN_FLAGS = new Set(['json', 'A', 'all-namespaces', 'h', 'help', 'all', 'reply']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const files: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-' || !arg.startsWith('-')) {
      positional.push(arg);
      continue;
    }
    const [rawName, inline] = splitFlag(arg);
    if (BOOLEAN_FLAGS.has(rawName)) {
      flags[rawName] = true;
      continue;
    }
    if (!VALUE_FLAGS.has(rawName)) throw new UsageError(`unknown flag: ${arg}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`flag needs an argument: ${arg}`);
    if (rawName === 'f' || rawName === 'filename') files.push(value);
    else flags[rawName] = value;
  }
  const [command, ...rest] = positional;
  return { command, positional: rest, files, flags };
}

function splitFlag(arg: string): [string, string | undefined] {
  const body = arg.replace(/^--?/, '');
  const eq = body.indexOf('=');
  return eq < 0 ? [body, undefined] : [body.slice(0, eq), body.slice(eq + 1)];
}

export function flagValue(args: ParsedArgs, ...names: string[]): string | undefined {
  for (const name of names) {
    const v = args.flags[name];
    if (typeof v === 'string') return v;
  }
  return undefined;
}

export const hasFlag = (args: ParsedArgs, ...names: string[]): boolean => names.some((n) => args.flags[n] !== undefined);

export function seedOf(args: ParsedArgs): number {
  const text = flagValue(args, 'seed') ?? '1';
  if (!/^\d+$/.test(text) || Number(text) > 0xffffffff) throw new UsageError(`--seed must be an integer from 0 to 4294967295, got "${text}"`);
  return Number(text);
}
