// What-if toggles: each edits the destination's Service and re-runs a sent trace at once;
// the page shows the source IP the engine computes with the change, and what it was before.

import { test, expect } from './fixtures';
import { button, hops, radiogroup, sourceSeen } from './page-model';
import { scenario } from './expected';
import { defaultProbe, expectedTrace, expectedTraceIn, loadedCluster } from './trace-expected';

const DASH = '—';

test('nodeport: externalTrafficPolicy Local keeps the client IP, as the engine says', async ({ page }) => {
  const probe = defaultProbe('nodeport');
  const cluster = expectedTrace('nodeport', probe).outcome;
  const local = expectedTrace('nodeport', probe, 1, { 'default/web': { externalTrafficPolicy: 'Local' } }).outcome;
  expect(local.sourceSeenByDestination, 'the scenario exists to show this change').not.toBe(cluster.sourceSeenByDestination);

  await page.goto('./?scenario=nodeport');
  const etp = radiogroup(page, 'externalTrafficPolicy');
  await expect(etp.getByRole('radio', { name: 'Cluster' })).toBeChecked();
  await button(page, 'Send packet').click();
  await expect(sourceSeen(page)).toHaveText(cluster.sourceSeenByDestination ?? DASH);

  await etp.getByRole('radio', { name: 'Local' }).check();
  await expect(sourceSeen(page)).toHaveText(local.sourceSeenByDestination ?? DASH);
  await expect(sourceSeen(page)).toHaveAttribute('data-verdict', local.verdict);
  await expect(hops(page)).toHaveCount(local.hops.length);
  const change = page.getByText(/^externalTrafficPolicy: Cluster → Local: source IP changed/);
  await expect(change).toContainText(`${cluster.sourceSeenByDestination} before`);
  await expect(change).toContainText(`${local.sourceSeenByDestination} now`);
  await expect(page).toHaveURL(/externalTrafficPolicy=Local/);

  // Back to Cluster: the Service's own value, so no longer a what-if.
  await etp.getByRole('radio', { name: 'Cluster' }).check();
  await expect(sourceSeen(page)).toHaveText(cluster.sourceSeenByDestination ?? DASH);
  await expect(page).not.toHaveURL(/externalTrafficPolicy/);
});

test('loadbalancer: externalTrafficPolicy Local gets a healthCheckNodePort, as the Service applied with Local does', async ({ page }) => {
  const probe = defaultProbe('loadbalancer');
  // The oracle is the engine on the YAML itself, not the page's what-if code.
  const text = scenario('loadbalancer').yaml.replace('type: LoadBalancer', 'type: LoadBalancer\n  externalTrafficPolicy: Local');
  const applied = loadedCluster('loadbalancer', text);
  const port = applied.services.find((s) => s.metadata.name === 'web')!.spec.healthCheckNodePort;
  expect(port, 'the API server allocates one').toBeGreaterThan(0);
  const { outcome, lines } = expectedTraceIn(applied, probe);
  const healthLines = lines.filter((l) => l.includes('lb health:'));
  expect(healthLines.length).toBeGreaterThan(0);
  expect(healthLines.every((l) => l.includes(`:${port}/healthz`))).toBe(true);

  await page.goto('./?scenario=loadbalancer&animate=0');
  await button(page, 'Send packet').click();
  await radiogroup(page, 'externalTrafficPolicy').getByRole('radio', { name: 'Local' }).check();
  await expect(sourceSeen(page)).toHaveText(outcome.sourceSeenByDestination ?? DASH);
  await expect(hops(page)).toHaveCount(lines.length);
  await expect(hops(page)).toContainText(lines);
});

test('clusterip: internalTrafficPolicy and sessionAffinity re-run the trace as the engine says', async ({ page }) => {
  const probe = defaultProbe('clusterip');
  await page.goto('./?scenario=clusterip');
  await expect(radiogroup(page, 'externalTrafficPolicy').getByRole('radio', { name: 'Local' })).toBeDisabled();
  await button(page, 'Send packet').click();
  await expect(sourceSeen(page)).toHaveAttribute('data-verdict', expectedTrace('clusterip', probe).outcome.verdict);

  const itp = expectedTrace('clusterip', probe, 1, { 'default/web': { internalTrafficPolicy: 'Local' } }).outcome;
  await radiogroup(page, 'internalTrafficPolicy').getByRole('radio', { name: 'Local' }).check();
  await expect(sourceSeen(page)).toHaveAttribute('data-verdict', itp.verdict);
  await expect(sourceSeen(page)).toHaveText(itp.sourceSeenByDestination ?? DASH);
  await expect(hops(page)).toHaveCount(itp.hops.length);

  const both = expectedTrace('clusterip', probe, 1, { 'default/web': { internalTrafficPolicy: 'Local', sessionAffinity: 'ClientIP' } }).outcome;
  await radiogroup(page, 'sessionAffinity').getByRole('radio', { name: 'ClientIP' }).check();
  await expect(sourceSeen(page)).toHaveAttribute('data-verdict', both.verdict);
  await expect(hops(page)).toHaveCount(both.hops.length);
  await expect(page).toHaveURL(/internalTrafficPolicy=Local.*sessionAffinity=ClientIP/);
});

test('kube-proxy modes not simulated yet are disabled; the CNI models that fit are offered', async ({ page }) => {
  await page.goto('./?scenario=clusterip');
  const mode = radiogroup(page, 'kube-proxy mode');
  await expect(mode.getByRole('radio', { name: 'iptables' })).toBeChecked();
  await expect(mode.getByRole('radio', { name: 'nftables' })).toBeDisabled();
  await expect(mode.getByRole('radio', { name: 'ipvs' })).toBeDisabled();
  const cni = radiogroup(page, 'CNI');
  await expect(cni.getByRole('radio', { name: 'direct' })).toBeChecked();
  await expect(cni.getByRole('radio', { name: 'vxlan' })).toBeEnabled();
  await expect(cni.getByRole('radio', { name: 'vpc' })).toBeDisabled();
});
