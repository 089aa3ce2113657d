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
    remove_leftovers(path);
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
/// one, never half of either: a temporary file in the same directory
/// (hidden, named for `path` and this process: `.NAME.PID.tmp`), flushed to
/// disk, then renamed over the old one. The temporary file is registered
/// before it exists, so an interruption at any point can remove it.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let temp = temporary_path(path, std::process::id());
    register(&temp, true);
    let written = fill(&temp, path, bytes).and_then(|()| {
        std::fs::rename(&temp, path).with_context(|| format!("cannot write {}", path.display()))
    });
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    register(&temp, false);
    written
}

/// The temporary file a write of `path` by process `pid` uses.
fn temporary_path(path: &Path, pid: u32) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "claimlint".into(), |n| n.to_string_lossy());
    parent_dir(path).join(format!(".{name}.{pid}.tmp"))
}

/// Removes what a killed writer left of its temporary file of `path`: called
/// under the lock, when no other writer's can exist.
fn remove_leftovers(path: &Path) {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let prefix = format!(".{name}.");
    let Ok(entries) = std::fs::read_dir(parent_dir(path)) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let pid = file
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"));
        if pid.is_some_and(|pid| pid.bytes().all(|b| b.is_ascii_digit())) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn fill(temp: &Path, path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(temp)
        .with_context(|| format!("cannot create {}", temp.display()))?;
    // The result should be readable like any file the user writes: keep
    // the old file's mode, else 0644.
    let permissions = match std::fs::metadata(path) {
        Ok(meta) => Some(meta.permissions()),
        Err(_) => default_permissions(),
    };
    if let Some(permissions) = permissions {
        file.set_permissions(permissions)
            .with_context(|| format!("cannot set permissions of {}", temp.display()))?;
    }
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .with_context(|| format!("cannot write {}", temp.display()))
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
    fn a_killed_writer_s_temporary_file_is_removed_by_the_next_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(super::super::REVIEW_FILE);
        let left = temporary_path(&path, 4_000_000);
        std::fs::write(&left, "half").unwrap();
        std::fs::write(dir.path().join(".other.1.tmp"), "not ours").unwrap();
        update(&path, |_| Ok(())).unwrap();
        assert!(!left.exists());
        assert!(dir.path().join(".other.1.tmp").exists());
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
