//! The `vpc-cni-calc` binary: hands the arguments to `cli::run_os_with` and does the IO it asks for
//! (reading `cluster`'s spec file).
//! A closed stdout (`vpc-cni-calc instances | head`) ends quietly, as a Unix tool does.

use std::io::{Read, Write};
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

/// The largest spec file read: a 100-group, 200-subnet spec is well under 100 KiB.
const MAX_SPEC_BYTES: u64 = 8 << 20;

/// Reads a spec file for `cluster`, at most `MAX_SPEC_BYTES` (`cluster /dev/zero` stops there); the
/// error is one line naming the file.
fn read_file(path: &str) -> Result<String, String> {
    let cannot = |e: std::io::Error| format!("cannot read '{path}': {e}");
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_SPEC_BYTES + 1).read_to_end(&mut bytes))
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_SPEC_BYTES {
        return Err(format!(
            "'{path}' is larger than {} MiB; a cluster spec is far smaller",
            MAX_SPEC_BYTES >> 20
        ));
    }
    String::from_utf8(bytes).map_err(|_| format!("cannot read '{path}': it is not UTF-8 text"))
}
