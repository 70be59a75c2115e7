//! The CLI's text: the plan summary and its step table, the advisor's alternatives, the instance table and
//! the settings table for `--help`.

use crate::advisor;
use crate::config::{CniEnv, SETTINGS};
use crate::edit;
use crate::ipamd::trace::Step;
use crate::mode::Mode;
use crate::scenario::Report;
use crate::vpc::InstanceTypeLimits;
use crate::words::{count, pool_size, IPV6_POOL};
use std::fmt::Write as _;

/// The readable summary and the step table.
pub fn render_text(r: &Report, env: &CniEnv) -> String {
    let mut out = String::new();
    let i = &r.instance;
    let vcpus = i.vcpus.map_or("? vCPUs".to_string(), |v| format!("{v} vCPUs"));
    let _ = writeln!(
        out,
        "{} · {} · {} ENIs × {} IPv4 ({}{}, {vcpus})",
        i.name,
        r.mode,
        i.eni_limit,
        i.ipv4_limit,
        i.hypervisor,
        if i.bare_metal { ", bare metal" } else { "" }
    );
    let changes = env.changes();
    let _ = writeln!(
        out,
        "Settings: {}",
        if changes.is_empty() {
            "the shipped manifest".to_string()
        } else {
            format!("manifest + {}", edit::join(&changes))
        }
    );
    let m = &r.max_pods;
    let _ = writeln!(
        out,
        "Max pods: eni-max-pods {} · calculator {} (max allowed {}) · nodeadm {} · kubelet {} ({}) · ipamd capacity {}",
        m.eni_max_pods,
        m.calculator,
        m.calculator_max_allowed,
        m.nodeadm,
        m.kubelet,
        m.kubelet_source,
        pool_size(r.mode, m.ip_capacity)
    );
    for n in &m.notes {
        let _ = writeln!(out, "  note: {n}");
    }
    let st = &r.steady_state;
    let per = if r.mode == Mode::PrefixDelegation {
        "prefixes per ENI"
    } else {
        "IPs per ENI"
    };
    // IPv6: every pod address comes from the primary ENI's /80, so there is no count of IPs held or of
    // /28 prefixes to give, only the addresses used.
    let pool = match r.mode {
        Mode::Ipv6 => format!("{IPV6_POOL}, {} used", st.assigned_ips),
        Mode::SecondaryIp => format!(
            "{per} {:?} · {} IPs held, {} used, {} unused",
            st.per_eni, st.total_ips, st.assigned_ips, st.unused_ips
        ),
        Mode::PrefixDelegation => format!(
            "{per} {:?} · {} IPs held, {} used, {} unused · {} of 16 addresses",
            st.per_eni,
            st.total_ips,
            st.assigned_ips,
            st.unused_ips,
            count(st.prefixes, "/28 prefix", "/28 prefixes")
        ),
    };
    let _ = writeln!(
        out,
        "Steady state: {} ({} without an IP, {} Pending over maxPods) · {} · {pool}{}",
        count(st.pods, "pod", "pods"),
        st.pods_without_ip,
        st.pods_pending,
        count(st.enis, "ENI", "ENIs"),
        if st.settled { "" } else { " (not settled)" }
    );
    let sb = &r.subnet;
    let _ = write!(
        out,
        "Subnet (judged at the peak): {} × {} at peak = {} ({} per node, {} in all once settled)",
        count(sb.nodes, "node", "nodes"),
        count(sb.peak_addresses_per_node, "address", "addresses"),
        sb.cluster_addresses,
        sb.addresses_per_node,
        sb.settled_cluster_addresses
    );
    if let (Some(c), Some(u)) = (&sb.cidr, sb.subnet_usable) {
        let _ = write!(out, " of {u} usable in {c}");
        if let Some(n) = sb.exhausts_at_nodes {
            let _ = write!(out, "; exhausts at {}", count(n, "node", "nodes"));
        }
        if let Some(h) = sb.headroom_nodes.filter(|h| *h >= 0) {
            let _ = write!(out, " (room for {h} more)");
        }
    }
    out += "\n";
    if let Some(ns) = &sb.node_subnet {
        let _ = writeln!(
            out,
            "Node subnet: 1 address per node × {} nodes = {}",
            sb.nodes, ns.cluster_addresses
        );
    }
    for w in &r.warnings {
        let _ = writeln!(out, "warning[{}]: {}", w.code, w.message);
    }
    out += "\nTrace (one row per 5 s pass; a run of alike passes is one row, marked ×N):\n";
    for s in r.trace.iter() {
        out += &step_line(s, r.mode);
    }
    out
}

pub(super) fn render_advice(alts: &[advisor::Alternative]) -> String {
    let mut out = String::from(
        "\nAlternatives (same workload; addresses from your subnet per node, peak, EC2 calls per node):\n",
    );
    for a in alts {
        let exhausts = a
            .exhausts_at_nodes
            .map_or(String::new(), |n| format!(", exhausts at {n} nodes"));
        let _ = writeln!(
            out,
            "  {:>5} (peak {:>5})  {:>4} calls  {}{}{}",
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
        if !a.edits.is_empty() {
            let _ = writeln!(out, "         {}", edit::join(&a.edits));
        }
        if !a.caveat.is_empty() {
            let _ = writeln!(out, "         {}", a.caveat);
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
        let _ = write!(line, " → {}", a.text);
    }
    let shape: Vec<String> = s
        .enis
        .iter()
        .map(|e| {
            if mode == Mode::PrefixDelegation {
                e.prefix_count().to_string()
            } else {
                (e.ips.assigned + e.ips.cooling + e.ips.warm).to_string()
            }
        })
        .collect();
    let _ = write!(
        line,
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
        let _ = write!(line, "  ({})", s.events.join("; "));
    }
    if s.passes > 1 {
        let _ = write!(line, "  [×{} passes from {} s]", s.passes, s.first_time_s());
    }
    line + "\n"
}

/// The settings with the manifest's value, the code's default and the parsing function, for `--help`.
pub fn settings_table() -> String {
    let mut out = String::from("SETTINGS (manifest value / ipamd's default when unset / parser):\n");
    for s in SETTINGS {
        let _ = writeln!(
            out,
            "  {:<36} {:>6} / {:<24} {}\n      {}",
            s.name,
            s.manifest.unwrap_or("-"),
            s.code_default(),
            s.parser,
            s.doc
        );
    }
    out
}

/// `instances`: one row per instance type.
pub(super) fn instances_table(rows: &[&InstanceTypeLimits]) -> String {
    let mut out = format!(
        "{:<24} {:>4} {:>5} {:>8} {:>5} {:>9}\n",
        "instance type", "ENIs", "IPv4", "hyperv.", "vCPU", "max pods"
    );
    for r in rows {
        let vcpus = r.vcpus.map_or("?".to_string(), |v| v.to_string());
        let _ = writeln!(
            out,
            "{:<24} {:>4} {:>5} {:>8} {:>5} {:>9}",
            r.name,
            r.eni_limit,
            r.ipv4_limit,
            if r.bare_metal { "metal" } else { r.hypervisor.as_str() },
            vcpus,
            r.eni_max_pods()
        );
    }
    out
}
