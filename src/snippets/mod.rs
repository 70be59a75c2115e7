//! Config snippets that apply a `CniEnv` to a cluster, one generator module per format. Only settings that
//! differ from the shipped manifest appear; each format also restores the manifest.

mod addon;
mod cdk;
mod eksctl;
mod helm;
mod ipv6_iam;
mod kubectl;
mod max_pods;
mod terraform;
mod verify;

pub use addon::NOT_IN_ADDON_SCHEMA;

use crate::config::{self, CniEnv};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `kubectl set env daemonset/aws-node …` and its restore command.
    Kubectl,
    /// An aws-cdk-lib `eks.KubernetesPatch` in TypeScript with a real `restorePatch`.
    Cdk,
    /// `aws eks update-addon --configuration-values` for the EKS managed add-on.
    Addon,
    /// An eksctl `ClusterConfig` with the add-on's `configurationValues`.
    Eksctl,
    /// A Terraform `aws_eks_addon` with `jsonencode` values.
    Terraform,
    /// `helm upgrade` of the `eks/aws-vpc-cni` chart.
    Helm,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::Kubectl,
        Format::Cdk,
        Format::Addon,
        Format::Eksctl,
        Format::Terraform,
        Format::Helm,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Kubectl => "kubectl",
            Format::Cdk => "cdk",
            Format::Addon => "addon",
            Format::Eksctl => "eksctl",
            Format::Terraform => "terraform",
            Format::Helm => "helm",
        }
    }

    /// A heading for the page.
    pub fn title(self) -> &'static str {
        match self {
            Format::Kubectl => "kubectl (self-managed aws-node)",
            Format::Cdk => "AWS CDK (TypeScript, eks.KubernetesPatch)",
            Format::Addon => "EKS managed add-on (aws eks update-addon)",
            Format::Eksctl => "eksctl (ClusterConfig add-on)",
            Format::Terraform => "Terraform (aws_eks_addon)",
            Format::Helm => "Helm (eks/aws-vpc-cni)",
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
        Format::Addon => addon::generate(&changes),
        Format::Eksctl => eksctl::generate(&changes),
        Format::Terraform => terraform::generate(&changes),
        Format::Helm => helm::generate(&changes),
    }
}

/// Commands that check a live node against the plan's steady state.
pub fn verify_on_a_node(report: &crate::scenario::Report) -> String {
    verify::generate(report)
}

/// The IAM policy the VPC CNI needs in an IPv6 cluster.
pub fn ipv6_iam_policy() -> String {
    ipv6_iam::generate()
}

/// Where kubelet maxPods is set (nodeadm, bootstrap.sh, eksctl, Karpenter, Bottlerocket) for `max_pods`.
pub fn max_pods_settings(max_pods: i64) -> String {
    max_pods::generate(max_pods)
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

    /// The `env` entries an add-on's `configurationValues` can carry, and notes for the ones it cannot.
    fn addon_env(&self) -> (Vec<(&'static str, String)>, Vec<String>) {
        let mut set = Vec::new();
        let mut skipped = Vec::new();
        for c in &self.aws_node {
            if NOT_IN_ADDON_SCHEMA.contains(&c.name) {
                skipped.push(format!(
                    "{} is not a configurationValues key: EKS sets it for IPv6 clusters, which are chosen at cluster creation.",
                    c.name
                ));
            } else if let Some(v) = &c.value {
                set.push((c.name, v.clone()));
            } else {
                let code = config::setting(c.name).map_or("", |s| s.code_default);
                skipped.push(format!(
                    "{}: configurationValues cannot remove a variable; set the value you want (unset, ipamd uses {code}).",
                    c.name
                ));
            }
        }
        (set, skipped)
    }
}

const RECYCLE: &str =
    "Prefix delegation, custom networking and IPv6 change max pods: set kubelet maxPods and recycle the nodes.";

impl Changes {
    /// The node-recycle reminder as a comment line, when prefix delegation, custom networking or IPv6 changed.
    fn recycle_note(&self, comment: &str) -> String {
        if self.needs_recycle {
            format!("{comment} {RECYCLE}\n")
        } else {
            String::new()
        }
    }
}

/// What every format prints when the settings are the manifest's.
fn nothing_to_change(comment: &str) -> String {
    format!("{comment} Nothing to change: these are the settings aws-node ships with.\n")
}

/// `{"key":{"K":"V",…}}` with JSON string escaping.
fn json_object(key: &str, entries: &[(&str, String)]) -> String {
    let body: Vec<String> = entries
        .iter()
        .map(|(k, v)| format!("{}:{}", json_string(k), json_string(v)))
        .collect();
    format!("{{{}:{{{}}}}}", json_string(key), body.join(","))
}

fn json_string(s: &str) -> String {
    let mut out = String::from('"');
    for c in s.chars() {
        match c {
            '"' => out += "\\\"",
            '\\' => out += "\\\\",
            c if (c as u32) < 0x20 => out += &format!("\\u{:04x}", c as u32),
            c => out.push(c),
        }
    }
    out + "\""
}

/// A double-quoted YAML scalar (JSON's escapes are valid YAML).
fn yaml_quote(s: &str) -> String {
    json_string(s)
}

/// A double-quoted HCL string (`${` and `%{` escaped so Terraform does not interpolate).
fn hcl_quote(s: &str) -> String {
    json_string(s).replace("${", "$${").replace("%{", "%%{")
}
