//! Origins: where a claim ultimately comes from.
//!
//! Corroboration counts independent origins, not articles. Three outlets
//! that relay one wire story, or one group's statement, are one report
//! repeated; an Iraqi prime minister, a US president and a military command
//! each announcing a death are three.
//!
//! The origin of a claim is:
//! - its `according_to`, when it names one: the party that originally
//!   asserts it, whoever published it. Originators are compared trimmed, with
//!   runs of spaces collapsed and case folded (`US Central Command` and
//!   `us central command` are one), and shown as written;
//! - otherwise the source at the end of its source's chain of relays: a
//!   source that cites exactly one other relays it and has its origin; a
//!   source that cites nothing is its own origin, and so is one that cites
//!   several (an analysis drawing on thirty reports: which of them a given
//!   unattributed claim comes from is unknown, so the claim is the analyst's
//!   own, and counting every cited report as an origin would inflate
//!   corroboration). The loader breaks citation cycles, and the walk here
//!   guards against them anyway;
//! - nothing, for a claim with neither a source nor an `according_to`: its
//!   origin cannot be traced, and it corroborates nothing.
//!
//! [`origins`] walks the citations for one claim; [`Provenance`] walks every
//! source once and answers for any number of claims.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::cmp::Ordering;
use std::fmt;

use crate::model::{Claim, Dataset};

/// What kind of party an [`Origin`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OriginKind {
    /// Named in a claim's `according_to`.
    Originator,
    /// A source record that cites no other source.
    Source,
}

/// One origin. Two origins are the same when their kind and [`Origin::key`]
/// are; the label is only for display.
#[derive(Clone, Debug)]
pub struct Origin {
    /// Who it is: a named originator or a source.
    pub kind: OriginKind,
    /// The comparison key: the folded originator, or the source id.
    pub key: String,
    /// As written: the originator, or the source's id.
    pub name: String,
    /// The source's title or publisher, when it has one other than its id.
    pub title: Option<String>,
}

impl Origin {
    fn originator(written: &str) -> Origin {
        let name = written.split_whitespace().collect::<Vec<_>>().join(" ");
        Origin {
            kind: OriginKind::Originator,
            key: name.to_lowercase(),
            name,
            title: None,
        }
    }

    fn source(dataset: &Dataset, id: &str) -> Origin {
        let title = dataset
            .source(id)
            .map(|s| s.label())
            .filter(|label| *label != id)
            .map(str::to_string);
        Origin {
            kind: OriginKind::Source,
            key: id.to_string(),
            name: id.to_string(),
            title,
        }
    }
}

impl PartialEq for Origin {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind && self.key == other.key
    }
}

impl Eq for Origin {}

impl PartialOrd for Origin {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Origin {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.kind, &self.key).cmp(&(other.kind, &other.key))
    }
}

/// `according to US Central Command`, `source amaq-2019-10-31 (Amaq News Agency)`.
impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.kind, &self.title) {
            (OriginKind::Originator, _) => write!(f, "according to {}", self.name),
            (OriginKind::Source, Some(title)) => write!(f, "source `{}` ({title})", self.name),
            (OriginKind::Source, None) => write!(f, "source `{}`", self.name),
        }
    }
}

/// Sorts and deduplicates; among equal origins the smallest spelling is
/// kept, so the result does not depend on the order claims came in.
fn settle(mut origins: Vec<Origin>) -> Vec<Origin> {
    origins.sort_by(|a, b| a.cmp(b).then_with(|| a.name.cmp(&b.name)));
    origins.dedup();
    origins
}

/// The origins of one claim, sorted and deduplicated. Walks the citations
/// afresh: for many claims build a [`Provenance`] once instead.
pub fn origins(dataset: &Dataset, claim: &Claim) -> Vec<Origin> {
    if let Some(origin) = originator(claim) {
        return vec![origin];
    }
    let Some(start) = claim.source.as_deref() else {
        return Vec::new();
    };
    let mut roots = Vec::new();
    let mut seen: HashSet<&str> = HashSet::default();
    seen.insert(start);
    let mut stack: Vec<&str> = vec![start];
    while let Some(id) = stack.pop() {
        let cites = relayed(dataset.source(id).map_or(&[][..], |s| s.cites.as_slice()));
        if cites.is_empty() {
            roots.push(Origin::source(dataset, id));
        }
        for cited in cites {
            if seen.insert(cited.as_str()) {
                stack.push(cited);
            }
        }
    }
    settle(roots)
}

