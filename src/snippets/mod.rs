//! Config snippets that apply a `CniEnv` to a cluster, one generator module per format. Only settings that
//! differ from the shipped manifest appear; each format also restores the manifest. Settings that ipamd's
//! `isConfigValid` rejects are refused, exactly as `plan` refuses them.

use std::fmt::Write as _;
mod addon;
mod cdk;
mod eksctl;
mod eni_config;
mod helm;
mod ipv6_cluster;
mod ipv6_iam;
mod kubectl;
mod max_pods;
mod quote;
mod terraform;
mod verify;

pub use addon::NOT_IN_ADDON_SCHEMA;

use crate::config::{self, go_parse_bool, CniEnv, ConfigError, Kind, SETTINGS};

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
    /// A new IPv6 cluster (eksctl, CDK, node bootstrap): IPv6 is chosen when the cluster is created.
    Ipv6Cluster,
}

impl Format {
    /// The formats that apply settings to a running cluster.
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
            Format::Ipv6Cluster => "ipv6-cluster",
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
            Format::Ipv6Cluster => "New IPv6 cluster (eksctl, CDK, node bootstrap)",
        }
    }

    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .chain([Format::Ipv6Cluster])
            .find(|f| f.name() == s)
    }
}

/// The snippet for `env` in `format`, or the `isConfigValid` refusal `plan` gives for the same settings.
pub fn generate(format: Format, env: &CniEnv) -> Result<String, ConfigError> {
    if format == Format::Ipv6Cluster {
        return Ok(ipv6_cluster::generate());
    }
    config::check_ip_families(env)?;
    let changes = Changes::of(env);
    Ok(match format {
        Format::Kubectl => kubectl::generate(&changes),
        Format::Cdk => cdk::generate(&changes),
        Format::Addon => addon::generate(&changes),
        Format::Eksctl => eksctl::generate(&changes),
        Format::Terraform => terraform::generate(&changes),
        Format::Helm => helm::generate(&changes),
        Format::Ipv6Cluster => unreachable!("returned above"),
    })
}

/// Commands that check a live node against the plan's steady state.
pub fn verify_on_a_node(report: &crate::scenario::Report) -> String {
    verify::generate(report)
}

/// The IAM policy the VPC CNI needs in an IPv6 cluster: pure JSON, ready for `aws iam create-policy`.
pub fn ipv6_iam_policy() -> String {
    ipv6_iam::generate()
}

/// Where kubelet maxPods is set (nodeadm, bootstrap.sh, eksctl, Karpenter, Bottlerocket) for `max_pods`.
pub fn max_pods_settings(max_pods: i64) -> String {
    max_pods::generate(max_pods)
}

/// A heading line between the parts of a snippet that go to different files or tools.
fn section(title: &str) -> String {
    format!("=== {title} ===\n")
}

/// One variable: its value after the change (`None`: not set) and the manifest value that restores it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Change {
    name: &'static str,
    value: Option<String>,
    restore: Option<&'static str>,
}

impl Change {
    fn changed(&self) -> bool {
        self.value.as_deref() != self.restore
    }
}

/// What a snippet changes on `aws-node`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Changes {
    /// Every setting a snippet may touch, changed or not, in `SETTINGS` order (the CDK apply patch is
    /// state-complete over them).
    all: Vec<Change>,
    /// An IPv6 cluster: ENABLE_IPv4, ENABLE_IPv6 and prefix delegation are fixed at cluster creation and left alone.
    ipv6: bool,
    /// Custom networking is on: the ENIConfigs and the node label or annotation that selects them.
    eni_config: Option<eni_config::Selection>,
    /// Prefix delegation or custom networking changed: kubelet maxPods and a node recycle are needed.
    needs_recycle: bool,
}

/// The settings an IPv6 cluster's aws-node already has (`isConfigValid` allows no other values).
const IPV6_FIXED: [&str; 3] = ["ENABLE_IPv4", "ENABLE_IPv6", "ENABLE_PREFIX_DELEGATION"];

impl Changes {
    fn of(env: &CniEnv) -> Changes {
        let on = |name| env.get(name).and_then(go_parse_bool).unwrap_or(false);
        let ipv6 = on("ENABLE_IPv6");
        let all: Vec<Change> = SETTINGS
            .iter()
            .filter(|s| !(ipv6 && IPV6_FIXED.contains(&s.name)))
            .map(|s| Change {
                name: s.name,
                value: env.get(s.name).map(str::to_string),
                restore: s.manifest,
            })
            .collect();
        let needs_recycle = all.iter().any(|c| {
            c.changed()
                && matches!(
                    c.name,
                    "ENABLE_PREFIX_DELEGATION" | "AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG"
                )
        });
        Changes {
            all,
            ipv6,
            eni_config: on("AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG").then(|| eni_config::Selection::of(env)),
            needs_recycle,
        }
    }

