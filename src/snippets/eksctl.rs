//! An eksctl `ClusterConfig` that sets the vpc-cni add-on's `configurationValues` (a YAML string whose env
//! values are double-quoted scalars), applied with `eksctl update addon -f`. No `version`: `latest` would
//! upgrade the add-on on every update, and leaving it out keeps the installed one.

use super::eni_config::{subnet, REGION, SECURITY_GROUP, ZONES};
use super::quote::yaml;
use super::Changes;
use std::fmt::Write as _;

pub(super) fn generate(changes: &Changes) -> String {
    if changes.is_empty() {
        return changes.nothing_to_change("#");
    }
    let (set, skipped) = changes.addon_env();
    let mut out = String::from("# eksctl update addon -f cluster.yaml   (eksctl create addon -f for a new add-on)\n");
    out += "# No version: the installed add-on version stays. eksctl refuses the update when the add-on has Pod Identity\n";
    out += "# associations that this file does not list under podIdentityAssociations.\n";
    out += &changes.addon_notes(&set, "#");
    if changes.addon_sets_nothing(&set) {
        out += "# Nothing to write: configurationValues can set keys but cannot unset them.\n";
    } else {
        out +=
            "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: my-cluster\n  region: us-west-2\n";
        out += "addons:\n- name: vpc-cni\n  resolveConflicts: preserve\n  configurationValues: |-\n";
        if !set.is_empty() {
            out += "    env:\n";
            for (k, v) in &set {
                let _ = writeln!(out, "      {k}: {}", yaml(v));
            }
        }
        if changes.eni_config.is_some() {
            let _ = writeln!(
                out,
                "    eniConfig:\n      create: true\n      region: {REGION}\n      subnets:"
            );
            for z in ZONES {
                let _ = writeln!(
                    out,
                    "        {z}:\n          id: {}\n          securityGroups:\n          - {SECURITY_GROUP}",
                    subnet(z)
                );
            }
        }
    }
    for s in skipped {
        let _ = writeln!(out, "# {s}");
    }
    out += &changes.notes("#");
    out
}
