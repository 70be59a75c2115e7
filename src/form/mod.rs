//! The page's inputs as the user typed them (`Form`), the rule each field must meet and which fields
//! apply in which mode. Pure, so the browser only wires events to it. The field list is in `fields`,
//! the URL query round trip in `query`, the ready-made examples in `presets`, the instance types a paste
//! defines in `types`.

mod cluster;
mod fields;
mod presets;
mod query;
mod rows;
mod types;

pub use fields::{searchable, Field, MAX_INSTANCE_TYPE_CHARS};
pub use presets::{doc_note, load_preset, presets, Preset};
pub use query::{changed_keys, decode, encode, VIEW_KEYS};
pub use rows::{az_list, Cell, Col, Group, List, SubnetRow, DEFAULT_AZ, MAX_ROWS};
pub use types::{check_types, defined, parse_type_row, type_row, MAX_TYPES, MAX_TYPE_CHARS, TYPE_KEY};

use crate::config::{CniEnv, Kind};
use crate::ipamd::{Arrival, MAX_PODS_INPUT};
use crate::mode::Mode;
use crate::scenario::{self, PlanError, Scenario};
use crate::vpc::InstanceTypeLimits;

/// The inputs exactly as typed. Text fields stay text so a half-typed value is never lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// The node groups (at least one); the single-node fields are the selected one's.
    pub groups: Vec<Group>,
    pub selected: usize,
    /// Where pod addresses come from (the ENIConfig subnets with custom networking); at least one row,
    /// whose CIDR may be empty (no subnet).
    pub subnets: Vec<SubnetRow>,
    /// Custom networking only: the nodes' own subnets; at least one row.
    pub node_subnets: Vec<SubnetRow>,
    pub then_pods: String,
    pub arrival: Arrival,
    pub mode: Mode,
    pub warm_eni_target: String,
    pub warm_ip_target: String,
    pub minimum_ip_target: String,
    pub warm_prefix_target: String,
    pub max_eni: String,
    pub custom_networking: bool,
    pub pod_eni: bool,
    pub max_pods: String,
    pub seed: String,
    /// The instance types defined by a pasted `describe-instance-types` (`types`), in the order defined; a
    /// name here wins over the built-in catalog's, as `vpc::lookup_in` reads them.
    pub types: Vec<InstanceTypeLimits>,
}

/// A setting field's value for "the variable is not in aws-node's env" (a pasted env without it): ipamd's
/// own default applies, not the manifest's value an empty field stands for. A link carries it as
/// `WARM_PREFIX_TARGET=-`.
pub const UNSET: &str = "-";

/// A field that breaks its rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub message: String,
}

impl Form {
    /// An empty form on `instance_type`: one node, no pods, manifest settings.
    pub fn blank(instance_type: &str) -> Form {
        Form {
            groups: vec![Group::blank(instance_type)],
            selected: 0,
            subnets: vec![SubnetRow::default()],
            node_subnets: vec![SubnetRow::default()],
            then_pods: String::new(),
            arrival: Arrival::Ramp,
            mode: Mode::SecondaryIp,
            warm_eni_target: String::new(),
            warm_ip_target: String::new(),
            minimum_ip_target: String::new(),
            warm_prefix_target: String::new(),
            max_eni: String::new(),
            custom_networking: false,
            pod_eni: false,
            max_pods: String::new(),
            seed: String::new(),
            types: Vec::new(),
        }
    }

    /// What a newcomer sees first: the seed example on a 20-node group in a /24.
    pub fn initial() -> Form {
        let mut f = presets()[0].form.clone();
        f.set(Field::Nodes, "20");
        f.set(Field::Subnet, "10.0.0.0/24");
        f
    }

