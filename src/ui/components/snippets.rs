//! The config snippets, one tab per delivery format plus where to set kubelet maxPods, each with one-click
//! copy and visible "Copied" feedback. Arrow keys, Home and End move the selection and the focus along
//! the tabs. The open tab is the page's (it goes in the link).

use super::SharedReport;
use crate::config::CniEnv;
use crate::snippets::{generate, ipv6_iam_policy, max_pods_settings, verify_on_a_node, Format};
use crate::ui::browser;
use crate::ui::dom::{self, H, NONE, S};
use crate::ui::state::Action;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SnippetsProps {
    pub env: CniEnv,
    pub report: SharedReport,
    /// The open tab's name; empty or unknown: the first.
    pub tab: String,
    pub on_action: Callback<Action>,
}

/// The tabs: every format, the max-pods settings, and the IAM policy in an IPv6 cluster.
fn tabs(ipv6: bool) -> Vec<(&'static str, &'static str)> {
    let mut t: Vec<(&str, &str)> = Format::ALL.iter().map(|f| (f.name(), f.title())).collect();
    t.push(("max-pods", "Where to set kubelet maxPods"));
    t.push(("verify", "Compare with a real node"));
    if ipv6 {
        t.push((Format::Ipv6Cluster.name(), Format::Ipv6Cluster.title()));
        t.push(("ipv6-iam", "IAM policy for an IPv6 cluster"));
    }
    t
}

#[component]
pub fn Snippets(props: &SnippetsProps) -> Html {
    let _m = browser::measure("vpc:snippets");
    let copied = use_state(|| None::<(usize, bool)>);
    let tabs = tabs(props.env.get("ENABLE_IPv6") == Some("true"));
    let n = tabs.len();
    // A tab that disappears (leaving IPv6) falls back to the first.
    let current = tabs.iter().position(|(name, _)| *name == props.tab).unwrap_or(0);
    let names: Vec<String> = tabs.iter().map(|(name, _)| name.to_string()).collect();
    let copy = |i: usize, text: &str| {
        let copied = copied.clone();
        let text = text.to_string();
        Callback::from(move |_: MouseEvent| {
            let copied = copied.clone();
            browser::copy(&text, move |ok| {
                copied.set(Some((i, ok)));
                let reset = copied.clone();
                browser::after(2000, move || reset.set(None));
            });
        })
    };
    // The settings' snippets change only with the settings (and their panels with the open tab and the
    // copy status), so an edit of the pods or the nodes neither writes nor builds them again; the
    // report's two (kubelet maxPods, a real node's numbers) follow the report.
    let written = use_memo((props.env.clone(), current, *copied), |(env, current, copied)| {
        tabs.iter()
            .enumerate()
            .map(|(i, &(name, title))| {
                let text = match (Format::parse(name), name) {
                    // The CLI's refusal, word for word: these settings would stop aws-node.
                    (Some(format), _) => generate(format, env).unwrap_or_else(|e| format!("Refused: {e}")),
                    (None, "ipv6-iam") => ipv6_iam_policy(),
                    _ => return Html::default(),
                };
                panel(i, name, title, i != *current, *copied, copy(i, &text), text)
            })
            .collect::<Vec<_>>()
    });
    let onkeydown = {
        let (on_action, names) = (props.on_action.clone(), names.clone());
        Callback::from(move |e: KeyboardEvent| {
            let next = match e.key().as_str() {
                "ArrowRight" => (current + 1) % n,
                "ArrowLeft" => (current + n - 1) % n,
                "Home" => 0,
                "End" => n - 1,
                _ => return,
            };
            e.prevent_default();
            // Focus follows the selection (the tab exists already, with tabindex -1 until it re-renders).
            browser::focus(&format!("tab-{}", names[next]));
            on_action.emit(Action::Tab(names[next].clone()));
        })
    };
    let mut h = H::new();
    h.open(
        "section",
        &[("class", S("snippets")), ("aria-label", S("Config to apply"))],
    )
    .text("h2", NONE, "Apply it");
    h.node(html! {
        <div class="tabs" role="tablist" aria-label="Format" {onkeydown}>
            { for tabs.iter().enumerate().map(|(i, (name, _))| {
                let select = { let name = names[i].clone(); props.on_action.reform(move |_: MouseEvent| Action::Tab(name.clone())) };
                let on = i == current;
                html! {
                    <button type="button" role="tab" id={format!("tab-{name}")} aria-selected={if on { "true" } else { "false" }}
                        aria-controls={format!("panel-{name}")} tabindex={if on { "0" } else { "-1" }} onclick={select}>{*name}</button>
                }
            }) }
        </div>
    });
    for (i, &(name, title)) in tabs.iter().enumerate() {
        let text = match name {
            "verify" => props.report.ok().map(verify_on_a_node).unwrap_or_default(),
            "max-pods" => max_pods_settings(props.report.ok().map_or(110, |r| r.max_pods.kubelet)),
            _ => {
                h.node(written[i].clone());
                continue;
            }
        };
        h.node(panel(i, name, title, i != current, *copied, copy(i, &text), text));
    }
    h.finish()
}

/// One tab's panel: its title, copy button and text.
fn panel(
    i: usize,
    name: &str,
    title: &str,
    hidden: bool,
    copied: Option<(usize, bool)>,
    onclick: Callback<MouseEvent>,
    text: String,
) -> Html {
    let id = format!("snippet-{name}");
    // The ids and labels are computed, so those elements stay in `html!`; their insides go through `H`.
    let mut p = H::new();
    p.open("div", &[("class", S("snippet-head"))]);
    p.node(html! { <h3 id={format!("{id}-title")}>{title.to_string()}</h3> });
    copy_button(&mut p, &id, format!("Copy {name}"), onclick, copied, i);
    p.close();
    let code = dom::owned("code", NONE, text);
    p.node(html! { <pre id={id.clone()} aria-labelledby={format!("{id}-title")} tabindex="0">{code}</pre> });
    let inside = p.finish();
    html! {
        <div class="snippet" role="tabpanel" id={format!("panel-{name}")} aria-labelledby={format!("tab-{name}")} {hidden}>
            {inside}
        </div>
    }
}

/// Copy button `i` of the snippet whose `pre` is `id`, and its status: "Copied" (or why not) while
/// `copied` holds the answer to a click on it.
pub fn copy_button(
    h: &mut H,
    id: &str,
    label: String,
    onclick: Callback<MouseEvent>,
    copied: Option<(usize, bool)>,
    i: usize,
) {
    let status = match copied {
        Some((j, true)) if j == i => "Copied",
        Some((j, false)) if j == i => "Copy failed: select the text instead",
        _ => "",
    };
    h.node(html! { <button type="button" class="copy" aria-describedby={format!("{id}-status")} {onclick}>{label}</button> });
    h.node(html! { <span id={format!("{id}-status")} class="copied" role="status" aria-live="polite">{status}</span> });
}
