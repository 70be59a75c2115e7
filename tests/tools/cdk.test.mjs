// CDK: every TypeScript snippet (KubernetesPatch with its ENIConfig manifests, and the IPv6 cluster kit) is
// wrapped in a stack, type-checked with `tsc --strict` against the real aws-cdk-lib and constructs, compiled
// and synthesized. The `Custom::AWSCDK-EKS-KubernetesPatch` resources' ApplyPatchJson and RestorePatchJson are
// then applied with the real kubectl (`patch --local --type strategic`) to the real aws-node DaemonSet.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CASES, HOSTILE, IPV6_BASE, IPV6_CASE, KUBECTL, ROOT, addonValidator, applySettings, daemonSet, eniConfigValidator, envOf, run, sections, snippet, withoutEnv } from './lib.mjs';

const cases = [...CASES, IPV6_CASE, ...Object.values(HOSTILE).map((v) => [`WARM_IP_TARGET=${v}`])];
const WORK = path.join(ROOT, 'target/tools-cdk'); // inside the project, so that node_modules resolves
let template;
let ipv6Template;

/** Splits a TypeScript snippet into its import lines and its body. */
function split(ts) {
  const lines = ts.split('\n');
  return { imports: lines.filter((l) => l.startsWith('import ')), body: lines.filter((l) => !l.startsWith('import ')).join('\n') };
}

before(() => {
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(WORK, { recursive: true });
  const imports = new Set([
    "import * as cdk from 'aws-cdk-lib';",
    "import { Construct } from 'constructs';",
    "import * as eks from 'aws-cdk-lib/aws-eks';",
    "import { KubectlV35Layer } from '@aws-cdk/lambda-layer-kubectl-v35';",
  ]);
  const fns = cases.map((settings, i) => {
    const { code, out, err } = snippet('cdk', settings);
    assert.equal(code, 0, err);
    // The KubernetesPatch comes first; the eks.Addon alternative follows under its own heading.
    const { imports: im, body } = split(out.split('\n=== ')[0]);
    im.forEach((l) => imports.add(l));
    const addon = Object.values(sections(out))[0] ?? '';
    return `function case${i}(this: Construct, cluster: eks.Cluster): void {\n${body}\n}\n` +
      `function addon${i}(this: Construct, cluster: eks.Cluster): void {\n${addon}\n}\n`;
  });
  const kit = split(sections(snippet('ipv6-cluster').out)['AWS CDK (TypeScript)']);
  kit.imports.forEach((l) => imports.add(l));
  const app = `${[...imports].join('\n')}

${fns.join('\n')}
class Patches extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const cluster = new eks.Cluster(this, 'Cluster', {
      version: eks.KubernetesVersion.V1_35,
      kubectlLayer: new KubectlV35Layer(this, 'Kubectl'),
    });
${cases.map((_, i) => `    case${i}.call(new Construct(this, 'case${i}'), cluster);\n    addon${i}.call(new Construct(this, 'addon${i}'), cluster);`).join('\n')}
  }
}

class Ipv6Cluster extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
${kit.body}
    new cdk.CfnOutput(this, 'IpFamily', { value: cluster.ipFamily ?? 'unset' });
  }
}

declare const process: { argv: string[] }; // no @types/node needed for one argument
const app = new cdk.App({ outdir: process.argv[2] });
new Patches(app, 'Patches');
new Ipv6Cluster(app, 'Ipv6Cluster');
app.synth();
`;
  fs.writeFileSync(path.join(WORK, 'app.ts'), app);
  const tsc = path.join(ROOT, 'node_modules/.bin/tsc');
  const common = ['--strict', '--target', 'es2022', '--module', 'nodenext', '--types', '', '--skipLibCheck', path.join(WORK, 'app.ts')];
  run(tsc, ['--noEmit', ...common]);
  run(tsc, ['--outDir', path.join(WORK, 'out'), ...common]);
  run('node', [path.join(WORK, 'out/app.js'), path.join(WORK, 'cdk.out')]);
  template = JSON.parse(fs.readFileSync(path.join(WORK, 'cdk.out/Patches.template.json'), 'utf8'));
  ipv6Template = JSON.parse(fs.readFileSync(path.join(WORK, 'cdk.out/Ipv6Cluster.template.json'), 'utf8'));
});

