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
//! namesake's names are offered to one person too (see
//! [`super::namesakes::fits`]); and the name's family name must not be one
//! that many people of the dataset carry (`AL-BAKRI, Hasan` among a dozen
//! al-Bakris), counted in people as the clusters stand, not in names: one
//! man's many spellings of `Rahman` make it no common surname. A common
//! family name is no bar when the name's own name is distinctive (`SAEED,
//! Talha` in `SAEED, Mohammad Talha`): the own name then anchors it. Cannot-links
//! and births that cannot both hold still keep the two apart.

use super::lifted::people_offered;
use super::namesakes::{family_words, worded};
use super::score::{Edge, LaidOut};
use super::Run;
use crate::collections::Rows;
use crate::names::lexicon::{RARE_MAX_NAMES, RARE_SHARE};
use crate::names::similarity::{Inside, Prepared};
use crate::names::{Decision, Role};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeMap;

impl<'n, G: AsRef<[&'n str]> + Sync> Run<'_, 'n, G> {
    /// Joins each name whose review-band candidates all belong to one other
    /// person to that person, when one of those links
    /// [fits](super::namesakes::fits).
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
            let prepared = names.get(name as usize);
            if family_words(prepared).any(|w| common.contains(&w))
                && !own_name_distinctive(prepared)
            {
                continue;
            }
            // An offer already with the name's person: the review band
            // links it to its own as well as to another.
            let partners = offers.iter().map(|&(other, _)| other);
            let Some(offered) = people_offered(
                &mut self.clusters,
                roots_of_name,
                name,
                partners,
                &mut lifted,
            ) else {
                continue;
            };
            if let ([mine], [(theirs, _)]) = (offered.own.as_slice(), offered.people.as_slice()) {
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

/// Whether the name's own name says who on its own: a given name that is
/// not a common one and that few names of the dataset carry (`Talha` in
/// `SAEED, Talha`, not `Hasan` in `AL-BAKRI, Hasan`). A common family name
/// then only places the man; his own name is the anchor.
fn own_name_distinctive(name: &Prepared) -> bool {
    name.tokens.iter().any(|t| {
        matches!(t.role, Role::Given | Role::Ism) && !t.family && !t.word.common && !t.frequent
    })
}
