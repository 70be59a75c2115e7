//! Architecture invariants, checked on the source tree.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

fn sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            (
                p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect()
}

#[test]
fn only_src_ui_names_browser_crates() {
    let banned = [
        "yew",
        "gloo",
        "web_sys",
        "web-sys",
        "wasm_bindgen",
        "wasm-bindgen",
        "js_sys",
    ];
    let mut offenders = Vec::new();
    for (path, text) in sources() {
        if path.starts_with("src/ui/") {
            continue;
        }
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for b in banned {
                if code.contains(&format!("{b}::"))
                    || code.contains(&format!("use {b}"))
                    || code.contains(&format!("extern crate {b}"))
                {
                    offenders.push(format!("{path}:{}: {b}", n + 1));
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "browser crates named outside src/ui/: {offenders:?}"
    );
}

#[test]
fn the_core_does_no_io_and_reads_no_clock() {
    let banned = [
        "std::fs",
        "std::io",
        "std::net",
        "std::time",
        "std::env",
        "SystemTime",
        "Instant::now",
        "std::process",
        "println!",
        "eprintln!",
    ];
    let mut offenders = Vec::new();
    for (path, text) in sources() {
        if path.starts_with("src/ui/") || path == "src/main.rs" {
            continue;
        }
        for b in banned {
            if text.contains(b) {
                offenders.push(format!("{path}: {b}"));
            }
        }
    }
    assert!(offenders.is_empty(), "IO or clock in the core: {offenders:?}");
}

#[test]
fn every_module_opens_with_a_header() {
    for (path, text) in sources() {
        let first = text.lines().next().unwrap_or("");
        assert!(first.starts_with("//!"), "{path} must open with a //! header");
    }
}

#[test]
fn lib_states_the_invariant() {
    let lib = sources().into_iter().find(|(p, _)| p == "src/lib.rs").unwrap().1;
    assert!(lib.contains("never names yew, gloo, web-sys or wasm-bindgen"));
}

/// Files that hold one idea each: none in `src/` is over 450 lines (issue 9 §3).
#[test]
fn no_source_file_is_over_450_lines() {
    let long: Vec<String> = sources()
        .into_iter()
        .map(|(path, text)| (path, text.lines().count()))
        .filter(|&(_, n)| n > 450)
        .map(|(path, n)| format!("{path}: {n} lines"))
        .collect();
    assert!(long.is_empty(), "split these along one idea per file: {long:?}");
}