    /// The text of a field (booleans as `true`/`false`, choices as their keys).
    pub fn get(&self, field: Field) -> String {
        match field {
            Field::InstanceType => self.group().instance_type.clone(),
            Field::Pods => self.group().pods.clone(),
            Field::ThenPods => self.then_pods.clone(),
            Field::Arrival => if self.arrival == Arrival::Burst {
                "burst"
            } else {
                "ramp"
            }
            .into(),
            Field::Nodes => self.group().nodes.clone(),
            Field::Subnet => self.subnets[0].cidr.clone(),
            Field::NodeSubnet => self.node_subnets[0].cidr.clone(),
            Field::Mode => self.mode.key().into(),
            Field::WarmEniTarget => self.warm_eni_target.clone(),
            Field::WarmIpTarget => self.warm_ip_target.clone(),
            Field::MinimumIpTarget => self.minimum_ip_target.clone(),
            Field::WarmPrefixTarget => self.warm_prefix_target.clone(),
            Field::MaxEni => self.max_eni.clone(),
            Field::CustomNetworking => self.custom_networking.to_string(),
            Field::PodEni => self.pod_eni.to_string(),
            Field::MaxPods => self.max_pods.clone(),
            Field::Seed => self.seed.clone(),
        }
    }

    /// Sets a field from text. Choices and booleans ignore values they do not know.
    pub fn set(&mut self, field: Field, value: &str) {
        let v = value.to_string();
        match field {
            Field::InstanceType => self.group_mut().instance_type = v,
            Field::Pods => self.group_mut().pods = v,
            Field::ThenPods => self.then_pods = v,
            Field::Arrival => match value {
                "ramp" => self.arrival = Arrival::Ramp,
                "burst" => self.arrival = Arrival::Burst,
                _ => {}
            },
            Field::Nodes => self.group_mut().nodes = v,
            Field::Subnet => self.subnets[0].cidr = v,
            Field::NodeSubnet => self.node_subnets[0].cidr = v,
            Field::Mode => {
                if let Some(m) = Mode::from_key(value) {
                    self.mode = m;
                }
            }
            Field::WarmEniTarget => self.warm_eni_target = v,
            Field::WarmIpTarget => self.warm_ip_target = v,
            Field::MinimumIpTarget => self.minimum_ip_target = v,
            Field::WarmPrefixTarget => self.warm_prefix_target = v,
            Field::MaxEni => self.max_eni = v,
            Field::CustomNetworking => self.custom_networking = value == "true",
            Field::PodEni => self.pod_eni = value == "true",
            Field::MaxPods => self.max_pods = v,
            Field::Seed => self.seed = v,
        }
    }

