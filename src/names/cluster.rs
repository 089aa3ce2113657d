//! Names into people, under constraints.
//!
//! Input groups are sets of names already known to be one person (a claim's
//! `who` and `aliases`). Groups are joined by agglomerative clustering over
//! scored candidate edges, best first, with two safeguards against chains of
//! individually plausible merges (A~B, B~C, but A≠C):
//!
//! * cannot-links: an explicit `different` constraint, or a comparison with
//!   strong structural evidence of difference (kunya against ism, reversed
//!   nasab, different kunya, family name or nisba), between *any* two names
//!   of two clusters forbids merging them, now and after later merges;
//! * support: the best edge between the two clusters must reach the
//!   threshold with sufficient evidence (distinctive parts agree, not only
//!   a nisba or a generic kunya). Edges are taken best first, so a cluster
//!   is built from its strongest links and every cannot-link found among
//!   all scored pairs is already in place before any merge.
//!
//! Edges in the review band, and merges that were blocked, become
//! [`Ambiguity`] records instead of silent decisions.

use super::blocking::{candidate_pairs, Candidates};
use super::fxhash::FxHashMap;
use super::lexicon::Lexicon;
use super::similarity::{compare, compare_cached, explain, Prepared, SimilarityCache};
use super::{decide, Decision, MatchConfig};
use crate::model::IdIndex;
use crate::permutation::reordered;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};

/// A name in more groups (clusters) than this carries no identity of its
/// own (`Abu Muhammad` in thousands of claims): its edges are not lifted to
/// every group, which would be quadratic.
const MAX_GROUPS_PER_EDGE_END: usize = 16;

/// Candidates listed in one ambiguity record.
const MAX_CANDIDATES: usize = 20;

/// Input to clustering: indices into `groups` known to be the same person or
/// known to be different people. Explicit constraints win over any score.
#[derive(Clone, Debug, Default)]
pub struct Constraints {
    pub same: Vec<(usize, usize)>,
    pub different: Vec<(usize, usize)>,
}

/// One link that joined two names into one cluster.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Merge {
    pub names: [String; 2],
    pub reason: String,
    pub score: f64,
}

/// A name that could be the same person as other names but was not merged:
/// a score in the review band, or a merge blocked by a constraint or by
/// evidence of difference elsewhere in the cluster.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Ambiguity {
    pub name: String,
    pub candidates: Vec<String>,
    pub score: f64,
    pub explanation: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Clustering {
    /// Dense cluster index per input group, numbered by first appearance.
    pub cluster_of_group: Vec<usize>,
    pub merges: Vec<Merge>,
    pub ambiguous: Vec<Ambiguity>,
    /// Pairs of distinct names scored after blocking.
    pub candidate_pairs: usize,
}

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
struct Clusters {
    parent: Vec<u32>,
    size: Vec<u32>,
    /// The length of `cannot_link[root]`, 0 for a root with none.
    degree: Vec<u32>,
    cannot_link: FxHashMap<u32, Links>,
}

/// One root's cannot-links.
#[derive(Default)]
struct Links {
    to: Vec<u32>,
    /// How many of them were distinct when last brought up to date.
    distinct: usize,
}

impl Clusters {
    fn new(n: usize) -> Self {
        Clusters {
            parent: (0..n as u32).collect(),
            size: vec![1; n],
            degree: vec![0; n],
            cannot_link: FxHashMap::default(),
        }
    }

    fn find(&mut self, x: usize) -> usize {
        let mut x = x as u32;
        while self.parent[x as usize] != x {
            let grandparent = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = grandparent;
            x = grandparent;
        }
        x as usize
    }

    /// [`Clusters::find`] without shortening paths, for reading in
    /// parallel.
    fn root(&self, x: usize) -> usize {
        let mut x = x as u32;
        while self.parent[x as usize] != x {
            x = self.parent[x as usize];
        }
        x as usize
    }

