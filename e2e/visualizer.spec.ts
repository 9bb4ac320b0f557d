// The visualizer, driven as a person would: for every built-in scenario, send its first
// packet, step through the hops and compare what the page shows with the engine's answer.

import { test, expect } from './fixtures';
import { loadScenario } from '../src/engine';
import { SCENARIO_IDS, scenario } from './expected';
import { button, currentHop, fromBox, hops, sourceSeen, timeline, toBox } from './page-model';
import { defaultProbe, expectedTrace } from './trace-expected';

const DASH = '—';

for (const id of SCENARIO_IDS) {
  test(`${id}: send the first packet, step through it, see what the engine says`, async ({ page }) => {
    const probe = defaultProbe(id);
    const { outcome, lines } = expectedTrace(id, probe);
    await page.goto(`./?scenario=${id}`);
    await expect(fromBox(page)).toHaveValue(probe.from);
    await expect(toBox(page)).toHaveValue(probe.to);
    await expect(sourceSeen(page)).toHaveText(DASH);
    await button(page, 'Send packet').click();

    // Reduced motion (the test browser's setting): the trace appears complete, last hop current.
    await expect(sourceSeen(page)).toHaveAttribute('data-verdict', outcome.verdict);
    await expect(sourceSeen(page)).toHaveText(outcome.sourceSeenByDestination ?? DASH);
    await expect(hops(page)).toHaveText(lines);
    await expect(currentHop(page)).toHaveText(new RegExp(`${escape(lines.at(-1)!)}$`));
    await expect(timeline(page)).toHaveValue(String(lines.length - 1));

    // Back to the start with the slider, then step forward hop by hop (a few) and back.
    await timeline(page).fill('0');
    await expect(currentHop(page)).toContainText(lines[0]!);
    const steps = Math.min(5, lines.length - 1);
    for (let i = 1; i <= steps; i++) {
      await button(page, 'Step forward').click();
      await expect(currentHop(page)).toContainText(lines[i]!);
      await expect(page.locator('.topo')).toHaveAttribute('data-current-host', outcome.hops[i]!.host);
    }
    await button(page, 'Step back').click();
    await expect(currentHop(page)).toContainText(lines[steps - 1]!);
    await expect(page).toHaveURL(new RegExp(`step=${steps - 1}`));
  });
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('the combobox options name their addresses; in loadbalancer From starts on the external client', async ({ page }) => {
  const { cluster } = loadScenario([{ name: 'lb.yaml', text: scenario('loadbalancer').yaml }], { seed: 1 });
  const client = cluster.spec.clients[0]!;
  const svc = cluster.services[0]!;
  await page.goto('./?scenario=loadbalancer');
  await expect(fromBox(page)).toHaveValue(`client/${client.name}`);
  await expect(fromBox(page).locator('option:checked')).toContainText(client.ip);
  const toTexts = await toBox(page).locator('option').allTextContents();
  const port = svc.spec.ports![0]!;
  expect(toTexts).toContain(`svc/default/${svc.metadata.name}:${port.port} (${svc.spec.clusterIP}:${port.port})`);
  for (const node of cluster.nodes) {
    const ip = node.status!.addresses!.find((a) => a.type === 'InternalIP')!.address;
    expect(toTexts.some((t) => t.startsWith('NodePort ') && t.includes(`(${ip}:${port.nodePort})`))).toBe(true);
  }
  const lb = svc.status!.loadBalancer!.ingress![0]!.ip!;
  expect(toTexts.some((t) => t.startsWith('LoadBalancer ') && t.includes(`(${lb}:${port.port})`))).toBe(true);
});
