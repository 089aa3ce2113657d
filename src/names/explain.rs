//! Why two names compare as they do, in words: the parses, the aligned
//! parts and how they match, what is left over, what counted against.
//!
//! One [`Explanation`] serves both the one-line form of merges and
//! ambiguities (its `Display`) and the readable block of `claimlint match`.
//! Names with only plain given and family names (`Denis Cuspert`) are
//! described in plain words; `ism`, `nisba` and `kunya` are for names that
//! have that structure.

use std::fmt;

use serde::Serialize;

use super::similarity::{Comparison, Prepared, PreparedToken, MAX_TOKENS};
use super::structure::{plain_label, Role};
use super::variants::{nisba_forms, spelled_as_one_word};

/// A comparison explained, part by part.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Explanation {
    /// Each name's normalised key.
    pub keys: [String; 2],
    /// Each name's parts by role.
    pub parts: [String; 2],
    /// Aligned parts: `role word ~ role word (how)`.
    pub aligned: Vec<String>,
    /// Parts of each name without a partner.
    pub unmatched: [Vec<String>; 2],
    /// Evidence of difference.
    pub against: Vec<String>,
    /// Everything else worth saying (sufficiency, compounds, caps).
    pub notes: Vec<String>,
    /// The score.
    pub score: f64,
}

impl Explanation {
    /// The explanation of `cmp`, the comparison of `a` and `b`.
    pub fn of(a: &Prepared, b: &Prepared, cmp: &Comparison) -> Self {
        let plain = plain_words(a) && plain_words(b);
        let label = |role: Role| {
            if plain {
                plain_label(role)
            } else {
                role_name(role)
            }
        };
        let aligned = cmp
            .aligned
            .iter()
            .map(|&(i, j, s)| {
                let (ta, tb) = (&a.tokens[i], &b.tokens[j]);
                format!(
                    "{} {} ~ {} {} ({})",
                    label(ta.role),
                    ta.word.canonical,
                    label(tb.role),
                    tb.word.canonical,
                    how(ta, tb, s)
                )
            })
            .collect();
        let leftover = |p: &Prepared, side: usize| -> Vec<String> {
            p.tokens
                .iter()
                .enumerate()
                .filter(|(k, _)| {
                    !cmp.aligned
                        .iter()
                        .any(|&(i, j, _)| if side == 0 { i == *k } else { j == *k })
                        && !cmp
                            .split
                            .iter()
                            .any(|&(in_a, _, second)| in_a == (side == 1) && second == *k)
                })
                .map(|(_, t)| format!("{} {}", label(t.role), t.word.canonical))
                .collect()
        };
        // Conflicts without clear evidence lower the score but rule nothing
        // out (see `similarity::clear_evidence`).
        let against = cmp
            .conflicts
            .iter()
            .map(|c| {
                if cmp.veto {
                    c.describe().to_string()
                } else {
                    format!("{} (not ruling out)", c.describe())
                }
            })
            .collect();
        Explanation {
            keys: [a.key.to_string(), b.key.to_string()],
            parts: [a.describe_labelled(plain), b.describe_labelled(plain)],
            aligned,
            unmatched: [leftover(a, 0), leftover(b, 1)],
            against,
            notes: notes(a, b, cmp),
            score: cmp.score,
        }
    }
}

/// What else decided the comparison.
fn notes(a: &Prepared, b: &Prepared, cmp: &Comparison) -> Vec<String> {
    let mut notes = Vec::new();
    for &(in_a, compound, second) in &cmp.split {
        let (x, y) = if in_a { (a, b) } else { (b, a) };
        notes.push(format!(
            "{} is one word for two ({} {})",
            x.tokens[compound].word.canonical,
            y.tokens[second - 1].word.canonical,
            y.tokens[second].word.canonical
        ));
    }
    if cmp.rare_anchor {
        notes.push(
            "the shorter name is contained in the longer one, with a part rare in this dataset"
                .to_string(),
        );
    }
    if cmp.initials_differ {
        notes.push(
            "both carry initials and one has an initial the other lacks (a father and son are often told apart by them alone)"
                .to_string(),
        );
    } else if !cmp.sufficient && cmp.conflicts.is_empty() {
        notes.push("not enough distinctive parts agree (a shared nisba, generic kunya or single name is not identity)".to_string());
    }
    for p in [a, b] {
        if p.left_out > 0 {
            notes.push(format!(
                "'{}' has {} more parts than the first {MAX_TOKENS}, which alone are compared",
                p.key, p.left_out
            ));
        }
    }
    notes
}

/// How two aligned words match: the same spelling, only the vowels
/// differ, a spelling variant of the consonants (`Gadafi`/`Qadhafi`: `g`
/// for `q`, `d` for `dh`), a Latin spelling of an Arabic-script word, or
/// only a similar string.
fn how(ta: &PreparedToken, tb: &PreparedToken, similarity: f64) -> String {
    let (x, y) = (&ta.word.canonical, &tb.word.canonical);
    if x == y {
        return "same".to_string();
    }
    if ta.word.arabic != tb.word.arabic {
        // Its letters, written in Latin (see `names::arabic`).
        return format!("Arabic script {similarity:.2}");
    }
    let spelled = spelled_as_one_word(x, y);
    if !spelled && nisba_forms(x, y) {
        return "one nisba, written another way".to_string();
    }
    let consonants = |w: &str| -> String {
        w.chars()
            .filter(|c| !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u'))
            .collect()
    };
    if consonants(x) == consonants(y) {
        return "vowel variant".to_string();
    }
    if spelled && similarity >= 0.84 {
        "spelling variant".to_string()
    } else {
        format!("similar {similarity:.2}")
    }
}

/// A name of plain given and family names only: no kunya, nasab, nisba or
/// article, nothing Arabic grammar would label.
fn plain_words(p: &Prepared) -> bool {
    !p.tokens.is_empty()
        && p.tokens.iter().all(|t| {
            matches!(
                t.role,
                Role::Ism | Role::Given | Role::Surname | Role::Initial
            ) && !t.article
                && t.word.halves.is_none()
                && !t.word.canonical.starts_with("abd")
        })
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Title => "title",
        Role::Kunya => "kunya",
        Role::Ism => "ism",
        Role::Given => "given",
        Role::Nasab => "nasab",
        Role::Nisba => "nisba",
        Role::Surname => "surname",
        Role::Initial => "initial",
    }
}

/// The one-line form: `'key' [parts] vs 'key' [parts]: aligned …; …`.
impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "'{}' [{}] vs '{}' [{}]: ",
            self.keys[0], self.parts[0], self.keys[1], self.parts[1]
        )?;
        if self.aligned.is_empty() {
            f.write_str("no parts align")?;
        } else {
            write!(f, "aligned {}", self.aligned.join(", "))?;
        }
        let [left_a, left_b] = &self.unmatched;
        if !left_a.is_empty() || !left_b.is_empty() {
            write!(
                f,
                "; unmatched: [{}] / [{}]",
                left_a.join(", "),
                left_b.join(", ")
            )?;
        }
        for against in &self.against {
            write!(f, "; against: {against}")?;
        }
        for note in &self.notes {
            write!(f, "; {note}")?;
        }
        write!(f, "; score {:.3}", self.score)
    }
}