    /// Whether the roots `a` and `b` are kept apart.
    fn forbidden(&self, a: usize, b: usize) -> bool {
        if a == b || self.degree[a] == 0 || self.degree[b] == 0 {
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

    fn forbid(&mut self, a: usize, b: usize) {
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
    fn forbid_all(&mut self, pairs: Vec<(u32, u32)>) {
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
    fn union(&mut self, a: usize, b: usize) -> usize {
        let (keep, gone) = if (self.degree[a], self.size[a]) >= (self.degree[b], self.size[b]) {
            (a, b)
        } else {
            (b, a)
        };
        self.parent[gone] = keep as u32;
        self.size[keep] += self.size[gone];
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

/// Lists of cannot-links shorter than this are never brought up to date:
/// reading them is cheaper.
const COMPACT_LINKS: usize = 64;

/// No name: a spelling with nothing to compare.
const NO_NAME: u32 = u32::MAX;

/// A scored pair of distinct names.
struct Edge {
    a: u32,
    b: u32,
    score: f64,
    decision: Decision,
    strong_difference: bool,
}

/// Cluster groups of names into people.
pub fn cluster<'n, G: AsRef<[&'n str]> + Sync>(
    groups: &[G],
    constraints: &Constraints,
    cfg: &MatchConfig,
) -> Clustering {
    // Parse each distinct spelling once: a large dataset repeats the same
    // `who` in many claims. Spellings are numbered in order of first
    // appearance; `spelling_of_entry` is every group's names, flat.
    let entries: Vec<&str> = groups.iter().flat_map(AsRef::as_ref).copied().collect();
    let (spelling_of_entry, spelling_count) = IdIndex::number_distinct(&entries, |s| s);
    let mut spellings: Vec<&str> = Vec::with_capacity(spelling_count);
    for (&entry, &spelling) in entries.iter().zip(&spelling_of_entry) {
        if spelling as usize == spellings.len() {
            spellings.push(entry);
        }
    }
    drop(entries);
    let parsed: Vec<Prepared> = spellings.par_iter().map(|n| Prepared::new(n)).collect();
    // Distinct normalised names, numbered in order of first appearance;
    // each remembers its first spelling and the groups it appears in.
    // Both relations are mostly one-to-one, so they are kept flat (`Rows`)
    // rather than as a million one-element vectors.
    // Spellings are numbered in that same order, so numbering names while
    // walking the spellings gives the same ids.
    let (key_of_spelling, _) = IdIndex::number_distinct(&parsed, |p| &p.key);
    // Every key is a name but the empty one (emoji, punctuation: nothing to
    // compare), whose spellings stay with their own groups only. So a
    // key's name is its number, less one past the empty key.
    let empty_key = parsed
        .par_iter()
        .position_first(|p| p.key.is_empty())
        .map(|s| key_of_spelling[s]);
    let name_of_key = |key: u32| match empty_key {
        Some(empty) if key == empty => NO_NAME,
        Some(empty) if key > empty => key - 1,
        _ => key,
    };
    let name_of_spelling: Vec<u32> = key_of_spelling
        .par_iter()
        .map(|&k| name_of_key(k))
        .collect();
    let mut display: Vec<&str> = Vec::new();
    let mut spelling_of_name: Vec<u32> = Vec::new();
    let mut keys_seen = 0;
    for (spelling, &key) in key_of_spelling.iter().enumerate() {
        if key == keys_seen {
            keys_seen += 1;
            if name_of_key(key) != NO_NAME {
                display.push(spellings[spelling].trim());
                spelling_of_name.push(spelling as u32);
            }
        }
    }
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
    let groups_of_name = Rows::grouped(display.len(), &name_in_group);
    drop(name_in_group);
    // The first spelling of each name stands for it; the others go (in
    // parallel: dropping 600k names is not free).
    let mut stands = vec![false; parsed.len()];
    for &s in &spelling_of_name {
        stands[s as usize] = true;
    }
    let mut prepared: Vec<Prepared> = parsed
        .into_par_iter()
        .zip(stands)
        .filter_map(|(name, stands)| stands.then_some(name))
        .collect();
    let words = Lexicon::new(&mut prepared);
    // Names are distinct by key here: every one counts.
    words.mark_rare_parts(&mut prepared, |_| true);

    let mut clusters = Clusters::new(groups.len());
    let mut merges: Vec<Merge> = Vec::new();
    let mut ambiguous: Vec<Ambiguity> = Vec::new();

    // Names in one group are one person (recorded as merges only when
    // merges are explained).
    let explained_groups = if cfg.explain_merges {
        names_of_group.len()
    } else {
        0
    };
    for ids in (0..explained_groups).map(|g| names_of_group.row(g)) {
        for &other in ids.iter().skip(1) {
            merges.push(Merge {
                names: [
                    display[ids[0] as usize].to_string(),
                    display[other as usize].to_string(),
                ],
                reason: "given as aliases in one record".to_string(),
                score: 1.0,
            });
        }
    }

    // Explicit constraints first: `different` as cannot-links, then `same`
    // unless it contradicts a `different`.
    let in_range = |&(a, b): &(usize, usize)| a < groups.len() && b < groups.len();
    for &(a, b) in constraints.different.iter().filter(|p| in_range(p)) {
        let (ra, rb) = (clusters.find(a), clusters.find(b));
        clusters.forbid(ra, rb);
    }
    for &(a, b) in constraints.same.iter().filter(|p| in_range(p)) {
        let (ra, rb) = (clusters.find(a), clusters.find(b));
        let (na, nb) = (group_label(groups, a), group_label(groups, b));
        if ra == rb {
            continue;
        }
        if clusters.forbidden(ra, rb) {
            ambiguous.push(Ambiguity {
                name: na,
                candidates: vec![nb],
                score: 1.0,
                explanation: "constraints contradict: marked both same and different".to_string(),
            });
            continue;
        }
        clusters.union(ra, rb);
        if cfg.explain_merges {
            merges.push(Merge {
                names: [na, nb],
                reason: "explicit same-person constraint".to_string(),
                score: 1.0,
            });
        }
    }

    // Blocking reads the names; joining identical names, which is serial,
    // writes only the clusters: the two run side by side.
    let (candidates, generic_identical) = rayon::join(
        || candidate_pairs(&prepared, &words),
        || {
            let names = IdenticalNames {
                prepared: &prepared,
                groups_of_name: &groups_of_name,
                display: &display,
                groups,
            };
            names.join(&mut clusters, &mut ambiguous)
        },
    );
    // Score candidate pairs in parallel. The edges come in the order of the
    // pairs, whatever the thread scheduling; nothing below depends on it
    // before they are sorted by score.
    let candidate_count = candidates.pairs.len();
    let (mut edges, prepared) = score_pairs(prepared, candidates, cfg);

    // Strong differences become cannot-links between the clusters involved
    // (after identical names are joined, so each is lifted once).
    //
    // From here on clusters only grow through `Same` edges, and a
    // cannot-link is only ever consulted between two clusters that such an
    // edge reaches. So a root that no `Same` edge touches (through any group
    // of either name) needs none: most strong differences are between
    // people who are never merged with anyone.
    //
    // Each name's clusters are taken once, as the distinct roots of its
    // groups: identical names are joined by now, so a name's groups mostly
    // share one root, and the edges below look up one root per name rather
    // than every group (scattered reads, a million of them per pass).
    //
    // All of this reads a fixed state (no union happens until the merges
    // below), so it runs in parallel, and the cannot-links are recorded in
    // bulk.
    let roots_of_name = {
        let clusters = &clusters;
        let root_of_group: Vec<u32> = (0..groups.len())
            .into_par_iter()
            .map(|g| clusters.root(g) as u32)
            .collect();
        groups_of_name.mapped(|g| root_of_group[g as usize])
    };
    let touched: Vec<AtomicBool> = (0..groups.len()).map(|_| AtomicBool::new(false)).collect();
    edges
        .par_iter()
        .filter(|e| e.decision == Decision::Same)
        .for_each(|edge| {
            for &root in roots_of_name
                .row(edge.a as usize)
                .iter()
                .chain(roots_of_name.row(edge.b as usize))
            {
                touched[root as usize].store(true, Ordering::Relaxed);
            }
        });
    let touched_roots = |name: u32| {
        roots_of_name
            .row(name as usize)
            .iter()
            .copied()
            .filter(|&r| touched[r as usize].load(Ordering::Relaxed))
    };
    let cannot_links: Vec<(u32, u32)> = edges
        .par_iter()
        .filter(|e| {
            e.strong_difference
                && groups_of_name.row(e.a as usize).len() * groups_of_name.row(e.b as usize).len()
                    <= MAX_GROUPS_PER_EDGE_END * MAX_GROUPS_PER_EDGE_END
        })
        .flat_map_iter(|edge| {
            touched_roots(edge.a).flat_map(move |rx| touched_roots(edge.b).map(move |ry| (rx, ry)))
        })
        .collect();
    clusters.forbid_all(cannot_links);
    // Only the edges that merge or ask for review matter from here on.
    edges.retain(|e| e.decision != Decision::Different);

    // Best edges first; ties broken by the name ids, which follow input
    // order. No two edges join the same names, so the order is total and
    // an unstable sort gives it.
    edges.par_sort_unstable_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then(x.a.cmp(&y.a))
            .then(x.b.cmp(&y.b))
    });
    let mut blocked: Vec<(u32, u32, f64, &'static str)> = Vec::new();
    // (index in `merges`, name ids) of the merges the matcher decided.
    let mut matched_merges: Vec<(usize, u32, u32)> = Vec::new();
    let mut lifted: Vec<(usize, usize)> = Vec::new();
    // The loop below is serial, and each edge's names' roots are scattered
    // reads (four cache misses an edge, half its time): read them first,
    // in parallel, for the common edge between two names of one root each.
    let merging: Vec<&Edge> = edges
        .iter()
        .filter(|e| e.decision == Decision::Same)
        .collect();
    let single: Vec<Option<(u32, u32)>> = merging
        .par_iter()
        .map(|e| single_roots(&roots_of_name, e.a, e.b))
        .collect();
    for (edge, single) in merging.into_iter().zip(single) {
        let mut merged = false;
        let mut reason_blocked = None;
        match single {
            Some((x, y)) => {
                lifted.clear();
                lifted.push((clusters.find(x as usize), clusters.find(y as usize)));
            }
            None => lifted_roots(&mut clusters, &roots_of_name, edge.a, edge.b, &mut lifted),
        }
        for &(rx, ry) in &lifted {
            let (rx, ry) = (clusters.find(rx), clusters.find(ry));
            if rx == ry {
                continue;
            }
            if clusters.forbidden(rx, ry) {
                reason_blocked =
                    Some("a constraint or evidence of difference keeps the clusters apart");
                continue;
            }
            clusters.union(rx, ry);
            merged = true;
        }
        if merged {
            if cfg.explain_merges {
                matched_merges.push((merges.len(), edge.a, edge.b));
                merges.push(Merge {
                    names: [
                        display[edge.a as usize].to_string(),
                        display[edge.b as usize].to_string(),
                    ],
                    reason: String::new(),
                    score: edge.score,
                });
            }
        } else if let Some(why) = reason_blocked {
            blocked.push((edge.a, edge.b, edge.score, why));
        }
    }

    // Explanations only for what is reported, from the same prepared names
    // (with the same rare parts) that were scored.
    let explain_pair = |a: u32, b: u32| -> String {
        let (pa, pb) = (prepared.get(a as usize), prepared.get(b as usize));
        explain(pa, pb, &compare(pa, pb))
    };
    let reasons: Vec<String> = matched_merges
        .par_iter()
        .map(|&(_, a, b)| format!("names match: {}", explain_pair(a, b)))
        .collect();
    for (&(index, _, _), reason) in matched_merges.iter().zip(reasons) {
        merges[index].reason = reason;
    }

    // Review-band edges and blocked merges between different final clusters.
    // name id → (candidate name id, score, why it was not merged)
    type OpenOptions = Vec<(u32, f64, &'static str)>;
    let mut open: BTreeMap<u32, OpenOptions> = BTreeMap::new();
    let review = edges
        .iter()
        .filter(|e| e.decision == Decision::Review)
        .map(|e| (e.a, e.b, e.score, "score in the review band"));
    for (a, b, score, why) in review.chain(blocked.iter().copied()) {
        lifted_roots(&mut clusters, &roots_of_name, a, b, &mut lifted);
        let apart = lifted.iter().any(|(x, y)| x != y);
        if apart {
            open.entry(a).or_default().push((b, score, why));
        }
    }
    let opened: Vec<(u32, OpenOptions)> = open.into_iter().collect();
    let mut records: Vec<Ambiguity> = opened
        .par_iter()
        .map(|(a, options)| {
            let best = options
                .iter()
                .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)));
            let mut candidates: Vec<String> = options
                .iter()
                .map(|(b, _, _)| display[*b as usize].to_string())
                .collect();
            candidates.sort();
            candidates.dedup();
            candidates.truncate(MAX_CANDIDATES);
            let (score, explanation) = match best {
                Some((b, score, why)) => (*score, format!("{why}: {}", explain_pair(*a, *b))),
                None => (0.0, String::new()),
            };
            Ambiguity {
                name: display[*a as usize].to_string(),
                candidates,
                score,
                explanation,
            }
        })
        .collect();
    ambiguous.append(&mut records);

    // A generic name written identically in records that ended with
    // different people: it could be any of them.
    for id in generic_identical {
        let mut by_root: BTreeMap<usize, usize> = BTreeMap::new();
        for &g in groups_of_name.row(id) {
            let g = g as usize;
            by_root.entry(clusters.find(g)).or_insert(g);
        }
        if by_root.len() < 2 {
            continue;
        }
        let mut candidates: Vec<String> =
            by_root.values().map(|&g| group_label(groups, g)).collect();
        candidates.sort();
        candidates.dedup();
        candidates.truncate(MAX_CANDIDATES);
        ambiguous.push(Ambiguity {
            name: display[id].to_string(),
            candidates,
            score: 1.0,
            explanation: format!(
                "the name '{}' is written in records of {} different people and is too generic to tell them apart ({})",
                prepared.get(id).key,
                by_root.len(),
                prepared.get(id).describe()
            ),
        });
    }

    // Dense cluster numbers in order of first appearance.
    let mut number_of_root = vec![usize::MAX; groups.len()];
    let mut numbered = 0;
    let mut cluster_of_group = Vec::with_capacity(groups.len());
    for g in 0..groups.len() {
        let number = &mut number_of_root[clusters.find(g)];
        if *number == usize::MAX {
            *number = numbered;
            numbered += 1;
        }
        cluster_of_group.push(*number);
    }
    drop(number_of_root);
    // Freeing the parsed names and the cannot-link sets (a million and
    // more allocations) is left to the pool, beside what the caller does
    // next, rather than done here on one core.
    rayon::spawn(move || drop((prepared, clusters, words)));

    merges.sort_by(|x, y| {
        x.names
            .cmp(&y.names)
            .then(y.score.total_cmp(&x.score))
            .then(x.reason.cmp(&y.reason))
    });
    merges.dedup_by(|x, y| x.names == y.names);
    ambiguous.sort_by(|x, y| {
        x.name
            .cmp(&y.name)
            .then(x.candidates.cmp(&y.candidates))
            .then(x.explanation.cmp(&y.explanation))
    });
    ambiguous.dedup();
    Clustering {
        cluster_of_group,
        merges,
        ambiguous,
        candidate_pairs: candidate_count,
    }
}

/// What joining identical names reads.
struct IdenticalNames<'a, G> {
    prepared: &'a [Prepared],
    groups_of_name: &'a Rows,
    display: &'a [&'a str],
    groups: &'a [G],
}

