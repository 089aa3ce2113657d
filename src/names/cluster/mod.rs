//! Names into people, under constraints.
//!
//! Input groups are sets of names already known to be one person (a claim's
//! `who` and `aliases`). Groups are joined by agglomerative clustering over
//! scored candidate edges, best first, with two safeguards against chains of
//! individually plausible merges (A~B, B~C, but A≠C):
//!
//! * cannot-links: an explicit `different` constraint, or a comparison with
//!   strong structural evidence of difference (kunya against ism, reversed
//!   nasab, different kunya or family name; never a nisba alone, as a
//!   person's nisbas are a set), between *any* two names
//!   of two clusters forbids merging them, now and after later merges;
//! * support: the best edge between the two clusters must reach the
//!   threshold with sufficient evidence (distinctive parts agree, not only
//!   a nisba or a generic kunya). Edges are taken best first, so a cluster
//!   is built from its strongest links and every cannot-link found among
//!   all scored pairs is already in place before any merge.
//!
//! Edges in the review band, and merges that were blocked, become
//! [`Ambiguity`] records instead of silent decisions.
//!
//! [`cluster`] runs these phases in order over one [`Run`]:
//!
//! 1. read the names: each distinct spelling parsed once, spellings that
//!    normalise alike numbered as one name ([`spellings`]);
//! 2. names given together in one group are one person;
//! 3. explicit constraints: `different` as cannot-links, then `same`;
//! 4. block (candidate pairs) and, beside it, join identical names;
//! 5. score every candidate pair ([`score`]);
//! 6. strong differences become cannot-links between clusters, unless a
//!    name between the two overrules them ([`bridges`]);
//! 7. merge along `Same` edges, best first, unless a cannot-link forbids
//!    ([`union_find`]); a name inside a longer one does not join it when
//!    the births of their records cannot both hold ([`births`]), nor when
//!    it lies as well inside the names of another person kept apart from
//!    the first ([`ties`]);
//! 8. a name inside a longer one, in the review band on names alone, joins
//!    it when the records of both state the same birth day ([`births`]);
//! 9. unique completion: a name inside longer names of one person only
//!    joins that person, births permitting ([`completion`]);
//! 10. a name whose review-band candidates all belong to one person joins
//!     that person, on a link a namesake would not make
//!     ([`sole_candidate`]);
//! 11. a review-band link joins when a weak alias of one side is the
//!     other's name ([`corroboration`]);
//! 12. report review-band edges, blocked merges and generic identical
//!     names as ambiguities;
//! 13. number the clusters and sort what is reported.

mod births;
mod bridges;
mod completion;
mod corroboration;
mod lifted;
mod namesakes;
mod score;
mod sole_candidate;
mod spellings;
mod ties;
mod union_find;

use super::blocking::candidate_pairs;
use super::lexicon::Lexicon;
use super::similarity::{compare, Inside, Prepared};
use super::{Decision, MatchConfig};
use crate::collections::Rows;
use crate::date::Day;
use bridges::Bridges;
use lifted::{lifted_roots, single_roots, MAX_GROUPS_PER_EDGE_END};
use rayon::prelude::*;
use score::{score_pairs, Edge, LaidOut};
use serde::Serialize;
use spellings::Names;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use union_find::Clusters;

/// Candidates listed in one ambiguity record.
const MAX_CANDIDATES: usize = 20;

/// Input to clustering: indices into `groups` known to be the same person or
/// known to be different people. Explicit constraints win over any score.
#[derive(Clone, Debug, Default)]
pub struct Constraints {
    /// Pairs of groups that are one person.
    pub same: Vec<(usize, usize)>,
    /// Pairs of groups that are different people.
    pub different: Vec<(usize, usize)>,
    /// The birth days a group's records allow, first to last, for the
    /// groups whose records state a birth. Evidence beside the names:
    /// births that cannot both hold keep a contained name from joining a
    /// longer one, and the same birth day supports it ([`births`]).
    pub born: Vec<(usize, (Day, Day))>,
    /// Weak aliases, by group: broad names that never merge on their own
    /// but corroborate a link the names leave in the review band
    /// ([`corroboration`]).
    pub weak: Vec<(usize, String)>,
    /// Groups that are entries of a list (a sanctions list's own ids), as
    /// (group, list, entry): two entries of one list are two people by the
    /// list's own account, and no cluster ever holds two, however it grows.
    pub entries: Vec<(usize, u32, u32)>,
}

