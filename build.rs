//! Joins the three instance tables in `data/` into one compact table at build time, so the binary carries one
//! sorted table (vCPUs and trunk compatibility as columns) and the first lookup parses it in one pass with no
//! hash maps. A malformed row fails the build, naming the file and line.
//!
//! Output (`$OUT_DIR/catalog.csv`, no header, sorted by name):
//! `name,enis,ipv4_per_eni,hypervisor,bare_metal(0|1),default_network_card_index,cards(i:n;…),vcpus(empty when unknown),trunking_compatible(0|1)`

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

const LIMITS: &str = "data/ec2-instance-network-limits.csv";
const VCPUS: &str = "data/ec2-instance-vcpus.csv";
const TRUNK: &str = "data/trunk-compatibility.csv";

fn rows(path: &str) -> Vec<(usize, Vec<String>)> {
    println!("cargo:rerun-if-changed={path}");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .enumerate()
        .skip(1)
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| (i + 1, l.split(',').map(|f| f.trim().to_string()).collect()))
        .collect()
}

fn number(path: &str, line: usize, field: &str) -> u32 {
    field
        .parse()
        .unwrap_or_else(|_| panic!("{path}:{line}: '{field}' is not a whole number"))
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let vcpus: HashMap<String, u32> = rows(VCPUS)
        .into_iter()
        .map(|(line, f)| (f[0].clone(), number(VCPUS, line, &f[1])))
        .collect();
    // `IsTrunkingCompatible` is false only where the resource controller's table says so (awsutils.go
    // answers true for a type missing from it).
    let not_trunking: HashSet<String> = rows(TRUNK)
        .into_iter()
        .filter(|(_, f)| f[1] == "false")
        .map(|(_, f)| f[0].clone())
        .collect();
    let mut table = BTreeMap::new();
    for (line, f) in rows(LIMITS) {
        assert!(f.len() == 7, "{LIMITS}:{line}: expected 7 fields, found {}", f.len());
        for i in [1, 2, 5] {
            number(LIMITS, line, &f[i]);
        }
        for card in f[6].split(';') {
            let (i, n) = card
                .split_once(':')
                .unwrap_or_else(|| panic!("{LIMITS}:{line}: network card '{card}' is not index:max_enis"));
            number(LIMITS, line, i);
            number(LIMITS, line, n);
        }
        assert!(
            f[4] == "true" || f[4] == "false",
            "{LIMITS}:{line}: bare_metal '{}' is not true or false",
            f[4]
        );
        let row = format!(
            "{},{},{},{},{},{},{},{},{}",
            f[0],
            f[1],
            f[2],
            f[3],
            u8::from(f[4] == "true"),
            f[5],
            f[6],
            vcpus.get(&f[0]).map_or(String::new(), u32::to_string),
            u8::from(!not_trunking.contains(&f[0]))
        );
        assert!(
            table.insert(f[0].clone(), row).is_none(),
            "{LIMITS}:{line}: {} listed twice",
            f[0]
        );
    }
    let mut out = String::new();
    for row in table.values() {
        let _ = writeln!(out, "{row}");
    }
    let dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(format!("{dir}/catalog.csv"), out).expect("write catalog.csv");
}
