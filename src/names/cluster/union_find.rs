//! Union-find over groups, with cannot-links between clusters: the
//! clustering joins groups into clusters here, and a join that a
//! cannot-link forbids is refused, however the two sides were built.
//!
//! Built for a million groups (see [`Clusters`]): bringing cannot-link
//! lists up to date when read, rather than rewriting exact sets on every
//! union, took the merge loop at a million claims from 155–169 ms to
//! 82–104 ms (`docs/benchmark.md`).

use crate::date::{Day, DAWN, DUSK};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// Union-find over groups with cannot-links.
///
/// Parents and sizes are `u32` and every root's count of cannot-links is
/// kept beside them: a million groups' union-find then fits in the CPU's
/// cache, and the many roots without cannot-links never reach the map.
///
/// A root's cannot-links name the other side as it was when the link was
/// made: a group, or a root that may since have joined another. Asking
/// whether two roots are kept apart brings the entries of the shorter list
/// up to date with [`Clusters::root`]; a union only appends one list to
/// the other. Keeping every list exact instead meant rewriting the partner
/// of every moved link, two hash lookups each, which was most of the
/// merge loop's time at a million claims.
pub(super) struct Clusters {
    parent: Vec<u32>,
    size: Vec<u32>,
    /// The length of `cannot_link[root]`, 0 for a root with none.
    degree: Vec<u32>,
    cannot_link: FxHashMap<u32, Links>,
    /// The list entries each root holds (see [`Clusters::set_entries`]);
    /// empty without imported lists.
    entries: FxHashMap<u32, Vec<(u32, u32)>>,
    /// The birth days each root's records allow, first to last; empty when
    /// no record states a birth (see [`Clusters::births_apart`]).
    born: Vec<(Day, Day)>,
}

/// One root's cannot-links.
#[derive(Default)]
struct Links {
    to: Vec<u32>,
    /// How many of them were distinct when last brought up to date.
    distinct: usize,
}

impl Clusters {
    pub(super) fn new(n: usize) -> Self {
        Clusters {
            parent: (0..n as u32).collect(),
            size: vec![1; n],
            degree: vec![0; n],
            cannot_link: FxHashMap::default(),
            entries: FxHashMap::default(),
            born: Vec::new(),
        }
    }

    /// Groups that are entries of a list, as (group, list, entry): no
    /// cluster ever holds two entries of one list.
    pub(super) fn set_entries(&mut self, entries: &[(usize, u32, u32)]) {
        let groups = self.parent.len();
        for &(group, list, entry) in entries.iter().filter(|e| e.0 < groups) {
            let held = self.entries.entry(group as u32).or_default();
            held.push((list, entry));
            held.sort_unstable();
            held.dedup();
        }
    }

    /// Whether roots `a` and `b` hold different entries of one list.
    fn entries_clash(&self, a: usize, b: usize) -> bool {
        let (Some(x), Some(y)) = (self.entries.get(&(a as u32)), self.entries.get(&(b as u32)))
        else {
            return false;
        };
        x.iter()
            .any(|&(list, entry)| y.iter().any(|&(l, e)| l == list && e != entry))
    }

    /// The birth days the records of some groups allow (before any
    /// union; several for one group are intersected).
    pub(super) fn set_births(&mut self, born: &[(usize, (Day, Day))]) {
        let groups = self.parent.len();
        for &(group, (first, last)) in born.iter().filter(|(g, _)| *g < groups) {
            if self.born.is_empty() {
                self.born = vec![UNKNOWN_BIRTH; groups];
            }
            let (f, l) = self.born[group];
            let (f, l) = (f.max(first), l.min(last));
            self.born[group] = if f <= l { (f, l) } else { UNKNOWN_BIRTH };
        }
    }

    /// Whether the records of roots `a` and `b` state births that cannot
    /// both hold: no day is allowed by both.
    pub(super) fn births_apart(&self, a: usize, b: usize) -> bool {
        match (self.born.get(a), self.born.get(b)) {
            (Some(&(a0, a1)), Some(&(b0, b1))) => a1 < b0 || b1 < a0,
            _ => false,
        }
    }

    /// The birth days root `root`'s records allow, if they state any.
    pub(super) fn birth_window(&self, root: usize) -> Option<(Day, Day)> {
        self.born.get(root).copied().filter(|&w| w != UNKNOWN_BIRTH)
    }

    /// The one birth day both roots' records state, when both state it to
    /// the day.
    pub(super) fn same_birth_day(&self, a: usize, b: usize) -> Option<Day> {
        match (self.born.get(a), self.born.get(b)) {
            (Some(&(a0, a1)), Some(&(b0, b1))) if a0 == a1 && (b0, b1) == (a0, a1) => Some(a0),
            _ => None,
        }
    }

