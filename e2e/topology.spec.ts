// The topology: keyboard zoom and reset, the CNI what-if (vxlan draws the overlay tunnel with
// its outer header; vpc is off where pod IPs are not in the node subnet), and a big cluster
// collapsed by namespace with expand.

import { test, expect } from './fixtures';
import { loadScenario } from '../src/engine';
import { scenario } from './expected';
import { button, editor, hops, radiogroup, sourceSeen, status } from './page-model';
import { defaultProbe, expectedRun } from './trace-expected';

test('zoom by keyboard: + and − on the focused view, 0 resets; the buttons do the same', async ({ page }) => {
  await page.goto('./?scenario=nodeport');
  const topo = page.locator('.topo');
  const view = page.getByRole('group', { name: /^Cluster topology \(/ });
  await view.focus();
  await page.keyboard.press('+');
  await expect(topo).toHaveAttribute('data-zoom', '1.25');
  await page.keyboard.press('+');
  await expect(topo).toHaveAttribute('data-zoom', '1.56');
  await page.keyboard.press('-');
  await expect(topo).toHaveAttribute('data-zoom', '1.25');
  await page.keyboard.press('0');
  await expect(topo).toHaveAttribute('data-zoom', '1.00');
  await page.getByRole('button', { name: 'Zoom out' }).press('Enter');
  await expect(topo).toHaveAttribute('data-zoom', '0.80');
  await page.getByRole('button', { name: 'Reset zoom' }).click();
  await expect(topo).toHaveAttribute('data-zoom', '1.00');
});

test('CNI what-if: vxlan re-runs the trace with the overlay; vpc is off with the reason', async ({ page }) => {
  const probe = defaultProbe('clusterip');
  const { cluster } = loadScenario([{ name: 'c.yaml', text: scenario('clusterip').yaml }], { seed: 1 });
  const vxlan = expectedRun('clusterip', probe, 1, 1, { ...cluster, spec: { ...cluster.spec, cni: { model: 'vxlan' } } }).last;
  await page.goto('./?scenario=clusterip');
  const cni = radiogroup(page, 'CNI');
  await expect(cni.getByRole('radio', { name: 'direct' })).toBeChecked();
  await expect(cni.getByRole('radio', { name: 'vpc' })).toBeDisabled();
  await expect(cni).toContainText('vpc is off: vpc needs pod IPs in the node subnet');
  await button(page, 'Send packet').click();
  await cni.getByRole('radio', { name: 'vxlan' }).check();
  await expect(hops(page)).toHaveText(vxlan.lines);
  await expect(sourceSeen(page)).toHaveText(vxlan.outcome.sourceSeenByDestination ?? '—');
  await expect(page).toHaveURL(/cni=vxlan/);
  await expect(page.getByText(/^CNI: direct → vxlan/)).toBeVisible();
  if (vxlan.outcome.hops.some((h) => h.kind === 'encap')) await expect(page.locator('.topo__tunnel')).not.toHaveCount(0);
  await cni.getByRole('radio', { name: 'direct' }).check();
  await expect(page).not.toHaveURL(/cni=/);
});

test('nodeport-vpc: direct and vxlan are off (pod IPs outside the nodes\' pod CIDRs)', async ({ page }) => {
  await page.goto('./?scenario=nodeport-vpc');
  const cni = radiogroup(page, 'CNI');
  await expect(cni.getByRole('radio', { name: 'vpc' })).toBeChecked();
  await expect(cni.getByRole('radio', { name: 'direct' })).toBeDisabled();
  await expect(cni.getByRole('radio', { name: 'vxlan' })).toBeDisabled();
});

test('a 20-node cluster: namespaces collapsed to counts per node, expand by keyboard', async ({ page }) => {
  const nodes = Array.from({ length: 20 }, (_, i) => `---\napiVersion: v1\nkind: Node\nmetadata: { name: n${i}, labels: { topology.kubernetes.io/zone: z${i % 3} } }\nstatus: { addresses: [{ type: InternalIP, address: 192.168.1.${10 + i} }] }\n`).join('');
  const app = `---\napiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: default }\nspec:\n  replicas: 120\n  selector: { matchLabels: { app: web } }\n  template:\n    metadata: { labels: { app: web } }\n    spec: { containers: [{ name: web, image: nginx }] }\n`;
  await page.goto('./?scenario=clusterip');
  await editor(page).fill(`${nodes}${app}`);
  await expect(status(page)).toHaveAttribute('data-state', 'ok');
  const groups = page.locator('.topo__group');
  await expect(groups).toHaveCount(20);
  const first = groups.first();
  await expect(first).toHaveAttribute('aria-expanded', 'false');
  await first.focus();
  await page.keyboard.press('Enter');
  await expect(groups.first()).toHaveAttribute('aria-expanded', 'true');
});
