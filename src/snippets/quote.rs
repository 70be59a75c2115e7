//! Quoting a user's value for each language a snippet is written in, so that it arrives byte for byte.
//! The characters that editors, YAML line breaking or JavaScript line terminators would mangle (C0 and C1
//! controls, DEL, U+2028, U+2029, the BOM) are written as `\uXXXX` escapes wherever the language has them.

use serde_json::ser::{CharEscape, Formatter};
use std::io;

/// Needs a `\uXXXX` escape in a quoted string: controls, DEL, C1 (NEL included), line and paragraph
/// separators, BOM.
fn unprintable(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// `s` between `quote` characters, escaped by `serde_json` with `\\`, `\<quote>` and `\uXXXX` (never `\n` or
/// `\b`, which HCL lacks): valid JSON, YAML double-quoted, HCL and TypeScript string syntax.
fn escaped(s: &str, quote: char) -> String {
    let mut buf = Vec::new();
    // Serialising a `&str` into a `Vec` cannot fail, and serde_json writes UTF-8.
    let _ = serde::Serialize::serialize(s, &mut serde_json::Serializer::with_formatter(&mut buf, Quoted(quote)));
    String::from_utf8(buf).unwrap_or_default()
}

/// serde_json's string writer with `self.0` as the quote and every other escape as `\uXXXX`.
struct Quoted(char);

impl Formatter for Quoted {
    fn begin_string<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        write!(w, "{}", self.0)
    }

    fn end_string<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        write!(w, "{}", self.0)
    }

    /// The characters serde_json passes through: the quote when it is not `"`, and the unprintable ones.
    fn write_string_fragment<W: ?Sized + io::Write>(&mut self, w: &mut W, fragment: &str) -> io::Result<()> {
        for c in fragment.chars() {
            if unprintable(c) {
                write!(w, "\\u{:04x}", u32::from(c))?;
            } else if c == self.0 {
                write!(w, "\\{c}")?;
            } else {
                w.write_all(c.encode_utf8(&mut [0; 4]).as_bytes())?;
            }
        }
        Ok(())
    }

    fn write_char_escape<W: ?Sized + io::Write>(&mut self, w: &mut W, e: CharEscape) -> io::Result<()> {
        let c = match e {
            CharEscape::ReverseSolidus => return w.write_all(b"\\\\"),
            CharEscape::Quote if self.0 == '"' => return w.write_all(b"\\\""),
            CharEscape::Quote => return w.write_all(b"\""),
            CharEscape::Solidus => return w.write_all(b"/"),
            CharEscape::Backspace => 0x08,
            CharEscape::FormFeed => 0x0c,
            CharEscape::LineFeed => 0x0a,
            CharEscape::CarriageReturn => 0x0d,
            CharEscape::Tab => 0x09,
            CharEscape::AsciiControl(b) => b,
        };
        write!(w, "\\u{c:04x}")
    }
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
