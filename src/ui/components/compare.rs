//! Current against proposed: the settings kept as "before" (by Apply, or pinned to try edits) beside
//! the current ones, on the same workload: addresses per node, at the peak, for the group, whether it
//! fits, and EC2 calls per node. Once the page has a cluster (a subnet is named), the total and the fit
//! are the whole cluster's at max + surge (`cluster::plan` under each side's settings), and the per-node
//! rows name the selected group. The "before" stays until the user clears it.

use crate::advisor::ec2_calls;
use crate::cluster::{ClusterReport, ClusterSpec, NodePlans};
use crate::config::CniEnv;
use crate::ipamd::trace::Detail;
use crate::scenario::{PlanError, Plans, Report, Scenario};
use crate::ui::browser::measure;
use crate::ui::dom::{COL, H, NONE, ROW, S};
use crate::ui::state::Action;
use yew::prelude::*;

/// The "before" settings planned on the current workload (by the page, once per change, reusing the runs
/// it keeps, as for the current settings); `None` when nothing is kept as "before".
pub fn plan_before(before: &Option<CniEnv>, s: &Scenario, kept: &mut Plans) -> Option<Result<Report, PlanError>> {
    before.as_ref().map(|env| {
        let _m = measure("vpc:plan-before");
        kept.plan(
            &Scenario {
                env: env.clone(),
                ..s.clone()
            },
            Detail::Full,
        )
    })
}

/// The whole cluster under the "before" settings (by the page, once per change, reusing the node plans it
/// keeps); `None` when nothing is kept as "before" or the page has no cluster.
pub fn plan_before_cluster(
    before: &Option<CniEnv>,
    spec: &ClusterSpec,
    kept: &mut NodePlans,
) -> Option<Result<ClusterReport, PlanError>> {
    let env = before.as_ref().filter(|_| !spec.subnets.is_empty())?;
    let _m = measure("vpc:cluster-before");
    Some(crate::cluster::plan_in(&spec.with_env(env), kept))
}

/// One side of the comparison: its settings, the selected group's node plan and, once the page has a
/// cluster, the cluster's plan under those settings.
pub type Side<'a, R> = (&'a CniEnv, R, Option<Result<&'a ClusterReport, &'a PlanError>>);

/// Before and now side by side, or the button that keeps the current settings as "before". `group` names
/// the selected group in the per-node rows when there is a cluster.
pub fn compare(
    before: Option<Side<&Result<Report, PlanError>>>,
    now: Side<&Report>,
    group: &str,
    on_action: &Callback<Action>,
) -> Html {
    let Some((env, planned, cluster_before)) = before else {
        let pin = on_action.reform(|_: MouseEvent| Action::PinBefore);
        let mut h = H::new();
        h.open("p", &[("class", S("pin"))]).node(html! {
            <button type="button" onclick={pin}>{"Keep these settings as \u{201c}before\u{201d} to compare edits"}</button>
        });
        return h.finish();
    };
    let clear = on_action.reform(|_: MouseEvent| Action::ClearBefore);
    let labels = match now.2 {
        Some(_) => [
            "Settings".to_string(),
            format!("Addresses per node ({group})"),
            format!("At peak, per node ({group})"),
            "Cluster at max + surge".to_string(),
            "Cluster fits".to_string(),
            format!("EC2 calls per node ({group})"),
        ],
        None => [
            "Settings",
            "Addresses per node",
            "At peak, per node",
            "Node group at peak",
            "Fits the subnet",
            "EC2 calls per node",
        ]
        .map(String::from),
    };
    let b = match planned {
        Ok(r) => column(r, env, cluster_before),
        // Settings kept from another workload may not plan on this one (IPv6 on a Xen type): say why.
        Err(e) => [
            e.to_string(),
            "—".into(),
            "—".into(),
            "—".into(),
            "—".into(),
            "—".into(),
        ],
    };
    let a = column(now.1, now.0, now.2);
    let mut h = H::new();
    h.open(
        "section",
        &[
            ("class", S("card compare")),
            ("aria-label", S("Before and after")),
            ("data-testid", S("compare")),
        ],
    )
    .text("h2", NONE, "Before and after");
    h.open("div", &[("class", S("table-wrap"))])
        .open("table", NONE)
        .open("thead", NONE)
        .open("tr", NONE)
        .open("th", COL)
        .text("span", &[("class", S("sr-only"))], "Figure")
        .close();
    h.text("th", COL, "Before").text("th", COL, "Now").close().close();
    h.open("tbody", NONE);
    for (l, (b, a)) in labels.into_iter().zip(b.into_iter().zip(a)) {
        h.open("tr", NONE).owned("th", ROW, l);
        h.owned("td", &[("data-side", S("before"))], b)
            .owned("td", &[("data-side", S("after"))], a)
            .close();
    }
    h.close().close().close();
    h.node(html! {
        <button type="button" data-testid="clear-before" onclick={clear}>{"Clear before"}</button>
    });
    h.finish()
}

/// One side's figures, in the order of the labels; its settings as the edits from the shipped manifest.
/// With a cluster, the total and the fit are the cluster's at max + surge.
fn column(r: &Report, env: &CniEnv, cluster: Option<Result<&ClusterReport, &PlanError>>) -> [String; 6] {
    let sb = &r.subnet;
    let changes = env.changes();
    let (total, fits) = match cluster {
        Some(Ok(c)) => (
            c.totals.addresses_at_max.to_string(),
            if c.fits { "fits" } else { "does not fit" }.to_string(),
        ),
        Some(Err(e)) => ("—".to_string(), e.to_string()),
        None => (
            sb.cluster_addresses.to_string(),
            match (sb.fits, sb.exhausts_at_nodes) {
                (Some(true), _) => "fits".to_string(),
                (Some(false), Some(at)) => format!("no: node {at} fails"),
                (Some(false), None) => "no".to_string(),
                (None, _) => "no subnet given".to_string(),
            },
        ),
    };
    [
        if changes.is_empty() {
            "as shipped".to_string()
        } else {
            crate::edit::join(&changes)
        },
        sb.addresses_per_node.to_string(),
        sb.peak_addresses_per_node.to_string(),
        total,
        fits,
        ec2_calls(&r.trace).to_string(),
    ]
}
