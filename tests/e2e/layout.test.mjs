// Issue 10's page points: the answer first, first visit, keyboard and touch, sharing, before and after,
// the timeline, print. Run by `make test-e2e` (after `make dist`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, SEED } from './harness.mjs';

const env = harness();
const open = (path, options) => env.open(path, options);

// m5.xlarge: 4 ENIs × 15 IPv4, so 14 secondaries an ENI. No pods: one ENI, 1 + 14 = 15 a node (the
// primary ENI's 14 free IPs already meet WARM_ENI_TARGET=1). 20 × 15 = 300 > 251 usable in a /24;
// 16 × 15 = 240 fit, node 17 does not; a /23 holds 507 (tests/it/verdict.rs).
const TIGHT = '/?type=m5.xlarge&pods=0&nodes=20&subnet=10.0.0.0/24';
// The page with a subnet is a one-group cluster ("group-1"), so the cluster's verdict leads: 20 nodes × 15
// addresses at peak = 300 > 251 usable; 16 × 15 = 240 fits, node 17 does not; a /23's 507 holds 300.
// With the best IPv4 fix, as `cluster --advise` ends its first line: WARM_IP_TARGET=2 keeps 2 spare IPs and no
// pod runs, so 2 + the ENI's primary = 3 per node; 20 × 3 = 60 ≤ 251 fits.
const TIGHT_VERDICT = 'Does not fit: 10.0.0.0/24 (a) needs 300 addresses at desired beside 0 used, 251 usable; group-1 node 17 fails. Smallest fit: /23. Best IPv4 fix: WARM_IP_TARGET=2 MINIMUM_IP_TARGET=0 (3 per node at peak) fits.';

/** Whether the whole of `locator` lies within the first screen of `page` (scrolled to the top). */
async function onFirstScreen(locator, height) {
  const box = await locator.boundingBox();
  return box !== null && box.y >= 0 && box.y + box.height <= height;
}

test('issue 10: the verdict is on the first screen at 1366×900 and at 360 px', async () => {
  for (const viewport of [{ width: 1366, height: 900 }, { width: 360, height: 740 }]) {
    const { context, page } = await open(TIGHT, { viewport });
    const verdict = page.locator('[data-testid=verdict]');
    assert.equal(await verdict.textContent(), TIGHT_VERDICT);
    assert.ok(await onFirstScreen(verdict, viewport.height), `verdict below the fold at ${viewport.width} px`);
    assert.match(await verdict.getAttribute('class'), /\bbad\b/);
    // The results sit beside the inputs on a wide screen and above them on a narrow one, where a link
    // leads back to the form.
    const results = await page.locator('#results').boundingBox();
    const inputs = await page.locator('#inputs').boundingBox();
    const narrow = viewport.width < 800;
    if (narrow) assert.ok(results.y < inputs.y, 'results above the inputs');
    else assert.ok(results.x > inputs.x + inputs.width && Math.abs(results.y - inputs.y) < 5, 'results beside the inputs');
    assert.equal(await page.getByRole('link', { name: 'Edit inputs' }).isVisible(), narrow);
    await context.close();
  }
});

