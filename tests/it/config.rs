use vpc_cni_calc::config::{go_atoi, go_parse_bool, resolve, setting, CniConfig, CniEnv, Kind};
use vpc_cni_calc::edit::{self, Edit};
use vpc_cni_calc::vpc;

fn env(args: &[&str]) -> CniEnv {
    let mut e = CniEnv::manifest();
    for a in args {
        e.apply(a).unwrap_or_else(|e| panic!("{e}"));
    }
    e
}

fn resolved(instance: &str, args: &[&str]) -> (CniConfig, Vec<&'static str>) {
    let it = vpc::lookup(instance).unwrap();
    let (c, w) = resolve(&env(args), it).unwrap_or_else(|e| panic!("{e}"));
    (c, w.iter().map(|w| w.code).collect())
}

/// One parsing vector: the variable's raw value (None = unset) and what ipamd uses.
#[track_caller]
fn check_int(name: &str, raw: Option<&str>, expected: i64) {
    let mut e = CniEnv::manifest();
    match raw {
        Some(v) => e.set(name, v).unwrap(),
        None => e.unset(name).unwrap(),
    }
    let (c, _) = resolve(&e, vpc::lookup("m5.large").unwrap()).unwrap();
    let got = match name {
        "WARM_ENI_TARGET" => c.warm_eni_target,
        "WARM_IP_TARGET" => c.warm_ip_target,
        "MINIMUM_IP_TARGET" => c.minimum_ip_target,
        "WARM_PREFIX_TARGET" => c.warm_prefix_target,
        "IP_COOLDOWN_PERIOD" => c.ip_cooldown_period,
        "MAX_ENI" => i64::from(c.max_eni),
        _ => unreachable!(),
    };
    assert_eq!(got, expected, "{name}={raw:?}");
}

#[test]
fn integer_parsing_matches_ipamd() {
    // A11 #75 (TestGetWarmENITarget really tests getWarmIPTarget).
    check_int("WARM_IP_TARGET", Some("5"), 5);
    check_int("WARM_IP_TARGET", None, 0);
    check_int("WARM_IP_TARGET", Some("non-integer-string"), 0);
    // A11 #76.
    check_int("WARM_PREFIX_TARGET", Some("5"), 5);
    check_int("WARM_PREFIX_TARGET", None, 0);
    check_int("WARM_PREFIX_TARGET", Some("x"), 0);
    // A11 #77.
    check_int("MINIMUM_IP_TARGET", None, 0);
    check_int("MINIMUM_IP_TARGET", Some("10"), 10);
    check_int("MINIMUM_IP_TARGET", Some("0"), 0);
    check_int("MINIMUM_IP_TARGET", Some("-5"), 0);
    check_int("MINIMUM_IP_TARGET", Some("invalid"), 0);
    // getWarmENITarget: unset, invalid and negative all mean 1; 0 is allowed.
    check_int("WARM_ENI_TARGET", None, 1);
    check_int("WARM_ENI_TARGET", Some("0"), 0);
    check_int("WARM_ENI_TARGET", Some("-1"), 1);
    check_int("WARM_ENI_TARGET", Some("2.5"), 1);
    check_int("WARM_ENI_TARGET", Some("+2"), 2);
    check_int("WARM_ENI_TARGET", Some(" 2"), 1);
    // getCooldownPeriod accepts negatives.
    check_int("IP_COOLDOWN_PERIOD", Some("-1"), -1);
    check_int("IP_COOLDOWN_PERIOD", Some("abc"), 30);
    // getMaxENI: m5.large has 3 ENIs; only 1..=2 take effect.
    check_int("MAX_ENI", Some("2"), 2);
    check_int("MAX_ENI", Some("3"), 3);
    check_int("MAX_ENI", Some("9"), 3);
    check_int("MAX_ENI", Some("0"), 3);
    check_int("MAX_ENI", Some("two"), 3);
}

