// Whether this machine can run the kernel lane, and if not, exactly why: the lane needs Linux,
// root, network namespaces with veth and bridge devices, iptables (with iptables-restore),
// conntrack and nfacct. The check makes one namespace of its own and removes it.

import { execFileSync } from 'node:child_process';
import { PREFIX } from './netns';

const TOOLS = ['ip', 'iptables', 'iptables-restore', 'iptables-save', 'conntrack', 'nfacct'] as const;

function quiet(cmd: string, args: readonly string[]): string | undefined {
  try {
    execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 10_000 });
    return undefined;
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    return (err.stderr?.toString().trim() || err.message).split('\n')[0];
  }
}

function why(): string | undefined {
  if (process.platform !== 'linux') return `not Linux (platform ${process.platform})`;
  if (process.getuid?.() !== 0) return `not root (uid ${process.getuid?.()}); network namespaces and iptables need root`;
  const missing = TOOLS.filter((t) => quiet('sh', ['-c', `command -v ${t}`]) !== undefined);
  if (missing.length) return `missing tools: ${missing.join(', ')} (scripts/setup-debian.sh installs them)`;
  const ns = `${PREFIX}check`;
  const failed = quiet('ip', ['netns', 'add', ns]);
  if (failed) return `cannot create a network namespace: ${failed}`;
  try {
    const script = [
      'ip link add khb0 type bridge', 'ip link add khv0 type veth peer name khv1', 'ip link set khv0 master khb0',
      'iptables -t nat -N KH-CHECK', 'printf "*nat\\n-A KH-CHECK -j RETURN\\nCOMMIT\\n" | iptables-restore --noflush',
      'conntrack -L -f ipv4', 'nfacct list',
    ].join(' && ');
    const broken = quiet('ip', ['netns', 'exec', ns, 'sh', '-c', script]);
    return broken ? `network namespace lacks veth/bridge/iptables/conntrack/nfacct support: ${broken}` : undefined;
  } finally {
    quiet('ip', ['netns', 'del', ns]);
  }
}

/** Undefined when the lane can run; otherwise the reason it cannot. */
export const unavailableReason: string | undefined = why();

/** Says, once per file, that and why the lane is skipped. */
export function announceSkip(what: string): void {
  if (unavailableReason) console.warn(`kernel conformance (${what}) SKIPPED: ${unavailableReason}`);
}
