// Every built-in scenario is reachable by URL and by the picker, and shows the cluster the
// engine computes for it.

import { test, expect } from './fixtures';
import { SCENARIO_IDS, expectedCluster, scenario } from './expected';
import { editor, expectClusterShown, picker, status } from './page-model';

test('the picker lists every built-in scenario by title, in order', async ({ page }) => {
  await page.goto('./');
  await expect(picker(page).getByRole('option')).toHaveText(SCENARIO_IDS.map((id) => scenario(id).title));
  await expect(picker(page)).toHaveValue('clusterip');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(scenario('clusterip').title);
});

for (const id of SCENARIO_IDS) {
  test(`${id}: loads from ?scenario=${id}`, async ({ page }) => {
    const info = scenario(id);
    await page.goto(`./?scenario=${id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(info.title);
    await expect(page.getByText(info.story, { exact: true })).toBeVisible();
    await expect(picker(page)).toHaveValue(id);
    await expect(editor(page)).toHaveValue(info.yaml);
    await expect(status(page)).toHaveAttribute('data-state', 'ok');
    await expectClusterShown(page, expectedCluster(info.yaml));
  });

  test(`${id}: loads from the picker and names itself in the address bar`, async ({ page }) => {
    const info = scenario(id);
    const from = SCENARIO_IDS.find((other) => other !== id)!;
    await page.goto(`./?scenario=${from}`);
    await expect(picker(page)).toHaveValue(from);
    await picker(page).selectOption({ label: info.title });
    await expect(page).toHaveURL(new RegExp(`/kubehops/\\?scenario=${id}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(info.title);
    await expect(editor(page)).toHaveValue(info.yaml);
    await expectClusterShown(page, expectedCluster(info.yaml));
  });
}

test('an unknown scenario in the address falls back to the default and says so in the URL', async ({ page }) => {
  await page.goto('./?scenario=no-such-thing');
  await expect(picker(page)).toHaveValue('clusterip');
  await expect(page).toHaveURL(/\?scenario=clusterip$/);
});

test('no request leaves the site, whatever a person does', async ({ page, pageLog }) => {
  await page.goto('./');
  for (const id of SCENARIO_IDS) await picker(page).selectOption(id);
  await editor(page).fill('apiVersion: v1\nkind: Service\nmetadata: { name: x }\nspec: { ports: [{ port: 0 }] }\n');
  await expect(status(page)).toHaveAttribute('data-state', 'invalid');
  // The edit is in the address, so a reload brings it back (still refused).
  await expect(page).toHaveURL(/yaml=/);
  await page.reload();
  await expect(status(page)).toHaveAttribute('data-state', 'invalid');
  // The recorder saw the site's own files, so an empty stray list means something.
  expect(pageLog.local.some((u) => u.endsWith('.js'))).toBe(true);
  expect(pageLog.strays).toEqual([]);
});
