// End-to-end: the cluster editor, the cluster verdict, the subnet table and the chart, on the built dist/
// under its CSP. Expected values come from the CLI's `cluster` command on the same spec (the same core).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { harness } from './harness.mjs';

const env = harness();

after(() => {
  assert.deepEqual([...env.consoleErrors, ...env.foreignRequests], [], 'no console errors and no request beyond the origin');
});

/** A page at `path` in a `viewport` (1366×900 unless given), once the result shows. */
const open = (path, viewport = { width: 1366, height: 900 }) => env.open(path, { viewport });

/** A spec written to a file for the CLI. */
function specFile(spec) {
  const file = join(mkdtempSync(join(tmpdir(), 'cluster-')), 'spec.json');
  writeFileSync(file, JSON.stringify(spec));
  return file;
}

/** The CLI's text and JSON for a cluster spec. */
function cli(spec) {
  const file = specFile(spec);
  const run = (...extra) => execFileSync('cargo', ['run', '-q', '--bin', 'vpc-cni-calc', '--', 'cluster', file, ...extra], { encoding: 'utf8' });
  // The page's verdict is `cluster --advise`'s first line (with the best IPv4 fix once worked out).
  return { text: run('--advise'), json: JSON.parse(run('--json')) };
}

// Two groups over two /26s (59 usable each) in AZs a and b, the shipped settings: what the steps below type.
const SPEC = {
  subnets: [{ cidr: '10.0.0.0/26', az: 'a' }, { cidr: '10.0.1.0/26', az: 'b' }],
  node_groups: [
    { name: 'web', instance_type: 'm5.large', pods: 5, nodes: 4, max_nodes: 6 },
    { name: 'group-2', instance_type: 't3.small', pods: 5, nodes: 2 },
  ],
};

/** Types into a cell of the cluster editor, found by its accessible label. */
async function fill(page, label, value) {
  await page.getByLabel(label, { exact: true }).fill(value);
}

/** The verdict's box lies within the first screen (scrolled to the top). */
async function onFirstScreen(page) {
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = await page.locator('[data-testid=verdict]').boundingBox();
  const { height } = page.viewportSize();
  assert.ok(box && box.y >= 0 && box.y + box.height <= height, `verdict at ${JSON.stringify(box)} in ${height}`);
}

