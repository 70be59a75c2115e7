//! An aws-cdk-lib `eks.KubernetesPatch` (TypeScript) on `daemonset/aws-node` in `kube-system`: a strategic
//! patch whose env list merges by name, string values only, and a `restorePatch` that puts the manifest
//! back (`$patch: 'delete'` for variables the manifest does not set).
//!
//! The apply patch is state-complete over every sizing variable: the construct id is stable, so a redeploy
//! with regenerated settings runs only the new apply patch, and a variable set by the old one must be reset
//! by the new one (to the manifest value, or deleted).
//!
//! For vpc-cni as an EKS managed add-on, the same settings follow as an `eks.Addon`.

use super::eni_config::{subnet, REGION, SECURITY_GROUP, ZONES};
use super::quote::ts;
use super::{section, Change, Changes};
use std::fmt::Write as _;

pub(super) fn generate(changes: &Changes) -> String {
    if changes.is_empty() {
        return changes.nothing_to_change("//");
    }
    let mut out = String::from("import * as eks from 'aws-cdk-lib/aws-eks';\n\n");
    out += &changes.notes("//");
    out += "// For a vpc-cni managed add-on, use the eks.Addon below instead.\n";
    let custom = changes.eni_config.is_some();
    if let Some(sel) = &changes.eni_config {
        out += &sel.note("//");
        out += "const eniConfigs = new eks.KubernetesManifest(this, 'EniConfigs', {\n  cluster,\n  manifest: [\n";
        for z in ZONES {
            let _ = writeln!(out,
                "    {{\n      apiVersion: 'crd.k8s.amazonaws.com/v1alpha1',\n      kind: 'ENIConfig',\n      metadata: {{ name: '{z}' }},\n      spec: {{ subnet: '{}', securityGroups: ['{SECURITY_GROUP}'] }},\n    }},",
                subnet(z)
            );
        }
        out += "  ],\n});\n";
    }
    out += if custom { "const awsNodeEnv = " } else { "" };
    out += "new eks.KubernetesPatch(this, 'AwsNodeEnv', {\n";
    out += "  cluster,\n";
    out += "  resourceName: 'daemonset/aws-node',\n";
    out += "  resourceNamespace: 'kube-system',\n";
    out += "  patchType: eks.PatchType.STRATEGIC,\n";
    let _ = writeln!(out, "  applyPatch: {},", patch(&changes.all, |c| c.value.as_deref()));
    let _ = writeln!(out, "  restorePatch: {},", patch(&changes.all, |c| c.restore));
    out += "});\n";
    if custom {
        out += "// The ENIConfigs exist before aws-node restarts with custom networking.\nawsNodeEnv.node.addDependency(eniConfigs);\n";
    }
    out + &addon(changes)
}

/// The same settings for vpc-cni as an EKS managed add-on: `eks.Addon` with `configurationValues` (no
/// `addonVersion`, so the installed version stays).
fn addon(changes: &Changes) -> String {
    let (set, skipped) = changes.addon_env();
    let mut out = section("vpc-cni as an EKS managed add-on (eks.Addon), instead of the patch above");
    out += &changes.addon_notes(&set, "//");
    for s in &skipped {
        let _ = writeln!(out, "// {s}");
    }
    if changes.addon_sets_nothing(&set) {
        return out + "// Nothing to set: configurationValues can set keys but cannot unset them.\n";
    }
    out += "new eks.Addon(this, 'VpcCni', {\n  cluster,\n  addonName: 'vpc-cni',\n  configurationValues: {\n";
    if !set.is_empty() {
        out += "    env: {\n";
        for (k, v) in &set {
            let _ = writeln!(out, "      {k}: {},", ts(v));
        }
        out += "    },\n";
    }
    if changes.eni_config.is_some() {
        let _ = writeln!(
            out,
            "    eniConfig: {{\n      create: true,\n      region: '{REGION}',\n      subnets: {{"
        );
        for z in ZONES {
            let _ = writeln!(
                out,
                "        '{z}': {{ id: '{}', securityGroups: ['{SECURITY_GROUP}'] }},",
                subnet(z)
            );
        }
        out += "      },\n    },\n";
    }
    out + "  },\n});\n"
}

fn patch(all: &[Change], value: impl Fn(&Change) -> Option<&str>) -> String {
    let env: Vec<String> = all
        .iter()
        .map(|c| match value(c) {
            Some(v) => format!("        {{ name: '{}', value: {} }},", c.name, ts(v)),
            None => format!("        {{ name: '{}', $patch: 'delete' }},", c.name),
        })
        .collect();
    format!(
        "{{\n    spec: {{ template: {{ spec: {{ containers: [{{\n      name: 'aws-node',\n      env: [\n{}\n      ],\n    }}] }} }} }},\n  }}",
        env.join("\n")
    )
}
