//! The review file laid over one run's findings: which are decided, which
//! are settled by a rejected claim, which reopened because what their
//! decision rests on changed, and which decisions match nothing any more.

use rustc_hash::FxHashSet as HashSet;
use std::borrow::Cow;
use std::path::Path;

use serde::Serialize;

use super::{holds, judgements, Decision, EntityJudgement, Review, ReviewFile};
use crate::finding::Finding;
use crate::model::Dataset;
use crate::reconcile::Entities;

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
    /// The decision on each finding, parallel to the findings: its own, or
    /// the rejection of a claim that settles it.
    by_finding: Vec<Option<Cow<'a, Review>>>,
    /// The decision a reopened finding had, parallel to the findings: what
    /// it rests on changed since, so it is open again.
    previous: Vec<Option<(&'a str, &'a Review)>>,
    /// Decisions that match no finding (sorted by fingerprint).
    pub stale: Vec<StaleReview<'a>>,
    /// Entity judgements naming a name no claim or record uses.
    pub stale_entities: Vec<&'a EntityJudgement>,
    /// Rejected claim ids that no claim has any more.
    pub stale_rejections: Vec<&'a str>,
    /// Judgements that contradict each other or an entity record, in words.
    pub conflicts: Vec<String>,
}

impl<'a> Applied<'a> {
    /// Lays `file` over `findings` of `dataset`: each finding's decision,
    /// the reopened and the stale ones.
    pub fn new(
        file: &'a ReviewFile,
        findings: &[Finding],
        dataset: &Dataset,
        entities: &Entities,
    ) -> Applied<'a> {
        let mut by_finding = Vec::with_capacity(findings.len());
        let mut previous = vec![None; findings.len()];
        for (i, finding) in findings.iter().enumerate() {
            let own = file.findings.get_key_value(&finding.fingerprint);
            let decided = own
                .filter(|(key, review)| {
                    let holds = holds(review, dataset);
                    if !holds {
                        previous[i] = Some((key.as_str(), *review));
                    }
                    holds
                })
                .map(|(_, review)| review);
            by_finding.push(match decided {
                Some(review) => Some(Cow::Borrowed(review)),
                None => settled(file, finding, dataset).map(Cow::Owned),
            });
        }
        let current: HashSet<&str> = findings.iter().map(|f| f.fingerprint.as_str()).collect();
        let orphans: Vec<StaleReview<'a>> = file
            .findings
            .iter()
            .filter(|(fp, _)| !current.contains(fp.as_str()))
            .map(|(fingerprint, review)| StaleReview {
                fingerprint,
                review,
            })
            .collect();
        let context = changed_disputes(&orphans, findings, dataset, &by_finding, &mut previous);
        let stale = orphans
            .into_iter()
            .filter(|s| !context.contains(s.fingerprint))
            .collect();
        let stale_rejections = file
            .rejected
            .keys()
            .filter(|id| dataset.claim(id).is_none())
            .map(String::as_str)
            .collect();
        Applied {
            by_finding,
            previous,
            stale,
            stale_entities: stale_entities(file, entities),
            stale_rejections,
            conflicts: judgements::conflicts(&file.entities, &dataset.entities),
        }
    }

    /// The decision on finding `index`, if any.
    pub fn of(&self, index: usize) -> Option<&Review> {
        self.by_finding.get(index).and_then(Option::as_deref)
    }

    /// Whether finding `index` is still open: no decision, and no rejected
    /// claim settles it.
    pub fn is_open(&self, index: usize) -> bool {
        self.of(index).is_none()
    }

    /// The decision finding `index` had before what it rests on changed.
    pub fn previous(&self, index: usize) -> Option<&'a Review> {
        self.previous.get(index).copied().flatten().map(|(_, r)| r)
    }

    /// The fingerprint the [`previous`](Self::previous) decision of finding
    /// `index` is recorded under: its own, or the one it had before its side
    /// in dispute changed (which a new decision on it supersedes).
    pub fn previous_fingerprint(&self, index: usize) -> Option<&'a str> {
        self.previous
            .get(index)
            .copied()
            .flatten()
            .map(|(fp, _)| fp)
    }

    /// One line per stale decision and per judgement conflict, for stderr.
    pub fn stale_notes(&self, file: &Path) -> Vec<String> {
        let mut notes: Vec<String> = self
            .conflicts
            .iter()
            .map(|c| format!("warning: entity judgements in {} cannot all hold: {c}; change one with `claimlint review --same/--not-same`", file.display()))
            .collect();
        notes.extend(self.stale.iter().map(|s| {
            format!(
                "note: stale review {} ({} by {}; {} on {}) matches no finding any more; `claimlint review --prune` removes it from {}",
                s.fingerprint,
                s.review.decision,
                s.review.who,
                if s.review.rule.is_empty() { "?" } else { &s.review.rule },
                s.review.claims.join(", "),
                file.display()
            )
        }));
        notes.extend(self.stale_entities.iter().map(|j| {
            format!(
                "note: stale entity judgement {}: a name is in no claim or entity record; `claimlint review --prune` removes it from {}",
                j.describe(),
                file.display()
            )
        }));
        notes.extend(self.stale_rejections.iter().map(|id| {
            format!(
                "note: stale rejection of claim `{id}`: no claim has that id any more; `claimlint review --prune` removes it from {}",
                file.display()
            )
        }));
        notes
    }
}