test('two node groups and two subnets entered on the page: verdict first, exhaustion in the table and on the chart, the link reopens', async () => {
  const { text, json } = cli(SPEC);
  const verdict = text.split('\n')[0];
  const { context, page } = await open('/?type=m5.large&pods=5&nodes=4&subnet=10.0.0.0/26');
  await fill(page, 'Group 1 Name', 'web');
  await fill(page, 'Group 1 Max nodes', '6');
  await page.getByRole('button', { name: 'Add subnet' }).click();
  await fill(page, 'Subnet 2 CIDR', '10.0.1.0/26');
  await fill(page, 'Subnet 2 AZ', 'b');
  await page.getByRole('button', { name: 'Add node group' }).click();
  await fill(page, 'Group 2 Instance type', 't3.small');
  await fill(page, 'Group 2 Desired nodes', '2');
  await fill(page, 'Group 2 Max nodes', '');
  await page.locator('[data-testid=verdict]', { hasText: verdict }).waitFor();
  assert.equal(json.fits, false);
  await onFirstScreen(page);

  // The table: one row per subnet, where each runs out as the core says.
  const rows = page.locator('.subnet-table tbody tr');
  assert.equal(await rows.count(), 2);
  for (const [i, s] of json.subnets.entries()) {
    const cells = rows.nth(i).locator('td');
    assert.equal(await cells.nth(3).textContent(), String(s.addresses_at_max));
    assert.equal(await cells.nth(5).textContent(), s.fits ? 'yes' : 'no');
    const runsOut = s.runs_out.map((r) => (r.at_nodes == null ? `never (${r.group})` : `node ${r.at_nodes} of ${r.group}`)).join('; ');
    assert.equal(await rows.nth(i).locator('.runs-out').textContent(), runsOut);
    assert.equal(await cells.nth(7).textContent(), `/${s.min_prefix_length}`);
  }

  // The chart opens on the first subnet that does not fit; its exhaustion point is the first row of the
  // table view that does not fit.
  const marker = page.locator('svg.chart g.exhausted.current text');
  const at = Number((await marker.textContent()).match(/runs out at node (\d+)/)[1]);
  assert.match(await page.locator('svg.chart desc').textContent(), new RegExp(`current settings it runs out at node ${at} of`));
  // The proposed line is the verdict's best IPv4 fix: the advisor's first alternative after "Your settings"
  // that is not IPv6 and leaves every pod an address and a slot (cluster::best_ipv4_fix); pick another and
  // the line follows.
  const advice = JSON.parse(execFileSync('cargo', ['run', '-q', '--bin', 'vpc-cni-calc', '--', 'cluster', specFile(SPEC), '--advise', '--json'], { encoding: 'utf8' })).advice;
  const best = advice.findIndex((a, i) => i > 0 && a.mode !== 'ipv6'
    && !a.edits.some(([name, value]) => name === 'ENABLE_IPv6' && value === 'true') && a.pods_without_ip + a.pods_pending === 0);
  assert.ok(best > 1, 'this cluster\'s first alternative is IPv6, so the default is a later one');
  assert.equal(await page.locator('#chart-alt option:checked').textContent(), advice[best].title);
  assert.match(await page.locator('[data-testid=verdict]').textContent(), new RegExp(`Best IPv4 fix: ${advice[best].edits[0][0]}`));
  assert.equal(await page.locator('svg.chart polyline.proposed').count(), 1);
  const other = best === 1 ? 2 : 1;
  await page.locator('#chart-alt').selectOption({ label: advice[other].title });
  await page.locator('svg.chart desc', { hasText: `With ${advice[other].title}` }).waitFor({ state: 'attached' });
  await page.getByRole('button', { name: 'Show as a table' }).click();
  const firstBad = page.locator('.chart-table tbody tr.bad').first().locator('th');
  assert.equal(Number(await firstBad.textContent()), at);

  // The link holds the whole cluster: opened again, at 360 px, the same verdict comes first.
  const link = page.url();
  assert.match(link, /g1\.type=t3\.small/);
  assert.match(link, /s1\.subnet=10\.0\.1\.0\/26/);
  await context.close();
  const again = await open(new URL(link).pathname + new URL(link).search, { width: 360, height: 740 });
  assert.equal(await again.page.locator('[data-testid=verdict]').textContent(), verdict);
  await onFirstScreen(again.page);
  assert.equal(await again.page.getByLabel('Group 2 Instance type', { exact: true }).inputValue(), 't3.small');
  await again.context.close();
});

test('a bad cell names its rule and keeps the last valid cluster', async () => {
  const { context, page } = await open('/?type=m5.large&pods=5&nodes=4&subnet=10.0.0.0/26');
  const before = await page.locator('[data-testid=verdict]').textContent();
  await fill(page, 'Group 1 Surge', 'lots');
  await page.locator('#c-surge-err', { hasText: 'not a node count or a percentage' }).waitFor();
  assert.equal(await page.getByLabel('Group 1 Surge', { exact: true }).getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('[data-testid=verdict]').textContent(), before);
  await context.close();
});

test('the editor is keyboard reachable: Tab walks its cells, Enter adds and removes rows', async () => {
  const { context, page } = await open('/?type=m5.large&pods=5&nodes=4&subnet=10.0.0.0/26', { width: 360, height: 740 });
  await page.getByLabel('Group 1 Name', { exact: true }).focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'c-type');
  await page.getByRole('button', { name: 'Add node group' }).focus();
  await page.keyboard.press('Enter');
  await page.getByLabel('Group 2 Instance type', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Remove Group 2' }).focus();
  await page.keyboard.press('Enter');
  await page.getByLabel('Group 2 Instance type', { exact: true }).waitFor({ state: 'detached' });
  await context.close();
});

