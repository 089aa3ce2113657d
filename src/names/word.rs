//! What a canonical word alone determines, computed once per word.

use std::sync::Arc;

use super::arabic;
use super::variants::{
    canonical_token, common_name, consonant_units, is_generic, skeleton, vowel_key, WordShape,
};

/// The canonical spelling of a word in any script: an Arabic-script
/// spelling of a common name is that name in Latin letters (`محمد` is
/// `muhammad`); other words as [`canonical_token`] writes them.
pub fn canonical_word(token: &str) -> String {
    match arabic::common_name(token) {
        Some(canon) => canon.to_string(),
        None => canonical_token(token),
    }
}

/// The blocking skeleton of a canonical word in any script: Arabic script
/// under the Latin consonant classes of its letters, beside its Latin
/// spellings; other words as [`skeleton`] writes them.
pub fn skeleton_of(canonical: &str) -> String {
    if arabic::is_arabic(canonical) {
        arabic::skeleton(canonical)
    } else {
        skeleton(canonical)
    }
}

/// What a canonical word alone determines: a dataset repeats the same few
/// thousand words in a million names, so each is folded once per thread
/// (with the word's [`super::structure`] lexeme) and shared by every token
/// that spells it.
#[derive(Debug, PartialEq)]
pub struct WordData {
    pub canonical: String,
    pub vowel_key: String,
    pub skeleton: String,
    /// Holds letters of Arabic script, compared with Latin spellings by
    /// [`super::arabic::similarity`].
    pub arabic: bool,
    /// One of the known common names (`COMMON_NAME_VARIANTS`).
    pub common: bool,
    /// A generic word (see [`is_generic`]).
    pub generic: bool,
    /// Consonant units and first vowel (see [`same_word`]); `None` for
    /// other scripts.
    pub units: Option<WordShape>,
    /// The units of the word without a leading `al`/`el` (`alfaqih` →
    /// `faqih`), for an article written into the other word.
    pub units_without_article: Option<WordShape>,
    /// A compound with a name of God (`inayatalrahman`, `salahaldin`,
    /// `nasrallah`): its first half and the second half's word, so that
    /// it can be compared with the two written apart (`Inayat Rahman`).
    pub halves: Option<(String, &'static str)>,
    /// A compound's second half written as a word of its own (`REHMAN,
    /// Inayat` for `Inayat-ur-Rehman`, `ULLAH, Aman`): a split compound,
    /// not a family name.
    pub compound_tail: bool,
    /// A Pashtun tribe name (`Noorzai`, `Alizai`, `Sulaimankhel`; see
    /// [`is_tribe_name`]).
    pub tribe: bool,
}

impl WordData {
    pub fn of(canonical: &str) -> Arc<WordData> {
        Arc::new(WordData {
            canonical: canonical.to_string(),
            vowel_key: vowel_key(canonical),
            skeleton: skeleton_of(canonical),
            arabic: arabic::is_arabic(canonical),
            common: common_name(canonical).is_some(),
            generic: is_generic(canonical),
            units: consonant_units(canonical),
            units_without_article: canonical
                .strip_prefix("al")
                .or_else(|| canonical.strip_prefix("el"))
                .filter(|rest| rest.len() >= 3)
                .and_then(consonant_units),
            halves: compound_halves(canonical),
            compound_tail: is_compound_tail(canonical),
            tribe: is_tribe_name(canonical),
        })
    }
}

/// The second halves of compounds as `structure` writes them, and the word
/// each is written as alone.
const COMPOUND_TAILS: &[(&str, &str)] = &[
    ("alrahman", "rahman"),
    ("aldin", "din"),
    ("allah", "allah"),
    ("alhaq", "haq"),
];

/// Whether a word alone is a compound's second half, in any vowels
/// (`rahman`, `rehman`, `ullah`, `allah`, `din`, `deen`, `haq`).
fn is_compound_tail(canonical: &str) -> bool {
    let key = vowel_key(canonical);
    COMPOUND_TAILS
        .iter()
        .any(|&(_, alone)| vowel_key(&canonical_token(alone)) == key)
}

/// Whether a word is a Pashtun tribe name: `-zai`/`-zay` (`Noorzai`,
/// `Achekzai`, `Alizai`) or `-khel`/`-khail` (`Sulaimankhel`) after a
/// stem of three letters or more. A list writes a man's tribe, or his
/// sub-tribe, where a family name would stand: an affiliation of which
/// one person may carry several, as of nisbas, not a family name.
fn is_tribe_name(canonical: &str) -> bool {
    ["zay", "zai", "khel", "khayl", "khail", "kheyl"]
        .iter()
        .any(|suffix| {
            canonical
                .strip_suffix(suffix)
                .is_some_and(|stem| stem.len() >= 3)
        })
}

/// The halves of a compound canonical word, if it is one (not `abd…`: its
/// first half says nothing).
fn compound_halves(canonical: &str) -> Option<(String, &'static str)> {
    COMPOUND_TAILS.iter().find_map(|&(tail, alone)| {
        let head = canonical.strip_suffix(tail)?;
        (head.len() >= 3 && !head.starts_with("abd")).then(|| (head.to_string(), alone))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_script_is_filed_and_named_beside_its_latin_spellings() {
        assert_eq!(skeleton_of("محمد"), skeleton_of("muhamad"));
        assert_eq!(canonical_word("محمد"), canonical_word("Mohammed"));
        assert_eq!(skeleton_of("李明"), "李明");
    }
}
