//! `socklab check ID --watch -- COMMAND...`: check again on every save.
//!
//! The files watched are the arguments of the command that name existing
//! files (`my_client.py` in `python3 my_client.py`). Their folders are
//! watched rather than the files themselves, through the notify crate
//! (inotify(7) on Linux): many editors save by writing a new file and
//! renaming it over the old one, and a watch on the old file would see
//! nothing after the first save. Events for other files in those folders
//! are ignored, and a burst of events from one save (an editor writes,
//! then sets attributes) becomes one check: events that arrive while the
//! check runs, or within 100 ms of the first one, are taken together.
//!
//! Ctrl-C ends watching the way it ends every socklab command: the signal
//! thread ([`crate::cleanup`]) kills and reaps the student's program if a
//! check is running, and socklab exits with 130.

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};

use crate::tr;

/// How long after a file event other events are taken as the same save.
const SETTLE: Duration = Duration::from_millis(100);

/// Why watching could not start.
#[derive(Debug)]
pub enum WatchError {
    NoFiles,
    Watch {
        path: PathBuf,
        source: notify::Error,
    },
}

impl fmt::Display for WatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            WatchError::NoFiles => tr!(
                "watch-no-files",
                "nothing to watch: no argument of the command names a file; put your program's file after `--` (`-- python3 my_client.py`)"
            ),
            WatchError::Watch { path, source } => tr!(
                "watch-cannot",
                "cannot watch {path}: {error}",
                path = path.display(),
                error = source
            ),
        })
    }
}

impl std::error::Error for WatchError {}

/// The files named on the command line, made absolute.
pub fn watched_files(command: &[String]) -> BTreeSet<PathBuf> {
    command
        .iter()
        .map(Path::new)
        .filter(|path| path.is_file())
        .filter_map(|path| std::path::absolute(path).ok())
        .collect()
}

/// Runs `check` once, then again after every save of a watched file, until
/// the process is stopped (Ctrl-C). Returns only when watching fails.
pub fn watch(command: &[String], mut check: impl FnMut()) -> WatchError {
    let files = watched_files(command);
    if files.is_empty() {
        return WatchError::NoFiles;
    }
    let (events, saves) = mpsc::channel();
    let mut watcher = match notify::recommended_watcher(events) {
        Ok(watcher) => watcher,
        Err(source) => {
            return WatchError::Watch {
                path: PathBuf::from("."),
                source,
            };
        }
    };
    let folders: BTreeSet<PathBuf> = files
        .iter()
        .filter_map(|file| file.parent().map(Path::to_path_buf))
        .collect();
    for folder in &folders {
        if let Err(source) = watcher.watch(folder, RecursiveMode::NonRecursive) {
            return WatchError::Watch {
                path: folder.clone(),
                source,
            };
        }
    }
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    loop {
        check();
        crate::output::print(format_args!(
            "\n── watching {}: save to check again, Ctrl-C to stop ──\n",
            names.join(", ")
        ));
        // Block until a save of one of the files, then take the rest of
        // its burst.
        loop {
            match saves.recv() {
                Ok(Ok(event)) if is_save(&event, &files) => break,
                Ok(_) => {}
                Err(_) => {
                    return WatchError::Watch {
                        path: folders.iter().next().cloned().unwrap_or_default(),
                        source: notify::Error::generic("the watcher stopped"),
                    };
                }
            }
        }
        while saves.recv_timeout(SETTLE).is_ok() {}
    }
}

/// A change to the contents or the name of one of `files`.
fn is_save(event: &notify::Event, files: &BTreeSet<PathBuf>) -> bool {
    matches!(event.kind, EventKind::Create(_) | EventKind::Modify(_))
        && event.paths.iter().any(|path| files.contains(path))
}
