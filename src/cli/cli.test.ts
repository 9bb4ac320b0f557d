import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main';

const scenarios = join(__dirname, '../scenarios');
const scenarioFiles = readdirSync(scenarios).filter((f) => f.endsWith('.yaml'));

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => { stdout += `${t}\n`; }, stderr: (t) => { stderr += `${t}\n`; } });
  return { code, stdout, stderr };
}

function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'kubehops-')), name);
  writeFileSync(path, text);
  return path;
}

const badService = `apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports:
    - { name: http, port: 80 }
    - { name: http, port: 0 }
---
apiVersion: v1
kind: Service
metadata: { name: ok }
spec:
  ports: [{ port: 80 }]
`;

describe('kubehops validate', () => {
  it.each(scenarioFiles)('accepts the built-in scenario %s', async (file) => {
    const { code, stdout } = await run('validate', '-f', join(scenarios, file));
    expect(stdout).not.toMatch(/: invalid$/m);
    expect(code).toBe(0);
  });

  it('gives the API server verdict per document with field paths, and exits 1', async () => {
    const { code, stdout } = await run('validate', '-f', tempFile('s.yaml', badService), '--json');
    const { documents } = JSON.parse(stdout) as { documents: { index: number; line: number; valid: boolean; errors: { field: string; type: string }[] }[] };
    expect(code).toBe(1);
    expect(documents.map((d) => [d.index, d.line, d.valid])).toEqual([[0, 1, false], [1, 10, true]]);
    expect(documents[0]!.errors.map((e) => [e.field, e.type])).toEqual(expect.arrayContaining([
      ['spec.ports[1].name', 'Duplicate'],
      ['spec.ports[1].port', 'Invalid'],
    ]));
  });

  it('prints the API server text of each error under its document', async () => {
    const { stdout } = await run('validate', '-f', tempFile('s.yaml', badService));
    expect(stdout).toContain('s.yaml:1 document 0 Service default/web: invalid');
    expect(stdout).toContain('  spec.ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive');
  });

  it('treats a file that is not a manifest as refused input, not a crash', async () => {
    const { code, stdout } = await run('validate', '-f', tempFile('x.yaml', '- just\n- a list\n'));
    expect(code).toBe(1);
    expect(stdout).toContain('document is a list, not a Kubernetes object');
  });
});

describe('usage errors', () => {
  it('exits 2 with one line on stderr for a missing file', async () => {
    const { code, stderr } = await run('validate', '-f', '/nonexistent/x.yaml');
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toEqual(['error: the path "/nonexistent/x.yaml" does not exist']);
  });

  it('exits 2 for an unknown flag, as JSON with --json', async () => {
    const { code, stderr } = await run('validate', '--bogus', '--json');
    expect(code).toBe(2);
    expect(JSON.parse(stderr)).toEqual({ error: 'unknown flag: --bogus' });
  });
});

describe('kubehops get', () => {
  it('lists Services in kubectl columns with the allocated NodePort', async () => {
    const { code, stdout } = await run('get', 'svc', '-f', join(scenarios, 'nodeport.yaml'));
    expect(code).toBe(0);
    const [header, row] = stdout.trim().split('\n');
    expect(header!.split(/\s{2,}/)).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)']);
    expect(row!.split(/\s{2,}/)).toEqual(['web', 'NodePort', expect.stringMatching(/^10\.(9[6-9]|10\d|11[01])\./), '<none>', '80:30080/TCP']);
  });

  it('shows a LoadBalancer without a cloud as <pending>', async () => {
    const file = tempFile('lb.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: lb}\nspec: {type: LoadBalancer, ports: [{port: 80}]}\n');
    const { stdout } = await run('get', 'svc', '-f', file);
    expect(stdout).toMatch(/^lb\s+LoadBalancer\s+\S+\s+<pending>\s+80:3\d{4}\/TCP$/m);
  });

  it('gives a byte-identical model for the same input and seed', async () => {
    const file = join(scenarios, 'clusterip.yaml');
    const a = await run('get', '-A', '-f', file, '-o', 'yaml', '--seed', '7');
    const b = await run('get', '-A', '-f', file, '-o', 'yaml', '--seed', '7');
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toContain('kind: EndpointSlice');
  });

  it('names Deployment pods from the seed, as the ReplicaSet controller names them at random', async () => {
    const names = async (seed: string) => (await run('get', 'pods', '-f', join(scenarios, 'clusterip.yaml'), '--seed', seed)).stdout;
    expect(await names('1')).not.toBe(await names('2'));
    expect(await names('1')).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{10}-[bcdfghjklmnpqrstvwxz2456789]{5}\s/m);
  });
});

describe('the kubehops command', () => {
  it('runs from the checkout through npx, reading stdin', () => {
    const root = join(__dirname, '../..');
    const result = spawnSync('npx', ['--no-install', 'kubehops', 'get', 'svc', '-f', '-'], {
      cwd: root, input: 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {clusterIP: 10.96.0.50, ports: [{port: 53, protocol: UDP}]}\n', encoding: 'utf8',
    });
    expect(result.stderr).not.toMatch(/error/i); // npm itself may warn about local config
    expect(result.stdout).toMatch(/^s\s+ClusterIP\s+10\.96\.0\.50\s+<none>\s+53\/UDP$/m);
    expect(result.status).toBe(0);
  }, 60_000); // a child process through npx and tsx: seconds on a loaded 2-core machine
});

describe('a very large file', () => {
  it('refuses a 50 MB document with the API server\'s size error, keeps the documents beside it, and exits 1', async () => {
    const huge = `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: huge }\ndata:\n  blob: "${'x'.repeat(50 * 1024 * 1024)}"\n`;
    const file = tempFile('huge.yaml', `${huge}---\n${badService.split('---\n')[1]}`);
    const { code, stdout } = await run('validate', '-f', file);
    expect(code).toBe(1);
    expect(stdout).toContain('huge.yaml:1 document 0 <unknown kind>: invalid\n  line 1: Request entity too large: limit is 3145728');
    expect(stdout).toContain('document 1 Service default/ok: valid');
  });
});