/// One link that joined two names into one cluster.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Merge {
    /// The two names joined.
    pub names: [String; 2],
    /// Why: given together, a constraint, or how the names match.
    pub reason: String,
    /// The similarity score (1.0 for a link not decided by the matcher).
    pub score: f64,
}

/// A name that could be the same person as other names but was not merged:
/// a score in the review band, or a merge blocked by a constraint or by
/// evidence of difference elsewhere in the cluster.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Ambiguity {
    /// The name in question.
    pub name: String,
    /// The names it could be the same person as, sorted.
    pub candidates: Vec<String>,
    /// The best candidate's score.
    pub score: f64,
    /// Why it was not merged, with the best candidate's comparison.
    pub explanation: String,
}

/// The result of [`cluster`].
#[derive(Clone, Debug, Serialize)]
pub struct Clustering {
    /// Dense cluster index per input group, numbered by first appearance.
    pub cluster_of_group: Vec<usize>,
    /// The links that joined names, sorted by names.
    pub merges: Vec<Merge>,
    /// What could not be decided, sorted by name.
    pub ambiguous: Vec<Ambiguity>,
    /// Pairs of distinct names scored after blocking.
    pub candidate_pairs: usize,
}

/// A merge that a cannot-link kept from happening: the two names, the
/// score, and why.
type Blocked = (u32, u32, f64, &'static str);

/// A merge the matcher decided, to be explained: its index in
/// [`Run::merges`] and its two names.
type Matched = (usize, u32, u32);

/// Cluster groups of names into people.
pub fn cluster<'n, G: AsRef<[&'n str]> + Sync>(
    groups: &[G],
    constraints: &Constraints,
    cfg: &MatchConfig,
) -> Clustering {
    let Names {
        display,
        prepared,
        words,
        names_of_group,
        groups_of_name,
    } = Names::of_groups(groups);
    let mut clusters = Clusters::new(groups.len());
    clusters.set_births(&constraints.born);
    clusters.set_entries(&constraints.entries);
    let mut run = Run {
        groups,
        cfg,
        display,
        names_of_group,
        groups_of_name,
        clusters,
        merges: Vec::new(),
        ambiguous: Vec::new(),
    };
    run.record_names_of_one_group();
    run.apply_constraints(constraints);
    // Blocking reads the names; joining identical names, which is serial,
    // writes only the clusters: the two run side by side.
    let (candidates, generic_identical) = rayon::join(
        || candidate_pairs(&prepared, &words),
        || run.join_identical_names(&prepared),
    );
    let candidate_count = candidates.pairs.len();
    // Edges come in the order of the pairs, whatever the thread scheduling;
    // nothing below depends on it before they are sorted by score.
    let (edges, names) = score_pairs(prepared, candidates, cfg);
    let roots_of_name = run.roots_of_names();
    run.forbid_strong_differences(&edges, &roots_of_name);
    let edges = best_first(edges);
    let (matched, blocked) = run.merge_best_first(&edges, &roots_of_name);
    run.explain_matched(&matched, &names);
    run.join_contained_born_alike(&edges, &roots_of_name, &names);
    run.complete_contained(&edges, &roots_of_name, &names);
    run.join_sole_candidates(&edges, &roots_of_name, &names);
    run.corroborate_by_weak_aliases(&edges, &roots_of_name, &names, &constraints.weak);
    run.report_open_edges(&edges, &blocked, &roots_of_name, &names);
    run.report_generic_identical(&generic_identical, &names);
    run.finish(candidate_count, names, words)
}

