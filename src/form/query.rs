//! The URL query round trip: a shareable link holds the fields that differ from a blank form, and a
//! tampered link falls back field by field with a notice.

use super::types::{defined, parse_type_row, type_row, MAX_TYPES, TYPE_KEY};
use super::{Cell, Col, Field, Form, List, MAX_ROWS};

impl Form {
    /// The query string for a shareable link: only values that differ from a blank form. The first group
    /// and subnet rows keep the keys links had before groups (`type`, `pods`, `nodes`, `subnet`, …), so a
    /// one-group cluster's link is the link it always was; other rows are `g1.type`, `s1.subnet`, ….
    pub fn to_query(&self) -> String {
        let blank = Form::blank("");
        let first = Form {
            selected: 0,
            ..self.clone()
        };
        let mut pairs: Vec<(String, String)> = Field::ALL
            .iter()
            .filter(|&&f| f == Field::InstanceType || first.get(f) != blank.get(f))
            .map(|&f| (f.key().to_string(), first.get(f)))
            .collect();
        for list in List::ALL {
            for row in 0..self.rows(list) {
                for &col in list.cols() {
                    let c = Cell { list, row, col };
                    let (key, v) = (c.key(), self.get_cell(c));
                    // A later row always names its type or CIDR, so the row survives the trip.
                    let keeps_row = row > 0 && matches!(col, Col::Type | Col::Cidr);
                    let said = Field::ALL.iter().any(|f| f.key() == key);
                    if !said && (keeps_row || v != Form::blank("").get_cell(Cell { row: 0, ..c })) {
                        pairs.push((key, v));
                    }
                }
            }
        }
        for t in &self.types {
            pairs.push((TYPE_KEY.into(), type_row(t)));
        }
        if self.selected > 0 {
            pairs.push((SELECTED.into(), self.selected.to_string()));
        }
        pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// Restores a form from a query string (with or without `?`). The order of the keys does not matter:
    /// every value is set first, then each field is checked against the whole form, so a field that
    /// applies only with another one (`node_subnet` with `custom`) is judged the same before or after it.
    /// A value that breaks its field's rule falls back to the default for that field alone, with a
    /// notice. The `VIEW_KEYS` are not form fields. Rows past `MAX_ROWS` are unknown keys. Defined instance
    /// types (`itype`) come first, so a field or cell naming one passes; past `MAX_TYPES` they are ignored.
    pub fn from_query(query: &str) -> (Form, Vec<String>) {
        let blank = Form::blank(&Form::initial().group().instance_type);
        let mut form = blank.clone();
        let mut notices = Vec::new();
        let mut given: Vec<(Field, String)> = Vec::new();
        let mut cells: Vec<(Cell, String)> = Vec::new();
        let mut selected = None;
        // `itype` values past `MAX_TYPES`.
        let mut extra_types = 0;
        // Rows past `MAX_ROWS` in the link, per list: the lowest and highest row named.
        let mut beyond: Vec<(List, usize, usize)> = Vec::new();
        for pair in query.trim_start_matches('?').split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let (k, v) = (decode(k), decode(v));
            if VIEW_KEYS.contains(&k.as_str()) {
                continue;
            }
            if k == SELECTED {
                selected = Some(v);
                continue;
            }
            if k == TYPE_KEY {
                match parse_type_row(&v) {
                    Ok(t) if form.types.len() >= MAX_TYPES && !defined(&form.types, &t.name) => extra_types += 1,
                    Ok(t) => form.add_type(t),
                    Err(why) => notices.push(format!("Ignored {TYPE_KEY}={} from the link: {why}.", echo(&v))),
                }
                continue;
            }
            let Some(field) = Field::ALL.into_iter().find(|f| f.key() == k) else {
                match Cell::from_key(&k) {
                    Some(c) => {
                        form.set_cell(c, &v);
                        cells.retain(|(x, _)| *x != c);
                        cells.push((c, v));
                    }
                    None => match past_max_rows(&k) {
                        // One notice per list, after the loop, naming the rule.
                        Some((list, row)) => match beyond.iter_mut().find(|(l, _, _)| *l == list) {
                            Some((_, lo, hi)) => (*lo, *hi) = ((*lo).min(row), (*hi).max(row)),
                            None => beyond.push((list, row, row)),
                        },
                        None => notices.push(format!("Ignored unknown link parameter '{}'.", echo(&k))),
                    },
                }
                continue;
            };
            form.set(field, &v);
            let is_choice = matches!(
                field,
                Field::Mode | Field::Arrival | Field::CustomNetworking | Field::PodEni
            );
            if is_choice && form.get(field) != v {
                notices.push(format!(
                    "Ignored {k}={} from the link: it is not a valid choice.",
                    echo(&v)
                ));
            }
            given.retain(|(f, _)| *f != field);
            given.push((field, v));
        }
        for (list, lo, hi) in beyond {
            // Rows count from 1 on the page (`g20` is the 21st group).
            let (one, many) = match list {
                List::Groups => ("node group", "node groups"),
                List::Subnets => ("subnet", "subnets"),
                List::NodeSubnets => ("node subnet", "node subnets"),
            };
            let rows = if lo == hi {
                format!("{one} {}", lo + 1)
            } else {
                format!("{many} {}–{}", lo + 1, hi + 1)
            };
            notices.push(format!("Ignored {rows} from the link: at most {MAX_ROWS} {many}."));
        }
        if extra_types > 0 {
            notices.push(format!(
                "Ignored {extra_types} more instance types from the link: at most {MAX_TYPES}."
            ));
        }
        if given.is_empty() && cells.is_empty() {
            return (
                Form {
                    types: form.types,
                    ..Form::initial()
                },
                notices,
            );
        }
        for (field, v) in given {
            if let Err(why) = form.check_field(field) {
                form.set(field, &blank.get(field));
                notices.push(format!("Ignored {}={} from the link: {why}.", field.key(), echo(&v)));
            }
        }
        for (c, v) in cells {
            if let Err(why) = super::rows::check_cell(c.col, &v, &form.types) {
                form.set_cell(
                    c,
                    &Form::blank(&blank.group().instance_type).get_cell(Cell { row: 0, ..c }),
                );
                notices.push(format!("Ignored {}={} from the link: {why}.", c.key(), echo(&v)));
            }
        }
        if let Some(v) = selected {
            match v.parse::<usize>() {
                Ok(i) if i < form.groups.len() && v.bytes().all(|b| b.is_ascii_digit()) => form.selected = i,
                _ => notices.push(format!(
                    "Ignored {SELECTED}={} from the link: there is no such group.",
                    echo(&v)
                )),
            }
        }
        (form, notices)
    }
}

