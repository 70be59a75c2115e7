//! A Terraform `aws_eks_addon` for vpc-cni with `configuration_values = jsonencode(...)`: quoted values
//! (HCL numbers and bools fail the add-on schema), and the provider v5/v6 conflict fields.

use super::{hcl_quote, nothing_to_change, Changes};

pub(super) fn generate(changes: &Changes) -> String {
    let (set, skipped) = changes.addon_env();
    if set.is_empty() && skipped.is_empty() {
        return nothing_to_change("#");
    }
    let width = set.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    let mut out = String::from("resource \"aws_eks_addon\" \"vpc_cni\" {\n");
    out += "  cluster_name                = aws_eks_cluster.this.name\n";
    out += "  addon_name                  = \"vpc-cni\"\n";
    out += "  resolve_conflicts_on_create = \"OVERWRITE\"\n";
    out += "  resolve_conflicts_on_update = \"PRESERVE\"\n";
    out += "  configuration_values = jsonencode({\n    env = {\n";
    for (k, v) in &set {
        out += &format!("      {k:<width$} = {}\n", hcl_quote(v));
    }
    out += "    }\n  })\n}\n";
    for s in skipped {
        out += &format!("# {s}\n");
    }
    out += "# With terraform-aws-modules/eks, put the same jsonencode(...) in addons.vpc-cni.configuration_values\n";
    out += "# and set before_compute = true so nodes start with these settings.\n";
    out += &changes.recycle_note("#");
    out
}
