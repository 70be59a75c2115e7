// The browser benchmark (`make bench-web`, not part of `make test`): playwright-core drives Debian's
// Chromium against the built dist/, served with its precompressed files, and prints
//   1. first result visible: the page against a static snapshot of itself, interleaved cold loads;
//   2. per edit, the medians of the page's `vpc:*` performance measures for the worst cases the form accepts:
//      edits of the node count (the node's run kept) and of the pods (a new run);
//   3. keystroke to the next frame while typing a pods count digit by digit, at CPU 1× and 4× (CDP throttling);
//   4. the wasm memory (its linear memory's size, which never shrinks) after the worst case, with and without
//      the alternatives asked for.
// Numbers vary with the machine; the script prints the one it ran on.
import { cpus, tmpdir } from 'node:os';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';

const COLD_LOADS = Number(process.env.COLD_LOADS || 25);
const EDITS = Number(process.env.EDITS || 9);
const TYPINGS = Number(process.env.TYPINGS || 10);
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** The worst cases the form accepts (issue 8), as links. */
const WORST = [
  ['m5.24xlarge PD, ramp to 737 pods (maxPods 250)', 'type=m5.24xlarge&pods=737&mode=pd'],
  ['m5.24xlarge PD, 737 pods, maxPods 11762', 'type=m5.24xlarge&pods=737&mode=pd&max_pods=11762'],
  ['m5.24xlarge secondary IPs, 737 pods then 5', 'type=m5.24xlarge&pods=737&then=5'],
  ['x8i.48xlarge (24 ENIs × 64) PD, 30000 pods, maxPods 30000', 'type=x8i.48xlarge&pods=30000&then=0&mode=pd&max_pods=30000'],
  ['x8i.48xlarge secondary IPs, 30000 pods, maxPods 30000', 'type=x8i.48xlarge&pods=30000&then=0&max_pods=30000'],
  ['5000 nodes in a /16, m5.4xlarge, 110 pods', 'type=m5.4xlarge&pods=110&nodes=5000&subnet=10.0.0.0/16'],
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};
const ms = (x) => `${x.toFixed(2)} ms`;

/** The worst cases for memory (issue 8: under 16 MB), as links: the largest maxPods the form accepts. */
const MEMORY = [
  ['x8i.48xlarge PD, 30000 pods then 0, maxPods 30000', 'type=x8i.48xlarge&pods=30000&then=0&max_pods=30000&mode=pd'],
  ['x8i.48xlarge secondary IPs, 30000 pods then 0, maxPods 30000', 'type=x8i.48xlarge&pods=30000&then=0&max_pods=30000'],
];

/** Keeps the app's wasm memory (the instance's exported `memory`) as `window.__wasmMemory`. */
const WASM_MEMORY = `(() => {
  const keep = (r) => { window.__wasmMemory = (r.instance || r).exports.memory; return r; };
  const streaming = WebAssembly.instantiateStreaming, plain = WebAssembly.instantiate;
  WebAssembly.instantiateStreaming = (...a) => streaming.apply(WebAssembly, a).then(keep);
  WebAssembly.instantiate = (...a) => plain.apply(WebAssembly, a).then(keep);
})()`;

/** Records when the result first shows, at the first animation frame that has it. */
const FIRST_RESULT = `(() => {
  const check = () => {
    if (document.querySelector('[data-testid=ips-held]')) window.__firstResult = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})()`;

/** Collects every vpc:* measure, and the delay from each digit's keydown to the frame after it. */
const PROBES = `(() => {
  window.__measures = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name.startsWith('vpc:')) window.__measures.push({ name: e.name, start: e.startTime, duration: e.duration });
  }).observe({ type: 'measure' });
  window.__keys = [];
  addEventListener('keydown', (e) => {
    if (!/^[0-9]$/.test(e.key)) return;
    const t0 = e.timeStamp;
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => window.__keys.push(performance.now() - t0);
      ch.port2.postMessage(0);
    });
  }, true);
})()`;

