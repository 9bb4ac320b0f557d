// Editing the YAML: the cluster follows good text; bad text is reported with its document,
// line and the API server's words, and the last good cluster stays on screen.

import { test, expect } from './fixtures';
import { expectedCluster, expectedErrors, scenario } from './expected';
import { editor, expectClusterShown, picker, status, table } from './page-model';

const nodeport = scenario('nodeport');

test('a field the API server refuses is listed with its line; the last good view stays', async ({ page }) => {
  const broken = nodeport.yaml.replace('nodePort: 30080', 'nodePort: 99999');
  const [refused, ...others] = expectedErrors(broken);
  expect(refused, 'the edit breaks exactly one document').toBeDefined();
  expect(others).toEqual([]);

  await page.goto('./?scenario=nodeport');
  const good = expectedCluster(nodeport.yaml);
  await expectClusterShown(page, good);
  await editor(page).fill(broken);

  await expect(status(page)).toHaveAttribute('data-state', 'invalid');
  await expect(status(page)).toContainText('Showing the last valid cluster');
  const errors = page.getByRole('list', { name: 'Errors' }).getByRole('listitem');
  await expect(errors).toHaveCount(refused!.lines.length);
  await expect(errors.first()).toContainText(`document ${refused!.doc.index}, line ${refused!.doc.line}`);
  await expect(errors.first()).toContainText(refused!.lines[0]!);
  await expect(page.getByRole('main')).toHaveAttribute('data-stale', 'true');
  await expectClusterShown(page, good);
  await expect(table(page, 'Services')).toContainText('80:30080/TCP');

  // The line button takes the caret to the refused document.
  await errors.first().getByRole('button').click();
  await expect(editor(page)).toBeFocused();
  const caretLine = await editor(page).evaluate((el: HTMLTextAreaElement) => el.value.slice(0, el.selectionStart).split('\n').length);
  expect(caretLine).toBe(refused!.doc.line);

  await page.getByRole('button', { name: 'Revert edits' }).click();
  await expect(status(page)).toHaveAttribute('data-state', 'ok');
  await expect(page.getByRole('list', { name: 'Errors' })).toHaveCount(0);
});

test('broken YAML syntax is reported with its line', async ({ page }) => {
  const broken = nodeport.yaml.replace('type: NodePort', 'type: [NodePort');
  const refused = expectedErrors(broken);
  expect(refused.length).toBeGreaterThan(0);

  await page.goto('./?scenario=nodeport');
  await editor(page).fill(broken);
  await expect(status(page)).toHaveAttribute('data-state', 'invalid');
  const list = page.getByRole('list', { name: 'Errors' });
  for (const r of refused) await expect(list).toContainText(`document ${r.doc.index}, line ${r.doc.line}`);
  await expectClusterShown(page, expectedCluster(nodeport.yaml));
});

test('a good edit reloads the cluster', async ({ page }) => {
  const clusterip = scenario('clusterip');
  const edited = clusterip.yaml.replace('replicas: 3', 'replicas: 5');
  expect(edited).not.toBe(clusterip.yaml);

  await page.goto('./');
  await editor(page).fill(edited);
  await expect(status(page)).toHaveAttribute('data-state', 'ok');
  await expectClusterShown(page, expectedCluster(edited));
  await expect(page.getByText('edited', { exact: true })).toBeVisible();
  // Choosing a scenario again discards the edit.
  await picker(page).selectOption('nodeport');
  await picker(page).selectOption('clusterip');
  await expect(editor(page)).toHaveValue(clusterip.yaml);
});

test('an unknown kind is a quiet warning, not an error', async ({ page }) => {
  const withConfigMap = `${scenario('clusterip').yaml}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings }\ndata: { a: b }\n`;
  await page.goto('./');
  await editor(page).fill(withConfigMap);
  await expect(status(page)).toHaveAttribute('data-state', 'ok');
  await expect(page.getByText('1 warning')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Errors' })).toHaveCount(0);
});

test('an edit is in the address: the link reproduces the edited cluster and the trace', async ({ page, browser, baseURL }) => {
  const clusterip = scenario('clusterip');
  const edited = clusterip.yaml.replace('replicas: 3', 'replicas: 5');
  await page.goto('./?scenario=clusterip');
  await editor(page).fill(edited);
  await expect(status(page)).toHaveAttribute('data-state', 'ok');
  await page.getByRole('button', { name: 'Send packet', exact: true }).click();
  await expect(page).toHaveURL(/[?&]yaml=[\w-]+/);
  const link = page.url();
  expect(link.length, 'the text is deflated').toBeLessThan(edited.length);

  const fresh = await browser.newContext({ baseURL: baseURL! });
  const again = await fresh.newPage();
  await again.goto(link);
  await expect(editor(again)).toHaveValue(edited);
  await expectClusterShown(again, expectedCluster(edited));
  await expect(again.getByLabel('Source IP seen by backend')).toHaveText(await page.getByLabel('Source IP seen by backend').textContent() ?? '');
  await expect(again.getByRole('list', { name: 'Hops' }).getByRole('listitem')).toHaveCount(
    await page.getByRole('list', { name: 'Hops' }).getByRole('listitem').count());
  await fresh.close();

  // Reverting drops the text from the address.
  await page.getByRole('button', { name: 'Revert edits' }).click();
  await expect(page).not.toHaveURL(/yaml=/);
});
