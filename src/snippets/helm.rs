//! The `eks/aws-vpc-cni` Helm chart: `--set-string env.KEY=VALUE` (init container keys under `init.env`),
//! `env.KEY=null` to drop a chart default, and `--reset-values` to go back to the chart's defaults.

use super::{nothing_to_change, Changes};

const INSTALL: &str = "helm upgrade --install aws-vpc-cni eks/aws-vpc-cni -n kube-system --reuse-values";

pub(super) fn generate(changes: &Changes) -> String {
    if changes.aws_node.is_empty() {
        return nothing_to_change("#");
    }
    let mut args: Vec<String> = changes
        .aws_node
        .iter()
        .map(|c| match &c.value {
            Some(v) => format!("--set-string env.{}={}", c.name, helm_value(v)),
            None => format!("--set env.{}=null", c.name),
        })
        .collect();
    args.extend(changes.init.iter().filter_map(|c| {
        c.value
            .as_ref()
            .map(|v| format!("--set-string init.env.{}={}", c.name, helm_value(v)))
    }));
    let mut out = String::from("helm repo add eks https://aws.github.io/eks-charts\n");
    out += INSTALL;
    for a in args {
        out += &format!(" \\\n  {a}");
    }
    out += "\n\n# Restore the chart's defaults\n";
    out += "helm upgrade --install aws-vpc-cni eks/aws-vpc-cni -n kube-system --reset-values\n";
    out += &changes.recycle_note("#");
    out
}

/// Escapes what `--set` treats specially in a value (`\\` and `,`) and single-quotes for the shell when needed.
fn helm_value(v: &str) -> String {
    let escaped = v.replace('\\', r"\\").replace(',', r"\,");
    if !escaped.is_empty()
        && escaped
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.:/".contains(&b))
    {
        escaped
    } else {
        format!("'{}'", escaped.replace('\'', r"'\''"))
    }
}
