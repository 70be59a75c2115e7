// Helm: the commands run through bash with a stub `helm`; each recorded `helm upgrade` is rendered by the real
// helm 4 (`helm template`, same --set arguments) from the real chart 1.23.1. The apply renders exactly the
// requested aws-node env; apply then restore (with --reuse-values, the later --set wins) renders the chart's.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { CASES, CHART, HELM, HOSTILE, IPV6_BASE, IPV6_CASE, applySettings, envOf, run, runWithStubs, sections, snippet, tmpdir } from './lib.mjs';

const CHART_VERSION = YAML.parse(fs.readFileSync(path.join(CHART, 'Chart.yaml'), 'utf8')).version;

/** The `--set…` arguments of a recorded `helm upgrade --install aws-vpc-cni eks/aws-vpc-cni …`. */
function setArgs(argv) {
  assert.deepEqual(argv.slice(0, 5), ['helm', 'upgrade', '--install', 'aws-vpc-cni', 'eks/aws-vpc-cni']);
  const rest = argv.slice(5);
  assert.equal(rest[rest.indexOf('--version') + 1], CHART_VERSION, 'the chart is pinned to the CNI in use');
  assert.ok(rest.includes('--reuse-values') && !rest.includes('--reset-values'));
  const out = [];
  for (let i = 0; i < rest.length; i++) if (rest[i].startsWith('--set')) out.push(rest[i], rest[++i]);
  assert.ok(out.length > 0 || rest.includes('-f'));
  return out;
}

/** The user-supplied values after `args`, as helm stores them for a later `--reuse-values`: rendered by a chart
 * with no defaults whose only template prints `.Values` (as base64 JSON, so any value survives). */
const DUMP = (() => {
  const dir = tmpdir('dump-chart');
  fs.mkdirSync(path.join(dir, 'templates'));
  fs.writeFileSync(path.join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: dump\nversion: 0.1.0\n');
  fs.writeFileSync(path.join(dir, 'templates', 'values.yaml'), 'values: {{ toJson .Values | b64enc }}\n');
  return dir;
})();

after(() => fs.rmSync(DUMP, { recursive: true, force: true }));

/** Renders apply then restore as `helm upgrade --reuse-values` twice would: the restore's --set arguments over the
 * values the apply stored (one `helm template` cannot do it: helm merges every --set before every --set-string). */
function renderSequence(apply, restore) {
  const line = run(HELM, ['template', 'dump', DUMP, ...apply]).stdout.split('\n').find((l) => l.startsWith('values: '));
  const stored = JSON.parse(Buffer.from(line.slice(8), 'base64').toString('utf8'));
  const file = path.join(DUMP, 'stored.json');
  // Escaped so that helm's YAML reader, which refuses raw DEL and C1 controls, reads the values back.
  fs.writeFileSync(file, JSON.stringify(stored).replace(/[\x7f-\x9f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  return render(['-f', file, ...restore]);
}

function render(args) {
  const r = run(HELM, ['template', 'aws-vpc-cni', CHART, '-n', 'kube-system', ...args]);
  const docs = YAML.parseAllDocuments(r.stdout).map((d) => d.toJS()).filter(Boolean);
  return { ds: docs.find((d) => d.kind === 'DaemonSet'), docs };
}

let seq = 0;

/** The --set and -f arguments of each `helm upgrade` in `out`, the values files written to a temporary folder. */
function upgrades(out) {
  const { calls, files } = runWithStubs(out);
  const dir = path.join(DUMP, `values${seq++}`);
  fs.mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return calls.filter((c) => c.argv[0] === 'helm' && c.argv[1] === 'upgrade').map((c) => {
    const args = setArgs(c.argv);
    const f = c.argv.indexOf('-f');
    return f < 0 ? args : [...args, '-f', path.join(dir, c.argv[f + 1])];
  });
}

function check(settings) {
  const { code, out, err } = snippet('helm', settings);
  assert.equal(code, 0, err);
  const ipv6 = settings.includes('ENABLE_IPv6=true');
  // An IPv6 cluster's chart values already carry the family settings.
  const base = ipv6 ? IPV6_BASE.flatMap((s) => ['--set-string', `env.${s}`]) : [];
  const chart = render(base);
  const [apply, restore, valuesFile] = upgrades(out);
  const applied = render([...base, ...apply]);
  assert.deepEqual(envOf(applied.ds), applySettings(envOf(chart.ds), settings));
  // The values-file form renders the same DaemonSet and ENIConfigs.
  const fromFile = render([...base, ...valuesFile]);
  assert.deepEqual(fromFile.docs, applied.docs);
  assert.deepEqual(envOf(applied.ds, 'aws-vpc-cni-init'), envOf(chart.ds, 'aws-vpc-cni-init'));
  // A key the chart has no default for cannot leave a --reuse-values release: `--set env.KEY=null` renders it
  // with an empty value, which ipamd's parsers read as unset (Atoi fails: the default applies; the ENIConfig
  // keys treat "" as unset explicitly). Such entries are dropped before comparing.
  const restored = envOf(renderSequence([...base, ...apply], restore).ds);
  for (const [k, v] of Object.entries(restored)) if (!(k in envOf(chart.ds)) && (v ?? '') === '') delete restored[k];
  assert.deepEqual(restored, envOf(chart.ds));
  return applied;
}

test('helm template renders exactly the requested env, and the per-key restore the chart defaults', () => {
  for (const settings of [...CASES, IPV6_CASE]) check(settings);
});

test('custom networking renders one ENIConfig per zone from the chart', () => {
  const { docs } = check(['AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true']);
  const eni = docs.filter((d) => d.kind === 'ENIConfig');
  assert.deepEqual(eni.map((d) => d.metadata.name), ['us-west-2a', 'us-west-2b', 'us-west-2c']);
  assert.deepEqual(eni[0].spec, { subnet: 'subnet-REPLACE-pods-us-west-2a', securityGroups: ['sg-REPLACE-node-sg'] });
});

test('the IPv6 kit turns IPv6 on for ipamd, the init container and the network-policy agent', () => {
  const kit = Object.entries(sections(snippet('ipv6-cluster').out)).find(([t]) => t.startsWith('Self-managed VPC CNI'))[1];
  const [args] = upgrades(kit);
  const { ds } = render(args);
  assert.equal(envOf(ds).ENABLE_IPv6, 'true');
  assert.equal(envOf(ds).ENABLE_IPv4, 'false');
  assert.equal(envOf(ds).ENABLE_PREFIX_DELEGATION, 'true');
  assert.equal(envOf(ds, 'aws-vpc-cni-init').ENABLE_IPv6, 'true');
  assert.ok(ds.spec.template.spec.containers.find((c) => c.name === 'aws-eks-nodeagent').args.includes('--enable-ipv6=true'));
});

test('hostile values reach the rendered env byte for byte through --set-string and the values file', () => {
  for (const [name, value] of Object.entries(HOSTILE)) {
    assert.doesNotThrow(() => check([`WARM_IP_TARGET=${value}`]), name);
  }
});
