// Screenshots for people to look at (e2e/screenshots/, not committed): two scenarios at a
// laptop's and a phone's size, the error state, and every built-in scenario after sending.

import { test, expect } from './fixtures';
import { SCENARIO_IDS } from './expected';
import { editor, status } from './page-model';

const SIZES = [{ width: 1280, height: 800 }, { width: 390, height: 844 }] as const;
const OUT = new URL('./screenshots/', import.meta.url).pathname;

for (const size of SIZES) {
  for (const id of ['nodeport', 'loadbalancer']) {
    test(`screenshot ${id} at ${size.width}x${size.height}`, async ({ page }) => {
      await page.setViewportSize(size);
      await page.goto(`./?scenario=${id}`);
      await expect(status(page)).toHaveAttribute('data-state', 'ok');
      await page.screenshot({ path: `${OUT}${id}-${size.width}x${size.height}.png` });
      await page.screenshot({ path: `${OUT}${id}-${size.width}x${size.height}-full.png`, fullPage: true });
    });
  }

  test(`screenshot of an error at ${size.width}x${size.height}`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.goto('./?scenario=nodeport');
    const text = await editor(page).inputValue();
    await editor(page).fill(text.replace('nodePort: 30080', 'nodePort: 99999'));
    await expect(status(page)).toHaveAttribute('data-state', 'invalid');
    await page.screenshot({ path: `${OUT}error-${size.width}x${size.height}-full.png`, fullPage: true });
  });
}

test('dark colour scheme screenshot', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('./?scenario=loadbalancer');
  await expect(status(page)).toHaveAttribute('data-state', 'ok');
  await page.screenshot({ path: `${OUT}loadbalancer-1280x800-dark.png` });
});

for (const size of SIZES) {
  for (const id of SCENARIO_IDS) {
    test(`screenshot of ${id} after sending a packet at ${size.width}x${size.height}`, async ({ page }) => {
      await page.setViewportSize(size);
      await page.goto(`./?scenario=${id}&animate=0`);
      await page.getByRole('button', { name: 'Send packet', exact: true }).click();
      await expect(page.getByLabel('Source IP seen by backend')).toHaveAttribute('data-verdict', /.+/);
      // Nothing makes the page wider than the screen (a phone would scroll sideways).
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
      const topo = page.locator('.topo');
      const name = `${OUT}sent-${id}-${size.width}x${size.height}`;
      await topo.screenshot({ path: `${name}-end-topology.png` });
      // A load balancer hop (its rewrite if it makes one), then the first NAT hop: stop on each.
      for (const [kind, suffix] of [['lb', '-lb-topology.png'], ['nat', '']] as const) {
        const ofKind = page.getByRole('list', { name: 'Hops' }).locator(`[data-kind="${kind}"]`);
        const rewrite = ofKind.filter({ hasText: 'lb rewrite' });
        const hop = (await rewrite.count() > 0 ? rewrite : ofKind).first();
        const index = await hop.count() > 0 ? await hop.evaluate((el) => [...el.parentElement!.children].indexOf(el)) : -1;
        if (index < 0) continue;
        await page.getByRole('slider', { name: 'Timeline' }).fill(String(index));
        if (suffix) await topo.screenshot({ path: `${name}${suffix}` });
      }
      await page.locator('.viz').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: `${name}.png` });
      await page.screenshot({ path: `${name}-full.png`, fullPage: true });
      await topo.screenshot({ path: `${name}-topology.png` });
    });
  }
}
