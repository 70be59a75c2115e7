//! A stable insertion sort for the short lists the core sorts (the advisor's handful of alternatives, a
//! search's eight names, a link's keys). Each `sort_by_key` call site of the standard library compiles its
//! own driftsort and small-sort into the page's wasm (1 to 4 KB each); this one is a few hundred bytes.
//! Quadratic: only for lists of a few dozen. `SortedMap`: strings by key, kept in key order.

use std::cmp::Ordering;

/// Sorts `v` by `cmp`, keeping equal elements in their order.
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && cmp(&v[j - 1], &v[j]) == Ordering::Greater {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Sorts `v` by `key`, keeping equal elements in their order.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Strings by key, kept in key order, one value per key: what the core used `BTreeMap<String, String>`
/// for (a cluster's settings, a map written or read in key order). A sorted vector: a few dozen entries, and
/// the page's wasm carries no B-tree code for it. Inserting a key again replaces its value, as a map does;
/// serde reads and writes it as a map.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SortedMap(Vec<(String, String)>);

impl SortedMap {
    pub fn new() -> SortedMap {
        SortedMap(Vec::new())
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    /// Sets `key` to `value`, replacing an earlier value.
    pub fn insert(&mut self, key: String, value: String) {
        match self.find(&key) {
            Ok(i) => {
                if let Some(slot) = self.0.get_mut(i) {
                    slot.1 = value;
                }
            }
            Err(i) => self.0.insert(i, (key, value)),
        }
    }

    /// Removes `key`, giving back its value.
    pub fn remove(&mut self, key: &str) -> Option<String> {
        let i = self.find(key).ok()?;
        Some(self.0.remove(i).1)
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        let i = self.find(key).ok()?;
        self.0.get(i).map(|(_, v)| v.as_str())
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The entries in key order.
    pub fn iter(&self) -> std::slice::Iter<'_, (String, String)> {
        self.0.iter()
    }

    /// Moves every entry of `other` here, its values winning (`BTreeMap::append`).
    pub fn append(&mut self, other: &mut SortedMap) {
        for (k, v) in std::mem::take(&mut other.0) {
            self.insert(k, v);
        }
    }
}

impl FromIterator<(String, String)> for SortedMap {
    /// Inserted in turn: a key given twice keeps its last value.
    fn from_iter<I: IntoIterator<Item = (String, String)>>(pairs: I) -> SortedMap {
        let mut m = SortedMap::new();
        for (k, v) in pairs {
            m.insert(k, v);
        }
        m
    }
}

impl<'a> IntoIterator for &'a SortedMap {
    type Item = &'a (String, String);
    type IntoIter = std::slice::Iter<'a, (String, String)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl serde::Serialize for SortedMap {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

impl<'de> serde::Deserialize<'de> for SortedMap {
    /// Read as serde reads a `BTreeMap` (a key given twice keeps its last value); only the CLI and the
    /// JavaScript API read specs, so the page carries none of it.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<SortedMap, D::Error> {
        let map = std::collections::BTreeMap::<String, String>::deserialize(d)?;
        Ok(map.into_iter().collect())
    }
}
