import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main';

const scenario = (id: string) => join(__dirname, '../scenarios', `${id}.yaml`);

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => { stdout += `${t}\n`; }, stderr: (t) => { stderr += `${t}\n`; } });
  return { code, stdout, stderr };
}

describe('kubehops net', () => {
  it('prints a vxlan node\'s routing tables under the commands that print them', async () => {
    const r = await run('net', '-f', scenario('clusterip-vxlan'), '--host', 'node/node-a', '--show', 'route');
    expect(r.code).toBe(0);
    const [main, local] = r.stdout.trim().split('\n\n');
    expect(main).toBe([
      '# ip route',
      'default via 192.168.1.1 dev eth0',
      '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1',
      '10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink',
      '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.10',
    ].join('\n'));
    expect(local!.split('\n')[0]).toBe('# ip route show table local');
  });

  it('shows the overlay\'s neighbour and FDB entries', async () => {
    const r = await run('net', '-f', scenario('clusterip-vxlan'), '--host', 'node-b', '--show', 'neigh');
    expect(r.stdout).toMatch(/^# ip neigh\n10\.244\.1\.0 dev flannel\.1 lladdr [0-9a-f:]{17} PERMANENT\n\n# bridge fdb show\n[0-9a-f:]{17} dev flannel\.1 dst 192\.168\.1\.10 self permanent\n$/);
  });

  it('shows a vpc pod\'s /32 address and dummy gateway; --json gives the sections', async () => {
    const r = await run('net', '-f', scenario('nodeport-vpc'), '--host', 'pod/default/web-b', '--json');
    const json = JSON.parse(r.stdout) as { host: string; cni: string; sections: { command: string; lines: string[] }[] };
    expect(json).toMatchObject({ host: 'pod/default/web-b', cni: 'vpc' });
    expect(json.sections.map((s) => s.command)).toEqual(['ip addr', 'ip route', 'ip route show table local', 'ip neigh', 'bridge fdb show']);
    expect(json.sections[1]!.lines).toEqual(['default via 169.254.1.1 dev eth0', '169.254.1.1 dev eth0 scope link']);
    expect(json.sections[0]!.lines).toContain('    inet 192.168.1.31/32 scope global eth0');
  });

  it.each([
    { argv: ['--host', 'node/nope'], code: 1, err: 'error: host "node/nope" not found' },
    { argv: ['--host', 'node-a', '--show', 'links'], code: 2, err: 'error: --show must be one of route, addr, neigh, all' },
    { argv: [], code: 2, err: 'error: --host HOST is required' },
  ])('refuses $argv', async ({ argv, code, err }) => {
    const r = await run('net', '-f', scenario('nodeport-vpc'), ...argv);
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(err);
  });
});
