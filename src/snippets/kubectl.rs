//! `kubectl set env` for a self-managed `aws-node`: always `-c aws-node` (the default `*` also hits the init
//! container), `KEY=VALUE` to set and `KEY-` to unset, plus the command that restores the manifest.

use super::{nothing_to_change, Change, Changes};

const TARGET: &str = "kubectl set env daemonset/aws-node -n kube-system";

pub(super) fn generate(changes: &Changes) -> String {
    if changes.aws_node.is_empty() {
        return nothing_to_change("#");
    }
    let mut out = String::from("# Apply\n");
    out += &command("aws-node", &changes.aws_node, |c| set_arg(c.name, c.value.as_deref()));
    if !changes.init.is_empty() {
        out += &command("aws-vpc-cni-init", &changes.init, |c| {
            set_arg(c.name, c.value.as_deref())
        });
    }
    out += "\n# Restore the shipped settings\n";
    out += &command("aws-node", &changes.aws_node, |c| set_arg(c.name, c.restore));
    if !changes.init.is_empty() {
        out += &command("aws-vpc-cni-init", &changes.init, |c| set_arg(c.name, c.restore));
    }
    out += "\n# If vpc-cni is an EKS managed add-on, set these in configurationValues instead:\n";
    out += "# kubectl edits are lost when the add-on is updated with --resolve-conflicts OVERWRITE.\n";
    out += &changes.recycle_note("#");
    out
}

fn command(container: &str, changes: &[Change], arg: impl Fn(&Change) -> String) -> String {
    let args: Vec<String> = changes.iter().map(arg).collect();
    format!("{TARGET} -c {container} {}\n", args.join(" "))
}

fn set_arg(name: &str, value: Option<&str>) -> String {
    match value {
        Some(v) => format!("{name}={}", shell_quote(v)),
        None => format!("{name}-"),
    }
}

/// Leaves plain values bare and single-quotes anything else for a POSIX shell.
fn shell_quote(v: &str) -> String {
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-+:/".contains(&b)) {
        v.to_string()
    } else {
        format!("'{}'", v.replace('\'', r"'\''"))
    }
}