    /// `Ok` when `field` matters in the current mode, else the reason it is disabled.
    pub fn applies(&self, field: Field) -> Result<(), &'static str> {
        match (self.mode, field) {
            (
                Mode::Ipv6,
                Field::WarmEniTarget
                | Field::WarmIpTarget
                | Field::MinimumIpTarget
                | Field::WarmPrefixTarget
                | Field::MaxEni,
            ) => Err("IPv6 runs no warm pool: the pool manager returns at once"),
            (Mode::Ipv6, Field::CustomNetworking) => Err("Custom networking is not supported with IPv6"),
            (Mode::Ipv6, Field::Seed) => Err("IPv6 pods all share one /80"),
            (Mode::PrefixDelegation, Field::WarmEniTarget) => Err("Prefix mode ignores WARM_ENI_TARGET"),
            (Mode::SecondaryIp, Field::WarmPrefixTarget) => Err("Used only in prefix delegation mode"),
            (_, Field::NodeSubnet) if !self.custom_networking || self.mode == Mode::Ipv6 => {
                Err("Only with custom networking: otherwise nodes and pods share the subnet")
            }
            _ => Ok(()),
        }
    }

    /// The `aws-node` environment this form describes (fields that do not apply are left out).
    pub fn env(&self) -> CniEnv {
        let mut env = CniEnv::manifest();
        // The keys are known settings, so `set` cannot fail here.
        let mut set = |k: &str, v: &str| {
            let _ = env.set(k, v);
        };
        match self.mode {
            Mode::SecondaryIp => {}
            Mode::PrefixDelegation => set("ENABLE_PREFIX_DELEGATION", "true"),
            Mode::Ipv6 => {
                set("ENABLE_IPv4", "false");
                set("ENABLE_IPv6", "true");
                set("ENABLE_PREFIX_DELEGATION", "true");
            }
        }
        let mut unset = Vec::new();
        // Every field that edits a setting, text or tick box alike: an empty or unticked one leaves the
        // manifest's value; `UNSET` removes the variable (a pasted env that lacks it), as `KEY-` does.
        for field in Field::ALL {
            let (Some(setting), Ok(())) = (field.setting(), self.applies(field)) else {
                continue;
            };
            let v = self.get(field);
            if v.trim() == UNSET {
                unset.push(setting.name);
                continue;
            }
            let on = match setting.kind {
                Kind::Bool { .. } => v == "true",
                Kind::Int { .. } | Kind::Text { .. } | Kind::EniLimit { .. } => !v.trim().is_empty(),
            };
            if on {
                set(setting.name, v.trim());
            }
        }
        for name in unset {
            let _ = env.unset(name);
        }
        env
    }

    /// Every setting back to the shipped manifest (secondary-IP mode, setting fields empty), before a pasted
    /// config's changes are applied.
    pub fn reset_settings(&mut self) {
        self.mode = Mode::SecondaryIp;
        for f in Field::ALL.into_iter().filter(|f| f.setting().is_some()) {
            self.set(f, "");
        }
    }

    /// Applies setting edits (as the advisor proposes them) to the fields that express them.
    /// An edit that removes a variable the manifest sets (`WARM_PREFIX_TARGET-`) puts `UNSET` in its field.
    pub fn apply_edits(&mut self, edits: &[crate::edit::Edit]) {
        let manifest = CniEnv::manifest();
        for e in edits {
            let v = match &e.value {
                Some(v) => v.clone(),
                None if manifest.get(&e.name).is_some() => UNSET.to_string(),
                None => String::new(),
            };
            match e.name.as_str() {
                "ENABLE_PREFIX_DELEGATION" if v == "true" && self.mode == Mode::SecondaryIp => {
                    self.mode = Mode::PrefixDelegation
                }
                "ENABLE_IPv6" if v == "true" => self.mode = Mode::Ipv6,
                // Any other setting goes to the field that edits it. The subnet field stays where it is:
                // with custom networking it is the pod (ENIConfig) subnet, and unticking gives it back as
                // the one subnet nodes and pods share.
                other => {
                    if let Some(f) = Field::ALL
                        .into_iter()
                        .find(|f| f.setting().is_some_and(|s| s.name == other))
                    {
                        self.set(f, &v);
                    }
                }
            }
        }
    }

    /// Parses the form into a `Scenario`, or every field that breaks its rule.
    pub fn check(&self) -> Result<Scenario, Vec<FieldError>> {
        let mut errors = Vec::new();
        for f in Field::ALL {
            if let Err(message) = self.check_field(f) {
                errors.push(FieldError { field: f, message });
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let s = self.scenario();
        scenario::validate(&s).map_err(|e| vec![plan_error_field(e)])?;
        Ok(s)
    }

    /// The rule for one field on its own (cross-field checks happen in `check`).
    pub fn check_field(&self, f: Field) -> Result<(), String> {
        if self.applies(f).is_err() {
            return Ok(());
        }
        let v = self.get(f);
        let v = v.trim();
        let whole = |min: u64, max: u64, rule: &str| rows::whole(v, min, max, rule).map(|_| ());
        let optional = |r: Result<(), String>| if v.is_empty() { Ok(()) } else { r };
        let setting = |r: Result<(), String>| if v == UNSET { Ok(()) } else { optional(r) };
        let pods_rule = format!("must be a whole number from 0 to {MAX_PODS_INPUT}");
        match f {
            // The selected group's cells and the first subnet rows' follow the cluster editor's rules.
            Field::InstanceType => rows::check_cell(Col::Type, v, &self.types),
            Field::Pods => rows::check_cell(Col::Pods, v, &self.types),
            Field::Nodes => rows::check_cell(Col::Nodes, v, &self.types),
            Field::Subnet | Field::NodeSubnet => rows::check_cell(Col::Cidr, v, &self.types),
            Field::ThenPods => optional(whole(
                0,
                u64::from(MAX_PODS_INPUT),
                &format!("The scale target {pods_rule}, or empty"),
            )),
            Field::WarmEniTarget | Field::WarmIpTarget | Field::MinimumIpTarget | Field::WarmPrefixTarget => {
                setting(whole(
                    0,
                    100_000,
                    &format!("{} must be a whole number ≥ 0 (at most 100000)", f.label()),
                ))
            }
            Field::MaxEni => setting(whole(1, 100, "MAX_ENI must be a whole number from 1 to 100")),
            // A maxPods above the most pods the form takes changes nothing but the time to plan. Text that is
            // not a number is a nodeadm maxPodsExpression (AL2023), evaluated for the instance type.
            Field::MaxPods => {
                let rule = format!("kubelet maxPods must be a whole number from 1 to {MAX_PODS_INPUT}");
                match self.max_pods_expression() {
                    Some(Err(e)) => Err(format!("maxPodsExpression: {e}")),
                    Some(Ok(n)) if n == 0 || n > MAX_PODS_INPUT => Err(format!("maxPodsExpression gives {n}: {rule}")),
                    Some(Ok(_)) => Ok(()),
                    None => optional(whole(
                        1,
                        u64::from(MAX_PODS_INPUT),
                        &format!("{rule}, or a nodeadm maxPodsExpression"),
                    )),
                }
            }
            Field::Seed => optional(whole(
                0,
                u64::MAX,
                "The seed must be a whole number, or empty for tight packing",
            )),
            Field::Arrival | Field::Mode | Field::CustomNetworking | Field::PodEni => Ok(()),
        }
    }

    /// The maxPods field read as a nodeadm `maxPodsExpression` (any text that is not a whole number),
    /// evaluated for the instance type; `None` for a number or an empty field. An unknown instance type is
    /// that field's error, not this one's.
    fn max_pods_expression(&self) -> Option<Result<u32, String>> {
        let v = self.max_pods.trim();
        let t = &self.group().instance_type;
        if v.is_empty() || v.bytes().all(|b| b.is_ascii_digit()) || !searchable(t) {
            return None;
        }
        let instance = crate::vpc::lookup_in(&self.types, t).ok()?;
        Some(crate::nodeadm::kubelet_max_pods(instance, v))
    }

    /// The scenario the fields describe; fields that fail their rule count as empty.
    pub fn scenario(&self) -> Scenario {
        let num = |s: &str| s.trim().parse::<u32>().ok();
        let applies = |f: Field| self.applies(f).is_ok();
        let text = |f: Field, s: &str| (applies(f) && !s.trim().is_empty()).then(|| s.trim().to_string());
        let g = self.group();
        Scenario {
            instance_type: g.instance_type.trim().to_string(),
            pods: num(&g.pods).unwrap_or(0),
            then_pods: num(&self.then_pods),
            arrival: self.arrival,
            nodes: num(&g.nodes).unwrap_or(1),
            subnet: text(Field::Subnet, &self.subnets[0].cidr),
            node_subnet: text(Field::NodeSubnet, &self.node_subnets[0].cidr),
            max_pods: num(&self.max_pods).or_else(|| self.max_pods_expression().and_then(Result::ok)),
            seed: if applies(Field::Seed) {
                self.seed.trim().parse().ok()
            } else {
                None
            },
            env: self.env(),
            instance_data: self.types.clone(),
        }
    }
}

fn plan_error_field(e: PlanError) -> FieldError {
    match e {
        PlanError::UnknownInstanceType(e) => FieldError {
            field: Field::InstanceType,
            message: e.to_string(),
        },
        PlanError::Config(e) => FieldError {
            field: Field::Mode,
            message: e.message,
        },
        PlanError::Input { field, message } => FieldError {
            field: match field {
                "pods" => Field::Pods,
                "then_pods" => Field::ThenPods,
                "nodes" => Field::Nodes,
                "subnet" => Field::Subnet,
                "node_subnet" => Field::NodeSubnet,
                _ => Field::MaxPods,
            },
            message,
        },
    }
}
