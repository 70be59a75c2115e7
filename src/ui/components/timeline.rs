//! The timeline under the stepper: what the node holds at each step (IPs, or /28 prefixes in prefix mode)
//! as a small SVG the app draws, ENI attaches and detaches marked, the step shown as a line, and a jump
//! to the next step that makes an EC2 call (the scrubber above it moves to any step).

use crate::ipamd::trace::Step;
use crate::mode::Mode;
use crate::scenario::Report;
use crate::ui::dom::{self, S};
use crate::ui::state::{Action, Move};
use std::fmt::Write as _;
use yew::prelude::*;

/// The drawing's coordinate space (stretched to the width it gets). Whole numbers only: formatting
/// floats would pull Rust's float printer into the wasm.
const W: i64 = 1000;
const H: i64 = 60;

/// The timeline of `r`'s trace with step `index` shown; a plain function of the stepper's data.
pub fn timeline(r: &Report, index: usize, on_action: &Callback<Action>) -> Html {
    let trace = &r.trace;
    let len = trace.len();
    let pd = r.mode == Mode::PrefixDelegation;
    let (noun, held): (&str, fn(&Step) -> i64) = if pd {
        ("prefixes", |s| s.stats.total_prefixes)
    } else if r.mode == Mode::Ipv6 {
        ("IPs assigned", |s| s.stats.assigned_ips)
    } else {
        ("IPs", |s| s.stats.total_ips)
    };
    let top = trace.iter().map(held).max().unwrap_or(0).max(1);
    let last = len.saturating_sub(1).max(1) as i64;
    let x = |i: usize| i as i64 * W / last;
    let y = |v: i64| H - 2 - v.saturating_mul(H - 4) / top;
    let points: Vec<String> = trace
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{},{}", x(i), y(held(s))))
        .collect();
    // Where the ENI count changes, attached (more) or detached (fewer): one path of vertical strokes per
    // direction, and the steps (counted from 1) for the words.
    let (mut attach, mut detach) = ((String::new(), Vec::new()), (String::new(), Vec::new()));
    for (i, w) in trace.windows(2).enumerate() {
        let (was, now) = (w[0].enis.len(), w[1].enis.len());
        if was != now {
            let (d, steps) = if now > was { &mut attach } else { &mut detach };
            let _ = write!(d, "M{} 0V{H}", x(i + 1));
            steps.push(i + 2);
        }
    }
    let next_call = trace
        .iter()
        .enumerate()
        .skip(index + 1)
        .find(|(_, s)| !s.actions.is_empty())
        .map(|(i, _)| i);
    let jump = next_call.map(|i| on_action.reform(move |_: MouseEvent| Action::Step(Move::To(i), len)));
    let label = format!(
        "{noun} held over {len} steps, up to {top}; {}; {}",
        steps_in_words("attached", &attach.1),
        steps_in_words("detached", &detach.1)
    );
    let mut h = dom::H::new();
    h.open("div", &[("class", S("timeline"))]).node(html! {
        <svg viewBox={format!("0 0 {W} {H}")} preserveAspectRatio="none" role="img" aria-label={label} data-testid="timeline">
            <path class="eni-attach" d={attach.0} vector-effect="non-scaling-stroke" />
            <path class="eni-detach" d={detach.0} vector-effect="non-scaling-stroke" />
            <polyline class="held" points={points.join(" ")} vector-effect="non-scaling-stroke" />
            <path class="now" d={format!("M{} 0V{H}", x(index))} vector-effect="non-scaling-stroke" />
        </svg>
    });
    h.open("p", &[("class", S("dim timeline-key"))])
        .s(format!("{noun} held, 0–{top} · "))
        .text("span", &[("class", S("key-attach"))], "ENI attached")
        .t(" · ")
        .text("span", &[("class", S("key-detach"))], "ENI detached")
        .t(" ");
    h.node(html! {
        <button type="button" disabled={jump.is_none()} onclick={jump.unwrap_or_default()}>{"Next EC2 call ›"}</button>
    });
    h.finish()
}

/// "no ENI attached", "an ENI attached at step 2", "ENIs attached at steps 2, 4".
fn steps_in_words(what: &str, steps: &[usize]) -> String {
    match steps {
        [] => format!("no ENI {what}"),
        [one] => format!("an ENI {what} at step {one}"),
        many => {
            let list: Vec<String> = many.iter().map(usize::to_string).collect();
            format!("ENIs {what} at steps {}", list.join(", "))
        }
    }
}
