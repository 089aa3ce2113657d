//! Weighing claims against each other: which one the evidence favours, and
//! why. Used by every contradiction rule and by the verdicts, so that
//! `favours` means the same thing everywhere.

use crate::model::{Claim, Dataset};

/// Words in `evidence` that mark a confirmation stronger than a report:
/// forensic identification, the family's or the group's own word, a body.
const CONFIRMATIONS: [&str; 10] = [
    "dna",
    "forensic",
    "body",
    "autopsy",
    "family",
    "eulog",
    "martyr",
    "own statement",
    "acknowledg",
    "confirmed by",
];

/// Words that mark a weak basis: hearsay, an unverified account, an undated image.
const WEAKENERS: [&str; 6] = [
    "unverified",
    "rumour",
    "rumor",
    "unconfirmed",
    "unknown date",
    "social media",
];

/// How much a claim weighs as evidence, with the reasons, for `reasoning`.
#[derive(Clone, Debug)]
pub struct Strength {
    /// The weight, higher for stronger evidence.
    pub score: f64,
    /// What made it so, in words.
    pub reasons: Vec<String>,
}

/// How much `claim` weighs: its certainty, its source's reliability, the
/// confirmations its evidence names.
pub fn strength(dataset: &Dataset, claim: &Claim) -> Strength {
    let mut reasons = Vec::new();
    let score = weigh(dataset, claim, Some(&mut reasons));
    Strength { score, reasons }
}

/// [`strength`]'s score alone, for ranking claims without saying why.
pub fn score(dataset: &Dataset, claim: &Claim) -> f64 {
    weigh(dataset, claim, None)
}

/// The score of `claim`, pushing the reasons onto `reasons` when given.
fn weigh(dataset: &Dataset, claim: &Claim, mut reasons: Option<&mut Vec<String>>) -> f64 {
    let mut say = |reason: &dyn Fn() -> String| {
        if let Some(reasons) = reasons.as_mut() {
            reasons.push(reason());
        }
    };
    say(&|| claim.certainty.as_str().to_string());
    let mut score = claim.certainty.weight();
    match dataset.source_of(claim).and_then(|s| s.reliability) {
        Some(grade) => {
            score *= grade.weight();
            say(&|| format!("source graded {grade}"));
        }
        None if claim.source.is_none() => {
            score *= 0.3;
            say(&|| "no source".into());
        }
        None => {
            score *= 0.5;
            say(&|| "source not graded".into());
        }
    }
    if let Some(evidence) = &claim.evidence {
        let lower = evidence.to_lowercase();
        if CONFIRMATIONS.iter().any(|w| lower.contains(w)) {
            score = (score * 1.5).min(1.0);
            say(&|| format!("confirmation: {evidence}"));
        } else if WEAKENERS.iter().any(|w| lower.contains(w)) {
            score *= 0.7;
            say(&|| format!("weak basis: {evidence}"));
        } else {
            say(&|| format!("basis: {evidence}"));
        }
    }
    score
}

/// Scores closer than this are a draw: neither claim is favoured.
const DRAW: f64 = 0.05;

/// The claim the evidence favours between `a` and `b` (claim indices), and
/// a sentence saying why. `later_is_proof_of_life` adds the rule that a
/// later sign of life outweighs an earlier death report of equal weight
/// (a dead man leaves no new traces; a false report does).
pub fn favour(
    dataset: &Dataset,
    a: usize,
    b: usize,
    later_is_proof_of_life: bool,
) -> (Option<usize>, String) {
    let (ca, cb) = (&dataset.claims[a], &dataset.claims[b]);
    let (sa, sb) = (strength(dataset, ca), strength(dataset, cb));
    let describe = |c: &Claim, s: &Strength| {
        format!(
            "`{}` ({}; weight {:.2})",
            c.id,
            s.reasons.join(", "),
            s.score
        )
    };
    let both = format!("{} against {}", describe(ca, &sa), describe(cb, &sb));
    if (sa.score - sb.score).abs() < DRAW {
        if later_is_proof_of_life {
            return (Some(b), format!("{both}: evenly weighted, and the later sign of life prevails over the earlier death report"));
        }
        return (None, format!("{both}: the evidence is evenly balanced"));
    }
    let winner = if sa.score > sb.score { a } else { b };
    (
        Some(winner),
        format!("{both}: `{}` weighs more", dataset.claims[winner].id),
    )
}

/// The claim the evidence favours among mutually exclusive alternatives,
/// each a set of claims that agree with one another (several reports of one
/// death): the strongest claim of the strongest alternative, unless the
/// runner-up alternative's best claim is within a draw of it. With the
/// sentence saying why.
pub fn strongest(dataset: &Dataset, alternatives: &[Vec<usize>]) -> (Option<usize>, String) {
    let mut best: Vec<(usize, Strength)> = alternatives
        .iter()
        .filter_map(|claims| {
            claims
                .iter()
                .map(|&c| (c, score(dataset, &dataset.claims[c])))
                // Ties go to the earlier-listed claim, for determinism.
                .fold(None, |acc: Option<(usize, f64)>, (c, s)| match acc {
                    Some((_, a)) if a >= s => acc,
                    _ => Some((c, s)),
                })
        })
        .map(|(c, _)| (c, strength(dataset, &dataset.claims[c])))
        .collect();
    best.sort_by(|a, b| b.1.score.total_cmp(&a.1.score));
    let describe = |(c, s): &(usize, Strength)| {
        format!(
            "`{}` ({}; weight {:.2})",
            dataset.claims[*c].id,
            s.reasons.join(", "),
            s.score
        )
    };
    let listed = best
        .iter()
        .map(describe)
        .collect::<Vec<_>>()
        .join(" against ");
    match best.as_slice() {
        [] => (None, String::new()),
        [only] => (Some(only.0), listed),
        [first, second, ..] if first.1.score - second.1.score < DRAW => {
            (None, format!("{listed}: the strongest are evenly balanced"))
        }
        [first, ..] => (
            Some(first.0),
            format!("{listed}: `{}` weighs most", dataset.claims[first.0].id),
        ),
    }
}
