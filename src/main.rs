//! The `vpc-cni-calc` binary: hands the arguments to `cli::run` and does the IO it asks for.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match vpc_cni_calc::cli::run(&args) {
        Ok(out) => print!("{out}"),
        Err(e) => {
            eprintln!("vpc-cni-calc: {e}");
            std::process::exit(2);
        }
    }
}
