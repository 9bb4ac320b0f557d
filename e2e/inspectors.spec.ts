// The inspectors after a trace: conntrack tables with the connection's entry marked, the
// destination's EndpointSlice, the reason and rule of a reject, and for a trace to a name the
// DNS exchange (search expansion, each query's rcode, the ExternalName TLS warning).

import { test, expect } from './fixtures';
import { createTraceContext, loadScenario, planTrace, renderConntrackList, resolveFromPod, traceSeeded } from '../src/engine';
import { scenario } from './expected';
import { button, sourceSeen } from './page-model';
import { defaultProbe, expectedTrace } from './trace-expected';

test('nodeport: conntrack -L on the node the packet entered, this connection marked; the EndpointSlice', async ({ page }) => {
  const probe = defaultProbe('nodeport');
  const { cluster } = loadScenario([{ name: 'nodeport.yaml', text: scenario('nodeport').yaml }], { seed: 1 });
  const ctx = createTraceContext(cluster);
  const plan = planTrace(ctx, probe);
  if (!plan.ok) throw new Error(plan.error);
  const { state } = traceSeeded(ctx, plan.value, { seed: 1 });
  const host = Object.keys(state.conntrack).find((h) => h.startsWith('node/'))!;
  const lines = renderConntrackList(state.conntrack[host]!).stdout.split('\n').filter(Boolean);

  await page.goto('./?scenario=nodeport');
  await button(page, 'Send packet').click();
  const table = page.getByRole('region', { name: `conntrack -L on ${host}` });
  await expect(table.getByRole('listitem')).toHaveText(lines);
  await expect(table.locator('[data-connection="true"]')).not.toHaveCount(0);

  const svc = cluster.services[0]!;
  const slice = cluster.endpointSlices.find((s) => s.metadata.labels?.['kubernetes.io/service-name'] === svc.metadata.name)!;
  const t = page.getByRole('table', { name: `EndpointSlice ${slice.metadata.name}` });
  await expect(t.getByRole('rowheader')).toHaveCount(slice.endpoints.length);
  for (const e of slice.endpoints) await expect(t).toContainText(e.addresses[0]!);
  if (slice.endpoints[0]!.zone) await expect(t).toContainText(slice.endpoints[0]!.zone);
});

test('no-endpoints: the reject with its reason and the rule that decided', async ({ page }) => {
  const { outcome } = expectedTrace('no-endpoints', defaultProbe('no-endpoints'));
  expect(outcome.decidedBy?.rule).toBeTruthy();
  await page.goto('./?scenario=no-endpoints');
  await button(page, 'Send packet').click();
  await expect(sourceSeen(page)).toHaveAttribute('data-verdict', outcome.verdict);
  const panel = page.getByRole('region', { name: 'Outcome', exact: true });
  await expect(panel).toContainText(outcome.decidedBy!.rule!);
  const end = outcome.hops.at(-1)!;
  if (end.kind === 'reject' || end.kind === 'drop') await expect(panel).toContainText(end.reason);
});

for (const id of ['headless', 'externalname']) {
  test(`${id}: the DNS inspector shows the search expansion and each query's answer`, async ({ page }) => {
    const probe = defaultProbe(id);
    const { cluster } = loadScenario([{ name: `${id}.yaml`, text: scenario(id).yaml }], { seed: 1 });
    const pod = cluster.pods.find((p) => `pod/${p.metadata.namespace}/${p.metadata.name}` === probe.from)!;
    const r = resolveFromPod(cluster, pod, probe.to.replace(/:\d+$/, ''));
    await page.goto(`./?scenario=${id}`);
    await button(page, 'Send packet').click();
    const dns = page.getByRole('region', { name: 'DNS', exact: true });
    await expect(dns).toContainText('options ndots:5');
    const queries = dns.getByRole('list', { name: 'DNS queries' }).getByRole('listitem').filter({ hasText: /\? / });
    await expect(queries).toHaveCount(r.queries.length);
    for (const [i, q] of r.queries.entries()) await expect(queries.nth(i)).toContainText(`${q.qtype}? ${q.qname} ${q.rcode}`);
    const warning = expectedTrace(id, probe).outcome.hops.find((h) => h.kind === 'dns' && h.event === 'warning');
    if (id === 'externalname') {
      expect(warning, 'the ExternalName scenario warns about TLS').toBeDefined();
      await expect(dns.getByRole('note')).toContainText('SNI');
    }
    // The DNS exchange is drawn: the packet visits the cluster DNS pod.
    await expect(page.locator('.topo__pod[data-dns]').first()).toBeVisible();
  });
}