/// A key of a row past `MAX_ROWS` (`g20.type`): its list and row, when the same column of row 1 is a
/// cell's key.
fn past_max_rows(key: &str) -> Option<(List, usize)> {
    let (head, col) = key.split_once('.')?;
    let mut chars = head.chars();
    let letter = chars.next()?;
    let digits = chars.as_str();
    if digits.starts_with('0') || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let row: usize = digits.parse().ok()?;
    let cell = Cell::from_key(&format!("{letter}1.{col}"))?;
    (row >= MAX_ROWS).then_some((cell.list, row))
}

/// The link key of the selected group's index.
const SELECTED: &str = "sel";
/// Link keys the page reads for its view, not the form: the embedded layout, the step shown and the
/// open snippet tab.
pub const VIEW_KEYS: [&str; 3] = ["embed", "step", "tab"];

/// A user's value as a message repeats it: at most 64 characters.
fn echo(v: &str) -> String {
    match v.char_indices().nth(ECHO_CHARS) {
        Some((i, _)) => format!("{}…", &v[..i]),
        None => v.to_string(),
    }
}

/// The longest piece of a user's value that a message repeats.
const ECHO_CHARS: usize = 64;

/// The query keys whose values differ between two query strings (with or without `?`), sorted.
/// The page uses it to fold a run of keystrokes in one field into one history entry.
pub fn changed_keys(a: &str, b: &str) -> Vec<String> {
    let pairs = |q: &str| -> Vec<(String, String)> {
        q.trim_start_matches('?')
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (decode(k), decode(v))
            })
            .collect()
    };
    let (a, b) = (pairs(a), pairs(b));
    // Every value of the key, in order: a link repeats `itype`, one per defined type.
    let value = |q: &[(String, String)], k: &str| -> Vec<String> {
        q.iter().filter(|(key, _)| key == k).map(|(_, v)| v.clone()).collect()
    };
    let mut keys: Vec<String> = a
        .iter()
        .chain(&b)
        .map(|(k, _)| k.clone())
        .filter(|k| value(&a, k) != value(&b, k))
        .collect();
    crate::order::sort_by(&mut keys, String::cmp);
    keys.dedup();
    keys
}

/// Percent-encodes everything but unreserved characters and `/`.
pub fn encode(s: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Percent-decodes (and `+` as space); malformed escapes are kept literally.
pub fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => {
                match u8::from_str_radix(std::str::from_utf8(&b[i + 1..i + 3]).unwrap_or("zz"), 16) {
                    Ok(v) => {
                        out.push(v);
                        i += 3;
                        continue;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
