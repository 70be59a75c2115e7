//! The command line: `args` parses arguments into a `Scenario` (or a calculator call), this module runs
//! the command, and `render` writes the answer as text (JSON comes from serde). Pure: `run` takes the
//! arguments and returns the text to print or the one-line error; `src/main.rs` does the printing and the
//! exit code.

mod args;
mod cluster;
mod files;
mod import;
mod render;

pub use files::Files;
pub use render::{render_text, settings_table};

use crate::advisor;
use crate::config::CniEnv;
use crate::max_pods;
use crate::nodeadm;
use crate::scenario;
use crate::snippets::{self, Format};
use crate::vpc;

pub const USAGE: &str = "\
vpc-cni-calc: what the Amazon VPC CNI's ipamd attaches on an EKS node, and what it costs the subnet.

USAGE:
  vpc-cni-calc plan <instance-type> --pods N [--then-pods M] [--arrival ramp|burst] [--nodes N]
                    [--subnet CIDR] [--node-subnet CIDR] [--max-pods N | --max-pods-expression EXPR] [--seed S] [KEY=VALUE | KEY- ...] [--advise] [--verify] [--json]
                    [--settings-from FILE] [--instance-data FILE]...
  vpc-cni-calc max-pods --instance-type T [--cni-version V] [--cni-custom-networking-enabled]
                    [--cni-prefix-delegation-enabled] [--cni-max-eni N] [--show-max-allowed] [--instance-data FILE]...
  vpc-cni-calc snippet kubectl|cdk|addon|eksctl|terraform|helm [--settings-from FILE] [KEY=VALUE | KEY- ...]
  vpc-cni-calc snippet max-pods N | ipv6-iam | ipv6-cluster
  vpc-cni-calc instances [PREFIX] [--json]
  vpc-cni-calc settings import FILE [--json]
  vpc-cni-calc data import FILE... [--out DIR]
  vpc-cni-calc cluster SPEC.json [--json] [--advise] [--settings-from FILE] [--instance-data FILE]...
  vpc-cni-calc cluster [SPEC.json] --from-kubectl NODES.json [PODS.json] [--print-spec] [--instance-data FILE]...

