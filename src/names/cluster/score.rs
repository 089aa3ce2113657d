//! Scoring the candidate pairs of blocking: one [`Edge`] a pair.

use super::namesakes;
use crate::collections::reordered;
use crate::names::blocking::Candidates;
use crate::names::similarity::{
    compare, compare_cached, Conflict, Inside, Prepared, SimilarityCache,
};
use crate::names::{decide, Decision, Explanation, MatchConfig};
use rayon::prelude::*;
use rustc_hash::FxHashSet;

/// A scored pair of distinct names, `a` < `b`.
pub(super) struct Edge {
    pub a: u32,
    pub b: u32,
    pub score: f64,
    pub decision: Decision,
    pub strong_difference: bool,
    /// The only evidence of difference is another nisba or family name
    /// (see [`super::bridges`]).
    pub only_nisba: bool,
    /// One name lies inside the other (see [`Inside`]).
    pub inside: Inside,
    /// … on evidence enough for unique completion.
    pub completes: bool,
    /// A review-band link that may join its names when it is the only
    /// person on offer ([`super::sole_candidate`]): one a namesake would
    /// not make ([`super::namesakes`]).
    pub sole_fit: bool,
}

impl Edge {
    /// The two names, the one inside the other first: the name in
    /// question when the link is reported or explained (`X` could be `X
    /// ibn Y`).
    pub(super) fn inner_first(&self) -> (u32, u32) {
        match self.inside {
            Inside::SecondInFirst => (self.b, self.a),
            _ => (self.a, self.b),
        }
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
pub(super) fn score_pairs(
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
            let (pa, pb) = (&local[first as usize], &local[second as usize]);
            let cmp = compare_cached(pa, pb, cache);
            let decision = decide(&cmp, cfg);
            let edge = Edge {
                a: a.min(b),
                b: a.max(b),
                score: cmp.score,
                decision,
                strong_difference: cmp.strong_difference(),
                only_nisba: cmp
                    .conflicts
                    .iter()
                    .all(|c| matches!(c, Conflict::DifferentNisba | Conflict::DifferentFamilyName)),
                // The edge's `a` is the smaller id, compared first.
                inside: cmp.inside,
                completes: cmp.completes,
                sole_fit: decision == Decision::Review && namesakes::fits(pa, pb, &cmp),
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
pub(super) struct LaidOut {
    names: Vec<Prepared>,
    /// Where each name id is in `names`.
    position: Vec<u32>,
}

impl LaidOut {
    /// The name with id `id`.
    pub(super) fn get(&self, id: usize) -> &Prepared {
        &self.names[self.position[id] as usize]
    }

    /// Every (word, name id) where the name has one of `words` (numbers in
    /// the lexicon), read in parallel in the names' own order.
    pub(super) fn with_words(&self, words: &FxHashSet<u32>) -> Vec<(u32, u32)> {
        let mut id_at = vec![0u32; self.names.len()];
        for (id, &at) in self.position.iter().enumerate() {
            id_at[at as usize] = id as u32;
        }
        self.names
            .par_iter()
            .zip(id_at.par_iter())
            .flat_map_iter(|(name, &id)| {
                name.tokens
                    .iter()
                    .filter(|t| words.contains(&t.id))
                    .map(move |t| (t.id, id))
            })
            .collect()
    }

    /// Why the names `a` and `b` compare as they do, from the same prepared
    /// names (with the same rare parts) that were scored.
    pub(super) fn explain(&self, a: u32, b: u32) -> String {
        let (pa, pb) = (self.get(a as usize), self.get(b as usize));
        Explanation::of(pa, pb, &compare(pa, pb)).to_string()
    }

    /// The score of the names `a` and `b`.
    pub(super) fn score(&self, a: u32, b: u32) -> f64 {
        compare(self.get(a as usize), self.get(b as usize)).score
    }
}
