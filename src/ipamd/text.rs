//! Trace text that is written when it is read, not when the run records it: a step keeps the numbers of
//! its decision and calls in a closure and formats them the first time anyone looks (the page shows one
//! step at a time; a plan of thousands of passes need not format thousands of sentences).

use std::fmt;
use std::ops::Deref;
use std::sync::{Arc, OnceLock};

/// A sentence of the trace: a fixed string, or one formatted on first read (and kept). Reads like a
/// `&str` (`Deref`), prints and serialises as the string, and compares by the string.
#[derive(Clone)]
pub struct Text(Repr);

#[derive(Clone)]
enum Repr {
    Fixed(&'static str),
    Owned(String),
    Later(Arc<dyn Format>),
}

/// A closure that writes the sentence, and the sentence once written.
struct Later<F> {
    write: F,
    written: OnceLock<String>,
}

trait Format: Send + Sync {
    fn get(&self) -> &str;
}

impl<F: Fn() -> String + Send + Sync> Format for Later<F> {
    fn get(&self) -> &str {
        self.written.get_or_init(&self.write)
    }
}

impl Text {
    /// The sentence `write` formats, formatted on first read. `write` owns copies of its numbers.
    pub fn later(write: impl Fn() -> String + Send + Sync + 'static) -> Text {
        Text(Repr::Later(Arc::new(Later {
            write,
            written: OnceLock::new(),
        })))
    }

    /// `Text::later(write)` when `tell`, else the empty text (`Detail::Summary` formats nothing).
    pub fn later_if(tell: bool, write: impl Fn() -> String + Send + Sync + 'static) -> Text {
        if tell {
            Text::later(write)
        } else {
            Text::default()
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Fixed(s) => s,
            Repr::Owned(s) => s,
            Repr::Later(l) => l.get(),
        }
    }
}

impl Default for Text {
    fn default() -> Text {
        Text(Repr::Fixed(""))
    }
}

impl From<&'static str> for Text {
    fn from(s: &'static str) -> Text {
        Text(Repr::Fixed(s))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text(Repr::Owned(s))
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}
