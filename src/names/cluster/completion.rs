//! Unique completion: a name inside longer names of one person only.
//!
//! `Karim Sarhani` inside `Karim Tawfiq Sarhani` shares two parts, but two
//! common ones may be anyone's. If every longer name that contains it
//! (among the candidate pairs) ended up with one person, the shorter name
//! is that person's too, even on common parts; if they ended up with two
//! or more people, it could be any of them and is reported as ambiguous.

use super::lifted::people_offered;
use super::score::{Edge, LaidOut};
use super::{Ambiguity, Run, MAX_CANDIDATES};
use crate::collections::Rows;
use crate::names::similarity::{lone_kunya, Inside};
use std::collections::BTreeMap;

/// Containing names per contained name, from the edges that found one name
/// inside another.
fn containers(edges: &[Edge]) -> BTreeMap<u32, Vec<u32>> {
    let mut within: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for edge in edges.iter().filter(|e| e.completes) {
        let (small, big) = match edge.inside {
            Inside::FirstInSecond => (edge.a, edge.b),
            Inside::SecondInFirst => (edge.b, edge.a),
            Inside::Neither => continue,
        };
        within.entry(small).or_default().push(big);
    }
    within
}

impl<'n, G: AsRef<[&'n str]> + Sync> Run<'_, 'n, G> {
    /// Joins each contained name to the one person all its containing
    /// names belong to; reports it when they belong to several.
    pub(super) fn complete_contained(
        &mut self,
        edges: &[Edge],
        roots_of_name: &Rows,
        names: &LaidOut,
    ) {
        let mut lifted: Vec<(usize, usize)> = Vec::new();
        for (small, bigs) in containers(edges) {
            // Already with the person of one containing name (on stronger
            // evidence): completing it to another would join the two.
            let Some(offered) =
                people_offered(&mut self.clusters, roots_of_name, small, bigs, &mut lifted)
            else {
                continue;
            };
            match (offered.own.as_slice(), offered.people.as_slice()) {
                ([mine], [(theirs, big)]) => {
                    if lone_kunya(names.get(small as usize)) && !self.stands_alone(small, *mine) {
                        continue;
                    }
                    self.complete(*mine, *theirs, small, *big, names)
                }
                (_, [_, _, ..]) => self.report_completions(small, &offered.people, names),
                _ => {}
            }
        }
    }

    /// Whether `name` is a person of its own: every record that holds it
    /// holds nothing else, and its person (`root`) is those records alone.
    /// A kunya completes only such a name; joined to the records of
    /// another person, it would join two people on a kunya alone
    /// (requirement 5).
    fn stands_alone(&mut self, name: u32, root: usize) -> bool {
        let groups = self.groups_of_name.row(name as usize);
        groups
            .iter()
            .all(|&g| self.names_of_group.row(g as usize).len() == 1)
            && self.clusters.size(root) == groups.len()
    }

    /// Joins the contained name's person to the containing one's, unless a
    /// cannot-link or their births keep them apart.
    fn complete(&mut self, mine: usize, theirs: usize, small: u32, big: u32, names: &LaidOut) {
        let (mine, theirs) = (self.clusters.find(mine), self.clusters.find(theirs));
        if mine == theirs || self.clusters.forbidden(mine, theirs) {
            return;
        }
        if self.clusters.births_apart(mine, theirs) {
            self.ambiguous.push(Ambiguity {
                name: self.display[small as usize].to_string(),
                candidates: vec![self.display[big as usize].to_string()],
                score: names.score(small, big),
                explanation: format!(
                    "every name containing it belongs to one person, but {} ({} against {}): {}",
                    super::births::APART,
                    self.clusters
                        .birth_window(mine)
                        .map_or_else(String::new, super::births::window_words),
                    self.clusters
                        .birth_window(theirs)
                        .map_or_else(String::new, super::births::window_words),
                    names.explain(small, big)
                ),
            });
            return;
        }
        self.clusters.union(mine, theirs);
        let score = names.score(small, big);
        self.explain_merge(small, big, score, names, || {
            "unique completion: every name containing it belongs to one person".to_string()
        });
    }

    /// A contained name that completes names of several people.
    fn report_completions(&mut self, small: u32, people: &[(usize, u32)], names: &LaidOut) {
        let mut candidates: Vec<String> = people
            .iter()
            .map(|&(_, big)| self.display[big as usize].to_string())
            .collect();
        candidates.sort();
        candidates.dedup();
        candidates.truncate(MAX_CANDIDATES);
        self.ambiguous.push(Ambiguity {
            name: self.display[small as usize].to_string(),
            candidates,
            score: names.score(small, people[0].1),
            explanation: format!(
                "contained in the names of {} different people: {}",
                people.len(),
                names.explain(small, people[0].1)
            ),
        });
    }
}
