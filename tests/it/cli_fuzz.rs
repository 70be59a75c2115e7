//! The CLI entry point over random argument vectors, non-UTF-8 bytes included: it never panics, and
//! every refusal is one line of at most `cli::MAX_ERROR_CHARS` characters (plus the ellipsis).

use proptest::prelude::*;
use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use vpc_cni_calc::cli;

/// Words the parser knows, so random vectors reach deep into every command, mixed with noise.
fn token() -> impl Strategy<Value = OsString> {
    const WORDS: [&str; 33] = [
        "plan",
        "max-pods",
        "snippet",
        "instances",
        "m5.large",
        "t3.nano",
        "m5.24xlarge",
        "--pods",
        "--then-pods",
        "--nodes",
        "--subnet",
        "--node-subnet",
        "--max-pods",
        "--max-pods-expression",
        "max_pods - 1",
        "--pods=5",
        "--seed",
        "--arrival",
        "burst",
        "--json",
        "--advise",
        "--verify",
        "--instance-type",
        "--cni-version",
        "--show-max-allowed",
        "kubectl",
        "cdk",
        "addon",
        "helm",
        "ipv6-iam",
        "10.0.0.0/24",
        "WARM_IP_TARGET",
        "ENABLE_IPv6=true",
    ];
    prop_oneof![
        6 => prop::sample::select(&WORDS[..]).prop_map(OsString::from),
        2 => (0u64..400).prop_map(|n| OsString::from(n.to_string())),
        1 => any::<i64>().prop_map(|n| OsString::from(n.to_string())),
        1 => "[A-Z_]{3,12}=[-0-9a-z]{0,6}".prop_map(OsString::from),
        1 => prop::collection::vec(any::<u8>(), 0..12).prop_map(OsString::from_vec),
        1 => ".{0,20}".prop_map(OsString::from),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
    ))]

    #[test]
    fn run_os_never_panics_and_errors_are_one_line(args in prop::collection::vec(token(), 0..8)) {
        if let Err(e) = cli::run_os(&args) {
            prop_assert!(!e.contains('\n') && !e.contains('\r'), "{e:?}");
            prop_assert!(e.chars().count() <= cli::MAX_ERROR_CHARS + 1, "{} chars", e.chars().count());
        }
    }
}
