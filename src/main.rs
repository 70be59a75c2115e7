//! The `vpc-cni-calc` binary: hands the arguments to `cli::run_os_with` and does the IO it asks for: the
//! files named on the command line (`cluster SPEC.json`, `--settings-from`, `data import --out`) are read and
//! written here, through `Disk`. A closed stdout (`vpc-cni-calc instances | head`) ends quietly, as a Unix tool does.

use std::io::Write;
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

/// The disk, for the files a command names.
struct Disk;

impl vpc_cni_calc::cli::Files for Disk {
    fn read(&self, path: &str) -> Result<String, String> {
        std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))
    }

    fn write(&self, path: &str, text: &str) -> Result<(), String> {
        std::fs::write(path, text).map_err(|e| format!("cannot write {path}: {e}"))
    }
}