function resources(type, prefix) {
  return Object.entries(template.Resources).filter(([id, r]) => r.Type === type && id.startsWith(prefix)).map(([, r]) => r.Properties);
}

function patch(ds, json) {
  const file = path.join(WORK, 'ds.json');
  fs.writeFileSync(file, JSON.stringify(ds));
  return JSON.parse(run(KUBECTL, ['patch', '--local', '--type', 'strategic', '-p', json, '-f', file, '-o', 'json']).stdout);
}

function baseline(settings) {
  const ds = daemonSet();
  return settings.includes('ENABLE_IPv6=true') ? patch(ds, JSON.stringify({ spec: { template: { spec: { containers: [{ name: 'aws-node', env: IPV6_BASE.map((s) => ({ name: s.split('=')[0], value: s.split('=')[1] })) }] } } } })) : ds;
}

test('every KubernetesPatch synthesizes and applies exactly the request, and its restore the manifest', () => {
  cases.forEach((settings, i) => {
    const [p] = resources('Custom::AWSCDK-EKS-KubernetesPatch', `case${i}AwsNodeEnv`);
    assert.ok(p, `case${i}`);
    assert.equal(p.ResourceName, 'daemonset/aws-node');
    assert.equal(p.ResourceNamespace, 'kube-system');
    assert.equal(p.PatchType, 'strategic');
    const base = baseline(settings);
    const applied = patch(base, p.ApplyPatchJson);
    assert.deepEqual(envOf(applied), applySettings(envOf(base), settings), settings.join(' '));
    assert.deepEqual(envOf(applied, 'aws-vpc-cni-init'), envOf(base, 'aws-vpc-cni-init'));
    assert.deepEqual(withoutEnv(applied), withoutEnv(patch(base, '{}')));
    assert.deepEqual(envOf(patch(applied, p.RestorePatchJson)), envOf(base), settings.join(' '));
  });
});

test('every eks.Addon synthesizes configurationValues that validate against the add-on schema and carry the values', () => {
  const schema = addonValidator();
  cases.forEach((settings, i) => {
    const [a] = resources('AWS::EKS::Addon', `addon${i}`);
    assert.ok(a, `addon${i}`);
    assert.equal(a.AddonName, 'vpc-cni');
    assert.equal(a.AddonVersion, undefined, 'the installed version stays');
    const values = JSON.parse(a.ConfigurationValues);
    assert.equal(schema(values), null, settings.join(' '));
    for (const s of settings) {
      const [k, v] = [s.slice(0, s.indexOf('=')), s.slice(s.indexOf('=') + 1)];
      if (['WARM_IP_TARGET', 'MINIMUM_IP_TARGET', 'MAX_ENI', 'ENABLE_POD_ENI'].includes(k)) assert.equal(values.env[k], v, `${k} in case ${i}`);
    }
  });
});

test('a regenerated patch leaves nothing of the previous one behind (the apply patch is state-complete)', () => {
  const [first] = resources('Custom::AWSCDK-EKS-KubernetesPatch', 'case0AwsNodeEnv');
  const [second] = resources('Custom::AWSCDK-EKS-KubernetesPatch', 'case2AwsNodeEnv');
  const env = envOf(patch(patch(daemonSet(), first.ApplyPatchJson), second.ApplyPatchJson));
  assert.deepEqual(env, applySettings(envOf(daemonSet()), CASES[2]));
});

test('custom networking adds one ENIConfig manifest per zone', () => {
  const i = CASES.findIndex((c) => c.includes('AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true'));
  const manifests = resources('Custom::AWSCDK-EKS-KubernetesResource', `case${i}EniConfigs`).map((p) => JSON.parse(p.Manifest));
  assert.deepEqual(manifests.flat().map((m) => [m.kind, m.metadata.name]), [['ENIConfig', 'us-west-2a'], ['ENIConfig', 'us-west-2b'], ['ENIConfig', 'us-west-2c']]);
  const schema = eniConfigValidator();
  for (const m of manifests.flat()) assert.equal(schema(m), null);
});

test('the IPv6 kit synthesizes an IPv6 cluster', () => {
  const cluster = Object.values(ipv6Template.Resources).find((r) => r.Type === 'Custom::AWSCDK-EKS-Cluster');
  assert.equal(cluster.Properties.Config.kubernetesNetworkConfig.ipFamily, 'ipv6');
});
