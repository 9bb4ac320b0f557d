// The visualizer's benchmark (issue 6): frame times in headless Chromium while a sent packet
// animates, on a built-in scenario and on a generated 50-node, 500-pod cluster loaded through
// the YAML editor; how many of that cluster's node boxes a step to the next hop re-renders;
// and the size of the JavaScript loaded on first view (raw and gzipped).
// Needs a built dist/ (`npm run build`) and Debian's /usr/bin/chromium. Figures, not pass/fail.
//
//   npx tsx bench/ui-frames.ts            (KUBEHOPS_CHROMIUM overrides the browser path)

import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { startStaticSite } from '../e2e/static-server';

const DIST = fileURLToPath(new URL('../dist', import.meta.url));
const SECONDS = 12;

/** 50 nodes in 3 zones; 5 namespaces x 2 Deployments x 49-50 replicas = 500 pods with the client; a Service each. */
export function bigClusterYaml(nodes = 50, pods = 500): string {
  const docs: string[] = [];
  for (let i = 0; i < nodes; i++) {
    docs.push(`apiVersion: v1\nkind: Node\nmetadata: { name: node-${String(i).padStart(2, '0')}, labels: { topology.kubernetes.io/zone: zone-${'abc'[i % 3]} } }\nstatus: { addresses: [{ type: InternalIP, address: 10.0.${Math.floor(i / 200)}.${10 + (i % 200)} }] }`);
  }
  const namespaces = ['default', 'shop', 'payments', 'search', 'media'];
  docs.push(...namespaces.filter((n) => n !== 'default').map((n) => `apiVersion: v1\nkind: Namespace\nmetadata: { name: ${n} }`));
  docs.push('apiVersion: v1\nkind: Pod\nmetadata: { name: client, namespace: default }\nspec: { containers: [{ name: c, image: curl }] }');
  const apps = namespaces.flatMap((ns) => [`${ns === 'default' ? 'web' : `${ns}-api`}`, `${ns}-worker`].map((name) => ({ ns, name })));
  const per = Math.floor((pods - 1) / apps.length);
  apps.forEach(({ ns, name }, i) => {
    const replicas = i === 0 ? pods - 1 - per * (apps.length - 1) : per;
    docs.push(`apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: ${name}, namespace: ${ns} }\nspec:\n  replicas: ${replicas}\n  selector: { matchLabels: { app: ${name} } }\n  template:\n    metadata: { labels: { app: ${name} } }\n    spec: { containers: [{ name: app, image: nginx, ports: [{ containerPort: 8080 }] }] }`);
    docs.push(`apiVersion: v1\nkind: Service\nmetadata: { name: ${name}, namespace: ${ns} }\nspec:\n  selector: { app: ${name} }\n  ports: [{ port: 80, targetPort: 8080 }]`);
  });
  return `${docs.join('\n---\n')}\n`;
}

/**
 * Counts, per React commit, the topology's node boxes that re-rendered: a stand-in for React
 * DevTools' hook (React reports every commit to it, production builds too), installed before
 * the page's scripts. A node box re-rendered when its `<g class="topo__node">` got a new props
 * object. Off until `window.__countRenders` is set: walking the tree costs frame time.
 */
const RENDER_HOOK = `
  window.__renders = { commits: 0, nodeBoxes: 0 };
  const seen = new WeakMap();
  const walk = (root) => {
    const stack = [root];
    while (stack.length) {
      const f = stack.pop();
      const el = f.stateNode;
      if (el instanceof Element && el.classList.contains('topo__node')) {
        if (seen.has(el) && seen.get(el) !== f.memoizedProps) window.__renders.nodeBoxes++;
        seen.set(el, f.memoizedProps);
      }
      if (f.sibling) stack.push(f.sibling);
      if (f.child) stack.push(f.child);
    }
  };
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true, renderers: new Map(), inject: () => 1, checkDCE: () => {},
    onScheduleFiberRoot: () => {}, onCommitFiberUnmount: () => {}, onPostCommitFiberRoot: () => {},
    onCommitFiberRoot: (id, root) => {
      if (!window.__countRenders) return;
      window.__renders.commits++;
      walk(root.current);
    },
  };
`;

interface Steps { steps: number; commits: number; nodeBoxes: number; meanMs: number; maxMs: number }

/** Clicks Step forward from the first hop to the last; each click's script time: the click to the task after React's commit. */
const STEP_THROUGH = (steps: number) => `(async () => {
  const forward = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Step forward');
  const times = [];
  for (let i = 0; i < ${steps}; i++) {
    const t0 = performance.now();
    forward.click();
    await new Promise((r) => setTimeout(r, 0));
    times.push(performance.now() - t0);
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  }
  return times;
})()`;

/**
 * Pauses and steps through every hop twice from the first: once timed (what a step costs in
 * script), once counting the node boxes each step re-renders.
 */
