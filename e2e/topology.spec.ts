// The topology: keyboard zoom and reset, the CNI what-if (vxlan draws the overlay tunnel with
// its outer header; vpc is off where pod IPs are not in the node subnet), a big cluster
// collapsed by namespace with expand, and the cloud's load balancers (a box the packet stops
// at; MetalLB's announcing node; <pending>).

import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { loadScenario, planLoadBalancers } from '../src/engine';
import { scenario } from './expected';
import { button, editor, hops, radiogroup, sourceSeen, status, timeline } from './page-model';
import { defaultProbe, expectedRun, expectedTrace, loadedCluster } from './trace-expected';

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

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
type Rect = { x: number; y: number; width: number; height: number };
const holds = (r: Rect, p: { x: number; y: number }) => p.x >= r.x && p.x <= r.x + r.width && p.y >= r.y && p.y <= r.y + r.height;
/** The centre of the packet's dot on screen. */
async function dotCentre(page: Page) {
  const b = await page.locator('.topo__packet .packet__dot').boundingBox();
  return b ? { x: b.x + b.width / 2, y: b.y + b.height / 2 } : null;
}
/** Whether the packet's dot is drawn inside the box (both measured now: the page moves as it fills). */
const dotIn = async (page: Page, box: Locator) => holds((await box.locator('rect').boundingBox())!, (await dotCentre(page))!);

test('loadbalancer: the cloud load balancer is a box outside the cluster named with its IP; the packet stops at it both ways', async ({ page }) => {
  const lb = planLoadBalancers(loadedCluster('loadbalancer'))[0]!;
  const { outcome } = expectedTrace('loadbalancer', defaultProbe('loadbalancer'));
  const atLb = outcome.hops.flatMap((h, i) => (h.host === lb.host ? [i] : []));
  expect(atLb.length).toBeGreaterThan(0);
  await page.goto('./?scenario=loadbalancer&animate=0');
  const box = page.getByRole('group', { name: new RegExp(`^Load balancer ${escape(lb.host)}: generic · pass-through to nodes, ${escape(lb.ingress[0]!)}$`) });
  await expect(box).toHaveAttribute('data-kind', 'lb');
  const rect = (await box.locator('rect').boundingBox())!;
  const cluster = (await page.locator('.topo__cluster > rect').boundingBox())!;
  expect(rect.y + rect.height).toBeLessThan(cluster.y);

  await button(page, 'Send packet').click();
  await expect(hops(page)).toHaveCount(outcome.hops.length);
  for (const i of [atLb[0]!, atLb.at(-1)!]) {
    await timeline(page).fill(String(i));
    await expect(page.locator('.topo')).toHaveAttribute('data-current-host', lb.host);
    await expect(box).toHaveAttribute('data-state', 'current');
    await expect.poll(() => dotIn(page, box)).toBe(true);
  }
  // The hop before it is the router's: the packet is not drawn at the load balancer yet.
  await timeline(page).fill(String(atLb[0]! - 1));
  await expect(box).toHaveAttribute('data-state', 'visited');
  await expect.poll(() => dotIn(page, box)).toBe(false);
});

test('loadbalancer-aws-nlb: the NLB\'s rewrite to nodeIP:nodePort shows on the packet at the load balancer', async ({ page }) => {
  const { outcome } = expectedTrace('loadbalancer-aws-nlb', defaultProbe('loadbalancer-aws-nlb'));
  const i = outcome.hops.findIndex((h) => h.kind === 'lb' && h.event === 'rewrite');
  const hop = outcome.hops[i]!;
  await page.goto('./?scenario=loadbalancer-aws-nlb&animate=0');
  await expect(page.getByRole('group', { name: /^Load balancer lb\/default\/web: AWS NLB · to node ports, / })).toBeVisible();
  await button(page, 'Send packet').click();
  await timeline(page).fill(String(i));
  const changed = page.locator('.topo__packet .packet[data-kind="lb"] .packet__changed');
  await expect(changed).toHaveText([`${hop.packet.dst}:${hop.packet.dport}`]);
});

test('metallb-l2: no load balancer box; the node elected for each IP is marked with it', async ({ page }) => {
  const lbs = planLoadBalancers(loadedCluster('metallb-l2'));
  await page.goto('./?scenario=metallb-l2&animate=0');
  await expect(page.locator('.topo__lb[data-kind="lb"]')).toHaveCount(0);
  for (const lb of lbs) {
    const node = lb.speaker!.replace('node/', '');
    await expect(page.getByRole('group', { name: `No load balancer for ${lb.service}: MetalLB layer 2; ${node} answers ARP for ${lb.ingress[0]}` })).toBeVisible();
    const speaker = page.locator(`.topo__node[data-host="${lb.speaker}"]`);
    await expect(speaker).toHaveAttribute('data-announces', lb.ingress.join(', '));
    await expect(speaker).toContainText(`answers ARP for ${lb.ingress[0]}`);
  }
});

test('loadbalancer-pending: the load balancer shows as <pending>, and nothing is drawn for the packet to stop at', async ({ page }) => {
  await page.goto('./?scenario=loadbalancer-pending&animate=0');
  const pending = page.getByRole('group', { name: /^Load balancer for default\/web: <pending>/ });
  await expect(pending).toHaveAttribute('data-kind', 'pending');
  await expect(pending).toContainText('load balancer <pending>');
  await button(page, 'Send packet').click();
  await expect(page.locator('.topo')).toHaveAttribute('data-current-host', 'outside');
  await expect(pending).not.toHaveAttribute('data-state', /.+/);
});