impl<'n, G: AsRef<[&'n str]>> IdenticalNames<'_, G> {
    /// The same normalised name in several groups: one person, if the name
    /// is distinctive enough on its own and nothing forbids it. Returns the
    /// names too generic for that, decided at the end: only a name whose
    /// records end up with different people is ambiguous.
    fn join(&self, clusters: &mut Clusters, ambiguous: &mut Vec<Ambiguity>) -> Vec<usize> {
        let IdenticalNames {
            prepared,
            groups_of_name,
            display,
            groups,
        } = *self;
        let mut generic_identical: Vec<usize> = Vec::new();
        for (id, gs) in (0..groups_of_name.len()).map(|id| (id, groups_of_name.row(id))) {
            if gs.len() < 2 {
                continue;
            }
            // The cheap test first: most repeated names are distinctive.
            if !distinctive_when_identical(&prepared[id])
                && !compare(&prepared[id], &prepared[id]).sufficient
            {
                generic_identical.push(id);
                continue;
            }
            for &g in &gs[1..] {
                let (r0, rg) = (clusters.find(gs[0] as usize), clusters.find(g as usize));
                if r0 == rg {
                    continue;
                }
                if clusters.forbidden(r0, rg) {
                    ambiguous.push(Ambiguity {
                        name: display[id].to_string(),
                        candidates: vec![group_label(groups, g as usize)],
                        score: 1.0,
                        explanation: "identical name in records kept apart by a constraint or by evidence of difference".to_string(),
                    });
                    continue;
                }
                clusters.union(r0, rg);
            }
        }
        generic_identical
    }
}

