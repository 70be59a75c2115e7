//! The root component: one reducer over the inputs; the report, the field errors and the URL are derived.

use super::browser;
use super::components::{
    advice::Advice, chart::Chart, inputs::Inputs, node_view::NodeView, paste::Paste, snippets::Snippets,
    stepper::Stepper, subnet_table::SubnetTable, summary::Summary, SharedReport,
};
use super::state::{Action, State};
use crate::form::Form;
use crate::scenario::plan;
use yew::prelude::*;

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| {
        let (form, notices) = Form::from_query(&browser::query());
        State::new(form, notices)
    });
    let report = use_memo(state.last_valid.clone(), |s| {
        let _m = browser::measure("vpc:plan");
        plan(s)
    });
    // The cluster the editor describes, once it names a subnet.
    let cluster = use_memo(state.last_cluster.clone(), |c| {
        let _m = browser::measure("vpc:cluster");
        (!c.subnets.is_empty()).then(|| crate::cluster::plan(c).map(std::rc::Rc::new))
    });
    let shared = SharedReport(report.clone());
    let errors = state.errors.clone();
    let embed = use_memo((), |_| browser::is_embed());

    // The form lives in the URL: an edit is a history entry; opening a link or back/forward only
    // rewrites the current entry with the normalised query.
    use_effect_with((state.form.clone(), state.from_location), |(form, replace)| {
        browser::push_query(&form.to_query(), *replace)
    });
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = browser::on_popstate(move || {
                let (form, notices) = Form::from_query(&browser::query());
                dispatch.dispatch(Action::Restore(form, notices));
            });
            move || drop(listener)
        });
    }
    let trace_len = report.as_ref().as_ref().map_or(0, |r| r.trace.len());
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
            html! {
                <section class="results" aria-label="Results">
                    if stale {
                        <p class="stale" role="status">{"Showing the last valid result: fix the highlighted field to update it."}</p>
                    }
                    if let Some(note) = crate::form::doc_note(&state.form) {
                        <p class="note docs-vs-code"><strong>{"AWS's docs vs the code: "}</strong>{note}</p>
                    }
                    <Stepper report={shared.clone()} index={idx} playing={state.playing} on_action={on_action.clone()} />
                    <NodeView report={shared.clone()} index={idx} />
                    <Summary report={shared.clone()} />
                    <Advice report={shared.clone()} scenario={state.last_valid.clone()} on_action={on_action.clone()} />
                    <Snippets env={state.last_valid.env.clone()} report={shared.clone()} />
                    if let Some(Ok(c)) = cluster.as_ref() {
                        <SubnetTable report={c.clone()} />
                        <Chart spec={state.last_cluster.clone()} report={c.clone()} />
                    }
                </section>
            }
        }
        Err(e) => html! { <section class="results"><p class="error" role="alert">{e.to_string()}</p></section> },
    };
    let notices = (!state.notices.is_empty()).then(|| {
        let dismiss = on_action.reform(|_| Action::DismissNotices);
        html! {
            <div class="notice" role="status">
                <ul>{ for state.notices.iter().map(|n| html! { <li>{n}</li> }) }</ul>
                <button type="button" onclick={dismiss}>{"Dismiss"}</button>
            </div>
        }
    });
    html! {
        <div class={classes!("app", embed.then_some("embed"))}>
            if !*embed {
                <header>
                    <h1>{"vpc-cni-calc"}</h1>
                    <p>{"What the Amazon VPC CNI's ipamd attaches on an EKS node, step by step, and when your subnet runs out."}</p>
                </header>
            }
            { for notices }
            // The cluster's verdict, the answer first (the lead moves it into the page's verdict slot).
            { match cluster.as_ref() {
                Some(Ok(c)) => html! { <p id="cluster-verdict" class={classes!("verdict", (!c.fits).then_some("bad"))} role="status">{&c.verdict}</p> },
                Some(Err(e)) => html! { <p id="cluster-verdict" class="error" role="status">{format!("Cluster: {e}")}</p> },
                None => html! {},
            } }
            <main>
                <div class="input-column">
                    <Inputs form={state.form.clone()} errors={errors.clone()} cells={state.cells.clone()} report={shared.clone()} on_action={on_action.clone()} />
                    <Paste on_action={on_action.clone()} />
                </div>
                { body }
            </main>
            if !*embed {
                <footer>
                    <p>{"Modelled on ipamd v1.23.1 (aws/amazon-vpc-cni-k8s). Where AWS's docs and the code disagree, this follows the code. Runs entirely in your browser."}</p>
                </footer>
            }
        </div>
    }
}
