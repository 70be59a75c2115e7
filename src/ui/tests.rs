//! In-browser tests (wasm-bindgen-test in headless Chromium): the reducer, the URL round trip through the
//! real `location`, and a mounted App.
#![allow(clippy::unwrap_used)] // a failing unwrap is a failing test

use super::state::{Action, Move, State};
use crate::edit::Edit;
use crate::form::{Field, Form};
use crate::ipamd::trace::Step;
use crate::mode::Mode;
use crate::scenario::plan;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::Reducible;

wasm_bindgen_test_configure!(run_in_browser);

fn reduce(s: Rc<State>, a: Action) -> Rc<State> {
    s.reduce(a)
}

#[wasm_bindgen_test]
fn bad_input_keeps_the_last_valid_scenario() {
    let s = Rc::new(State::new(Form::initial(), vec![]));
    let valid = s.last_valid.clone();
    let s = reduce(s, Action::SetField(Field::WarmIpTarget, "-1".into()));
    assert_eq!(s.form.warm_ip_target, "-1");
    assert_eq!(s.last_valid, valid, "an invalid field keeps the last valid result");
    let s = reduce(s, Action::SetField(Field::WarmIpTarget, "3".into()));
    assert_eq!(s.last_valid.env.get("WARM_IP_TARGET"), Some("3"));
}

#[wasm_bindgen_test]
fn stepping_clamps_and_follows_the_last_step() {
    let s = Rc::new(State::new(Form::initial(), vec![]));
    assert_eq!(s.step_index(10), 9);
    let s = reduce(s, Action::Step(Move::First, 10));
    assert_eq!(s.step_index(10), 0);
    let s = reduce(s, Action::Step(Move::Prev, 10));
    assert_eq!(s.step_index(10), 0);
    let s = reduce(s, Action::Step(Move::Next, 10));
    assert_eq!(s.step_index(10), 1);
    let s = reduce(s, Action::Step(Move::To(99), 10));
    assert_eq!((s.step, s.step_index(10)), (None, 9));
    // Play runs from the start and stops at the end.
    let mut s = reduce(s, Action::TogglePlay);
    assert_eq!(s.step_index(3), 0);
    for _ in 0..5 {
        s = reduce(s, Action::Tick(3));
    }
    assert!(!s.playing);
    assert_eq!(s.step_index(3), 2);
}

#[wasm_bindgen_test]
fn an_unchanged_state_is_the_same_rc() {
    let s = Rc::new(State::new(Form::initial(), vec![]));
    let same = reduce(s.clone(), Action::Tick(5));
    assert!(Rc::ptr_eq(&s, &same), "Yew skips re-rendering on the same Rc");
}

#[wasm_bindgen_test]
fn presets_and_restores() {
    let s = Rc::new(State::new(Form::initial(), vec![]));
    let pd = crate::form::presets()
        .iter()
        .position(|p| p.name.starts_with("t3.small prefix delegation"))
        .unwrap();
    let s = reduce(s, Action::LoadPreset(pd));
    assert_eq!(
        (s.form.instance_type.as_str(), s.form.mode),
        ("t3.small", Mode::PrefixDelegation)
    );
    assert_eq!(s.form.nodes, "20", "presets keep the node group");
    let (f, notices) = Form::from_query("type=p3dn.24xlarge&pods=oops");
    let s = reduce(s, Action::Restore(f, notices));
    assert_eq!(s.form.instance_type, "p3dn.24xlarge");
    assert_eq!(s.notices.len(), 1);
    let s = reduce(s, Action::DismissNotices);
    assert!(s.notices.is_empty());
}

#[wasm_bindgen_test]
fn a_link_restores_the_users_scenario_whatever_the_key_order() {
    // Issue 6 §6: node_subnet before custom=true; the /2 is dropped with a notice, the 30 pods stay.
    let (f, notices) =
        Form::from_query("type=m5.large&pods=30&nodes=40&subnet=10.0.0.0/22&node_subnet=10.1.0.0/2&custom=true");
    let s = State::new(f, notices);
    assert_eq!(s.notices.len(), 1, "{:?}", s.notices);
    assert_eq!((s.last_valid.pods, s.last_valid.nodes), (30, 40));
    assert!(s.errors.is_empty());
    // A combination ipamd refuses (IPv6 on a Xen type) shows that error for the user's own scenario,
    // never the built-in example's result.
    let (f, _) = Form::from_query("type=t2.medium&pods=7&mode=ipv6");
    let s = State::new(f, vec![]);
    assert_eq!(
        (s.last_valid.instance_type.as_str(), s.last_valid.pods),
        ("t2.medium", 7)
    );
    assert!(s.errors.contains_key(&Field::Mode));
}

