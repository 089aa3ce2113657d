//! The review file's format: its types, what a well-formed file is, and
//! how it is read and written as text.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{anyhow, Context as _, Result};
use serde::{Deserialize, Serialize};

use crate::reconcile::NameJudgement;

/// The format version written into the file. The format has only grown
/// fields a reader of version 1 can do without (`rejected`, `rests_on`,
/// `fingerprint_scheme`), so it is still version 1; a file of any other
/// version is refused, never half-read.
pub const VERSION: u32 = 1;

/// The fingerprint schemes a file's keys can be in: 1 hashed every claim of
/// a finding, 2 hashes its subject (see
/// [`FINGERPRINT_VERSION`](crate::finding::FINGERPRINT_VERSION)). A file
/// without `fingerprint_scheme` was written under scheme 1.
const SCHEMES: [u32; 2] = [1, crate::finding::FINGERPRINT_VERSION];

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

/// Why a claim is judged wrong: a small vocabulary, so that a team's
/// rejections can be counted and read alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RejectReason {
    /// The event did not happen as reported (a false death report).
    Misreported,
    /// The event happened, but not when the claim dates it.
    Misdated,
    /// The claim is about someone else of a similar name.
    WrongPerson,
    /// A later report by the same source corrects it.
    Superseded,
    /// Its source is not to be relied on for this.
    UnreliableSource,
    /// Another claim records the same report.
    Duplicate,
}

impl RejectReason {
    /// Every reason, in the order the help lists them.
    pub const ALL: [RejectReason; 6] = [
        RejectReason::Misreported,
        RejectReason::Misdated,
        RejectReason::WrongPerson,
        RejectReason::Superseded,
        RejectReason::UnreliableSource,
        RejectReason::Duplicate,
    ];

    /// The reason's name, as the file and output write it.
    pub fn as_str(self) -> &'static str {
        match self {
            RejectReason::Misreported => "misreported",
            RejectReason::Misdated => "misdated",
            RejectReason::WrongPerson => "wrong-person",
            RejectReason::Superseded => "superseded",
            RejectReason::UnreliableSource => "unreliable-source",
            RejectReason::Duplicate => "duplicate",
        }
    }

    /// What the reason means, in one line.
    pub fn meaning(self) -> &'static str {
        match self {
            RejectReason::Misreported => "the event did not happen as reported",
            RejectReason::Misdated => "the event happened, but not when the claim dates it",
            RejectReason::WrongPerson => "the claim is about someone else",
            RejectReason::Superseded => "a later report corrects it",
            RejectReason::UnreliableSource => "its source is not to be relied on for this",
            RejectReason::Duplicate => "another claim records the same report",
        }
    }
}

impl std::fmt::Display for RejectReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A reviewer's judgement that a claim is wrong (the claim id is its key in
/// the file). The claim stays in the data and in every view, marked, but
/// no longer counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rejection {
    /// Why, from the vocabulary.
    pub reason: RejectReason,
    /// Why, in the reviewer's words.
    #[serde(default)]
    pub note: String,
    /// Who rejected it.
    pub who: String,
    /// When: UTC, RFC 3339.
    pub when: String,
}

impl Rejection {
    /// "misreported: the Peshmerga claim was retracted".
    pub fn describe(&self) -> String {
        if self.note.is_empty() {
            self.reason.to_string()
        } else {
            format!("{}: {}", self.reason, self.note)
        }
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
    /// The finding's rule, for a human reading the file.
    pub rule: String,
    /// The finding's claim ids when decided, sorted.
    pub claims: Vec<String>,
    /// The claims the decision rests on (the finding's claims when decided,
    /// and `wrong`), each with a digest of its who, status, date and source:
    /// when one of them changes, the decision no longer holds and the
    /// finding reopens (see [`holds`](super::migrate::holds)). Empty in
    /// decisions older than it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rests_on: BTreeMap<String, String>,
    /// Set (never in the file) when the decision is a claim's rejection
    /// that settles a finding resting only on rejected claims.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rejected: Option<RejectReason>,
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
    #[serde(default)]
    rests_on: BTreeMap<String, String>,
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
            rests_on: raw.rests_on,
            rejected: None,
        })
    }
}