#[test]
fn go_parsers() {
    assert_eq!(go_atoi("9223372036854775807"), Some(i64::MAX));
    assert_eq!(go_atoi("9223372036854775808"), None);
    assert_eq!(go_atoi("1_000"), None);
    assert_eq!(go_atoi(""), None);
    assert_eq!(go_atoi("-"), None);
    for t in ["1", "t", "T", "TRUE", "true", "True"] {
        assert_eq!(go_parse_bool(t), Some(true), "{t}");
    }
    for f in ["0", "f", "F", "FALSE", "false", "False"] {
        assert_eq!(go_parse_bool(f), Some(false), "{f}");
    }
    assert_eq!(go_parse_bool("yes"), None);
    assert_eq!(go_parse_bool("tRUE"), None);
}

#[test]
fn odd_values_come_back_as_warnings() {
    let (_, w) = resolved("m5.large", &["WARM_IP_TARGET=-3"]);
    assert!(w.contains(&"negative-value"), "{w:?}");
    let (_, w) = resolved("m5.large", &["WARM_IP_TARGET=abc"]);
    assert!(w.contains(&"not-an-integer"), "{w:?}");
    let (_, w) = resolved("m5.large", &["MAX_ENI=9"]);
    assert!(w.contains(&"max-eni-ignored"), "{w:?}");
    let (c, w) = resolved("m5.large", &["ENABLE_PREFIX_DELEGATION=yes"]);
    assert!(w.contains(&"not-a-boolean") && !c.enable_prefix_delegation, "{w:?}");
    let (_, w) = resolved("m5.large", &["MINIMUM_IP_TARGET=10"]);
    assert!(w.contains(&"minimum-without-warm-ip"), "{w:?}");
    let (_, w) = resolved("m5.large", &["ENABLE_PREFIX_DELEGATION=true", "WARM_PREFIX_TARGET=0"]);
    assert!(w.contains(&"pd-zero-targets"), "{w:?}");
    let (_, w) = resolved("m5.large", &["IP_COOLDOWN_PERIOD=-5"]);
    assert!(w.contains(&"cooldown-negative"), "{w:?}");
}

#[test]
fn prefix_delegation_on_xen_falls_back_to_secondary_ips() {
    // isConfigValid: v4 PD on non-Nitro is valid but silently drops to SIP.
    let (c, w) = resolved("t2.medium", &["ENABLE_PREFIX_DELEGATION=true"]);
    assert!(!c.enable_prefix_delegation);
    assert!(w.contains(&"pd-not-supported"), "{w:?}");
    // Bare metal is allowed (IsPrefixDelegationSupported accepts it).
    let (c, _) = resolved("a1.metal", &["ENABLE_PREFIX_DELEGATION=true"]);
    assert!(c.enable_prefix_delegation);
}

/// One `isConfigValid` vector: the settings and whether ipamd starts.
#[track_caller]
fn check_valid(instance: &str, args: &[&str], valid: bool) {
    let r = resolve(&env(args), vpc::lookup(instance).unwrap());
    assert_eq!(r.is_ok(), valid, "{instance} {args:?}: {:?}", r.err());
}

#[test]
fn is_config_valid() {
    // A11 #80.
    check_valid("m5.large", &[], true);
    check_valid("m5.large", &["ENABLE_PREFIX_DELEGATION=true"], true);
    check_valid(
        "m5.large",
        &["ENABLE_IPv4=false", "ENABLE_IPv6=true", "ENABLE_PREFIX_DELEGATION=true"],
        true,
    );
    check_valid("m5.large", &["ENABLE_IPv4=false", "ENABLE_IPv6=true"], false);
    check_valid(
        "m5.large",
        &["ENABLE_IPv6=true", "ENABLE_PREFIX_DELEGATION=true"],
        false,
    );
    check_valid(
        "t2.medium",
        &["ENABLE_IPv4=false", "ENABLE_IPv6=true", "ENABLE_PREFIX_DELEGATION=true"],
        false,
    );
    check_valid(
        "m5.large",
        &[
            "ENABLE_IPv4=false",
            "ENABLE_IPv6=true",
            "ENABLE_PREFIX_DELEGATION=true",
            "ENABLE_POD_ENI=true",
        ],
        true,
    );
    check_valid(
        "m5.large",
        &["ENABLE_PREFIX_DELEGATION=true", "ENABLE_POD_ENI=true"],
        true,
    );
    check_valid("t2.medium", &["ENABLE_PREFIX_DELEGATION=true"], true);
    // Neither family, and IPv6 with custom networking, are fatal too.
    check_valid("m5.large", &["ENABLE_IPv4=false"], false);
    check_valid("m5.large", &["ENABLE_IPv4-"], false);
    check_valid(
        "m5.large",
        &[
            "ENABLE_IPv4=false",
            "ENABLE_IPv6=true",
            "ENABLE_PREFIX_DELEGATION=true",
            "AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true",
        ],
        false,
    );
}