/// Every candidate pair scored, as edges in the order of the pairs.
///
/// A name's candidates are scattered over the name ids (which follow the
/// input), so scoring in id order reads each partner, and its tokens, from
/// a random place among all the names. The names are therefore laid out
/// afresh, tokens included, in the order blocking found them (similar
/// skeletons side by side), where the pairs already are, and stay so. That
/// halves the time of scoring a million claims' pairs; the results do not
/// depend on it.
fn score_pairs(
    prepared: Vec<Prepared>,
    candidates: Candidates,
    cfg: &MatchConfig,
) -> (Vec<Edge>, LaidOut) {
    let Candidates {
        order,
        position,
        pairs,
    } = candidates;
    let count = prepared.len();
    // Moved, not cloned (cloning would touch every word's shared count),
    // with the tokens reallocated in the new order.
    let mut local = reordered(prepared, order.iter().map(|&id| id as usize));
    debug_assert_eq!(local.len(), count, "blocking orders every name");
    local.par_iter_mut().for_each(|name| {
        let mut tokens = Vec::with_capacity(name.tokens.len());
        tokens.append(&mut name.tokens);
        name.tokens = tokens;
    });
    let edges: Vec<Edge> = pairs
        .par_iter()
        .map_init(SimilarityCache::default, |cache, &(x, y)| {
            // The name with the smaller id first, as in every comparison.
            let (a, b) = (order[x as usize], order[y as usize]);
            let (first, second) = if a < b { (x, y) } else { (y, x) };
            let cmp = compare_cached(&local[first as usize], &local[second as usize], cache);
            let edge = Edge {
                a: a.min(b),
                b: a.max(b),
                score: cmp.score,
                decision: decide(&cmp, cfg),
                strong_difference: cmp.strong_difference(),
            };
            cache.recycle(cmp);
            edge
        })
        .collect();
    let names = LaidOut {
        names: local,
        position,
    };
    (edges, names)
}