/// Finds, for each open finding, a decision on the same contradiction
/// before a claim joined or left its side in dispute (a new report of the
/// death): a decision that matches no finding now, of the same rule, that
/// recorded one of the finding's disputed claims. It becomes the finding's
/// `previous` decision, shown as context, and is not stale while it is;
/// the fingerprints used so.
fn changed_disputes<'s>(
    orphans: &[StaleReview<'s>],
    findings: &[Finding],
    dataset: &Dataset,
    by_finding: &[Option<Cow<'_, Review>>],
    previous: &mut [Option<(&'s str, &'s Review)>],
) -> HashSet<&'s str> {
    let mut used = HashSet::default();
    if orphans.is_empty() {
        return used;
    }
    // The orphans by the claims they recorded, so that a million findings
    // are not each compared with every orphan.
    let mut by_claim: rustc_hash::FxHashMap<&str, Vec<usize>> = rustc_hash::FxHashMap::default();
    for (o, orphan) in orphans.iter().enumerate() {
        for claim in &orphan.review.claims {
            by_claim.entry(claim.as_str()).or_default().push(o);
        }
    }
    for (i, finding) in findings.iter().enumerate() {
        if by_finding[i].is_some() || previous[i].is_some() {
            continue;
        }
        let earlier = finding
            .subject
            .iter()
            .filter_map(|&c| by_claim.get(dataset.claims[c].id.as_str()))
            .flatten()
            .map(|&o| &orphans[o])
            .find(|s| s.review.rule == finding.rule && !used.contains(s.fingerprint));
        if let Some(earlier) = earlier {
            previous[i] = Some((earlier.fingerprint, earlier.review));
            used.insert(earlier.fingerprint);
        }
    }
    used
}

/// The decision a rejected claim makes on `finding`, when the finding
/// exists only because of rejected claims.
fn settled(file: &ReviewFile, finding: &Finding, dataset: &Dataset) -> Option<Review> {
    let (id, rejection) = finding.settled_by.iter().find_map(|&c| {
        let id = &dataset.claims[c].id;
        file.rejected.get(id).map(|r| (id, r))
    })?;
    let mut claims: Vec<String> = finding
        .claims
        .iter()
        .map(|&c| dataset.claims[c].id.clone())
        .collect();
    claims.sort();
    Some(Review {
        decision: Decision::Resolved,
        wrong: Some(id.clone()),
        note: format!("claim rejected ({})", rejection.describe()),
        who: rejection.who.clone(),
        when: rejection.when.clone(),
        rule: finding.rule.to_string(),
        claims,
        rests_on: std::collections::BTreeMap::new(),
        rejected: Some(rejection.reason),
    })
}

/// Judgements naming a name that no claim or entity record uses.
fn stale_entities<'a>(file: &'a ReviewFile, entities: &Entities) -> Vec<&'a EntityJudgement> {
    // Every spelling of a million claims is costly to index: only when
    // there are judgements to check against it.
    if file.entities.is_empty() {
        return Vec::new();
    }
    let known: HashSet<&str> = entities
        .list
        .iter()
        .flat_map(|e| e.names.iter().map(String::as_str))
        .collect();
    file.entities
        .iter()
        .filter(|j| j.names.iter().any(|n| !known.contains(n.as_str())))
        .collect()
}