impl Review {
    /// "confirmed by Ana on 2026-11-22T02:37:16Z: a known false report".
    pub fn describe(&self) -> String {
        let wrong = self
            .wrong
            .as_ref()
            .map(|w| format!(" ({w} judged wrong)"))
            .unwrap_or_default();
        let note = if self.note.is_empty() {
            String::new()
        } else {
            format!(": {}", self.note)
        };
        format!(
            "{}{wrong} by {} on {}{note}",
            self.decision, self.who, self.when
        )
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

impl EntityJudgement {
    /// "`a` = `b`" or "`a` ≠ `b`".
    pub fn describe(&self) -> String {
        format!(
            "`{}` {} `{}`",
            self.names[0],
            if self.same { "=" } else { "≠" },
            self.names[1]
        )
    }
}

/// The whole review file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewFile {
    /// The file format's version.
    #[serde(deserialize_with = "readable_version")]
    pub version: u32,
    /// The fingerprint scheme the decisions are keyed by; decisions of an
    /// older scheme are carried over ([`migrate`](super::migrate::migrate)).
    #[serde(default = "first_scheme", deserialize_with = "known_scheme")]
    pub fingerprint_scheme: u32,
    /// Decisions keyed (and so sorted) by fingerprint.
    #[serde(default)]
    pub findings: BTreeMap<String, Review>,
    /// Rejected claims keyed (and so sorted) by claim id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rejected: BTreeMap<String, Rejection>,
    /// Entity judgements, sorted by their names.
    #[serde(default)]
    pub entities: Vec<EntityJudgement>,
}

fn readable_version<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
    let version = u32::deserialize(deserializer)?;
    if version == VERSION {
        Ok(version)
    } else {
        Err(serde::de::Error::custom(format!(
            "`version` is {version}; this claimlint reads review files of version {VERSION} (a newer claimlint may read it)"
        )))
    }
}

fn first_scheme() -> u32 {
    1
}

fn known_scheme<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
    let scheme = u32::deserialize(deserializer)?;
    if SCHEMES.contains(&scheme) {
        Ok(scheme)
    } else {
        Err(serde::de::Error::custom(format!(
            "`fingerprint_scheme` is {scheme}; this claimlint knows schemes 1 and {}",
            crate::finding::FINGERPRINT_VERSION
        )))
    }
}

