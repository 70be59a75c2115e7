//! The simulator's output: one `Step` per reconcile pass (or per run of alike passes) with what happened to
//! pods, ipamd's decision, the EC2 calls it made, the datastore statistics, and a compact picture of every
//! ENI (counts, not addresses).

use super::datastore::{DataStore, DataStoreStats, Eni};
pub use super::text::Text;
use std::sync::Arc;

/// What an ENI is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EniRole {
    Primary,
    Secondary,
    Trunk,
}

/// One ENI at one step. `ips` counts secondary /32s; `prefixes` lists the /28s in order as runs of alike
/// ones, `[assigned, cooling, count]` (a full ENI of 63 prefixes is one run, not 63 entries).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct EniView {
    pub id: String,
    pub role: EniRole,
    /// Whether the ENI carries pod addresses at all (not the trunk, not the primary under custom networking).
    pub for_pods: bool,
    pub ips: SlotCounts,
    pub prefixes: Vec<[u8; 3]>,
    /// IPv6 mode: the ENI holds a /80.
    pub ipv6_prefix: bool,
}

impl EniView {
    /// The /28 prefixes on the ENI.
    pub fn prefix_count(&self) -> usize {
        self.prefixes.iter().map(|r| usize::from(r[2])).sum()
    }

    /// Each /28 as `[assigned, cooling]`, in order.
    pub fn prefix_slots(&self) -> impl Iterator<Item = [u8; 2]> + '_ {
        self.prefixes
            .iter()
            .flat_map(|r| std::iter::repeat_n([r[0], r[1]], usize::from(r[2])))
    }
}

/// Secondary-IP slots of an ENI, by state; `warm` excludes `cooling`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct SlotCounts {
    pub assigned: u32,
    pub cooling: u32,
    pub warm: u32,
}

/// The unit of an EC2 request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    Ips,
    Prefixes,
    Ipv6Prefix,
    None,
}

/// The EC2 API (or Kubernetes) call an `Action` makes; serialised as the API's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Api {
    AssignPrivateIpAddresses,
    AssignIpv6Addresses,
    UnassignPrivateIpAddresses,
    CreateNetworkInterface,
    AttachNetworkInterface,
    ModifyNetworkInterfaceAttribute,
    DescribeNetworkInterfaces,
    DetachNetworkInterface,
    DeleteNetworkInterface,
    /// ipamd patches its CNINode resource with the SecurityGroupsForPods feature.
    #[serde(rename = "CNINode update")]
    CniNodeUpdate,
}

impl Api {
    /// The name the trace and the page show (the same as the JSON).
    pub fn as_str(self) -> &'static str {
        match self {
            Api::AssignPrivateIpAddresses => "AssignPrivateIpAddresses",
            Api::AssignIpv6Addresses => "AssignIpv6Addresses",
            Api::UnassignPrivateIpAddresses => "UnassignPrivateIpAddresses",
            Api::CreateNetworkInterface => "CreateNetworkInterface",
            Api::AttachNetworkInterface => "AttachNetworkInterface",
            Api::ModifyNetworkInterfaceAttribute => "ModifyNetworkInterfaceAttribute",
            Api::DescribeNetworkInterfaces => "DescribeNetworkInterfaces",
            Api::DetachNetworkInterface => "DetachNetworkInterface",
            Api::DeleteNetworkInterface => "DeleteNetworkInterface",
            Api::CniNodeUpdate => "CNINode update",
        }
    }

    /// Whether the call attaches addresses to the node, growing the pool.
    pub fn grows_pool(self) -> bool {
        matches!(
            self,
            Api::AssignPrivateIpAddresses | Api::AssignIpv6Addresses | Api::CreateNetworkInterface
        )
    }
}

impl std::fmt::Display for Api {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One call ipamd (or the VPC resource controller) made.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Action {
    /// The one call, e.g. `CreateNetworkInterface`; a new ENI is three actions.
    pub api: Api,
    pub eni: String,
    pub count: i64,
    pub unit: Unit,
    /// Whether this call grows the pool (at most one per pass).
    pub allocation: bool,
    /// The call in words (formatted when read).
    pub text: Text,
}

impl Action {
    /// A call that moves `count` addresses of `unit` on `eni` (`0` and `Unit::None` when it moves none;
    /// `eni` empty when the call names none).
    pub fn new(api: Api, eni: impl Into<String>, count: i64, unit: Unit, text: impl Into<Text>) -> Action {
        Action {
            api,
            eni: eni.into(),
            count,
            unit,
            allocation: api.grows_pool(),
            text: text.into(),
        }
    }
}

/// ipamd's verdict for the pass; serialised in kebab-case (`too-low`, `decrease-wait`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DecisionKind {
    /// `isDatastorePoolTooLow`: the pool grows (or cannot).
    TooLow,
    /// `isDatastorePoolTooHigh`: the pool shrinks.
    TooHigh,
    /// Too high, but the last decrease was at most `decreaseIPPoolInterval` ago.
    DecreaseWait,
    /// Neither too low nor too high.
    Ok,
    /// Not too low because the pool already holds kubelet maxPods addresses.
    MaxPods,
    /// IPv6: no warm pool runs.
    Ipv6,
}

