//! Which exercises a student has passed, in a small file of their own.
//!
//! The file is `$XDG_DATA_HOME/socklab/exercises-done` (the XDG base
//! directory specification's place for a program's data), or
//! `~/.local/share/socklab/exercises-done` when XDG_DATA_HOME is unset:
//! one exercise id a line, added when a check passes. It is a convenience
//! only. A folder that cannot be written (a read-only home, a sandbox)
//! costs the student nothing but the "done" column: socklab says so once
//! and carries on, and a check's exit status never depends on it.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::PathBuf;

/// The file's name inside socklab's data folder.
const FILE_NAME: &str = "exercises-done";

/// Where progress is kept, or `None` when neither XDG_DATA_HOME nor HOME
/// says where.
pub fn location() -> Option<PathBuf> {
    let data_home = std::env::var_os("XDG_DATA_HOME")
        .filter(|value| !value.is_empty())
        .map(PathBuf::from)
        // The specification ignores a relative XDG_DATA_HOME.
        .filter(|path| path.is_absolute())
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|value| !value.is_empty())
                .map(|home| PathBuf::from(home).join(".local/share"))
        })?;
    Some(data_home.join("socklab").join(FILE_NAME))
}

/// The ids of the exercises passed so far (none when there is no file).
pub fn done() -> BTreeSet<String> {
    location()
        .and_then(|path| fs::read_to_string(path).ok())
        .map(|text| {
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

/// Adds `id` to the file. The error says where and why, for a one-line note.
pub fn record(id: &str) -> io::Result<PathBuf> {
    let path = location().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::NotFound,
            "neither XDG_DATA_HOME nor HOME is set",
        )
    })?;
    let mut ids = done();
    if ids.insert(id.to_string()) {
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder)?;
        }
        let text: String = ids.iter().map(|id| format!("{id}\n")).collect();
        // Written whole to a temporary name, then renamed over the old
        // file (rename(2) is atomic): two checks passing at once cannot
        // leave half a file.
        let temporary = path.with_extension(format!("tmp-{}", std::process::id()));
        fs::write(&temporary, text)?;
        fs::rename(&temporary, &path)?;
    }
    Ok(path)
}