async function stepThrough(page: Page, steps: number): Promise<Steps> {
  await page.getByRole('button', { name: 'Pause', exact: true }).click({ timeout: 1000 }).catch(() => undefined);
  const timeline = page.getByRole('slider', { name: 'Timeline' });
  await timeline.fill('0');
  const times = await page.evaluate(STEP_THROUGH(steps)) as number[];
  await timeline.fill('0');
  await page.evaluate('window.__renders.commits = 0; window.__renders.nodeBoxes = 0; window.__countRenders = true;');
  await page.evaluate(STEP_THROUGH(steps));
  const r = await page.evaluate('(window.__countRenders = false, window.__renders)') as { commits: number; nodeBoxes: number };
  return { steps, ...r, meanMs: times.reduce((a, b) => a + b, 0) / steps, maxMs: Math.max(...times) };
}

interface Frames { frames: number; meanMs: number; p50Ms: number; p95Ms: number; p99Ms: number; maxMs: number; over50: number; hops: number }

/** Records requestAnimationFrame intervals for `seconds` after clicking Send packet. */
async function animateAndMeasure(page: Page, seconds: number): Promise<Frames> {
  // A string, not a function: tsx would wrap a function's inner closures in its own helpers.
  await page.evaluate(`
    window.__frames = [];
    let last = performance.now();
    const loop = (now) => { window.__frames.push(now - last); last = now; requestAnimationFrame(loop); };
    requestAnimationFrame(loop);
  `);
  await page.getByRole('button', { name: 'Send packet', exact: true }).click();
  await page.waitForTimeout(seconds * 1000);
  const d = (await page.evaluate('window.__frames') as number[]).slice(2).sort((a, b) => a - b);
  const q = (p: number) => d[Math.min(d.length - 1, Math.floor(p * d.length))]!;
  const hops = await page.getByRole('list', { name: 'Hops' }).getByRole('listitem').count();
  return {
    frames: d.length, meanMs: d.reduce((a, b) => a + b, 0) / d.length, p50Ms: q(0.5), p95Ms: q(0.95), p99Ms: q(0.99), maxMs: d.at(-1)!,
    over50: d.filter((x) => x > 50).length, hops,
  };
}

async function main(): Promise<void> {
  const site = await startStaticSite(DIST);
  const browser = await chromium.launch({
    executablePath: process.env.KUBEHOPS_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'no-preference' });
    await context.addInitScript(RENDER_HOOK);
    const page = await context.newPage();
    const js: { url: string; raw: number; gzip: number }[] = [];
    page.on('response', async (r) => {
      if (!r.url().endsWith('.js')) return;
      const body = await r.body();
      js.push({ url: r.url().replace(site.url, ''), raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
    });
    await page.goto(`${site.url}?scenario=clusterip`);
    await page.getByRole('status').filter({ hasText: 'loaded' }).waitFor();
    const builtIn = await animateAndMeasure(page, SECONDS);

    const big = await context.newPage();
    await big.goto(`${site.url}?scenario=clusterip`);
    const yaml = bigClusterYaml();
    const t0 = Date.now();
    await big.getByRole('textbox', { name: 'Scenario YAML' }).fill(yaml);
    await big.locator('#yaml-status[data-state="ok"]').waitFor({ timeout: 60_000 });
    const loadMs = Date.now() - t0;
    const nodes = await big.locator('.topo__node').count();
    const bigFrames = await animateAndMeasure(big, SECONDS);
    const steps = await stepThrough(big, bigFrames.hops - 1);

    const fmt = (f: Frames) => `${f.frames} | ${f.meanMs.toFixed(1)} | ${f.p50Ms.toFixed(1)} | ${f.p95Ms.toFixed(1)} | ${f.p99Ms.toFixed(1)} | ${f.maxMs.toFixed(1)} | ${f.over50} | ${f.hops}`;
    console.log(`Chromium ${browser.version()}, 1280x800, animation at 1x for ${SECONDS} s after Send packet\n`);
    console.log('| cluster | frames | mean ms | p50 ms | p95 ms | p99 ms | max ms | frames > 50 ms | hops |');
    console.log('|---|---|---|---|---|---|---|---|---|');
    console.log(`| clusterip (2 nodes, 4 pods) | ${fmt(builtIn)} |`);
    console.log(`| generated: ${nodes} nodes, 500 pods, 10 Services (YAML ${(yaml.length / 1024).toFixed(1)} kB, loaded in ${loadMs} ms) | ${fmt(bigFrames)} |`);
    console.log(`\nStepping through the ${steps.steps + 1} hops on the ${nodes}-node cluster (Step forward, paused): a step costs`
      + ` ${steps.meanMs.toFixed(1)} ms of script on average, ${steps.maxMs.toFixed(1)} ms at most;`
      + ` ${steps.nodeBoxes} node boxes re-rendered in ${steps.steps} steps (${(steps.nodeBoxes / steps.steps).toFixed(1)} a step, ${steps.commits} React commits)`);
    console.log('\nJavaScript loaded on first view:\n');
    for (const f of js) console.log(`- ${f.url}: ${(f.raw / 1024).toFixed(1)} kB, ${(f.gzip / 1024).toFixed(1)} kB gzipped (gzip -9)`);
    console.log(`- total: ${(js.reduce((a, f) => a + f.raw, 0) / 1024).toFixed(1)} kB, ${(js.reduce((a, f) => a + f.gzip, 0) / 1024).toFixed(1)} kB gzipped`);
  } finally {
    await browser.close();
    await site.close();
  }
}

await main();