/// The state the phases of [`cluster`] read and change.
struct Run<'a, 'n, G> {
    groups: &'a [G],
    cfg: &'a MatchConfig,
    /// How each name is shown.
    display: Vec<&'n str>,
    names_of_group: Rows,
    groups_of_name: Rows,
    /// Clusters of groups, with the cannot-links between them.
    clusters: Clusters,
    merges: Vec<Merge>,
    ambiguous: Vec<Ambiguity>,
}

impl<'n, G: AsRef<[&'n str]> + Sync> Run<'_, 'n, G> {
    /// Names in one group are one person (recorded as merges only when
    /// merges are explained).
    fn record_names_of_one_group(&mut self) {
        if !self.cfg.explain_merges {
            return;
        }
        for ids in (0..self.names_of_group.len()).map(|g| self.names_of_group.row(g)) {
            for &other in ids.iter().skip(1) {
                self.merges.push(Merge {
                    names: [
                        self.display[ids[0] as usize].to_string(),
                        self.display[other as usize].to_string(),
                    ],
                    reason: "given as aliases in one record".to_string(),
                    score: 1.0,
                });
            }
        }
    }

    /// Explicit constraints first: `different` as cannot-links, then `same`
    /// unless it contradicts a `different`.
    fn apply_constraints(&mut self, constraints: &Constraints) {
        let groups = self.groups;
        let clusters = &mut self.clusters;
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
                self.ambiguous.push(Ambiguity {
                    name: na,
                    candidates: vec![nb],
                    score: 1.0,
                    explanation: "constraints contradict: marked both same and different"
                        .to_string(),
                });
                continue;
            }
            clusters.union(ra, rb);
            if self.cfg.explain_merges {
                self.merges.push(Merge {
                    names: [na, nb],
                    reason: "explicit same-person constraint".to_string(),
                    score: 1.0,
                });
            }
        }
    }

    /// The same normalised name in several groups: one person, if the name
    /// is distinctive enough on its own and nothing forbids it. Returns the
    /// names too generic for that, decided at the end: only a name whose
    /// records end up with different people is ambiguous.
    fn join_identical_names(&mut self, prepared: &[Prepared]) -> Vec<usize> {
        let mut generic_identical: Vec<usize> = Vec::new();
        let names = self.groups_of_name.len();
        for (id, name) in prepared.iter().enumerate().take(names) {
            let gs = self.groups_of_name.row(id);
            if gs.len() < 2 {
                continue;
            }
            // The cheap test first: most repeated names are distinctive.
            if !distinctive_when_identical(name) && !compare(name, name).sufficient {
                generic_identical.push(id);
                continue;
            }
            for &g in &gs[1..] {
                let clusters = &mut self.clusters;
                let (r0, rg) = (clusters.find(gs[0] as usize), clusters.find(g as usize));
                if r0 == rg {
                    continue;
                }
                if clusters.forbidden(r0, rg) {
                    self.ambiguous.push(Ambiguity {
                        name: self.display[id].to_string(),
                        candidates: vec![group_label(self.groups, g as usize)],
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

    /// Each name's clusters, taken once as the distinct roots of its groups:
    /// identical names are joined by now, so a name's groups mostly share
    /// one root, and the edges look up one root per name rather than every
    /// group (scattered reads, a million of them per pass). Read in
    /// parallel: nothing is joined while this runs.
    fn roots_of_names(&self) -> Rows {
        let clusters = &self.clusters;
        let root_of_group: Vec<u32> = (0..self.groups.len())
            .into_par_iter()
            .map(|g| clusters.root(g) as u32)
            .collect();
        self.groups_of_name.mapped(|g| root_of_group[g as usize])
    }

    /// Strong differences become cannot-links between the clusters involved
    /// (after identical names are joined, so each is lifted once).
    ///
    /// From here on clusters only grow through `Same` edges, and a
    /// cannot-link is only ever consulted between two clusters that such an
    /// edge reaches. So a root that no `Same` edge touches (through any
    /// group of either name) needs none: most strong differences are
    /// between people who are never merged with anyone. This reads a fixed
    /// state, so it runs in parallel, and the cannot-links are recorded in
    /// bulk.
    fn forbid_strong_differences(&mut self, edges: &[Edge], roots_of_name: &Rows) {
        let touched: Vec<AtomicBool> = (0..self.groups.len())
            .map(|_| AtomicBool::new(false))
            .collect();
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
        let groups_of_name = &self.groups_of_name;
        let bridges = Bridges::new(
            edges,
            groups_of_name.len(),
            &self.names_of_group,
            groups_of_name,
        );
        let cannot_links: Vec<(u32, u32)> = edges
            .par_iter()
            .filter(|e| {
                e.strong_difference
                    && groups_of_name.row(e.a as usize).len()
                        * groups_of_name.row(e.b as usize).len()
                        <= MAX_GROUPS_PER_EDGE_END * MAX_GROUPS_PER_EDGE_END
                    && !bridges.overrule(e)
            })
            .flat_map_iter(|edge| {
                touched_roots(edge.a)
                    .flat_map(move |rx| touched_roots(edge.b).map(move |ry| (rx, ry)))
            })
            .collect();
        self.clusters.forbid_all(cannot_links);
    }

    /// `Same` edges (sorted best first) join their clusters unless a
    /// cannot-link keeps them apart. Returns the merges to explain and the
    /// merges that were blocked.
    fn merge_best_first(
        &mut self,
        edges: &[Edge],
        roots_of_name: &Rows,
    ) -> (Vec<Matched>, Vec<Blocked>) {
        let mut blocked: Vec<Blocked> = Vec::new();
        let mut matched: Vec<Matched> = Vec::new();
        let mut lifted: Vec<(usize, usize)> = Vec::new();
        // The loop below is serial, and each edge's names' roots are
        // scattered reads (four cache misses an edge, half its time): read
        // them first, in parallel, for the common edge between two names
        // of one root each.
        let merging: Vec<&Edge> = edges
            .iter()
            .filter(|e| e.decision == Decision::Same)
            .collect();
        let single: Vec<Option<(u32, u32)>> = merging
            .par_iter()
            .map(|e| single_roots(roots_of_name, e.a, e.b))
            .collect();
        let inner_links = ties::InnerLinks::of(&merging);
        for (edge, single) in merging.iter().copied().zip(single) {
            if self.tied(edge, &inner_links, roots_of_name) {
                let (inner, outer) = edge.inner_first();
                blocked.push((inner, outer, edge.score, ties::TIED));
                continue;
            }
            match single {
                Some((x, y)) => {
                    lifted.clear();
                    let clusters = &mut self.clusters;
                    lifted.push((clusters.find(x as usize), clusters.find(y as usize)));
                }
                None => lifted_roots(
                    &mut self.clusters,
                    roots_of_name,
                    edge.a,
                    edge.b,
                    &mut lifted,
                ),
            }
            match self.join_lifted(&lifted, edge.inside != Inside::Neither) {
                Ok(()) => {
                    if self.cfg.explain_merges {
                        matched.push((self.merges.len(), edge.a, edge.b));
                        self.merges.push(Merge {
                            names: [
                                self.display[edge.a as usize].to_string(),
                                self.display[edge.b as usize].to_string(),
                            ],
                            reason: String::new(),
                            score: edge.score,
                        });
                    }
                }
                Err(Some(why)) => blocked.push((edge.a, edge.b, edge.score, why)),
                Err(None) => {}
            }
        }
        (matched, blocked)
    }

    /// Joins every pair of roots an edge was lifted to, unless kept apart
    /// (for an edge from a `contained` name, also by births that cannot
    /// both hold). `Ok` if any pair joined; else why not, if a cannot-link
    /// or the births were the reason.
    fn join_lifted(
        &mut self,
        lifted: &[(usize, usize)],
        contained: bool,
    ) -> Result<(), Option<&'static str>> {
        let clusters = &mut self.clusters;
        let mut merged = false;
        let mut reason_blocked = None;
        for &(rx, ry) in lifted {
            let (rx, ry) = (clusters.find(rx), clusters.find(ry));
            if rx == ry {
                continue;
            }
            if clusters.forbidden(rx, ry) {
                reason_blocked =
                    Some("a constraint or evidence of difference keeps the clusters apart");
                continue;
            }
            if contained && clusters.births_apart(rx, ry) {
                reason_blocked = Some(births::APART);
                continue;
            }
            clusters.union(rx, ry);
            merged = true;
        }
        if merged {
            Ok(())
        } else {
            Err(reason_blocked)
        }
    }

    /// For each of `edges`, every pair of clusters its two names are in
    /// that may still join (apart, no cannot-link), as they stand when it
    /// is reached: `join` decides, and may join them.
    fn open_links<'e>(
        &mut self,
        edges: impl Iterator<Item = &'e Edge>,
        roots_of_name: &Rows,
        mut join: impl FnMut(&mut Self, &'e Edge, usize, usize),
    ) {
        let mut lifted: Vec<(usize, usize)> = Vec::new();
        for edge in edges {
            lifted_roots(
                &mut self.clusters,
                roots_of_name,
                edge.a,
                edge.b,
                &mut lifted,
            );
            for &(x, y) in &lifted {
                let (x, y) = (self.clusters.find(x), self.clusters.find(y));
                if x != y && !self.clusters.forbidden(x, y) {
                    join(self, edge, x, y);
                }
            }
        }
    }

    /// Records a merge of the names `a` and `b` the matcher decided outside
    /// the best-first loop, when merges are explained: `why` comes before
    /// the comparison of the two names.
    fn explain_merge(
        &mut self,
        a: u32,
        b: u32,
        score: f64,
        names: &LaidOut,
        why: impl FnOnce() -> String,
    ) {
        if !self.cfg.explain_merges {
            return;
        }
        self.merges.push(Merge {
            names: [
                self.display[a as usize].to_string(),
                self.display[b as usize].to_string(),
            ],
            reason: format!("{}; {}", why(), names.explain(a, b)),
            score,
        });
    }

    /// Explanations only for what is reported.
    fn explain_matched(&mut self, matched: &[Matched], names: &LaidOut) {
        let reasons: Vec<String> = matched
            .par_iter()
            .map(|&(_, a, b)| format!("names match: {}", names.explain(a, b)))
            .collect();
        for (&(index, _, _), reason) in matched.iter().zip(reasons) {
            self.merges[index].reason = reason;
        }
    }

    /// Review-band edges and blocked merges between different final
    /// clusters, one record per name.
    fn report_open_edges(
        &mut self,
        edges: &[Edge],
        blocked: &[Blocked],
        roots_of_name: &Rows,
        names: &LaidOut,
    ) {
        // name id → (candidate name id, score, why it was not merged)
        let mut open: BTreeMap<u32, OpenOptions> = BTreeMap::new();
        let mut lifted: Vec<(usize, usize)> = Vec::new();
        // A name inside another is the one in question (`X` could be `X
        // ibn Y`, or any longer name it lies in).
        let review = edges
            .iter()
            .filter(|e| e.decision == Decision::Review)
            .map(|e| {
                let (a, b) = e.inner_first();
                (a, b, e.score, "score in the review band")
            });
        for (a, b, score, why) in review.chain(blocked.iter().copied()) {
            lifted_roots(&mut self.clusters, roots_of_name, a, b, &mut lifted);
            let apart = lifted.iter().any(|(x, y)| x != y);
            if apart {
                open.entry(a).or_default().push((b, score, why));
            }
        }
        let opened: Vec<(u32, OpenOptions)> = open.into_iter().collect();
        let display = &self.display;
        let mut records: Vec<Ambiguity> = opened
            .par_iter()
            .map(|(a, options)| open_record(*a, options, display, names))
            .collect();
        self.ambiguous.append(&mut records);
    }

    /// A generic name written identically in records that ended with
    /// different people: it could be any of them.
    fn report_generic_identical(&mut self, generic_identical: &[usize], names: &LaidOut) {
        for &id in generic_identical {
            let mut by_root: BTreeMap<usize, usize> = BTreeMap::new();
            for &g in self.groups_of_name.row(id) {
                let g = g as usize;
                by_root.entry(self.clusters.find(g)).or_insert(g);
            }
            if by_root.len() < 2 {
                continue;
            }
            let mut candidates: Vec<String> = by_root
                .values()
                .map(|&g| group_label(self.groups, g))
                .collect();
            candidates.sort();
            candidates.dedup();
            candidates.truncate(MAX_CANDIDATES);
            self.ambiguous.push(Ambiguity {
                name: self.display[id].to_string(),
                candidates,
                score: 1.0,
                explanation: format!(
                    "the name '{}' is written in records of {} different people and is too generic to tell them apart ({})",
                    names.get(id).key,
                    by_root.len(),
                    names.get(id).describe()
                ),
            });
        }
    }

    /// Dense cluster numbers in order of first appearance, and what is
    /// reported, sorted.
    fn finish(mut self, candidate_pairs: usize, names: LaidOut, words: Lexicon) -> Clustering {
        let groups = self.groups.len();
        let mut number_of_root = vec![usize::MAX; groups];
        let mut numbered = 0;
        let mut cluster_of_group = Vec::with_capacity(groups);
        for g in 0..groups {
            let number = &mut number_of_root[self.clusters.find(g)];
            if *number == usize::MAX {
                *number = numbered;
                numbered += 1;
            }
            cluster_of_group.push(*number);
        }
        drop(number_of_root);
        let Run {
            clusters,
            mut merges,
            mut ambiguous,
            ..
        } = self;
        // Freeing the parsed names and the cannot-link sets (a million and
        // more allocations) is left to the pool, beside what the caller does
        // next, rather than done here on one core.
        rayon::spawn(move || drop((names, clusters, words)));
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
            candidate_pairs,
        }
    }
}

/// A name's open options: (candidate name id, score, why it was not merged).
type OpenOptions = Vec<(u32, f64, &'static str)>;

/// The ambiguity record of the name `a` and its open options: every
/// candidate, and the best one explained.
fn open_record(a: u32, options: &OpenOptions, display: &[&str], names: &LaidOut) -> Ambiguity {
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
        Some((b, score, why)) => (*score, format!("{why}: {}", names.explain(a, *b))),
        None => (0.0, String::new()),
    };
    Ambiguity {
        name: display[a as usize].to_string(),
        candidates,
        score,
        explanation,
    }
}

/// Only the edges that merge or ask for review (among them those for
/// unique completion), best first; ties broken by
/// the name ids, which follow input order. No two edges join the same
/// names, so the order is total and an unstable sort gives it.
fn best_first(mut edges: Vec<Edge>) -> Vec<Edge> {
    edges.retain(|e| e.decision != Decision::Different);
    edges.par_sort_unstable_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then(x.a.cmp(&y.a))
            .then(x.b.cmp(&y.b))
    });
    edges
}

/// Whether one spelling, written identically in several records, is enough
/// to call them one person. A specific kunya (`Abu Hammam`) or a rare own
/// name is; a generic kunya or given name (`Abu Muhammad`), a common name,
/// or a nisba alone (`al-Qurashi`) is not: many people share it. (A kunya
/// alone never joins a *different* spelling: see `Evidence::sufficient`.)
fn distinctive_when_identical(name: &Prepared) -> bool {
    name.tokens.iter().any(|t| {
        !matches!(t.role, super::Role::Nisba | super::Role::Initial)
            && !t.word.common
            && !t.word.generic
    })
}

/// A readable label for a group: its first name.
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
            different: vec![(0, 1)],
            ..Constraints::default()
        };
        let c = run(&["Osama bin Laden", "Usama bin Ladin"], &constraints);
        assert_eq!(c.cluster_of_group, [0, 1]);
        assert!(!c.ambiguous.is_empty());
    }

    #[test]
    fn explicit_same_wins() {
        let constraints = Constraints {
            same: vec![(0, 1)],
            ..Constraints::default()
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
            different: vec![(0, 2)],
            ..Constraints::default()
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
