//! Review decisions: the `claimlint-review.json` file beside the data.
//!
//! A reviewer decides, per finding fingerprint, that the finding is
//! `confirmed` (a real contradiction, kept as a known issue), `dismissed`
//! (a false alarm) or `resolved` (naming the claim judged wrong). Entity
//! judgements (two names are, or are not, one person) live in the same file
//! and feed back into reconciliation as [`NameJudgement`]s.
//!
//! The file is pretty JSON sorted by fingerprint, so that it diffs well in
//! version control, and it is always written atomically.

use std::collections::{BTreeMap, HashSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context as _, Result};
use serde::{Deserialize, Serialize};

use crate::finding::Finding;
use crate::reconcile::{Entities, NameJudgement};

/// The review file's name; the loader never reads it as data.
pub const REVIEW_FILE: &str = crate::load::REVIEW_FILE;

/// The format version written into the file.
pub const VERSION: u32 = 1;

/// What a reviewer decided about one finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    /// A real contradiction, kept as a known issue.
    Confirmed,
    /// A false alarm.
    Dismissed,
    /// Settled: one named claim is judged wrong.
    Resolved,
}

impl Decision {
    /// The decision's lowercase name, as the file and output write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Confirmed => "confirmed",
            Decision::Dismissed => "dismissed",
            Decision::Resolved => "resolved",
        }
    }
}

impl std::fmt::Display for Decision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One decision about one finding (the fingerprint is its key in the file).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawReview")]
pub struct Review {
    /// What was decided.
    pub decision: Decision,
    /// The claim judged wrong; present exactly when `decision` is `resolved`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wrong: Option<String>,
    /// Why, in the reviewer's words.
    pub note: String,
    /// Who decided.
    pub who: String,
    /// UTC, RFC 3339.
    pub when: String,
    /// The finding's rule and claim ids, for a human reading the file.
    pub rule: String,
    /// The finding's claim ids, sorted.
    pub claims: Vec<String>,
}

/// The file's shape before the rules between fields are checked; errors
/// raised in the conversion still carry serde_json's line and column.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReview {
    decision: Decision,
    #[serde(default)]
    wrong: Option<String>,
    #[serde(default)]
    note: String,
    who: String,
    when: String,
    #[serde(default)]
    rule: String,
    #[serde(default)]
    claims: Vec<String>,
}

impl TryFrom<RawReview> for Review {
    type Error = String;

    fn try_from(raw: RawReview) -> Result<Review, String> {
        match (raw.decision, &raw.wrong) {
            (Decision::Resolved, None) => {
                return Err(
                    "a `resolved` review needs `wrong`: the id of the claim judged wrong".into(),
                )
            }
            (Decision::Resolved, Some(wrong))
                if !raw.claims.is_empty() && !raw.claims.contains(wrong) =>
            {
                return Err(format!(
                    "`wrong` is `{wrong}`, which is not one of the finding's claims ({})",
                    raw.claims.join(", ")
                ))
            }
            (Decision::Confirmed | Decision::Dismissed, Some(_)) => {
                return Err(format!(
                    "`wrong` belongs to `resolved` reviews, not `{}` ones",
                    raw.decision
                ))
            }
            _ => {}
        }
        Ok(Review {
            decision: raw.decision,
            wrong: raw.wrong,
            note: raw.note,
            who: raw.who,
            when: raw.when,
            rule: raw.rule,
            claims: raw.claims,
        })
    }
}

/// A reviewer's judgement that two names are, or are not, one person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityJudgement {
    /// Sorted, so that `a ~ b` and `b ~ a` are one judgement.
    pub names: [String; 2],
    /// Whether the names are one person.
    pub same: bool,
    #[serde(default)]
    /// Why, in the reviewer's words.
    pub note: String,
    /// Who judged.
    pub who: String,
    /// When: UTC, RFC 3339.
    pub when: String,
}

/// The whole review file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewFile {
    #[serde(default = "version")]
    /// The file format's version.
    pub version: u32,
    /// Decisions keyed (and so sorted) by fingerprint.
    #[serde(default)]
    pub findings: BTreeMap<String, Review>,
    /// Entity judgements, sorted by their names.
    #[serde(default)]
    pub entities: Vec<EntityJudgement>,
}

fn version() -> u32 {
    VERSION
}

