//! The web entry point.
fn main() {}
