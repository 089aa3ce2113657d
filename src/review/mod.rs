//! Review decisions: the `claimlint-review.json` file beside the data.
//!
//! A reviewer decides, per finding fingerprint, that the finding is
//! `confirmed` (a real contradiction, kept as a known issue), `dismissed`
//! (a false alarm) or `resolved` (naming the claim judged wrong); rejects a
//! claim, with a reason, so that every finding resting only on it is
//! settled; and judges two names one person or two, which feeds back into
//! reconciliation as [`NameJudgement`](crate::reconcile::NameJudgement)s.
//!
//! The rooms: [`file`] is the format and what a well-formed file is;
//! [`store`] writes it under a lock, merged with what is on disk;
//! [`migrate`] carries decisions over from the first fingerprint scheme and
//! says what a decision rests on; [`apply`] lays the file over a run's
//! findings; [`judgements`] finds same / not-same judgements that cannot all
//! hold.

pub mod apply;
pub mod file;
pub mod judgements;
pub mod migrate;
pub mod store;

use std::path::{Path, PathBuf};

pub use apply::{Applied, StaleReview};
pub use file::{Decision, EntityJudgement, RejectReason, Rejection, Review, ReviewFile, VERSION};
pub use migrate::{holds, migrate, rests_on};
pub use store::{remove_temporary_files, update, write_atomically};

/// The review file's name; the loader never reads it as data.
pub const REVIEW_FILE: &str = crate::load::REVIEW_FILE;

/// Where the review file is: `--review-file`, else beside the data (inside
/// the first path when it is a directory, else in its directory).
pub fn locate(explicit: Option<&Path>, paths: &[PathBuf]) -> PathBuf {
    if let Some(path) = explicit {
        return path.to_path_buf();
    }
    let first = paths.first().map_or(Path::new("."), PathBuf::as_path);
    let dir = if first.is_dir() {
        first
    } else {
        match first.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        }
    };
    dir.join(REVIEW_FILE)
}

/// Who is reviewing: `--reviewer`, else `git config user.name` (run in
/// `dir`), else the OS user (`$USER`, `$USERNAME`).
pub fn reviewer(explicit: Option<&str>, dir: &Path) -> String {
    if let Some(name) = explicit.map(str::trim).filter(|n| !n.is_empty()) {
        return name.to_string();
    }
    let git = std::process::Command::new("git")
        .args(["config", "user.name"])
        .current_dir(if dir.is_dir() { dir } else { Path::new(".") })
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output();
    if let Ok(output) = git {
        let name = String::from_utf8_lossy(&output.stdout).trim().to_string();
        if output.status.success() && !name.is_empty() {
            return name;
        }
    }
    ["USER", "USERNAME"]
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .map(|v| v.trim().to_string())
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| "unknown".into())
}

/// The current time in UTC as RFC 3339 (`2026-11-22T02:37:16Z`), computed
/// from the system clock with the calendar code in [`crate::date`]: a whole
/// date-time crate for one format string would be more than we need.
pub fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    rfc3339(secs)
}

/// Seconds since the Unix epoch as an RFC 3339 UTC timestamp.
pub fn rfc3339(secs: u64) -> String {
    let days = (secs / 86_400) as i32;
    let rest = secs % 86_400;
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        crate::date::format_day(days),
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_rfc3339_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_700_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(now().len(), 20);
    }
}