impl DecisionKind {
    /// The name the trace and the page show (the same as the JSON).
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionKind::TooLow => "too-low",
            DecisionKind::TooHigh => "too-high",
            DecisionKind::DecreaseWait => "decrease-wait",
            DecisionKind::Ok => "ok",
            DecisionKind::MaxPods => "max-pods",
            DecisionKind::Ipv6 => "ipv6",
        }
    }
}

impl std::fmt::Display for DecisionKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// ipamd's verdict for the pass.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Decision {
    pub kind: DecisionKind,
    /// The arithmetic in words (formatted when read).
    pub text: Text,
}

/// Pods at the end of a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct PodCounts {
    /// Pods that hold an IP.
    pub running: i64,
    /// Pods on the node waiting for an IP ("failed to assign an IP address to container").
    pub waiting: i64,
    /// Pods the scheduler cannot bind to the node: kubelet maxPods is full ("Too many pods"). They hold no
    /// IP and ipamd never sees them.
    pub pending: i64,
}

/// Statistics after the step, `DataStoreStats` plus the derived counts the UI shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct StepStats {
    pub total_ips: i64,
    pub assigned_ips: i64,
    pub available_ips: i64,
    pub cooldown_ips: i64,
    pub total_prefixes: i64,
    pub free_prefixes: i64,
}

impl StepStats {
    pub fn new(s: &DataStoreStats, free_prefixes: i64) -> StepStats {
        StepStats {
            total_ips: s.total_ips,
            assigned_ips: s.assigned_ips,
            available_ips: s.available_addresses(),
            cooldown_ips: s.cooldown_ips,
            total_prefixes: s.total_prefixes,
            free_prefixes,
        }
    }
}

/// One reconcile pass (or the node start), or a run of alike passes stored once.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Step {
    /// Seconds since the node started (at the last pass of a run).
    pub time_s: i64,
    /// 0 is node start and pre-scaling; pass k runs at 5k s. The last pass of a run.
    pub pass: u32,
    /// Passes this step stands for (1, or more for a run): consecutive passes with the same events, the
    /// same kind of decision, the same Pending pods, pods waiting in all or none, and no call at all are
    /// stored once, with the decision and the state after the last of them (`pass − passes + 1` is the
    /// first). `Simulation` keeps the peak of pods waiting over every pass.
    pub passes: u32,
    /// What happened before the decision: pods arriving, leaving, retrying.
    pub events: Vec<Text>,
    pub decision: Decision,
    pub actions: Vec<Action>,
    pub stats: StepStats,
    pub pods: PodCounts,
    /// Shared between steps while an ENI does not change, so a long trace holds each picture once.
    pub enis: Vec<Arc<EniView>>,
}

impl Step {
    /// Whether `next`, the pass right after this step, only repeats it (see `passes`), so the two are
    /// stored as one step. `next_enis`: how many ENIs `next` has (its pictures may not be drawn yet).
    pub fn is_repeated_by(&self, next: &Step, next_enis: usize) -> bool {
        self.pass != 0
            && self.actions.is_empty()
            && next.actions.is_empty()
            && self.decision.kind == next.decision.kind
            && self.events == next.events
            && (self.pods.waiting > 0) == (next.pods.waiting > 0)
            && self.pods.pending == next.pods.pending
            && self.enis.len() == next_enis
            && (self.stats.total_ips, self.stats.total_prefixes) == (next.stats.total_ips, next.stats.total_prefixes)
    }

    /// The first pass this step stands for.
    pub fn first_pass(&self) -> u32 {
        self.pass + 1 - self.passes.max(1)
    }

    /// When the first pass this step stands for ran.
    pub fn first_time_s(&self) -> i64 {
        self.time_s - i64::from(self.passes.max(1) - 1) * super::POOL_MONITOR_INTERVAL
    }
}

/// A run's steps: the node start, then the passes. It is never empty, so its last step (the state the
/// run ended in) is always there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trace {
    start: Step,
    passes: Vec<Step>,
}

impl Trace {
    pub fn new(start: Step) -> Trace {
        Trace {
            start,
            passes: Vec::new(),
        }
    }

    /// The step the run ended in (the start when no pass ran).
    pub fn last(&self) -> &Step {
        self.passes.last().unwrap_or(&self.start)
    }

    pub fn last_mut(&mut self) -> &mut Step {
        self.passes.last_mut().unwrap_or(&mut self.start)
    }

    /// Every step, the start first.
    pub fn iter(&self) -> impl Iterator<Item = &Step> {
        std::iter::once(&self.start).chain(&self.passes)
    }

