//! One component per file, each named for what it shows.

pub mod advice;
pub mod field;
pub mod inputs;
pub mod instance_picker;
pub mod node_view;
pub mod snippets;
pub mod stepper;
pub mod summary;

use crate::scenario::{PlanError, Report};
use std::rc::Rc;

/// The derived report, shared without copying; equal only to itself, so props compare in O(1).
#[derive(Clone)]
pub struct SharedReport(pub Rc<Result<Report, PlanError>>);

impl PartialEq for SharedReport {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl SharedReport {
    pub fn ok(&self) -> Option<&Report> {
        self.0.as_ref().as_ref().ok()
    }
}

/// `n` with the noun in the right number: "1 address", "2 addresses".
pub fn count(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
