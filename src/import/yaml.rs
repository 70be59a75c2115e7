//! YAML documents as JSON values (`Json`), for the settings importer (CLI only: the page's wasm leaves the parser
//! out for its size budget and reads JSON). `yaml-rust2`'s event parser (iterative, so no stack to overflow)
//! feeds a builder that reads the way Helm and kubectl do (sigs.k8s.io/yaml, i.e. go-yaml v2, YAML 1.1):
//! `yes`/`no`/`on`/`off`/`y`/`n` are booleans and `<<` merge keys are expanded. Every document of a
//! multi-document manifest comes back, in order.
//!
//! Bounded: nesting deeper than `MAX_DEPTH` (serde_json's own limit) and more than `MAX_NODES` nodes
//! (aliases counted as the nodes they expand to, so a 300-byte "billion laughs" is refused at once) are
//! refused with one line.

use super::json::Json;
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::TScalarStyle;
use yaml_rust2::Yaml;

/// Nesting allowed, as serde_json's recursion limit.
pub const MAX_DEPTH: usize = 128;
/// Nodes allowed, aliases expanded: the released manifest has a few thousand.
pub const MAX_NODES: usize = 200_000;

/// Every document of `text`, as JSON values. Integers and booleans stay typed; other scalars are strings
/// (a float keeps the text it was written with, so `1.10` stays `1.10`).
pub fn documents(text: &str) -> Result<Vec<Json>, String> {
    let mut parser = Parser::new_from_str(text);
    let mut b = Builder::default();
    loop {
        let (event, _) = parser.next_token().map_err(|e| format!("not YAML or JSON: {e}"))?;
        if event == Event::StreamEnd {
            return Ok(b.docs);
        }
        b.event(event)?;
    }
}

/// A value with its size: nodes in it and its height.
#[derive(Clone)]
struct Sized {
    value: Json,
    nodes: usize,
    height: usize,
}

/// An open sequence or mapping: its anchor, its items (a mapping's alternate key, value), which keys are
/// `<<`, and its size so far.
#[derive(Default)]
struct Frame {
    map: bool,
    anchor: usize,
    items: Vec<Json>,
    merges: Vec<usize>,
    nodes: usize,
    height: usize,
}

#[derive(Default)]
struct Builder {
    docs: Vec<Json>,
    stack: Vec<Frame>,
    anchors: std::collections::HashMap<usize, Sized>,
    nodes: usize,
}

impl Builder {
    fn event(&mut self, event: Event) -> Result<(), String> {
        match event {
            Event::Scalar(text, style, anchor, _) => {
                let merge = style == TScalarStyle::Plain && text == "<<";
                let value = scalar(text, style);
                self.done(
                    anchor,
                    merge,
                    Sized {
                        value,
                        nodes: 1,
                        height: 0,
                    },
                )
            }
            Event::Alias(id) => {
                let s = self.anchors.get(&id).cloned().unwrap_or(Sized {
                    value: Json::Null,
                    nodes: 1,
                    height: 0,
                });
                self.done(0, false, s)
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if self.stack.len() >= MAX_DEPTH {
                    return Err(too_deep());
                }
                let map = matches!(event, Event::MappingStart(..));
                self.stack.push(Frame {
                    map,
                    anchor,
                    ..Frame::default()
                });
                Ok(())
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let f = self.stack.pop().ok_or("not YAML: an unbalanced collection")?;
                let value = if f.map {
                    mapping(f.items, &f.merges)
                } else {
                    Json::Arr(f.items)
                };
                let sized = Sized {
                    value,
                    nodes: f.nodes + 1,
                    height: f.height + 1,
                };
                self.done(f.anchor, false, sized)
            }
            _ => Ok(()),
        }
    }

    /// A finished node: counted, kept under its anchor, added to the open collection or as a document.
    fn done(&mut self, anchor: usize, merge: bool, s: Sized) -> Result<(), String> {
        self.nodes = self.nodes.saturating_add(s.nodes);
        if self.nodes > MAX_NODES {
            return Err(format!(
                "not read: more than {MAX_NODES} YAML nodes once aliases are expanded"
            ));
        }
        if self.stack.len() + s.height > MAX_DEPTH {
            return Err(too_deep());
        }
        if anchor > 0 {
            self.anchors.insert(anchor, s.clone());
        }
        match self.stack.last_mut() {
            Some(f) => {
                if merge && f.map && f.items.len() % 2 == 0 {
                    f.merges.push(f.items.len());
                }
                f.nodes += s.nodes;
                f.height = f.height.max(s.height);
                f.items.push(s.value);
            }
            None => self.docs.push(s.value),
        }
        Ok(())
    }
}

fn too_deep() -> String {
    format!("not read: YAML nested more than {MAX_DEPTH} levels deep")
}

/// A mapping from its alternate keys and values, in order, so a later key wins as in go-yaml v2; a `<<` key
/// merges its mapping (or each mapping of its list, the first winning) at its place.
fn mapping(items: Vec<Json>, merges: &[usize]) -> Json {
    let mut members = Vec::new();
    let mut it = items.into_iter().enumerate();
    while let (Some((i, k)), Some((_, v))) = (it.next(), it.next()) {
        if merges.contains(&i) {
            let sources = match v {
                Json::Arr(list) => list,
                one => vec![one],
            };
            for source in sources.into_iter().rev() {
                if let Json::Obj(o) = source {
                    members.extend(o);
                }
            }
        } else {
            members.push((key_text(k), v));
        }
    }
    Json::Obj(members)
}

fn key_text(k: Json) -> String {
    match k {
        Json::Str(s) => s,
        Json::Null => "null".to_string(),
        other => other.to_text(),
    }
}

/// A scalar as go-yaml v2 resolves it: a quoted or block scalar is a string; a plain one may be null, a
/// YAML 1.1 boolean, an integer, or text (a float keeps its text).
fn scalar(text: String, style: TScalarStyle) -> Json {
    if style != TScalarStyle::Plain {
        return Json::Str(text);
    }
    match text.as_str() {
        "y" | "Y" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" => return Json::Bool(true),
        "n" | "N" | "no" | "No" | "NO" | "off" | "Off" | "OFF" => return Json::Bool(false),
        _ => {}
    }
    match Yaml::from_str(&text) {
        Yaml::Integer(i) => Json::Num(i.to_string()),
        Yaml::Boolean(b) => Json::Bool(b),
        Yaml::Null => Json::Null,
        _ => Json::Str(text),
    }
}
