// Embed mode (`?embed=1`, for an iframe): only the view and its controls, no header,
// tables or editor; it works inside an iframe of another page, from the site's sub-path.

import { test, expect } from './fixtures';
import { button, sourceSeen } from './page-model';
import { defaultProbe, expectedTrace } from './trace-expected';

test('embed=1 shows the view and the controls only, and they work', async ({ page }) => {
  const { outcome } = expectedTrace('nodeport', defaultProbe('nodeport'));
  await page.setViewportSize({ width: 640, height: 480 });
  await page.goto('./?scenario=nodeport&embed=1');
  await expect(page.getByRole('banner')).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Scenario YAML' })).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Services' })).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Rules' })).toHaveCount(0);
  await button(page, 'Send packet').click();
  await expect(sourceSeen(page)).toHaveText(outcome.sourceSeenByDestination ?? '—');
  await expect(page).toHaveURL(/embed=1/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBe(0);
  const full = page.getByRole('link', { name: 'Open in kubehops' });
  await full.focus();
  await expect(full).toHaveAttribute('href', /scenario=nodeport/);
  await expect(full).not.toHaveAttribute('href', /embed=/);
});

test('embedded in an iframe of another page under the same site', async ({ page, baseURL }) => {
  await page.route(`${baseURL}course.html`, (route) => route.fulfill({
    contentType: 'text/html',
    body: '<!doctype html><title>Course</title><h1>Lesson</h1><iframe title="kubehops" src="./?scenario=clusterip&embed=1&animate=0" width="700" height="600"></iframe>',
  }));
  await page.goto('./course.html');
  const frame = page.frameLocator('iframe[title="kubehops"]');
  await frame.getByRole('button', { name: 'Send packet', exact: true }).click();
  await expect(frame.getByLabel('Source IP seen by backend')).toHaveAttribute('data-verdict', 'delivered');
});