test('prefix delegation on a /26: the free /28 blocks and the reservation commands, copied exactly', async () => {
  const pd = (pods, nodes) => cli({
    settings: { ENABLE_PREFIX_DELEGATION: 'true' },
    subnets: [{ cidr: '10.0.0.0/26', az: 'a' }],
    node_groups: [{ name: 'group-1', instance_type: 'm5.large', pods, nodes }],
  }).json.subnets[0].prefix_blocks;
  // A /26 holds four /28s; AWS's first four addresses and the broadcast address take the first and the last.
  const fits = pd(5, 1);
  assert.deepEqual([fits.free_blocks, fits.needed_at_max], [2, 2]);
  const { context, page } = await open('/?type=m5.large&pods=5&subnet=10.0.0.0/26&mode=pd');
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.base });
  await page.getByText('10.0.0.0/26: 2 aligned /28 blocks free, 2 needed at max + surge. Reserve them').waitFor();
  await page.getByRole('button', { name: 'Copy the reservation for 10.0.0.0/26' }).click();
  await page.locator('#reserve-0-status', { hasText: 'Copied' }).waitFor();
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(clip, fits.commands.join('\n'));
  assert.match(clip, /create-subnet-cidr-reservation .*--reservation-type prefix --cidr 10\.0\.0\.(16|32)\/28/);
  // Two nodes of 20 pods need more /28s than the /26 has: no reservation to copy.
  const over = pd(20, 2);
  await page.getByLabel('Group 1 Pods per node', { exact: true }).fill('20');
  await page.getByLabel('Group 1 Desired nodes', { exact: true }).fill('2');
  await page.getByText(`10.0.0.0/26: 2 aligned /28 blocks free, ${over.needed_at_max} needed at max + surge: too few`).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Copy the reservation for 10.0.0.0/26' }).count(), 0);
  await context.close();
});

test('custom networking: the pod (ENIConfig) subnets and the node subnets are separate lists, judged apart', async () => {
  const { text, json } = cli({
    settings: { AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: 'true' },
    subnets: [{ cidr: '10.0.0.0/24', az: 'a' }],
    pod_subnets: [{ cidr: '100.64.0.0/16', az: 'a' }],
    node_groups: [{ name: 'group-1', instance_type: 'm5.large', pods: 30, nodes: 40 }],
  });
  const { context, page } = await open('/?type=m5.large&pods=30&nodes=40&subnet=100.64.0.0/16&node_subnet=10.0.0.0/24&custom=true');
  assert.equal(await page.getByLabel('Subnet 1 CIDR', { exact: true }).inputValue(), '100.64.0.0/16');
  assert.equal(await page.getByLabel('Node subnet 1 CIDR', { exact: true }).inputValue(), '10.0.0.0/24');
  assert.equal(await page.locator('[data-testid=verdict]').textContent(), text.split('\n')[0]);
  const rows = page.locator('.subnet-table tbody tr');
  assert.equal(await rows.count(), 2);
  // The node subnet pays one address per node, the pod subnet the rest (the CLI's figures).
  for (const [i, s] of json.subnets.entries()) {
    assert.match(await rows.nth(i).locator('th').textContent(), new RegExp(`^${s.cidr.replace(/\./g, '\\.')} a · ${s.role === 'pod' ? 'pods' : 'nodes'}`));
    assert.equal(await rows.nth(i).locator('td').nth(3).textContent(), String(s.addresses_at_max));
  }
  // Unticked, the node subnets list goes away and the one subnet is shared.
  await page.getByRole('checkbox', { name: 'Custom networking' }).uncheck();
  await page.getByLabel('Node subnet 1 CIDR', { exact: true }).waitFor({ state: 'detached' });
  assert.equal(await rows.count(), 1);
  await context.close();
});

// The issue 10 review's two-group link: web in a and b, batch in b, over a /24 (20 used) and a /25.
const U2 = '/?name=web&type=m5.xlarge&pods=20&nodes=5&max_nodes=8&surge=2&azs=a,b&g1.name=batch&g1.type=c5.large'
  + '&g1.pods=10&g1.nodes=3&g1.max_nodes=6&g1.surge=50%25&g1.azs=b&subnet=10.0.0.0/24&az=a&used=20&s1.subnet=10.0.1.0/25&s1.az=b';