impl ReviewFile {
    /// An empty review file of the current version.
    pub fn new() -> Self {
        ReviewFile {
            version: VERSION,
            ..ReviewFile::default()
        }
    }

    /// The judgements reconciliation must respect.
    pub fn name_judgements(&self) -> Vec<NameJudgement> {
        self.entities
            .iter()
            .map(|j| NameJudgement {
                names: j.names.clone(),
                same: j.same,
            })
            .collect()
    }

    /// Records (or replaces) the decision about `fingerprint`.
    pub fn decide(&mut self, fingerprint: &str, review: Review) -> Option<Review> {
        self.findings.insert(fingerprint.to_string(), review)
    }

    /// Records (or replaces) the judgement about two names.
    pub fn judge(&mut self, mut judgement: EntityJudgement) {
        judgement.names.sort();
        match self
            .entities
            .iter_mut()
            .find(|j| j.names == judgement.names)
        {
            Some(existing) => *existing = judgement,
            None => self.entities.push(judgement),
        }
        self.entities.sort_by(|a, b| a.names.cmp(&b.names));
    }

    /// Reads `path`; a missing file is an empty review. A malformed file is
    /// an error that points at `file:line:column`.
    pub fn read(path: &Path) -> Result<ReviewFile> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(ReviewFile::new()),
            Err(err) => return Err(err).with_context(|| format!("cannot read {}", path.display())),
        };
        let mut file: ReviewFile = serde_json::from_str(&text).map_err(|err| {
            // serde_json ends its messages with " at line L column C"; we
            // put the position first, as every other input error does.
            let message = err.to_string();
            let message = match message.rfind(" at line ") {
                Some(cut) => message[..cut].to_string(),
                None => message,
            };
            anyhow!(
                "{}:{}:{}: malformed review file: {message}",
                path.display(),
                err.line(),
                err.column()
            )
        })?;
        for judgement in &mut file.entities {
            judgement.names.sort();
        }
        file.entities.sort_by(|a, b| a.names.cmp(&b.names));
        Ok(file)
    }

    /// The file's text: pretty JSON, sorted, with a trailing newline.
    pub fn to_text(&self) -> Result<String> {
        let mut text =
            serde_json::to_string_pretty(self).context("cannot serialise the review file")?;
        text.push('\n');
        Ok(text)
    }

    /// Writes the file atomically: a temporary file in the same directory,
    /// flushed to disk, then renamed over the old one.
    pub fn write(&self, path: &Path) -> Result<()> {
        write_atomically(path, self.to_text()?.as_bytes())
    }
}

/// Writes `bytes` to `path` so that a reader sees the old file or the new
/// one, never half of either.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".claimlint-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
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
        .with_context(|| format!("cannot write {}", temp.path().display()))?;
    temp.persist(path)
        .map_err(|err| err.error)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
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

/// A decision whose finding no longer exists.
#[derive(Clone, Debug, Serialize)]
pub struct StaleReview<'a> {
    /// The fingerprint the decision was recorded for.
    pub fingerprint: &'a str,
    #[serde(flatten)]
    /// The decision.
    pub review: &'a Review,
}

/// The review file laid over one run's findings.
#[derive(Debug, Default)]
pub struct Applied<'a> {
    /// The review of each finding, parallel to the findings.
    pub by_finding: Vec<Option<&'a Review>>,
    /// Decisions that match no finding (sorted by fingerprint).
    pub stale: Vec<StaleReview<'a>>,
    /// Entity judgements naming a name no claim or record uses.
    pub stale_entities: Vec<&'a EntityJudgement>,
}

impl<'a> Applied<'a> {
    /// Lays `file` over `findings`: each finding's review, the stale decisions
    /// and the stale entity judgements.
    pub fn new(file: &'a ReviewFile, findings: &[Finding], entities: &Entities) -> Applied<'a> {
        let by_finding = findings
            .iter()
            .map(|f| file.findings.get(&f.fingerprint))
            .collect();
        let current: HashSet<&str> = findings.iter().map(|f| f.fingerprint.as_str()).collect();
        let stale = file
            .findings
            .iter()
            .filter(|(fp, _)| !current.contains(fp.as_str()))
            .map(|(fingerprint, review)| StaleReview {
                fingerprint,
                review,
            })
            .collect();
        // Every spelling of a million claims is costly to index: only when
        // there are judgements to check against it.
        let stale_entities = if file.entities.is_empty() {
            Vec::new()
        } else {
            let known: HashSet<&str> = entities
                .list
                .iter()
                .flat_map(|e| e.names.iter().map(String::as_str))
                .collect();
            file.entities
                .iter()
                .filter(|j| j.names.iter().any(|n| !known.contains(n.as_str())))
                .collect()
        };
        Applied {
            by_finding,
            stale,
            stale_entities,
        }
    }

    /// The review of finding `index`, if any.
    pub fn of(&self, index: usize) -> Option<&'a Review> {
        self.by_finding.get(index).copied().flatten()
    }

