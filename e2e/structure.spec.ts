// The page's structure as assistive technology sees it: landmarks, one h1 and a heading per
// panel, named tables and controls, and no sideways scrolling of the page at phone width.

import { test, expect } from './fixtures';
import { status } from './page-model';

test('landmarks, headings and named tables', async ({ page }) => {
  await page.goto('./?scenario=nodeport');
  await expect(page.getByRole('banner')).toBeVisible();
  await expect(page.getByRole('main')).toBeVisible();
  await expect(page.getByRole('contentinfo')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 2 })).toHaveText([
    'Send a packet', 'What if', /^Hops/, 'Packet', 'Outcome', 'Rules', 'Conntrack', 'EndpointSlice',
    /^Nodes/, /^Pods/, /^Services/, /^EndpointSlices/, 'Scenario YAML',
  ]);
  for (const name of ['Nodes', 'Pods', 'Services', 'EndpointSlices']) {
    const table = page.getByRole('table', { name, exact: true });
    await expect(table).toBeVisible();
    expect(await table.getByRole('columnheader').count()).toBeGreaterThan(2);
  }
});

test('every control has an accessible name', async ({ page }) => {
  await page.goto('./?scenario=nodeport');
  await expect(status(page)).toHaveAttribute('data-state', 'ok');
  const unnamed = await page.evaluate(() => {
    const controls = [...document.querySelectorAll('button, select, textarea, input, a[href], [tabindex="0"]')];
    return controls.filter((el) => {
      const labelledBy = el.getAttribute('aria-labelledby');
      const name = el.getAttribute('aria-label')
        ?? (labelledBy ? labelledBy.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ') : null)
        ?? ((el as HTMLSelectElement).labels?.[0]?.textContent ?? el.textContent);
      return !name || name.trim() === '';
    }).map((el) => el.outerHTML.slice(0, 80));
  });
  expect(unnamed).toEqual([]);
});

test('at 375px wide the page itself does not scroll sideways; wide tables scroll inside a focusable region', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto('./?scenario=loadbalancer');
  await expect(status(page)).toHaveAttribute('data-state', 'ok');
  await page.getByRole('button', { name: 'Send packet' }).click();
  await expect(page.getByLabel('Source IP seen by backend')).toHaveAttribute('data-verdict', /.+/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBe(0);
  const region = page.getByRole('region', { name: 'Services, scrolls sideways' });
  await expect(region).toHaveAttribute('tabindex', '0');
});
