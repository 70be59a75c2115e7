//! One component per file, each named for what it shows.

pub mod advice;
pub mod chart;
pub mod cluster_editor;
pub mod compare;
pub mod field;
pub mod inputs;
pub mod instance_picker;
pub mod node_view;
pub mod paste;
pub mod paste_nodes;
pub mod paste_settings;
pub mod paste_types;
pub mod snippets;
pub mod stepper;
pub mod subnet_table;
pub mod summary;
pub mod timeline;
pub mod verdict;

use crate::scenario::{PlanError, Report};
use std::rc::Rc;

/// The derived report, shared without copying; equal only to itself, so props compare in O(1).
pub type SharedReport = Same<Result<Report, PlanError>>;

impl SharedReport {
    pub fn ok(&self) -> Option<&Report> {
        self.0.as_ref().as_ref().ok()
    }
}

/// A derived value shared without copying, equal only to itself (like `SharedReport`): props compare in
/// O(1), and the wasm carries no deep comparison of the value's type.
pub struct Same<T>(pub Rc<T>);

impl<T> Clone for Same<T> {
    fn clone(&self) -> Self {
        Same(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Same<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Same<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

pub use crate::words::count;