/// The distinct origins of a set of claims, sorted.
pub fn distinct_origins<'c>(
    dataset: &Dataset,
    claims: impl IntoIterator<Item = &'c Claim>,
) -> Vec<Origin> {
    settle(
        claims
            .into_iter()
            .flat_map(|c| origins(dataset, c))
            .collect(),
    )
}

/// How many independent origins a set of claims rests on.
pub fn independent_origins<'c>(
    dataset: &Dataset,
    claims: impl IntoIterator<Item = &'c Claim>,
) -> usize {
    distinct_origins(dataset, claims).len()
}

/// The sources a source relays: the one it cites, or none when it cites
/// several (see the module documentation).
fn relayed(cites: &[String]) -> &[String] {
    if cites.len() == 1 {
        cites
    } else {
        &[]
    }
}

fn originator(claim: &Claim) -> Option<Origin> {
    claim
        .according_to
        .as_deref()
        .filter(|a| !a.trim().is_empty())
        .map(Origin::originator)
}

/// The root sources of every source, computed once: origins for a million
/// claims cost one walk of the citation graph, not one per claim.
pub struct Provenance<'a> {
    dataset: &'a Dataset,
    source_index: HashMap<&'a str, usize>,
    /// For every source (by position), the positions of its root sources, sorted.
    roots: Vec<Vec<usize>>,
}