/// Names laid out in an order of their own, read by name id.
struct LaidOut {
    names: Vec<Prepared>,
    /// Where each name id is in `names`.
    position: Vec<u32>,
}

impl LaidOut {
    fn get(&self, id: usize) -> &Prepared {
        &self.names[self.position[id] as usize]
    }
}

/// The cluster roots the names `a` and `b` connect, one pair per distinct
/// root pair, into `out` (cleared first); none for names that appear in very
/// many clusters. `roots_of_name` holds each name's roots as they were
/// once (any group of the cluster would do: `find` brings it up to date).
fn lifted_roots(
    clusters: &mut Clusters,
    roots_of_name: &Rows,
    a: u32,
    b: u32,
    out: &mut Vec<(usize, usize)>,
) {
    out.clear();
    if let Some((x, y)) = single_roots(roots_of_name, a, b) {
        // The common case, without sorting.
        out.push((clusters.find(x as usize), clusters.find(y as usize)));
        return;
    }
    let (ga, gb) = (roots_of_name.row(a as usize), roots_of_name.row(b as usize));
    let mut roots = |groups: &[u32]| {
        let mut r: Vec<usize> = groups.iter().map(|&g| clusters.find(g as usize)).collect();
        r.sort_unstable();
        r.dedup();
        r
    };
    let (ra, rb) = (roots(ga), roots(gb));
    if ra.len() * rb.len() > MAX_GROUPS_PER_EDGE_END {
        return;
    }
    for &x in &ra {
        for &y in &rb {
            out.push((x, y));
        }
    }
}

