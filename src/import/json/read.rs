//! The JSON reader behind `Json::parse`: RFC 8259's grammar, byte by byte, with a stack of open arrays and
//! objects instead of recursion, so nesting is bounded by `MAX_DEPTH` and never by the call stack.

use super::{Json, MAX_DEPTH};

/// Reads one JSON text.
pub(super) fn document(text: &str) -> Result<Json, String> {
    Reader { text, at: 0 }.document()
}

/// An array or object being read: its items so far, or its members so far and the key of the value being read.
enum Open {
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>, String),
}

struct Reader<'a> {
    text: &'a str,
    /// Byte offset of the next character.
    at: usize,
}

impl Reader<'_> {
    fn document(&mut self) -> Result<Json, String> {
        let mut open: Vec<Open> = Vec::new();
        loop {
            let mut value = match self.value(&mut open)? {
                Some(v) => v,
                None => continue,
            };
            // A finished value: into its container; each container it closes is finished in turn.
            loop {
                self.skip_space();
                let next = self.peek();
                match open.last_mut() {
                    None if next.is_none() => return Ok(value),
                    None => return Err(self.error("trailing characters")),
                    Some(Open::Arr(items)) => {
                        items.push(value);
                        self.at += 1;
                        match next {
                            Some(b',') => break,
                            Some(b']') => {}
                            None => return Err(self.error("EOF while parsing a list")),
                            _ => return Err(self.error_before("expected `,` or `]`")),
                        }
                    }
                    Some(Open::Obj(members, key)) => {
                        members.push((std::mem::take(key), value));
                        self.at += 1;
                        match next {
                            Some(b',') => {
                                *key = self.key()?;
                                break;
                            }
                            Some(b'}') => {}
                            None => return Err(self.error("EOF while parsing an object")),
                            _ => return Err(self.error_before("expected `,` or `}`")),
                        }
                    }
                }
                value = match open.pop() {
                    Some(Open::Arr(items)) => Json::Arr(items),
                    Some(Open::Obj(members, _)) => Json::Obj(members),
                    None => return Err(self.error("unbalanced")),
                };
            }
        }
    }

    /// Reads a scalar or an empty container (`Some`), or opens a container on `open` (`None`).
    fn value(&mut self, open: &mut Vec<Open>) -> Result<Option<Json>, String> {
        self.skip_space();
        let Some(b) = self.peek() else {
            return Err(self.error("EOF while parsing a value"));
        };
        if matches!(b, b'[' | b'{') {
            if open.len() >= MAX_DEPTH {
                return Err(self.error(&format!("nested more than {MAX_DEPTH} levels deep")));
            }
            self.at += 1;
            self.skip_space();
            let end = if b == b'[' { b']' } else { b'}' };
            if self.peek() == Some(end) {
                self.at += 1;
                return Ok(Some(if b == b'[' {
                    Json::Arr(Vec::new())
                } else {
                    Json::Obj(Vec::new())
                }));
            }
            open.push(if b == b'[' {
                Open::Arr(Vec::new())
            } else {
                Open::Obj(Vec::new(), self.key()?)
            });
            return Ok(None);
        }
        let value = match b {
            b'"' => Json::Str(self.string()?),
            b'-' | b'0'..=b'9' => Json::Num(self.number()?.to_string()),
            b't' => self.word("true", Json::Bool(true))?,
            b'f' => self.word("false", Json::Bool(false))?,
            b'n' => self.word("null", Json::Null)?,
            _ => return Err(self.error("expected value")),
        };
        Ok(Some(value))
    }

    /// `true`, `false` or `null`, its first letter next.
    fn word(&mut self, word: &str, value: Json) -> Result<Json, String> {
        if !self.text[self.at..].starts_with(word) {
            return Err(self.error("expected value"));
        }
        self.at += word.len();
        Ok(value)
    }

    /// An object's key and its colon.
    fn key(&mut self) -> Result<String, String> {
        self.skip_space();
        match self.peek() {
            Some(b'"') => {}
            None => return Err(self.error("EOF while parsing an object")),
            _ => return Err(self.error("key must be a string")),
        }
        let key = self.string()?;
        self.skip_space();
        if self.peek() != Some(b':') {
            return Err(self.error("expected `:`"));
        }
        self.at += 1;
        Ok(key)
    }

    /// A string, its opening quote next.
    fn string(&mut self) -> Result<String, String> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let rest = &self.text.as_bytes()[self.at..];
            let run = rest.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20);
            let Some(run) = run else {
                self.at = self.text.len();
                return Err(self.error("EOF while parsing a string"));
            };
            // The run ends at an ASCII byte, so it is whole characters.
            out.push_str(&self.text[self.at..self.at + run]);
            self.at += run;
            match rest[run] {
                b'"' => {
                    self.at += 1;
                    return Ok(out);
                }
                b'\\' => {
                    self.at += 1;
                    out.push(self.escape()?);
                }
                _ => return Err(self.error("control character (\\u0000-\\u001F) found while parsing a string")),
            }
        }
    }

    /// The character of an escape, its backslash read.
    fn escape(&mut self) -> Result<char, String> {
        let Some(b) = self.peek() else {
            return Err(self.error("EOF while parsing a string"));
        };
        self.at += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode(),
            _ => return Err(self.error_before("invalid escape")),
        };
        Ok(c)
    }

    /// `\uXXXX`, its `\u` read: a surrogate pair is two escapes, and a lone surrogate is an error.
    fn unicode(&mut self) -> Result<char, String> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if !self.text[self.at..].starts_with("\\u") {
                    return Err(self.error("lone leading surrogate in hex escape"));
                }
                self.at += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.error("lone leading surrogate in hex escape"));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(self.error("lone trailing surrogate in hex escape")),
            c => c,
        };
        char::from_u32(code).ok_or_else(|| self.error("invalid unicode code point"))
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let mut n = 0;
        for _ in 0..4 {
            let d = self.peek().and_then(|b| char::from(b).to_digit(16));
            let Some(d) = d else {
                return Err(self.error("invalid escape"));
            };
            n = n * 16 + d;
            self.at += 1;
        }
        Ok(n)
    }

    /// A number's text: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    fn number(&mut self) -> Result<&str, String> {
        let start = self.at;
        self.eat(b'-');
        if !self.eat(b'0') && self.digits() == 0 {
            return Err(self.error("invalid number"));
        }
        if self.eat(b'.') && self.digits() == 0 {
            return Err(self.error("invalid number"));
        }
        if self.eat(b'e') || self.eat(b'E') {
            let _ = self.eat(b'+') || self.eat(b'-');
            if self.digits() == 0 {
                return Err(self.error("invalid number"));
            }
        }
        if self.peek().is_some_and(|b| b.is_ascii_digit()) {
            // `01`: a leading zero.
            return Err(self.error("invalid number"));
        }
        Ok(&self.text[start..self.at])
    }

    fn digits(&mut self) -> usize {
        let n = self.text.as_bytes()[self.at..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        self.at += n;
        n
    }

    fn eat(&mut self, b: u8) -> bool {
        let hit = self.peek() == Some(b);
        if hit {
            self.at += 1;
        }
        hit
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    /// RFC 8259's whitespace: space, tab, line feed, carriage return.
    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// `what at line L column C`, at the character just read.
    fn error_before(&mut self, what: &str) -> String {
        self.at = self.at.saturating_sub(1);
        self.error(what)
    }

    /// `what at line L column C`, at the next character.
    fn error(&self, what: &str) -> String {
        let mut at = self.at.min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        let before = &self.text.as_bytes()[..at];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let start = before.iter().rposition(|&b| b == b'\n').map_or(0, |n| n + 1);
        let column = self.text[start..at].chars().count() + 1;
        format!("{what} at line {line} column {column}")
    }
}
