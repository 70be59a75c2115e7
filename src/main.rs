//! The `vpc-cni-calc` binary: hands the arguments to `cli::run_os_with` and does the IO it asks for: the
//! files named on the command line (`cluster SPEC.json`, `--settings-from`, `data import --out`) are read and
//! written here, through `Disk`. A closed stdout (`vpc-cni-calc instances | head`) ends quietly, as a Unix tool does.

use std::io::{Read, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    match vpc_cni_calc::cli::run_os_with(&args, &Disk) {
        Ok(out) => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(out.as_bytes()).and_then(|()| stdout.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    let _ = writeln!(std::io::stderr(), "vpc-cni-calc: cannot write the output: {e}");
                    ExitCode::from(2)
                }
                _ => ExitCode::SUCCESS,
            }
        }
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "vpc-cni-calc: {e}");
            ExitCode::from(2)
        }
    }
}

/// The largest file read. A cluster spec is well under 100 KiB; `kubectl get pods -A -o json` of a large
/// cluster runs to tens of MiB. `cluster /dev/zero` stops here.
const MAX_FILE_BYTES: u64 = 256 << 20;

/// The disk, for the files a command names.
struct Disk;

impl vpc_cni_calc::cli::Files for Disk {
    /// Reads at most `MAX_FILE_BYTES`; every error is one line naming the file.
    fn read(&self, path: &str) -> Result<String, String> {
        let cannot = |e: std::io::Error| format!("cannot read {path}: {e}");
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
            .map_err(cannot)?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(format!("{path} is larger than {} MiB", MAX_FILE_BYTES >> 20));
        }
        String::from_utf8(bytes).map_err(|_| format!("cannot read {path}: it is not UTF-8 text"))
    }

    fn write(&self, path: &str, text: &str) -> Result<(), String> {
        std::fs::write(path, text).map_err(|e| format!("cannot write {path}: {e}"))
    }
}
