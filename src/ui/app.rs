//! The root component: one reducer over the inputs; the report, the field errors and the URL are derived.
//! The answer comes first: the verdict and the page's own controls sit above the inputs and the results.

use super::browser;
use super::components::{
    advice::Advice,
    chart::{self, Chart},
    compare,
    inputs::inputs,
    node_view::{node_view, NodeViewProps},
    paste::Paste,
    paste_nodes::NODES,
    paste_settings::SETTINGS,
    paste_types::TYPES,
    snippets::Snippets,
    stepper::{stepper, StepperProps},
    subnet_table::SubnetTable,
    summary::{summary, SummaryProps},
    verdict, Same,
};
use super::state::{form_from_query, Action, State};
use crate::ipamd::trace::Detail;
use crate::scenario::Plans;
use crate::ui::dom::{Attrs, H, NONE, S};
use std::rc::Rc;
use yew::prelude::*;

/// The state a link opens: its form, and the step it names (`step` counts from 1, as the page does).
fn from_location() -> State {
    let (form, notices) = form_from_query(&browser::query());
    let mut s = State::new(form, notices);
    s.tab = browser::param("tab").unwrap_or_default();
    s.step = browser::param("step")
        .and_then(|v| v.parse::<usize>().ok())
        .map(|n| n.saturating_sub(1));
    s
}

