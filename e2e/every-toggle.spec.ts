// Every built-in scenario, every what-if toggle, against the engine: pick the scenario, send
// its first packet, step through the trace, then try each radio of externalTrafficPolicy,
// internalTrafficPolicy, sessionAffinity and CNI that is enabled, and check what the page
// shows (source IP seen by the backend, its verdict, the hops, what changed) against the
// engine's trace with the same what-if, computed here. A radio is disabled exactly when the
// toggle does not apply to the destination's Service (or the CNI model cannot carry the pods).

import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { SCENARIO_IDS } from './expected';
import { button, currentHop, hops, picker, radiogroup, sourceSeen, timeline } from './page-model';
import { defaultProbe, expectedTrace, loadedCluster, type ExpectedTrace } from './trace-expected';
import { TOGGLES, TOGGLE_NAMES, effectiveToggle, toggleApplies, type ServiceOverrides } from '../src/ui/trace/what-if';
import { CNI_MODELS, cniBlocker } from '../src/ui/trace/cni';
import { serviceForDestination, serviceKey } from '../src/ui/trace/probe-options';

const DASH = '—';

/** The page shows the engine's answer, the last hop current (animate=0). */
async function expectShown(page: Page, { outcome, lines }: ExpectedTrace): Promise<void> {
  await expect(sourceSeen(page)).toHaveAttribute('data-verdict', outcome.verdict);
  await expect(sourceSeen(page)).toHaveText(outcome.sourceSeenByDestination ?? DASH);
  await expect(hops(page)).toHaveCount(lines.length);
  await expect(currentHop(page)).toContainText(lines.at(-1)!);
}

/** The change line under the source IP: `CHANGE: source IP changed|unchanged, BEFORE before, NOW now`. */
async function expectChange(page: Page, change: string, before: ExpectedTrace, now: ExpectedTrace): Promise<void> {
  const [a, b] = [before.outcome.sourceSeenByDestination ?? DASH, now.outcome.sourceSeenByDestination ?? DASH];
  const line = page.getByText(`${change}: source IP ${a === b ? 'unchanged' : 'changed'}`);
  await expect(line).toContainText(`${a} before`);
  await expect(line).toContainText(`${b} now`);
}

/** Step back through every hop to the first, then forward one: each step makes that hop current. */
async function stepThrough(page: Page, lines: readonly string[]): Promise<void> {
  await expect(hops(page)).toContainText(lines as string[]);
  const back = button(page, 'Step back');
  await back.focus();
  for (let i = lines.length - 2; i >= 0; i--) {
    await page.keyboard.press('Enter');
    await expect(currentHop(page)).toContainText(lines[i]!);
  }
  await expect(back).toBeDisabled();
  await expect(timeline(page)).toHaveValue('0');
  if (lines.length > 1) {
    await button(page, 'Step forward').click();
    await expect(currentHop(page)).toContainText(lines[1]!);
  }
}

for (const id of SCENARIO_IDS) {
  test(`${id}: every toggle re-runs the packet as the engine says`, async ({ page }) => {
    const probe = defaultProbe(id);
    const cluster = loadedCluster(id);
    const svc = serviceForDestination(cluster, probe.to);
    const base = expectedTrace(id, probe);

    await page.goto(`./?scenario=${id}&animate=0`);
    await expect(picker(page)).toHaveValue(id);
    await button(page, 'Send packet').click();
    await expectShown(page, base);
    await test.step('step through', () => stepThrough(page, base.lines));

    for (const name of TOGGLE_NAMES) {
      await test.step(name, async () => {
        const group = radiogroup(page, name);
        const applies = svc !== undefined && toggleApplies(svc, name);
        const own = svc && effectiveToggle(svc, name);
        for (const value of TOGGLES[name]) {
          const radio = group.getByRole('radio', { name: value, exact: true });
          if (!applies) {
            await expect(radio).toBeDisabled();
            await expect(radio).not.toBeChecked();
            continue;
          }
          await expect(radio).toBeEnabled();
          if (value === own) continue;
          const key = serviceKey(svc!);
          const changed = expectedTrace(id, probe, 1, { [key]: { [name]: value } as ServiceOverrides });
          await radio.check();
          await expectShown(page, changed);
          await expectChange(page, `${name}: ${own} → ${value}`, base, changed);
          await expect(page).toHaveURL(new RegExp(`${name}=${value}`));
          // Back to the Service's own value: the loaded cluster's trace again.
          await group.getByRole('radio', { name: own!, exact: true }).check();
          await expectShown(page, base);
          await expect(page).not.toHaveURL(new RegExp(`${name}=`));
        }
      });
    }

    await test.step('CNI', async () => {
      const group = radiogroup(page, 'CNI');
      const own = cluster.spec.cni.model;
      await expect(group.getByRole('radio', { name: own, exact: true })).toBeChecked();
      for (const model of CNI_MODELS) {
        const radio = group.getByRole('radio', { name: model, exact: true });
        if (cniBlocker(cluster, model) !== null) {
          await expect(radio).toBeDisabled();
          continue;
        }
        await expect(radio).toBeEnabled();
        if (model === own) continue;
        const changed = expectedTrace(id, probe, 1, {}, model);
        await radio.check();
        await expectShown(page, changed);
        await expectChange(page, `CNI: ${own} → ${model}`, base, changed);
        await group.getByRole('radio', { name: own, exact: true }).check();
        await expectShown(page, base);
      }
    });
  });
}
