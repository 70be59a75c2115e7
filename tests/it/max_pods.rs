//! Part A13: `max-pods-calculator.sh` cases and nodeadm's `CalcMaxPods` / `maxPodsExpression`.

use vpc_cni_calc::config::{resolve, CniEnv};
use vpc_cni_calc::max_pods::{self, calculator, parse_cni_version, CalculatorArgs};
use vpc_cni_calc::nodeadm::{
    calc_max_pods, evaluate_max_pods_expression, kube_reserved_memory_mib, ExprError, ExprVars,
};
use vpc_cni_calc::vpc;

/// One calculator vector: instance, `--cni-version`, flags → the number it prints.
#[track_caller]
fn check(instance: &str, version: &str, flags: &[&str], expected: i64) {
    let args = CalculatorArgs {
        cni_version: parse_cni_version(version).unwrap(),
        custom_networking: flags.contains(&"--cni-custom-networking-enabled"),
        prefix_delegation: flags.contains(&"--cni-prefix-delegation-enabled"),
        max_eni: flags
            .iter()
            .find_map(|f| f.strip_prefix("--cni-max-eni="))
            .map(|n| n.parse().unwrap()),
        show_max_allowed: flags.contains(&"--show-max-allowed"),
    };
    let got = calculator(vpc::lookup(instance).unwrap(), &args).map(|f| f.value);
    assert_eq!(got, Ok(expected), "{instance} {version} {flags:?}");
}

#[test]
fn a13_calculator_cases() {
    check("m4.xlarge", "1.7.5", &[], 58); // 88
    check("m5.8xlarge", "1.11.2", &[], 234); // 89
    check("m5.8xlarge", "1.11.2", &["--cni-prefix-delegation-enabled"], 250); // 90
    check("c6in.32xlarge", "1.18.0", &["--show-max-allowed"], 394); // 91
}

#[test]
fn calculator_rules() {
    // The cap applies with or without PD: m4.4xlarge (16 vCPU) gives 110, not 234.
    check("m4.4xlarge", "1.23.1", &[], 110);
    // Strictly vCPU > 30: m5.8xlarge has 32.
    check("m5.8xlarge", "1.23.1", &["--show-max-allowed"], 234);
    // PD needs CNI ≥ 1.9 and hypervisor "nitro"; metal rows are "unknown", so the script ignores PD there.
    check(
        "m5.large",
        "1.8.0",
        &["--cni-prefix-delegation-enabled", "--show-max-allowed"],
        29,
    );
    check(
        "m5.large",
        "1.9.0",
        &["--cni-prefix-delegation-enabled", "--show-max-allowed"],
        434,
    );
    check("u-6tb1.metal", "1.23.1", &["--cni-prefix-delegation-enabled"], 147);
    check(
        "c7g.metal",
        "1.23.1",
        &["--cni-prefix-delegation-enabled", "--show-max-allowed"],
        15 * 49 * 16 + 2,
    );
    // Custom networking loses one ENI; --cni-max-eni caps first.
    check("m5.large", "1.23.1", &["--cni-custom-networking-enabled"], 20);
    check("m5.xlarge", "1.23.1", &["--cni-max-eni=2"], 30);
    check(
        "m5.xlarge",
        "1.23.1",
        &["--cni-max-eni=2", "--cni-custom-networking-enabled"],
        16,
    );
    check("t3.small", "v1.23.1", &["--cni-prefix-delegation-enabled"], 110);
    assert_eq!(parse_cni_version("1.x"), None);
    assert_eq!(parse_cni_version("v1.23.1"), Some((1, 23)));
}

#[test]
fn unknown_vcpus_only_matter_above_110() {
    let args = |show| CalculatorArgs {
        cni_version: (1, 23),
        custom_networking: false,
        prefix_delegation: false,
        max_eni: None,
        show_max_allowed: show,
    };
    let c7i = vpc::lookup("c7i.32xlarge").unwrap();
    assert!(calculator(c7i, &args(false)).is_err());
    assert!(calculator(c7i, &args(true)).is_ok());
}

