//! A name with one candidate person joins that person.
//!
//! The matcher leaves in the review band a name that lies inside another on
//! common parts (`JAFARI, Ali` in `JAFARI, Mohammad Ali`, `ALI, Hamed` in
//! `ALI, Ahmed Mohammed Hamed`), or that matches another word for word
//! through spellings it is unsure of (`QASIMI, Kassem Hamed` / `QASIMI,
//! Qasim Hamid`). Such a link alone may be anyone's. But when every name
//! the review band offers for it belongs to one person, that person is the
//! only one it can be, the way unique completion reads contained names on
//! stronger evidence ([`super::completion`]).
//!
//! The link itself must be one a namesake would not make, because a
//! namesake's names are offered to one person too (`Abd al-Malik ibn
//! Faruq` inside `Abd al-Malik ibn Faruq ibn Hatim`, his cousin). So it
//! [`fits`] only when:
//!
//! * both names have two words or more and are not a kunya alone (a single
//!   word or a kunya never joins on its own, requirement 5);
//! * two aligned parts say who: not an origin, a kunya or an initial;
//! * family names are aligned to the same word, not to a spelling of it:
//!   a family name spelled otherwise is where namesakes differ (`AMAN` /
//!   `AMIN`, `SALEH` / `SALEHI`);
//! * no own name stands against a father's (`Abbas` against `ibn Abbas`),
//!   and, unless both are written `SURNAME, Given Names`, every word is in
//!   the same place of both names (a list's given names are personal names,
//!   `JAFARI, Ali` in `JAFARI, Mohammad Ali`; written out, `Ilyas Abd
//!   al-Basit` is the son of `Abd al-Basit`);
//! * only one side has words the other lacks, and none of them is a named
//!   forefather (`ibn Hatim`): a forefather one name adds is where cousins
//!   differ;
//!
//! and the name's family name is not one that many people of the dataset
//! carry (`AL-BAKRI, Hasan` among a dozen al-Bakris), counted in people as
//! the clusters stand, not in names: one man's many spellings of `Rahman`
//! make it no common surname. Cannot-links and births that cannot both
//! hold still keep the two apart.

use super::lifted::lifted_roots;
use super::score::{Edge, LaidOut};
use super::Run;
use crate::collections::Rows;
use crate::names::lexicon::{RARE_MAX_NAMES, RARE_SHARE};
use crate::names::similarity::{Comparison, Inside, Prepared, PreparedToken};
use crate::names::{Decision, Role};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeMap;

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
    let family_respelled =
        pairs().any(|(x, y)| (family(x) || family(y)) && x.word.canonical != y.word.canonical);
    // A list's `SURNAME, Given Names` gives personal names, where `Ali`
    // may stand for `Mohammad Ali` and the surname may be a father's name;
    // written out, `Ilyas Abd al-Basit` is Ilyas son of Abd al-Basit, and
    // a last name is read as a family name only by its place.
    let listed = comma_form(a) && comma_form(b);
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
    let who = pairs().filter(|(x, y)| says_who(x) && says_who(y)).count();
    if family_respelled || generation || who < 2 {
        return false;
    }
    let (left_a, left_b) = left_over(a, b, cmp);
    let forefather =
        |p: &Prepared, left: &[usize]| left.iter().any(|&i| p.tokens[i].role == Role::Nasab);
    (left_a.is_empty() || left_b.is_empty()) && !forefather(a, &left_a) && !forefather(b, &left_b)
}

/// A family name: a surname, or a nisba written as the family name.
fn family(t: &PreparedToken) -> bool {
    t.role == Role::Surname || (t.role == Role::Nisba && t.family)
}

/// Written as `SURNAME, Given Names`.
fn comma_form(name: &Prepared) -> bool {
    name.tokens.iter().any(|t| t.family)
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
fn family_words(name: &Prepared) -> impl Iterator<Item = u32> + '_ {
    name.tokens.iter().filter(|t| family(t)).map(|t| t.id)
}

