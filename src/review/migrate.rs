//! What a decision rests on, and decisions carried over from the first
//! fingerprint scheme.

use sha2::{Digest, Sha256};

use super::{ReviewFile, VERSION};
use crate::finding::{fingerprint, Finding};
use crate::model::Dataset;

/// A digest of who, status, date and source of the claims a decision on
/// `finding` rests on: its subject, and the claim judged `wrong`. Recorded
/// with the decision; when it differs, the contradiction decided is not the
/// one on record any more, and the finding reopens.
pub fn basis(dataset: &Dataset, finding: &Finding, wrong: Option<&str>) -> String {
    let mut claims: Vec<&crate::model::Claim> = finding
        .subject
        .iter()
        .map(|&c| &dataset.claims[c])
        .collect();
    if let Some(claim) = wrong.and_then(|id| dataset.claim(id)) {
        claims.push(claim);
    }
    claims.sort_by(|a, b| a.id.cmp(&b.id));
    claims.dedup_by(|a, b| a.id == b.id);
    let mut hasher = Sha256::new();
    for claim in claims {
        for field in [
            claim.id.as_str(),
            claim.who.as_ref(),
            claim.status.as_str(),
            claim.date_text(),
            claim.source.as_deref().unwrap_or(""),
        ] {
            hasher.update(field.as_bytes());
            hasher.update([0]);
        }
        hasher.update([1]);
    }
    crate::digest::hex_prefix(&hasher.finalize(), 8)
}

/// Carries a version-1 file's decisions over to the fingerprints of
/// version 2 (the finding's subject, not all its claims), and marks the
/// file version 2; how many decisions were carried over. A decision is
/// found by the version-1 fingerprint of the finding's claims now, else by
/// the claims it recorded (a finding that has gained support since).
/// Nothing happens to a version-2 file.
pub fn migrate(file: &mut ReviewFile, findings: &[Finding], dataset: &Dataset) -> usize {
    if file.version >= VERSION {
        return 0;
    }
    file.version = VERSION;
    let ids = |claims: &[usize]| -> Vec<String> {
        claims
            .iter()
            .map(|&c| dataset.claims[c].id.clone())
            .collect()
    };
    let mut migrated = 0;
    for finding in findings {
        if file.findings.contains_key(&finding.fingerprint) {
            continue;
        }
        let all = ids(&finding.claims);
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        let old = fingerprint(finding.rule, &all);
        let key = if file.findings.contains_key(&old) {
            Some(old)
        } else {
            recorded_for(file, finding, &ids(&finding.subject))
        };
        let Some(mut review) = key.and_then(|key| file.findings.remove(&key)) else {
            continue;
        };
        review.basis = basis(dataset, finding, review.wrong.as_deref());
        file.findings.insert(finding.fingerprint.clone(), review);
        migrated += 1;
    }
    migrated
}

/// The key of the one version-1 decision of `finding`'s rule that recorded
/// every claim of its subject.
fn recorded_for(file: &ReviewFile, finding: &Finding, subject: &[String]) -> Option<String> {
    let mut candidates = file.findings.iter().filter(|(_, review)| {
        review.rule == finding.rule && subject.iter().all(|id| review.claims.contains(id))
    });
    let (key, _) = candidates.next()?;
    candidates.next().is_none().then(|| key.clone())
}
