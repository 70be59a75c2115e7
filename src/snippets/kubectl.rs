//! `kubectl set env` for a self-managed `aws-node`: always `-c aws-node` (the default `*` also hits the init
//! container and the node agent), `KEY=VALUE` to set and `KEY-` to unset, plus the command that restores
//! the manifest. With custom networking, the ENIConfigs are applied from a here-document.

use super::eni_config::Selection;
use super::quote::shell;
use super::{Change, Changes};
use std::fmt::Write as _;

const TARGET: &str = "kubectl set env daemonset/aws-node -n kube-system -c aws-node";

pub(super) fn generate(changes: &Changes) -> String {
    if changes.is_empty() {
        return changes.nothing_to_change("#");
    }
    let changed = changes.changed();
    let mut out = String::from("# Apply\n");
    if let Some(sel) = &changes.eni_config {
        out += &sel.note("#");
        let _ = writeln!(out, "kubectl apply -f - <<'EOF'\n{}EOF", Selection::manifests());
        if let Some(cmd) = sel.node_command() {
            let _ = writeln!(out, "{cmd}");
        }
    }
    if !changed.is_empty() {
        out += &command(&changed, |c| c.value.as_deref());
        out += "\n# Restore the shipped settings\n";
        out += &command(&changed, |c| c.restore);
    }
    out += "\n# If vpc-cni is an EKS managed add-on, set these in configurationValues instead:\n";
    out += "# kubectl edits are lost when the add-on is updated with --resolve-conflicts OVERWRITE.\n";
    out += &changes.notes("#");
    out
}

fn command(changes: &[&Change], value: impl Fn(&Change) -> Option<&str>) -> String {
    let args: Vec<String> = changes
        .iter()
        .map(|c| match value(c) {
            Some(v) => format!("{}={}", c.name, shell(v)),
            None => format!("{}-", c.name),
        })
        .collect();
    format!("{TARGET} {}\n", args.join(" "))
}
