// How a person finds things on the page: by role and accessible name.

import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';
import type { ExpectedCluster } from './expected';

export const picker = (page: Page) => page.getByRole('combobox', { name: 'Scenario' });
export const editor = (page: Page) => page.getByRole('textbox', { name: 'Scenario YAML' });
export const table = (page: Page, name: string) => page.getByRole('table', { name });
export const status = (page: Page) => page.getByRole('status');

/** The body row whose header cell is exactly `name`. */
export const rowOf = (t: Locator, name: string) =>
  t.getByRole('row').filter({ has: t.page().getByRole('rowheader', { name, exact: true }) });

export async function expectClusterShown(page: Page, expected: ExpectedCluster): Promise<void> {
  const services = table(page, 'Services');
  await expect(services.getByRole('rowheader')).toHaveCount(expected.services.length);
  for (const s of expected.services) await expect(rowOf(services, s.name)).toContainText(s.clusterIP);
  const pods = table(page, 'Pods');
  await expect(pods.getByRole('rowheader')).toHaveCount(expected.pods.length);
  for (const p of expected.pods) {
    const row = rowOf(pods, p.name);
    await expect(row).toContainText(p.ip);
    await expect(row).toContainText(p.node);
  }
  await expect(table(page, 'Nodes').getByRole('rowheader')).toHaveText(expected.nodes.map((n) => n.name));
}

// The visualizer.
export const fromBox = (page: Page) => page.getByRole('combobox', { name: 'From' });
export const toBox = (page: Page) => page.getByRole('combobox', { name: 'To' });
export const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
export const sourceSeen = (page: Page) => page.getByLabel('Source IP seen by backend');
export const hops = (page: Page) => page.getByRole('list', { name: 'Hops' }).getByRole('listitem');
export const currentHop = (page: Page) => page.getByRole('list', { name: 'Hops' }).locator('[aria-current="step"]');
export const timeline = (page: Page) => page.getByRole('slider', { name: 'Timeline' });
export const radiogroup = (page: Page, name: string) => page.getByRole('radiogroup', { name });
