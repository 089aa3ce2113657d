//! Greek script in Latin letters, by ELOT 743 (ISO 843), the transcription
//! Greek passports and the EU's lists use: `Μητσοτάκης` → `mitsotakis`,
//! `Ευάγγελος` → `evangelos`, `Μπακογιάννη` → `bakogianni`.
//!
//! Unlike Cyrillic, Greek is not written letter by letter: some pairs are
//! one sound (`ου` is `ou`, `γγ` is `ng`, `μπ` first in a word is `b`) and
//! `υ` after `α`, `ε`, `η` is `v` or `f` by the sound that follows.
//! Accents are dropped; a diaeresis keeps two letters apart (`Αϋπνία`:
//! `a` + `y`, not `av`).

use unicode_normalization::UnicodeNormalization;

/// `text` with its Greek letters written in Latin ones, lowercase; `None`
/// when it has none. Other characters pass through.
pub fn romanise(text: &str) -> Option<String> {
    if !text.chars().any(is_greek) {
        return None;
    }
    // Each letter, lowercase, with whether a diaeresis stands on it.
    let mut letters: Vec<(char, bool)> = Vec::with_capacity(text.len());
    for c in text.nfd() {
        match c {
            '\u{308}' => {
                if let Some(last) = letters.last_mut() {
                    last.1 = true;
                }
            }
            // Tonos, the polytonic accents and breathings, iota subscript.
            '\u{301}' | '\u{300}' | '\u{342}' | '\u{313}' | '\u{314}' | '\u{345}' => {}
            c => letters.push((c.to_lowercase().next().unwrap_or(c), false)),
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < letters.len() {
        if let Some(written) = digraph(&letters, i) {
            out.push_str(written);
            i += 2;
            continue;
        }
        let c = letters[i].0;
        match letter(c) {
            Some(written) => out.push_str(written),
            None => out.push(c),
        }
        i += 1;
    }
    Some(out)
}

/// How two letters at `i` that are one sound are written.
fn digraph(letters: &[(char, bool)], i: usize) -> Option<&'static str> {
    let c = letters[i].0;
    // A diaeresis on the second letter says it is a letter of its own.
    let next = letters.get(i + 1).filter(|&&(_, diaeresis)| !diaeresis)?.0;
    let greek_at = |k: usize| letters.get(k).is_some_and(|&(l, _)| is_greek(l));
    let word_start = i == 0 || !greek_at(i - 1);
    let word_end = !greek_at(i + 2);
    let written = match (c, next) {
        ('ο', 'υ') => "ou",
        ('α' | 'ε' | 'η', 'υ') => {
            // `v` before a vowel or a voiced consonant, `f` otherwise.
            let voiced = letters
                .get(i + 2)
                .is_some_and(|&(l, _)| "αεηιουωβγδζλμνρ".contains(l));
            match (c, voiced) {
                ('α', true) => "av",
                ('α', false) => "af",
                ('ε', true) => "ev",
                ('ε', false) => "ef",
                (_, true) => "iv",
                (_, false) => "if",
            }
        }
        ('γ', 'γ') => "ng",
        ('γ', 'κ') => "gk",
        ('γ', 'ξ') => "nx",
        ('γ', 'χ') => "nch",
        ('μ', 'π') if word_start || word_end => "b",
        ('ν', 'τ') if word_start || word_end => "d",
        _ => return None,
    };
    Some(written)
}

/// One lowercase Greek letter in Latin letters.
fn letter(c: char) -> Option<&'static str> {
    Some(match c {
        'α' => "a",
        'β' | 'ϐ' => "v",
        'γ' => "g",
        'δ' => "d",
        'ε' | 'ϵ' => "e",
        'ζ' => "z",
        'η' | 'ι' => "i",
        'θ' | 'ϑ' => "th",
        'κ' | 'ϰ' => "k",
        'λ' => "l",
        'μ' => "m",
        'ν' => "n",
        'ξ' => "x",
        'ο' | 'ω' => "o",
        'π' => "p",
        'ρ' => "r",
        'σ' | 'ς' => "s",
        'τ' => "t",
        'υ' => "y",
        'φ' | 'ϕ' => "f",
        'χ' => "ch",
        'ψ' => "ps",
        _ => return None,
    })
}

/// A letter of the Greek blocks (accented ones decompose into these).
fn is_greek(c: char) -> bool {
    matches!(c, '\u{370}'..='\u{3FF}' | '\u{1F00}'..='\u{1FFF}') && c.is_alphabetic()
}

#[cfg(test)]
mod tests {
    use super::romanise;

    #[test]
    fn greek_names_are_written_as_elot_743_writes_them() {
        for (greek, latin) in [
            ("Κυριάκος Μητσοτάκης", "kyriakos mitsotakis"),
            ("ΑΛΕΞΗΣ ΤΣΙΠΡΑΣ", "alexis tsipras"),
            ("Γιώργος Παπανδρέου", "giorgos papandreou"),
            ("Ευάγγελος Βενιζέλος", "evangelos venizelos"),
            ("Ευθύμιος", "efthymios"),
            ("Σταύρος", "stavros"),
            ("Μπακογιάννη", "bakogianni"),
            ("Ντόρα Λαμπράκη", "dora lampraki"),
            ("Καραμανλής", "karamanlis"),
            ("Αϋπνία", "aypnia"),
            ("Γκίκας", "gkikas"),
        ] {
            assert_eq!(romanise(greek).as_deref(), Some(latin), "{greek}");
        }
    }

    #[test]
    fn text_without_greek_is_left_alone() {
        assert_eq!(romanise("Mitsotakis"), None);
        assert_eq!(romanise("Путин"), None);
        assert_eq!(romanise(""), None);
    }
}
