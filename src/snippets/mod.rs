//! Config snippets that apply a `CniEnv` to a cluster, one generator module per format. Only settings that
//! differ from the shipped manifest appear; each format also restores the manifest.

mod cdk;
mod kubectl;

use crate::config::{self, CniEnv};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `kubectl set env daemonset/aws-node …` and its restore command.
    Kubectl,
    /// An aws-cdk-lib `eks.KubernetesPatch` in TypeScript with a real `restorePatch`.
    Cdk,
}

impl Format {
    pub const ALL: [Format; 2] = [Format::Kubectl, Format::Cdk];

    pub fn name(self) -> &'static str {
        match self {
            Format::Kubectl => "kubectl",
            Format::Cdk => "cdk",
        }
    }

    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == s)
    }
}

/// The snippet for `env` in `format`.
pub fn generate(format: Format, env: &CniEnv) -> String {
    let changes = Changes::of(env);
    match format {
        Format::Kubectl => kubectl::generate(&changes),
        Format::Cdk => cdk::generate(&changes),
    }
}

/// One variable to change: its new value (`None` removes it) and the manifest value that restores it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Change {
    name: &'static str,
    value: Option<String>,
    restore: Option<&'static str>,
}

/// The changes, split by container: ipamd's variables go on `aws-node`; `ENABLE_IPv6` also goes on the
/// `aws-vpc-cni-init` init container.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Changes {
    aws_node: Vec<Change>,
    init: Vec<Change>,
    /// Prefix delegation or custom networking changed: kubelet maxPods and a node recycle are needed.
    needs_recycle: bool,
}

impl Changes {
    fn of(env: &CniEnv) -> Changes {
        let aws_node: Vec<Change> = env
            .changes()
            .into_iter()
            .map(|(name, value)| Change {
                name,
                value: value.map(str::to_string),
                restore: config::setting(name).and_then(|s| s.manifest),
            })
            .collect();
        let init = aws_node.iter().filter(|c| c.name == "ENABLE_IPv6").cloned().collect();
        let needs_recycle = aws_node.iter().any(|c| {
            matches!(
                c.name,
                "ENABLE_PREFIX_DELEGATION" | "AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG" | "ENABLE_IPv6"
            )
        });
        Changes {
            aws_node,
            init,
            needs_recycle,
        }
    }
}
