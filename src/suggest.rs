//! "Did you mean" suggestions: the nearest names by edit distance (optimal string alignment).
//! Used for unknown instance types and unknown setting names.

/// Names longer than this get no suggestions: no instance type or setting comes near, and the edit
/// distance would cost time in proportion to the length.
pub const MAX_NAME_CHARS: usize = 64;

/// Up to `limit` candidates nearest to `wanted`, closest first, ties in candidate order.
/// A candidate qualifies when its distance is at most a third of the longer name (and at least 2),
/// or when it starts with `wanted`, dots aside ("m5xl" finds `m5.xlarge`: people skip the dot).
/// Nothing qualifies for a name over `MAX_NAME_CHARS`.
pub fn nearest<'a>(wanted: &str, candidates: impl Iterator<Item = &'a str>, limit: usize) -> Vec<String> {
    if wanted.chars().count() > MAX_NAME_CHARS {
        return Vec::new();
    }
    let wanted = wanted.to_ascii_lowercase();
    let dotless = |s: &str| s.replace('.', "");
    let wanted_dotless = dotless(&wanted);
    let mut scored: Vec<(usize, &str)> = candidates
        .filter_map(|cand| {
            let lower = cand.to_ascii_lowercase();
            let d = distance(&wanted, &lower);
            let budget = (wanted.len().max(lower.len()) / 3).max(2);
            if d <= budget {
                Some((d, cand))
            } else if !wanted_dotless.is_empty() && dotless(&lower).starts_with(&wanted_dotless) {
                Some((budget + 1 + lower.len() - wanted.len(), cand))
            } else {
                None
            }
        })
        .collect();
    // The `limit` nearest, ties in candidate order: picking the first minimum `limit` times gives what a
    // stable sort then `take(limit)` gives, without a sort's code in the page's wasm (up to 1391 candidates,
    // so not `order::sort_by`'s quadratic insertion).
    let mut out = Vec::with_capacity(limit.min(scored.len()));
    while out.len() < limit {
        let Some(i) = (0..scored.len()).min_by_key(|&i| scored[i].0) else {
            break;
        };
        out.push(scored.remove(i).1.to_string());
    }
    out
}

/// Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

/// A user's name as an error message echoes it: at most `MAX_NAME_CHARS` characters, then "…".
pub fn clip(name: &str) -> String {
    match name.char_indices().nth(MAX_NAME_CHARS) {
        Some((end, _)) => format!("{}…", &name[..end]),
        None => name.to_string(),
    }
}
