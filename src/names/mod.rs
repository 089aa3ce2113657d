//! Name matching for alias reconciliation (SPEC §2).
//!
//! The pipeline, one file per step:
//!
//! * `text`: a raw string into words (Unicode, punctuation, `SURNAME, Given`),
//!   other scripts in Latin letters (`greek`; Arabic script is read by
//!   `arabic`);
//! * `variants`: the documented table of transliteration variants and the
//!   keys built from it (fold, vowel key, consonant skeleton);
//! * `structure`: words into parts (title, kunya, ism, nasab, nisba …);
//! * `similarity`: two names compared part by part;
//! * `explain`: a comparison in words;
//! * `blocking`: candidate pairs from an index on name parts;
//! * `cluster`: names into people under same/different constraints (a
//!   directory: the phases, and the union-find with cannot-links).
//!
//! `docs/names.md` is the user-facing description of the rules.

mod arabic;
mod blocking;
mod cluster;
mod explain;
mod greek;
mod lexicon;
mod similarity;
mod structure;
mod text;
mod variants;
mod word;

pub use cluster::{cluster, Ambiguity, Clustering, Constraints, Merge};
pub use explain::Explanation;
pub use structure::{NameParts, Part, Role};
pub use text::lowercase_table;
pub use variants::COMMON_NAME_VARIANTS;

use serde::Serialize;
use similarity::{compare, Comparison, Prepared};

/// Thresholds for name matching. A score at or above `threshold` merges, a
/// score from `review_band` up to `threshold` is reported for review.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, serde::Deserialize)]
pub struct MatchConfig {
    /// The score at or above which two names are one person.
    pub threshold: f64,
    /// The score from which, below `threshold`, a pair is reported for
    /// review.
    pub review_band: f64,
    /// Record every merge with its explanation in [`Clustering::merges`];
    /// without it only the decisions are made (ambiguities are always
    /// explained).
    #[serde(skip, default = "yes")]
    pub explain_merges: bool,
}

fn yes() -> bool {
    true
}

impl Default for MatchConfig {
    fn default() -> Self {
        MatchConfig {
            threshold: 0.92,
            review_band: 0.85,
            explain_merges: true,
        }
    }
}

/// What the matcher decides about two names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    /// One person.
    Same,
    /// Different people.
    Different,
    /// Close enough that a person should decide.
    Review,
}

/// Two names compared: the score, the decision and why.
#[derive(Clone, Debug, Serialize)]
pub struct MatchResult {
    /// Similarity from 0 to 1.
    pub score: f64,
    /// Same, different, or review.
    pub decision: Decision,
    /// The decision, and what aligned and counted for and against.
    pub explanation: String,
    /// The same, part by part, for a readable rendering.
    #[serde(skip)]
    pub details: Explanation,
}

/// Decide from a comparison: structural evidence of difference wins over
/// any score, and a merge needs distinctive parts, not only a high score.
fn decide(cmp: &Comparison, cfg: &MatchConfig) -> Decision {
    if cmp.strong_difference() {
        Decision::Different
    } else if cmp.score >= cfg.threshold && cmp.sufficient {
        Decision::Same
    } else if cmp.score >= cfg.review_band {
        Decision::Review
    } else {
        Decision::Different
    }
}

/// Compare two names and explain the decision.
pub fn match_names(a: &str, b: &str, cfg: &MatchConfig) -> MatchResult {
    result(&Prepared::new(a), &Prepared::new(b), cfg)
}

/// Names prepared together, so that a comparison knows which parts are rare
/// among them (the subset rule): [`match_names`] in the context of a
/// dataset. Used to explain why two names of a dataset were or were not
/// merged.
pub struct NameSet {
    prepared: Vec<Prepared>,
}

impl NameSet {
    /// Prepares `names` together, counting which parts are rare among them.
    pub fn new(names: &[&str]) -> Self {
        let mut prepared: Vec<Prepared> = names.iter().map(|n| Prepared::new(n)).collect();
        // A name given twice counts once among the names holding a part.
        let mut keys = rustc_hash::FxHashSet::default();
        let first: Vec<bool> = prepared
            .iter()
            .map(|p| keys.insert(p.key.clone()))
            .collect();
        lexicon::Lexicon::new(&mut prepared).mark_rare_parts(&mut prepared, |i| first[i]);
        NameSet { prepared }
    }