const U2_SPEC = {
  subnets: [{ cidr: '10.0.0.0/24', az: 'a', used: 20 }, { cidr: '10.0.1.0/25', az: 'b' }],
  node_groups: [
    { name: 'web', instance_type: 'm5.xlarge', pods: 20, nodes: 5, max_nodes: 8, surge: 2, azs: ['a', 'b'] },
    { name: 'batch', instance_type: 'c5.large', pods: 10, nodes: 3, max_nodes: 6, surge: '50%', azs: ['b'] },
  ],
};

test('review §1: before and after compare the whole cluster at max + surge and its fit; per-node rows name the group', async () => {
  const { context, page } = await open(U2);
  // web runs 20 pods, so "MINIMUM_IP_TARGET at the pod count" is 20 on the page.
  await page.getByRole('button', { name: /^Apply: WARM_IP_TARGET=2 with MINIMUM_IP_TARGET at the pod count/ }).click();
  const compare = page.locator('[data-testid=compare]');
  await compare.waitFor();
  const cell = (name, side) => compare.getByRole('row', { name: new RegExp(`^${name}`) }).locator(`[data-side=${side}]`);
  const before = cli(U2_SPEC).json;
  const after = cli({ ...U2_SPEC, settings: { WARM_IP_TARGET: '2', MINIMUM_IP_TARGET: '20' } }).json;
  // The CLI's --advise row for these settings: 720 → 447 addresses at max + surge, neither fits.
  assert.equal(before.totals.addresses_at_max, 720);
  assert.equal(after.totals.addresses_at_max, 447);
  assert.equal(await cell('Cluster at max \\+ surge', 'before').textContent(), '720');
  assert.equal(await cell('Cluster at max \\+ surge', 'after').textContent(), '447');
  assert.equal(await cell('Cluster fits', 'before').textContent(), 'does not fit');
  assert.equal(await cell('Cluster fits', 'after').textContent(), 'does not fit');
  assert.equal(await cell('Settings', 'after').textContent(), 'WARM_IP_TARGET=2 MINIMUM_IP_TARGET=20');
  // The per-node rows are web's, and say so.
  const web = (j) => j.node_groups.find((g) => g.name === 'web');
  assert.equal(await cell('Addresses per node \\(web\\)', 'before').textContent(), String(web(before).addresses_per_node));
  assert.equal(await cell('Addresses per node \\(web\\)', 'after').textContent(), String(web(after).addresses_per_node));
  assert.equal(await cell('At peak, per node \\(web\\)', 'after').textContent(), String(web(after).peak_addresses_per_node));
  assert.equal(await compare.getByText('Fits the subnet').count(), 0);
  await context.close();
});

test('review §2: the Alternatives name the group their per-node columns price, and carry the cluster\'s total and fit per row', async () => {
  const { context, page } = await open(U2);
  const table = page.locator('[data-testid=alternatives]');
  await table.waitFor();
  assert.equal(await table.locator('h2').textContent(), 'Alternatives for one node of web');
  assert.equal(await table.getByRole('columnheader', { name: 'web alone runs out at' }).count(), 1);
  // The same totals as the CLI's --advise rows with the same settings: 720 as they are, 447 under
  // WARM_IP_TARGET=2 MINIMUM_IP_TARGET=20 (web's pod count), neither fits.
  const advice = JSON.parse(execFileSync('cargo', ['run', '-q', '--bin', 'vpc-cni-calc', '--', 'cluster', specFile(U2_SPEC), '--advise', '--json'], { encoding: 'utf8' })).advice;
  const atMost = advice.find((a) => JSON.stringify(a.edits) === '[["WARM_IP_TARGET","2"],["MINIMUM_IP_TARGET","20"]]');
  assert.equal(advice[0].totals.addresses_at_max, 720);
  assert.equal(atMost.totals.addresses_at_max, 447);
  const row = (title) => table.getByRole('row', { name: new RegExp(`^${title}`) });
  assert.equal(await row('Your settings').locator('[data-col=cluster]').textContent(), '720');
  assert.equal(await row('Your settings').locator('[data-col=cluster-fits]').textContent(), 'does not fit');
  const min = row('WARM_IP_TARGET=2 with MINIMUM_IP_TARGET at the pod count');
  assert.equal(await min.locator('[data-col=cluster]').textContent(), '447');
  assert.equal(await min.locator('[data-col=cluster-fits]').textContent(), 'does not fit');
  await context.close();
});

