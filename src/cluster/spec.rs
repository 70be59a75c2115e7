//! The cluster as the user describes it (`vpc-cni-calc cluster SPEC.json`, the page's cluster editor):
//! cluster-wide CNI settings, the subnets per AZ (and the ENIConfig pod subnets under custom networking)
//! and the node groups. Plain data with serde; `parse_json` reads the CLI's file text.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A whole cluster. `settings` overlay the shipped manifest, cluster-wide as in the DaemonSet.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClusterSpec {
    /// `aws-node` environment variables (names as in the DaemonSet, values as strings). Optional.
    #[serde(default)]
    pub settings: BTreeMap<String, String>,
    /// The node subnets, one or more per AZ. Without custom networking pods draw from them too.
    pub subnets: Vec<SubnetSpec>,
    /// Custom networking only: the ENIConfig subnet of each AZ, where pods draw their addresses. Optional.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pod_subnets: Vec<SubnetSpec>,
    pub node_groups: Vec<NodeGroupSpec>,
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
#[serde(try_from = "SurgeJson", into = "SurgeJson")]
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

/// `surge` as JSON spells it: a number or a string.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum SurgeJson {
    Nodes(u32),
    Text(String),
}

impl TryFrom<SurgeJson> for Surge {
    type Error = String;
    fn try_from(j: SurgeJson) -> Result<Surge, String> {
        match j {
            SurgeJson::Nodes(n) => Ok(Surge::Nodes(n)),
            SurgeJson::Text(t) => Surge::parse(&t),
        }
    }
}

impl From<Surge> for SurgeJson {
    fn from(s: Surge) -> SurgeJson {
        match s {
            Surge::Nodes(n) => SurgeJson::Nodes(n),
            Surge::Percent(_) => SurgeJson::Text(s.to_string()),
        }
    }
}

/// Reads a spec from JSON text; the error is serde's one line (field, line and column).
pub fn parse_json(text: &str) -> Result<ClusterSpec, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}