    /// Compare the names at two indices; `None` if either is out of range.
    pub fn match_pair(&self, a: usize, b: usize, cfg: &MatchConfig) -> Option<MatchResult> {
        let (pa, pb) = (self.prepared.get(a)?, self.prepared.get(b)?);
        Some(result(pa, pb, cfg))
    }
}

fn result(pa: &Prepared, pb: &Prepared, cfg: &MatchConfig) -> MatchResult {
    let cmp = compare(pa, pb);
    let decision = decide(&cmp, cfg);
    let details = Explanation::of(pa, pb, &cmp);
    let verdict = match decision {
        Decision::Same => "same person",
        Decision::Different => "different people",
        Decision::Review => "needs review",
    };
    MatchResult {
        score: cmp.score,
        decision,
        explanation: format!("{verdict}: {details}"),
        details,
    }
}

/// The normalised comparison key of a name (for display, grouping identical
/// spellings, `--verbose`): canonical parts in given-name-first order,
/// titles left out, e.g. `MUHAXHERI, Lavdrim` → `lavdrim muhajiri`.
pub fn normalise(name: &str) -> String {
    structure::parse(name).key()
}

/// Parse a name into its structural parts.
pub fn parse(name: &str) -> NameParts {
    structure::parse(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decision(a: &str, b: &str) -> Decision {
        match_names(a, b, &MatchConfig::default()).decision
    }

    #[test]
    fn spelling_variants_merge() {
        assert_eq!(
            decision("Osama bin Laden", "Usama bin Ladin"),
            Decision::Same
        );
        assert_eq!(
            decision("Ayman al-Zawahiri", "Ayman al-Zawahri"),
            Decision::Same
        );
        assert_eq!(
            decision("MUHAXHERI, Lavdrim", "Lavdrim Muhaxheri"),
            Decision::Same
        );
    }

    #[test]
    fn an_e_for_a_or_i_is_a_spelling_even_in_short_words() {
        // Arabic has no `e`: Maghrebi and Persian spellings write one for
        // an `a` or `i`, also in words of four letters or less.
        for (a, b) in [
            ("Hafiz Mahmoud Khen", "Hafiz Mahmoud Khan"),
            ("Abbes al-Maghribi", "Abbas al-Maghribi"),
            ("Bilel Hisham al-Tunisi", "Bilal Hisham al-Tunisi"),
        ] {
            assert_eq!(decision(a, b), Decision::Same, "{a} / {b}");
        }
        // Which vowel it is still tells short names apart.
        assert_ne!(
            match_names("Anas Kurdi", "Anis Kurdi", &MatchConfig::default()).score,
            1.0
        );
    }

    #[test]
    fn structure_keeps_people_apart() {
        assert_eq!(
            decision("Usama al-Muhajir", "Abu Usama al-Muhajir"),
            Decision::Different
        );
        assert_eq!(
            decision("Muhammad bin Ali", "Ali bin Muhammad"),
            Decision::Different
        );
        assert_ne!(
            decision("Abu Muhammad al-Adnani", "Abu Muhammad al-Julani"),
            Decision::Same
        );
    }

    #[test]
    fn explanation_names_the_parts() {
        let r = match_names(
            "Usama al-Muhajir",
            "Abu Usama al-Muhajir",
            &MatchConfig::default(),
        );
        assert!(r.explanation.contains("kunya"), "{}", r.explanation);
    }

    #[test]
    fn odd_strings_do_not_panic() {
        let long = "Muhammad ".repeat(1200);
        let odd = [
            "",
            "  ",
            "🙂",
            "محمد بن علي",
            ",",
            "al",
            "abu",
            "bin",
            "b.",
            "-",
            long.as_str(),
        ];
        for a in odd {
            for b in odd {
                let r = match_names(a, b, &MatchConfig::default());
                assert!(r.score.is_finite());
            }
            let _ = normalise(a);
            let _ = parse(a).describe();
        }
    }
}
