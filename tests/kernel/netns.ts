// Network namespaces and processes of the kernel lane, and their cleanup. Every namespace is
// named `kh<pid>-...` after the test process that made it, so runs side by side never touch
// each other's, and a run can recognise what a crashed earlier run left behind (its pid is
// gone) and remove it. Everything made here is removed on teardown, on process exit and on
// SIGINT/SIGTERM; every command has a time limit.

import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export const PREFIX = `kh${process.pid}-`;
const STALE = /^kh(\d+)-/;
const COMMAND_TIMEOUT_MS = 20_000;

const namespaces = new Set<string>();
const children = new Set<ChildProcess>();

/** Runs a command (no shell), bounded; resolves with stdout, rejects with stderr. */
export function run(cmd: string, args: readonly string[], input?: string, timeoutMs = COMMAND_TIMEOUT_MS): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, args, { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${args.join(' ')}: ${stderr || err.message}`));
      else resolve(stdout);
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** A shell script run by `sh -e`, bounded. */
export const sh = (script: string, timeoutMs?: number): Promise<string> => run('sh', ['-e', '-c', script], undefined, timeoutMs);

const alive = (pid: number): boolean => {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
};

function deleteNamespaceSync(name: string): void {
  try {
    for (const pid of execFileSync('ip', ['netns', 'pids', name], { encoding: 'utf8', timeout: 5000 }).split(/\s+/).filter(Boolean)) {
      try { process.kill(Number(pid), 'SIGKILL'); } catch { /* already gone */ }
    }
  } catch { /* the namespace is gone */ }
  try { execFileSync('ip', ['netns', 'del', name], { stdio: 'ignore', timeout: 5000 }); } catch { /* already gone */ }
}

/**
 * Namespaces an earlier run of this lane left when it crashed: named `kh<pid>-` by a process
 * that no longer exists. Their processes (the lane's own servers and agents) go with them.
 */
export function removeStaleNamespaces(): string[] {
  let names: string[] = [];
  try {
    names = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8', timeout: 5000 }).split('\n').map((l) => l.split(' ')[0]!).filter(Boolean);
  } catch { return []; }
  const stale = names.filter((n) => {
    const m = STALE.exec(n);
    return m !== null && Number(m[1]) !== process.pid && !alive(Number(m[1]));
  });
  stale.forEach(deleteNamespaceSync);
  return stale;
}

/** Creates the namespaces (all at once, one shell). Names must start with PREFIX. */
export async function createNamespaces(names: readonly string[]): Promise<void> {
  for (const n of names) {
    if (!n.startsWith(PREFIX)) throw new Error(`namespace ${n} is not this run's (${PREFIX})`);
    namespaces.add(n);
  }
  await sh(names.map((n) => `ip netns add ${n} && ip -n ${n} link set lo up`).join('\n'));
}

/** Kills the processes and removes the namespaces given (the lane's own). */
export async function destroy(names: readonly string[], procs: readonly ChildProcess[]): Promise<void> {
  for (const p of procs) {
    children.delete(p);
    if (p.exitCode === null && p.pid !== undefined) p.kill('SIGKILL');
  }
  for (const n of names) namespaces.delete(n);
  if (names.length) await sh(names.map((n) => `ip netns del ${n} 2>/dev/null || true`).join('\n'));
}

function cleanupSync(): void {
  for (const p of children) if (p.exitCode === null && p.pid !== undefined) { try { p.kill('SIGKILL'); } catch { /* gone */ } }
  children.clear();
  for (const n of namespaces) deleteNamespaceSync(n);
  namespaces.clear();
}

/**
 * A reaper that outlives this process: a shell reading a pipe from it, which removes this
 * run's namespaces when the pipe closes, however the process ended (a test runner may kill
 * its workers outright, and then no handler here runs). Their servers exit with it too.
 */
function startReaper(): void {
  const script = `cat >/dev/null; for n in $(ip netns list | awk '{print $1}' | grep '^${PREFIX}'); do `
    + `for p in $(ip netns pids $n); do kill -9 $p 2>/dev/null; done; ip netns del $n; done`;
  const reaper = spawn('sh', ['-c', script], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
  reaper.unref();
  (reaper.stdin as unknown as { unref?: () => void }).unref?.();
}

let handlersInstalled = false;
/** Removes whatever this process made when it exits or is interrupted. */
export function installCleanupHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  startReaper();
  process.on('exit', cleanupSync);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      cleanupSync();
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    });
  }
}

/** A long-running program in a namespace speaking JSON lines; resolves once it prints "ready". */
export interface LineProcess {
  readonly child: ChildProcess;
  /** The next line it prints, bounded. */
  readonly nextLine: (timeoutMs: number) => Promise<string>;
  /** The lines printed and not read yet. */
  readonly drain: () => string[];
}

export function spawnInNamespace(ns: string, argv: readonly string[], env: Record<string, string> = {}, readyMs = 10_000): Promise<LineProcess> {
  const child = spawn('ip', ['netns', 'exec', ns, ...argv], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  children.add(child);
  const lines: string[] = [];
  const waiters: ((line: string | undefined) => void)[] = [];
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const rl = createInterface({ input: child.stdout! });
  rl.on('line', (line) => { const w = waiters.shift(); if (w) w(line); else lines.push(line); });
  rl.on('close', () => { for (const w of waiters.splice(0)) w(undefined); });
  const nextLine = (timeoutMs: number): Promise<string> => new Promise((resolve, reject) => {
    const queued = lines.shift();
    if (queued !== undefined) { resolve(queued); return; }
    const waiter = (line: string | undefined): void => {
      clearTimeout(timer);
      if (line === undefined) reject(new Error(`${argv.join(' ')} in ${ns} exited: ${stderr}`));
      else resolve(line);
    };
    const timer = setTimeout(() => {
      waiters.splice(waiters.indexOf(waiter), 1);
      reject(new Error(`${argv.join(' ')} in ${ns}: no answer within ${timeoutMs} ms ${stderr}`));
    }, timeoutMs);
    waiters.push(waiter);
  });
  return nextLine(readyMs).then((line) => {
    if (line !== 'ready') throw new Error(`${argv.join(' ')} in ${ns}: expected "ready", got ${line}`);
    return { child, nextLine, drain: () => lines.splice(0) };
  });
}
