//! The first phase of clustering: the names of every group, read once.
//!
//! A large dataset repeats the same `who` in many claims, so each distinct
//! spelling is parsed once, and the spellings that normalise to one key are
//! one *name*. Names are numbered in the order of their keys, so that name
//! ids, and everything ordered by them, depend on neither the threads nor
//! the order of the records; a name is shown as its first spelling.

use crate::collections::{IdIndex, Rows};
use crate::names::lexicon::Lexicon;
use crate::names::similarity::Prepared;
use rayon::prelude::*;

/// No name: a spelling with nothing to compare.
const NO_NAME: u32 = u32::MAX;

/// The distinct names of the groups, and which groups hold which.
pub(super) struct Names<'n> {
    /// Each name's first spelling, trimmed: how the name is shown.
    pub display: Vec<&'n str>,
    /// Each name parsed from its first spelling, with its rare parts marked.
    pub prepared: Vec<Prepared>,
    /// The canonical words of all the names, numbered.
    pub words: Lexicon,
    /// Per group, its distinct names in the order given.
    pub names_of_group: Rows,
    /// Per name, the groups it appears in, in group order.
    pub groups_of_name: Rows,
}

impl<'n> Names<'n> {
    /// Reads the names of `groups`. A spelling with nothing to compare
    /// (emoji, punctuation) is no name: it stays with its own group only.
    pub(super) fn of_groups<G: AsRef<[&'n str]> + Sync>(groups: &[G]) -> Self {
        let (spellings, spelling_of_entry) = distinct_spellings(groups);
        let parsed: Vec<Prepared> = spellings.par_iter().map(|n| Prepared::new(n)).collect();
        let numbered = NameNumbers::of_spellings(&parsed, &spellings);
        let (names_of_group, groups_of_name) = relate(
            groups,
            &spelling_of_entry,
            &numbered.name_of_spelling,
            numbered.display.len(),
        );
        let mut prepared = first_spellings(parsed, &numbered.spelling_of_name);
        let words = Lexicon::new(&mut prepared);
        // Names are distinct by key here: every one counts.
        words.mark_rare_parts(&mut prepared, |_| true);
        Names {
            display: numbered.display,
            prepared,
            words,
            names_of_group,
            groups_of_name,
        }
    }
}

/// The distinct spellings of all the groups' names, in order of first
/// appearance, and the spelling of every name of every group, flat.
fn distinct_spellings<'n, G: AsRef<[&'n str]>>(groups: &[G]) -> (Vec<&'n str>, Vec<u32>) {
    let entries: Vec<&str> = groups.iter().flat_map(AsRef::as_ref).copied().collect();
    let (spelling_of_entry, spelling_count) = IdIndex::number_distinct(&entries, |s| s);
    let mut spellings: Vec<&str> = Vec::with_capacity(spelling_count);
    for (&entry, &spelling) in entries.iter().zip(&spelling_of_entry) {
        if spelling as usize == spellings.len() {
            spellings.push(entry);
        }
    }
    (spellings, spelling_of_entry)
}

/// Names numbered from their spellings.
struct NameNumbers<'n> {
    /// The name of every spelling, or [`NO_NAME`].
    name_of_spelling: Vec<u32>,
    /// Each name's first spelling, trimmed.
    display: Vec<&'n str>,
    /// Each name's first spelling, by number.
    spelling_of_name: Vec<u32>,
}

impl<'n> NameNumbers<'n> {
    /// Distinct normalised names, numbered in the order of their keys;
    /// each remembers its first spelling. The order of the keys, not of the
    /// input, so that everything ordered by name ids (ties of equal scores
    /// best first, the names each phase visits in turn) is the same however
    /// the records are ordered: the same data gives the same people.
    fn of_spellings(parsed: &[Prepared], spellings: &[&'n str]) -> Self {
        let (key_of_spelling, keys) = IdIndex::number_distinct(parsed, |p| &p.key);
        // Each key's first spelling (keys are numbered in the order of
        // their first spellings).
        let mut first_of_key: Vec<u32> = Vec::with_capacity(keys);
        for (spelling, &key) in key_of_spelling.iter().enumerate() {
            if key as usize == first_of_key.len() {
                first_of_key.push(spelling as u32);
            }
        }
        // Every key is a name but the empty one (emoji, punctuation:
        // nothing to compare).
        let key_text = |key: u32| &*parsed[first_of_key[key as usize] as usize].key;
        let mut by_text: Vec<u32> = (0..keys as u32)
            .filter(|&key| !key_text(key).is_empty())
            .collect();
        by_text.par_sort_unstable_by(|&x, &y| key_text(x).cmp(key_text(y)));
        let mut name_of_key = vec![NO_NAME; keys];
        for (name, &key) in by_text.iter().enumerate() {
            name_of_key[key as usize] = name as u32;
        }
        let name_of_spelling: Vec<u32> = key_of_spelling
            .par_iter()
            .map(|&k| name_of_key[k as usize])
            .collect();
        let spelling_of_name: Vec<u32> = by_text
            .iter()
            .map(|&key| first_of_key[key as usize])
            .collect();
        let display = spelling_of_name
            .iter()
            .map(|&spelling| spellings[spelling as usize].trim())
            .collect();
        NameNumbers {
            name_of_spelling,
            display,
            spelling_of_name,
        }
    }
}

/// Which names each group holds, and which groups each of `names` names is
/// in. Both relations are mostly one-to-one, so they are kept flat.
fn relate<'n, G: AsRef<[&'n str]>>(
    groups: &[G],
    spelling_of_entry: &[u32],
    name_of_spelling: &[u32],
    names: usize,
) -> (Rows, Rows) {
    let mut name_in_group: Vec<(u32, u32)> = Vec::with_capacity(groups.len());
    let mut names_of_group = Rows::with_capacity(groups.len());
    let mut entries = spelling_of_entry.iter();
    for (g, group) in groups.iter().enumerate() {
        let g = g as u32;
        for &spelling in entries.by_ref().take(group.as_ref().len()) {
            let id = name_of_spelling[spelling as usize];
            if id == NO_NAME {
                continue;
            }
            if !names_of_group.last_row().contains(&id) {
                names_of_group.push_to_last(id);
                name_in_group.push((id, g));
            }
        }
        names_of_group.end_row();
    }
    let groups_of_name = Rows::grouped(names, &name_in_group);
    (names_of_group, groups_of_name)
}

/// The parsed first spelling of each name, which stands for it, in the
/// order of the names; the other spellings go (in parallel: dropping 600k
/// names is not free).
fn first_spellings(parsed: Vec<Prepared>, spelling_of_name: &[u32]) -> Vec<Prepared> {
    let mut name_of_first = vec![NO_NAME; parsed.len()];
    for (name, &s) in spelling_of_name.iter().enumerate() {
        name_of_first[s as usize] = name as u32;
    }
    let mut firsts: Vec<(u32, Prepared)> = parsed
        .into_par_iter()
        .zip(name_of_first)
        .filter(|&(_, name)| name != NO_NAME)
        .map(|(prepared, name)| (name, prepared))
        .collect();
    firsts.par_sort_unstable_by_key(|&(name, _)| name);
    firsts
        .into_par_iter()
        .map(|(_, prepared)| prepared)
        .collect()
}
