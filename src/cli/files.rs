//! The files a command reads or writes (`cluster SPEC.json`, `--settings-from`, `data import --out`), handed
//! in by the caller: `src/main.rs` passes the disk, tests pass files in memory, and the CLI itself does no IO.

/// Reads and writes whole text files by path; errors are one line naming the path.
pub trait Files {
    fn read(&self, path: &str) -> Result<String, String>;
    fn write(&self, path: &str, text: &str) -> Result<(), String>;
}

/// A reading function (`cli::ReadFile`, `cli::no_files`) is a `Files` that writes nothing.
impl<F: Fn(&str) -> Result<String, String>> Files for F {
    fn read(&self, path: &str) -> Result<String, String> {
        self(path)
    }

    fn write(&self, path: &str, _text: &str) -> Result<(), String> {
        Err(format!(
            "cannot write '{}': this caller writes no files",
            crate::suggest::clip(path)
        ))
    }
}
