//! `vpc-cni-calc cluster SPEC.json [--json] [--advise]`: the spec file (read by the caller's `ReadFile`,
//! so this stays pure) through `cluster::plan`, printed as text opening with the verdict, or as JSON.

use super::ReadFile;
use crate::cluster::{self, report::SubnetRole, ClusterAlternative, ClusterMode, ClusterReport};
use crate::edit;
use lexopt::{Arg, Parser};
use std::fmt::Write as _;

/// `extra`: the run's own instance types (`--instance-data`), over the catalog.
pub(super) fn run(args: &[String], read: ReadFile, extra: &[crate::vpc::InstanceTypeLimits]) -> Result<String, String> {
    let mut p = Parser::from_args(args);
    let (mut path, mut json, mut advise) = (None, false, false);
    while let Some(arg) = p.next().map_err(|e| e.to_string())? {
        match arg {
            Arg::Long("json") => json = true,
            Arg::Long("advise") => advise = true,
            Arg::Value(v) if path.is_none() => path = Some(v.to_string_lossy().into_owned()),
            Arg::Value(v) => {
                return Err(format!(
                    "unexpected argument '{}': cluster takes one SPEC.json",
                    v.to_string_lossy()
                ))
            }
            Arg::Long(o) => return Err(format!("unknown option '--{o}' for cluster (see --help)")),
            Arg::Short(c) => return Err(format!("unknown option '-{c}' for cluster (see --help)")),
        }
    }
    let path = path.ok_or("cluster needs a spec file: vpc-cni-calc cluster SPEC.json")?;
    let text = read(&path)?;
    let mut spec = cluster::parse_json(&text).map_err(|e| format!("{path}: {e}"))?;
    spec.instance_data = extra.to_vec();
    let (report, advice) = if advise {
        cluster::plan_and_advise(&spec).map(|(r, a)| (r, Some(a)))
    } else {
        cluster::plan(&spec).map(|r| (r, None))
    }
    .map_err(|e| format!("{path}: {e}"))?;
    if json {
        #[derive(serde::Serialize)]
        struct WithAdvice<'a> {
            #[serde(flatten)]
            report: &'a ClusterReport,
            #[serde(skip_serializing_if = "Option::is_none")]
            advice: Option<&'a Vec<ClusterAlternative>>,
        }
        let v = WithAdvice {
            report: &report,
            advice: advice.as_ref(),
        };
        return serde_json::to_string_pretty(&v)
            .map(|j| j + "\n")
            .map_err(|e| e.to_string());
    }
    let mut out = text_report(&report);
    if let Some(a) = advice {
        // The verdict line carries the best fix.
        out.replace_range(..report.verdict.len(), &cluster::verdict_with_fix(&report, &a));
        out += &text_advice(&a);
    }
    Ok(out)
}

fn text_report(r: &ClusterReport) -> String {
    let mut out = format!("{}\n", r.verdict);
    let settings = if r.settings.is_empty() {
        "the shipped manifest".to_string()
    } else {
        format!("manifest + {}", edit::join(&r.settings))
    };
    let _ = writeln!(out, "Settings: {settings} ({})", r.mode);
    let t = &r.totals;
    let _ = writeln!(
        out,
        "Nodes: {} desired, {} at max, {} at max + surge · addresses at peak: {}, {}, {}",
        t.nodes, t.nodes_at_max, t.nodes_at_surge, t.addresses, t.addresses_at_max_nodes, t.addresses_at_max
    );
    out += "\nNode groups (addresses per node once settled / at peak):\n";
    for g in &r.node_groups {
        // Each group's mode, when they differ.
        let mode = match r.mode {
            ClusterMode::Mixed => format!(" ({})", g.mode),
            ClusterMode::All(_) => String::new(),
        };
        let _ = writeln!(
            out,
            "  {}{mode}: {} × {} pods, {} nodes (max {}, surge {}) in {} · {} / {} per node · maxPods {} · {} EC2 calls per node",
            g.name,
            g.instance_type,
            g.pods,
            g.nodes,
            g.max_nodes,
            g.surge_nodes,
            g.azs.join(", "),
            g.addresses_per_node,
            g.peak_addresses_per_node,
            g.max_pods,
            g.ec2_calls
        );
        if g.pods_pending + g.pods_without_ip > 0 {
            let _ = writeln!(
                out,
                "    per node: {} pods Pending over maxPods, {} pods without an IP",
                g.pods_pending, g.pods_without_ip
            );
        }
    }
    out += "\nSubnets (used + addresses at desired / at max / at max + surge of usable):\n";
    for s in &r.subnets {
        let role = match s.role {
            SubnetRole::Node => "",
            SubnetRole::Pod => " pods",
        };
        let min = s.min_prefix_length.map_or("none".to_string(), |l| format!("/{l}"));
        let _ = writeln!(
            out,
            "  {} ({}{role}): {} + {} / {} / {} of {} · {} · smallest fit {min}",
            s.cidr,
            s.az,
            s.used,
            s.at_desired.addresses,
            s.at_max.addresses,
            s.at_surge.addresses,
            s.usable,
            if s.fits { "fits" } else { "DOES NOT FIT" }
        );
        // 0 is no node number: the subnet is full without any of that group's nodes.
        let runs_out: Vec<String> = s
            .runs_out
            .iter()
            .filter_map(|o| match o.at_nodes? {
                0 => Some(format!("full without {}", o.group)),
                n => Some(format!("{} node {n}", o.group)),
            })
            .collect();
        if !runs_out.is_empty() {
            let _ = writeln!(
                out,
                "    runs out, the other groups at desired, at {}",
                runs_out.join(", ")
            );
        }
        if let Some(p) = &s.prefix_blocks {
            let _ = write!(
                out,
                "    /28 prefixes: {} needed at max + surge, {} aligned free",
                p.needed_at_max, p.free_blocks
            );
            let _ = writeln!(
                out,
                "{}",
                if p.commands.is_empty() {
                    "; too few to reserve".to_string()
                } else {
                    format!("; reserve them (SUBNET_ID = the id of {}):", s.cidr)
                }
            );
            if !p.commands.is_empty() {
                let _ = writeln!(
                    out,
                    "      (assumes the {} used addresses are packed at the bottom of the subnet, after AWS's 4 reserved; check these CIDRs are free)",
                    s.used
                );
            }
            for c in &p.commands {
                let _ = writeln!(out, "      {c}");
            }
        }
    }
    for w in &r.warnings {
        let _ = writeln!(out, "warning [{}]: {}", w.code, w.message);
    }
    out
}

fn text_advice(alts: &[ClusterAlternative]) -> String {
    let mut out = String::from("\nAlternatives (the whole cluster re-planned; addresses at max + surge, peak per node, EC2 calls at desired):\n");
    for a in alts {
        let _ = writeln!(
            out,
            "  {:>7} (peak {:>4})  {:>6} calls  {}  {}{}",
            a.totals.addresses_at_max,
            a.peak_addresses_per_node,
            a.ec2_calls,
            if a.fits { "fits        " } else { "DOES NOT FIT" },
            a.title,
            pods_left_out(a)
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

/// ", 12 pods without an IP, 12 Pending" or nothing.
fn pods_left_out(a: &ClusterAlternative) -> String {
    let mut out = String::new();
    if a.pods_without_ip > 0 {
        let _ = write!(out, ", {} pods without an IP", a.pods_without_ip);
    }
    if a.pods_pending > 0 {
        let _ = write!(out, ", {} pods Pending over maxPods", a.pods_pending);
    }
    out
}