impl ReviewFile {
    /// An empty review file of the current version.
    pub fn new() -> Self {
        ReviewFile {
            version: VERSION,
            fingerprint_scheme: crate::finding::FINGERPRINT_VERSION,
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

    /// The rejected claims, for [`Options::rejected`](crate::Options::rejected):
    /// claim id to the reason in words.
    pub fn rejected_claims(&self) -> BTreeMap<String, String> {
        self.rejected
            .iter()
            .map(|(id, r)| (id.clone(), r.reason.to_string()))
            .collect()
    }

    /// Records (or replaces) the decision about `fingerprint`; the one it
    /// replaces.
    pub fn decide(&mut self, fingerprint: &str, review: Review) -> Option<Review> {
        self.findings.insert(fingerprint.to_string(), review)
    }

    /// Records (or replaces) the rejection of claim `id`; the one it replaces.
    pub fn reject(&mut self, id: &str, rejection: Rejection) -> Option<Rejection> {
        self.rejected.insert(id.to_string(), rejection)
    }

    /// Records (or replaces) the judgement about two names; the one it
    /// replaces.
    pub fn judge(&mut self, mut judgement: EntityJudgement) -> Option<EntityJudgement> {
        judgement.names.sort();
        let replaced = match self
            .entities
            .iter_mut()
            .find(|j| j.names == judgement.names)
        {
            Some(existing) => Some(std::mem::replace(existing, judgement)),
            None => {
                self.entities.push(judgement);
                None
            }
        };
        self.entities.sort_by(|a, b| a.names.cmp(&b.names));
        replaced
    }

    /// Reads `path`; a missing file is an empty review. A malformed file is
    /// an error that points at `file:line:column`.
    pub fn read(path: &Path) -> Result<ReviewFile> {
        match std::fs::read(path) {
            Ok(bytes) => ReviewFile::parse(path, &bytes),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(ReviewFile::new()),
            Err(err) => Err(err).with_context(|| format!("cannot read {}", path.display())),
        }
    }

    /// Parses the text of the review file at `path`: a JSON object of a
    /// version this claimlint reads, in UTF-8 without a byte-order mark.
    pub fn parse(path: &Path, bytes: &[u8]) -> Result<ReviewFile> {
        let at = |line: usize, column: usize, message: &str| {
            anyhow!(
                "{}:{line}:{column}: malformed review file: {message}",
                path.display()
            )
        };
        if bytes.starts_with(b"\xef\xbb\xbf") {
            return Err(at(1, 1, "it starts with a byte-order mark; save it as UTF-8 without one (claimlint writes it so)"));
        }
        let text = std::str::from_utf8(bytes).map_err(|err| {
            let (line, column) = position(bytes, err.valid_up_to());
            at(line, column, "it is not UTF-8")
        })?;
        let Some(start) = text.find(|c: char| !c.is_whitespace()) else {
            return Err(at(1, 1, "it is empty; a review file is a JSON object such as {\"version\": 1, \"findings\": {}}"));
        };
        if !text[start..].starts_with('{') {
            let (line, column) = position(bytes, start);
            return Err(at(line, column, "a review file is a JSON object such as {\"version\": 1, \"findings\": {}}, not this"));
        }
        let mut file: ReviewFile = serde_json::from_str(text).map_err(|err| {
            // serde_json places an error of the version's value after the
            // object; point at the value instead.
            match text.find("\"version\"") {
                Some(key) if err.to_string().starts_with("`version` is") => {
                    let (line, column) = position(bytes, key);
                    let message = err.to_string();
                    let message = message.split(" at line ").next().unwrap_or_default();
                    at(line, column, message)
                }
                _ => from_serde(path, &err),
            }
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
}

/// serde_json's error with the position first, as every input error has it.
fn from_serde(path: &Path, err: &serde_json::Error) -> anyhow::Error {
    // serde_json ends its messages with " at line L column C".
    let message = err.to_string();
    let mut message = match message.rfind(" at line ") {
        Some(cut) => message[..cut].to_string(),
        None => message,
    };
    if message == "missing field `version`" {
        message = format!(
            "no `version`: a review file says which version it is (`\"version\": {VERSION}`)"
        );
    }
    anyhow!(
        "{}:{}:{}: malformed review file: {message}",
        path.display(),
        err.line(),
        err.column()
    )
}

/// The 1-based line and column of byte `offset` in `bytes`.
fn position(bytes: &[u8], offset: usize) -> (usize, usize) {
    let (line, column) = crate::load::line_column_of_byte(bytes, offset);
    (line as usize, column as usize)
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
            rests_on: BTreeMap::new(),
            rejected: None,
        }
    }

    fn parse(text: &str) -> Result<ReviewFile> {
        ReviewFile::parse(Path::new("r.json"), text.as_bytes())
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
        file.reject(
            "b",
            Rejection {
                reason: RejectReason::WrongPerson,
                note: String::new(),
                who: "w".into(),
                when: "t".into(),
            },
        );
        let text = file.to_text().unwrap();
        assert!(text.ends_with("}\n"));
        assert!(text.find("\"00\"").unwrap() < text.find("\"ff\"").unwrap());
        assert!(text.contains("\"Abe\",\n        \"Zed\""), "{text}");
        assert!(text.contains("\"wrong-person\""), "{text}");
        assert_eq!(parse(&text).unwrap(), file);
    }

    #[test]
    fn resolved_needs_one_of_its_claims() {
        let bad = r#"{"version": 1, "findings": {"x": {"decision": "resolved", "who": "w", "when": "t", "claims": ["a"]}}}"#;
        let err = parse(bad).unwrap_err();
        assert!(err.to_string().contains("needs `wrong`"), "{err}");
        let bad = r#"{"version": 1, "findings": {"x": {"decision": "resolved", "wrong": "z", "who": "w", "when": "t", "claims": ["a"]}}}"#;
        assert!(parse(bad).is_err());
    }

    #[test]
    fn wrong_shapes_versions_and_marks_are_errors_with_positions() {
        let err = |text: &str| parse(text).unwrap_err().to_string();
        assert!(
            err("\n  []").starts_with("r.json:2:3: "),
            "{}",
            err("\n  []")
        );
        assert!(err("[]").contains("a JSON object"));
        assert!(err("{\n \"version\": 3}").starts_with("r.json:2:"));
        assert!(err("{\"version\": 2}").contains("reads review files of version 1"));
        assert!(err("{\"version\": 0}").contains("`version` is 0"));
        assert!(err("{\"version\": 1, \"fingerprint_scheme\": 7}").contains("schemes 1 and 2"));
        assert!(err("{}").contains("no `version`"));
        assert!(err("").contains("empty"));
        assert!(err("\u{feff}{\"version\": 1}").starts_with("r.json:1:1: "));
        assert!(err("\u{feff}{\"version\": 1}").contains("byte-order mark"));
        assert_eq!(parse("{\"version\": 1}").unwrap().fingerprint_scheme, 1);
    }

    #[test]
    fn malformed_files_point_at_line_and_column() {
        let text =
            "{\n  \"version\": 1, \"findings\": {\n    \"x\": {\"decision\": \"maybe\"}\n}\n";
        let err = parse(text).unwrap_err().to_string();
        assert!(err.contains("r.json:3:"), "{err}");
        assert!(err.contains("unknown variant `maybe`"), "{err}");
        assert!(!err.contains(" at line "), "{err}");
    }
}