    pub(super) fn find(&mut self, x: usize) -> usize {
        let mut x = x as u32;
        while self.parent[x as usize] != x {
            let grandparent = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = grandparent;
            x = grandparent;
        }
        x as usize
    }

    /// How many groups the cluster of `x` holds.
    pub(super) fn size(&mut self, x: usize) -> usize {
        let root = self.find(x);
        self.size[root] as usize
    }

    /// [`Clusters::find`] without shortening paths, for reading in
    /// parallel.
    pub(super) fn root(&self, x: usize) -> usize {
        let mut x = x as u32;
        while self.parent[x as usize] != x {
            x = self.parent[x as usize];
        }
        x as usize
    }

    /// Whether the roots `a` and `b` are kept apart.
    pub(super) fn forbidden(&self, a: usize, b: usize) -> bool {
        if a == b {
            return false;
        }
        if !self.entries.is_empty() && self.entries_clash(a, b) {
            return true;
        }
        if self.degree[a] == 0 || self.degree[b] == 0 {
            return false;
        }
        let (shorter, other) = if self.degree[a] <= self.degree[b] {
            (a, b)
        } else {
            (b, a)
        };
        self.cannot_link
            .get(&(shorter as u32))
            .is_some_and(|links| links.to.iter().any(|&x| self.root(x as usize) == other))
    }

    pub(super) fn forbid(&mut self, a: usize, b: usize) {
        if a != b && !self.forbidden(a, b) {
            self.link(a, [b as u32]);
            self.link(b, [a as u32]);
        }
    }

    /// Adds cannot-links from the root `root`, one way.
    fn link(&mut self, root: usize, to: impl IntoIterator<Item = u32>) {
        let links = self.cannot_link.entry(root as u32).or_default();
        links.to.extend(to);
        self.degree[root] = links.to.len() as u32;
    }

    /// [`Clusters::forbid`] every pair of roots. Half a million pairs at a
    /// million claims: sorted by root, each root's links are added at once.
    pub(super) fn forbid_all(&mut self, pairs: Vec<(u32, u32)>) {
        let mut links: Vec<(u32, u32)> = pairs
            .into_par_iter()
            .filter(|(a, b)| a != b)
            .flat_map_iter(|(a, b)| [(a, b), (b, a)])
            .collect();
        links.par_sort_unstable();
        links.dedup();
        for run in links.chunk_by(|x, y| x.0 == y.0) {
            self.link(run[0].0 as usize, run.iter().map(|&(_, b)| b));
        }
    }

    /// Join two roots. The one with more cannot-links survives, so that
    /// the other's are the ones appended (small onto large). A long list
    /// that has doubled since it was last brought up to date is brought up
    /// to date again, so that no list grows far beyond its distinct
    /// partners.
    pub(super) fn union(&mut self, a: usize, b: usize) -> usize {
        let (keep, gone) = if (self.degree[a], self.size[a]) >= (self.degree[b], self.size[b]) {
            (a, b)
        } else {
            (b, a)
        };
        self.parent[gone] = keep as u32;
        self.size[keep] += self.size[gone];
        if let Some(moved) = self.entries.remove(&(gone as u32)) {
            let held = self.entries.entry(keep as u32).or_default();
            held.extend(moved);
            held.sort_unstable();
            held.dedup();
        }
        if !self.born.is_empty() {
            let ((k0, k1), (g0, g1)) = (self.born[keep], self.born[gone]);
            let (first, last) = (k0.max(g0), k1.min(g1));
            // Records that already disagree among themselves veto nothing.
            self.born[keep] = if first <= last {
                (first, last)
            } else {
                UNKNOWN_BIRTH
            };
        }
        if self.degree[gone] > 0 {
            self.degree[gone] = 0;
            let moved = self.cannot_link.remove(&(gone as u32)).unwrap_or_default();
            self.link(keep, moved.to);
            let links = &self.cannot_link[&(keep as u32)];
            if links.to.len() >= COMPACT_LINKS.max(2 * links.distinct) {
                self.compact(keep);
            }
        }
        keep
    }

    /// Rewrites the links of `root` as distinct current roots, dropping
    /// those to itself.
    fn compact(&mut self, root: usize) {
        let Some(Links { mut to, .. }) = self.cannot_link.remove(&(root as u32)) else {
            return;
        };
        for x in &mut to {
            *x = self.root(*x as usize) as u32;
        }
        to.sort_unstable();
        to.dedup();
        to.retain(|&x| x as usize != root);
        self.degree[root] = to.len() as u32;
        if !to.is_empty() {
            let distinct = to.len();
            self.cannot_link.insert(root as u32, Links { to, distinct });
        }
    }
}

/// A root whose records state no birth, or disagree about it.
const UNKNOWN_BIRTH: (Day, Day) = (DAWN, DUSK);

/// Lists of cannot-links shorter than this are never brought up to date:
/// reading them is cheaper.
const COMPACT_LINKS: usize = 64;

