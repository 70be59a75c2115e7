//! In-browser tests (wasm-bindgen-test in headless Chromium): the reducer, the URL round trip through the
//! real `location`, and a mounted App.
#![allow(clippy::unwrap_used)] // a failing unwrap is a failing test

use super::state::{Action, Move, State};
use crate::edit::Edit;
use crate::form::{Cell, Col, Field, Form, List};
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
        (s.form.get(Field::InstanceType), s.form.mode),
        ("t3.small".into(), Mode::PrefixDelegation)
    );
    assert_eq!(s.form.get(Field::Nodes), "20", "presets keep the node group");
    let (f, notices) = Form::from_query("type=p3dn.24xlarge&pods=oops");
    let s = reduce(s, Action::Restore(f, notices));
    assert_eq!(s.form.get(Field::InstanceType), "p3dn.24xlarge");
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
    f.set(Field::Subnet, "100.64.0.0/19");
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
    f.set(Field::Pods, "11");
    super::browser::push_query(&f.to_query(), true);
    assert_eq!(history.length().unwrap(), before, "replacing adds no entry");
    assert!(super::browser::query().contains("pods=11"));
    f.set(Field::Nodes, "3");
    super::browser::push_query(&f.to_query(), false);
    assert_eq!(history.length().unwrap(), before + 1, "an edit adds one");
    f.set(Field::Nodes, "34");
    super::browser::push_query(&f.to_query(), false);
    assert_eq!(
        history.length().unwrap(),
        before + 1,
        "typing on in one field folds into it"
    );
    // Back/forward restores a form (written back by replacing); the next edit, even of the same
    // field, is a new entry, so it never overwrites the entry Back landed on.
    super::browser::push_query(&f.to_query(), true);
    f.set(Field::Nodes, "345");
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

/// Two groups in two AZs' /24s: group 1 (m5.large, 5 pods, WARM_IP_TARGET=2: 7 addresses per node, as
/// the seed example) and group 2 (t3.small, 40 desired nodes, max 60).
const TWO_GROUPS: &str = "type=m5.large&pods=5&nodes=20&subnet=10.0.0.0/24&WARM_IP_TARGET=2&az=a\
    &s1.subnet=10.0.1.0/24&s1.az=b&g1.type=t3.small&g1.pods=5&g1.nodes=40&g1.max_nodes=60";

#[wasm_bindgen_test]
fn cluster_cells_keep_the_last_valid_cluster_and_select_the_group() {
    let (f, notices) = Form::from_query(TWO_GROUPS);
    assert!(notices.is_empty(), "{notices:?}");
    let s = Rc::new(State::new(f, vec![]));
    assert_eq!(s.last_cluster.node_groups.len(), 2);
    let valid = s.last_cluster.clone();
    let surge = Cell {
        list: List::Groups,
        row: 1,
        col: Col::Surge,
    };
    let s = reduce(s, Action::SetCell(surge, "lots".into()));
    assert!(s
        .cells
        .iter()
        .any(|(c, m)| *c == surge && m.contains("not a node count")));
    assert_eq!(s.last_cluster, valid, "a bad cell keeps the last valid cluster");
    let s = reduce(s, Action::SetCell(surge, "10%".into()));
    assert!(s.cells.is_empty());
    assert_eq!(s.last_cluster.node_groups[1].surge, crate::cluster::Surge::Percent(10));
    // The single-node views follow the selected group.
    let s = reduce(s, Action::SelectGroup(1));
    assert_eq!(
        (s.last_valid.instance_type.as_str(), s.last_valid.nodes),
        ("t3.small", 40)
    );
    let s = reduce(s, Action::RemoveRow(List::Groups, 0));
    assert_eq!(
        (s.form.groups.len(), s.last_valid.instance_type.as_str()),
        (1, "t3.small")
    );
    let s = reduce(s, Action::AddRow(List::Subnets));
    assert_eq!(s.form.subnets.len(), 3);
}

#[wasm_bindgen_test]
async fn the_cluster_verdict_table_and_chart_render() {
    super::browser::push_query(TWO_GROUPS, true);
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<super::App>::with_root(root.clone()).render();
    sleep(300).await;
    let text = |sel: &str| {
        root.query_selector(sel)
            .unwrap()
            .unwrap_or_else(|| panic!("{sel}"))
            .text_content()
            .unwrap_or_default()
    };
    let spec = Form::from_query(TWO_GROUPS).0.cluster().unwrap();
    let (report, alternatives) = crate::cluster::plan_and_advise(&spec).unwrap();
    // The verdict ends with the best IPv4 fix, as `cluster --advise` says it.
    assert_eq!(
        text("[data-testid=verdict]"),
        crate::cluster::verdict_with_fix(&report, &alternatives)
    );
    let rows = root.query_selector_all(".subnet-table tbody tr").unwrap();
    assert_eq!(rows.length(), 2, "one row per subnet");
    // The editor names each cell by its row and column.
    let cell = root.query_selector("#c-g1-type").unwrap().unwrap();
    let label = root.query_selector("label[for=c-g1-type]").unwrap().unwrap();
    assert_eq!(label.text_content().as_deref(), Some("Group 2 Instance type"));
    assert_eq!(
        cell.dyn_into::<web_sys::HtmlInputElement>().unwrap().value(),
        "t3.small"
    );
    // The chart's text alternative says where the drawn subnet runs out.
    assert!(text("svg.chart desc").contains("With the current settings it"));
    assert!(root.query_selector("svg.chart polyline.current").unwrap().is_some());
    assert!(root.query_selector("svg.chart path.capacity").unwrap().is_some());
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
