//! The alternatives: each usual fix re-planned on the same workload, with what it saves in addresses and
//! costs in EC2 calls, and a button that applies it to the form. Every row is priced against the same two
//! subnets (the pod subnet and the node subnet), so savings compare like with like.
//!
//! The rows are one node of the selected group, priced in subnet 1; once the page has a cluster the table
//! names that group and subnet, and each row also carries the whole cluster's total at max + surge and
//! fit under the same edits (`cluster::advise`'s row with the same edits, worked out once by the page).
//!
//! Re-planning every fix costs several plans, so it runs after the main result is on screen, once the
//! inputs have been still for a moment; until then the section says so instead of showing numbers for
//! other inputs. A run of thousands of passes (a ramp of thousands of pods) would re-plan tens of
//! milliseconds of alternatives on every edit, so there they wait for a click.

use super::{count, SharedReport};
use crate::advisor::{candidates, price, rank, Alternative, Candidate};
use crate::cluster::ClusterAlternative;
use crate::edit::Edit;
use crate::scenario::{Plans, Scenario};
use crate::ui::browser;
use crate::ui::dom::{Attrs, COL, H, NONE, ROW, S};
use crate::ui::state::Action;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// How long the inputs must be still before the alternatives are worked out (a typist's pause).
const SETTLE_MS: u32 = 250;
/// Runs of more passes than this (a ramp of thousands of pods) get the alternatives on demand only: each
/// fix re-runs every pass (stored steps are fewer, runs of alike passes merged, but cost the same).
const AUTO_MAX_PASSES: u32 = 2_000;

/// The alternatives being worked out: one candidate re-planned per task, so a keystroke waits for at
/// most one plan, never for all of them.
struct Job {
    todo: Vec<Candidate>,
    priced: Vec<Alternative>,
    report: SharedReport,
    scenario: Scenario,
    done: UseStateHandle<Option<(SharedReport, Rc<Vec<Alternative>>)>>,
    /// The effect's generation counter and the value it had when this job started.
    generation: (Rc<RefCell<u64>>, u64),
    /// The candidates' plans from the last job: an edit of the node count or the subnets reuses their runs.
    plans: Rc<RefCell<Plans>>,
}

impl Job {
    fn next(mut self, delay: u32) {
        browser::after(delay, move || {
            let (counter, mine) = &self.generation;
            let Some(current) = self.report.ok().filter(|_| *counter.borrow() == *mine) else {
                return;
            };
            if let Some(c) = self.todo.pop() {
                let _m = browser::measure("vpc:advise");
                self.priced
                    .extend(price(&mut self.plans.borrow_mut(), &self.scenario, current, c));
            }
            if self.todo.is_empty() {
                let alts = rank(current, std::mem::take(&mut self.priced));
                self.done.set(Some((self.report.clone(), Rc::new(alts))));
            } else {
                self.next(0);
            }
        });
    }
}

#[derive(Properties, PartialEq)]
pub struct AdviceProps {
    pub report: SharedReport,
    pub scenario: Scenario,
    pub on_action: Callback<Action>,
    /// The selected group's name.
    pub group: String,
    /// The cluster's alternatives under the same edits, once the page has a cluster (empty while they
    /// wait for a click).
    pub cluster: Option<super::Same<Vec<ClusterAlternative>>>,
}

/// The cluster's row with the same edits as a node's (in any order).
fn same_edits<'a>(rows: &'a [ClusterAlternative], edits: &[Edit]) -> Option<&'a ClusterAlternative> {
    rows.iter()
        .find(|c| c.edits.len() == edits.len() && edits.iter().all(|e| c.edits.contains(e)))
}

