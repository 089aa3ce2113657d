//! Weak aliases corroborate; they never merge on their own.
//!
//! A list's weak aliases (UN `Low` quality, OFAC's quoted a.k.a., FtM
//! `weakAlias`) are broad names many people answer to: `Abu Muhammad`,
//! `Hajji`, a first name. Clustering them like any name would join
//! strangers. So they take no part in clustering; afterwards, a link the
//! names alone left in the review band (`Karim Tawfiq Sarhani` ~ `Karim
//! Sarhani`) joins the two people when a weak alias given for one of them
//! is the other's name: two weak signals that point the same way, from
//! sources that did not copy one another's spelling. Only names of two
//! words or more take part (`Faiz` is anyone's), and never against births
//! that cannot both hold.

use super::score::{Edge, LaidOut};
use super::Run;
use crate::collections::Rows;
use crate::names::similarity::{compare, Prepared};
use crate::names::{decide, Decision};
use std::collections::BTreeMap;

/// Each cluster's weak aliases, prepared, with their spelling.
type WeakOfRoot<'w> = BTreeMap<usize, Vec<(Prepared, &'w str)>>;

impl<'n, G: AsRef<[&'n str]> + Sync> Run<'_, 'n, G> {
    /// Joins the two sides of a review-band edge when a weak alias of one
    /// side's records matches the other side's name.
    pub(super) fn corroborate_by_weak_aliases<'w>(
        &mut self,
        edges: &[Edge],
        roots_of_name: &Rows,
        names: &LaidOut,
        weak: &'w [(usize, String)],
    ) {
        let groups = self.groups.len();
        let mut weak_of_root: WeakOfRoot<'w> = BTreeMap::new();
        for (group, name) in weak.iter().filter(|(g, _)| *g < groups) {
            let root = self.clusters.find(*group);
            weak_of_root
                .entry(root)
                .or_default()
                .push((Prepared::new(name), name.as_str()));
        }
        if weak_of_root.is_empty() {
            return;
        }
        // A single word is too broad to be corroborated into a merge.
        let worded = |id: u32| names.get(id as usize).tokens.len() >= 2;
        let review = edges
            .iter()
            .filter(|e| e.decision == Decision::Review && worded(e.a) && worded(e.b));
        self.open_links(review, roots_of_name, |run, edge, x, y| {
            if run.clusters.births_apart(x, y) {
                return;
            }
            let Some(weak_name) = run
                .weak_match(&weak_of_root, x, names.get(edge.b as usize))
                .or_else(|| run.weak_match(&weak_of_root, y, names.get(edge.a as usize)))
            else {
                return;
            };
            let joined = run.clusters.union(x, y);
            // The survivor carries both sides' weak aliases on.
            let mut carried = weak_of_root.remove(&x).unwrap_or_default();
            carried.extend(weak_of_root.remove(&y).unwrap_or_default());
            weak_of_root.insert(joined, carried);
            run.explain_merge(edge.a, edge.b, edge.score, names, || {
                format!("in the review band on names alone, corroborated by the weak alias '{weak_name}' given for one of them")
            });
        });
    }

    /// The first weak alias of root `root`'s records that is `other`'s name
    /// (the same name, or a match the matcher would merge).
    fn weak_match(
        &self,
        weak_of_root: &WeakOfRoot<'_>,
        root: usize,
        other: &Prepared,
    ) -> Option<String> {
        weak_of_root.get(&root)?.iter().find_map(|(weak, written)| {
            let same = weak.tokens.len() >= 2
                && (weak.key == other.key
                    || decide(&compare(weak, other), self.cfg) == Decision::Same);
            same.then(|| written.to_string())
        })
    }
}