#[wasm_bindgen_test]
fn only_edits_add_history_entries() {
    // A form from the address bar is written back by replacing the entry; an edit pushes one.
    let s = Rc::new(State::new(Form::initial(), vec![]));
    assert!(s.from_location);
    let s = reduce(s, Action::SetField(Field::Pods, "6".into()));
    assert!(!s.from_location);
    let (f, notices) = Form::from_query("type=t3.small&pods=9");
    let s = reduce(s, Action::Restore(f, notices));
    assert!(s.from_location);
    let s = reduce(s, Action::ApplyEdits(vec![Edit::new("WARM_IP_TARGET", Some("1"))]));
    assert!(!s.from_location);
}

#[wasm_bindgen_test]
fn errors_follow_the_form() {
    let s = Rc::new(State::new(Form::initial(), vec![]));
    let s = reduce(s, Action::SetField(Field::Pods, "lots".into()));
    assert!(s.errors.get(&Field::Pods).is_some_and(|m| m.contains("whole number")));
    let s = reduce(s, Action::SetField(Field::Pods, "8".into()));
    assert!(s.errors.is_empty());
}

#[wasm_bindgen_test]
fn advisor_edits_land_in_the_form() {
    let s = Rc::new(State::new(Form::initial(), vec![]));
    let s = reduce(
        s,
        Action::ApplyEdits(vec![
            Edit::new("ENABLE_PREFIX_DELEGATION", Some("true")),
            Edit::new("WARM_PREFIX_TARGET", Some("1")),
        ]),
    );
    assert_eq!(s.form.mode, Mode::PrefixDelegation);
    assert_eq!(s.form.warm_prefix_target, "1");
    assert_eq!(s.last_valid.env.get("ENABLE_PREFIX_DELEGATION"), Some("true"));
}

#[wasm_bindgen_test]
fn url_round_trip_through_the_location() {
    let mut f = Form::initial();
    f.mode = Mode::PrefixDelegation;
    f.subnet = "100.64.0.0/19".into();
    super::browser::push_query(&f.to_query(), false);
    let (back, notices) = Form::from_query(&super::browser::query());
    assert_eq!(back, f);
    assert!(notices.is_empty());
}

#[wasm_bindgen_test]
fn history_pushes_edits_and_replaces_restores() {
    let history = web_sys::window().unwrap().history().unwrap();
    let before = history.length().unwrap();
    let mut f = Form::initial();
    f.pods = "11".into();
    super::browser::push_query(&f.to_query(), true);
    assert_eq!(history.length().unwrap(), before, "replacing adds no entry");
    assert!(super::browser::query().contains("pods=11"));
    f.nodes = "3".into();
    super::browser::push_query(&f.to_query(), false);
    assert_eq!(history.length().unwrap(), before + 1, "an edit adds one");
    f.nodes = "34".into();
    super::browser::push_query(&f.to_query(), false);
    assert_eq!(
        history.length().unwrap(),
        before + 1,
        "typing on in one field folds into it"
    );
    // Back/forward restores a form (written back by replacing); the next edit, even of the same
    // field, is a new entry, so it never overwrites the entry Back landed on.
    super::browser::push_query(&f.to_query(), true);
    f.nodes = "345".into();
    super::browser::push_query(&f.to_query(), false);
    assert_eq!(history.length().unwrap(), before + 2);
}