    /// One line per stale decision, for stderr.
    pub fn stale_notes(&self, file: &Path) -> Vec<String> {
        let mut notes: Vec<String> = self
            .stale
            .iter()
            .map(|s| {
                format!(
                    "note: stale review {} ({} by {}; {} on {}) matches no finding any more; it stays in {} until you remove it",
                    s.fingerprint,
                    s.review.decision,
                    s.review.who,
                    if s.review.rule.is_empty() { "?" } else { &s.review.rule },
                    s.review.claims.join(", "),
                    file.display()
                )
            })
            .collect();
        notes.extend(self.stale_entities.iter().map(|j| {
            format!(
                "note: stale entity judgement `{}` {} `{}`: a name is in no claim or entity record; it stays in {}",
                j.names[0],
                if j.same { "=" } else { "≠" },
                j.names[1],
                file.display()
            )
        }));
        notes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn review(decision: Decision, wrong: Option<&str>) -> Review {
        Review {
            decision,
            wrong: wrong.map(String::from),
            note: "n".into(),
            who: "w".into(),
            when: "2026-01-01T00:00:00Z".into(),
            rule: "r".into(),
            claims: vec!["a".into(), "b".into()],
        }
    }

    #[test]
    fn timestamps_are_rfc3339_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_700_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(now().len(), 20);
    }

    #[test]
    fn the_file_round_trips_sorted() {
        let mut file = ReviewFile::new();
        file.decide("ff", review(Decision::Confirmed, None));
        file.decide("00", review(Decision::Resolved, Some("b")));
        file.judge(EntityJudgement {
            names: ["Zed".into(), "Abe".into()],
            same: false,
            note: String::new(),
            who: "w".into(),
            when: "t".into(),
        });
        let text = file.to_text().unwrap();
        assert!(text.ends_with("}\n"));
        assert!(text.find("\"00\"").unwrap() < text.find("\"ff\"").unwrap());
        assert!(text.contains("\"Abe\",\n        \"Zed\""), "{text}");
        let back: ReviewFile = serde_json::from_str(&text).unwrap();
        assert_eq!(back, file);
    }

    #[test]
    fn resolved_needs_one_of_its_claims() {
        let bad = r#"{"findings": {"x": {"decision": "resolved", "who": "w", "when": "t", "claims": ["a"]}}}"#;
        let err = serde_json::from_str::<ReviewFile>(bad).unwrap_err();
        assert!(err.to_string().contains("needs `wrong`"), "{err}");
        let bad = r#"{"findings": {"x": {"decision": "resolved", "wrong": "z", "who": "w", "when": "t", "claims": ["a"]}}}"#;
        assert!(serde_json::from_str::<ReviewFile>(bad).is_err());
    }

    #[test]
    fn malformed_files_point_at_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(REVIEW_FILE);
        std::fs::write(
            &path,
            "{\n  \"findings\": {\n    \"x\": {\"decision\": \"maybe\"}\n}\n",
        )
        .unwrap();
        let err = ReviewFile::read(&path).unwrap_err().to_string();
        assert!(err.contains(&format!("{}:3:", path.display())), "{err}");
        assert!(err.contains("unknown variant `maybe`"), "{err}");
        assert!(!err.contains(" at line "), "{err}");
    }

    #[test]
    fn writing_is_atomic_and_leaves_no_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(REVIEW_FILE);
        let mut file = ReviewFile::new();
        file.write(&path).unwrap();
        file.decide("ab", review(Decision::Dismissed, None));
        file.write(&path).unwrap();
        assert_eq!(ReviewFile::read(&path).unwrap(), file);
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from(REVIEW_FILE)]);
    }
}