test('review §3: with two groups the subnet burn says it is one group alone in subnet 1, and its subnet-only warnings go', async () => {
  const { context, page } = await open(U2);
  const burn = page.locator('.summary h2', { hasText: 'Subnet burn' });
  assert.equal(await burn.textContent(), 'Subnet burn if web were alone in 10.0.0.0/24');
  assert.equal(await page.locator('.summary code', { hasText: /^(no-room-to-replace|subnet-exhausted)$/ }).count(), 0);
  await context.close();
  // One group in one subnet keeps the block as it was: 5 × 45 addresses beside 20 used in 251 usable
  // leaves 6 free, less than a 45-address node, so there is room for 0 more nodes.
  const one = await open('/?name=web&type=m5.xlarge&pods=20&nodes=5&subnet=10.0.0.0/24&used=20');
  assert.equal(await one.page.locator('.summary h2', { hasText: 'Subnet burn' }).textContent(), 'Subnet burn');
  await one.page.locator('.summary code', { hasText: 'no-room-to-replace' }).waitFor();
  await one.context.close();
});

test('review §5: the chart says its node counts are the whole cluster\'s, unlike the table\'s "node N of a group"', async () => {
  const { context, page } = await open(U2);
  const { json } = cli(U2_SPEC);
  // 10.0.1.0/25 does not fit, so the chart opens on it; the table says where web alone runs out there.
  const b = json.subnets.find((s) => s.cidr === '10.0.1.0/25');
  assert.equal(b.fits, false);
  const web = b.runs_out.find((r) => r.group === 'web');
  assert.match(await page.locator('.subnet-table .runs-out').nth(1).textContent(), new RegExp(`node ${web.at_nodes} of web`));
  const sentence = 'Nodes here are the whole cluster\'s, all groups grown together; the subnet table\'s “node N of a group” grows that group alone, the others at desired.';
  assert.ok((await page.locator('svg.chart desc').textContent()).endsWith(sentence));
  assert.ok((await page.locator('.chart-card p.hint').textContent()).endsWith(sentence));
  assert.ok(await page.locator('.chart-card p.hint').isVisible());
  await context.close();
});

test('review §2: the chart\'s proposed cluster setting can be applied, and before and after show the cluster\'s totals', async () => {
  const { context, page } = await open(U2);
  const title = 'WARM_IP_TARGET=2 with MINIMUM_IP_TARGET at the fewest pods a node runs';
  await page.locator('#chart-alt').selectOption({ label: title });
  await page.getByRole('button', { name: 'Apply proposed' }).click();
  const compare = page.locator('[data-testid=compare]');
  await compare.waitFor();
  // The CLI's --advise row with that title: WARM_IP_TARGET=2 MINIMUM_IP_TARGET=10, 366 at max + surge.
  const advice = JSON.parse(execFileSync('cargo', ['run', '-q', '--bin', 'vpc-cni-calc', '--', 'cluster', specFile(U2_SPEC), '--advise', '--json'], { encoding: 'utf8' })).advice;
  const row = advice.find((a) => a.title === title);
  assert.equal(row.totals.addresses_at_max, 366);
  const cell = (name, side) => compare.getByRole('row', { name: new RegExp(`^${name}`) }).locator(`[data-side=${side}]`);
  assert.equal(await cell('Settings', 'after').textContent(), row.edits.map(([k, v]) => `${k}=${v}`).join(' '));
  assert.equal(await cell('Cluster at max \\+ surge', 'before').textContent(), '720');
  assert.equal(await cell('Cluster at max \\+ surge', 'after').textContent(), '366');
  await context.close();
});
