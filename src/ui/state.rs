//! The page state: the form as typed, the last scenario that passed every rule, and the view position.
//! `Action`s are user intents; the reducer delegates every rule to the core's `form` module.

use crate::cluster::ClusterSpec;
use crate::config::CniEnv;
use crate::form::{load_preset, presets, Cell, Field, Form, List};
use crate::scenario::Scenario;
use crate::ui::browser::measure;
use std::rc::Rc;
use yew::Reducible;

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub form: Form,
    /// Each field that breaks its rule, with the message.
    pub errors: Rc<FieldErrors>,
    /// What the result shows: the newest form that passed every rule.
    pub last_valid: Scenario,
    /// The form came from the address bar (a link just opened, back/forward) rather than from an edit:
    /// writing its normalised query back replaces the history entry instead of adding one.
    pub from_location: bool,
    /// The step shown; `None` follows the last step (the steady state).
    pub step: Option<usize>,
    pub playing: bool,
    /// Notices about a link that could not be restored in full.
    pub notices: Vec<String>,
    /// Each cluster-editor cell that breaks its rule, with the message, in display order.
    pub cells: Rc<Vec<(Cell, String)>>,
    /// What the cluster results show: the newest cluster whose cells all passed.
    pub last_cluster: ClusterSpec,
    /// The settings kept as "before" (set by Apply or by pinning) until the user clears them; the
    /// comparison with the current settings is derived from it.
    pub before: Option<CniEnv>,
    /// The open snippet tab's name (empty: the first).
    pub tab: String,
}

/// Each field that breaks its rule, with the message, in the order `Form::check` reports them. A list, not
/// a `HashMap`: the page's wasm then carries no hash table or hasher of its own for a dozen fields.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldErrors(pub Vec<(Field, String)>);

impl FieldErrors {
    /// The message for `field`; the last one reported, as a map built from the list would keep.
    pub fn get(&self, field: &Field) -> Option<&String> {
        self.0.iter().rev().find(|(f, _)| f == field).map(|(_, m)| m)
    }

