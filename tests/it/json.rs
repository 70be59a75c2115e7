//! The importers' JSON reader (`import::json`, issue 11): RFC 8259's examples and grammar, its escapes and
//! surrogate pairs, the depth cap, numbers kept as text, and serde_json as the oracle over random values.

use proptest::prelude::*;
use vpc_cni_calc::import::json::{Json, MAX_DEPTH};

fn parse(text: &str) -> Json {
    Json::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

fn refused(text: &str) -> String {
    let e = Json::parse(text).expect_err(text);
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(e.contains(" at line ") && e.contains(" column "), "{e}");
    e
}

fn s(text: &str) -> Json {
    Json::Str(text.to_string())
}

fn n(text: &str) -> Json {
    Json::Num(text.to_string())
}

/// The value as serde_json's `Value`, numbers read from their text by serde_json.
fn to_serde(v: &Json) -> serde_json::Value {
    match v {
        Json::Null => serde_json::Value::Null,
        Json::Bool(b) => (*b).into(),
        Json::Num(t) => serde_json::from_str(t).unwrap(),
        Json::Str(t) => t.clone().into(),
        Json::Arr(items) => items.iter().map(to_serde).collect(),
        Json::Obj(members) => {
            serde_json::Value::Object(members.iter().map(|(k, v)| (k.clone(), to_serde(v))).collect())
        }
    }
}

#[test]
fn rfc_8259_s_examples_read() {
    // RFC 8259 §13, the first example.
    let image = parse(
        r#"{
        "Image": {
            "Width":  800,
            "Height": 600,
            "Title":  "View from 15th Floor",
            "Thumbnail": {
                "Url":    "http://www.example.com/image/481989943",
                "Height": 125,
                "Width":  100
            },
            "Animated" : false,
            "IDs": [116, 943, 234, 38793]
          }
      }"#,
    );
    assert_eq!(image.pointer("/Image/Width").and_then(Json::as_u64), Some(800));
    assert_eq!(
        image.pointer("/Image/Title").and_then(Json::as_str),
        Some("View from 15th Floor")
    );
    assert_eq!(
        image.pointer("/Image/Thumbnail/Height").and_then(Json::as_i64),
        Some(125)
    );
    assert_eq!(image.pointer("/Image/Animated").and_then(Json::as_bool), Some(false));
    assert_eq!(image.pointer("/Image/IDs/3").and_then(Json::as_u64), Some(38793));
    assert_eq!(image.pointer("/Image/IDs/4"), None);
    // The second example: an array of two objects, numbers with fractions and negative ones kept as written.
    let places = parse(
        r#"[
        {
           "precision": "zip",
           "Latitude":  37.7668,
           "Longitude": -122.3959,
           "Address":   "",
           "City":      "SAN FRANCISCO",
           "State":     "CA",
           "Zip":       "94107",
           "Country":   "US"
        },
        {
           "precision": "zip",
           "Latitude":  37.371991,
           "Longitude": -122.026020,
           "Address":   "",
           "City":      "SUNNYVALE",
           "State":     "CA",
           "Zip":       "94085",
           "Country":   "US"
        }
      ]"#,
    );
    assert_eq!(places.pointer("/1/Longitude"), Some(&n("-122.026020")));
    assert_eq!(places.pointer("/0/Latitude").and_then(Json::as_u64), None);
    assert_eq!(places.pointer("/0/City").and_then(Json::as_str), Some("SAN FRANCISCO"));
    // RFC 8259 §13's small texts: any value may be the whole text.
    assert_eq!(parse(r#""Hello world!""#), s("Hello world!"));
    assert_eq!(parse("42"), n("42"));
    assert_eq!(parse("true"), Json::Bool(true));
    assert_eq!(parse(" null "), Json::Null);
}

#[test]
fn every_escape_reads_and_raw_controls_are_refused() {
    // RFC 8259 §7: \" \\ \/ \b \f \n \r \t and \uXXXX (upper- or lower-case hex).
    assert_eq!(
        parse(r#""\"\\\/\b\f\n\r\t\u0041\u00e9\u00E9\u20AC\u0000""#),
        s("\"\\/\u{8}\u{c}\n\r\t\u{41}é\u{e9}€\u{0}")
    );
    // Unescaped text passes through, non-ASCII and DEL included.
    assert_eq!(parse("\"ñ 日本 \u{7f} 😀\""), s("ñ 日本 \u{7f} 😀"));
    for bad in [
        r#""\a""#,
        r#""\x41""#,
        r#""\u12""#,
        r#""\u12g4""#,
        r#""\"#,
        "\"abc",
        "\"\t\"",
        "\"\n\"",
        "\"\u{1f}\"",
    ] {
        refused(bad);
        assert!(serde_json::from_str::<serde_json::Value>(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_surrogate_pair_is_one_character_and_a_lone_surrogate_is_refused() {
    // U+1F600: 0x10000 + ((0xD83D - 0xD800) << 10) + (0xDE00 - 0xDC00) = 0x10000 + 0xF400 + 0x200.
    assert_eq!(parse(r#""\ud83d\ude00""#), s("\u{1f600}"));
    // The first and last pairs: U+10000 and U+10FFFF.
    assert_eq!(parse(r#""\uD800\uDC00\uDBFF\uDFFF""#), s("\u{10000}\u{10ffff}"));
    // A leading surrogate alone, before text, before a non-surrogate escape or before another leading one;
    // a trailing surrogate alone. serde_json refuses each as well.
    for bad in [
        r#""\ud83d""#,
        r#""\ud83dx""#,
        r#""\ud83d\u0041""#,
        r#""\ud83d\ud83d""#,
        r#""\ude00""#,
        r#""\ude00\ud83d""#,
    ] {
        let e = refused(bad);
        assert!(e.contains("surrogate"), "{e}");
        assert!(serde_json::from_str::<serde_json::Value>(bad).is_err(), "{bad}");
    }
}

fn nested(depth: usize, open: &str, close: &str) -> String {
    open.repeat(depth) + &close.repeat(depth)
}

#[test]
fn nesting_128_deep_reads_and_129_is_refused_without_recursion() {
    assert_eq!(MAX_DEPTH, 128);
    parse(&nested(128, "[", "]"));
    parse(&(nested(127, r#"{"a":"#, "}").replace(r#""a":}"#, r#""a":[]}"#)));
    let e = refused(&nested(129, "[", "]"));
    assert!(
        e.contains("nested more than 128 levels deep at line 1 column 129"),
        "{e}"
    );
    refused(&nested(129, r#"{"a":"#, "}"));
    // Far deeper than any stack would take, refused at once; and 8 MiB of `[` is refused, not overflowed.
    refused(&nested(100_000, "[", "]"));
    refused(&"[".repeat(8 << 20));
    // serde_json's counter refuses 128 and reads 127 (see `MAX_DEPTH`): one level apart.
    assert!(serde_json::from_str::<serde_json::Value>(&nested(127, "[", "]")).is_ok());
    assert!(serde_json::from_str::<serde_json::Value>(&nested(128, "[", "]")).is_err());
}

#[test]
fn numbers_keep_their_text_and_follow_rfc_8259_s_grammar() {
    for ok in [
        "0",
        "-0",
        "1e5",
        "1E+5",
        "1.5e-3",
        "0.0",
        "-0.0e0",
        "123456789012345678901234567890",
        "1e400",
    ] {
        assert_eq!(parse(ok), n(ok));
    }
    // A leading zero, a plus sign, a bare dot or exponent, hex, and JSON's missing NaN and Infinity.
    for bad in [
        "01",
        "-01",
        "+1",
        ".5",
        "1.",
        "1.e5",
        "1e",
        "1e+",
        "-",
        "--1",
        "0x1",
        "NaN",
        "Infinity",
        "-Infinity",
    ] {
        refused(bad);
        assert!(serde_json::from_str::<serde_json::Value>(bad).is_err(), "{bad}");
    }
    // Integer accessors: whole numbers only, within the type, by checked arithmetic.
    assert_eq!(parse("18446744073709551615").as_u64(), Some(u64::MAX));
    assert_eq!(parse("18446744073709551616").as_u64(), None);
    assert_eq!(parse("-9223372036854775808").as_i64(), Some(i64::MIN));
    assert_eq!(parse("9223372036854775807").as_i64(), Some(i64::MAX));
    assert_eq!(parse("9223372036854775808").as_i64(), None);
    assert_eq!(parse("-9223372036854775809").as_i64(), None);
    assert_eq!(parse("-1").as_u64(), None);
    assert_eq!(parse("-1").as_i64(), Some(-1));
    for not_whole in ["3.0", "3e0", "\"3\"", "true"] {
        assert_eq!(parse(not_whole).as_u64(), None, "{not_whole}");
        assert_eq!(parse(not_whole).as_i64(), None, "{not_whole}");
    }
}

#[test]
fn only_json_s_whitespace_and_grammar_are_accepted() {
    assert_eq!(parse(" \t\r\n[ 1 ,\t2\r\n]\n"), Json::Arr(vec![n("1"), n("2")]));
    // Form feed, vertical tab, NBSP and a BOM are not JSON whitespace (the settings importer trims a BOM).
    for bad in [
        "\u{c}1",
        "\u{b}1",
        "\u{a0}1",
        "\u{feff}{}",
        "[1,]",
        r#"{"a":1,}"#,
        "[1 2]",
        r#"{"a" 1}"#,
        r#"{a:1}"#,
        "{'a':1}",
        "[1] // comment",
        "/* c */ 1",
        "[1]]",
        "1 2",
        "",
        "   ",
        "[",
        r#"{"a":"#,
        "tru",
        "nul",
        "truex",
        "[,1]",
    ] {
        refused(bad);
        assert!(serde_json::from_str::<serde_json::Value>(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn an_error_says_where_in_one_line() {
    // Line 2 is ` 2,]`: the `]` where a value belongs is its 4th character.
    assert_eq!(refused("[1,\n 2,]"), "expected value at line 2 column 4");
    // Columns count characters: `é` is one.
    assert_eq!(refused("[\"é\" x]"), "expected `,` or `]` at line 1 column 6");
    assert_eq!(refused("{\"a\":1} x"), "trailing characters at line 1 column 9");
    // Text that ends early says so, at the end.
    assert_eq!(refused("[1,\n2"), "EOF while parsing a list at line 2 column 2");
    assert_eq!(refused("{\"a\":1,"), "EOF while parsing an object at line 1 column 8");
    assert_eq!(refused("{\"a\":1"), "EOF while parsing an object at line 1 column 7");
    assert_eq!(refused("[\"ab"), "EOF while parsing a string at line 1 column 5");
}

#[test]
fn a_duplicate_key_is_looked_up_as_its_last_value_as_serde_json_keeps_it() {
    let text = r#"{"b":1,"a":2,"b":3,"c":{"x":1,"x":[2]},"a":4,"b":5}"#;
    let v = parse(text);
    assert_eq!(v.get("b"), Some(&n("5")));
    assert_eq!(v.get("a"), Some(&n("4")));
    assert_eq!(v.pointer("/c/x/0"), Some(&n("2")));
    assert_eq!(to_serde(&v), serde_json::from_str::<serde_json::Value>(text).unwrap());
    // The members stay as written; `to_text` writes them as serde_json does, sorted and each key once.
    assert_eq!(v.as_object().map(<[_]>::len), Some(6));
    assert_eq!(v.to_text(), r#"{"a":4,"b":5,"c":{"x":[2]}}"#);
    assert_eq!(v.to_text(), to_serde(&v).to_string());
}

#[test]
fn a_pointer_follows_rfc_6901() {
    let v = parse(r#"{"a/b":1,"m~n":2,"list":[10,11],"":3}"#);
    assert_eq!(v.pointer(""), Some(&v));
    assert_eq!(v.pointer("/a~1b"), Some(&n("1")));
    assert_eq!(v.pointer("/m~0n"), Some(&n("2")));
    assert_eq!(v.pointer("/list/1"), Some(&n("11")));
    assert_eq!(v.pointer("/"), Some(&n("3")));
    // A leading zero, a sign or a missing slash do not point anywhere; nor does a step into a scalar.
    for none in ["/list/01", "/list/+1", "/list/-", "list", "/a~1b/x", "/nope"] {
        assert_eq!(v.pointer(none), None, "{none}");
        assert_eq!(to_serde(&v).pointer(none), None, "{none}");
    }
}

#[test]
fn text_is_written_as_serde_json_writes_it() {
    let v = serde_json::json!({"s": "\"\\/\u{8}\u{c}\n\r\t\u{1}\u{1f}\u{7f}é😀", "n": [0, -1, 1.5, 1e300], "e": {}, "a": [], "z": null, "t": true});
    assert_eq!(parse(&v.to_string()).to_text(), v.to_string());
}

fn serde_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<u64>().prop_map(serde_json::Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(serde_json::Value::from),
        any::<String>().prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(serde_json::Value::from),
            prop::collection::vec((any::<String>(), inner), 0..8)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
    ))]

    /// Whatever serde_json writes reads back as the value serde_json reads from it, and writes back the same
    /// text. (Not always `v` itself: serde_json's default float reader is not exact, e.g. it reads its own
    /// `1.8643741796874823e-96` as `1.8643741796874826e-96`.)
    #[test]
    fn serde_json_s_text_reads_back_the_same(v in serde_value()) {
        let text = v.to_string();
        let read = Json::parse(&text).unwrap();
        prop_assert_eq!(to_serde(&read), serde_json::from_str::<serde_json::Value>(&text).unwrap());
        prop_assert_eq!(&read.to_text(), &text);
        let pretty = serde_json::to_string_pretty(&v).unwrap();
        let read = Json::parse(&pretty).unwrap();
        prop_assert_eq!(to_serde(&read), serde_json::from_str::<serde_json::Value>(&pretty).unwrap());
        prop_assert_eq!(read.to_text(), text);
    }

    /// Any text of JSON's characters: read or refused in one line, never a panic, and read exactly when
    /// serde_json reads it (but for numbers past f64's range, which serde_json refuses and we keep as text).
    #[test]
    fn any_text_reads_as_serde_json_reads_it(text in r#"[\[\]{}",:0-9a-z\\ .+\-\n\x00-\x1féud8e]{0,40}"#) {
        let ours = Json::parse(&text);
        let theirs = serde_json::from_str::<serde_json::Value>(&text);
        match (&ours, &theirs) {
            (Ok(a), Ok(b)) => prop_assert_eq!(&to_serde(a), b),
            (Err(e), Err(_)) => prop_assert_eq!(e.lines().count(), 1),
            (Ok(_), Err(e)) => prop_assert!(e.to_string().starts_with("number out of range"), "{text:?}: {e}"),
            (Err(e), Ok(_)) => prop_assert!(false, "{text:?}: {e}"),
        }
    }

    /// Any string at all: an answer, never a panic.
    #[test]
    fn any_string_is_read_or_refused(text in any::<String>()) {
        let _ = Json::parse(&text);
    }
}
