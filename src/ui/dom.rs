//! Elements built by small out-of-line calls instead of `html!`, which inlines every element's
//! construction into its view (about 330 bytes of wasm per element here; Summary went from 14.1 KB to
//! 4.4 KB of wasm). The same virtual DOM, so the same page:
//!
//! ```text
//! let mut h = H::new();
//! h.open("tr", NONE).text("th", ROW, "Pods").num("td", NUM, 5).close();
//! h.finish() // <tr><th scope="row">Pods</th><td class="num">5</td></tr>
//! ```
//!
//! Views use `H` for their skeleton and keep `html!` (through `H::node`) where an element carries
//! listeners, refs, keys or a component.

use yew::virtual_dom::listeners::Listeners;
use yew::virtual_dom::{AttrValue, AttributeOrProperty, Attributes, VList, VTag, VText};
use yew::Html;

/// An element's attributes when they never change: `&[("class", S("card"))]`.
pub type Attrs = &'static [(&'static str, AttributeOrProperty)];

pub use yew::virtual_dom::AttributeOrProperty::Static as S;

/// No attributes.
pub const NONE: Attrs = &[];
/// `scope="row"`, for a table's row headers.
pub const ROW: Attrs = &[("scope", S("row"))];
/// `scope="col"`, for a table's column headers.
pub const COL: Attrs = &[("scope", S("col"))];
/// `class="num"`, for a number cell.
pub const NUM: Attrs = &[("class", S("num"))];

#[inline(never)]
fn tag(name: &'static str, attributes: Attributes, children: Html) -> Html {
    VTag::__new_other(
        AttrValue::Static(name),
        Default::default(),
        None,
        attributes,
        Listeners::None,
        children,
    )
    .into()
}

/// `<name …attrs>children</name>`.
#[inline(never)]
pub fn el(name: &'static str, attrs: Attrs, children: Vec<Html>) -> Html {
    tag(
        name,
        Attributes::Static(attrs),
        VList::with_children(children, None).into(),
    )
}

/// `<name …attrs>{text}</name>` with fixed text.
#[inline(never)]
pub fn text(name: &'static str, attrs: Attrs, text: &'static str) -> Html {
    tag(
        name,
        Attributes::Static(attrs),
        VText::new(AttrValue::Static(text)).into(),
    )
}

/// `<name …attrs>{text}</name>` with computed text.
#[inline(never)]
pub fn owned(name: &'static str, attrs: Attrs, text: String) -> Html {
    tag(
        name,
        Attributes::Static(attrs),
        VText::new(AttrValue::from(text)).into(),
    )
}

/// Fixed text as a node.
#[inline(never)]
pub fn t(text: &'static str) -> Html {
    VText::new(AttrValue::Static(text)).into()
}

/// Computed text as a node.
#[inline(never)]
pub fn s(text: String) -> Html {
    VText::new(AttrValue::from(text)).into()
}

/// A view written top to bottom: `open` an element, add its children, `close` it. Each call is a
/// small out-of-line function, so a view's code is a list of calls with constant arguments.
pub struct H {
    frames: Vec<Frame>,
}

struct Frame {
    name: &'static str,
    attrs: Attrs,
    kids: Vec<Html>,
}

impl Default for H {
    fn default() -> Self {
        Self::new()
    }
}

impl H {
    #[inline(never)]
    pub fn new() -> Self {
        H {
            frames: vec![Frame {
                name: "",
                attrs: NONE,
                kids: Vec::new(),
            }],
        }
    }

    #[inline(never)]
    fn push(&mut self, node: Html) -> &mut Self {
        if let Some(f) = self.frames.last_mut() {
            f.kids.push(node);
        }
        self
    }

    /// `<name …attrs>`: what follows goes inside, up to the matching `close`.
    #[inline(never)]
    pub fn open(&mut self, name: &'static str, attrs: Attrs) -> &mut Self {
        self.frames.push(Frame {
            name,
            attrs,
            kids: Vec::new(),
        });
        self
    }

    /// `</name>`.
    #[inline(never)]
    pub fn close(&mut self) -> &mut Self {
        if self.frames.len() > 1 {
            if let Some(f) = self.frames.pop() {
                return self.push(el(f.name, f.attrs, f.kids));
            }
        }
        self
    }

    /// `<name …attrs>{text}</name>`.
    #[inline(never)]
    pub fn text(&mut self, name: &'static str, attrs: Attrs, s: &'static str) -> &mut Self {
        self.push(text(name, attrs, s))
    }

    /// `<name …attrs>{text}</name>` with computed text.
    #[inline(never)]
    pub fn owned(&mut self, name: &'static str, attrs: Attrs, s: String) -> &mut Self {
        self.push(owned(name, attrs, s))
    }

    /// `<name …attrs>{n}</name>`.
    #[inline(never)]
    pub fn num(&mut self, name: &'static str, attrs: Attrs, n: i64) -> &mut Self {
        self.push(owned(name, attrs, n.to_string()))
    }

    /// Fixed text.
    #[inline(never)]
    pub fn t(&mut self, s: &'static str) -> &mut Self {
        self.push(t(s))
    }

    /// Computed text.
    #[inline(never)]
    pub fn s(&mut self, text: String) -> &mut Self {
        self.push(s(text))
    }

    /// Any node, e.g. a component or an element built with `html!`.
    #[inline(never)]
    pub fn node(&mut self, node: Html) -> &mut Self {
        self.push(node)
    }

    /// The view: everything added outside any element (closing what is left open).
    #[inline(never)]
    pub fn finish(&mut self) -> Html {
        while self.frames.len() > 1 {
            self.close();
        }
        let kids = self.frames.pop().map(|f| f.kids).unwrap_or_default();
        VList::with_children(kids, None).into()
    }
}
