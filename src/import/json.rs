//! A small JSON reader for the importers (RFC 8259), so the page's wasm reads pasted JSON without serde_json's
//! parser (21 KB gzip there). Numbers keep the text they were written with (no float parsing; the integer
//! accessors parse digits with checked arithmetic). An object keeps its members as written; `get` answers with
//! the last of a duplicated key, the one serde_json's `Value` keeps, and `to_text` writes them sorted and once,
//! as serde_json does. (Keeping them sorted, as serde_json's `BTreeMap` does, cost the page's wasm a sort of
//! its own, about 2 KB; `to_text` and `settings`' Helm maps sort through `order::SortedMap`, as the
//! cluster's settings do.)
//!
//! Bounded: arrays and objects nest at most `MAX_DEPTH` deep, read with a stack of open containers rather
//! than recursion; no input makes it panic. A leading BOM is an error here; the importers that accept one trim
//! it first.

mod read;

/// Nesting allowed, as the YAML reader's (`import::yaml`). serde_json's counter stops one level earlier: it
/// refuses 128 nested arrays and reads 127 (`remaining_depth: 128`, refused when it reaches 0).
pub const MAX_DEPTH: usize = 128;

/// A JSON value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Json {
    Null,
    Bool(bool),
    /// The number's text, valid per RFC 8259's grammar (`-0`, `1.5e3`; never `01`, `+1` or `.5`).
    Num(String),
    Str(String),
    Arr(Vec<Json>),
    /// Members in the order written, a duplicated key as often as it is written (`get` takes the last).
    Obj(Vec<(String, Json)>),
}

impl Json {
    /// Reads one JSON text; the error is one line ending `at line L column C` (column in characters).
    pub fn parse(text: &str) -> Result<Json, String> {
        read::document(text)
    }

    /// The member `key` of an object: the last one written, as serde_json's `Value` keeps the last.
    pub fn get(&self, key: &str) -> Option<&Json> {
        self.as_object()?.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The value at an RFC 6901 JSON pointer (`/spec/template/spec`, `/items/0`), as serde_json's `pointer`.
    pub fn pointer(&self, pointer: &str) -> Option<&Json> {
        if pointer.is_empty() {
            return Some(self);
        }
        let mut v = self;
        for token in pointer.strip_prefix('/')?.split('/') {
            let token = token.replace("~1", "/").replace("~0", "~");
            v = match v {
                Json::Obj(_) => v.get(&token)?,
                Json::Arr(items) => items.get(index(&token)?)?,
                _ => return None,
            };
        }
        Some(v)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Arr(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&[(String, Json)]> {
        match self {
            Json::Obj(members) => Some(members),
            _ => None,
        }
    }

    pub fn is_object(&self) -> bool {
        matches!(self, Json::Obj(_))
    }

    /// A number written as a whole number from 0 to `u64::MAX` (`3`, not `3.0` or `3e0`, as serde_json's
    /// `as_u64`).
    pub fn as_u64(&self) -> Option<u64> {
        let digits = self.integer().filter(|t| !t.starts_with('-'))?;
        let mut n: u64 = 0;
        for b in digits.bytes() {
            n = n.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
        }
        Some(n)
    }

    /// A whole number from `i64::MIN` to `i64::MAX`.
    pub fn as_i64(&self) -> Option<i64> {
        let digits = self.integer()?;
        let (negative, digits) = match digits.strip_prefix('-') {
            Some(d) => (true, d),
            None => (false, digits),
        };
        let mut n: i64 = 0;
        for b in digits.bytes() {
            let d = i64::from(b - b'0');
            n = n.checked_mul(10)?;
            n = if negative { n.checked_sub(d)? } else { n.checked_add(d)? };
        }
        Some(n)
    }

    /// A number's text when it has no fraction or exponent (its grammar is already checked).
    fn integer(&self) -> Option<&str> {
        match self {
            Json::Num(t) if !t.bytes().any(|b| matches!(b, b'.' | b'e' | b'E')) => Some(t),
            _ => None,
        }
    }

    /// The value as compact JSON, written as serde_json's `to_string` writes it (numbers as their text).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    /// Recursion here is bounded: a `Json` is at most `MAX_DEPTH` deep, from this reader or the YAML one.
    fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Num(t) => out.push_str(t),
            Json::Str(s) => write_str(s, out),
            Json::Arr(items) => {
                out.push('[');
                for (n, v) in items.iter().enumerate() {
                    if n > 0 {
                        out.push(',');
                    }
                    v.write(out);
                }
                out.push(']');
            }
            Json::Obj(members) => {
                // Sorted by key, a duplicated key once with its last value, as serde_json's map writes them.
                let mut sorted = crate::order::SortedMap::new();
                for (k, v) in members {
                    sorted.insert(k.clone(), v.to_text());
                }
                out.push('{');
                for (n, (k, v)) in sorted.iter().enumerate() {
                    if n > 0 {
                        out.push(',');
                    }
                    write_str(k, out);
                    out.push(':');
                    out.push_str(v);
                }
                out.push('}');
            }
        }
    }
}

/// An array index in a pointer: digits, no leading zero (as serde_json's `parse_index`).
fn index(token: &str) -> Option<usize> {
    if token.is_empty() || !token.bytes().all(|b| b.is_ascii_digit()) || (token.len() > 1 && token.starts_with('0')) {
        return None;
    }
    token.parse().ok()
}

/// A string as serde_json writes it: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other controls as `\u00xx`.
fn write_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c < ' ' => {
                out.push_str("\\u00");
                let b = c as u8;
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xf)]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

const HEX: &[u8; 16] = b"0123456789abcdef";