async function firstRender(browser, appBase, staticBase) {
  const times = { app: [], static: [] };
  for (let i = 0; i < COLD_LOADS; i++) {
    const order = i % 2 ? ['static', 'app'] : ['app', 'static'];
    for (const kind of order) {
      const context = await browser.newContext();
      await context.addInitScript(FIRST_RESULT);
      const page = await context.newPage();
      await page.goto(kind === 'app' ? `${appBase}/` : `${staticBase}/`);
      await page.waitForFunction(() => window.__firstResult !== undefined, null, { timeout: 30000 });
      times[kind].push(await page.evaluate(() => window.__firstResult));
      await context.close();
    }
  }
  return times;
}

/** A static snapshot of the rendered page: its HTML without scripts, with the same stylesheet. */
async function snapshot(browser, appBase) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${appBase}/`);
  await page.locator('[data-testid=alternatives]').waitFor();
  const html = await page.evaluate(() => {
    document.querySelectorAll('script, link[rel=modulepreload]').forEach((s) => s.remove());
    return '<!doctype html>\n' + document.documentElement.outerHTML;
  });
  await context.close();
  const dir = mkdtempSync(join(tmpdir(), 'vpc-cni-calc-static-'));
  cpSync('dist/www', join(dir, 'www'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), html);
  return dir;
}

/** Edits of one field (`Nodes`: one node more and back; `Pods per node`: one pod fewer and back). */
async function perEdit(browser, appBase, query, label = 'Nodes') {
  const context = await browser.newContext();
  await context.addInitScript(PROBES);
  const page = await context.newPage();
  await page.goto(`${appBase}/?${query}`);
  await page.locator('[data-testid=ips-held]').waitFor({ timeout: 120000 });
  const field = page.getByLabel(label, { exact: true });
  const value = Number(await field.inputValue());
  const other = label === 'Nodes' ? value + 1 : value - 1;
  const sums = [];
  const mains = [];
  const byName = {};
  const started = Date.now();
  let onDemand = false;
  // Inputs that take seconds per edit get at least 3 edits, not the full count.
  for (let i = 0; i < EDITS && (i < 3 || Date.now() - started < 30000); i++) {
    const t = await page.evaluate(() => performance.now());
    await field.fill(String(i % 2 ? value : other));
    // An edit is done once the alternatives for it are worked out (they come after the main result), or,
    // for a trace too long to re-plan unasked, once the result is there and the page offers them on demand.
    // (An edit replaces the old table with a note at once, so a table here is the new one.)
    await page.waitForFunction((t) => window.__measures.some((m) => m.name === 'vpc:plan' && m.start >= t) &&
      document.querySelector('[data-testid=alternatives], [data-testid=ask-alternatives]'), t, { timeout: 120000 });
    const measures = await page.evaluate((t) => window.__measures.filter((m) => m.start >= t), t);
    const perName = {};
    for (const m of measures) perName[m.name] = (perName[m.name] || 0) + m.duration;
    for (const [name, d] of Object.entries(perName)) (byName[name] ||= []).push(d);
    sums.push(Object.values(perName).reduce((a, b) => a + b, 0));
    mains.push(sums.at(-1) - (perName['vpc:advise'] || 0));
    if (!perName['vpc:advise']) onDemand = true;
  }
  const memory = await page.evaluate(() => performance.memory?.usedJSHeapSize);
  await context.close();
  return { sum: median(sums), main: median(mains), edits: sums.length, onDemand, byName: Object.fromEntries(Object.entries(byName).map(([k, v]) => [k, median(v)])), memory };
}

/** Wasm memory in MB once the result is there, then once the alternatives are worked out too. */
async function memory(browser, appBase, query) {
  const context = await browser.newContext();
  await context.addInitScript(WASM_MEMORY);
  const page = await context.newPage();
  await page.goto(`${appBase}/?${query}`);
  await page.locator('[data-testid=ips-held]').waitFor({ timeout: 120000 });
  const mb = () => page.evaluate(() => window.__wasmMemory.buffer.byteLength / 2 ** 20);
  const result = await mb();
  const ask = page.locator('[data-testid=ask-alternatives]');
  if (await ask.count()) await ask.click();
  await page.locator('[data-testid=alternatives]').waitFor({ timeout: 120000 });
  const alternatives = await mb();
  await context.close();
  return { result, alternatives };
}

async function typing(browser, appBase, throttle) {
  const context = await browser.newContext();
  await context.addInitScript(PROBES);
  const page = await context.newPage();
  await page.goto(`${appBase}/?type=m5.24xlarge&pods=5&then=5`);
  // Typing starts once the page has settled (its alternatives shown), as a reader's does.
  await page.locator('[data-testid=alternatives]').waitFor();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  const pods = page.getByLabel('Pods per node', { exact: true });
  for (let i = 0; i < TYPINGS; i++) {
    await pods.selectText();
    await pods.pressSequentially('737', { delay: 120 });
    await page.waitForTimeout(600);
  }
  const keys = await page.evaluate(() => window.__keys);
  await context.close();
  return keys;
}

const app = await serve('dist', 0);
const appBase = `http://127.0.0.1:${app.address().port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ARGS, headless: true });
const cpu = cpus();
console.log(`machine: ${cpu.length} × ${cpu[0]?.model}; Chromium ${browser.version()} headless; dist/ served with brotli`);

