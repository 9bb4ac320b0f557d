import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main';

const scenario = (id: string) => join(__dirname, '../scenarios', `${id}.yaml`);

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => { stdout += `${t}\n`; }, stderr: (t) => { stderr += `${t}\n`; } });
  return { code, stdout, stderr };
}

describe('kubehops trace', () => {
  it('answers in the JSON contract, every outcome with its probability', async () => {
    const { code, stdout } = await run('trace', '-f', scenario('clusterip'), '--from', 'pod/default/client', '--to', 'svc/default/web:80', '--all', '--json');
    const { outcomes } = JSON.parse(stdout) as { outcomes: Record<string, unknown>[] };
    expect(code).toBe(0);
    expect(outcomes).toHaveLength(3);
    for (const o of outcomes) {
      expect(Object.keys(o)).toEqual(expect.arrayContaining(['probability', 'verdict', 'dnat', 'snat', 'masqueraded', 'deliveredTo', 'sourceSeenByDestination', 'hops', 'rulesWalked']));
      expect(o.verdict).toBe('delivered');
      expect(o.sourceSeenByDestination).toBe('10.244.1.2');
    }
  });

  it('exits 0 for a trace that ran, even when the packet was rejected, and says who decided', async () => {
    const { code, stdout } = await run('trace', '-f', scenario('no-endpoints'), '--from', 'pod/default/client', '--to', 'svc/default/web:80', '--json');
    const [outcome] = (JSON.parse(stdout) as { outcomes: { verdict: string; decidedBy: { component: string; table: string; chain: string } }[] }).outcomes;
    expect(code).toBe(0);
    expect(outcome!.verdict).toBe('rejected');
    expect(outcome!.decidedBy).toMatchObject({ component: 'kube-proxy', table: 'filter', chain: 'KUBE-SERVICES' });
  });

  it('shows only the way there unless --reply asks for the way back', async () => {
    const args = ['trace', '-f', scenario('hairpin'), '--from', 'pod/default/web-0', '--to', 'svc/default/web:80'];
    expect((await run(...args)).stdout).not.toMatch(/^<- /m);
    expect((await run(...args, '--reply')).stdout).toMatch(/^<- node\/node-a {2}un-DNAT/m);
  });

  it('refuses a trace that cannot run with exit 1 and one line', async () => {
    const { code, stderr } = await run('trace', '-f', scenario('clusterip'), '--from', 'pod/default/nope', '--to', 'svc/default/web:80');
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual(['error: pod "default/nope" not found or has no IP']);
  });

  it('runs many probes against one scenario, answering a bare array in probe order', async () => {
    const probes = join(mkdtempSync(join(tmpdir(), 'kubehops-')), 'probes.json');
    writeFileSync(probes, JSON.stringify([
      { from: 'pod/default/client', to: 'svc/default/web:80' },
      { from: 'pod/default/ghost', to: 'svc/default/web:80' },
      { from: 'pod/default/client', to: 'svc/default/web:80', proto: 'UDP' },
    ]));
    const { code, stdout } = await run('trace', '-f', scenario('no-endpoints'), '--probes', probes, '--json');
    const results = JSON.parse(stdout) as ({ outcomes: { verdict: string }[] } | { error: string })[];
    expect(code).toBe(0);
    expect(results.map((r) => ('error' in r ? 'error' : r.outcomes[0]!.verdict))).toEqual(['rejected', 'error', 'error']);
  });
});

describe('kubehops rules', () => {
  it('prints the iptables-save view with the built-in chains and policies', async () => {
    const { code, stdout } = await run('rules', '-f', scenario('clusterip'), '--node', 'node-a', '--format', 'iptables-save');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\*nat$/m);
    expect(stdout).toMatch(/^:PREROUTING ACCEPT \[0:0\]$/m);
    expect(stdout).toMatch(/^-A KUBE-SERVICES .*default\/web:http cluster IP.* -j KUBE-SVC-/m);
  });

  it('says which kube-proxy modes are not simulated yet, and exits 1', async () => {
    const { code, stderr } = await run('rules', '-f', scenario('clusterip'), '--node', 'node-a', '--mode', 'ipvs');
    expect(code).toBe(1);
    expect(stderr).toContain('kube-proxy mode ipvs is not simulated yet');
  });
});

describe('kubehops conntrack', () => {
  it('prints the node\'s table after the trace as conntrack -L does, the count on stderr', async () => {
    const { code, stdout, stderr } = await run('conntrack', '-f', scenario('hairpin'), '--from', 'pod/default/web-0', '--to', 'svc/default/web:80', '--node', 'node-a');
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^tcp {6}6 86400 ESTABLISHED src=10\.244\.1\.2 dst=10\.96\.0\.2 sport=40000 dport=80 src=10\.244\.1\.2 dst=10\.244\.1\.1 sport=8080 dport=\d+ \[ASSURED\] mark=0 use=1$/);
    expect(stderr.trim()).toBe('conntrack v1.4.8 (conntrack-tools): 1 flow entries have been shown.');
  });
});
