//! A temporary folder that belongs to one lab run.
//!
//! Labs that need files (socket files, uploads, a working directory for
//! commands) get a folder of their own, `<temp dir>/socklab-<lab>-<pid>-<n>`,
//! mode 0700, and must leave nothing behind. Dropping a [`LabFolder`]
//! removes it with everything inside, so a lab that stops half-way (an error
//! returned with `?`) cleans up too.

use std::fs;
use std::io;
use std::os::unix::fs::DirBuilderExt;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

/// How many names to try before giving up (a name is taken only if an
/// earlier process with the same pid left its folder behind).
const ATTEMPTS: u32 = 100;

/// Numbers names within this process (with `--repeat` a lab runs many times
/// in one process).
static NEXT_ID: AtomicU32 = AtomicU32::new(0);

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
        for _ in 0..ATTEMPTS {
            let path = std::env::temp_dir().join(unique_name(lab));
            match builder.create(&path) {
                Ok(()) => return Ok(LabFolder { path }),
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