/// The roots of the names `a` and `b` when each has one.
fn single_roots(roots_of_name: &Rows, a: u32, b: u32) -> Option<(u32, u32)> {
    match (roots_of_name.row(a as usize), roots_of_name.row(b as usize)) {
        ([x], [y]) => Some((*x, *y)),
        _ => None,
    }
}

/// Rows of small integers stored flat: row `i` is
/// `items[starts[i]..starts[i + 1]]`. A million one-element rows cost two
/// integers each instead of a vector each.
struct Rows {
    starts: Vec<u32>,
    items: Vec<u32>,
}

impl Rows {
    fn with_capacity(rows: usize) -> Self {
        let mut starts = Vec::with_capacity(rows + 1);
        starts.push(0);
        Rows {
            starts,
            items: Vec::with_capacity(rows),
        }
    }

    /// Rows `0..rows` from (row, item) pairs, each row's items in the
    /// order given (a counting sort).
    fn grouped(rows: usize, pairs: &[(u32, u32)]) -> Self {
        let mut starts = vec![0u32; rows + 1];
        for &(row, _) in pairs {
            starts[row as usize + 1] += 1;
        }
        for i in 0..rows {
            starts[i + 1] += starts[i];
        }
        let mut next: Vec<u32> = starts[..rows].to_vec();
        let mut items = vec![0u32; pairs.len()];
        for &(row, item) in pairs {
            let slot = &mut next[row as usize];
            items[*slot as usize] = item;
            *slot += 1;
        }
        Rows { starts, items }
    }

    fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// The same rows with every item mapped (in parallel), each row sorted
    /// and without repeats.
    fn mapped(&self, f: impl Fn(u32) -> u32 + Sync) -> Rows {
        let mapped: Vec<u32> = self.items.par_iter().map(|&x| f(x)).collect();
        let mut out = Rows::with_capacity(self.len());
        let mut row: Vec<u32> = Vec::new();
        for i in 0..self.len() {
            row.clear();
            row.extend_from_slice(&mapped[self.starts[i] as usize..self.starts[i + 1] as usize]);
            row.sort_unstable();
            row.dedup();
            out.items.extend_from_slice(&row);
            out.end_row();
        }
        out
    }

    fn row(&self, i: usize) -> &[u32] {
        &self.items[self.starts[i] as usize..self.starts[i + 1] as usize]
    }

    /// The row being filled by [`Rows::push_to_last`].
    fn last_row(&self) -> &[u32] {
        let start = self.starts.last().map_or(0, |&s| s as usize);
        &self.items[start..]
    }

    fn push_to_last(&mut self, item: u32) {
        self.items.push(item);
    }

    fn end_row(&mut self) {
        self.starts.push(self.items.len() as u32);
    }
}

/// A readable label for a group: its first name.
/// Whether one spelling, written identically in several records, is enough
/// to call them one person. A specific kunya (`Abu Hammam`) or a rare single
/// name is; a generic kunya or given name (`Abu Muhammad`), a common name,
/// or a nisba alone (`al-Qurashi`) is not: many people share it.
fn distinctive_when_identical(name: &Prepared) -> bool {
    name.tokens.iter().any(|t| {
        !matches!(t.role, super::Role::Nisba | super::Role::Initial)
            && !t.word.common
            && !t.word.generic
    })
}

