//! The EKS managed add-on's `configurationValues`: a JSON string whose env values are all strings, applied
//! with `aws eks update-addon`. Keys outside the add-on schema (ENABLE_IPv4, ENABLE_IPv6) are left out
//! with a note: EKS sets them for IPv6 clusters.

use super::{json_object, nothing_to_change, Changes};

/// Settings the vpc-cni add-on schema (v1.22.1–v1.23.0) has no `env` key for.
pub const NOT_IN_ADDON_SCHEMA: [&str; 2] = ["ENABLE_IPv4", "ENABLE_IPv6"];

pub(super) fn generate(changes: &Changes) -> String {
    let (set, skipped) = changes.addon_env();
    if set.is_empty() && skipped.is_empty() {
        return nothing_to_change("#");
    }
    let json = json_object("env", &set);
    let mut out = String::from(
        "# EKS managed add-on. Every value is a string; check the keys for your add-on version with\n\
         #   aws eks describe-addon-configuration --addon-name vpc-cni --addon-version <version>\n",
    );
    out += "aws eks update-addon --cluster-name my-cluster --addon-name vpc-cni \\\n";
    out += "  --resolve-conflicts PRESERVE \\\n";
    out += &format!("  --configuration-values '{}'\n", json.replace('\'', r"'\''"));
    for s in skipped {
        out += &format!("# {s}\n");
    }
    out += "\n# Restore: update the add-on with configurationValues that no longer set these keys (e.g. '{}'),\n";
    out += "# and the add-on's defaults apply again.\n";
    out += &changes.recycle_note("#");
    out
}
