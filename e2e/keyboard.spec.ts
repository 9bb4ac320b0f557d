// Keyboard only: a person reaches the picker and the editor with Tab, changes the scenario
// with the arrow keys, and edits without a mouse.

import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { SCENARIO_IDS } from './expected';
import { editor, picker, status } from './page-model';

const focusedName = (page: Page) => page.evaluate(() => {
  const el = document.activeElement as HTMLElement | null;
  if (!el) return '';
  const labelled = el.getAttribute('aria-labelledby');
  const byId = labelled ? document.getElementById(labelled.split(' ')[0]!)?.textContent : null;
  const label = (el as HTMLInputElement).labels?.[0]?.textContent;
  return `${el.tagName.toLowerCase()}:${byId ?? label ?? el.textContent ?? ''}`.trim();
});

async function tabUntil(page: Page, name: string, limit = 40): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const now = await focusedName(page);
    seen.push(now);
    if (now === name) return seen;
  }
  throw new Error(`Tab never reached ${name}; went through: ${seen.join(' | ')}`);
}

test('Tab reaches the picker, arrows change the scenario, Tab reaches the editor', async ({ page }) => {
  await page.goto('./');
  await expect(status(page)).toHaveAttribute('data-state', 'ok');

  const toPicker = await tabUntil(page, 'select:Scenario');
  expect(toPicker[0]).toBe('a:Skip to content');
  await expect(picker(page)).toBeFocused();
  const outline = await picker(page).evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline, 'the focused picker shows a focus ring').not.toBe('none');

  await page.keyboard.press('ArrowDown');
  await expect(picker(page)).toHaveValue(SCENARIO_IDS[1]!);
  await expect(page).toHaveURL(new RegExp(`\\?scenario=${SCENARIO_IDS[1]}$`));

  await tabUntil(page, 'textarea:Scenario YAML');
  await expect(editor(page)).toBeFocused();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n---\nkind: Service\n');
  await expect(status(page)).toHaveAttribute('data-state', 'invalid');

  // Tab leaves the editor rather than being trapped in it.
  await page.keyboard.press('Tab');
  await expect(editor(page)).not.toBeFocused();
});

test('the skip link jumps to the main content', async ({ page }) => {
  await page.goto('./');
  await expect(status(page)).toHaveAttribute('data-state', 'ok');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
});
