//! The command line: parses arguments into a `Scenario` (or a calculator call) and renders the answer as
//! text or JSON. Pure: `run` takes the arguments and returns the text to print or the one-line error;
//! `src/main.rs` does the printing and the exit code.

use crate::advisor;
use crate::config::{self, CniEnv, SETTINGS};
use crate::ipamd::{trace::Step, Arrival};
use crate::max_pods::{self, CalculatorArgs};
use crate::mode::Mode;
use crate::scenario::{self, Report, Scenario};
use crate::snippets::{self, Format};
use crate::vpc;

pub const USAGE: &str = "\
vpc-cni-calc: what the Amazon VPC CNI's ipamd attaches on an EKS node, and what it costs the subnet.

USAGE:
  vpc-cni-calc plan <instance-type> --pods N [--then-pods M] [--arrival ramp|burst] [--nodes N]
                    [--subnet CIDR] [--node-subnet CIDR] [--max-pods N] [--seed S] [KEY=VALUE | KEY- ...] [--advise] [--verify] [--json]
  vpc-cni-calc max-pods --instance-type T [--cni-version V] [--cni-custom-networking-enabled]
                    [--cni-prefix-delegation-enabled] [--cni-max-eni N] [--show-max-allowed]
  vpc-cni-calc snippet kubectl|cdk|addon|eksctl|terraform|helm [KEY=VALUE | KEY- ...]
  vpc-cni-calc snippet max-pods N | ipv6-iam | ipv6-cluster
  vpc-cni-calc instances [PREFIX] [--json]

Settings are aws-node environment variables, starting from the shipped manifest
(WARM_ENI_TARGET=1, WARM_PREFIX_TARGET=1, ENABLE_IPv4=true): KEY=VALUE sets one, KEY- removes it.

EXAMPLE:
  vpc-cni-calc plan m5.large --pods 5 WARM_IP_TARGET=2     # holds 7 IPs
";

/// The longest error message the CLI prints, in characters; a user's value is clipped to fit.
pub const MAX_ERROR_CHARS: usize = 1000;

/// Runs one command line as the OS hands it over: an argument that is not UTF-8 is refused, and the
/// error, if any, is one line of at most `MAX_ERROR_CHARS` characters (control characters escaped).
pub fn run_os(args: &[std::ffi::OsString]) -> Result<String, String> {
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
    run(&utf8).map_err(|e| one_line(&e))
}

/// An error message as one printable line: control characters (CR, LF, NEL, U+2028, …) escaped and the
/// whole clipped to `MAX_ERROR_CHARS`, so no value a user typed can flood or forge the terminal.
pub fn one_line(message: &str) -> String {
    let mut out = String::new();
    for (n, c) in message.chars().enumerate() {
        if n == MAX_ERROR_CHARS {
            out.push('…');
            break;
        }
        if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// Runs one command line (without the program name).
pub fn run(args: &[String]) -> Result<String, String> {
    let Some((cmd, rest)) = args.split_first() else {
        return Ok(USAGE.to_string());
    };
    match cmd.as_str() {
        "plan" => plan(rest),
        "max-pods" => max_pods_cmd(rest),
        "snippet" => snippet(rest),
        "instances" => instances(rest),
        "help" | "--help" | "-h" => Ok(format!("{USAGE}\n{}", settings_table())),
        "--version" | "-V" => Ok(format!(
            "vpc-cni-calc {} (VPC CNI v{})\n",
            env!("CARGO_PKG_VERSION"),
            max_pods::CURRENT_CNI_VERSION
        )),
        other => Err(format!(
            "unknown command '{other}' (expected plan, max-pods, snippet or instances; see --help)"
        )),
    }
}

fn number<T: std::str::FromStr>(flag: &str, v: Option<&String>) -> Result<T, String> {
    let v = v.ok_or_else(|| format!("{flag} needs a value"))?;
    if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("{flag} expects a whole number ≥ 0, got '{v}'"));
    }
    v.parse().map_err(|_| format!("{flag} value '{v}' is too large"))
}

fn value<'a>(flag: &str, v: Option<&'a String>) -> Result<&'a str, String> {
    v.map(String::as_str).ok_or_else(|| format!("{flag} needs a value"))
}

