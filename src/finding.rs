//! Findings as data: what a rule found, independent of how it is shown.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// How bad a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run by default.
    Info,
    /// Probably wrong; worth a look.
    Warning,
    /// Cannot all be true.
    Error,
}

impl Severity {
    /// The severity's lowercase name, as the output writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// One step milder (info stays info).
    pub fn lower(self) -> Severity {
        match self {
            Severity::Error => Severity::Warning,
            _ => Severity::Info,
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding of one rule about one entity.
#[derive(Clone, Debug)]
pub struct Finding {
    /// The id of the rule that raised it.
    pub rule: &'static str,
    /// How serious it is, after the evidence graded it.
    pub severity: Severity,
    /// The rule's level before the evidence graded it (its default, or the
    /// level the configuration sets).
    pub default_severity: Severity,
    /// Why `severity` is below `default_severity`, in words ("the death
    /// report `x` is doubtful"); `None` when it is not.
    pub severity_reason: Option<String>,
    /// Index into the reconciled entities.
    pub entity: usize,
    /// Indices into the dataset's claims; the first is the primary one.
    pub claims: Vec<usize>,
    /// The claims that make the contradiction, a subset of `claims` (all of
    /// them unless the rule narrows it): the disputed side, such as the
    /// reports of a death that later signs of life contradict. The others
    /// only support it, so adding or removing one keeps the finding's
    /// identity (see [`fingerprint`]).
    pub subject: Vec<usize>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The dates compared and how, the evidence weighed.
    pub reasoning: String,
    /// The claim the evidence favours, when one does.
    pub favours: Option<usize>,
    /// The rejected claims it rests on, when it exists only because of
    /// claims a reviewer rejected (see [`Options::rejected`](crate::Options::rejected)):
    /// it is settled, and kept to be shown with the rejection that settled it.
    pub settled_by: Vec<usize>,
    /// Hash of the rule and the sorted ids of the `subject` claims (scheme
    /// [`FINGERPRINT_VERSION`]): stable across file order, line numbers,
    /// unrelated records and claims that only support the contradiction.
    pub fingerprint: String,
}

/// The fingerprint scheme [`Finding::fingerprint`] follows. Version 1
/// hashed every claim of a finding, so another sign of life after the same
/// death gave a new fingerprint; version 2 hashes only the subject.
pub const FINGERPRINT_VERSION: u32 = 2;

/// The fingerprint of a finding: rule id and the sorted ids of the claims
/// given, nothing else. Version 2 passes the subject's ids; version 1
/// passed every claim's.
pub fn fingerprint(rule: &str, claim_ids: &[&str]) -> String {
    let mut ids: Vec<&str> = claim_ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let mut hasher = Sha256::new();
    hasher.update(rule.as_bytes());
    for id in ids {
        hasher.update([0]);
        hasher.update(id.as_bytes());
    }
    crate::digest::hex_prefix(&hasher.finalize(), 8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_ignore_claim_order() {
        assert_eq!(fingerprint("r", &["b", "a"]), fingerprint("r", &["a", "b"]));
        assert_ne!(fingerprint("r", &["a", "b"]), fingerprint("s", &["a", "b"]));
        assert_eq!(fingerprint("r", &["a"]).len(), 16);
        assert_eq!(fingerprint("r", &["a", "a"]), fingerprint("r", &["a"]));
    }

    #[test]
    fn severities_order_and_lower() {
        assert!(Severity::Error > Severity::Warning && Severity::Warning > Severity::Info);
        assert_eq!(Severity::Error.lower(), Severity::Warning);
        assert_eq!(Severity::Info.lower(), Severity::Info);
    }
}