#[test]
fn derived_flags() {
    // A11 #78 and #79.
    let (c, _) = resolved("m5.large", &[]);
    assert!(!c.warm_ip_targets_defined());
    for (args, expected) in [
        (&["WARM_IP_TARGET=5"][..], true),
        (&["MINIMUM_IP_TARGET=10"][..], true),
        (&["WARM_IP_TARGET=5", "MINIMUM_IP_TARGET=10"][..], true),
    ] {
        assert_eq!(
            resolved("m5.large", args).0.warm_ip_targets_defined(),
            expected,
            "{args:?}"
        );
    }
    assert!(!resolved("m5.large", &["WARM_PREFIX_TARGET=0"])
        .0
        .warm_prefix_target_defined());
    assert!(
        resolved("m5.large", &["WARM_PREFIX_TARGET=1", "ENABLE_PREFIX_DELEGATION=true"])
            .0
            .warm_prefix_target_defined()
    );
    assert!(!resolved("m5.large", &["WARM_PREFIX_TARGET=1"])
        .0
        .warm_prefix_target_defined());
    // By the code, (0, true) is also true (untested upstream).
    assert!(
        resolved("m5.large", &["WARM_PREFIX_TARGET=0", "ENABLE_PREFIX_DELEGATION=true"])
            .0
            .warm_prefix_target_defined()
    );
}

#[test]
fn unknown_setting_names_suggest_the_nearest() {
    let e = CniEnv::manifest().apply("WARM_IP_TARGT=2").unwrap_err();
    assert_eq!(e.suggestions, ["WARM_IP_TARGET"]);
    assert!(e.to_string().contains("did you mean WARM_IP_TARGET?"), "{e}");
    // Environment variable names are case-sensitive: ENABLE_IPV4 is not ENABLE_IPv4.
    let e = CniEnv::manifest().apply("ENABLE_IPV4=true").unwrap_err();
    assert_eq!(e.suggestions, ["ENABLE_IPv4"]);
}

#[test]
fn manifest_defaults_and_changes() {
    let m = CniEnv::manifest();
    assert_eq!(m.get("WARM_ENI_TARGET"), Some("1"));
    assert_eq!(m.get("WARM_PREFIX_TARGET"), Some("1"));
    assert_eq!(m.get("ENABLE_IPv4"), Some("true"));
    assert!(m.changes().is_empty());
    let e = env(&["WARM_IP_TARGET=2", "WARM_ENI_TARGET-", "WARM_PREFIX_TARGET=1"]);
    assert_eq!(
        e.changes(),
        [
            Edit::new("WARM_ENI_TARGET", None),
            Edit::new("WARM_IP_TARGET", Some("2"))
        ]
    );
    assert_eq!(edit::join(&e.changes()), "WARM_ENI_TARGET- WARM_IP_TARGET=2");
}