fn plan(args: &[String]) -> Result<String, String> {
    let mut instance = None;
    let mut s = Scenario::new("");
    let mut pods_given = false;
    let mut json = false;
    let mut advise = false;
    let mut verify = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--pods" => {
                s.pods = number("--pods", it.next())?;
                pods_given = true;
            }
            "--then-pods" => s.then_pods = Some(number("--then-pods", it.next())?),
            "--nodes" => s.nodes = number("--nodes", it.next())?,
            "--max-pods" => s.max_pods = Some(number("--max-pods", it.next())?),
            "--seed" => s.seed = Some(number("--seed", it.next())?),
            "--subnet" => s.subnet = Some(value("--subnet", it.next())?.to_string()),
            "--node-subnet" => s.node_subnet = Some(value("--node-subnet", it.next())?.to_string()),
            "--arrival" => {
                s.arrival = match value("--arrival", it.next())? {
                    "ramp" => Arrival::Ramp,
                    "burst" => Arrival::Burst,
                    other => return Err(format!("--arrival expects ramp or burst, got '{other}'")),
                }
            }
            "--json" => json = true,
            "--advise" => advise = true,
            "--verify" => verify = true,
            flag if flag.starts_with("--") => return Err(format!("unknown option '{flag}' for plan (see --help)")),
            setting if is_setting_arg(setting) => apply_setting(&mut s.env, setting)?,
            name if instance.is_none() => instance = Some(name.to_string()),
            extra => return Err(format!("unexpected argument '{extra}': settings are KEY=VALUE")),
        }
    }
    s.instance_type = instance.ok_or("plan needs an instance type, e.g. vpc-cni-calc plan m5.large --pods 20")?;
    if !pods_given {
        return Err("plan needs --pods N, the pods per node that need a VPC IP".into());
    }
    let report = scenario::plan(&s).map_err(|e| e.to_string())?;
    let advice = advise.then(|| advisor::advise(&s, &report));
    if json {
        let mut v = serde_json::to_value(&report).map_err(|e| e.to_string())?;
        if let (Some(obj), Some(a)) = (v.as_object_mut(), &advice) {
            obj.insert("advice".into(), serde_json::to_value(a).map_err(|e| e.to_string())?);
        }
        serde_json::to_string_pretty(&v)
            .map(|j| j + "\n")
            .map_err(|e| e.to_string())
    } else {
        let mut out = render_text(&report, &s.env);
        if let Some(a) = advice {
            out += &render_advice(&a);
        }
        if verify {
            out += &format!("\n{}", snippets::verify_on_a_node(&report));
        }
        Ok(out)
    }
}

fn max_pods_cmd(args: &[String]) -> Result<String, String> {
    let mut instance = None;
    let mut ca = CalculatorArgs {
        cni_version: max_pods::parse_cni_version(max_pods::CURRENT_CNI_VERSION).unwrap_or((1, 23)),
        custom_networking: false,
        prefix_delegation: false,
        max_eni: None,
        show_max_allowed: false,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--instance-type" => instance = Some(value("--instance-type", it.next())?.to_string()),
            "--cni-version" => {
                let v = value("--cni-version", it.next())?;
                ca.cni_version = max_pods::parse_cni_version(v)
                    .ok_or_else(|| format!("--cni-version expects a version like 1.23.1, got '{v}'"))?;
            }
            "--cni-custom-networking-enabled" => ca.custom_networking = true,
            "--cni-prefix-delegation-enabled" => ca.prefix_delegation = true,
            "--cni-max-eni" => ca.max_eni = Some(number("--cni-max-eni", it.next())?),
            "--show-max-allowed" => ca.show_max_allowed = true,
            "--instance-type-from-imds" => {
                return Err("--instance-type-from-imds needs a running instance; pass --instance-type".into())
            }
            other => return Err(format!("unknown option '{other}' for max-pods (see --help)")),
        }
    }
    let name = instance.ok_or("max-pods needs --instance-type")?;
    let it = vpc::lookup(&name).map_err(|e| e.to_string())?;
    let f =
        max_pods::calculator(it, &ca).map_err(|e| format!("{e}; pass --show-max-allowed for the uncapped value"))?;
    Ok(format!("{}\n", f.value))
}

fn snippet(args: &[String]) -> Result<String, String> {
    let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
    let expected = format!("{}, ipv6-cluster, max-pods or ipv6-iam", names.join(", "));
    let (fmt, rest) = args
        .split_first()
        .ok_or_else(|| format!("snippet needs a format: {expected}"))?;
    if fmt == "ipv6-iam" {
        no_more_arguments("snippet ipv6-iam", rest)?;
        return Ok(snippets::ipv6_iam_policy());
    }
    if fmt == "max-pods" {
        let n: i64 = number("snippet max-pods", rest.first())?;
        if !(1..=KUBELET_MAX_PODS_LIMIT).contains(&n) {
            return Err(format!(
                "snippet max-pods expects a whole number from 1 to {KUBELET_MAX_PODS_LIMIT} (kubelet's maxPods is an int32), got {n}"
            ));
        }
        no_more_arguments("snippet max-pods N", &rest[1..])?;
        return Ok(snippets::max_pods_settings(n));
    }
    let format = Format::parse(fmt).ok_or_else(|| format!("unknown snippet format '{fmt}' (expected {expected})"))?;
    let mut env = CniEnv::manifest();
    for a in rest {
        apply_setting(&mut env, a)?;
    }
    snippets::generate(format, &env).map_err(|e| e.to_string())
}

