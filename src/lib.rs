//! vpc-cni-calc: what the Amazon VPC CNI's ipamd attaches on an EKS node, and what it costs the subnet.
//!
//! # Bird's-eye view
//!
//! A `Scenario` (instance type, pods, nodes, subnet, the `aws-node` environment) goes into
//! `scenario::plan`, which resolves the settings the way ipamd parses them, computes every max-pods
//! variant, runs a step-by-step model of ipamd's reconcile loop on one node, and prices the node group
//! against the subnet. The `Report` that comes back is plain data; the CLI prints it as text or JSON and
//! the web page draws it. Snippet generators turn the same environment into config to apply.
//!
//! # Code map
//!
//! - `vpc`: the embedded instance catalog (`build.rs` joins `data/*.csv` into one table at build time),
//!   exact lookup with suggestions.
//! - `config`: the `SETTINGS` table (each entry's typed kind and default; `settings`), parsing (`parse`), `CniEnv` (raw env) and `CniConfig` (what ipamd uses), `isConfigValid`.
//! - `edit`: one `KEY=VALUE` / `KEY-` edit of that environment, parsed and printed in one place.
//! - `mode`: the `Mode` enum (secondary IPs, prefix delegation, IPv6) everything compares the mode by.
//! - `max_pods`: eni-max-pods, `max-pods-calculator.sh`, nodeadm, ipamd's real capacity.
//! - `nodeadm`: nodeadm's `maxPodsExpression` evaluator (`plan --max-pods-expression`).
//! - `ipamd`: the simulator; `mod.rs` is the driver (`simulate`, the phase loop).
//!   - `ipamd::node`: the node model (pods arriving, waiting for an IP, deleted).
//!   - `ipamd::repeat`: passes that only repeat the last (folded, or run as one) and when a run may stop.
//!   - `ipamd::ec2`: the EC2 actions, i.e. the `ipamd.go` functions that make EC2 calls (`nodeInit`,
//!     `updateIPPoolIfRequired`, `tryAssignIPs`, `tryAllocateENI`, `tryFreeENI`, …), a second `impl` on the node.
//!   - `ipamd::rng`: the seeded generator that stands in for Go's random map order.
//!   - `ipamd::datastore`: mirrors `data_store.go`; `datastore::eni` its per-ENI records.
//!   - `ipamd::pool`: the warm-pool decisions of `ipamd.go` (too low, too high, how many to add).
//!   - `ipamd::trace`: the steps a run records (`Trace`, `Step`, `Action` with its `Api`, `Decision`).
//!   - `ipamd::text`: the steps' sentences (`Text`), kept as numbers and formatted when first read.
//! - `subnet`: CIDR parsing, AWS's reserved addresses, /28 blocks (`IPS_PER_PREFIX`), exhaustion.
//! - `scenario`: the API boundary: the inputs (`Scenario`), `plan(&Scenario) -> Report`, `validate`.
//! - `report`: the `Report` family and the builders that derive it from a run (re-exported by `scenario`).
//! - `form`: the page's inputs as typed and their rules; `form::fields` the field list (each setting field
//!   finds its `SETTINGS` entry), `form::query` the URL query round trip, `form::presets` the examples,
//!   `form::rows` the cluster editor's node groups and subnet rows (cells, link keys, rules) and
//!   `form::cluster` their editing and the `ClusterSpec` they describe, `form::types` the instance types a
//!   pasted `describe-instance-types` defines (kept in the link as `itype`).
//! - `snippets`: one generator module per output format.
//! - `cluster`: issue 10's cluster (several node groups across AZ subnets, cluster-wide settings): `spec` the
//!   input (`ClusterSpec`, serde), `resolve` its checks, `cost` one plan per distinct (instance type, pods),
//!   `place` the round-robin placement, `model` a subnet's load for any node counts, `judge` the report
//!   (`report::ClusterReport`), `verdict` its first line, `series` a subnet's chart, `advise` the advisor's
//!   fixes re-planned over the whole cluster.
//! - `verdict`: the one-line answer the page opens with (needs, has, the node that fails, smallest fit).
//! - `advisor`: the usual fixes (tighter targets, prefixes, custom networking, IPv6), each re-planned.
//! - `import`: what a user already has, as inputs: `import::settings` today's `aws-node` env (DaemonSet JSON or
//!   YAML, a manifest, `kubectl set env --list`, add-on `configurationValues`, Helm values; YAML in the CLI only);
//!   `import::instances` `describe-instance-types` pages as catalog rows (`Scenario::instance_data`,
//!   `vpc::lookup_in`) and as `data/*.csv`; `import::kubectl` nodes and pods as a cluster spec; all read JSON
//!   through `import::json`, a small bounded RFC 8259 reader (the page's wasm has no serde_json parser).
//! - `cli`: the native binary's commands (pure: strings in, strings out); `args` parses (lexopt), `render`
//!   writes the text; `cli::import` the importers' commands; the files they name come through `cli::Files`,
//!   which `src/main.rs` implements on the disk.
//! - `warning`: `Warning`, with a stable code, which every layer reports instead of failing.
//! - `suggest`: "did you mean".
//! - `order`: a stable insertion sort for short lists (one small sort instead of a driftsort per call site), and
//!   `SortedMap`, strings by key in a sorted vector (a cluster's settings; no B-tree in the page's wasm).
//! - `words`: numbers as a person reads them (counts with their noun; IPv6's pool said, not printed).
//! - `api`: `plan`, `cluster` and `snippet` on plain data with the CLI's answers and messages, for the
//!   JavaScript API (`ui::api`, feature `js-api`, exports them from their own wasm,
//!   `src/bin/vpc-cni-calc-api.rs`; `www/api.js`, `www/api.d.ts`).
//! - `ui` (feature `ui`, wasm only): the Yew page; `src/bin/vpc-cni-calc-web.rs` mounts it. Views build their
//!   elements through `ui::dom::H` (small out-of-line calls), `html!` only where listeners, refs or
//!   components are; the paste boxes are one component (`ui::components::paste`) over three kinds.
//!
//! # Architecture invariants
//!
//! - The core (everything but `src/ui/` and `src/main.rs`) does no IO and reads no clock or OS entropy;
//!   randomness is a seeded generator. It never names yew, gloo, web-sys or wasm-bindgen; only `src/ui/`
//!   does. `tests/it/tidy.rs` enforces this.
//! - Bad input never panics: it comes back as a `PlanError` or a `Warning`. Property tests check this.
//! - Each function that mirrors ipamd names its Go counterpart in its doc comment.
//! - A seed gives the same trace in the CLI (native) and in the page (wasm32): both suites replay
//!   `tests/golden/seeded-burst.txt` (`tests/it/form.rs`, `src/ui/tests.rs`).
//!
//! # Entry points
//!
//! - `scenario::plan(&Scenario) -> Result<Report, PlanError>`: everything about one node group. The CLI's
//!   `plan`, the page and the advisor call it and nothing else to simulate.
//! - `scenario::validate`: the same refusals without the simulation, cheap enough for every keystroke.
//! - `scenario::Plans::plan`: `plan` for a page that keeps its last runs. The node's run does not depend on
//!   the node count or the subnets, so an edit of those alone re-does only the subnet figures (the same
//!   answer as `plan`: `tests/it/props.rs`). `Report::trace` is shared (`Arc`), so that is no copy.
//! - `cluster::plan(&ClusterSpec) -> Result<ClusterReport, PlanError>`: a whole cluster; `cluster::advise`
//!   its alternatives, `cluster::series(&ClusterReport, subnet)` a subnet's chart. `plan_in` and
//!   `advise_in` reuse node plans kept across edits (`cluster::NodePlans`).
//! - `advisor::advise(&Scenario, &Report)`: the usual fixes, each re-planned on the same workload.
//! - `snippets::generate(Format, &CniEnv)`: the config to apply, refused with `plan`'s message for
//!   settings ipamd would not start with.
//! - `cli::run_os_with(&[OsString], &dyn cli::Files) -> Result<String, String>`: the whole CLI as a pure
//!   function, files read and written through `Files` (`cli::run_os` reads none); `src/main.rs`
//!   only prints and sets the exit code.
//! - `form::Form`: the page's inputs, their rules and the URL query; `ui::state` is the one reducer over it.
//!
//! # Testing
//!
//! - `make test-native` (`cargo test`): one integration binary, `tests/it/`. Upstream vectors go through one
//!   `check` helper per area and carry labels from `tests/it/VECTORS.md`; expected values come from the
//!   upstream code, docs or arithmetic written beside them. `tests/it/props.rs` and `cli_fuzz.rs` are the
//!   property tests (`PROPTEST_CASES=5000` digs deeper); `tidy.rs` enforces the invariants above.
//!   Snippet text is pinned by `expect-test` snapshots (`UPDATE_EXPECT=1 cargo test` rewrites them).
//! - `make test-tools`: every snippet fed to the program it targets (kubectl, helm, tsc + CDK synth,
//!   terraform, the schemas, bash with stub commands), `tests/tools/`.
//! - `make test-wasm`: the reducer and the mounted page in headless Chromium (`src/ui/tests.rs`).
//! - `make test-e2e`: the built site in headless Chromium under its CSP (`tests/e2e/`).
//! - `cargo bench` and `make bench-web`: the costs, kept out of the pass/fail tests.

pub mod advisor;
pub mod api;
pub mod cli;
pub mod cluster;
pub mod config;
pub mod edit;
pub mod form;
pub mod import;
pub mod ipamd;
pub mod max_pods;
pub mod mode;
pub mod nodeadm;
pub mod order;
pub mod report;
pub mod scenario;
pub mod snippets;
pub mod subnet;
pub mod suggest;
pub mod verdict;
pub mod vpc;
pub mod warning;
pub mod words;

#[cfg(feature = "ui")]
pub mod ui;
