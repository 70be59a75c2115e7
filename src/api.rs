//! The calculator as three calls on plain data, for the JavaScript API (`src/ui/api.rs` exports them from the
//! page's wasm): `plan` a scenario, `cluster` a spec, `snippet` a format for some settings. Each answers with
//! what the CLI prints as JSON (or, for a snippet, as text) and refuses with the CLI's one-line message.

use crate::cluster::{self, ClusterReport, ClusterSpec};
use crate::config::CniEnv;
use crate::ipamd::Arrival;
use crate::scenario::{self, Report, Scenario};
use std::collections::BTreeMap;

/// `plan`'s input: the CLI's `plan` options as fields (`settings` as in a cluster spec: values overlaying
/// the shipped manifest).
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanInput {
    pub instance_type: String,
    pub pods: u32,
    #[serde(default)]
    pub then_pods: Option<u32>,
    /// `"ramp"` (the default) or `"burst"`.
    #[serde(default)]
    pub arrival: Option<String>,
    #[serde(default)]
    pub nodes: Option<u32>,
    #[serde(default)]
    pub subnet: Option<String>,
    #[serde(default)]
    pub node_subnet: Option<String>,
    #[serde(default)]
    pub max_pods: Option<u32>,
    #[serde(default)]
    pub seed: Option<u64>,
    #[serde(default)]
    pub settings: BTreeMap<String, String>,
    /// Instance types to add or override, as `vpc-cni-calc instances --json` prints them.
    #[serde(default)]
    pub instance_data: Vec<crate::vpc::InstanceTypeLimits>,
}

/// `vpc-cni-calc plan … --json`.
pub fn plan(input: PlanInput) -> Result<Report, String> {
    let mut s = Scenario::new(&input.instance_type);
    s.pods = input.pods;
    s.then_pods = input.then_pods;
    s.arrival = match input.arrival.as_deref() {
        None | Some("ramp") => Arrival::Ramp,
        Some("burst") => Arrival::Burst,
        Some(other) => {
            return Err(format!(
                "arrival expects ramp or burst, got '{}'",
                crate::suggest::clip(other)
            ))
        }
    };
    s.nodes = input.nodes.unwrap_or(1);
    s.subnet = input.subnet;
    s.node_subnet = input.node_subnet;
    s.max_pods = input.max_pods;
    s.seed = input.seed;
    s.env = env(&input.settings)?;
    s.instance_data = input.instance_data;
    scenario::plan(&s).map_err(|e| e.to_string())
}

/// `vpc-cni-calc cluster SPEC.json --json`.
pub fn cluster(spec: &ClusterSpec) -> Result<ClusterReport, String> {
    cluster::plan(spec).map_err(|e| e.to_string())
}

/// `vpc-cni-calc snippet FORMAT KEY=VALUE…`: the same text (and the same refusals, e.g. for settings
/// ipamd would not start with).
pub fn snippet(format: &str, settings: &BTreeMap<String, String>) -> Result<String, String> {
    crate::cli::snippet_for(format, &env(settings)?).map_err(|e| crate::cli::one_line(&e))
}

/// The manifest overlaid by `settings`; an unknown name is refused as `KEY=VALUE` refuses it.
fn env(settings: &BTreeMap<String, String>) -> Result<CniEnv, String> {
    let mut env = CniEnv::manifest();
    for (k, v) in settings {
        env.set(k, v).map_err(|e| e.to_string())?;
    }
    Ok(env)
}
