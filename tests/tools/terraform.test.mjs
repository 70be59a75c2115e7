// Terraform: every aws_eks_addon snippet passes `terraform fmt -check`, then `init` + `validate` with the
// hashicorp/aws provider from the machine's filesystem mirror (when there is none the test says so and runs
// only fmt). Each `jsonencode(...)` is evaluated by `terraform console`, and the JSON it produces validates
// against the add-on schema and carries every value byte for byte.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CASES, HOSTILE, IPV6_CASE, addonValidator, run, snippet, tmpdir } from './lib.mjs';

const TERRAFORM = process.env.TERRAFORM ?? '/usr/local/bin/terraform';
const MIRROR = process.env.TF_PROVIDER_MIRROR ?? '/opt/tf-plugins';
const hostile = Object.values(HOSTILE).flatMap((v) => [
  [`WARM_IP_TARGET=${v}`],
  ['AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true', `ENI_CONFIG_LABEL_DEF=${v}`], // also named in the notes
]);
const cases = [...CASES, IPV6_CASE, ...hostile];
const addonSchema = addonValidator();
let dir;
let env;
let snippets;

before(() => {
  dir = tmpdir('terraform');
  const rc = path.join(dir, 'terraform.rc');
  fs.writeFileSync(rc, `provider_installation {\n  filesystem_mirror {\n    path = "${MIRROR}"\n  }\n}\n`);
  env = { ...process.env, TF_CLI_CONFIG_FILE: rc, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
  snippets = cases.map((settings) => {
    const { code, out, err } = snippet('terraform', settings);
    assert.equal(code, 0, err);
    return out;
  });
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The text of `jsonencode(...)` in a snippet: from `jsonencode(` to its closing `  })`. */
function jsonencode(text) {
  const start = text.indexOf('jsonencode(');
  const end = text.indexOf('\n  })\n', start);
  return text.slice(start, end + 5);
}

test('terraform fmt -check accepts every snippet', () => {
  snippets.forEach((text, i) => {
    const file = path.join(dir, `fmt${i}.tf`);
    fs.writeFileSync(file, text);
    run(TERRAFORM, ['fmt', '-check', '-diff', file], { env });
    fs.rmSync(file);
  });
});

test('terraform init + validate with the local provider mirror', (t) => {
  if (!fs.existsSync(path.join(MIRROR, 'registry.terraform.io/hashicorp/aws'))) {
    t.diagnostic(`no hashicorp/aws provider mirror at ${MIRROR}: validate skipped, fmt ran`);
    return;
  }
  const work = path.join(dir, 'validate');
  fs.mkdirSync(work);
  fs.writeFileSync(path.join(work, 'cluster.tf'), `terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}
provider "aws" {
  region = "us-west-2"
}
resource "aws_eks_cluster" "this" {
  name     = "my-cluster"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-12345678"]
  }
}
`);
  // One file per snippet, its resource renamed so that all of them validate in one run.
  snippets.forEach((text, i) => fs.writeFileSync(path.join(work, `case${i}.tf`), text.replace('"aws_eks_addon" "vpc_cni"', `"aws_eks_addon" "vpc_cni_${i}"`)));
  run(TERRAFORM, ['init', '-backend=false', '-input=false', '-no-color'], { cwd: work, env });
  run(TERRAFORM, ['validate', '-no-color'], { cwd: work, env });
});

test('terraform console evaluates every jsonencode to schema-valid JSON carrying the values', () => {
  const work = path.join(dir, 'console');
  fs.mkdirSync(work);
  fs.writeFileSync(path.join(work, 'values.tf'), `locals {\n${snippets.map((s, i) => `  v${i} = ${jsonencode(s)}`).join('\n')}\n}\n`);
  // One expression (piped, the console evaluates its input as one); base64 so that any value survives the
  // console's own quoting.
  const input = `join(",", [${snippets.map((_, i) => `base64encode(local.v${i})`).join(', ')}])\n`;
  const out = JSON.parse(run(TERRAFORM, ['console'], { cwd: work, env, input }).stdout.trim()).split(',');
  assert.equal(out.length, cases.length);
  out.forEach((line, i) => {
    const values = JSON.parse(Buffer.from(line, 'base64').toString('utf8'));
    assert.equal(addonSchema(values), null, cases[i].join(' '));
    for (const s of cases[i]) {
      const [k, v] = [s.slice(0, s.indexOf('=')), s.slice(s.indexOf('=') + 1)];
      if (['WARM_IP_TARGET', 'MINIMUM_IP_TARGET', 'MAX_ENI', 'WARM_PREFIX_TARGET', 'ENI_CONFIG_LABEL_DEF'].includes(k)) assert.equal(values.env[k], v, `${k} in case ${i}`);
    }
  });
});
