//! Quoting a user's value for each language a snippet is written in, so that it arrives byte for byte.
//! The characters that editors, YAML line breaking or JavaScript line terminators would mangle (C0 and C1
//! controls, DEL, U+2028, U+2029, the BOM) are written as `\uXXXX` escapes wherever the language has them.

use std::fmt::Write as _;

/// Needs a `\uXXXX` escape in a quoted string: controls, DEL, C1 (NEL included), line and paragraph
/// separators, BOM.
fn unprintable(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// `s` between `quote` characters, with `\\`, `\<quote>` and `\uXXXX` (never `\n` or `\b`, which HCL lacks):
/// valid JSON, YAML double-quoted, HCL and TypeScript string syntax. Byte for byte what serde_json's string
/// serializer wrote with this quote and every other escape as `\uXXXX` (its formatter, which this replaced
/// so the page's wasm does not carry serde_json's serializer).
fn escaped(s: &str, quote: char) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        if c == '\\' || c == quote {
            out.push('\\');
            out.push(c);
        } else if unprintable(c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out.push(quote);
    out
}

/// A JSON string.
pub(super) fn json(s: &str) -> String {
    escaped(s, '"')
}

/// A YAML double-quoted scalar (YAML reads JSON's escapes).
pub(super) fn yaml(s: &str) -> String {
    escaped(s, '"')
}

/// A double-quoted HCL string (`${` and `%{` escaped so Terraform does not interpolate).
pub(super) fn hcl(s: &str) -> String {
    escaped(s, '"').replace("${", "$${").replace("%{", "%%{")
}

/// A single-quoted TypeScript string.
pub(super) fn ts(s: &str) -> String {
    escaped(s, '\'')
}

/// A word for a POSIX shell: plain values bare, anything else single-quoted.
pub(super) fn shell(v: &str) -> String {
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-+:/=".contains(&b)) {
        v.to_string()
    } else {
        format!("'{}'", v.replace('\'', r"'\''"))
    }
}

/// `{"key":{"K":"V",…}}`.
pub(super) fn json_object(key: &str, entries: &[(&str, String)]) -> String {
    let body: Vec<String> = entries
        .iter()
        .map(|(k, v)| format!("{}:{}", json(k), json(v)))
        .collect();
    format!("{{{}:{{{}}}}}", json(key), body.join(","))
}

/// Safe to show inside a comment line: printable ASCII only.
pub(super) fn comment_safe(s: &str) -> bool {
    s.bytes().all(|b| (0x20..0x7f).contains(&b))
}