/// Two words or more, and not a kunya alone (titles are not words here).
fn worded(name: &Prepared) -> bool {
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

impl<'n, G: AsRef<[&'n str]> + Sync> Run<'_, 'n, G> {
    /// Joins each name whose review-band candidates all belong to one other
    /// person to that person, when one of those links [`fits`].
    pub(super) fn join_sole_candidates(
        &mut self,
        edges: &[Edge],
        roots_of_name: &Rows,
        names: &LaidOut,
    ) {
        let worded_edge =
            |e: &&Edge| worded(names.get(e.a as usize)) && worded(names.get(e.b as usize));
        // Per name, what the review band offers it: (name, fits). A name
        // inside another is offered the longer one, not the other way.
        let mut offered: BTreeMap<u32, Vec<(u32, bool)>> = BTreeMap::new();
        for edge in edges
            .iter()
            .filter(|e| e.decision == Decision::Review)
            .filter(worded_edge)
        {
            if edge.inside != Inside::SecondInFirst {
                offered
                    .entry(edge.a)
                    .or_default()
                    .push((edge.b, edge.sole_fit));
            }
            if edge.inside != Inside::FirstInSecond {
                offered
                    .entry(edge.b)
                    .or_default()
                    .push((edge.a, edge.sole_fit));
            }
        }
        offered.retain(|_, offers| offers.iter().any(|o| o.1));
        let families: FxHashSet<u32> = offered
            .keys()
            .flat_map(|&name| family_words(names.get(name as usize)))
            .collect();
        // As many people as may share a rare part (see `lexicon`).
        let many = (roots_of_name.len() / RARE_SHARE).clamp(2, RARE_MAX_NAMES);
        let common = self.carried_by_many(&families, many, roots_of_name, names);
        let mut lifted: Vec<(usize, usize)> = Vec::new();
        for (name, offers) in offered {
            let Some(&(fitting, _)) = offers.iter().find(|o| o.1) else {
                continue;
            };
            if family_words(names.get(name as usize)).any(|w| common.contains(&w)) {
                continue;
            }
            let (mut own, mut people) = (Vec::new(), Vec::new());
            // An offer already with the name's person: the review band
            // links it to its own as well as to another.
            let mut settled = false;
            for &(other, _) in &offers {
                lifted_roots(&mut self.clusters, roots_of_name, name, other, &mut lifted);
                for &(x, y) in &lifted {
                    own.push(x);
                    if x == y {
                        settled = true;
                    } else {
                        people.push(y);
                    }
                }
            }
            own.sort_unstable();
            own.dedup();
            people.sort_unstable();
            people.dedup();
            if let ([mine], [theirs], false) = (own.as_slice(), people.as_slice(), settled) {
                self.join_sole(*mine, *theirs, name, fitting, names);
            }
        }
    }

    /// Which of `words` more than `many` people (clusters, as they stand)
    /// have in a name. The names are read in parallel; a word is counted
    /// only until it is known to be common.
    fn carried_by_many(
        &mut self,
        words: &FxHashSet<u32>,
        many: usize,
        roots_of_name: &Rows,
        names: &LaidOut,
    ) -> FxHashSet<u32> {
        let mut people: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
        if words.is_empty() {
            return FxHashSet::default();
        }
        for (word, id) in names.with_words(words) {
            let carriers = people.entry(word).or_default();
            if carriers.len() > many {
                continue;
            }
            for &root in roots_of_name.row(id as usize) {
                let root = self.clusters.find(root as usize);
                if !carriers.contains(&root) {
                    carriers.push(root);
                }
            }
        }
        people
            .into_iter()
            .filter(|(_, carriers)| carriers.len() > many)
            .map(|(word, _)| word)
            .collect()
    }

    /// Joins the name's person to its sole candidate's, unless a
    /// cannot-link or their births keep them apart.
    fn join_sole(&mut self, mine: usize, theirs: usize, name: u32, other: u32, names: &LaidOut) {
        let (mine, theirs) = (self.clusters.find(mine), self.clusters.find(theirs));
        if mine == theirs
            || self.clusters.forbidden(mine, theirs)
            || self.clusters.births_apart(mine, theirs)
        {
            return;
        }
        self.clusters.union(mine, theirs);
        self.explain_merge(name, other, names.score(name, other), names, || {
            "the only person it can be: every name the review band offers for it belongs to one person".to_string()
        });
    }
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
        // Words left over on both sides.
        assert!(!fit("QASIMI, Hamed Yusuf", "QASIMI, Ahmed Hamed"));
        // A single word, a kunya alone, or only an origin and a kunya
        // agreeing.
        assert!(!fit("QASIMI", "QASIMI, Hamed"));
        assert!(!fit("Abu Hamza", "Abu Hamza al-Masri"));
        assert!(!fit("Abu Hamza al-Masri", "Abu Hamza Yusuf al-Masri"));
    }
}
