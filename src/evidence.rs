//! Weighing claims against each other: which one the evidence favours, and
//! why. Used by every contradiction rule and by the verdicts, so that
//! `favours` means the same thing everywhere.

use crate::basis::Basis;
use crate::model::{Claim, Dataset, Reliability};

/// How much a claim weighs as evidence, with the reasons, for `reasoning`.
#[derive(Clone, Debug)]
pub struct Strength {
    /// The weight, higher for stronger evidence.
    pub score: f64,
    /// What made it so, in words.
    pub reasons: Vec<String>,
}

/// How much `claim` weighs: its certainty, its source's reliability (as the
/// claim grades it, else as the source record does), and its `basis`.
/// Free-text `evidence` is never weighed; when its words suggest a basis
/// the claim does not give, the reasons say so as a hint.
pub fn strength(dataset: &Dataset, claim: &Claim) -> Strength {
    let mut reasons = Vec::new();
    let score = weigh(dataset, claim, Some(&mut reasons));
    Strength { score, reasons }
}

/// [`strength`]'s score alone, for ranking claims without saying why.
pub fn score(dataset: &Dataset, claim: &Claim) -> f64 {
    weigh(dataset, claim, None)
}

/// The grade of `claim`'s source: the claim's own (an Admiralty code on
/// it), else the source record's.
pub fn reliability(dataset: &Dataset, claim: &Claim) -> Option<Reliability> {
    claim
        .reliability
        .or_else(|| dataset.source_of(claim).and_then(|s| s.reliability))
}

/// The score of `claim`, pushing the reasons onto `reasons` when given.
fn weigh(dataset: &Dataset, claim: &Claim, mut reasons: Option<&mut Vec<String>>) -> f64 {
    let wants_reasons = reasons.is_some();
    let mut say = |reason: &dyn Fn() -> String| {
        if let Some(reasons) = reasons.as_mut() {
            reasons.push(reason());
        }
    };
    say(&|| claim.certainty.as_str().to_string());
    let mut score = claim.certainty.weight();
    match reliability(dataset, claim) {
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
    match claim.basis {
        Some(basis) => {
            score = (score * basis.factor()).min(1.0);
            say(&|| format!("basis {basis}"));
        }
        // The hint reads the text: only when the reasons are wanted.
        None if wants_reasons => {
            if let Some(hint) = claim.evidence.as_deref().and_then(Basis::suggested_by) {
                say(&|| format!("evidence text suggests basis `{hint}` (not weighed)"));
            }
        }
        None => {}
    }
    score
}

/// Scores closer than this are a draw: neither claim is favoured.
const DRAW: f64 = 0.05;

/// A claim as a weighing names it: id, what and when, and what it weighs on
/// (`` `x` (killed 2019-09; doubtful, source graded B) ``). No numbers: the
/// weights are shown with `--verbose`.
pub fn describe(dataset: &Dataset, claim: usize) -> String {
    let c = &dataset.claims[claim];
    let reasons = strength(dataset, c).reasons.join(", ");
    format!("`{}` ({} {}; {reasons})", c.id, c.status, c.date_text())
}

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
    let favoured = favoured(dataset, a, b, later_is_proof_of_life);
    let (da, db) = (describe(dataset, a), describe(dataset, b));
    let draw =
        (score(dataset, &dataset.claims[a]) - score(dataset, &dataset.claims[b])).abs() < DRAW;
    let why = match favoured {
        Some(_) if draw => format!("{da} and {db} weigh about the same, and the later sign of life prevails over the earlier death report"),
        None => format!("{da} and {db} weigh about the same: the evidence does not decide"),
        Some(w) if w == a => format!("{da} outweighs {db}"),
        Some(_) => format!("{db} outweighs {da}"),
    };
    (favoured, why)
}

/// [`favour`]'s decision alone, without the sentence (for the many
/// weighings that only decide a severity).
pub fn favoured(
    dataset: &Dataset,
    a: usize,
    b: usize,
    later_is_proof_of_life: bool,
) -> Option<usize> {
    let (sa, sb) = (
        score(dataset, &dataset.claims[a]),
        score(dataset, &dataset.claims[b]),
    );
    if (sa - sb).abs() < DRAW {
        return later_is_proof_of_life.then_some(b);
    }
    Some(if sa > sb { a } else { b })
}

/// The claim the evidence favours among mutually exclusive alternatives,
/// each a set of claims that agree with one another (several reports of one
/// death): the strongest claim of the strongest alternative, unless the
/// runner-up alternative's best claim is within a draw of it. With the
/// sentence saying why.
pub fn strongest(dataset: &Dataset, alternatives: &[Vec<usize>]) -> (Option<usize>, String) {
    let mut best: Vec<(usize, f64)> = alternatives
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
        .collect();
    best.sort_by(|a, b| b.1.total_cmp(&a.1));
    let listed = |from: usize| {
        best[from..]
            .iter()
            .map(|&(c, _)| describe(dataset, c))
            .collect::<Vec<_>>()
            .join(" and ")
    };
    match best.as_slice() {
        [] => (None, String::new()),
        [only] => (Some(only.0), describe(dataset, only.0)),
        [first, second, ..] if first.1 - second.1 < DRAW => (
            None,
            format!(
                "{} weigh about the same: the evidence does not decide",
                listed(0)
            ),
        ),
        [first, ..] => (
            Some(first.0),
            format!("{} outweighs {}", describe(dataset, first.0), listed(1)),
        ),
    }
}
