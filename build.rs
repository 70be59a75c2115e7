//! Joins the three instance tables in `data/` into one compact table at build time, so the binary carries one
//! sorted table (vCPUs and trunk compatibility as columns) and the first lookup parses it in one pass with no
//! hash maps. A malformed row fails the build, naming the file and line.
//!
//! Output (`$OUT_DIR/catalog.csv`, no header, sorted by name), front-coded to keep the page's wasm small
//! (5.6 KB gzip as plain rows, 2.5 KB so):
//! `P suffix,enis,ipv4_per_eni,hypervisor(n|x|u),bare_metal(0|1),default_network_card_index,cards(i:n;…, empty
//! when the only card is the default one with every ENI),vcpus(empty when unknown),trunking_compatible(0|1)`,
//! where `P` is one character, `'0'` plus the length of the prefix the name shares with the previous row's,
//! and `suffix` the rest of the name (`m5.large` after `m5.4xlarge` is `3large`).

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
        let hypervisor = match f[3].as_str() {
            "nitro" => "n",
            "xen" => "x",
            "unknown" => "u",
            other => panic!("{LIMITS}:{line}: hypervisor '{other}' is not nitro, xen or unknown"),
        };
        assert!(
            f[0].bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-'),
            "{LIMITS}:{line}: '{}' is not a name like m5.large",
            f[0]
        );
        let only_card = format!("{}:{}", f[5], f[1]);
        let row = format!(
            ",{},{},{},{},{},{},{},{}",
            f[1],
            f[2],
            hypervisor,
            u8::from(f[4] == "true"),
            f[5],
            if f[6] == only_card { "" } else { &f[6] },
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
    let mut prev = "";
    for (name, row) in &table {
        let shared = name.bytes().zip(prev.bytes()).take_while(|(a, b)| a == b).count();
        let _ = writeln!(out, "{}{}{row}", char::from(b'0' + shared as u8), &name[shared..]);
        prev = name;
    }
    let dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(format!("{dir}/catalog.csv"), out).expect("write catalog.csv");
}