    pub fn contains_key(&self, field: &Field) -> bool {
        self.get(field).is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Where the stepper moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    First,
    Prev,
    Next,
    Last,
    To(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    SetField(Field, String),
    /// Setting edits proposed by the advisor.
    ApplyEdits(crate::advisor::Edits),
    /// A pasted config's changes to the shipped settings: every setting field is reset first.
    PasteSettings(crate::advisor::Edits),
    /// A pasted cluster's node groups (`kubectl get nodes` and `get pods`) in place of the editor's; the
    /// subnets stay.
    PasteGroups(Vec<crate::cluster::NodeGroupSpec>),
    LoadPreset(usize),
    /// A form restored from a link or from history (back/forward), with notices.
    Restore(Form, Vec<String>),
    /// Move within a trace of `len` steps.
    Step(Move, usize),
    TogglePlay,
    /// One play tick over a trace of `len` steps; stops at the end.
    Tick(usize),
    DismissNotices,
    /// The cluster editor: set a cell, add a row at the end, remove one, select the group to show.
    SetCell(Cell, String),
    AddRow(List),
    RemoveRow(List, usize),
    SelectGroup(usize),
    /// Every aws-node setting back to the shipped manifest's; the workload stays.
    ResetSettings,
    /// Keep the current settings as "before", to compare edits with; `ClearBefore` forgets them.
    PinBefore,
    ClearBefore,
    /// Open the snippet tab of this name.
    Tab(String),
    /// Instance types read from a pasted `describe-instance-types`: defined, the first picked.
    DefineTypes(Vec<crate::vpc::InstanceTypeLimits>),
}

impl State {
    pub fn new(form: Form, notices: Vec<String>) -> State {
        // A link whose fields pass but whose combination does not (IPv6 on a Xen type) shows the error
        // for the user's own scenario, never the built-in example's result.
        let (checked, errors) = check(&form);
        let last_valid = checked.unwrap_or_else(|| form.scenario());
        let (cluster, cells) = check_cluster(&form);
        State {
            cells,
            last_cluster: cluster.unwrap_or_default(),
            form,
            errors,
            last_valid,
            from_location: true,
            step: None,
            playing: false,
            notices,
            before: None,
            tab: String::new(),
        }
    }

    /// The step index to show for a trace of `len` steps.
    pub fn step_index(&self, len: usize) -> usize {
        self.step
            .map_or(len.saturating_sub(1), |s| s.min(len.saturating_sub(1)))
    }

    /// Checks the form after a change; `from_location` says where the change came from.
    fn revalidate(&mut self, from_location: bool) {
        self.from_location = from_location;
        let (checked, errors) = check(&self.form);
        self.errors = errors;
        if let Some(s) = checked {
            if s != self.last_valid {
                self.last_valid = s;
                self.step = None;
                self.playing = false;
            }
        }
        let (cluster, cells) = check_cluster(&self.form);
        self.cells = cells;
        if let Some(c) = cluster {
            self.last_cluster = c;
        }
    }
}

/// `form` with every aws-node setting (and the mode) as the shipped manifest has it, the workload kept.
pub fn shipped_settings(mut form: Form) -> Form {
    let blank = Form::blank("");
    for f in Field::ALL
        .into_iter()
        .filter(|f| f.setting().is_some() || *f == Field::Mode)
    {
        form.set(f, &blank.get(f));
    }
    form
}

/// The form a URL query opens. A first visit (no form field in the link) gets the example workload on
/// the shipped settings, so the example's WARM_IP_TARGET=2 never slips into the user's numbers unasked.
pub fn form_from_query(query: &str) -> (Form, Vec<String>) {
    let (form, notices) = Form::from_query(query);
    let given = crate::form::changed_keys("", query)
        .into_iter()
        .any(|k| !crate::form::VIEW_KEYS.contains(&k.as_str()));
    (if given { form } else { shipped_settings(form) }, notices)
}

/// The scenario if the form passes every rule, and the message for each field that does not.
fn check(form: &Form) -> (Option<Scenario>, Rc<FieldErrors>) {
    let _m = measure("vpc:check");
    match form.check() {
        Ok(s) => (Some(s), Rc::default()),
        Err(errors) => (
            None,
            Rc::new(FieldErrors(errors.into_iter().map(|e| (e.field, e.message)).collect())),
        ),
    }
}

/// The cluster if every cell passes its rule, and the message for each cell that does not.
fn check_cluster(form: &Form) -> (Option<ClusterSpec>, Rc<Vec<(Cell, String)>>) {
    let _m = measure("vpc:check-cluster");
    match form.cluster() {
        Ok(c) => (Some(c), Rc::default()),
        Err(errors) => (None, Rc::new(errors)),
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::SetField(field, value) => {
                s.form.set(field, &value);
                s.revalidate(false);
            }
            Action::ApplyEdits(edits) => {
                s.before.get_or_insert_with(|| s.last_valid.env.clone());
                s.form.apply_edits(&edits);
                s.revalidate(false);
            }
            Action::PasteSettings(edits) => {
                s.form.reset_settings();
                s.form.apply_edits(&edits);
                s.revalidate(false);
            }
            Action::PasteGroups(groups) => {
                s.form.replace_groups(&groups);
                s.revalidate(false);
            }
            Action::LoadPreset(i) => {
                if let Some(p) = presets().into_iter().nth(i) {
                    s.form = load_preset(&s.form, &p.form);
                    s.revalidate(false);
                }
            }
            Action::Restore(form, notices) => {
                s.form = form;
                s.notices = notices;
                s.revalidate(true);
            }
            Action::Step(m, len) => {
                let last = len.saturating_sub(1);
                let cur = s.step_index(len);
                let next = match m {
                    Move::First => 0,
                    Move::Prev => cur.saturating_sub(1),
                    Move::Next => (cur + 1).min(last),
                    Move::Last => last,
                    Move::To(i) => i.min(last),
                };
                s.step = if next == last { None } else { Some(next) };
                s.playing = false;
            }
            Action::TogglePlay => {
                s.playing = !s.playing;
                if s.playing && s.step.is_none() {
                    s.step = Some(0);
                }
            }
            Action::Tick(len) => {
                if !s.playing {
                    return self;
                }
                let next = s.step_index(len) + 1;
                if next + 1 >= len {
                    s.step = None;
                    s.playing = false;
                } else {
                    s.step = Some(next);
                }
            }
            Action::DismissNotices => s.notices.clear(),
            Action::SetCell(c, v) => {
                s.form.set_cell(c, &v);
                s.revalidate(false);
            }
            Action::AddRow(list) => {
                s.form.add_row(list);
                s.revalidate(false);
            }
            Action::RemoveRow(list, row) => {
                s.form.remove_row(list, row);
                s.revalidate(false);
            }
            Action::SelectGroup(row) => {
                s.form.select(row);
                s.revalidate(false);
            }
            Action::ResetSettings => {
                s.form = shipped_settings(s.form);
                s.revalidate(false);
            }
            Action::PinBefore => s.before = Some(s.last_valid.env.clone()),
            Action::ClearBefore => s.before = None,
            Action::Tab(name) => s.tab = name,
            Action::DefineTypes(types) => {
                s.form.define_types(types);
                s.revalidate(false);
            }
        }
        if s == *self {
            return self;
        }
        Rc::new(s)
    }
}