#[component]
pub fn Advice(props: &AdviceProps) -> Html {
    let AdviceProps {
        report,
        scenario,
        on_action,
        group,
        cluster,
    } = props;
    // With a cluster the per-node columns name the group they price; its columns wait for its rows.
    let named = cluster.is_some();
    let cluster = cluster.as_ref().filter(|c| !c.is_empty());
    let heading = if named {
        format!("Alternatives for one node of {group}")
    } else {
        "Alternatives".to_string()
    };
    // The alternatives with the report they were worked out for, and the report they were asked for.
    let done = use_state(|| None::<(SharedReport, Rc<Vec<Alternative>>)>);
    let asked = use_state(|| None::<SharedReport>);
    let go = report
        .ok()
        .is_some_and(|r| r.trace.last().is_some_and(|st| st.pass <= AUTO_MAX_PASSES))
        || asked.as_ref() == Some(report);
    // Each run of the effect gets a new generation; a pending step of an older one sees it and stops.
    let generation = use_mut_ref(|| 0u64);
    // One run per candidate (at most four).
    let plans = use_mut_ref(|| Plans::keeping(4));
    {
        let (done, generation) = (done.clone(), generation.clone());
        use_effect_with((report.clone(), scenario.clone(), go), move |(r, s, go)| {
            *generation.borrow_mut() += 1;
            if let (true, Some(rep)) = (*go, r.ok()) {
                let job = Job {
                    todo: candidates(s, rep),
                    priced: Vec::new(),
                    report: r.clone(),
                    scenario: s.clone(),
                    done,
                    generation: (generation.clone(), *generation.borrow()),
                    plans: plans.clone(),
                };
                job.next(SETTLE_MS);
            }
            move || *generation.borrow_mut() += 1
        });
    }
    let Some(alts) = done.as_ref().filter(|(r, _)| r == report).map(|(_, a)| a.clone()) else {
        let ask = {
            let (asked, report) = (asked.clone(), report.clone());
            Callback::from(move |_: MouseEvent| asked.set(Some(report.clone())))
        };
        let busy: Attrs = if go {
            &[
                ("class", S("card advice")),
                ("aria-label", S("Alternatives")),
                ("aria-busy", S("true")),
            ]
        } else {
            &[
                ("class", S("card advice")),
                ("aria-label", S("Alternatives")),
                ("aria-busy", S("false")),
            ]
        };
        let mut h = H::new();
        h.open("section", busy).owned("h2", NONE, heading);
        if go {
            h.text(
                "p",
                &[("class", S("dim pending"))],
                "Working out the usual fixes for these inputs…",
            );
        } else {
            h.open("p", DIM)
                .s(format!("Over {AUTO_MAX_PASSES} passes: the usual fixes are re-planned on request. "))
                .node(html! {
                    <button type="button" class="apply" data-testid="ask-alternatives" onclick={ask}>{"Work out the alternatives"}</button>
                });
        }
        return h.finish();
    };
    if alts.len() < 2 {
        return html! {};
    }
    let base = &alts[0];
    let delta = |mine: i64, theirs: i64| {
        let saves = mine - theirs;
        if saves > 0 {
            format!(" (−{saves})")
        } else if saves < 0 {
            format!(" (+{})", -saves)
        } else {
            String::new()
        }
    };
    let mut h = H::new();
    h.open(
        "section",
        &[
            ("class", S("card advice")),
            ("aria-label", S("Alternatives")),
            ("data-testid", S("alternatives")),
        ],
    )
    .owned("h2", NONE, heading);
    h.open("p", DIM).t(
        "The same workload under each usual fix, in addresses one node takes. Pod subnet: your subnet, \
        where pods draw their addresses (the ENIConfig subnet under custom networking). Node subnet: where each \
        node's primary ENI lives; without custom networking it is the same subnet.",
    );
    if named {
        h.s(format!(" Per-node columns: one node of {group}, run out as if {group} were alone in {}. Cluster columns (once worked out): every group re-planned under the same edits, at max + surge.", scenario.subnet.as_deref().unwrap_or("subnet 1")));
    }
    h.close()
        .open("div", &[("class", S("table-wrap"))])
        .open("table", NONE)
        .open("thead", NONE)
        .open("tr", NONE);
    h.text("th", COL, "Option")
        .text("th", COL, "Pod subnet")
        .text("th", COL, "Peak")
        .text("th", COL, "Node subnet");
    if named {
        h.owned("th", COL, format!("{group} alone runs out at"));
    } else {
        h.text("th", COL, "Your subnet runs out at");
    }
    if cluster.is_some() {
        h.text("th", COL, "Cluster at max + surge")
            .text("th", COL, "Cluster fits");
    }
    h.text("th", COL, "EC2 calls")
        .open("th", COL)
        .text("span", &[("class", S("sr-only"))], "Apply");
    h.close().close().close().open("tbody", NONE);
    for (i, a) in alts.iter().enumerate() {
        let (pod_delta, node_delta) = if i == 0 {
            (String::new(), String::new())
        } else {
            (
                delta(base.addresses_per_node, a.addresses_per_node),
                delta(base.node_subnet_addresses_per_node, a.node_subnet_addresses_per_node),
            )
        };
        let row: Attrs = if i == 0 { &[("class", S("current"))] } else { NONE };
        h.open("tr", row).open("th", ROW).t(a.title);
        if a.pods_without_ip > 0 {
            h.owned(
                "span",
                &[("class", S("bad"))],
                format!(" · {} without an IP", count(a.pods_without_ip, "pod", "pods")),
            );
        }
        if !a.caveat.is_empty() {
            h.text("small", NONE, a.caveat);
        }
        h.close().owned(
            "td",
            &[
                ("class", S("num")),
                ("data-col", S("pod")),
                ("data-label", S("Pod subnet")),
            ],
            format!("{}{pod_delta}", a.addresses_per_node),
        );
        h.num(
            "td",
            &[("class", S("num")), ("data-label", S("Peak"))],
            a.peak_addresses_per_node,
        );
        h.open(
            "td",
            &[
                ("class", S("num")),
                ("data-col", S("node")),
                ("data-label", S("Node subnet")),
            ],
        )
        .s(format!("{}{node_delta}", a.node_subnet_addresses_per_node));
        if a.shared_subnet {
            h.text("small", NONE, "same subnet");
        }
        h.close().owned(
            "td",
            &[("class", S("num")), ("data-label", S("Runs out at"))],
            a.exhausts_at_nodes
                .map_or("—".to_string(), |n| count(n, "node", "nodes")),
        );
        if let Some(rows) = cluster {
            let same = same_edits(rows, &a.edits);
            h.owned(
                "td",
                &[
                    ("class", S("num")),
                    ("data-label", S("Cluster at max + surge")),
                    ("data-col", S("cluster")),
                ],
                same.map_or("—".to_string(), |c| c.totals.addresses_at_max.to_string()),
            );
            h.text(
                "td",
                &[("data-label", S("Cluster fits")), ("data-col", S("cluster-fits"))],
                same.map_or("—", |c| if c.fits { "fits" } else { "does not fit" }),
            );
        }
        h.num(
            "td",
            &[("class", S("num")), ("data-label", S("EC2 calls"))],
            a.ec2_calls,
        )
        .open("td", NONE);
        if i > 0 {
            let apply = {
                let edits = a.edits.clone();
                on_action.reform(move |_: MouseEvent| Action::ApplyEdits(edits.clone()))
            };
            h.node(html! {
                <button type="button" class="apply" onclick={apply} aria-label={format!("Apply: {}", a.title)}>{"Apply"}</button>
            });
        }
        h.close().close();
    }
    h.finish()
}

const DIM: Attrs = &[("class", S("dim"))];