/// The link's view keys after the form's (which always holds `type`): the step shown (when not the
/// last) and the open snippet tab.
fn view_query(mut q: String, step: Option<usize>, tab: &str) -> String {
    if let Some(i) = step {
        q += "&step=";
        q += &(i + 1).to_string();
    }
    if !tab.is_empty() {
        q += "&tab=";
        q += &crate::form::encode(tab);
    }
    q
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(from_location);
    // The last runs kept, the current settings' and the "before" settings': an edit of the node count or the
    // subnets re-does only the subnet figures.
    let kept = use_mut_ref(|| Plans::keeping(2));
    // The plan, and the "before" settings' plan on the same workload when the user keeps one: one memo,
    // as each hook costs wasm; a new "before" re-plans both, which happens only on Apply, pin or clear.
    let plans = use_memo((state.last_valid.clone(), state.before.clone()), |(s, b)| {
        let now = {
            let _m = browser::measure("vpc:plan");
            Rc::new(kept.borrow_mut().plan(s, Detail::Full))
        };
        (now, compare::plan_before(b, s, &mut kept.borrow_mut()))
    });
    // The cluster the editor describes, once it names a subnet, and under the "before" settings if any.
    // Node plans kept across edits (and shared with the alternatives): an edit of node counts or subnets
    // simulates no node again.
    let nodes = use_mut_ref(crate::cluster::NodePlans::default);
    let clusters = use_memo((state.last_cluster.clone(), state.before.clone()), |(c, b)| {
        let _m = browser::measure("vpc:cluster");
        let now = (!c.subnets.is_empty()).then(|| crate::cluster::plan_in(c, &mut nodes.borrow_mut()).map(Rc::new));
        (now, compare::plan_before_cluster(b, c, &mut nodes.borrow_mut()))
    });
    let cluster = &clusters.0;
    // Every advisor fix re-priced over the whole cluster, for the chart's proposed line and the
    // Alternatives' cluster columns (one memo for both). Very many pods per node: on demand only.
    let asked = use_state(|| false);
    let auto = state
        .last_cluster
        .node_groups
        .iter()
        .map(|g| u64::from(g.pods))
        .sum::<u64>()
        <= chart::AUTO_MAX_PODS;
    let cluster_alts = use_memo((state.last_cluster.clone(), auto || *asked), |(spec, want)| {
        let _m = browser::measure("vpc:cluster-advise");
        let rows =
            (*want && !spec.subnets.is_empty()).then(|| crate::cluster::advise_in(spec, &mut nodes.borrow_mut()).ok());
        Rc::new(rows.flatten().unwrap_or_default())
    });
    let ask = (!auto && !*asked).then(|| {
        let asked = asked.clone();
        Callback::from(move |_: MouseEvent| asked.set(true))
    });
    // The selected group's name, as the cluster names it: the per-node panels are that group's.
    let group_name = state
        .last_cluster
        .node_groups
        .get(state.form.selected)
        .map_or(String::new(), |g| g.name.clone());
    // With more than one group or subnet, the per-node summary is the selected group alone in subnet 1.
    let alone = match (cluster.as_ref(), &state.last_valid.subnet) {
        (Some(Ok(c)), Some(sub)) if c.node_groups.len() > 1 || c.subnets.len() > 1 => {
            Some(format!("if {group_name} were alone in {sub}"))
        }
        _ => None,
    };
    let report = plans.0.clone();
    // The answer first: the cluster's verdict once the editor names a subnet, else the node group's.
    // Cheap enough for every render (a sentence and a dozen subnet sizes), so not memoised: a hook costs wasm.
    let verdict = {
        let _m = browser::measure("vpc:verdict");
        match (cluster.as_ref(), report.as_ref()) {
            // With the best IPv4 fix once the alternatives are worked out, as `cluster --advise` says it.
            (Some(Ok(c)), _) => crate::verdict::Verdict {
                text: crate::cluster::verdict_with_fix(c, &cluster_alts),
                fits: Some(c.fits),
            },
            (Some(Err(e)), _) => crate::verdict::Verdict {
                text: format!("Cluster: {e}"),
                fits: Some(false),
            },
            (None, Ok(_)) if state.form.groups.len() > 1 => {
                crate::verdict::groups_without_subnet(state.form.groups.len())
            }
            (None, Ok(r)) => crate::verdict::verdict(r),
            (None, Err(e)) => crate::verdict::Verdict {
                text: e.to_string(),
                fits: Some(false),
            },
        }
    };
    let shared = Same(report.clone());
    let errors = state.errors.clone();
    let embed = use_memo((), |_| browser::is_embed());
    let trace_len = report.as_ref().as_ref().map_or(0, |r| r.trace.len());
    // The step in the link is the one shown, clamped to the trace; following the last step names none.
    let step = state.step.map(|_| state.step_index(trace_len));
    let query = view_query(state.form.to_query(), step, &state.tab);

    // The form lives in the URL: an edit is a history entry; opening a link or back/forward only
    // rewrites the current entry with the normalised query.
    use_effect_with((query.clone(), state.from_location), |(q, replace)| {
        browser::push_query(q, *replace)
    });
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = browser::on_popstate(move || {
                let (form, notices) = form_from_query(&browser::query());
                dispatch.dispatch(Action::Restore(form, notices));
            });
            move || drop(listener)
        });
    }
    {
        let dispatch = state.dispatcher();
        use_effect_with((state.playing, trace_len), move |&(playing, len)| {
            let timer = playing.then(|| browser::every(450, move || dispatch.dispatch(Action::Tick(len))));
            move || drop(timer)
        });
    }

    let on_action = {
        let state = state.clone();
        Callback::from(move |a: Action| state.dispatch(a))
    };
    // The field errors are already derived above; a form with any is not what the result shows.
    let stale = !errors.is_empty() || !state.cells.is_empty();
    let body = match report.as_ref() {
        Ok(r) => {
            let idx = state.step_index(r.trace.len());
            let mut h = H::new();
            h.open(
                "section",
                &[
                    ("class", S("results")),
                    ("id", S("results")),
                    ("tabindex", S("-1")),
                    ("aria-label", S("Results")),
                ],
            );
            // Each `if` leaves one node, shown or not, as `html!`'s does: yew matches children from the
            // end, so the components below keep their state when a line above comes or goes.
            if stale {
                h.text(
                    "p",
                    &[("class", S("stale")), ("role", S("status"))],
                    "Showing the last valid result: fix the highlighted field to update it.",
                );
            } else {
                h.node(Html::default());
            }
            if let Some(note) = crate::form::doc_note(&state.form) {
                h.open("p", &[("class", S("note docs-vs-code"))])
                    .text("strong", NONE, "AWS's docs vs the code: ")
                    .t(note)
                    .close();
            } else {
                h.node(Html::default());
            }
            h.node(compare::compare(
                state
                    .before
                    .as_ref()
                    .zip(plans.1.as_ref())
                    .map(|(e, p)| (e, p, clusters.1.as_ref().map(Result::as_ref))),
                (&state.last_valid.env, r, cluster.as_ref().map(Result::as_deref)),
                &group_name,
                &on_action,
            ));
            h.node(match cluster.as_ref() {
                Some(Ok(c)) => html! { <>
                    <SubnetTable report={Same(c.clone())} />
                    <Chart spec={state.last_cluster.clone()} report={Same(c.clone())} alternatives={Same((*cluster_alts).clone())} ask={ask.clone()} nodes={Same(nodes.clone())} on_action={on_action.clone()} />
                </> },
                _ => Html::default(),
            });
            h.node(html! { <>
                { stepper(&StepperProps { report: shared.clone(), index: idx, playing: state.playing, on_action: on_action.clone() }) }
                { node_view(&NodeViewProps { report: shared.clone(), index: idx }) }
                { summary(&SummaryProps { report: shared.clone(), alone }) }
                <Advice report={shared.clone()} scenario={state.last_valid.clone()} on_action={on_action.clone()} group={group_name.clone()}
                    cluster={cluster.as_ref().is_some_and(|c| c.is_ok()).then(|| Same((*cluster_alts).clone()))} />
                <Snippets env={state.last_valid.env.clone()} report={shared.clone()} tab={state.tab.clone()} on_action={on_action.clone()} />
            </> });
            h.finish()
        }
        Err(e) => {
            let mut h = H::new();
            h.open(
                "section",
                &[("class", S("results")), ("id", S("results")), ("tabindex", S("-1"))],
            );
            h.owned("p", &[("class", S("error")), ("role", S("alert"))], e.to_string());
            h.finish()
        }
    };
    let reset = on_action.reform(|_: MouseEvent| Action::ResetSettings);
    let example = on_action.reform(|_: MouseEvent| Action::LoadPreset(0));
    let app: Attrs = if *embed {
        &[("class", S("app embed"))]
    } else {
        &[("class", S("app"))]
    };
    let mut h = H::new();
    h.open("div", app);
    h.text("a", &[("class", S("skip")), ("href", S("#results"))], "Skip to results");
    if *embed {
        h.node(Html::default());
    } else {
        h.open("header", NONE).text("h1", NONE, "vpc-cni-calc").text(
            "p",
            NONE,
            "What the Amazon VPC CNI's ipamd attaches on an EKS node, step by step, and when your subnet runs out.",
        );
        h.close();
    }
    h.open("div", &[("class", S("answer-bar"))])
        .node(verdict::verdict(&verdict.text, verdict.fits))
        .open("div", &[("class", S("toolbar"))]);
    // `www/main.js` copies the link (the address without `embed`): no wasm for it.
    h.text(
        "button",
        &[("type", S("button")), ("data-copy-link", S(""))],
        "Copy link",
    );
    h.node(if *embed {
        html! { <a class="button" href={format!("?{query}")} target="_blank" rel="noopener">{"Open full page"}</a> }
    } else {
        Html::default()
    });
    h.open(
        "span",
        &[
            ("class", S("copied")),
            ("role", S("status")),
            ("aria-live", S("polite")),
            ("data-copy-status", S("")),
        ],
    )
    .close();
    // On a narrow screen the results come first; this leads back to the form.
    h.text(
        "a",
        &[("class", S("button narrow")), ("href", S("#inputs"))],
        "Edit inputs",
    );
    h.node(html! { <>
        <button type="button" data-testid="reset-settings" onclick={reset}>{"Reset to shipped settings"}</button>
        <button type="button" data-testid="load-example" onclick={example}>{"Try the example: WARM_IP_TARGET=2"}</button>
    </> });
    h.close().close();
    if !state.notices.is_empty() {
        h.open("div", &[("class", S("notice")), ("role", S("status"))])
            .open("ul", NONE);
        for n in &state.notices {
            h.owned("li", NONE, n.clone());
        }
        let dismiss = on_action.reform(|_| Action::DismissNotices);
        h.close()
            .node(html! { <button type="button" onclick={dismiss}>{"Dismiss"}</button> })
            .close();
    }
    h.open("main", NONE).open(
        "details",
        &[("class", S("inputs-panel")), ("id", S("inputs")), ("open", S("open"))],
    );
    h.text("summary", NONE, "Inputs");
    inputs(&mut h, &state.form, &errors, &state.cells, shared.ok(), &on_action);
    for kind in [SETTINGS, NODES, TYPES] {
        h.node(html! { <Paste {kind} on_action={on_action.clone()} /> });
    }
    h.close().node(body).close();
    if *embed {
        h.node(Html::default());
    } else {
        h.open("footer", NONE).text(
            "p",
            NONE,
            "Modelled on ipamd v1.23.1 (aws/amazon-vpc-cni-k8s). Where AWS's docs and the code disagree, this follows the code. Runs entirely in your browser.",
        );
    }
    h.finish()
}