Options take their value as --pods 5 or --pods=5. --max-pods-expression is nodeadm's maxPodsExpression
(e.g. 'default_enis * (ips_per_eni - 1) + 2'), evaluated for the instance as kubelet's maxPods.
Settings are aws-node environment variables, starting from the shipped manifest
(WARM_ENI_TARGET=1, WARM_PREFIX_TARGET=1, ENABLE_IPv4=true): KEY=VALUE sets one, KEY- removes it. --settings-from FILE starts from today's settings instead: the
aws-node DaemonSet (kubectl get ds aws-node -n kube-system -o json or -o yaml), a manifest, the output of
kubectl set env daemonset/aws-node -n kube-system -c aws-node --list, add-on configurationValues (or
aws eks describe-addon output) or Helm values; KEY=VALUE edits apply on top. --instance-data FILE reads
aws ec2 describe-instance-types JSON and adds or overrides those types for the run; data import rewrites
data/*.csv (or DIR) from such pages and prints what was added, changed and removed.

EXAMPLE:
  vpc-cni-calc plan m5.large --pods 5 WARM_IP_TARGET=2     # holds 7 IPs
";

/// The longest error message the CLI prints, in characters; a user's value is clipped to fit.
pub const MAX_ERROR_CHARS: usize = 1000;

/// Runs one command line as the OS hands it over: an argument that is not UTF-8 is refused, and the
/// error, if any, is one line of at most `MAX_ERROR_CHARS` characters (control characters escaped).
pub fn run_os(args: &[std::ffi::OsString]) -> Result<String, String> {
    run_os_with(args, &no_files)
}

/// Reads the file a command names (`cluster SPEC.json`): the binary reads the disk, tests pass a map.
pub type ReadFile<'a> = &'a dyn Fn(&str) -> Result<String, String>;

/// A `ReadFile` for callers with no files.
pub fn no_files(path: &str) -> Result<String, String> {
    Err(format!("cannot read '{}': no files here", crate::suggest::clip(path)))
}

/// `run_os`, reading (and for `data import`, writing) files through `files`: `src/main.rs` passes the disk,
/// tests a closure that reads (any `Fn(&str) -> Result<String, String>` is a read-only `Files`).
pub fn run_os_with(args: &[std::ffi::OsString], files: &dyn Files) -> Result<String, String> {
    let mut utf8 = Vec::with_capacity(args.len());
    for (i, a) in args.iter().enumerate() {
        match a.to_str() {
            Some(s) => utf8.push(s.to_string()),
            None => {
                return Err(one_line(&format!(
                    "argument {} is not valid UTF-8: '{}'",
                    i + 1,
                    a.to_string_lossy()
                )))
            }
        }
    }
    run_with(&utf8, files).map_err(|e| one_line(&e))
}

/// An error message as one printable line: control characters (CR, LF, NEL, U+2028, …) escaped and the
/// whole clipped to `MAX_ERROR_CHARS`, so no value a user typed can flood or forge the terminal.
pub fn one_line(message: &str) -> String {
    match message.char_indices().nth(MAX_ERROR_CHARS) {
        Some((i, _)) => one_line_unclipped(&message[..i]) + "…",
        None => one_line_unclipped(message),
    }
}

fn one_line_unclipped(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if unprintable(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// A character that moves or drives the terminal, or breaks a line.
fn unprintable(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// Runs one command line (without the program name); it reads no files.
pub fn run(args: &[String]) -> Result<String, String> {
    run_with(args, &no_files)
}

/// `run`, reading and writing files through `files`.
///
/// Control characters a file carries (an escape sequence in a variable's name) are printed escaped, as
/// `\u{1b}`, as in `one_line`, so no output drives the terminal. A snippet is the exception: it is config
/// to apply, so every value reaches it byte for byte, quoted by its own format's rules (`snippets::quote`;
/// `tests/tools/` feeds control characters through each real tool), and escaping it here would change
/// the value applied.
pub fn run_with(args: &[String], files: &dyn Files) -> Result<String, String> {
    let out = command(args, files)?;
    let snippet = args.first().is_some_and(|c| c == "snippet");
    if snippet || !out.chars().any(|c| unprintable(c) && c != '\n' && c != '\t') {
        return Ok(out);
    }
    Ok(out
        .split_inclusive('\n')
        .map(|line| match line.strip_suffix('\n') {
            Some(l) => one_line_unclipped(l) + "\n",
            None => one_line_unclipped(line),
        })
        .collect())
}

fn command(args: &[String], files: &dyn Files) -> Result<String, String> {
    let Some((cmd, rest)) = args.split_first() else {
        return Ok(USAGE.to_string());
    };
    match cmd.as_str() {
        "plan" => plan(rest, files),
        "max-pods" => max_pods_cmd(rest, files),
        "snippet" => snippet(rest, files),
        "settings" => import::settings_cmd(rest, files),
        "data" => import::data_cmd(rest, files),
        "instances" => instances(rest),
        "cluster" => import::cluster_cmd(rest, files),
        "help" | "--help" | "-h" => Ok(format!("{USAGE}\n{}", settings_table())),
        "--version" | "-V" => Ok(format!(
            "vpc-cni-calc {} (VPC CNI v{})\n",
            env!("CARGO_PKG_VERSION"),
            max_pods::CURRENT_CNI_VERSION
        )),
        other => Err(format!(
            "unknown command '{other}' (expected plan, max-pods, snippet, instances, cluster, settings or data; see --help)"
        )),
    }
}

fn plan(args: &[String], files: &dyn Files) -> Result<String, String> {
    let args::Plan {
        scenario: mut s,
        max_pods_expression,
        json,
        advise,
        verify,
        settings_from,
        instance_data,
        edits,
    } = args::plan(args)?;
    s.instance_data = import::instance_data(files, &instance_data)?;
    let mut import_warnings = Vec::new();
    if let Some(path) = settings_from {
        (s.env, import_warnings) = import::settings_from(files, &path, &edits)?;
    }
    if let Some(expr) = max_pods_expression {
        let instance = vpc::lookup_in(&s.instance_data, &s.instance_type).map_err(|e| e.to_string())?;
        let n = nodeadm::kubelet_max_pods(instance, &expr).map_err(|e| format!("--max-pods-expression: {e}"))?;
        s.max_pods = Some(n);
    }
    let mut report = scenario::plan(&s).map_err(|e| e.to_string())?;
    // The settings file's own warnings (an unknown name is kept, never dropped silently) come first.
    report.warnings.splice(0..0, import_warnings);
    let advice = advise.then(|| advisor::advise(&s, &report));
    if json {
        // Written straight from the structs (keys in struct order): a `Value` tree of a long trace costs
        // more than the plan.
        #[derive(serde::Serialize)]
        struct WithAdvice<'a> {
            #[serde(flatten)]
            report: &'a scenario::Report,
            #[serde(skip_serializing_if = "Option::is_none")]
            advice: Option<&'a Vec<advisor::Alternative>>,
        }
        let v = WithAdvice {
            report: &report,
            advice: advice.as_ref(),
        };
        serde_json::to_string_pretty(&v)
            .map(|j| j + "\n")
            .map_err(|e| e.to_string())
    } else {
        let mut out = render_text(&report, &s.env);
        if let Some(a) = advice {
            out += &render::render_advice(&a);
        }
        if verify {
            out.push('\n');
            out += &snippets::verify_on_a_node(&report);
        }
        Ok(out)
    }
}

fn max_pods_cmd(args: &[String], files: &dyn Files) -> Result<String, String> {
    let a = args::max_pods(args)?;
    let extra = import::instance_data(files, &a.instance_data)?;
    let it = vpc::lookup_in(&extra, &a.instance_type).map_err(|e| e.to_string())?;
    let f = max_pods::calculator(it, &a.calculator)
        .map_err(|e| format!("{e}; pass --show-max-allowed for the uncapped value"))?;
    Ok(format!("{}\n", f.value))
}

/// The formats `snippet` takes, for its messages.
fn snippet_formats() -> String {
    let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
    format!("{}, ipv6-cluster, max-pods or ipv6-iam", names.join(", "))
}

/// The snippet `fmt` (a `Format`'s name, or `ipv6-iam`) for `env`, or `snippet`'s refusal. Shared with the
/// JavaScript API (`crate::api::snippet`).
pub fn snippet_for(fmt: &str, env: &CniEnv) -> Result<String, String> {
    if fmt == "ipv6-iam" {
        return Ok(snippets::ipv6_iam_policy());
    }
    let format = Format::parse(fmt).ok_or_else(|| {
        format!(
            "unknown snippet format '{}' (expected {})",
            crate::suggest::clip(fmt),
            snippet_formats()
        )
    })?;
    snippets::generate(format, env).map_err(|e| e.to_string())
}

fn snippet(args: &[String], files: &dyn Files) -> Result<String, String> {
    let expected = snippet_formats();
    let args::Snippet { words, settings_from } = args::snippet(args)?;
    let (fmt, rest) = words
        .split_first()
        .ok_or_else(|| format!("snippet needs a format: {expected}"))?;
    if fmt == "ipv6-iam" {
        no_more_arguments("snippet ipv6-iam", rest)?;
        return Ok(snippets::ipv6_iam_policy());
    }
    if fmt == "max-pods" {
        let n: i64 = args::parse_number(
            "snippet max-pods",
            rest.first().ok_or("snippet max-pods needs a value")?,
        )?;
        if !(1..=KUBELET_MAX_PODS_LIMIT).contains(&n) {
            return Err(format!(
                "snippet max-pods expects a whole number from 1 to {KUBELET_MAX_PODS_LIMIT} (kubelet's maxPods is an int32), got {n}"
            ));
        }
        no_more_arguments("snippet max-pods N", &rest[1..])?;
        return Ok(snippets::max_pods_settings(n));
    }
    if let Some(path) = settings_from {
        return import::snippet_from(files, fmt, &path, rest);
    }
    let mut env = CniEnv::manifest();
    for a in rest {
        args::apply_setting(&mut env, a)?;
    }
    snippet_for(fmt, &env)
}

/// kubelet's `maxPods` is an int32.
const KUBELET_MAX_PODS_LIMIT: i64 = i32::MAX as i64;

fn no_more_arguments(command: &str, rest: &[String]) -> Result<(), String> {
    match rest.first() {
        Some(extra) => Err(format!("unexpected argument '{extra}': {command} takes nothing more")),
        None => Ok(()),
    }
}

fn instances(args: &[String]) -> Result<String, String> {
    let a = args::instances(args)?;
    let rows: Vec<&vpc::InstanceTypeLimits> = vpc::with_prefix(&a.prefix).collect();
    if a.json {
        return serde_json::to_string_pretty(&rows)
            .map(|j| j + "\n")
            .map_err(|e| e.to_string());
    }
    Ok(render::instances_table(&rows))
}
