//! The cluster as the user describes it (`vpc-cni-calc cluster SPEC.json`, the page's cluster editor):
//! cluster-wide CNI settings, the subnets per AZ (and the ENIConfig pod subnets under custom networking)
//! and the node groups. Plain data with serde; `parse_json` reads the CLI's file text.

use crate::order::SortedMap;
use serde::{Deserialize, Serialize};

/// A whole cluster. `settings` overlay the shipped manifest, cluster-wide as in the DaemonSet.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClusterSpec {
    /// `aws-node` environment variables (names as in the DaemonSet, values as strings). Optional.
    #[serde(default)]
    pub settings: SortedMap,
    /// The node subnets, one or more per AZ. Without custom networking pods draw from them too.
    pub subnets: Vec<SubnetSpec>,
    /// Custom networking only: the ENIConfig subnet of each AZ, where pods draw their addresses. Optional.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pod_subnets: Vec<SubnetSpec>,
    pub node_groups: Vec<NodeGroupSpec>,
    /// Instance types for this run only (`cluster --instance-data FILE`), over the built-in catalog as
    /// `vpc::lookup_in` reads them. Not part of the spec file.
    #[serde(skip)]
    pub instance_data: Vec<crate::vpc::InstanceTypeLimits>,
    /// Manifest settings removed from the environment (the page's `KEY-`, a pasted env that lacks them), so
    /// ipamd's own default applies rather than the manifest's value. Applied after `settings`. Optional in the
    /// spec file (`cluster --settings-from` writes it for a DaemonSet that lacks a manifest variable).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unset: Vec<String>,
}

/// One subnet: its CIDR, its AZ (any label, e.g. `a` or `us-east-1a`) and the addresses other things
/// already hold in it (load balancers, endpoints, other nodes). `used` is optional (0).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubnetSpec {
    pub cidr: String,
    pub az: String,
    #[serde(default)]
    pub used: u32,
}

/// One node group. `max_nodes` defaults to `nodes`, `surge` to 0, `azs` to every AZ that has a subnet
/// (in the order the subnets first name them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeGroupSpec {
    pub name: String,
    pub instance_type: String,
    /// Pods per node that need a VPC IP (host-network pods excluded).
    pub pods: u32,
    /// Desired nodes.
    pub nodes: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_nodes: Option<u32>,
    #[serde(default)]
    pub surge: Surge,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub azs: Vec<String>,
}

/// Extra nodes during a rolling replacement, on top of `max_nodes`: a count (JSON `1`) or a percentage
/// of `max_nodes` (JSON `"25%"`), rounded up as Kubernetes rounds `maxSurge`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "serde_json::Value", into = "serde_json::Value")]
pub enum Surge {
    Nodes(u32),
    /// 0 to 100.
    Percent(u32),
}

impl Default for Surge {
    fn default() -> Surge {
        Surge::Nodes(0)
    }
}

impl Surge {
    /// The extra nodes for a group of `max_nodes`: the count, or ⌈max_nodes × percent / 100⌉.
    pub fn nodes(self, max_nodes: u32) -> u32 {
        match self {
            Surge::Nodes(n) => n,
            Surge::Percent(p) => {
                let n = (u64::from(max_nodes) * u64::from(p)).div_ceil(100);
                u32::try_from(n).unwrap_or(u32::MAX)
            }
        }
    }

    /// Reads `"25%"` (0 to 100 percent) or a whole number of nodes.
    pub fn parse(s: &str) -> Result<Surge, String> {
        let bad = || {
            format!(
                "surge '{}' is not a node count or a percentage like \"25%\"",
                crate::suggest::clip(s)
            )
        };
        let digits = |t: &str| !t.is_empty() && t.len() <= 9 && t.bytes().all(|b| b.is_ascii_digit());
        match s.strip_suffix('%') {
            Some(p) if digits(p) => {
                let p: u32 = p.parse().map_err(|_| bad())?;
                if p > 100 {
                    return Err(format!("surge {p}% is more than 100%"));
                }
                Ok(Surge::Percent(p))
            }
            None if digits(s) => s.parse().map(Surge::Nodes).map_err(|_| bad()),
            _ => Err(bad()),
        }
    }
}

impl std::fmt::Display for Surge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Surge::Nodes(n) => write!(f, "{n}"),
            Surge::Percent(p) => write!(f, "{p}%"),
        }
    }
}

