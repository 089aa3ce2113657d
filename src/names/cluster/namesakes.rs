//! Links a namesake would not make.
//!
//! A review-band link may join a name to the one person the review band
//! offers it ([`super::sole_candidate`]). But a namesake's names are
//! offered to one person too (`Abd al-Malik ibn Faruq` inside `Abd
//! al-Malik ibn Faruq ibn Hatim`, his cousin), so the link itself must be
//! one a namesake would not make. It [`fits`] only when:
//!
//! * both names have two words or more and are not a kunya alone (a single
//!   word or a kunya never joins on its own, requirement 5);
//! * two aligned parts say who: not an origin, a kunya or an initial (a
//!   nisba one list form gives as the family name says who);
//! * family names are aligned to the same word or to a close spelling of
//!   it (`ALIQ` / `ALEIK`, `HALAWI` / `HILLAWI`), not to a merely similar
//!   word: a family name with another vowel or the nisba's ending, or with
//!   another letter in Arabic script, is where namesakes differ (`AMAN` /
//!   `AMIN`, `SALEH` / `SALEHI`, `زاهد` / `زاده`);
//! * no own name stands against a father's (`Abbas` against `ibn Abbas`),
//!   and, unless both are written `SURNAME, Given Names`, every word is in
//!   the same place of both names (a list's given names are personal names,
//!   `JAFARI, Ali` in `JAFARI, Mohammad Ali`; written out, `Ilyas Abd
//!   al-Basit` is the son of `Abd al-Basit`);
//! * only one side has words the other lacks, and none of them is a named
//!   forefather (`ibn Hatim`): a forefather one name adds is where cousins
//!   differ.

use crate::names::similarity::{Comparison, Prepared, PreparedToken, SAME_WORD_MIN};
use crate::names::Role;

/// Whether the review-band link of `a` and `b`, compared as `cmp`, may join
/// the two when it is the only person on offer (see the module docs).
pub(super) fn fits(a: &Prepared, b: &Prepared, cmp: &Comparison) -> bool {
    if !worded(a) || !worded(b) {
        return false;
    }
    let pairs = || {
        cmp.aligned
            .iter()
            .map(|&(i, j, _)| (&a.tokens[i], &b.tokens[j]))
    };
    let family_respelled = cmp.aligned.iter().any(|&(i, j, s)| {
        let (x, y) = (&a.tokens[i], &b.tokens[j]);
        let (p, q) = (&x.word.canonical, &y.word.canonical);
        // Arabic script writes a family name one way: another letter there
        // is another name (`زاهد` / `زاده`), not a transliteration.
        let script = x.word.arabic || y.word.arabic;
        (family(x) || family(y))
            && p != q
            && (s < SAME_WORD_MIN || script || with_nisba_ending(p, q) || with_nisba_ending(q, p))
    });
    // A list's `SURNAME, Given Names` gives personal names, where `Ali`
    // may stand for `Mohammad Ali` and the surname may be a father's name;
    // written out, `Ilyas Abd al-Basit` is Ilyas son of Abd al-Basit, and
    // a last name is read as a family name only by its place.
    let listed = a.comma_form() && b.comma_form();
    let generation = pairs().any(|(x, y)| {
        let explicit = matches!(
            (x.role, y.role),
            (Role::Ism, Role::Nasab) | (Role::Nasab, Role::Ism)
        );
        explicit || !listed && moved(x.role, y.role)
    });
    let says_who = |t: &PreparedToken| match t.role {
        Role::Kunya | Role::Initial | Role::Title => false,
        Role::Nisba => t.family,
        Role::Ism | Role::Given | Role::Nasab | Role::Surname => true,
    };
    // A nisba one list gives as the family name (`AL-HALABI, Abdallah`)
    // says who on both sides.
    let family_nisba = |x: &PreparedToken, y: &PreparedToken| {
        x.role == Role::Nisba && y.role == Role::Nisba && (x.family || y.family)
    };
    let who = pairs()
        .filter(|(x, y)| says_who(x) && says_who(y) || family_nisba(x, y))
        .count();
    if family_respelled || generation || who < 2 {
        return false;
    }
    let (left_a, left_b) = left_over(a, b, cmp);
    let forefather =
        |p: &Prepared, left: &[usize]| left.iter().any(|&i| p.tokens[i].role == Role::Nasab);
    (left_a.is_empty() || left_b.is_empty()) && !forefather(a, &left_a) && !forefather(b, &left_b)
}

