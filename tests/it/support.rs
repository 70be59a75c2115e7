//! Helpers the test modules share: a scenario from its instance, pods and `KEY=VALUE` settings, and its plan.

use vpc_cni_calc::scenario::{plan, Report, Scenario};

/// One node of `instance` running `pods`, with `settings` applied over the manifest.
pub fn scenario(instance: &str, pods: u32, settings: &[&str]) -> Scenario {
    let mut s = Scenario::new(instance);
    s.pods = pods;
    for a in settings {
        s.env.apply(a).unwrap();
    }
    s
}

/// The plan of `s`; a refusal fails the test with its message.
pub fn report(s: &Scenario) -> Report {
    plan(s).unwrap_or_else(|e| panic!("{e}"))
}
