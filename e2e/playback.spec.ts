// Time control: keyboard-only sending and stepping, the shortcuts (which never fire while a
// form control has focus), playing with animation, and the permalink round trip.

import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { button, currentHop, fromBox, hops, radiogroup, sourceSeen, timeline, toBox } from './page-model';
import { defaultProbe, expectedTrace } from './trace-expected';

async function tabTo(page: Page, target: Locator, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error('Tab never reached the control');
}

const cursor = (page: Page) => timeline(page).inputValue().then(Number);

test('keyboard only: send a packet and step through it', async ({ page }) => {
  const { lines, outcome } = expectedTrace('nodeport', defaultProbe('nodeport'));
  await page.goto('./?scenario=nodeport');
  await tabTo(page, button(page, 'Send packet'));
  await page.keyboard.press('Enter');
  await expect(sourceSeen(page)).toHaveAttribute('data-verdict', outcome.verdict);
  const last = lines.length - 1;
  expect(await cursor(page)).toBe(last);

  // Space on a focused button presses it (and does not play).
  await tabTo(page, button(page, 'Step back'));
  await page.keyboard.press('Space');
  await expect(currentHop(page)).toContainText(lines[last - 1]!);
  await page.keyboard.press('Enter');
  await expect(currentHop(page)).toContainText(lines[last - 2]!);
  // Arrows on a focused button are not shortcuts.
  await page.keyboard.press('ArrowLeft');
  await expect(timeline(page)).toHaveValue(String(last - 2));

  // The slider scrubs with its own keys.
  await tabTo(page, timeline(page));
  await page.keyboard.press('Home');
  await expect(currentHop(page)).toContainText(lines[0]!);
  await page.keyboard.press('ArrowRight');
  await expect(currentHop(page)).toContainText(lines[1]!);
  // Step forward sits just before the slider.
  await page.keyboard.press('Shift+Tab');
  await expect(button(page, 'Step forward')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(currentHop(page)).toContainText(lines[2]!);
});

test('shortcuts: arrows step and Space plays and pauses when no control has focus', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  const { lines } = expectedTrace('clusterip', defaultProbe('clusterip'));
  await page.goto('./?scenario=clusterip');
  await button(page, 'Send packet').click();
  await button(page, 'Pause').click();
  // A click on plain text leaves no control focused.
  await page.getByRole('heading', { level: 1 }).click();
  const at = await cursor(page);
  await page.keyboard.press('ArrowRight');
  await expect(currentHop(page)).toContainText(lines[at + 1]!);
  await page.keyboard.press('ArrowLeft');
  await expect(currentHop(page)).toContainText(lines[at]!);
  await page.keyboard.press('Space');
  await expect(page.locator('.time')).toHaveAttribute('data-playing', 'true');
  await expect.poll(() => cursor(page)).toBeGreaterThan(at);
  await page.keyboard.press('Space');
  await expect(page.locator('.time')).toHaveAttribute('data-playing', 'false');
  const paused = await cursor(page);
  await page.waitForTimeout(700);
  expect(await cursor(page)).toBe(paused);
  // Shortcuts stay out of form controls: Space in the To box does not play.
  await toBox(page).focus();
  await page.keyboard.press('Space');
  await expect(page.locator('.time')).toHaveAttribute('data-playing', 'false');
});

test('with motion allowed a sent packet plays from the first hop; animate=0 shows it complete', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  const { lines } = expectedTrace('hairpin', defaultProbe('hairpin'));
  await page.goto('./?scenario=hairpin');
  await button(page, 'Send packet').click();
  await expect(page.locator('.time')).toHaveAttribute('data-playing', 'true');
  await expect.poll(() => cursor(page)).toBeGreaterThan(0);
  await button(page, 'Pause').click();

  await page.goto('./?scenario=hairpin&animate=0');
  await button(page, 'Send packet').click();
  await expect(page.locator('.time')).toHaveAttribute('data-playing', 'false');
  await expect(timeline(page)).toHaveValue(String(lines.length - 1));
  await expect(page).toHaveURL(/animate=0/);
});

test('permalink: a fresh browser opening the address sees the same trace at the same hop', async ({ page, browser, baseURL }) => {
  const probe = defaultProbe('nodeport');
  const other = { from: probe.from, to: probe.to };
  const local = expectedTrace('nodeport', other, 7, { 'default/web': { externalTrafficPolicy: 'Local' } });
  await page.goto('./?scenario=nodeport');
  await page.getByRole('spinbutton', { name: 'Seed' }).fill('7');
  await radiogroup(page, 'externalTrafficPolicy').getByRole('radio', { name: 'Local' }).check();
  await button(page, 'Send packet').click();
  await button(page, 'Step back').click();
  await button(page, 'Step back').click();
  const step = local.lines.length - 3;
  await expect(page).toHaveURL(new RegExp(`step=${step}`));
  const link = page.url();

  const fresh = await browser.newContext({ baseURL: baseURL!, reducedMotion: 'no-preference' });
  const again = await fresh.newPage();
  await again.goto(link);
  await expect(fromBox(again)).toHaveValue(other.from);
  await expect(toBox(again)).toHaveValue(other.to);
  await expect(again.getByRole('spinbutton', { name: 'Seed' })).toHaveValue('7');
  await expect(radiogroup(again, 'externalTrafficPolicy').getByRole('radio', { name: 'Local' })).toBeChecked();
  await expect(sourceSeen(again)).toHaveText(local.outcome.sourceSeenByDestination ?? '—');
  await expect(hops(again)).toHaveText(local.lines);
  await expect(currentHop(again)).toContainText(local.lines[step]!);
  await expect(again).toHaveURL(link);
  await fresh.close();
});