async fn sleep(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

#[wasm_bindgen_test]
async fn the_app_mounts_and_shows_the_seed_example() {
    // Other tests move the location; the app reads its state from it.
    super::browser::push_query(&Form::initial().to_query(), true);
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<super::App>::with_root(root.clone()).render();
    sleep(100).await;
    let held = root
        .query_selector("[data-testid=ips-held]")
        .unwrap()
        .expect("steady state rendered");
    assert_eq!(held.text_content().as_deref(), Some("7"));
    let input = root
        .query_selector("#f-warm_ip_target")
        .unwrap()
        .unwrap()
        .dyn_into::<web_sys::HtmlInputElement>()
        .unwrap();
    assert_eq!(input.value(), "2");
}

#[wasm_bindgen_test]
fn custom_networking_applied_then_unticked_keeps_the_subnet() {
    // Issue 6 §4: the advisor's custom-networking edit keeps your subnet as the pod subnet; unticking
    // the box gives it back as the one subnet nodes and pods share.
    let s = Rc::new(State::new(Form::initial(), vec![]));
    let s = reduce(
        s,
        Action::ApplyEdits(vec![Edit::new("AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG", Some("true"))]),
    );
    assert!(s.form.custom_networking);
    assert_eq!(s.last_valid.subnet.as_deref(), Some("10.0.0.0/24"));
    assert_eq!(s.last_valid.node_subnet, None);
    let s = reduce(s, Action::SetField(Field::CustomNetworking, "false".into()));
    assert!(!s.form.custom_networking);
    assert_eq!(s.last_valid.subnet.as_deref(), Some("10.0.0.0/24"));
}

#[path = "../../tests/golden/seeded_burst.rs"]
mod seeded_burst;

/// A seed gives the same trace on every target: the native suite (`tests/it/form.rs`) compares the same
/// link's trace with the same golden file.
#[wasm_bindgen_test]
fn a_seeded_burst_replays_the_golden() {
    seeded_burst::assert_matches_golden();
}

#[wasm_bindgen_test]
fn a_first_visit_gets_the_shipped_settings_and_a_link_keeps_its_own() {
    use super::state::form_from_query;
    // No form key (a bare visit, or only view keys): the example's workload on the manifest's settings.
    for q in ["", "embed=1", "tab=cdk&step=2"] {
        let (f, _) = form_from_query(q);
        assert_eq!(f.get(Field::WarmIpTarget), "", "{q}");
        assert_eq!(f.get(Field::Pods), Form::initial().get(Field::Pods), "{q}");
    }
    // The example's own link keeps its WARM_IP_TARGET=2.
    let (f, notices) = form_from_query("type=m5.large&pods=5&WARM_IP_TARGET=2");
    assert_eq!(f.get(Field::WarmIpTarget), "2");
    assert!(notices.is_empty(), "{notices:?}");
}

#[wasm_bindgen_test]
fn reset_drops_every_setting_and_keeps_the_workload() {
    let mut f = Form::initial();
    f.set(Field::Mode, "pd");
    f.set(Field::MaxEni, "2");
    f.set(Field::Pods, "9");
    let s = reduce(Rc::new(State::new(f, vec![])), Action::ResetSettings);
    assert_eq!(s.form.mode, Mode::SecondaryIp);
    assert_eq!(
        (s.form.get(Field::WarmIpTarget), s.form.get(Field::MaxEni)),
        (String::new(), String::new())
    );
    assert_eq!(s.form.get(Field::Pods), "9");
    assert_eq!(s.last_valid.env, crate::config::CniEnv::manifest());
}

#[wasm_bindgen_test]
fn apply_keeps_the_first_before_until_cleared() {
    let s = Rc::new(State::new(Form::initial(), vec![]));
    let first = s.last_valid.env.clone();
    let s = reduce(s, Action::ApplyEdits(vec![Edit::new("WARM_IP_TARGET", Some("1"))]));
    assert_eq!(s.before.as_ref(), Some(&first));
    assert_ne!(s.last_valid.env, first);
    // A second Apply compares with the same "before", not with the first Apply's result.
    let s = reduce(s, Action::ApplyEdits(vec![Edit::new("MINIMUM_IP_TARGET", Some("4"))]));
    assert_eq!(s.before.as_ref(), Some(&first));
    let s = reduce(s, Action::ClearBefore);
    assert_eq!(s.before, None);
    let s = reduce(s, Action::PinBefore);
    assert_eq!(s.before.as_ref(), Some(&s.last_valid.env));
}