#[test]
fn every_variant_for_a_plan() {
    let m5 = vpc::lookup("m5.large").unwrap();
    let mut env = CniEnv::manifest();
    env.set("AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG", "true").unwrap();
    let (cfg, _) = resolve(&env, m5).unwrap();
    let (mp, _) = max_pods::max_pods(m5, &cfg, Some(29));
    assert_eq!(
        (mp.eni_max_pods, mp.calculator, mp.nodeadm, mp.kubelet, mp.ip_capacity),
        (29, 20, 29, 29, 18)
    );
    // kubelet 29 admits 27 pods but custom networking leaves 18 IPs: the disagreement is spelled out.
    assert!(
        mp.notes.iter().any(|n| n.contains("ContainerCreating")),
        "{:?}",
        mp.notes
    );
}

/// One nodeadm vector: (default_enis, ips_per_eni, max_pods) and the expression → value or error kind.
#[track_caller]
fn check_expr(vars: (i64, i64, i64), expr: &str, expected: Result<i64, &str>) {
    let v = ExprVars {
        default_enis: vars.0,
        ips_per_eni: vars.1,
        max_pods: vars.2,
    };
    let got = evaluate_max_pods_expression(expr, v).map_err(|e| match e {
        ExprError::Compile(_) => "compile",
        ExprError::Eval(_) => "eval",
    });
    assert_eq!(got, expected, "{expr}");
}

#[test]
fn a13_nodeadm() {
    assert_eq!(calc_max_pods(3, 6, None), (17, false)); // 92
    assert_eq!(calc_max_pods(6, 12, None), (68, false)); // 93
    assert_eq!(
        calc_max_pods(3, 6, Some("(default_enis * (ips_per_eni - 1)) + 2")),
        (17, true)
    ); // 94
    assert_eq!(
        calc_max_pods(3, 6, Some("(default_enis * (ips_per_eni - 1)) + 3")),
        (18, true)
    ); // 95
    assert_eq!(calc_max_pods(3, 6, Some("99 - fake_variable")), (17, false)); // 96
    check_expr((0, 0, 0), "417", Ok(417)); // 97
    check_expr((3, 6, 17), "(default_enis * ((ips_per_eni - 1) * 16)) + 2", Ok(242)); // 98
    check_expr(
        (3, 6, 17),
        "((default_enis * ((ips_per_eni - 1) * 16)) + 2) < 30 ? ((default_enis * ((ips_per_eni - 1) * 16)) + 2) : 30",
        Ok(30),
    ); // 99
    check_expr((3, 6, 17), "((default_enis - 1) * (ips_per_eni - 1)) + 2", Ok(12)); // 100
    check_expr((0, 0, 35), "max_pods < 30 ? max_pods : 30", Ok(30)); // 101
    check_expr((0, 0, 7), "max_pods", Ok(7)); // 102
    check_expr((999, 9999, 7), "max_pods + 2", Ok(9)); // 103
    check_expr((0, 0, 0), "default_enis + fake_variable", Err("compile")); // 104
    check_expr((i64::from(i32::MAX), 0, 0), "default_enis * 2", Err("eval")); // 105
    check_expr(
        (3, 6, 17),
        "max_pods - ((default_enis * (ips_per_eni - 1)) + 2)",
        Err("eval"),
    ); // 106
    check_expr((0, 0, 1), "max_pods - 2", Err("eval")); // 107
    check_expr((0, 0, 0), "true", Err("eval")); // 108
    check_expr((0, 0, 0), "(1 + ", Err("compile"));
}

#[test]
fn a13_nodeadm_e2e_on_m4_xlarge() {
    // 109: custom-networking expression → 44, kubeReserved 11 × 44 + 255 = 739 MiB.
    let m4 = vpc::lookup("m4.xlarge").unwrap();
    let (enis, ips) = (i64::from(m4.eni_limit), i64::from(m4.ipv4_limit));
    let (v, used) = calc_max_pods(enis, ips, Some("((default_enis -1) * (ips_per_eni - 1)) + 2"));
    assert_eq!((v, used, kube_reserved_memory_mib(v)), (44, true, 739));
    // 110: max_pods + 2 → 60 (915 MiB); an explicit maxPods of 1 still wins in the drop-in.
    let (v, _) = calc_max_pods(enis, ips, Some("max_pods + 2"));
    assert_eq!((v, kube_reserved_memory_mib(v)), (60, 915));
}
