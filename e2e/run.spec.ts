// Several connections in a row: each Send packet after the first opens the next connection
// with the cluster's kernel state carried over, so sessionAffinity sticks and a ClusterIP
// spreads; Reset boots the cluster afresh; the address bar holds the count.

import { test, expect } from './fixtures';
import { button, hops, sourceSeen } from './page-model';
import { defaultProbe, expectedRun } from './trace-expected';

const N = 6;
const delivered = (page: import('@playwright/test').Page) =>
  page.getByRole('list', { name: 'Connections' }).getByRole('listitem').evaluateAll((els) => els.map((e) => e.getAttribute('data-delivered-to')));

test('session-affinity: every connection of a run reaches the same endpoint, as the engine says', async ({ page }) => {
  const run = expectedRun('session-affinity', defaultProbe('session-affinity'), N);
  expect(new Set(run.deliveredTo).size, 'affinity sticks').toBe(1);
  await page.goto('./?scenario=session-affinity');
  for (let i = 1; i <= N; i++) {
    await button(page, 'Send packet').click();
    await expect(page.getByText(`Connection ${i}`, { exact: true })).toBeVisible();
  }
  expect(await delivered(page)).toEqual(run.deliveredTo);
  await expect(page.getByText(`${N} connections reached 1 endpoint`)).toBeVisible();
  await expect(hops(page)).toHaveCount(run.last.lines.length);
  await expect(page).toHaveURL(new RegExp(`connections=${N}`));
});

test('clusterip: connections spread over the endpoints; Reset starts a fresh run; the link reproduces the run', async ({ page, browser, baseURL }) => {
  const probe = defaultProbe('clusterip');
  const run = expectedRun('clusterip', probe, N);
  const spread = new Set(run.deliveredTo).size;
  expect(spread, 'load balancing spreads').toBeGreaterThan(1);
  await page.goto('./?scenario=clusterip');
  for (let i = 0; i < N; i++) await button(page, 'Send packet').click();
  await expect(page.getByText(`Connection ${N}`, { exact: true })).toBeVisible();
  expect(await delivered(page)).toEqual(run.deliveredTo);
  await expect(page.getByText(`${N} connections reached ${spread} endpoints`)).toBeVisible();
  await expect(sourceSeen(page)).toHaveText(run.last.outcome.sourceSeenByDestination ?? '—');
  const link = page.url();

  const fresh = await browser.newContext({ baseURL: baseURL! });
  const again = await fresh.newPage();
  await again.goto(link);
  await expect(again.getByText(`Connection ${N}`, { exact: true })).toBeVisible();
  expect(await delivered(again)).toEqual(run.deliveredTo);
  await fresh.close();

  await button(page, 'Reset').click();
  await expect(page.getByText('No connection sent yet')).toBeVisible();
  await expect(page).not.toHaveURL(/connections=/);
  await button(page, 'Send packet').click();
  await expect(page.getByText('Connection 1', { exact: true })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Connections' })).toHaveCount(0);
});
