//! Custom networking needs an `ENIConfig` per availability zone (the pod subnet and its security groups) and
//! a way for each node to pick one. ipamd reads the name from the node's annotation
//! `ENI_CONFIG_ANNOTATION_DEF`, else its label `ENI_CONFIG_LABEL_DEF` (both default to
//! `k8s.amazonaws.com/eniConfig`; `GetNodeSpecificENIConfigName` in `pkg/eniconfig/eniconfig.go`).

use super::quote::{comment_safe, shell};
use crate::config::{eni_config_def, CniEnv};
use std::fmt::Write as _;

/// Placeholder zones, matching the snippets' `us-west-2` region.
pub(super) const ZONES: [&str; 3] = ["us-west-2a", "us-west-2b", "us-west-2c"];
pub(super) const REGION: &str = "us-west-2";

/// The pod subnet placeholder for `zone`.
pub(super) fn subnet(zone: &str) -> String {
    format!("subnet-REPLACE-pods-{zone}")
}

/// The security group placeholder (the cluster's node security group).
pub(super) const SECURITY_GROUP: &str = "sg-REPLACE-node-sg";

/// How nodes select their ENIConfig.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Selection {
    /// The annotation key, when `ENI_CONFIG_ANNOTATION_DEF` is set (it is read before the label).
    annotation: Option<String>,
    /// The label key: `ENI_CONFIG_LABEL_DEF` or its default.
    label: String,
}

impl Selection {
    pub(super) fn of(env: &CniEnv) -> Selection {
        Selection {
            annotation: env
                .get("ENI_CONFIG_ANNOTATION_DEF")
                .filter(|v| !v.is_empty())
                .map(str::to_string),
            label: eni_config_def(env, "ENI_CONFIG_LABEL_DEF").to_string(),
        }
    }

    /// The `kubectl` command that points one node at the ENIConfig of its zone (shell-quoted), or `None` when
    /// the label is the zone label every node already has.
    pub(super) fn node_command(&self) -> Option<String> {
        let (verb, key) = match &self.annotation {
            Some(a) => ("annotate", a),
            None if self.label == "topology.kubernetes.io/zone" => return None,
            None => ("label", &self.label),
        };
        Some(format!(
            "kubectl {verb} node REPLACE-node-name {}",
            shell(&format!("{key}={}", ZONES[0]))
        ))
    }

    /// Comment lines that say how nodes select their ENIConfig.
    pub(super) fn note(&self, comment: &str) -> String {
        let mut out = format!(
            "{comment} Custom networking: one ENIConfig per zone, named after the zone (pod subnet and security groups\n\
             {comment} are placeholders). ipamd reads a node's ENIConfig name from the annotation ENI_CONFIG_ANNOTATION_DEF,\n\
             {comment} else the label ENI_CONFIG_LABEL_DEF (both default to k8s.amazonaws.com/eniConfig).\n"
        );
        let Some(cmd) = self.node_command() else {
            return out
                + &format!(
                    "{comment} Every node carries topology.kubernetes.io/zone, so each picks its zone's ENIConfig.\n"
                );
        };
        if comment_safe(&cmd) {
            let _ = writeln!(
                out,
                "{comment} Point each node at its zone's ENIConfig, e.g.\n{comment}   {cmd}"
            );
        } else {
            let _ = writeln!(
                out,
                "{comment} Label or annotate each node with its zone's ENIConfig name."
            );
        }
        out + &format!(
            "{comment} Or set ENI_CONFIG_LABEL_DEF=topology.kubernetes.io/zone and skip the per-node step.\n"
        )
    }

    /// The ENIConfig objects as a multi-document YAML manifest.
    pub(super) fn manifests() -> String {
        ZONES
            .iter()
            .map(|z| {
                format!(
                    "apiVersion: crd.k8s.amazonaws.com/v1alpha1\nkind: ENIConfig\nmetadata:\n  name: {z}\nspec:\n  subnet: {}\n  securityGroups:\n  - {SECURITY_GROUP}\n",
                    subnet(z)
                )
            })
            .collect::<Vec<_>>()
            .join("---\n")
    }

    /// The add-on's `eniConfig` value (the add-on creates the ENIConfigs), as JSON.
    pub(super) fn addon_json() -> String {
        let subnets: Vec<String> = ZONES
            .iter()
            .map(|z| {
                format!(
                    "\"{z}\":{{\"id\":\"{}\",\"securityGroups\":[\"{SECURITY_GROUP}\"]}}",
                    subnet(z)
                )
            })
            .collect();
        format!(
            "{{\"create\":true,\"region\":\"{REGION}\",\"subnets\":{{{}}}}}",
            subnets.join(",")
        )
    }
}
