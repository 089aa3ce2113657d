//! Writing the review file without losing a decision: every change is made
//! under a lock, to the file as it is on disk at that moment (what another
//! reviewer, or a `git pull`, wrote since it was read), and written
//! atomically.
//!
//! The lock is advisory (`flock` on Unix, `LockFileEx` on Windows) and held
//! on the review file's directory on Unix, so nothing is left behind; on
//! other systems on a hidden `.claimlint-review.lock` beside the file. A
//! write's temporary file is registered while it exists, so that an
//! interrupted process can remove it ([`remove_temporary_files`]).

use std::fs::File;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context as _, Result};
use fs4::FileExt;

use super::ReviewFile;

/// Temporary files being written, removed by [`remove_temporary_files`].
static TEMPORARY: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes the temporary files of writes in progress: for a handler of an
/// interruption (SIGINT, SIGTERM) before the process exits.
pub fn remove_temporary_files() {
    let paths = match TEMPORARY.lock() {
        Ok(mut paths) => std::mem::take(&mut *paths),
        Err(poisoned) => std::mem::take(&mut *poisoned.into_inner()),
    };
    for path in paths {
        let _ = std::fs::remove_file(path);
    }
}

fn register(path: &Path, add: bool) {
    let mut paths = TEMPORARY.lock().unwrap_or_else(|p| p.into_inner());
    if add {
        paths.push(path.to_path_buf());
    } else {
        paths.retain(|p| p != path);
    }
}

/// Changes the review file at `path` under its lock: reads what is on disk
/// now, lets `change` apply the caller's decisions to it, and writes the
/// result atomically before the lock is released. What `change` returns.
pub fn update<T>(path: &Path, change: impl FnOnce(&mut ReviewFile) -> Result<T>) -> Result<T> {
    let _lock = Lock::acquire(path)?;
    let mut file = ReviewFile::read(path)?;
    let out = change(&mut file)?;
    write_atomically(path, file.to_text()?.as_bytes())?;
    Ok(out)
}

/// An exclusive lock on the review file, released when dropped.
struct Lock {
    file: File,
}

impl Lock {
    fn acquire(review: &Path) -> Result<Lock> {
        let dir = parent_dir(review);
        let file = lock_file(dir, review)?;
        // Called through the trait: std's own `File::lock` needs Rust 1.89.
        FileExt::lock(&file)
            .with_context(|| format!("cannot lock the review file {}", review.display()))?;
        Ok(Lock { file })
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = FileExt::unlock(&self.file);
    }
}

#[cfg(unix)]
fn lock_file(dir: &Path, review: &Path) -> Result<File> {
    // The directory itself: the review file is replaced by a rename, so a
    // lock on it would be on a file that is gone; a lock file would stay.
    File::open(dir).with_context(|| {
        format!(
            "cannot open {} to lock the review file {}",
            dir.display(),
            review.display()
        )
    })
}

#[cfg(not(unix))]
fn lock_file(dir: &Path, review: &Path) -> Result<File> {
    let path = dir.join(".claimlint-review.lock");
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| {
            format!(
                "cannot create {} to lock the review file {}",
                path.display(),
                review.display()
            )
        })
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Writes `bytes` to `path` so that a reader sees the old file or the new
/// one, never half of either: a temporary file in the same directory,
/// flushed to disk, then renamed over the old one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = parent_dir(path);
    let mut temp = tempfile::Builder::new()
        .prefix(".claimlint-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    let temp_path = temp.path().to_path_buf();
    register(&temp_path, true);
    let written = fill(&mut temp, path, bytes).and_then(|()| {
        temp.persist(path)
            .map(drop)
            .map_err(|err| err.error)
            .with_context(|| format!("cannot write {}", path.display()))
    });
    register(&temp_path, false);
    written
}

fn fill(temp: &mut tempfile::NamedTempFile, path: &Path, bytes: &[u8]) -> Result<()> {
    // A temporary file is private (0600); the result should be readable
    // like any file the user writes: keep the old file's mode, else 0644.
    let permissions = match std::fs::metadata(path) {
        Ok(meta) => Some(meta.permissions()),
        Err(_) => default_permissions(),
    };
    if let Some(permissions) = permissions {
        temp.as_file()
            .set_permissions(permissions)
            .with_context(|| format!("cannot set permissions of {}", temp.path().display()))?;
    }
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .with_context(|| format!("cannot write {}", temp.path().display()))
}

#[cfg(unix)]
fn default_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt as _;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<std::fs::Permissions> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rejection() -> super::super::Rejection {
        super::super::Rejection {
            reason: super::super::RejectReason::Duplicate,
            note: String::new(),
            who: "w".into(),
            when: "t".into(),
        }
    }

    #[test]
    fn writing_is_atomic_and_leaves_no_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(super::super::REVIEW_FILE);
        update(&path, |_| Ok(())).unwrap();
        update(&path, |file| {
            file.rejected.insert("c".into(), rejection());
            Ok(())
        })
        .unwrap();
        assert!(ReviewFile::read(&path).unwrap().rejected.contains_key("c"));
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(
            names,
            vec![std::ffi::OsString::from(super::super::REVIEW_FILE)]
        );
    }

    #[test]
    fn threads_updating_at_once_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(super::super::REVIEW_FILE);
        std::thread::scope(|scope| {
            for t in 0..4 {
                let path = &path;
                scope.spawn(move || {
                    for i in 0..10 {
                        update(path, |file| {
                            file.rejected.insert(format!("{t}-{i}"), rejection());
                            Ok(())
                        })
                        .unwrap();
                    }
                });
            }
        });
        assert_eq!(ReviewFile::read(&path).unwrap().rejected.len(), 40);
    }
}
