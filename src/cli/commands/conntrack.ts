// `kubehops conntrack -f S --from SRC --to DST [--node NAME]`: each node's connection
// tracking table after the (seeded) trace, as `conntrack -L` prints it.

import { planTrace, renderConntrackList, traceSeeded } from '../../engine';
import { flagValue, hasFlag, seedOf, UsageError, type ParsedArgs } from '../args';
import type { Output } from '../output';
import { protocolOf, traceContextFor } from './trace';

export function conntrackCommand(args: ParsedArgs, out: Output): number {
  const from = flagValue(args, 'from');
  const to = flagValue(args, 'to');
  if (!from || !to) throw new UsageError('conntrack needs --from SRC and --to DST: the table is the one that trace leaves');
  const proto = protocolOf(flagValue(args, 'proto'));
  const node = flagValue(args, 'node');
  const { ctx, invalid } = traceContextFor(args, out);
  const plan = planTrace(ctx, { from, to, ...(proto && { proto }) });
  if (!plan.ok) {
    out.stderr(`error: ${plan.error}`);
    return 1;
  }
  const { state } = traceSeeded(ctx, plan.value, { seed: seedOf(args) });
  const nodes = ctx.cluster.nodes.map((n) => `node/${n.metadata.name}`).filter((h) => !node || h === `node/${node}`);
  if (node && nodes.length === 0) {
    out.stderr(`error: node "${node}" not found`);
    return 1;
  }
  const tables = nodes.map((host) => ({ host, table: state.conntrack[host] }));
  if (hasFlag(args, 'json')) {
    const listed = tables.map(({ host, table }) => ({ node: host.slice('node/'.length), entries: table ? renderConntrackList(table).stdout.split('\n').filter(Boolean) : [] }));
    out.stdout(JSON.stringify({ tables: listed }, null, 2));
    return invalid ? 1 : 0;
  }
  for (const { host, table } of tables) {
    const listing = table ? renderConntrackList(table) : { stdout: '', stderr: 'conntrack v1.4.8 (conntrack-tools): 0 flow entries have been shown.' };
    if (!node) out.stdout(`# ${host}`);
    if (listing.stdout) out.stdout(listing.stdout);
    out.stderr(listing.stderr);
  }
  return invalid ? 1 : 0;
}
