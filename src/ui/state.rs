//! The page state: the form as typed, the last scenario that passed every rule, and the view position.
//! `Action`s are user intents; the reducer delegates every rule to the core's `form` module.

use crate::form::{presets, Field, Form};
use crate::scenario::Scenario;
use std::rc::Rc;
use yew::Reducible;

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub form: Form,
    /// What the result shows: the newest form that passed every rule.
    pub last_valid: Scenario,
    /// The step shown; `None` follows the last step (the steady state).
    pub step: Option<usize>,
    pub playing: bool,
    /// Notices about a link that could not be restored in full.
    pub notices: Vec<String>,
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
    ApplyEdits(Vec<(&'static str, Option<String>)>),
    LoadPreset(usize),
    /// A form restored from a link or from history (back/forward), with notices.
    Restore(Form, Vec<String>),
    /// Move within a trace of `len` steps.
    Step(Move, usize),
    TogglePlay,
    /// One play tick over a trace of `len` steps; stops at the end.
    Tick(usize),
    DismissNotices,
}

impl State {
    pub fn new(form: Form, notices: Vec<String>) -> State {
        // A link whose fields pass but whose combination does not (IPv6 on a Xen type) shows the error
        // for the user's own scenario, never the built-in example's result.
        let last_valid = form.check().unwrap_or_else(|_| form.scenario());
        State {
            form,
            last_valid,
            step: None,
            playing: false,
            notices,
        }
    }

    /// The step index to show for a trace of `len` steps.
    pub fn step_index(&self, len: usize) -> usize {
        self.step
            .map_or(len.saturating_sub(1), |s| s.min(len.saturating_sub(1)))
    }

    fn revalidate(&mut self) {
        if let Ok(s) = self.form.check() {
            if s != self.last_valid {
                self.last_valid = s;
                self.step = None;
                self.playing = false;
            }
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::SetField(field, value) => {
                s.form.set(field, &value);
                s.revalidate();
            }
            Action::ApplyEdits(edits) => {
                s.form.apply_edits(&edits);
                s.revalidate();
            }
            Action::LoadPreset(i) => {
                if let Some(form) = presets().into_iter().nth(i).map(|p| p.form) {
                    let keep = (s.form.nodes.clone(), s.form.subnet.clone());
                    s.form = form;
                    (s.form.nodes, s.form.subnet) = keep;
                    s.revalidate();
                }
            }
            Action::Restore(form, notices) => {
                s.form = form;
                s.notices = notices;
                s.revalidate();
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
        }
        if s == *self {
            return self;
        }
        Rc::new(s)
    }
}