test('issue 10: in a 760-px wiki column the embed opens with the verdict, reports its height, links the full page', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  env.watch(page, 'host');
  await page.route(`${env.base}/wiki.html`, (r) => r.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><title>wiki</title><h1>Team wiki</h1>
      <iframe id="calc" title="vpc-cni-calc" src="${TIGHT}&embed=1" width="760" height="400"></iframe>`,
  }));
  // The host listens as README's lines do, before the frame loads.
  await page.addInitScript(() => {
    window.heights = [];
    addEventListener('message', (e) => {
      if (e.data && e.data.type === 'vpc-cni-calc:height') window.heights.push(e.data.height);
    });
  });
  await page.goto(`${env.base}/wiki.html`);
  const frame = page.frameLocator('#calc');
  const verdict = frame.locator('[data-testid=verdict]');
  await verdict.waitFor();
  assert.equal(await verdict.textContent(), TIGHT_VERDICT);
  const box = await verdict.boundingBox();
  const frameBox = await page.locator('#calc').boundingBox();
  assert.ok(box.y + box.height <= frameBox.y + frameBox.height, 'the verdict shows in the 400-px frame without scrolling');
  // The height posted is the app's own, far taller than the 400-px frame.
  await page.waitForFunction(() => window.heights.length > 0 && window.heights.at(-1) > 400);
  const posted = await page.evaluate(() => window.heights.at(-1));
  const real = await page.frame({ url: /embed=1/ }).evaluate(() => Math.ceil(document.getElementById('vpc-cni-calc').getBoundingClientRect().height));
  assert.equal(posted, real);
  // Opening a section changes the height, and the host hears of it.
  const before = await page.evaluate(() => window.heights.length);
  await frame.locator('.inputs-panel > summary').click();
  await page.waitForFunction((n) => window.heights.length > n, before);
  // "Open full page": the same inputs without embed, in a new tab.
  const full = frame.getByRole('link', { name: 'Open full page' });
  assert.equal(await full.getAttribute('target'), '_blank');
  assert.match(await full.getAttribute('rel'), /noopener/);
  const href = await full.getAttribute('href');
  assert.ok(!href.includes('embed'), href);
  assert.match(href, /type=m5.xlarge/);
  await context.close();
});

test('issue 10: a first visit starts from the shipped settings; the example is one click away; reset is always there', async () => {
  const { context, page } = await open('/');
  // m5.large: 3 ENIs × 10 IPv4, so 9 secondaries an ENI. 5 pods on the shipped WARM_ENI_TARGET=1 leave 4
  // of the primary ENI's 9 free, under one ENI's worth: a second ENI comes, 2 × 9 = 18 IPs held.
  assert.equal(await page.getByLabel('WARM_IP_TARGET', { exact: true }).inputValue(), '');
  assert.equal(await page.locator('[data-testid=ips-held]').textContent(), '18');
  assert.ok(!page.url().includes('WARM_IP_TARGET'), page.url());
  await page.getByRole('button', { name: 'Try the example: WARM_IP_TARGET=2' }).click();
  await page.locator('[data-testid=ips-held]', { hasText: /^7$/ }).waitFor();
  // A link with the example's settings keeps them; "Reset to shipped settings" drops them, not the workload.
  const seeded = await open(SEED);
  assert.equal(await seeded.page.getByLabel('WARM_IP_TARGET', { exact: true }).inputValue(), '2');
  await seeded.page.getByRole('button', { name: 'Reset to shipped settings' }).click();
  await seeded.page.locator('[data-testid=ips-held]', { hasText: /^18$/ }).waitFor();
  assert.equal(await seeded.page.getByLabel('WARM_IP_TARGET', { exact: true }).inputValue(), '');
  assert.equal(await seeded.page.getByLabel('Pods per node', { exact: true }).inputValue(), '5');
  await seeded.context.close();
  await context.close();
});

test('issue 10: a skip link leads to the results, and arrow keys move focus along the snippet tabs', async () => {
  const { context, page } = await open(SEED);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to results');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement.id === 'results');
  const tabs = page.getByRole('tab');
  await tabs.first().click();
  // Focus and selection move together: the focused tab is the selected one, and it is the one asked for.
  const focusedAndSelected = (i) => page.waitForFunction((i) => {
    const all = [...document.querySelectorAll('[role=tab]')];
    const at = i < 0 ? all.length - 1 : i;
    return document.activeElement === all[at] && all[at].getAttribute('aria-selected') === 'true' && all[at].tabIndex === 0;
  }, i);
  await page.keyboard.press('ArrowRight');
  await focusedAndSelected(1);
  await page.keyboard.press('End');
  await focusedAndSelected(-1);
  await page.keyboard.press('ArrowRight');
  await focusedAndSelected(0);
  await page.keyboard.press('ArrowLeft');
  // The open tab is in the link and comes back with it.
  const name = await tabs.last().textContent();
  await page.waitForFunction((n) => new URLSearchParams(location.search).get('tab') === n, name);
  const again = await open(page.url().slice(env.base.length));
  assert.equal(await again.page.getByRole('tab', { name }).getAttribute('aria-selected'), 'true');
  await again.context.close();
  await context.close();
});

test('issue 10: at 360 px every control is at least 44 px, and the alternatives show every column', async () => {
  const { context, page } = await open('/?type=m5.xlarge&pods=10&nodes=40&subnet=10.0.0.0/24', { viewport: { width: 360, height: 740 } });
  await page.locator('[data-testid=alternatives]').waitFor();
  const small = await page.evaluate(() => {
    const targets = [...document.querySelectorAll(
      '.app button, .app select, .app input[type=text], .app input[type=range], .app a.button, .app summary, .app label.radio, .app .field.check label',
    )];
    return targets
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => [el, el.getBoundingClientRect()])
      .filter(([el, r]) => r.height < 44 || (el.matches('button, a.button') && r.width < 44))
      .map(([el, r]) => `${el.tagName} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
  });
  assert.deepEqual(small, []);
  // Stacked rows: the table fits the screen, and every cell is on it with its column's name.
  const cells = await page.evaluate(() => {
    const table = document.querySelector('[data-testid=alternatives] table');
    const out = [...table.querySelectorAll('tbody td[data-label]')].map((td) => {
      const r = td.getBoundingClientRect();
      return { shown: r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= innerWidth, label: getComputedStyle(td, '::before').content };
    });
    return { wide: table.scrollWidth > table.parentElement.clientWidth, out };
  });
  assert.equal(cells.wide, false, 'the alternatives table scrolls sideways');
  assert.ok(cells.out.length >= 10, `${cells.out.length} cells`);
  assert.ok(cells.out.every((c) => c.shown), 'a cell is off screen');
  assert.ok(cells.out.every((c) => /: "$/.test(c.label)), 'a cell lacks its heading');
  await context.close();
});

