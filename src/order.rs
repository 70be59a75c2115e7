//! A stable insertion sort for the short lists the core sorts (the advisor's handful of alternatives, a
//! search's eight names, a link's keys). Each `sort_by_key` call site of the standard library compiles its
//! own driftsort and small-sort into the page's wasm (1 to 4 KB each); this one is a few hundred bytes.
//! Quadratic: only for lists of a few dozen.

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
