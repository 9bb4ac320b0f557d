// The real kernel's side of the ratio: loads a ruleset exactly as kube-proxy would on a
// fresh node, into a throwaway network namespace (`unshare -n`: the namespace, and every
// rule in it, goes away when the shell exits). As src/engine/proxy/iptables/
// save.kernel.test.ts does: the set-up commands first (`iptables -N/-I`, `nfacct add`),
// then `iptables-restore --noflush --counters` of the restore input (a real load, not
// --test, which only parses). Only the restore is timed. IPv4 only (the bench cluster is).

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KernelLoad {
  readonly setupMs: number;
  readonly restoreMs: number;
  readonly rulesLoaded: number;
  readonly timedOut: boolean;
}

const SCRIPT = `set -e
grep -E "^(iptables|nfacct) " "$1" > "$1.setup" || true
sed -n '/^\\*filter/,$p' "$1" > "$1.restore"
t0=$(date +%s%N)
while read -r cmd; do eval "$cmd"; done < "$1.setup"
t1=$(date +%s%N)
rc=0
timeout "$2" iptables-restore --noflush --counters < "$1.restore" || rc=$?
t2=$(date +%s%N)
n=0
[ $rc = 0 ] && n=$(iptables-save | grep -c '^-A' || true)
echo "$(( (t1-t0)/1000 )) $(( (t2-t1)/1000 )) $n $rc"
`;

/** Undefined when the kernel load can run here; otherwise why not. */
export function kernelAvailable(): string | undefined {
  if (process.platform !== 'linux') return 'skipped: not Linux';
  if (process.getuid?.() !== 0) return 'skipped: needs root';
  try {
    execFileSync('unshare', ['-n', 'sh', '-c', 'iptables-save >/dev/null && command -v iptables-restore >/dev/null && command -v timeout >/dev/null'], { stdio: 'ignore' });
  } catch {
    return 'skipped: needs iptables, iptables-restore, timeout and unshare -n';
  }
  return undefined;
}

export function kernelLoad(rulesFile: string, timeoutSeconds: number): KernelLoad {
  const dir = mkdtempSync(join(tmpdir(), 'kubehops-bench-'));
  try {
    const text = readFileSync(rulesFile, 'utf8');
    const ipv4 = text.split(/^# ip6tables$/m)[0]!;
    writeFileSync(join(dir, 'rules'), ipv4);
    writeFileSync(join(dir, 'load.sh'), SCRIPT);
    process.stderr.write(`bench: kernel iptables-restore (timeout ${timeoutSeconds} s) ... `);
    const r = spawnSync('unshare', ['-n', 'sh', join(dir, 'load.sh'), join(dir, 'rules'), String(timeoutSeconds)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`kernel load failed: ${r.stderr}`);
    const [setupUs, restoreUs, rules, rc] = r.stdout.trim().split('\n').pop()!.split(' ').map(Number) as [number, number, number, number];
    if (rc !== 0 && rc !== 124) throw new Error(`iptables-restore exited ${rc}: ${r.stderr}`);
    process.stderr.write(`${(restoreUs / 1e6).toFixed(1)} s\n`);
    return { setupMs: setupUs / 1000, restoreMs: restoreUs / 1000, rulesLoaded: rules, timedOut: rc === 124 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
