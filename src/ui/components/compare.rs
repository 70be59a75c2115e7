//! Current against proposed: the settings kept as "before" (by Apply, or pinned to try edits) beside
//! the current ones, on the same workload: addresses per node, at the peak, for the group, whether it
//! fits, and EC2 calls per node. Once the page has a cluster (a subnet is named), the total and the fit
//! are the whole cluster's at max + surge (`cluster::plan` under each side's settings), and the per-node
//! rows name the selected group. The "before" stays until the user clears it.

use crate::advisor::ec2_calls;
use crate::cluster::{ClusterReport, ClusterSpec};
use crate::config::CniEnv;
use crate::scenario::{plan, PlanError, Report, Scenario};
use crate::ui::browser::measure;
use crate::ui::state::Action;
use yew::prelude::*;

/// The "before" settings planned on the current workload (by the page, once per change); `None` when
/// nothing is kept as "before".
pub fn plan_before(before: &Option<CniEnv>, s: &Scenario) -> Option<Result<Report, PlanError>> {
    before.as_ref().map(|env| {
        let _m = measure("vpc:plan-before");
        plan(&Scenario {
            env: env.clone(),
            ..s.clone()
        })
    })
}

/// The whole cluster under the "before" settings (by the page, once per change); `None` when nothing is
/// kept as "before" or the page has no cluster.
pub fn plan_before_cluster(before: &Option<CniEnv>, spec: &ClusterSpec) -> Option<Result<ClusterReport, PlanError>> {
    let env = before.as_ref().filter(|_| !spec.subnets.is_empty())?;
    let _m = measure("vpc:cluster-before");
    Some(crate::cluster::plan(&spec.with_env(env)))
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
        return html! {
            <p class="pin"><button type="button" onclick={pin}>{"Keep these settings as \u{201c}before\u{201d} to compare edits"}</button></p>
        };
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
    html! {
        <section class="card compare" aria-label="Before and after" data-testid="compare">
            <h2>{"Before and after"}</h2>
            <div class="table-wrap">
            <table>
                <thead><tr><th scope="col"><span class="sr-only">{"Figure"}</span></th><th scope="col">{"Before"}</th><th scope="col">{"Now"}</th></tr></thead>
                <tbody>
                    { for labels.iter().zip(b.iter().zip(&a)).map(|(l, (b, a))| html! {
                        <tr><th scope="row">{l}</th><td data-side="before">{b}</td><td data-side="after">{a}</td></tr>
                    }) }
                </tbody>
            </table>
            </div>
            <button type="button" data-testid="clear-before" onclick={clear}>{"Clear before"}</button>
        </section>
    }
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