/// kubelet's `maxPods` is an int32.
const KUBELET_MAX_PODS_LIMIT: i64 = i32::MAX as i64;

fn no_more_arguments(command: &str, rest: &[String]) -> Result<(), String> {
    match rest.first() {
        Some(extra) => Err(format!("unexpected argument '{extra}': {command} takes nothing more")),
        None => Ok(()),
    }
}

/// A positional that edits a setting: `KEY=VALUE`, `KEY-`, or a bare setting name (refused with a hint).
fn is_setting_arg(arg: &str) -> bool {
    arg.contains('=') || arg.ends_with('-') || config::setting(arg).is_some()
}

/// Applies one `KEY=VALUE` or `KEY-`, as `kubectl set env` takes them. A bare known name is an error:
/// `kubectl set env` would refuse it too, and silently ignoring it would hide a missing value.
fn apply_setting(env: &mut CniEnv, arg: &str) -> Result<(), String> {
    if !arg.contains('=') && !arg.ends_with('-') {
        if let Some(s) = config::setting(arg) {
            return Err(format!("{0} needs a value: {0}=VALUE sets it, {0}- removes it", s.name));
        }
    }
    env.apply(arg).map_err(|e| e.to_string())
}

fn instances(args: &[String]) -> Result<String, String> {
    let json = args.iter().any(|a| a == "--json");
    let prefix = args.iter().find(|a| !a.starts_with("--")).map_or("", String::as_str);
    if let Some(bad) = args.iter().find(|a| a.starts_with("--") && *a != "--json") {
        return Err(format!("unknown option '{bad}' for instances"));
    }
    let rows: Vec<&vpc::InstanceTypeLimits> = vpc::with_prefix(prefix).collect();
    if json {
        return serde_json::to_string_pretty(&rows)
            .map(|j| j + "\n")
            .map_err(|e| e.to_string());
    }
    let mut out = format!(
        "{:<24} {:>4} {:>5} {:>8} {:>5} {:>9}\n",
        "instance type", "ENIs", "IPv4", "hyperv.", "vCPU", "max pods"
    );
    for r in rows {
        let vcpus = r.vcpus.map_or("?".to_string(), |v| v.to_string());
        out += &format!(
            "{:<24} {:>4} {:>5} {:>8} {:>5} {:>9}\n",
            r.name,
            r.eni_limit,
            r.ipv4_limit,
            if r.bare_metal { "metal" } else { r.hypervisor.as_str() },
            vcpus,
            r.eni_max_pods()
        );
    }
    Ok(out)
}