/// The `kubectl set env` grammar: `KEY=VALUE` splits at the first `=`, `KEY-` removes, a bare word is no edit;
/// printing gives the argument back.
#[test]
fn edits_parse_and_print_as_kubectl_set_env_takes_them() {
    for (arg, parsed) in [
        ("WARM_IP_TARGET=2", Some(Edit::new("WARM_IP_TARGET", Some("2")))),
        (
            "ENI_CONFIG_LABEL_DEF=a=b",
            Some(Edit::new("ENI_CONFIG_LABEL_DEF", Some("a=b"))),
        ),
        ("WARM_IP_TARGET=", Some(Edit::new("WARM_IP_TARGET", Some("")))),
        ("WARM_ENI_TARGET-", Some(Edit::new("WARM_ENI_TARGET", None))),
        ("WARM_IP_TARGET=-1", Some(Edit::new("WARM_IP_TARGET", Some("-1")))),
        ("WARM_IP_TARGET", None),
    ] {
        assert_eq!(Edit::parse(arg), parsed, "{arg}");
        assert_eq!(Edit::is_edit(arg), parsed.is_some(), "{arg}");
        if let Some(e) = parsed {
            assert_eq!(e.to_string(), arg);
        }
    }
    // In JSON (`plan --advise --json`), the pair it has always been.
    let json = serde_json::to_value([Edit::new("WARM_IP_TARGET", Some("2")), Edit::new("MAX_ENI", None)]).unwrap();
    assert_eq!(json, serde_json::json!([["WARM_IP_TARGET", "2"], ["MAX_ENI", null]]));
    // A bare known name changes nothing in the core; the CLI refuses it with a hint (tests/it/cli.rs).
    let mut e = CniEnv::manifest();
    e.apply("WARM_IP_TARGET").unwrap();
    assert_eq!(e, CniEnv::manifest());
}

#[test]
fn the_largest_minimum_ip_target_does_not_wrap() {
    // Issue 6 §7: MINIMUM_IP_TARGET=9223372036854775807 (i64::MAX, what strconv.Atoi accepts) printed
    // "pod -9223372036854775808" (MAX + 1 wrapped). The warning now names no computed pod number, and the
    // plan (with maxPods 29 binding long before 2^63 IPs) runs to the end.
    let max = i64::MAX.to_string();
    let setting = format!("MINIMUM_IP_TARGET={max}");
    let it = vpc::lookup("m5.large").unwrap();
    let (_, warnings) = resolve(&env(&[&setting]), it).unwrap();
    let w = warnings.iter().find(|w| w.code == "minimum-without-warm-ip").unwrap();
    assert!(w.message.contains(&max) && !w.message.contains('-'), "{}", w.message);
    let mut s = vpc_cni_calc::scenario::Scenario::new("m5.large");
    s.pods = 40;
    s.then_pods = Some(5);
    s.env = env(&[&setting]);
    let r = vpc_cni_calc::scenario::plan(&s).unwrap();
    let text = serde_json::to_string(&r).unwrap();
    assert!(!text.contains("-92233720368547758"), "a wrapped value leaked");
}

/// Issue 9 §2: each code default is written once, as the `SETTINGS` entry's kind; an unset variable resolves
/// to it and `code_default()` prints it. The numbers are ipamd.go's `defaultWarmENITarget = 1`,
/// `noWarmIPTarget = 0`, `noMinimumIPTarget = 0`, `defaultWarmPrefixTarget = 0`, and `getCooldownPeriod`'s 30 s.
#[test]
fn unset_variables_resolve_to_the_table_defaults() {
    let mut e = CniEnv::default();
    e.set("ENABLE_IPv4", "true").unwrap();
    let it = vpc::lookup("m5.large").unwrap();
    let (c, _) = resolve(&e, it).unwrap();
    let ints = [
        c.warm_eni_target,
        c.warm_ip_target,
        c.minimum_ip_target,
        c.warm_prefix_target,
        c.ip_cooldown_period,
    ];
    assert_eq!(ints, [1, 0, 0, 0, 30]);
    assert_eq!(c.max_eni, it.eni_limit);
    assert!(!c.enable_prefix_delegation && !c.enable_ipv6 && !c.use_custom_networking && !c.enable_pod_eni);
    let text = |name| setting(name).unwrap().code_default();
    assert_eq!(text("WARM_ENI_TARGET"), "1");
    assert_eq!(text("IP_COOLDOWN_PERIOD"), "30");
    assert_eq!(text("ENABLE_IPv4"), "false");
    assert_eq!(text("MAX_ENI"), "the instance's ENI limit");
    assert_eq!(text("ENI_CONFIG_LABEL_DEF"), "k8s.amazonaws.com/eniConfig");
    assert!(matches!(
        setting("IP_COOLDOWN_PERIOD").unwrap().kind,
        Kind::Int {
            default: 30,
            negative_ok: true,
            ..
        }
    ));
}
