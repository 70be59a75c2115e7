use vpc_cni_calc::subnet::{exhausts_at, fits, parse_cidr, usable_addresses, usable_prefix_blocks, NodeCost};

/// One CIDR parse: the input and either its canonical form or a fragment of the error.
#[track_caller]
fn check_parse(input: &str, expected: Result<&str, &str>) {
    match (parse_cidr(input), expected) {
        (Ok(c), Ok(want)) => assert_eq!(c.to_string(), want),
        (Err(e), Err(frag)) => assert!(e.contains(frag), "{input}: {e}"),
        (got, want) => panic!("{input}: got {got:?}, want {want:?}"),
    }
}

#[test]
fn parsing() {
    check_parse("10.0.0.0/24", Ok("10.0.0.0/24"));
    check_parse(" 192.168.16.0/20 ", Ok("192.168.16.0/20"));
    check_parse("10.0.0.5/24", Err("did you mean 10.0.0.0/24?"));
    check_parse("10.0.0.0", Err("not a CIDR"));
    check_parse("10.0.0/24", Err("four"));
    check_parse("10.0.0.256/24", Err("0 to 255"));
    check_parse("10.0.0.0/33", Err("0 to 32"));
    check_parse("10.0.0.0/8", Err("/16 to /28"));
    check_parse("10.0.0.0/29", Err("/16 to /28"));
    check_parse("a.b.c.d/24", Err("0 to 255"));
    // `core::net::Ipv4Addr` refuses leading zeros, which other parsers read as octal or as decimal.
    check_parse("010.0.0.0/24", Err("without leading zeros"));
    check_parse("10.0.0.00/24", Err("without leading zeros"));
    check_parse("+10.0.0.0/24", Err("0 to 255"));
    check_parse("10.0.0.0/-1", Err("0 to 32"));
}

#[test]
fn reserved_addresses_and_blocks() {
    assert_eq!(usable_addresses(24), 251);
    assert_eq!(usable_addresses(28), 11);
    assert_eq!(usable_addresses(16), 65531);
    // A /27 fits 0 prefixes, a /26 fits 2, a /24 fits 14.
    assert_eq!([27, 26, 24, 28].map(usable_prefix_blocks), [0, 2, 14, 0]);
}

#[test]
fn exhaustion() {
    // Secondary IPs: 8 addresses a node in a /24 (251 usable): 31 fit, the 32nd does not.
    let sip = NodeCost { single: 8, prefixes: 0 };
    assert!(fits(sip, 31, 24) && !fits(sip, 32, 24));
    assert_eq!(exhausts_at(sip, 24), Some(32));
    // Prefixes: 1 ENI primary and 2 /28s a node in a /24: 14 blocks, 27 spare edge addresses.
    let pd = NodeCost { single: 1, prefixes: 2 };
    assert_eq!(exhausts_at(pd, 24), Some(8));
    // A /28 holds no whole prefix.
    assert_eq!(exhausts_at(pd, 28), Some(1));
    assert_eq!(exhausts_at(NodeCost { single: 0, prefixes: 0 }, 24), None);
}