fn group_label<'n>(groups: &[impl AsRef<[&'n str]>], g: usize) -> String {
    groups
        .get(g)
        .and_then(|names| names.as_ref().first())
        .map_or_else(|| format!("group {g}"), |n| n.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(names: &[&str], constraints: &Constraints) -> Clustering {
        let groups: Vec<Vec<&str>> = names.iter().map(|n| vec![*n]).collect();
        cluster(&groups, constraints, &MatchConfig::default())
    }

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

    #[test]
    fn variants_cluster_and_kunya_stays_apart() {
        let c = run(
            &[
                "Usama al-Muhajir",
                "Usama al-Mujahir",
                "Abu Usama al-Muhajir",
            ],
            &Constraints::default(),
        );
        assert_eq!(c.cluster_of_group, [0, 0, 1]);
        assert!(c.candidate_pairs >= 2);
    }

    #[test]
    fn explicit_different_wins() {
        let constraints = Constraints {
            same: vec![],
            different: vec![(0, 1)],
        };
        let c = run(&["Osama bin Laden", "Usama bin Ladin"], &constraints);
        assert_eq!(c.cluster_of_group, [0, 1]);
        assert!(!c.ambiguous.is_empty());
    }

    #[test]
    fn explicit_same_wins() {
        let constraints = Constraints {
            same: vec![(0, 1)],
            different: vec![],
        };
        let c = run(
            &["Lavdrim Muhaxheri", "Abu Abdullah al-Kosova"],
            &constraints,
        );
        assert_eq!(c.cluster_of_group, [0, 0]);
    }

    #[test]
    fn no_chain_through_a_cannot_link() {
        // A~B and B~C look plausible, A and C differ by kunya against ism.
        let constraints = Constraints {
            same: vec![],
            different: vec![(0, 2)],
        };
        let c = run(
            &[
                "Lavdrim Muhaxheri",
                "Lavdrim Muhaxheri al-Kosovi",
                "Lavdrim Muhaxhery",
            ],
            &constraints,
        );
        assert_ne!(c.cluster_of_group[0], c.cluster_of_group[2]);
    }

    #[test]
    fn groups_and_deterministic() {
        let groups = vec![
            vec!["Abu Bakr al-Baghdadi", "Ibrahim Awad Ibrahim al-Badri"],
            vec!["Abubakr al-Baghdadi"],
            vec!["Abu Muhammad al-Adnani"],
        ];
        let first = cluster(&groups, &Constraints::default(), &MatchConfig::default());
        let again = cluster(&groups, &Constraints::default(), &MatchConfig::default());
        assert_eq!(first.cluster_of_group, [0, 0, 1]);
        assert_eq!(first.merges, again.merges);
        assert!(first
            .merges
            .iter()
            .any(|m| m.reason == "given as aliases in one record"));
    }

    #[test]
    fn same_result_on_any_number_of_threads() {
        let names = [
            "Abu Bakr al-Baghdadi",
            "Abubakr al-Baghdadi",
            "AL-TAWIL, Hasan",
            "AL-TAWIL, Hasan Abdallah Karimi",
            "Usama al-Muhajir",
            "Abu Usama al-Muhajir",
            "Usama al-Mujahir",
            "Muhammad bin Ali",
            "Ali bin Muhammad",
            "Abu Muhammad",
            "Abu Muhammad",
        ];
        let groups: Vec<Vec<&str>> = names.iter().map(|n| vec![*n]).collect();
        let run_on = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("a thread pool");
            pool.install(|| cluster(&groups, &Constraints::default(), &MatchConfig::default()))
        };
        let (one, four) = (run_on(1), run_on(4));
        assert_eq!(one.cluster_of_group, four.cluster_of_group);
        assert_eq!(one.merges, four.merges);
        assert_eq!(one.ambiguous, four.ambiguous);
    }

    #[test]
    fn empty_input() {
        let c = cluster::<Vec<&str>>(&[], &Constraints::default(), &MatchConfig::default());
        assert!(c.cluster_of_group.is_empty());
        let c = run(&["", "🙂", "  "], &Constraints::default());
        assert_eq!(c.cluster_of_group, [0, 1, 2]);
    }

    #[test]
    fn names_without_parts_among_others_stay_alone() {
        // Names numbered before and after the first one with nothing to
        // compare (its key is empty) still meet their variants.
        let c = run(
            &[
                "Abu Bakr al-Baghdadi",
                "🙂",
                "Abubakr al-Baghdadi",
                "!!!",
                "Lavdrim Muhaxheri",
                "Abu Bakr al-Baghdadi",
                "Lavdrim Muhaxhiri",
            ],
            &Constraints::default(),
        );
        assert_eq!(c.cluster_of_group, [0, 1, 0, 2, 3, 0, 3]);
    }
}
