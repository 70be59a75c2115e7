//! The one integration test binary. Upstream vectors go through one `check` helper per area.
//! Labels such as `A7` (an upstream Go unit test) and `B2.4` (a row of an upstream doc table) name the
//! entries of `tests/it/VECTORS.md`, which restates each with its source file, test name, line and arithmetic.
#![allow(clippy::unwrap_used)] // a failing unwrap is a failing test

mod advisor; // each fix re-planned on the same workload
mod catalog; // data/ is complete and sane; lookup and suggestions (A12)
mod cli; // the binary: exit codes, messages, JSON shape
mod cli_fuzz; // the CLI entry point over random argument vectors
mod cluster; // issue 10: node groups across AZ subnets, placed, judged and advised
mod cluster_form; // the page's cluster editor: rows, cell rules, links, the spec
mod config; // env parsing and isConfigValid (A11)
mod docs; // upstream doc tables run through the simulator (Part B)
mod form; // the page's inputs: rules, presets, URL round trip
mod import; // the importers: settings, instance data, kubectl nodes and pods
mod json; // the importers' JSON reader: RFC 8259, escapes, depth, numbers; serde_json as oracle
mod max_pods; // max-pods-calculator.sh and nodeadm (A13)
mod node_init; // nodeInit: CNINode patch, trunk ENI, custom networking start-up failure
mod pool; // warm-pool decisions, datastore, ENI deletability (A1–A9)
mod props; // property tests: no panic, invariants, closed forms
mod simulate; // increase calls, SGP, scale-down, IPv6, traces (A8)
mod snippets; // kubectl and CDK output
mod subnet; // CIDRs, reserved addresses, /28 blocks, exhaustion
mod support; // helpers the modules share
mod tidy; // architecture invariants
mod verdict; // the one-line answer the page opens with