impl<'a> Provenance<'a> {
    /// The provenance of `dataset`'s claims.
    pub fn new(dataset: &'a Dataset) -> Provenance<'a> {
        let source_index: HashMap<&str, usize> = dataset
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let edges: Vec<Vec<usize>> = dataset
            .sources
            .iter()
            .map(|s| {
                relayed(&s.cites)
                    .iter()
                    .filter_map(|c| source_index.get(c.as_str()).copied())
                    .collect()
            })
            .collect();
        Provenance {
            dataset,
            roots: roots_of_every_source(&edges),
            source_index,
        }
    }

    /// The origins of the claim at `claim` (an index into the dataset's
    /// claims), sorted and deduplicated.
    pub fn origins(&self, claim: usize) -> Vec<Origin> {
        let claim = &self.dataset.claims[claim];
        if let Some(origin) = originator(claim) {
            return vec![origin];
        }
        let Some(id) = claim.source.as_deref() else {
            return Vec::new();
        };
        match self.source_index.get(id) {
            Some(&s) => settle(
                self.roots[s]
                    .iter()
                    .map(|&r| Origin::source(self.dataset, &self.dataset.sources[r].id))
                    .collect(),
            ),
            // An unknown source (already an input error) is its own origin.
            None => vec![Origin::source(self.dataset, id)],
        }
    }

    /// The distinct origins of the claims at `claims`, sorted.
    pub fn distinct_origins(&self, claims: &[usize]) -> Vec<Origin> {
        settle(claims.iter().flat_map(|&c| self.origins(c)).collect())
    }

    /// How many independent origins the claims at `claims` rest on.
    pub fn independent_origins(&self, claims: &[usize]) -> usize {
        self.distinct_origins(claims).len()
    }
}

/// Root sets by an iterative depth-first walk (a chain of a million relays
/// must not overflow the stack). An edge back into the walk, a cycle the
/// loader would have broken, is ignored.
fn roots_of_every_source(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    const UNSEEN: u8 = 0;
    const OPEN: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![UNSEEN; edges.len()];
    let mut roots: Vec<Vec<usize>> = vec![Vec::new(); edges.len()];
    for start in 0..edges.len() {
        if state[start] != UNSEEN {
            continue;
        }
        state[start] = OPEN;
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&target) = edges[node].get(*next) {
                *next += 1;
                if state[target] == UNSEEN {
                    state[target] = OPEN;
                    stack.push((target, 0));
                }
                continue;
            }
            let mut mine: Vec<usize> = edges[node]
                .iter()
                .filter(|&&t| state[t] == DONE)
                .flat_map(|&t| roots[t].iter().copied())
                .collect();
            if mine.is_empty() {
                // Cites nothing (or only itself, through a cycle): its own origin.
                mine.push(node);
            }
            mine.sort_unstable();
            mine.dedup();
            roots[node] = mine;
            state[node] = DONE;
            stack.pop();
        }
    }
    roots
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_str;

    const RELAYS: &str = r#"{"sources": [
        {"id": "amaq", "title": "Amaq statement"},
        {"id": "wire", "cites": ["amaq"]},
        {"id": "paper-a", "cites": ["wire"]},
        {"id": "paper-b", "cites": ["amaq"]},
        {"id": "digest", "cites": ["paper-a", "ministry"]},
        {"id": "ministry", "publisher": "Ministry of Defence"},
        {"id": "blog"}
      ],
      "claims": [
        {"id": "a", "who": "X", "status": "killed", "source": "paper-a"},
        {"id": "b", "who": "X", "status": "killed", "source": "paper-b"},
        {"id": "c", "who": "X", "status": "killed", "source": "amaq"},
        {"id": "d", "who": "X", "status": "killed", "source": "digest"},
        {"id": "e", "who": "X", "status": "killed", "source": "blog", "according_to": "  US  Central Command "},
        {"id": "f", "who": "X", "status": "killed", "source": "paper-a", "according_to": "us central command"},
        {"id": "g", "who": "X", "status": "killed"}
      ]}"#;

    fn labels(origins: &[Origin]) -> Vec<String> {
        origins.iter().map(|o| o.to_string()).collect()
    }

    fn dataset() -> Dataset {
        let dataset = load_str("t.json", RELAYS);
        assert!(dataset.errors.is_empty(), "{:?}", dataset.errors);
        dataset
    }

    #[test]
    fn relays_trace_back_to_the_source_they_relay() {
        let dataset = dataset();
        let of = |id: &str| labels(&origins(&dataset, dataset.claim(id).unwrap()));
        assert_eq!(of("a"), ["source `amaq` (Amaq statement)"]);
        assert_eq!(of("b"), of("a"));
        assert_eq!(
            of("c"),
            of("a"),
            "a source citing nothing is its own origin"
        );
        // A digest of several reports: which one an unattributed claim
        // comes from is unknown, so the digest is its own origin.
        assert_eq!(of("d"), ["source `digest`"]);
    }

    #[test]
    fn according_to_wins_and_is_compared_folded() {
        let dataset = dataset();
        let e = origins(&dataset, dataset.claim("e").unwrap());
        let f = origins(&dataset, dataset.claim("f").unwrap());
        assert_eq!(labels(&e), ["according to US Central Command"]);
        assert_eq!(e, f);
        assert!(origins(&dataset, dataset.claim("g").unwrap()).is_empty());
    }

    #[test]
    fn independent_origins_count_origins_not_articles() {
        let dataset = dataset();
        let claims = |ids: &[&str]| -> Vec<&Claim> {
            ids.iter().map(|id| dataset.claim(id).unwrap()).collect()
        };
        assert_eq!(independent_origins(&dataset, claims(&["a", "b", "c"])), 1);
        assert_eq!(independent_origins(&dataset, claims(&["a", "d"])), 2);
        assert_eq!(independent_origins(&dataset, claims(&["a", "e", "f"])), 2);
        assert_eq!(independent_origins(&dataset, claims(&["g"])), 0);
        // The kept spelling does not depend on the order of the claims.
        let ef = distinct_origins(&dataset, claims(&["e", "f"]));
        let fe = distinct_origins(&dataset, claims(&["f", "e"]));
        assert_eq!(labels(&ef), labels(&fe));
    }

    #[test]
    fn memoised_provenance_agrees_with_the_direct_walk() {
        let dataset = dataset();
        let provenance = Provenance::new(&dataset);
        for (i, claim) in dataset.claims.iter().enumerate() {
            assert_eq!(
                labels(&provenance.origins(i)),
                labels(&origins(&dataset, claim)),
                "claim {}",
                claim.id
            );
        }
        assert_eq!(provenance.independent_origins(&[0, 1, 2]), 1);
        assert_eq!(provenance.independent_origins(&[0, 3, 4, 5, 6]), 3);
    }

    #[test]
    fn cycles_and_long_chains_terminate() {
        // A cycle the loader did not see (built by hand) still terminates.
        let roots = roots_of_every_source(&[vec![1], vec![0], vec![0]]);
        assert!(roots.iter().all(|r| r.len() == 1));
        let n = 200_000;
        let chain: Vec<Vec<usize>> = (0..n)
            .map(|i| if i + 1 < n { vec![i + 1] } else { vec![] })
            .collect();
        let roots = roots_of_every_source(&chain);
        assert_eq!(roots[0], [n - 1]);
    }
}
