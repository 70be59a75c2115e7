//! Importers: what a user already has, turned into the calculator's inputs. Pure: each takes the text of a
//! file or a paste and returns plain data or a one-line message; reading the files is the caller's job.
//!
//! - `settings`: today's `aws-node` environment from a DaemonSet, a manifest, `kubectl set env --list`,
//!   add-on `configurationValues` or Helm values; `known` the variables aws-node reads.
//! - `instances`: `aws ec2 describe-instance-types` pages as catalog rows, the `data/*.csv` text, the changes.
//! - `kubectl`: `kubectl get nodes` and `get pods` JSON as a `cluster::ClusterSpec` (subnets left empty).
//! - `json`: the JSON reader they share (`Json`), small for the page's wasm; `yaml` (not in the page's wasm):
//!   YAML documents as the same values.

pub mod instances;
pub mod json;
mod known;
pub mod kubectl;
pub mod settings;
#[cfg(not(target_arch = "wasm32"))]
mod yaml;

pub use known::AWS_NODE_ENV;
