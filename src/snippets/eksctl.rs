//! An eksctl `ClusterConfig` that sets the vpc-cni add-on's `configurationValues` (a YAML string whose env
//! values are quoted), applied with `eksctl update addon -f`.

use super::{nothing_to_change, yaml_quote, Changes};

pub(super) fn generate(changes: &Changes) -> String {
    let (set, skipped) = changes.addon_env();
    if set.is_empty() && skipped.is_empty() {
        return nothing_to_change("#");
    }
    let mut out = String::from("# eksctl update addon -f cluster.yaml   (eksctl create addon -f for a new add-on)\n");
    out += "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: my-cluster\n  region: us-west-2\n";
    out += "addons:\n- name: vpc-cni\n  version: latest\n  resolveConflicts: preserve\n";
    if set.is_empty() {
        out += "  configurationValues: \"{}\"\n";
    } else {
        out += "  configurationValues: |-\n    env:\n";
        for (k, v) in &set {
            out += &format!("      {k}: {}\n", yaml_quote(v));
        }
    }
    for s in skipped {
        out += &format!("# {s}\n");
    }
    if changes.needs_recycle {
        out += "# Prefix delegation, custom networking and IPv6 change max pods: set maxPodsPerNode and recycle the nodes.\n";
    }
    out
}