/// `surge` in JSON: a whole number of nodes or a string (`"25%"`); anything else is refused in words.
impl TryFrom<serde_json::Value> for Surge {
    type Error = String;
    fn try_from(v: serde_json::Value) -> Result<Surge, String> {
        match &v {
            serde_json::Value::Number(n) => n
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .map(Surge::Nodes)
                .ok_or_else(|| format!("surge {n} is not a whole number of nodes")),
            serde_json::Value::String(t) => Surge::parse(t),
            _ => Err("surge is a node count or a percentage like \"25%\"".to_string()),
        }
    }
}

impl From<Surge> for serde_json::Value {
    fn from(s: Surge) -> serde_json::Value {
        match s {
            Surge::Nodes(n) => n.into(),
            Surge::Percent(_) => s.to_string().into(),
        }
    }
}

/// Reads a spec from JSON text; the error is serde's one line (field, line and column), with any
/// control character it quotes escaped. A spec string holding a control character is refused.
pub fn parse_json(text: &str) -> Result<ClusterSpec, String> {
    let spec: ClusterSpec = serde_json::from_str(text).map_err(|e| escape_controls(&e.to_string()))?;
    spec.check_text()?;
    Ok(spec)
}

impl ClusterSpec {
    /// This cluster under `env`'s cluster-wide settings: its changes from the shipped manifest as
    /// `settings`, and a removed setting (`KEY-`) as `unset`, so ipamd's own default applies rather than
    /// the manifest's value (the page's settings, or its "before" settings).
    pub fn with_env(&self, env: &crate::config::CniEnv) -> ClusterSpec {
        let mut settings = SortedMap::new();
        let mut unset = Vec::new();
        for e in env.changes() {
            match e.value {
                Some(v) => {
                    settings.insert(e.name, v);
                }
                None => unset.push(e.name),
            }
        }
        ClusterSpec {
            settings,
            unset,
            ..self.clone()
        }
    }

    /// This spec with `edits` applied to its settings (an alternative's, the page's proposed line): a removal
    /// unsets the variable, so ipamd's default applies rather than the manifest's value.
    pub fn with_edits(&self, edits: &[crate::edit::Edit]) -> ClusterSpec {
        let mut s = self.clone();
        for e in edits {
            s.unset.retain(|n| *n != e.name);
            match &e.value {
                Some(v) => {
                    s.settings.insert(e.name.clone(), v.clone());
                }
                None => {
                    s.settings.remove(&e.name);
                    s.unset.push(e.name.clone());
                }
            }
        }
        s
    }

    /// Refuses, in one line naming the field, any string of the spec (setting names and values, CIDRs,
    /// AZs, group names, instance types) holding a control character or a line or bidirectional-text
    /// mark: printed raw, a `\r`, ESC or U+202E forges the verdict line, and a `\n` splits it.
    pub fn check_text(&self) -> Result<(), String> {
        let mut fields: Vec<(String, &str)> = Vec::new();
        for (k, v) in &self.settings {
            fields.push(("settings".into(), k.as_str()));
            fields.push(("settings".into(), v));
        }
        for n in &self.unset {
            fields.push(("unset".into(), n));
        }
        for (list, subnets) in [("subnets", &self.subnets), ("pod_subnets", &self.pod_subnets)] {
            for (i, s) in subnets.iter().enumerate() {
                fields.push((format!("{list}[{i}].cidr"), &s.cidr));
                fields.push((format!("{list}[{i}].az"), &s.az));
            }
        }
        for (i, g) in self.node_groups.iter().enumerate() {
            fields.push((format!("node_groups[{i}].name"), &g.name));
            fields.push((format!("node_groups[{i}].instance_type"), &g.instance_type));
            for az in &g.azs {
                fields.push((format!("node_groups[{i}].azs"), az));
            }
        }
        match fields
            .iter()
            .find_map(|(f, t)| Some((f, t.chars().find(|&c| is_control(c))?)))
        {
            Some((field, c)) => Err(format!(
                "{field}: control character U+{:04X} is not allowed",
                u32::from(c)
            )),
            None => Ok(()),
        }
    }
}

/// A control character (C0, DEL, C1), a line or paragraph separator, or a bidirectional-text override.
fn is_control(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every control character as its escape (`\r`, `\u{1b}`), so it stays one line.
fn escape_controls(text: &str) -> String {
    text.chars()
        .map(|c| {
            if is_control(c) {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}