/// `word` is `stem`, however its vowels are written, with the nisba's
/// `-i` after its last consonant (`Salehi` of `Saleh`, `salih`): a close
/// spelling, but another family's name as often as the same one's.
fn with_nisba_ending(word: &str, stem: &str) -> bool {
    let Some(body) = word.strip_suffix(['i', 'y']) else {
        return false;
    };
    let last = |w: &str| w.chars().last();
    let consonant =
        |c: Option<char>| c.is_some_and(|c| !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y'));
    consonant(last(stem)) && last(body) == last(stem)
}

/// A family name: a surname, or a nisba written as the family name.
fn family(t: &PreparedToken) -> bool {
    t.role == Role::Surname || (t.role == Role::Nisba && t.family)
}

/// Two aligned words in different places of a name written out: an own
/// name against a father's, or a family name against a given one.
fn moved(x: Role, y: Role) -> bool {
    let own = |r: Role| r == Role::Ism;
    let family = |r: Role| matches!(r, Role::Surname | Role::Nisba);
    own(x) != own(y) || family(x) != family(y)
}

/// The family names of a name, by their number in the lexicon (one number
/// a canonical spelling).
pub(super) fn family_words(name: &Prepared) -> impl Iterator<Item = u32> + '_ {
    name.tokens.iter().filter(|t| family(t)).map(|t| t.id)
}

/// Two words or more, and not a kunya alone (titles are not words here).
pub(super) fn worded(name: &Prepared) -> bool {
    name.tokens.len() >= 2 && !name.tokens.iter().all(|t| t.role == Role::Kunya)
}

/// The parts of `a` and of `b` that nothing on the other side matched (a
/// compound's halves written apart are matched).
fn left_over(a: &Prepared, b: &Prepared, cmp: &Comparison) -> (Vec<usize>, Vec<usize>) {
    let mut used_a = vec![false; a.tokens.len()];
    let mut used_b = vec![false; b.tokens.len()];
    for &(i, j, _) in &cmp.aligned {
        used_a[i] = true;
        used_b[j] = true;
    }
    for &(compound_in_a, _, half) in &cmp.split {
        let used = if compound_in_a {
            &mut used_b
        } else {
            &mut used_a
        };
        if let Some(u) = used.get_mut(half) {
            *u = true;
        }
    }
    let unused = |used: &[bool]| (0..used.len()).filter(|&i| !used[i]).collect();
    (unused(&used_a), unused(&used_b))
}

#[cfg(test)]
mod tests {
    use super::fits;
    use crate::names::similarity::{compare, Prepared};

    fn fit(a: &str, b: &str) -> bool {
        let (a, b) = (Prepared::new(a), Prepared::new(b));
        fits(&a, &b, &compare(&a, &b))
    }

    #[test]
    fn a_name_inside_another_or_respelled_word_for_word_fits() {
        assert!(fit("QASIMI, Hamed", "QASIMI, Ahmed Mohammed Hamed"));
        assert!(fit("JAFARI, Ali", "JAFARI, Mohammad Ali"));
        assert!(fit("QASIMI, Kassem Hamed", "QASIMI, Qasim Hamid"));
        // A family name respelled closely: a doubled letter, a short vowel.
        assert!(fit("HALAWI, Hani Tawfiq", "HILLAWI, Jamal Hani Tawfiq"));
    }

    #[test]
    fn what_namesakes_share_does_not_fit() {
        // A forefather one name adds: cousins.
        assert!(!fit(
            "Abdulmalik bin Farouk al-Britani",
            "Abd al-Malik ibn Faruq ibn Hatim al-Britani"
        ));
        // An own name against a father's: son and father; written out, also
        // without `ibn`, and a family name against a father's.
        assert!(!fit("Abbas al-Mashhadani", "Nasir ibn Abbas al-Mashhadani"));
        assert!(!fit("Abbas al-Mashhadani", "Nasir Abbas al-Mashhadani"));
        assert!(!fit("Harun Mansur", "Harun ibn Mansur al-Uzbeki"));
        // A family name spelled otherwise.
        assert!(!fit("AMAN, Mohammed", "AL AMIN, Mohammad"));
        assert!(!fit("SALEHI, Ali", "SALEH, Ali Mohamad"));
        assert!(!fit("محمد زاهد", "محمد اسحاق آخوند زاده"));
        // Words left over on both sides.
        assert!(!fit("QASIMI, Hamed Yusuf", "QASIMI, Ahmed Hamed"));
        // A single word, a kunya alone, or only an origin and a kunya
        // agreeing.
        assert!(!fit("QASIMI", "QASIMI, Hamed"));
        assert!(!fit("Abu Hamza", "Abu Hamza al-Masri"));
        assert!(!fit("Abu Hamza al-Masri", "Abu Hamza Yusuf al-Masri"));
    }
}