/// The readable summary and the step table.
pub fn render_text(r: &Report, env: &CniEnv) -> String {
    let mut out = String::new();
    let i = &r.instance;
    let vcpus = i.vcpus.map_or("? vCPUs".to_string(), |v| format!("{v} vCPUs"));
    out += &format!(
        "{} · {} · {} ENIs × {} IPv4 ({}{}, {vcpus})\n",
        i.name,
        r.mode,
        i.eni_limit,
        i.ipv4_limit,
        i.hypervisor,
        if i.bare_metal { ", bare metal" } else { "" }
    );
    let changes: Vec<String> = env
        .changes()
        .into_iter()
        .map(|(k, v)| match v {
            Some(v) => format!("{k}={v}"),
            None => format!("{k}-"),
        })
        .collect();
    out += &format!(
        "Settings: {}\n",
        if changes.is_empty() {
            "the shipped manifest".to_string()
        } else {
            format!("manifest + {}", changes.join(" "))
        }
    );
    let m = &r.max_pods;
    out += &format!(
        "Max pods: eni-max-pods {} · calculator {} (max allowed {}) · nodeadm {} · kubelet {} ({}) · ipamd capacity {}\n",
        m.eni_max_pods, m.calculator, m.calculator_max_allowed, m.nodeadm, m.kubelet, m.kubelet_source, m.ip_capacity
    );
    for n in &m.notes {
        out += &format!("  note: {n}\n");
    }
    let st = &r.steady_state;
    let per = if r.mode == Mode::PrefixDelegation {
        "prefixes per ENI"
    } else {
        "IPs per ENI"
    };
    out += &format!(
        "Steady state: {} pods ({} without an IP, {} Pending over maxPods) · {} ENIs · {per} {:?} · {} IPs held, {} used, {} unused · {} prefixes{}\n",
        st.pods,
        st.pods_without_ip,
        st.pods_pending,
        st.enis,
        st.per_eni,
        st.total_ips,
        st.assigned_ips,
        st.unused_ips,
        st.prefixes,
        if st.settled { "" } else { " (not settled)" }
    );
    let sb = &r.subnet;
    out += &format!(
        "Subnet (judged at the peak): {} nodes × {} addresses at peak = {} ({} per node, {} in all once settled)",
        sb.nodes, sb.peak_addresses_per_node, sb.cluster_addresses, sb.addresses_per_node, sb.settled_cluster_addresses
    );
    if let (Some(c), Some(u)) = (&sb.cidr, sb.subnet_usable) {
        out += &format!(" of {u} usable in {c}");
        if let Some(n) = sb.exhausts_at_nodes {
            out += &format!("; exhausts at {n} nodes");
        }
        if let Some(h) = sb.headroom_nodes.filter(|h| *h >= 0) {
            out += &format!(" (room for {h} more)");
        }
    }
    out += "\n";
    if let Some(ns) = &sb.node_subnet {
        out += &format!(
            "Node subnet: 1 address per node × {} nodes = {}\n",
            sb.nodes, ns.cluster_addresses
        );
    }
    for w in &r.warnings {
        out += &format!("warning[{}]: {}\n", w.code, w.message);
    }
    out += "\nTrace (one row per 5 s pass):\n";
    for s in &r.trace {
        out += &step_line(s, r.mode);
    }
    out
}

fn render_advice(alts: &[advisor::Alternative]) -> String {
    let mut out = String::from(
        "\nAlternatives (same workload; addresses from your subnet per node, peak, EC2 calls per node):\n",
    );
    for a in alts {
        let edits: Vec<String> = a
            .edits
            .iter()
            .map(|(k, v)| match v {
                Some(v) => format!("{k}={v}"),
                None => format!("{k}-"),
            })
            .collect();
        let exhausts = a
            .exhausts_at_nodes
            .map_or(String::new(), |n| format!(", exhausts at {n} nodes"));
        out += &format!(
            "  {:>5} (peak {:>5})  {:>4} calls  {}{}{}\n",
            a.addresses_per_node,
            a.peak_addresses_per_node,
            a.ec2_calls,
            a.title,
            exhausts,
            if a.pods_without_ip > 0 {
                format!(", {} pods without an IP", a.pods_without_ip)
            } else {
                String::new()
            }
        );
        if !edits.is_empty() {
            out += &format!("         {}\n", edits.join(" "));
        }
        if !a.caveat.is_empty() {
            out += &format!("         {}\n", a.caveat);
        }
    }
    out
}

fn step_line(s: &Step, mode: Mode) -> String {
    let mut line = format!(
        "{:>5}s  pods {:>3}+{:<3} {:<13} {}",
        s.time_s, s.pods.running, s.pods.waiting, s.decision.kind, s.decision.text
    );
    for a in &s.actions {
        line += &format!(" → {}", a.text);
    }
    let shape: Vec<String> = s
        .enis
        .iter()
        .map(|e| {
            if mode == Mode::PrefixDelegation {
                e.prefixes.len().to_string()
            } else {
                (e.ips.assigned + e.ips.cooling + e.ips.warm).to_string()
            }
        })
        .collect();
    line += &format!(
        "  | total {} assigned {} cooling {} | ENIs [{}]",
        if mode == Mode::Ipv6 {
            "2^48".to_string()
        } else {
            s.stats.total_ips.to_string()
        },
        s.stats.assigned_ips,
        s.stats.cooldown_ips,
        shape.join(",")
    );
    if !s.events.is_empty() {
        line += &format!("  ({})", s.events.join("; "));
    }
    line + "\n"
}

/// The settings with the manifest's value, the code's default and the parsing function, for `--help`.
pub fn settings_table() -> String {
    let mut out = String::from("SETTINGS (manifest value / ipamd's default when unset / parser):\n");
    for s in SETTINGS {
        out += &format!(
            "  {:<36} {:>6} / {:<24} {}\n      {}\n",
            s.name,
            s.manifest.unwrap_or("-"),
            s.code_default,
            s.parser,
            s.doc
        );
    }
    out
}
