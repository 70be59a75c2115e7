//! The page's input fields: their link keys, labels and help lines, and the `SETTINGS` entry a setting
//! field edits.

use crate::config::{self, Setting};

/// The longest instance-type name the form looks up (the longest real one is about 20 characters);
/// longer text gets a message before any "did you mean" work.
pub const MAX_INSTANCE_TYPE_CHARS: usize = 64;

/// Whether `name` is short enough to look up or search for.
pub fn searchable(name: &str) -> bool {
    name.chars().nth(MAX_INSTANCE_TYPE_CHARS).is_none()
}

/// Every input field, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    InstanceType,
    Pods,
    ThenPods,
    Arrival,
    Nodes,
    Subnet,
    NodeSubnet,
    Mode,
    WarmEniTarget,
    WarmIpTarget,
    MinimumIpTarget,
    WarmPrefixTarget,
    MaxEni,
    CustomNetworking,
    PodEni,
    MaxPods,
    Seed,
}

impl Field {
    pub const ALL: [Field; 17] = [
        Field::InstanceType,
        Field::Pods,
        Field::ThenPods,
        Field::Arrival,
        Field::Nodes,
        Field::Subnet,
        Field::NodeSubnet,
        Field::Mode,
        Field::WarmEniTarget,
        Field::WarmIpTarget,
        Field::MinimumIpTarget,
        Field::WarmPrefixTarget,
        Field::MaxEni,
        Field::CustomNetworking,
        Field::PodEni,
        Field::MaxPods,
        Field::Seed,
    ];

    /// The URL query key; CNI settings keep their env var names.
    pub fn key(self) -> &'static str {
        match self {
            Field::InstanceType => "type",
            Field::Pods => "pods",
            Field::ThenPods => "then",
            Field::Arrival => "arrival",
            Field::Nodes => "nodes",
            Field::Subnet => "subnet",
            Field::NodeSubnet => "node_subnet",
            Field::Mode => "mode",
            Field::WarmEniTarget
            | Field::WarmIpTarget
            | Field::MinimumIpTarget
            | Field::WarmPrefixTarget
            | Field::MaxEni => self.setting().map_or("", |s| s.name),
            Field::CustomNetworking => "custom",
            Field::PodEni => "sgp",
            Field::MaxPods => "max_pods",
            Field::Seed => "seed",
        }
    }

    /// The visible label (also the accessible name tests look fields up by).
    pub fn label(self) -> &'static str {
        match self {
            Field::InstanceType => "Instance type",
            Field::Pods => "Pods per node",
            Field::ThenPods => "Then scale to (pods)",
            Field::Arrival => "Arrival",
            Field::Nodes => "Nodes",
            Field::Subnet => "Subnet CIDR",
            Field::NodeSubnet => "Node subnet CIDR",
            Field::Mode => "Mode",
            Field::WarmEniTarget => "WARM_ENI_TARGET",
            Field::WarmIpTarget => "WARM_IP_TARGET",
            Field::MinimumIpTarget => "MINIMUM_IP_TARGET",
            Field::WarmPrefixTarget => "WARM_PREFIX_TARGET",
            Field::MaxEni => "MAX_ENI",
            Field::CustomNetworking => "Custom networking",
            Field::PodEni => "Security groups for pods",
            Field::MaxPods => "kubelet maxPods",
            Field::Seed => "Random placement seed",
        }
    }

    /// The `aws-node` setting this field edits, from the `SETTINGS` table.
    pub fn setting(self) -> Option<&'static Setting> {
        config::setting(match self {
            Field::WarmEniTarget => "WARM_ENI_TARGET",
            Field::WarmIpTarget => "WARM_IP_TARGET",
            Field::MinimumIpTarget => "MINIMUM_IP_TARGET",
            Field::WarmPrefixTarget => "WARM_PREFIX_TARGET",
            Field::MaxEni => "MAX_ENI",
            Field::CustomNetworking => "AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG",
            Field::PodEni => "ENABLE_POD_ENI",
            _ => return None,
        })
    }

    /// What an empty setting field means: the manifest's value, else ipamd's code default.
    pub fn default_text(self) -> Option<String> {
        self.setting().map(|s| match s.manifest {
            Some(m) => format!("{m} (manifest)"),
            None => format!("{} (not set)", s.code_default()),
        })
    }

    /// One line under the field; a setting's is the `SETTINGS` table's.
    pub fn help(self) -> &'static str {
        match self {
            Field::WarmEniTarget
            | Field::WarmIpTarget
            | Field::MinimumIpTarget
            | Field::WarmPrefixTarget
            | Field::MaxEni
            | Field::CustomNetworking
            | Field::PodEni => self.setting().map_or("", |s| s.doc),
            Field::InstanceType => "Search 1391 EC2 types; limits from the VPC CNI v1.23.1 table.",
            Field::Pods => "Pods that need a VPC IP on each node (host-network pods excluded).",
            Field::ThenPods => "Optional scale-down (or up) once the pool has settled.",
            Field::Arrival => "Ramp: one pod per 5 s pass. Burst: all at once; pods without an IP retry.",
            Field::Nodes => "Identical nodes in the group.",
            Field::Subnet => "Where pod addresses come from (the ENIConfig subnet with custom networking).",
            Field::NodeSubnet => "Custom networking: the node's own subnet (one address per node).",
            Field::Mode => "IPv6 is chosen when the cluster is created.",
            Field::MaxPods => {
                "Empty: what max-pods-calculator.sh recommends for these settings. A number, or a nodeadm \
                 maxPodsExpression (AL2023), e.g. max_pods + 8 or max_pods > 110 ? 110 : max_pods."
            }
            Field::Seed => "Empty: tight packing. A number: reproducible random placement, as real nodes have.",
        }
    }
}
