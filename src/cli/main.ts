// The command-line host of the engine. Exit codes: 0 success, 1 the input was refused,
// 2 usage errors and unreadable files (3: an internal error, which is a bug). Errors are one line on stderr (JSON with --json).

import { parseArgs, UsageError, hasFlag } from './args';
import { processOutput, type Output } from './output';
import { validateCommand } from './commands/validate';
import { getCommand } from './commands/get';
import { rulesCommand } from './commands/rules';
import { traceCommand } from './commands/trace';
import { conntrackCommand } from './commands/conntrack';
import { netCommand } from './commands/net';
import { dnsCommand } from './commands/dns';

const USAGE = `kubehops: a packet-level simulator of Kubernetes Service networking

Usage:
  kubehops validate -f FILE... [--json]
  kubehops get [nodes|pods|services|endpointslices|all][,...] -f FILE... [-n NS | -A] [-o wide|yaml|json] [--json] [--seed N]
  kubehops rules -f FILE... --node NAME [--mode iptables|nftables|ipvs] [--format restore|iptables-save]
  kubehops trace -f FILE... --from SRC --to DST [--proto TCP|UDP|SCTP] [--seed N] [--all] [--reply] [--json]
  kubehops trace -f FILE... --probes PROBES.json [--all] [--json]
  kubehops conntrack -f FILE... --from SRC --to DST [--node NAME] [--seed N] [--json]
  kubehops net -f FILE... --host HOST [--show route|addr|neigh|all] [--json]
  kubehops dns -f FILE... --query NAME [--type A|AAAA|SRV|PTR|CNAME|NS|SOA|TXT|ANY|...] [--json]
  kubehops dns -f FILE... --from pod/NS/NAME NAME [--type A|AAAA] [--json]

SRC: pod/NS/NAME, node/NAME, client/NAME or IP@node/NAME.  DST: IP:PORT, [IPv6]:PORT, svc/NS/NAME:PORT or NAME:PORT (resolved from the pod).

-f takes a file, a directory, or - for stdin, and may repeat.`;

const COMMANDS: Record<string, (args: ReturnType<typeof parseArgs>, out: Output) => number> = {
  validate: validateCommand,
  get: getCommand,
  rules: rulesCommand,
  trace: traceCommand,
  conntrack: conntrackCommand,
  net: netCommand,
  dns: dnsCommand,
};

export async function main(argv: readonly string[], out: Output = processOutput): Promise<number> {
  const json = argv.includes('--json');
  try {
    const args = parseArgs(argv);
    if (hasFlag(args, 'h', 'help') || args.command === undefined) {
      out.stdout(USAGE);
      return args.command === undefined && !hasFlag(args, 'h', 'help') ? 2 : 0;
    }
    const command = COMMANDS[args.command];
    if (!command) throw new UsageError(`unknown command "${args.command}" (see kubehops --help)`);
    return command(args, out);
  } catch (e) {
    // A usage error is the caller's; anything else is a kubehops bug, still one line (exit 3).
    const usage = e instanceof UsageError;
    const message = usage ? e.message : `internal error, please report it: ${(e as Error).message ?? String(e)}`;
    out.stderr(json ? JSON.stringify({ error: message }) : `error: ${message}`);
    return usage ? 2 : 3;
  }
}
