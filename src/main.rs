//! The `vpc-cni-calc` binary: hands the arguments to `cli::run_os_with` and does the IO it asks for
//! (reading `cluster`'s spec file).
//! A closed stdout (`vpc-cni-calc instances | head`) ends quietly, as a Unix tool does.

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    match vpc_cni_calc::cli::run_os_with(&args, &read_file) {
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

/// Reads a spec file for `cluster`; the error is one line naming the file.
fn read_file(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read '{path}': {e}"))
}