    /// Appends a pass, folding it into the last step when it only repeats it (never into the start).
    /// `next`'s ENIs (`enis` of them) are drawn by `pictures`, which gets whether the pass was folded and
    /// returns `None` to keep the last step's pictures (`Detail::Summary`'s blanks, alike for as many ENIs):
    /// a folded pass then allocates nothing for its pictures.
    pub fn push_pass(&mut self, mut next: Step, enis: usize, pictures: impl FnOnce(bool) -> Option<Vec<Arc<EniView>>>) {
        match self.passes.last_mut() {
            Some(last) if last.is_repeated_by(&next, enis) => {
                let passes = last.passes + next.passes;
                next.enis = pictures(true).unwrap_or_else(|| std::mem::take(&mut last.enis));
                *last = next;
                last.passes = passes;
            }
            _ => {
                next.enis = pictures(false).unwrap_or_default();
                self.passes.push(next);
            }
        }
    }

    /// The steps as a list, the start first.
    pub fn into_steps(self) -> Vec<Step> {
        let mut steps = Vec::with_capacity(1 + self.passes.len());
        steps.push(self.start);
        steps.extend(self.passes);
        steps
    }
}

/// How much of a run the trace records. Every number (statistics, pods, the calls' api, ENI, count and
/// unit, the steps' ENI counts) is the same in both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Every step's events, decision and call text, and every ENI's picture.
    Full,
    /// Numbers only, for plans that feed a table (the advisor's alternatives): no event text, empty
    /// decision text and empty text for calls that move addresses, and only the last step's ENIs drawn (the others hold one blank picture per
    /// ENI). Runs of alike passes may merge more, as their events are not told apart.
    Summary,
}

/// The compact picture of every ENI, reusing the picture of an ENI that has not changed since it was
/// last drawn: a pass touches one or two ENIs, not all of them.
#[derive(Debug, Default)]
pub struct Snapshots {
    /// By ENI id (ids count up from 0 and are never reused): the ENI's `version` and cooling count when
    /// drawn, and the picture. Within one version no address is released, so the cooling addresses can
    /// only stop cooling: an unchanged count means an unchanged picture.
    drawn: Vec<Option<(u64, i64, Arc<EniView>)>>,
    /// The one blank picture `Detail::Summary` steps share.
    blank: Option<Arc<EniView>>,
}

impl Snapshots {
    pub fn take(&mut self, ds: &DataStore, now: i64, custom_networking: bool) -> Vec<Arc<EniView>> {
        ds.enis
            .iter()
            .map(|e| {
                let cooling = e.cooling_any(now, ds.cooldown);
                let slot = e.id as usize;
                if slot >= self.drawn.len() {
                    self.drawn.resize(slot + 1, None);
                }
                let id = match &self.drawn[slot] {
                    Some((v, c, view)) if (*v, *c) == (e.version, cooling) => return view.clone(),
                    Some((_, _, view)) => view.id.clone(),
                    None => format!("eni-{}", e.id),
                };
                let view = Arc::new(draw(e, id, ds.cooldown, now, custom_networking));
                self.drawn[slot] = Some((e.version, cooling, view.clone()));
                view
            })
            .collect()
    }

    /// `n` copies of one shared blank picture: a `Detail::Summary` step's ENIs.
    pub fn blanks(&mut self, n: usize) -> Vec<Arc<EniView>> {
        let blank = self.blank.get_or_insert_with(|| {
            Arc::new(EniView {
                id: String::new(),
                role: EniRole::Secondary,
                for_pods: true,
                ips: SlotCounts::default(),
                prefixes: Vec::new(),
                ipv6_prefix: false,
            })
        });
        vec![blank.clone(); n]
    }
}

/// One ENI's picture; `id` is its name, `eni-{id}`.
fn draw(e: &Eni, id: String, cooldown: i64, now: i64, custom_networking: bool) -> EniView {
    // Secondary IPs are counted per ENI (cooling ones from its releases); only /28s are drawn one by one.
    let cooling = e.cooling(now, cooldown, 0) as u32;
    let ips = SlotCounts {
        assigned: e.counts.assigned[0],
        cooling,
        warm: e.counts.addresses[0] - e.counts.assigned[0] - cooling,
    };
    let mut prefixes = Vec::new();
    let has_prefixes = e.counts.addresses[1] > 0;
    for c in e.cidrs.iter().filter(|c| has_prefixes && c.is_prefix) {
        push_prefix(&mut prefixes, [c.assigned() as u8, c.cooling(now, cooldown) as u8]);
    }
    let role = if e.is_primary {
        EniRole::Primary
    } else if e.is_trunk {
        EniRole::Trunk
    } else {
        EniRole::Secondary
    };
    EniView {
        id,
        role,
        for_pods: !(e.is_trunk || (e.is_primary && custom_networking)),
        ips,
        prefixes,
        ipv6_prefix: e.ipv6_prefix,
    }
}

/// Adds one /28 to an ENI's runs.
fn push_prefix(runs: &mut Vec<[u8; 3]>, p: [u8; 2]) {
    match runs.last_mut() {
        Some(r) if [r[0], r[1]] == p && r[2] < u8::MAX => r[2] += 1,
        _ => runs.push([p[0], p[1], 1]),
    }
}