// ONLY=typing (or render, edits, memory) runs one part.
const only = process.env.ONLY || '';
if (!only || only === 'render') {
const dir = await snapshot(browser, appBase);
const stat = await serve(dir, 0);
const times = await firstRender(browser, appBase, `http://127.0.0.1:${stat.address().port}`);
stat.close();
rmSync(dir, { recursive: true, force: true });
const [a, s] = [median(times.app), median(times.static)];
console.log(`\nfirst result visible (${COLD_LOADS} interleaved cold loads each): page ${ms(a)}, static snapshot ${ms(s)}, ratio ${(a / s).toFixed(2)}× (goal ≤ 1.3×)`);
}

if (!only || only === 'edits') {
for (const label of ['Nodes', 'Pods per node']) {
const goal = label === 'Nodes' ? 'goal: sum ≤ 2 ms' : 'a new run of the node; goal: sum ≤ 2 ms, and no input over 100 ms';
console.log(`\nper edit of "${label}" (medians; every vpc:* measure the edit triggers, ${goal};`);
console.log(`"before the alternatives" is what runs before the result is on screen, vpc:advise runs after it, one fix per task):`);
for (const [name, query] of WORST) {
  const r = await perEdit(browser, appBase, query, label);
  const parts = Object.entries(r.byName).sort().map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ');
  const alternatives = r.onDemand ? '; alternatives on demand (long trace)' : '';
  console.log(`  ${name}: sum ${ms(r.sum)}; before the alternatives ${ms(r.main)}${alternatives} (${r.edits} edits: ${parts})`);
}
}
}

if (!only || only === 'typing') {
for (const throttle of [1, 4]) {
  const keys = await typing(browser, appBase, throttle);
  console.log(`\nkeystroke to next frame, typing 737 into pods (m5.24xlarge, secondary IPs, then 5), CPU ${throttle}×: ` +
    `${keys.length} keystrokes after the page settled, median ${ms(median(keys))}, p95 ${ms(quantile(keys, 0.95))}, max ${ms(Math.max(...keys))}` +
    (throttle === 1 ? ' (goal p95 ≤ 50 ms)' : ' (goal max ≤ 200 ms)'));
  if (process.env.VERBOSE) console.log(keys.map((k) => k.toFixed(0)).join(' '));
}
}

if (!only || only === 'memory') {
console.log('\nwasm memory after the worst cases (the linear memory only grows; goal < 16 MB):');
for (const [name, query] of MEMORY) {
  const m = await memory(browser, appBase, query);
  console.log(`  ${name}: ${m.result.toFixed(1)} MB with the result, ${m.alternatives.toFixed(1)} MB with the alternatives too`);
}
}

await browser.close();
app.close();
