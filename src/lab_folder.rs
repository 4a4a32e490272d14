//! A temporary folder that belongs to one lab run.
//!
//! Labs that need files (socket files, uploads, a working directory for
//! commands) get a folder of their own, `<temp dir>/socklab-<lab>-<pid>-<n>`,
//! mode 0700, and must leave nothing behind. Dropping a [`LabFolder`]
//! removes it with everything inside, so a lab that stops half-way (an error
//! returned with `?`) cleans up too.
//!
//! A signal gives no destructor the chance to run (see [`crate::cleanup`]),
//! so every folder is also in a register from the moment it is created until
//! its owner has removed it, and `remove_all` removes whatever is in it.

use std::fs;
use std::io;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// How many names to try before giving up (a name is taken only if an
/// earlier process with the same pid left its folder behind).
const ATTEMPTS: u32 = 100;

/// Numbers names within this process (with `--repeat` a lab runs many times
/// in one process).
static NEXT_ID: AtomicU32 = AtomicU32::new(0);

/// Every lab folder that exists now.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// How many times [`remove_all`] tries a folder that another thread is
/// still writing into (rmdir(2) fails with ENOTEMPTY while it does).
const REMOVE_ATTEMPTS: u32 = 100;

fn live() -> MutexGuard<'static, Vec<PathBuf>> {
    LIVE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// `socklab-<lab>-<pid>-<n>`: a name no other run of any lab uses, for
/// folders and for names in other namespaces (e.g. abstract Unix sockets).
pub fn unique_name(lab: u8) -> String {
    format!(
        "socklab-{lab}-{}-{}",
        std::process::id(),
        NEXT_ID.fetch_add(1, Ordering::Relaxed)
    )
}

/// A folder of one lab run's own, removed when dropped.
#[derive(Debug)]
pub struct LabFolder {
    pub path: PathBuf,
}

impl LabFolder {
    /// Creates a new, empty folder for lab number `lab`.
    pub fn create(lab: u8) -> io::Result<LabFolder> {
        let mut builder = fs::DirBuilder::new();
        builder.mode(0o700);
        // Registered while the register is held: a clean-up that starts
        // meanwhile sees this folder, or runs before it exists.
        let mut live = live();
        for _ in 0..ATTEMPTS {
            let path = std::env::temp_dir().join(unique_name(lab));
            match builder.create(&path) {
                Ok(()) => {
                    live.push(path.clone());
                    return Ok(LabFolder { path });
                }
                Err(error) if error.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(error) => return Err(error),
            }
        }
        Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "no free name for the lab's temp folder",
        ))
    }
}

impl Drop for LabFolder {
    fn drop(&mut self) {
        // A lab that checks its own cleanup has removed the folder already,
        // and this finds nothing. On an error path there is nothing better
        // to do with a failure here.
        let _ = fs::remove_dir_all(&self.path);
        live().retain(|path| path != &self.path);
    }
}

/// Removes every registered folder with everything in it, for a socklab
/// that is about to exit, and returns the register still locked, so that
/// no new folder can be created until the process is gone.
pub(crate) fn remove_all() -> MutexGuard<'static, Vec<PathBuf>> {
    let mut live = live();
    for path in live.drain(..) {
        remove(&path);
    }
    live
}

/// remove_dir_all, again while another thread adds files to the folder.
fn remove(path: &Path) {
    for _ in 0..REMOVE_ATTEMPTS {
        match fs::remove_dir_all(path) {
            Ok(()) => return,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return,
            Err(_) => continue,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_unique_private_and_removed_on_drop() -> io::Result<()> {
        let first = LabFolder::create(99)?;
        let second = LabFolder::create(99)?;
        assert_ne!(first.path, second.path);
        let mode = fs::metadata(&first.path)?.permissions();
        assert_eq!(
            std::os::unix::fs::PermissionsExt::mode(&mode) & 0o777,
            0o700
        );
        fs::write(first.path.join("file"), b"x")?;
        let path = first.path.clone();
        drop(first);
        assert!(!path.exists());
        Ok(())
    }
}
