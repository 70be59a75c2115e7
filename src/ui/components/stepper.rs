//! The stepper over the simulator's trace: first, previous, play, next, last, a scrubber, arrow keys, and
//! what happened at the step in words (the event, ipamd's decision, the EC2 calls, the statistics).

use super::SharedReport;
use crate::mode::Mode;
use crate::ui::state::{Action, Move};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StepperProps {
    pub report: SharedReport,
    pub index: usize,
    pub playing: bool,
    pub on_action: Callback<Action>,
}

#[component]
pub fn Stepper(props: &StepperProps) -> Html {
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
    html! {
        <section class="stepper" aria-label="Step by step" tabindex="0" {onkeydown}>
            <h2>{"Step by step"}</h2>
            <div class="controls" role="group" aria-label="Step controls">
                <button type="button" onclick={go(Move::First)} aria-label="First step" disabled={*index == 0}>{"«"}</button>
                <button type="button" onclick={go(Move::Prev)} aria-label="Previous step" disabled={*index == 0}>{"‹"}</button>
                <button type="button" onclick={toggle} aria-label={if *playing { "Pause" } else { "Play" }}>{ if *playing { "Pause" } else { "Play" } }</button>
                <button type="button" onclick={go(Move::Next)} aria-label="Next step" disabled={*index + 1 >= len}>{"›"}</button>
                <button type="button" onclick={go(Move::Last)} aria-label="Last step" disabled={*index + 1 >= len}>{"»"}</button>
                <input type="range" class="scrubber" aria-label="Step" min="0" max={(len.saturating_sub(1)).to_string()}
                    value={index.to_string()} oninput={on_scrub} />
            </div>
            <p class="step-pos" aria-live="polite" data-step={index.to_string()}>
                {format!("Step {} of {len} · t = {} s · {when} · {} ENI{}", index + 1, step.time_s, step.enis.len(), if step.enis.len() == 1 { "" } else { "s" })}
            </p>
            if !step.events.is_empty() {
                <ul class="events">{ for step.events.iter().map(|e| html! { <li>{e.as_str()}</li> }) }</ul>
            }
            <p class={classes!("decision", step.decision.kind.as_str())}>
                <span class="kind">{step.decision.kind.as_str()}</span>{" "}{&step.decision.text}
            </p>
            <ul class="actions" aria-label="EC2 calls">
                if step.actions.is_empty() {
                    <li class="dim">{"No EC2 call"}</li>
                }
                { for step.actions.iter().map(|a| html! { <li><code>{a.api.as_str()}</code>{" "}{a.text.strip_prefix(a.api.as_str()).unwrap_or(&a.text)}</li> }) }
            </ul>
            <p class="stats">{pool}{format!(" · pods {} running, {} waiting", step.pods.running, step.pods.waiting)}</p>
            <p class="dim hint">{"Keys: ← → move a step, Home/End jump."}</p>
        </section>
    }
}