    /// The variables that differ from the manifest.
    fn changed(&self) -> Vec<&Change> {
        self.all.iter().filter(|c| c.changed()).collect()
    }

    /// Nothing to print: no variable changes and no ENIConfig is needed.
    fn is_empty(&self) -> bool {
        self.changed().is_empty() && self.eni_config.is_none()
    }

    /// The `env` entries an add-on's `configurationValues` can carry, and notes for the ones it cannot.
    fn addon_env(&self) -> (Vec<(&'static str, String)>, Vec<String>) {
        let mut set = Vec::new();
        let mut skipped = Vec::new();
        for c in self.changed() {
            if NOT_IN_ADDON_SCHEMA.contains(&c.name) {
                skipped.push(format!(
                    "{} is not a configurationValues key: EKS sets it for IPv6 clusters, which are chosen at cluster creation.",
                    c.name
                ));
            } else if let Some(v) = &c.value {
                set.push((c.name, v.clone()));
            } else {
                let code = config::setting(c.name).map_or(String::new(), |s| s.code_default());
                skipped.push(format!(
                    "{}: configurationValues cannot remove a variable; set the value you want (unset, ipamd uses {code}).",
                    c.name
                ));
            }
        }
        (set, skipped)
    }

    /// The notes every format ends with: IPv6 left alone, and the node recycle.
    fn notes(&self, comment: &str) -> String {
        let mut out = String::new();
        if self.ipv6 {
            let _ = writeln!(out,
                "{comment} IPv6 is chosen when the cluster is created, so this leaves ENABLE_IPv6, ENABLE_IPv4 and\n\
                 {comment} ENABLE_PREFIX_DELEGATION as an IPv6 cluster's aws-node already has them (its restore too).\n\
                 {comment} Flipping them on a running aws-node does not make the cluster IPv6 (its service CIDR, kube-proxy and\n\
                 {comment} node bootstrap stay IPv4) and stops ipamd on existing nodes. For a new IPv6 cluster:\n\
                 {comment}   vpc-cni-calc snippet ipv6-cluster"
            );
        }
        if self.needs_recycle {
            let _ = writeln!(out, "{comment} {RECYCLE}");
        }
        out
    }
}

const RECYCLE: &str =
    "Prefix delegation and custom networking change max pods: set kubelet maxPods and recycle the nodes.";

impl Changes {
    /// The comment lines every add-on format (add-on, eksctl, Terraform, CDK's eks.Addon) starts with: `configurationValues`
    /// replaces the whole object, values the schema's formats reject, and the ENIConfig note.
    fn addon_notes(&self, set: &[(&'static str, String)], comment: &str) -> String {
        let mut out = replaces_whole_object(comment) + &format_flags(set, comment);
        if let Some(sel) = &self.eni_config {
            out += &sel.note(comment);
        }
        out
    }

    /// What every format prints when the settings are the manifest's (an IPv6 cluster's, in IPv6 mode).
    fn nothing_to_change(&self, comment: &str) -> String {
        let whose = if self.ipv6 {
            "an IPv6 cluster's aws-node has"
        } else {
            "aws-node ships with"
        };
        format!("{comment} Nothing to change: these are the settings {whose}.\n") + &self.notes(comment)
    }

    /// `configurationValues` would set nothing: the change only removes keys, which it cannot do.
    fn addon_sets_nothing(&self, set: &[(&'static str, String)]) -> bool {
        set.is_empty() && self.eni_config.is_none()
    }
}

/// Values the add-on schema types as `format: integer` / `format: boolean` that EKS will reject, as comment
/// lines naming the key (the value itself may hold anything, so it stays out of comments).
fn format_flags(set: &[(&'static str, String)], comment: &str) -> String {
    let mut out = String::new();
    for (k, v) in set {
        let format = match config::setting(k).map(|s| s.kind) {
            Some(Kind::Int { .. } | Kind::EniLimit { .. }) if config::go_atoi(v).is_none() => "integer",
            Some(Kind::Bool { .. }) if !matches!(v.as_str(), "true" | "false") => "boolean",
            _ => continue,
        };
        let _ = writeln!(out,
            "{comment} Warning: the value of {k} is not a plain {format}; the add-on schema (format: {format}) rejects it."
        );
    }
    out
}

/// The reminder every add-on format carries: `configurationValues` replaces the whole object.
fn replaces_whole_object(comment: &str) -> String {
    format!(
        "{comment} configurationValues replaces the add-on's whole configuration: keys set earlier and left out here go\n\
         {comment} back to their defaults. Merge with what is there now:\n\
         {comment}   aws eks describe-addon --cluster-name my-cluster --addon-name vpc-cni --query addon.configurationValues --output text\n"
    )
}