#[cfg(test)]
mod tests {
    use super::*;

    /// Every pair of current roots, and whether it is kept apart.
    fn apart(c: &Clusters) -> Vec<(usize, usize)> {
        let n = c.parent.len();
        let roots: Vec<usize> = (0..n).filter(|&x| c.root(x) == x).collect();
        let mut pairs = Vec::new();
        for &x in &roots {
            for &y in &roots {
                assert_eq!(c.forbidden(x, y), c.forbidden(y, x), "{x} {y}");
                if x < y && c.forbidden(x, y) {
                    pairs.push((x, y));
                }
            }
        }
        pairs
    }

    #[test]
    fn cannot_links_in_bulk_add_to_those_already_there() {
        let mut c = Clusters::new(4);
        c.forbid(0, 1);
        c.forbid_all(vec![(1, 0), (0, 2), (2, 0), (3, 3)]);
        assert_eq!(apart(&c), [(0, 1), (0, 2)]);
        assert!(!c.forbidden(3, 3));
        // The survivor of a union keeps every cannot-link.
        let kept = c.union(1, 2);
        assert_eq!(apart(&c), [(0, kept)]);
    }

    #[test]
    fn two_entries_of_one_list_never_join_however_the_clusters_grow() {
        let mut c = Clusters::new(4);
        c.set_entries(&[(0, 7, 1), (1, 7, 2), (2, 8, 1)]);
        assert!(c.forbidden(0, 1));
        assert!(!c.forbidden(0, 2), "entries of different lists");
        let joined = c.union(0, 2);
        let joined = c.union(joined, 3);
        assert!(c.forbidden(joined, 1), "the entry travels with its cluster");
        assert!(!c.forbidden(joined, joined));
    }

    #[test]
    fn births_narrow_as_clusters_join_and_disagreeing_records_veto_nothing() {
        let mut c = Clusters::new(6);
        c.set_births(&[
            (0, (100, 465)),
            (1, (300, 300)),
            (2, (900, 1200)),
            (4, (0, 50)),
            (5, (300, 300)),
        ]);
        assert!(c.births_apart(0, 2));
        assert!(!c.births_apart(0, 1));
        assert!(!c.births_apart(0, 3), "no birth stated: no veto");
        let joined = c.union(0, 1);
        assert_eq!(c.same_birth_day(joined, 5), Some(300));
        assert_eq!(c.same_birth_day(0, 2), None);
        assert!(c.births_apart(joined, 4));
        // 0–1 and 4 disagree: the cluster's births no longer veto anything.
        let disagreeing = c.union(joined, 4);
        assert!(!c.births_apart(disagreeing, 2));
    }

    #[test]
    fn a_union_moves_links_both_ways_and_drops_the_one_between_its_halves() {
        let mut c = Clusters::new(5);
        c.forbid_all(vec![(0, 1), (0, 2), (1, 3), (1, 4), (3, 4)]);
        // Joined although kept apart, as a curator's `same_as` may: the
        // link between the two halves goes; the others move to the survivor.
        let kept = c.union(0, 1);
        let sorted = |x: usize, y: usize| (x.min(y), x.max(y));
        let mut expected = vec![sorted(kept, 2), sorted(kept, 3), sorted(kept, 4), (3, 4)];
        expected.sort_unstable();
        assert_eq!(apart(&c), expected);
        let gone = 1 - kept;
        for other in [2, 3, 4] {
            assert!(
                !c.forbidden(gone, other) && !c.forbidden(other, gone),
                "{other}"
            );
        }
        // Joining two roots that share a partner leaves one link to it.
        let root = c.union(3, 4);
        let mut expected = vec![sorted(kept, 2), sorted(kept, root)];
        expected.sort_unstable();
        assert_eq!(apart(&c), expected);
    }

    #[test]
    fn long_lists_of_cannot_links_are_brought_up_to_date() {
        // Root 0 is kept apart from 200 groups, which then join into four
        // clusters: its list is rewritten as those four as it grows.
        let mut c = Clusters::new(401);
        c.forbid_all((1..=200).map(|g| (0, g)).collect());
        for g in 5..=200 {
            let (x, y) = (c.find(g), c.find(1 + g % 4));
            c.union(x, y);
        }
        // Another 200 groups, each kept apart from one of the four, join 0.
        c.forbid_all(
            (201..=400)
                .map(|g| (g, c.root(1 + g as usize % 4) as u32))
                .collect(),
        );
        for g in 201..=400 {
            let (x, y) = (c.find(0), c.find(g));
            c.union(x, y);
        }
        let zero = c.find(0);
        let links = &c.cannot_link[&(zero as u32)];
        assert!(links.to.len() < 64, "{} links", links.to.len());
        for g in 1..=4 {
            assert!(c.forbidden(zero, c.root(g)), "{g}");
        }
        assert_eq!(apart(&c).len(), 4);
    }
}
