//! The files a command reads or writes (`--settings-from`, `data import --out`), handed in by the caller:
//! `src/main.rs` passes the disk, tests pass files in memory, and the CLI itself does no IO.

/// Reads and writes whole text files by path; errors are one line naming the path.
pub trait Files {
    fn read(&self, path: &str) -> Result<String, String>;
    fn write(&self, path: &str, text: &str) -> Result<(), String>;
}

/// No files: every read and write is refused (the CLI as a pure function of its arguments).
pub struct NoFiles;

impl Files for NoFiles {
    fn read(&self, path: &str) -> Result<String, String> {
        Err(format!("{path}: this caller reads no files"))
    }

    fn write(&self, path: &str, _text: &str) -> Result<(), String> {
        Err(format!("{path}: this caller writes no files"))
    }
}
