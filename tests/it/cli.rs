//! The binary itself: output, exit codes and one-line errors.

use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_vpc-cni-calc"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

/// One failing command line: exit 2, nothing on stdout, one line on stderr containing `fragment`.
#[track_caller]
fn check_error(args: &[&str], fragment: &str) {
    let (code, out, err) = run(args);
    assert_eq!(code, 2, "{args:?}: {err}");
    assert!(out.is_empty(), "{args:?}: {out}");
    assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    assert!(err.contains(fragment), "{args:?}: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn bad_input_is_one_line_and_exit_2() {
    check_error(&["plan", "m5.larg", "--pods", "5"], "did you mean m5.large");
    check_error(
        &["plan", "m5.large", "--pods", "5", "WARM_IP_TARGT=2"],
        "did you mean WARM_IP_TARGET",
    );
    check_error(&["plan", "m5.large", "--pods", "five"], "--pods expects a whole number");
    check_error(&["plan", "m5.large", "--pods", "-1"], "--pods expects a whole number");
    check_error(
        &["plan", "m5.large", "--pods", "5", "--subnet", "10.0.0.0/33"],
        "prefix length",
    );
    check_error(&["plan", "m5.large", "--pods", "5", "--subnet", "banana"], "not a CIDR");
    // Refused as `core::net::Ipv4Addr` refuses it, not planned as 10.0.0.0/24.
    check_error(
        &["plan", "m5.large", "--pods", "5", "--subnet", "010.0.0.0/24"],
        "without leading zeros",
    );
    check_error(&["plan", "m5.large", "--pods", "99999999999"], "too large");
    check_error(&["plan", "m5.large", "--pods", "40000"], "pods per node");
    check_error(&["plan", "m5.large", "--pods", "5", "--nodes", "0"], "nodes must be");
    check_error(&["plan", "m5.large"], "--pods");
    check_error(&["plan", "--pods", "3"], "instance type");
    check_error(&["plan", "m5.large", "--pods", "5", "ENABLE_IPv6=true"], "both enabled");
    check_error(
        &["plan", "m5.large", "--pods", "5", "--arrival", "trickle"],
        "ramp or burst",
    );
    check_error(&["frobnicate"], "unknown command");
    check_error(&["max-pods", "--instance-type", "m5.larg"], "did you mean");
    check_error(&["max-pods", "--instance-type", "c7i.32xlarge"], "vCPU");
    check_error(
        &["max-pods", "--instance-type", "m5.large", "--cni-version", "one"],
        "--cni-version",
    );
    check_error(&["snippet", "yaml"], "unknown snippet format");
}

#[test]
fn pods_past_capacity_are_reported_not_an_error() {
    let (code, out, _) = run(&["plan", "t3.small", "--pods", "20", "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    // t3.small holds 9 secondary IPs; kubelet maxPods is 11, so the scheduler binds 11 − 2 (aws-node,
    // kube-proxy) = 9 pods, which all get an IP, and leaves 20 − 9 = 11 Pending.
    assert_eq!(v["steady_state"]["pods_without_ip"], 0);
    assert_eq!(v["steady_state"]["pods_pending"], 11);
    assert!(v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w["code"] == "pods-exceed-max-pods"));
}

#[test]
fn seed_scenario_text() {
    let (code, out, _) = run(&["plan", "m5.large", "--pods", "5", "WARM_IP_TARGET=2"]);
    assert_eq!(code, 0);
    assert!(out.contains("7 IPs held, 5 used, 2 unused"), "{out}");
    assert!(out.contains("AssignPrivateIpAddresses eni-0"), "{out}");
}

#[test]
fn json_has_the_documented_shape() {
    let (code, out, _) = run(&[
        "plan",
        "m5.large",
        "--pods",
        "20",
        "--nodes",
        "10",
        "--subnet",
        "10.0.0.0/24",
        "ENABLE_PREFIX_DELEGATION=true",
        "--json",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["mode"], "prefix-delegation");
    for k in [
        "eni_max_pods",
        "calculator",
        "calculator_max_allowed",
        "kubelet",
        "ip_capacity",
    ] {
        assert!(v["max_pods"][k].is_i64(), "max_pods.{k}");
    }
    for k in [
        "pods",
        "pods_without_ip",
        "enis",
        "per_eni",
        "total_ips",
        "assigned_ips",
        "unused_ips",
        "prefixes",
    ] {
        assert!(!v["steady_state"][k].is_null(), "steady_state.{k}");
    }
    for k in [
        "addresses_per_node",
        "nodes",
        "cluster_addresses",
        "subnet_usable",
        "exhausts_at_nodes",
    ] {
        assert!(!v["subnet"][k].is_null(), "subnet.{k}");
    }
    // 20 pods, WARM_PREFIX_TARGET 1: 3 prefixes on the primary ENI.
    assert_eq!(v["steady_state"]["per_eni"], serde_json::json!([3]));
    assert_eq!(v["subnet"]["addresses_per_node"], 49);
    let step = &v["trace"][1];
    for k in ["time_s", "events", "decision", "actions", "stats", "enis"] {
        assert!(!step[k].is_null(), "trace[].{k}");
    }
    assert!(v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|w| w["code"].is_string() && w["message"].is_string()));
}

#[test]
fn max_pods_prints_one_number() {
    assert_eq!(
        run(&[
            "max-pods",
            "--instance-type",
            "m5.8xlarge",
            "--cni-version",
            "1.11.2",
            "--cni-prefix-delegation-enabled"
        ])
        .1,
        "250\n"
    );
    assert_eq!(
        run(&["max-pods", "--instance-type", "c6in.32xlarge", "--show-max-allowed"]).1,
        "394\n"
    );
    assert_eq!(run(&["max-pods", "--instance-type", "m5.large"]).1, "29\n");
}

#[test]
fn snippets_and_instances() {
    let (code, out, _) = run(&["snippet", "kubectl", "WARM_IP_TARGET=2"]);
    assert_eq!(code, 0);
    assert!(out.contains("-c aws-node WARM_IP_TARGET=2\n"), "{out}");
    let (_, out, _) = run(&["instances", "t3.sm"]);
    assert!(out.contains("t3.small") && out.lines().count() == 2, "{out}");
    let (_, out, _) = run(&["instances", "p5.48", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["eni_limit"], 2);
}

/// `vpc-cni-calc instances | head`: the reader goes away after a few bytes. The catalog listing is far
/// larger than a pipe's buffer, so the binary's write fails with EPIPE; it must end quietly with exit 0,
/// as `ls | head` does, not panic with "failed printing to stdout".
#[test]
fn a_closed_stdout_ends_quietly() {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_vpc-cni-calc"))
        .arg("instances")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The read end is dropped here, closing the pipe.
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// Arguments are bytes on Unix; one that is not UTF-8 gets one line and exit 2, never a panic.
#[test]
fn a_non_utf8_argument_is_one_line_and_exit_2() {
    use std::os::unix::ffi::OsStrExt;
    let out = Command::new(env!("CARGO_BIN_EXE_vpc-cni-calc"))
        .arg("plan")
        .arg(std::ffi::OsStr::from_bytes(b"m5.\xff"))
        .args(["--pods", "3"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("argument 2 is not valid UTF-8"), "{err}");
}

/// Values that have broken tools before: huge numbers, control characters that would forge extra
/// lines, a 10 000-character name. Each exits 0 or 2 with at most 3 stderr lines, and names are
/// echoed clipped (64 characters, `suggest::MAX_NAME_CHARS`) with control characters escaped.
#[test]
fn hostile_values_exit_0_or_2_with_short_messages() {
    let long = "x".repeat(10_000);
    let cases: Vec<Vec<&str>> = vec![
        vec!["plan", &long, "--pods", "5"],
        vec!["plan", "m5.large", "--pods", "5", &long],
        vec!["plan", "m5.large\nforged line\r\u{85}\u{2028}", "--pods", "1"],
        vec![
            "plan",
            "m5.large",
            "--pods",
            "1",
            "MINIMUM_IP_TARGET=9223372036854775807",
        ],
        vec!["plan", "m5.large", "--pods", "1", "WARM_IP_TARGET=-9223372036854775808"],
        vec!["plan", "m5.large", "--pods", "18446744073709551616"],
        vec!["plan", "m5.large", "--pods", "1", "--seed", "18446744073709551615"],
        vec!["snippet", "kubectl", "WARM_IP_TARGET=$(reboot)"],
        vec!["snippet", "max-pods", "9223372036854775807"],
        vec!["max-pods", "--instance-type", &long],
        vec!["instances", &long],
    ];
    for args in cases {
        let (code, _, err) = run(&args);
        let shown: String = args
            .iter()
            .map(|a| a.chars().take(40).collect::<String>() + " ")
            .collect();
        assert!(code == 0 || code == 2, "{shown}: exit {code}: {err}");
        assert!(err.lines().count() <= 3, "{shown}: {err}");
        assert!(!err.contains("panicked"), "{shown}: {err}");
        assert!(
            err.chars().count() <= 1 + vpc_cni_calc::cli::MAX_ERROR_CHARS + 20,
            "{shown}"
        );
    }
    let (_, _, err) = run(&["plan", &long, "--pods", "5"]);
    assert!(err.contains(&format!("'{}…'", "x".repeat(64))), "{err}");
    let (_, _, err) = run(&["plan", "a\nb", "--pods", "5"]);
    assert!(err.contains("'a\\u{a}b'"), "{err}");
}

/// kubectl's grammar: `KEY=VALUE` sets, `KEY-` removes, and a bare name is an error with a hint
/// (it used to be taken as an instance type, or silently ignored by `snippet`).
#[test]
fn a_bare_setting_name_is_an_error_with_a_hint() {
    check_error(
        &["snippet", "kubectl", "WARM_IP_TARGET"],
        "WARM_IP_TARGET needs a value: WARM_IP_TARGET=VALUE sets it, WARM_IP_TARGET- removes it",
    );
    check_error(
        &["plan", "m5.large", "--pods", "5", "WARM_IP_TARGET"],
        "WARM_IP_TARGET=VALUE",
    );
    check_error(
        &["plan", "WARM_IP_TARGET", "m5.large", "--pods", "5"],
        "WARM_IP_TARGET=VALUE",
    );
}

/// kubelet's maxPods is an int32 (`MaxPods int32` in KubeletConfiguration), and at least one pod.
#[test]
fn snippet_max_pods_takes_one_int32_and_nothing_more() {
    check_error(&["snippet", "max-pods", "0"], "from 1 to 2147483647");
    // 2^31 = 2147483648 is one past int32's maximum.
    check_error(&["snippet", "max-pods", "2147483648"], "from 1 to 2147483647");
    let (code, out, _) = run(&["snippet", "max-pods", "2147483647"]);
    assert_eq!(code, 0);
    assert!(out.contains("maxPods: 2147483647"), "{out}");
    check_error(&["snippet", "max-pods", "110", "extra"], "unexpected argument 'extra'");
    check_error(&["snippet", "ipv6-iam", "extra"], "unexpected argument 'extra'");
}

/// Issue 9 §3: options take `--flag VALUE` or `--flag=VALUE` (lexopt), with the same answer.
#[test]
fn options_take_their_value_after_a_space_or_an_equals_sign() {
    let spaced = run(&[
        "plan",
        "m5.large",
        "--pods",
        "5",
        "--nodes",
        "3",
        "WARM_IP_TARGET=2",
        "--json",
    ]);
    let joined = run(&[
        "plan",
        "m5.large",
        "--pods=5",
        "--nodes=3",
        "WARM_IP_TARGET=2",
        "--json",
    ]);
    assert_eq!(spaced.0, 0, "{}", spaced.2);
    assert_eq!(spaced, joined);
    assert_eq!(
        run(&["max-pods", "--instance-type=m5.large"]).1,
        "29\n" // 3 ENIs × (10 − 1) + 2
    );
    check_error(
        &["plan", "m5.large", "--pods=", "--json"],
        "--pods expects a whole number",
    );
    check_error(
        &["plan", "m5.large", "--pods", "5", "--json=yes"],
        "--json takes no value",
    );
    check_error(
        &["plan", "m5.large", "--pods", "5", "-x"],
        "unknown option '-x' for plan",
    );
    check_error(&["instances", "m5", "m6"], "unexpected argument 'm6'");
}

/// Issue 9 §3: `--max-pods-expression` is nodeadm's `maxPodsExpression`, evaluated for the instance
/// (`src/nodeadm.rs`) and used as kubelet's maxPods. m5.large binds default_enis = 3, ips_per_eni = 10 and
/// max_pods = 3 × (10 − 1) + 2 = 29; an expression nodeadm would reject exits 2.
#[test]
fn max_pods_expression_sets_kubelets_max_pods() {
    let json = |args: &[&str]| {
        let (code, out, err) = run(args);
        assert_eq!(code, 0, "{err}");
        serde_json::from_str::<serde_json::Value>(&out).unwrap()
    };
    let base = ["plan", "m5.large", "--pods", "5", "--json"];
    let v = json(&[&base[..], &["--max-pods-expression", "max_pods - 10"]].concat());
    assert_eq!(v["max_pods"]["kubelet"], 19);
    let v = json(&[&base[..], &["--max-pods-expression=default_enis * ips_per_eni"]].concat());
    assert_eq!(v["max_pods"]["kubelet"], 30);
    // Same as --max-pods with the value the expression gives.
    assert_eq!(
        json(&[&base[..], &["--max-pods-expression", "max_pods - 10"]].concat())["max_pods"],
        json(&[&base[..], &["--max-pods", "19"]].concat())["max_pods"]
    );
    let bad = ["plan", "m5.large", "--pods", "5", "--max-pods-expression"];
    check_error(
        &[&bad[..], &["max_pods +"]].concat(),
        "failed to compile custom max pods expression",
    );
    check_error(&[&bad[..], &["max_pods - 29"]].concat(), "greater than 0");
    check_error(&[&bad[..], &["nodes"]].concat(), "--max-pods-expression");
    check_error(&[&bad[..], &["max_pods", "--max-pods", "20"]].concat(), "pass one");
}

/// IPv6 numbers read as a person would write them: each ENI's /80 holds 2^48 = 281474976710656
/// addresses, which no node reaches, so the text says "a /80 per ENI: maxPods is the limit" instead of
/// printing it, counts take the singular ("1 node", "1 address"), and no /28 count appears.
#[test]
fn ipv6_text_says_its_numbers_in_words() {
    let (code, out, _) = run(&[
        "plan",
        "m5.large",
        "--pods",
        "20",
        "--subnet",
        "10.0.0.0/24",
        "ENABLE_IPv6=true",
        "ENABLE_IPv4=false",
        "ENABLE_PREFIX_DELEGATION=true",
    ]);
    assert_eq!(code, 0);
    let summary: String = out
        .lines()
        .take_while(|l| !l.starts_with("Trace"))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!summary.contains("281474976710656"), "{summary}");
    assert!(
        summary.contains("ipamd capacity a /80 per ENI: maxPods is the limit"),
        "{summary}"
    );
    // One node, one ENI (the primary; IPv6 attaches no other), one IPv4 address from the subnet.
    assert!(summary.contains("1 node × 1 address at peak"), "{summary}");
    assert!(summary.contains("· 1 ENI ·"), "{summary}");
    assert!(!summary.contains("prefix"), "{summary}");
}
