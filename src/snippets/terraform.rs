//! A Terraform `aws_eks_addon` for vpc-cni with `configuration_values = jsonencode(...)`: quoted values
//! (HCL numbers and bools fail the add-on schema), and the provider v5/v6 conflict fields.

use super::eni_config::{subnet, REGION, SECURITY_GROUP, ZONES};
use super::quote::hcl;
use super::Changes;
use std::fmt::Write as _;

pub(super) fn generate(changes: &Changes) -> String {
    if changes.is_empty() {
        return changes.nothing_to_change("#");
    }
    let (set, skipped) = changes.addon_env();
    let mut out = changes.addon_notes(&set, "#");
    if changes.addon_sets_nothing(&set) {
        out += "# Nothing to write: configuration_values can set keys but cannot unset them.\n";
    } else {
        let width = set.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
        out += "resource \"aws_eks_addon\" \"vpc_cni\" {\n";
        out += "  cluster_name                = aws_eks_cluster.this.name\n";
        out += "  addon_name                  = \"vpc-cni\"\n";
        out += "  resolve_conflicts_on_create = \"OVERWRITE\"\n";
        out += "  resolve_conflicts_on_update = \"PRESERVE\"\n";
        out += "  configuration_values = jsonencode({\n";
        if !set.is_empty() {
            out += "    env = {\n";
            for (k, v) in &set {
                let _ = writeln!(out, "      {k:<width$} = {}", hcl(v));
            }
            out += "    }\n";
        }
        if changes.eni_config.is_some() {
            let _ = write!(
                out,
                "    eniConfig = {{\n      create = true\n      region = \"{REGION}\"\n      subnets = {{\n"
            );
            for z in ZONES {
                let _ = writeln!(out,
                    "        \"{z}\" = {{\n          id             = \"{}\"\n          securityGroups = [\"{SECURITY_GROUP}\"]\n        }}",
                    subnet(z)
                );
            }
            out += "      }\n    }\n";
        }
        out += "  })\n}\n";
    }
    for s in skipped {
        let _ = writeln!(out, "# {s}");
    }
    out += "# With terraform-aws-modules/eks, put the same jsonencode(...) in addons.vpc-cni.configuration_values\n";
    out += "# and set before_compute = true so nodes start with these settings.\n";
    out += &changes.notes("#");
    out
}