test('issue 10: the instance search forgives a missing dot', async () => {
  const { context, page } = await open(SEED);
  await page.getByRole('combobox', { name: 'Instance type' }).fill('m5xl');
  assert.match(await page.locator('#f-type-list [role=option]').first().textContent(), /^m5\.xlarge/);
  await context.close();
});

test('issue 10: "Copy link" copies the page\'s link', async () => {
  const { context, page } = await open(SEED);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.base });
  await page.getByRole('button', { name: 'Copy link' }).click();
  await page.locator('[data-copy-status]', { hasText: 'Link copied' }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, page.url());
  assert.match(copied, /WARM_IP_TARGET=2/);
  await context.close();
});

test('issue 10: Apply keeps the old settings as "before" beside the new ones until cleared; the snippets change', async () => {
  // The apply test's workload (app.test.mjs): 30 addresses a node, 13 under WARM_IP_TARGET=2 + MINIMUM_IP_TARGET=10.
  const { context, page } = await open('/?type=m5.xlarge&pods=10&nodes=40&subnet=10.0.0.0/24');
  assert.doesNotMatch(await page.locator('#snippet-kubectl').textContent(), /WARM_IP_TARGET/);
  await page.getByRole('button', { name: /^Apply: WARM_IP_TARGET=2/ }).click();
  const compare = page.locator('[data-testid=compare]');
  await compare.waitFor();
  const row = (name) => compare.getByRole('row', { name: new RegExp(`^${name}`) });
  assert.equal(await row('Addresses per node').locator('[data-side=before]').textContent(), '30');
  assert.equal(await row('Addresses per node').locator('[data-side=after]').textContent(), '13');
  // 40 × 30 = 1200 and 40 × 13 = 520 addresses at the peak (settled and peak agree on this ramp); the
  // subnet makes it a one-group cluster, whose total at max + surge (max = desired, no surge) is that.
  assert.equal(await row('Cluster at max \\+ surge').locator('[data-side=before]').textContent(), '1200');
  assert.equal(await row('Cluster at max \\+ surge').locator('[data-side=after]').textContent(), '520');
  assert.equal(await row('Settings').locator('[data-side=before]').textContent(), 'as shipped');
  assert.equal(await row('Settings').locator('[data-side=after]').textContent(), 'WARM_IP_TARGET=2 MINIMUM_IP_TARGET=10');
  assert.match(await page.locator('#snippet-kubectl').textContent(), /WARM_IP_TARGET=2/);
  // Side by side at 360 px too, without scrolling sideways.
  await page.setViewportSize({ width: 360, height: 740 });
  const wide = await compare.locator('table').evaluate((t) => t.scrollWidth > t.parentElement.clientWidth);
  assert.equal(wide, false, 'the comparison scrolls sideways at 360 px');
  await page.setViewportSize({ width: 1280, height: 720 });
  // Editing further keeps the same "before".
  await page.getByLabel('MINIMUM_IP_TARGET', { exact: true }).fill('');
  await page.locator('[data-testid=per-node]', { hasText: /^\d+ addresses/ }).waitFor();
  assert.equal(await row('Addresses per node').locator('[data-side=before]').textContent(), '30');
  await page.getByRole('button', { name: 'Clear before' }).click();
  assert.equal(await compare.count(), 0);
  await context.close();
});

test('issue 10: the timeline marks ENI attaches and jumps to the next EC2 call; the step is in the link', async () => {
  const { context, page } = await open('/?type=t3.small&pods=9');
  const timeline = page.locator('[data-testid=timeline]');
  // t3.small holds 3 secondaries an ENI: 9 pods need 3 ENIs, so two attaches after the first.
  assert.match(await timeline.getAttribute('aria-label'), /; ENIs attached at steps \d+, \d+; no ENI detached$/);
  assert.equal((await timeline.locator('path.eni-attach').getAttribute('d')).match(/M/g).length, 2);
  await page.getByRole('button', { name: 'First step' }).click();
  await page.getByRole('button', { name: 'Next EC2 call ›' }).click();
  assert.doesNotMatch(await page.locator('.actions').textContent(), /No EC2 call/);
  const shown = await page.locator('.step-pos').getAttribute('data-step');
  await page.waitForFunction((s) => new URLSearchParams(location.search).get('step') === String(Number(s) + 1), shown);
  const again = await open(page.url().slice(env.base.length));
  assert.equal(await again.page.locator('.step-pos').getAttribute('data-step'), shown);
  await again.context.close();
  await context.close();
});

test('issue 10: printing shows the verdict, the results and every snippet, not the form', async () => {
  const { context, page } = await open(SEED);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.inputs-panel').isVisible(), false);
  assert.equal(await page.locator('[data-testid=verdict]').isVisible(), true);
  assert.equal(await page.locator('.summary').isVisible(), true);
  assert.equal(await page.locator('#snippet-kubectl').isVisible(), true);
  assert.equal(await page.locator('#snippet-cdk').isVisible(), true);
  await context.close();
});

test('issue 10: no console errors and no request to any other origin', () => {
  assert.deepEqual(env.consoleErrors, []);
  assert.deepEqual(env.foreignRequests, []);
});
