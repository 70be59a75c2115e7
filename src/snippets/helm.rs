//! The `eks/aws-vpc-cni` Helm chart with `--reuse-values`: `--set-string env.KEY=VALUE`, `env.KEY=null` to
//! drop a key, or the same as a values file. The chart version is pinned to the CNI version the plan models, so applying a setting never
//! upgrades the CNI; the restore resets only the keys it set (never `--reset-values`, which drops every other
//! value the user set and can change the DaemonSet's selector).

use super::eni_config::{subnet, REGION, SECURITY_GROUP, ZONES};
use super::quote::{shell, yaml};
use super::{Change, Changes};
use crate::max_pods::CURRENT_CNI_VERSION;
use std::fmt::Write as _;

pub(super) fn generate(changes: &Changes) -> String {
    if changes.is_empty() {
        return changes.nothing_to_change("#");
    }
    let changed = changes.changed();
    let mut out = String::from("helm repo add eks https://aws.github.io/eks-charts\n");
    if let Some(sel) = &changes.eni_config {
        out += &sel.note("#");
    }
    let mut apply = args(&changed, |c| c.value.as_deref());
    let mut restore = args(&changed, |c| c.restore);
    if changes.eni_config.is_some() {
        apply.push("--set eniConfig.create=true".into());
        apply.push(format!("--set-string eniConfig.region={REGION}"));
        for z in ZONES {
            apply.push(format!("--set-string eniConfig.subnets.{z}.id={}", subnet(z)));
            apply.push(format!(
                "--set-string eniConfig.subnets.{z}.securityGroups[0]={SECURITY_GROUP}"
            ));
        }
        restore.push("--set eniConfig.create=false".into());
    }
    out += &command(&apply);
    out += "\n# Restore the chart defaults of these keys only (other values you set stay)\n";
    out += &command(&restore);
    if changed.iter().any(|c| c.restore.is_none()) {
        out += "# A key the chart does not set stays in the release with an empty value, which ipamd reads as unset.\n";
    }
    out += "\n# Or keep the settings in a values file (null drops a chart default):\n";
    let _ = writeln!(
        out,
        "cat > vpc-cni-values.yaml <<'EOF'\n{}EOF",
        values_file(&changed, changes.eni_config.is_some())
    );
    out += &command(&["-f vpc-cni-values.yaml".to_string()]);
    out += &changes.notes("#");
    out
}

/// The values file: `env` with double-quoted values (`null` to drop), and `eniConfig` with custom networking.
fn values_file(changed: &[&Change], eni_config: bool) -> String {
    let mut out = String::new();
    if !changed.is_empty() {
        out += "env:\n";
        for c in changed {
            let _ = writeln!(
                out,
                "  {}: {}",
                c.name,
                c.value.as_deref().map_or("null".to_string(), yaml)
            );
        }
    }
    if eni_config {
        let _ = writeln!(out, "eniConfig:\n  create: true\n  region: {REGION}\n  subnets:");
        for z in ZONES {
            let _ = writeln!(
                out,
                "    {z}:\n      id: {}\n      securityGroups:\n      - {SECURITY_GROUP}",
                subnet(z)
            );
        }
    }
    out
}

fn command(args: &[String]) -> String {
    let mut out = format!(
        "helm upgrade --install aws-vpc-cni eks/aws-vpc-cni -n kube-system --version {CURRENT_CNI_VERSION} --reuse-values"
    );
    for a in args {
        let _ = write!(out, " \\\n  {a}");
    }
    out + "\n"
}

/// `--set-string env.K=V` for a value, `--set env.K=null` for none (the chart's defaults are the manifest's).
fn args(changes: &[&Change], value: impl Fn(&Change) -> Option<&str>) -> Vec<String> {
    changes
        .iter()
        .map(|c| match value(c) {
            Some(v) => format!("--set-string {}", shell(&format!("env.{}={}", c.name, helm_value(v)))),
            None => format!("--set env.{}=null", c.name),
        })
        .collect()
}

/// Escapes what `--set` parses in a value: `\`, `,` and a leading `{` (a list).
fn helm_value(v: &str) -> String {
    let escaped = v.replace('\\', r"\\").replace(',', r"\,");
    match escaped.strip_prefix('{') {
        Some(rest) => format!(r"\{{{rest}"),
        None => escaped,
    }
}
