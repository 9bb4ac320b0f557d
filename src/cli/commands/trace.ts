// `kubehops trace -f S --from SRC --to DST [--proto P] [--seed N] [--all] [--reply] [--json]`
// and `--probes FILE`: what happens to a packet, hop by hop (DESIGN.md, "Command line").

import { readFileSync } from 'node:fs';
import {
  createTraceContext, planTrace, renderOutcome, traceAll, traceSeeded,
  type Protocol, type TraceContext, type TraceOutcome, type TraceRequest,
} from '../../engine';
import { flagValue, hasFlag, seedOf, UsageError, type ParsedArgs } from '../args';
import type { Output } from '../output';
import { loadReported } from './report';

const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

export function protocolOf(text: string | undefined): Protocol | undefined {
  if (text === undefined) return undefined;
  const upper = text.toUpperCase() as Protocol;
  if (!PROTOCOLS.includes(upper)) throw new UsageError(`--proto must be one of ${PROTOCOLS.join(', ')}, got "${text}"`);
  return upper;
}

/** The scenario loaded and ready to trace; invalid documents are reported on stderr. */
export function traceContextFor(args: ParsedArgs, out: Output): { ctx: TraceContext; invalid: boolean } {
  const { cluster, invalid } = loadReported(args, out);
  return { ctx: createTraceContext(cluster), invalid };
}

type ProbeResult = { outcomes: TraceOutcome[] } | { error: string };

function runProbe(ctx: TraceContext, request: TraceRequest, args: ParsedArgs): ProbeResult {
  const plan = planTrace(ctx, request);
  if (!plan.ok) return { error: plan.error };
  const options = { seed: seedOf(args) };
  const result = hasFlag(args, 'all') ? traceAll(ctx, plan.value, options) : traceSeeded(ctx, plan.value, options);
  const withReply = hasFlag(args, 'reply');
  return { outcomes: result.outcomes.map((o) => (withReply ? o : { ...o, hops: o.hops.filter((h) => h.leg === 'orig') })) };
}

function readProbes(path: string): TraceRequest[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read probes from ${path}: ${(e as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new UsageError(`${path}: probes must be a JSON array of { "from", "to", "proto" }`);
  return parsed.map((p, i) => {
    const probe = p as Partial<Record<'from' | 'to' | 'proto', unknown>>;
    if (typeof probe.from !== 'string' || typeof probe.to !== 'string') throw new UsageError(`${path}: probe ${i} needs "from" and "to" strings`);
    const proto = protocolOf(typeof probe.proto === 'string' ? probe.proto : undefined);
    return { from: probe.from, to: probe.to, ...(proto && { proto }) };
  });
}

const renderResult = (r: ProbeResult): string =>
  'error' in r ? `error: ${r.error}` : r.outcomes.map(renderOutcome).join('\n\n');

export function traceCommand(args: ParsedArgs, out: Output): number {
  const probesPath = flagValue(args, 'probes');
  const from = flagValue(args, 'from');
  const to = flagValue(args, 'to');
  if (!probesPath && (!from || !to)) throw new UsageError('trace needs --from SRC and --to DST (or --probes FILE)');
  const probes = probesPath ? readProbes(probesPath) : undefined;
  const proto = protocolOf(flagValue(args, 'proto'));
  const { ctx, invalid } = traceContextFor(args, out);
  const json = hasFlag(args, 'json');
  if (probes) {
    const results = probes.map((p) => runProbe(ctx, p, args));
    out.stdout(json ? JSON.stringify(results, null, 2) : results.map((r, i) => `## probe ${i}: ${probes[i]!.from} -> ${probes[i]!.to}\n${renderResult(r)}`).join('\n\n'));
    return invalid ? 1 : 0;
  }
  const result = runProbe(ctx, { from: from!, to: to!, ...(proto && { proto }) }, args);
  if ('error' in result) {
    out.stderr(json ? JSON.stringify({ error: result.error }) : `error: ${result.error}`);
    return 1;
  }
  out.stdout(json ? JSON.stringify(result, null, 2) : renderResult(result));
  return invalid ? 1 : 0;
}
