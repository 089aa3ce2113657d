//! What a decision rests on (and whether it still holds), and decisions
//! carried over from the first fingerprint scheme.

use sha2::{Digest, Sha256};

use std::collections::BTreeMap;

use super::{Review, ReviewFile};
use crate::finding::FINGERPRINT_VERSION;
use crate::finding::{fingerprint, Finding};
use crate::model::{Claim, Dataset};

/// The claims a decision on `finding` rests on (its claims, and the claim
/// judged `wrong`), each with a digest of its who, status, date and source.
/// Recorded with the decision; see [`holds`].
pub fn rests_on(
    dataset: &Dataset,
    finding: &Finding,
    wrong: Option<&str>,
) -> BTreeMap<String, String> {
    let mut claims: Vec<&Claim> = finding.claims.iter().map(|&c| &dataset.claims[c]).collect();
    claims.extend(wrong.and_then(|id| dataset.claim(id)));
    claims
        .into_iter()
        .map(|claim| (claim.id.clone(), digest(claim)))
        .collect()
}

/// Whether `review` still holds on `dataset`: no claim it rested on that is
/// still in the data changed its who, status, date or source. A claim added
/// since (more support) or gone (support withdrawn) does not matter; a
/// change to the side in dispute gives the finding another fingerprint.
pub fn holds(review: &Review, dataset: &Dataset) -> bool {
    review.rests_on.iter().all(|(id, recorded)| {
        dataset
            .claim(id)
            .is_none_or(|claim| digest(claim) == *recorded)
    })
}

/// Who, status, date and source of `claim`, hashed.
fn digest(claim: &Claim) -> String {
    let mut hasher = Sha256::new();
    for field in [
        claim.who.as_str(),
        claim.status.as_str(),
        claim.date_text(),
        claim.source.as_deref().unwrap_or(""),
    ] {
        hasher.update(field.as_bytes());
        hasher.update([0]);
    }
    crate::digest::hex_prefix(&hasher.finalize(), 4)
}

/// Carries a file's decisions of fingerprint scheme 1 over to scheme 2 (the
/// finding's subject, not all its claims), and marks the file so; how many
/// decisions were carried over. A decision is
/// found by the scheme-1 fingerprint of the finding's claims now, else by
/// the claims it recorded (a finding that has gained support since).
/// Nothing happens to a file of scheme 2.
pub fn migrate(file: &mut ReviewFile, findings: &[Finding], dataset: &Dataset) -> usize {
    if file.fingerprint_scheme >= FINGERPRINT_VERSION {
        return 0;
    }
    file.fingerprint_scheme = FINGERPRINT_VERSION;
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
        review.rests_on = rests_on(dataset, finding, review.wrong.as_deref());
        file.findings.insert(finding.fingerprint.clone(), review);
        migrated += 1;
    }
    migrated
}

/// The key of the one scheme-1 decision of `finding`'s rule that recorded
/// every claim of its subject.
fn recorded_for(file: &ReviewFile, finding: &Finding, subject: &[String]) -> Option<String> {
    let mut candidates = file.findings.iter().filter(|(_, review)| {
        review.rule == finding.rule && subject.iter().all(|id| review.claims.contains(id))
    });
    let (key, _) = candidates.next()?;
    candidates.next().is_none().then(|| key.clone())
}
