//! The seeded-burst golden, shared by the native suite (`tests/it/form.rs`) and the wasm suite
//! (`src/ui/tests.rs`): each includes this file with `#[path]` and provides `Form`, `plan` and `Step`
//! from its own crate path, so both targets run the very same comparison. See `seeded-burst.txt` for
//! how the golden was derived.

use super::{plan, Form, Step};

/// The golden trace digest; `#` lines are comments.
const GOLDEN: &str = include_str!("seeded-burst.txt");

/// The burst as the page's link carries it: the CLI's `plan m5.xlarge --pods 40 --arrival burst --then-pods 5
/// --seed 7`.
pub const QUERY: &str = "type=m5.xlarge&pods=40&arrival=burst&then=5&seed=7";

/// Per step: time, pods running and waiting, ENIs, total IPs.
fn digest(trace: &[Step]) -> Vec<String> {
    trace
        .iter()
        .map(|s| {
            format!(
                "{} {} {} {} {}",
                s.time_s,
                s.pods.running,
                s.pods.waiting,
                s.enis.len(),
                s.stats.total_ips
            )
        })
        .collect()
}

/// Plans the burst from its link and compares the trace with the golden, line by line.
pub fn assert_matches_golden() {
    let (form, notices) = Form::from_query(QUERY);
    assert!(notices.is_empty(), "{notices:?}");
    let scenario = form.check().expect("the burst's link is a valid form");
    let report = plan(&scenario).expect("the burst plans");
    let want: Vec<&str> = GOLDEN.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(digest(&report.trace), want, "tests/golden/seeded-burst.txt");
}
