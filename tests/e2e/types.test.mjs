// Issue 11, "Paste an instance type": a describe-instance-types output pasted on the page defines a made-up type,
// picks it in the selected node group and plans it; the link carries its limits, so a reload still plans it.
// Expected values come from the CLI on the same page (`plan zz9.large --instance-data FILE`, the same core).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { harness } from './harness.mjs';

const env = harness();

after(() => {
  assert.deepEqual([...env.consoleErrors, ...env.foreignRequests], [], 'no console errors and no request beyond the origin');
});

/**
 * One describe-instance-types page for zz9.large, a made-up type with 3 ENIs × 10 IPv4: the fixture's x9z.large
 * entry (tests/import/describe-instance-types-1.json, the real shape) renamed and given those limits.
 */
function zz9Page() {
  const page = JSON.parse(readFileSync('tests/import/describe-instance-types-1.json', 'utf8'));
  const t = page.InstanceTypes.find((x) => x.InstanceType === 'x9z.large');
  t.InstanceType = 'zz9.large';
  t.NetworkInfo.MaximumNetworkInterfaces = 3;
  t.NetworkInfo.NetworkCards[0].MaximumNetworkInterfaces = 3;
  t.NetworkInfo.Ipv4AddressesPerInterface = 10;
  return JSON.stringify({ InstanceTypes: [t] }, null, 4);
}

/** The CLI's plan of zz9.large from that page, as JSON. */
function cliPlan(text, ...args) {
  const file = join(mkdtempSync(join(tmpdir(), 'types-')), 'zz9.json');
  writeFileSync(file, text);
  const out = execFileSync('target/debug/vpc-cni-calc', ['plan', 'zz9.large', '--instance-data', file, ...args, '--json'], { encoding: 'utf8' });
  return JSON.parse(out);
}

// 25 pods on 4 nodes in a /24, the shipped settings (WARM_ENI_TARGET=1).
const LINK = '/?type=m5.large&pods=25&nodes=4&subnet=10.0.0.0/24';

test('a pasted describe-instance-types output defines zz9.large, which plans as the CLI plans it, also after a reload', async () => {
  const text = zz9Page();
  const want = cliPlan(text, '--pods', '25', '--nodes', '4', '--subnet', '10.0.0.0/24');
  // 3 ENIs × (10 − 1) = 27 addresses for pods, and 25 pods need all three ENIs: 27 held.
  assert.equal(want.steady_state.total_ips, 27);
  const { context, page } = await env.open(LINK, { viewport: { width: 360, height: 740 } });
  await page.getByText('Paste an instance type').click();
  assert.match(await page.locator('.paste-types').textContent(), /Nothing is sent anywhere/);
  await page.getByLabel('Output of aws ec2 describe-instance-types').fill(text);
  // Keyboard: from the text area, Tab reaches the button and Enter presses it.
  await page.getByLabel('Output of aws ec2 describe-instance-types').focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Define the type');
  // 44 px targets at 360 px.
  for (const target of [page.getByRole('button', { name: 'Define the type' }), page.locator('.paste-types summary')]) {
    const box = await target.boundingBox();
    assert.ok(box.height >= 44 && box.width >= 44, JSON.stringify(box));
  }
  await page.keyboard.press('Enter');
  assert.equal(
    await page.locator('.paste-types [role=status]').textContent(),
    "Defined zz9.large (3 ENIs × 10 IPv4 per ENI); zz9.large is the selected node group's instance type.",
  );
  const picker = page.getByRole('combobox', { name: 'Instance type' });
  assert.equal(await picker.inputValue(), 'zz9.large');
  assert.equal(await page.locator('#f-type-help').textContent(), '3 ENIs × 10 IPv4 per ENI · nitro · 4 vCPUs · from your paste');
  await page.locator('[data-testid=ips-held]', { hasText: new RegExp(`^${want.steady_state.total_ips}$`) }).waitFor();
  // The link carries the type's limits (form::types): the limits CSV row, vCPUs and trunk compatibility.
  await page.waitForFunction(() => new URLSearchParams(location.search).get('itype') === 'zz9.large,3,10,nitro,false,0,0:3,4,true');
  const url = page.url();
  assert.match(url, /type=zz9\.large/);

  // A reload of the link plans it again, with no notice.
  const again = await env.open(url.slice(env.base.length));
  assert.equal(await again.page.getByRole('combobox', { name: 'Instance type' }).inputValue(), 'zz9.large');
  assert.equal(await again.page.locator('[data-testid=ips-held]').textContent(), String(want.steady_state.total_ips));
  assert.equal(await again.page.locator('.notice').count(), 0);
  // The search lists it, from the paste.
  await again.page.getByRole('combobox', { name: 'Instance type' }).fill('zz9');
  assert.match(await again.page.locator('#f-type-list [role=option]').first().textContent(), /^zz9\.large3 × 10 · from your paste$/);
  await again.context.close();

  // A bad paste: one line naming the rule, and the last result stays.
  await page.getByLabel('Output of aws ec2 describe-instance-types').fill('{"InstanceTypes": [{"InstanceType": "zz8.large"}]}');
  await page.getByRole('button', { name: 'Define the type' }).click();
  assert.equal(
    await page.locator('.paste-types [role=alert]').textContent(),
    'not describe-instance-types JSON ({"InstanceTypes": [...]}): InstanceTypes[0].NetworkInfo is missing',
  );
  assert.equal(await picker.inputValue(), 'zz9.large');
  assert.equal(await page.locator('[data-testid=ips-held]').textContent(), String(want.steady_state.total_ips));
  await context.close();
});
