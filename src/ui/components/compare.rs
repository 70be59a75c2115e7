//! Current against proposed: the settings kept as "before" (by Apply, or pinned to try edits) beside
//! the current ones, on the same workload: addresses per node, at the peak, for the group, whether it
//! fits, and EC2 calls per node. The "before" stays until the user clears it.

use crate::advisor::ec2_calls;
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

/// Before and now side by side, or the button that keeps the current settings as "before".
pub fn compare(
    before: Option<(&CniEnv, &Result<Report, PlanError>)>,
    now: (&CniEnv, &Report),
    on_action: &Callback<Action>,
) -> Html {
    let Some((env, planned)) = before else {
        let pin = on_action.reform(|_: MouseEvent| Action::PinBefore);
        return html! {
            <p class="pin"><button type="button" onclick={pin}>{"Keep these settings as \u{201c}before\u{201d} to compare edits"}</button></p>
        };
    };
    let clear = on_action.reform(|_: MouseEvent| Action::ClearBefore);
    let labels = [
        "Settings",
        "Addresses per node",
        "At peak, per node",
        "Node group at peak",
        "Fits the subnet",
        "EC2 calls per node",
    ];
    let b = match planned {
        Ok(r) => column(r, env),
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
    let a = column(now.1, now.0);
    html! {
        <section class="card compare" aria-label="Before and after" data-testid="compare">
            <h2>{"Before and after"}</h2>
            <div class="table-wrap">
            <table>
                <thead><tr><th scope="col"><span class="sr-only">{"Figure"}</span></th><th scope="col">{"Before"}</th><th scope="col">{"Now"}</th></tr></thead>
                <tbody>
                    { for labels.iter().zip(b.iter().zip(&a)).map(|(l, (b, a))| html! {
                        <tr><th scope="row">{*l}</th><td data-side="before">{b}</td><td data-side="after">{a}</td></tr>
                    }) }
                </tbody>
            </table>
            </div>
            <button type="button" data-testid="clear-before" onclick={clear}>{"Clear before"}</button>
        </section>
    }
}

/// One side's figures, in the order of the labels; its settings as the edits from the shipped manifest.
fn column(r: &Report, env: &CniEnv) -> [String; 6] {
    let sb = &r.subnet;
    let changes = env.changes();
    let fits = match (sb.fits, sb.exhausts_at_nodes) {
        (Some(true), _) => "fits".to_string(),
        (Some(false), Some(at)) => format!("no: node {at} fails"),
        (Some(false), None) => "no".to_string(),
        (None, _) => "no subnet given".to_string(),
    };
    [
        if changes.is_empty() {
            "as shipped".to_string()
        } else {
            crate::edit::join(&changes)
        },
        sb.addresses_per_node.to_string(),
        sb.peak_addresses_per_node.to_string(),
        sb.cluster_addresses.to_string(),
        fits,
        ec2_calls(&r.trace).to_string(),
    ]
}
