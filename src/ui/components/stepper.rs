//! The stepper over the simulator's trace: first, previous, play, next, last, a scrubber, arrow keys, and
//! the timeline of what the node holds, and what happened at the step in words (the event, ipamd's
//! decision, the EC2 calls, the statistics).

use super::timeline::timeline;
use super::SharedReport;
use crate::ipamd::trace::DecisionKind;
use crate::mode::Mode;
use crate::ui::dom::{self, Attrs, H, NONE, S};
use crate::ui::state::{Action, Move};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// What the parent passes (a plain function: it has no hooks, and the parent re-renders it with
/// every report anyway).
pub struct StepperProps {
    pub report: SharedReport,
    pub index: usize,
    pub playing: bool,
    pub on_action: Callback<Action>,
}

pub fn stepper(props: &StepperProps) -> Html {
    let StepperProps {
        report,
        index,
        playing,
        on_action,
    } = props;
    let Some(r) = report.ok() else { return html! {} };
    let len = r.trace.len();
    let Some(step) = r.trace.get(*index) else {
        return html! {};
    };
    let go = |m: Move| on_action.reform(move |_: MouseEvent| Action::Step(m, len));
    let keys = on_action.clone();
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        // The scrubber handles its own arrow keys.
        if e.target_unchecked_into::<web_sys::Element>().tag_name() == "INPUT" {
            return;
        }
        let m = match e.key().as_str() {
            "ArrowLeft" | "ArrowUp" => Move::Prev,
            "ArrowRight" | "ArrowDown" => Move::Next,
            "Home" => Move::First,
            "End" => Move::Last,
            _ => return,
        };
        e.prevent_default();
        keys.emit(Action::Step(m, len));
    });
    let on_scrub = on_action.reform(move |e: InputEvent| {
        let v = e.target_unchecked_into::<HtmlInputElement>().value();
        Action::Step(Move::To(v.parse().unwrap_or(0)), len)
    });
    let toggle = on_action.reform(|_: MouseEvent| Action::TogglePlay);
    let s = &step.stats;
    let pool = if r.mode == Mode::Ipv6 {
        format!("{} · {} assigned", crate::words::IPV6_POOL, s.assigned_ips)
    } else {
        let prefixes = if r.mode == Mode::PrefixDelegation {
            format!(" · {} prefixes, {} free", s.total_prefixes, s.free_prefixes)
        } else {
            String::new()
        };
        format!(
            "total {} · assigned {} · available {} · cooling {}{prefixes}",
            s.total_ips, s.assigned_ips, s.available_ips, s.cooldown_ips
        )
    };
    let when = if step.pass == 0 {
        "node start".to_string()
    } else if step.passes > 1 {
        format!("passes {}–{}, alike", step.first_pass(), step.pass)
    } else {
        format!("pass {}", step.pass)
    };
    // The section has a listener and the step's position computed attributes: they stay in `html!`
    // around what `H` builds.
    let mut h = H::new();
    h.text("h2", NONE, "Step by step");
    h.open(
        "div",
        &[
            ("class", S("controls")),
            ("role", S("group")),
            ("aria-label", S("Step controls")),
        ],
    );
    let (first, last) = (*index == 0, *index + 1 >= len);
    let play = if *playing { "Pause" } else { "Play" };
    h.node(step_button(go(Move::First), "First step", first, "«"));
    h.node(step_button(go(Move::Prev), "Previous step", first, "‹"));
    h.node(step_button(toggle, play, false, play));
    h.node(step_button(go(Move::Next), "Next step", last, "›"));
    h.node(step_button(go(Move::Last), "Last step", last, "»"));
    h.node(html! {
        <input type="range" class="scrubber" aria-label="Step" min="0" max={(len.saturating_sub(1)).to_string()}
            value={index.to_string()} oninput={on_scrub} />
    });
    h.close();
    h.node(timeline(r, *index, on_action));
    let position = dom::s(format!(
        "Step {} of {len} · t = {} s · {when} · {} ENI{}",
        index + 1,
        step.time_s,
        step.enis.len(),
        if step.enis.len() == 1 { "" } else { "s" }
    ));
    h.node(html! {
        <p class="step-pos" aria-live="polite" data-step={index.to_string()}>{position}</p>
    });
    if !step.events.is_empty() {
        h.open("ul", &[("class", S("events"))]);
        for e in &step.events {
            h.owned("li", NONE, e.as_str().to_string());
        }
        h.close();
    }
    let kind = step.decision.kind;
    h.open("p", decision(kind))
        .text("span", &[("class", S("kind"))], kind.as_str())
        .t(" ")
        .s(step.decision.text.as_str().to_string())
        .close();
    h.open("ul", &[("class", S("actions")), ("aria-label", S("EC2 calls"))]);
    if step.actions.is_empty() {
        h.text("li", &[("class", S("dim"))], "No EC2 call");
    }
    for a in &step.actions {
        h.open("li", NONE)
            .text("code", NONE, a.api.as_str())
            .t(" ")
            .s(a.text.strip_prefix(a.api.as_str()).unwrap_or(&a.text).to_string())
            .close();
    }
    h.close().open("p", &[("class", S("stats"))]).s(pool);
    h.s(format!(
        " · pods {} running, {} waiting",
        step.pods.running, step.pods.waiting
    ))
    .close();
    h.text(
        "p",
        &[("class", S("dim hint"))],
        "Keys: ← → move a step, Home/End jump.",
    );
    let inside = h.finish();
    html! {
        <section class="stepper" aria-label="Step by step" tabindex="0" {onkeydown}>{inside}</section>
    }
}

/// One of the step controls: `<button type="button" aria-label=… disabled=…>`.
fn step_button(onclick: Callback<MouseEvent>, label: &'static str, disabled: bool, text: &'static str) -> Html {
    html! { <button type="button" {onclick} aria-label={label} {disabled}>{text}</button> }
}

/// `class="decision {kind}"`.
fn decision(kind: DecisionKind) -> Attrs {
    match kind {
        DecisionKind::TooLow => &[("class", S("decision too-low"))],
        DecisionKind::TooHigh => &[("class", S("decision too-high"))],
        DecisionKind::DecreaseWait => &[("class", S("decision decrease-wait"))],
        DecisionKind::Ok => &[("class", S("decision ok"))],
        DecisionKind::MaxPods => &[("class", S("decision max-pods"))],
        DecisionKind::Ipv6 => &[("class", S("decision ipv6"))],
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn the_decision_class_is_the_kind_the_trace_names() {
        // The stylesheet colours `.decision.too-low` etc. by `DecisionKind::as_str`.
        use DecisionKind::*;
        for kind in [TooLow, TooHigh, DecreaseWait, Ok, MaxPods, Ipv6] {
            let &[("class", S(class))] = decision(kind) else {
                panic!("{kind}: one class attribute")
            };
            assert_eq!(class, format!("decision {}", kind.as_str()));
        }
    }
}
