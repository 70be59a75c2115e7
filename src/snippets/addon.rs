//! The EKS managed add-on's `configurationValues`: a JSON string whose env values are all strings, applied
//! with `aws eks update-addon`. Keys outside the add-on schema (ENABLE_IPv4, ENABLE_IPv6) are left out
//! with a note: EKS sets them for IPv6 clusters. `configurationValues` cannot unset a key, so a change that
//! only removes keys prints no command.

use super::eni_config::Selection;
use super::quote::json_object;
use super::Changes;
use std::fmt::Write as _;

/// Settings the vpc-cni add-on schema (v1.22.1–v1.23.0) has no `env` key for.
pub const NOT_IN_ADDON_SCHEMA: [&str; 2] = ["ENABLE_IPv4", "ENABLE_IPv6"];

pub(super) fn generate(changes: &Changes) -> String {
    if changes.is_empty() {
        return changes.nothing_to_change("#");
    }
    let (set, skipped) = changes.addon_env();
    let mut out = String::from(
        "# EKS managed add-on. Every value is a string; check the keys for your add-on version with\n\
         #   aws eks describe-addon-configuration --addon-name vpc-cni --addon-version <version>\n",
    );
    out += &changes.addon_notes(&set, "#");
    match configuration_values(changes, &set) {
        Some(json) => {
            out += "aws eks update-addon --cluster-name my-cluster --addon-name vpc-cni \\\n";
            out += "  --resolve-conflicts PRESERVE \\\n";
            let _ = writeln!(out, "  --configuration-values '{}'", json.replace('\'', r"'\''"));
        }
        None => out += "# No update-addon command: configurationValues can set keys but cannot unset them.\n",
    }
    for s in skipped {
        let _ = writeln!(out, "# {s}");
    }
    out += "\n# Restore: update the add-on with configurationValues that no longer set these keys (e.g. '{}'),\n";
    out += "# and the add-on's defaults apply again.\n";
    out += &changes.notes("#");
    out
}

/// The `configurationValues` JSON (`env`, and `eniConfig` with custom networking), or `None` when there is
/// nothing it can set.
fn configuration_values(changes: &Changes, set: &[(&'static str, String)]) -> Option<String> {
    if changes.addon_sets_nothing(set) {
        return None;
    }
    let env = json_object("env", set);
    Some(match changes.eni_config {
        Some(_) => format!("{},\"eniConfig\":{}}}", &env[..env.len() - 1], Selection::addon_json()),
        None => env,
    })
}
