//! A name inside two people's names, equally well.
//!
//! `Same` edges are taken best first, and a tie between equal scores is
//! broken by the names' order. When a name lies inside the names of two
//! people that a cannot-link keeps apart (`SALLUM, Qutayba` inside
//! `SALLUM, Qutayba Harith` and `SALLUM, Qutayba Jabir`, two men), and
//! both links score the same, that order would choose the person. The
//! names cannot say which one it is, so it joins neither, and the two
//! links are reported for review.

use super::lifted::people_of;
use super::score::Edge;
use super::Run;
use crate::collections::Rows;
use crate::names::similarity::Inside;

/// Why a merge was left for review.
pub(super) const TIED: &str = "it lies inside the names of two people kept apart, equally well";

/// The contained-name `Same` links of each inner name: (inner, outer,
/// score), sorted by inner name.
pub(super) struct InnerLinks(Vec<(u32, u32, f64)>);

impl InnerLinks {
    /// The links among the `Same` edges `merging` where one name lies
    /// inside the other.
    pub(super) fn of(merging: &[&Edge]) -> Self {
        let mut links: Vec<(u32, u32, f64)> = merging
            .iter()
            .filter(|e| e.inside != Inside::Neither)
            .map(|e| {
                let (inner, outer) = e.inner_first();
                (inner, outer, e.score)
            })
            .collect();
        links.sort_unstable_by(|x, y| x.0.cmp(&y.0).then(x.1.cmp(&y.1)));
        InnerLinks(links)
    }

    /// The links of one inner name.
    fn of_name(&self, inner: u32) -> &[(u32, u32, f64)] {
        let from = self.0.partition_point(|l| l.0 < inner);
        let to = self.0.partition_point(|l| l.0 <= inner);
        &self.0[from..to]
    }
}

impl<'n, G: AsRef<[&'n str]> + Sync> Run<'_, 'n, G> {
    /// Whether `edge` joins a name to one of two people, kept apart, whose
    /// names it lies inside with the same score.
    pub(super) fn tied(&mut self, edge: &Edge, links: &InnerLinks, roots_of_name: &Rows) -> bool {
        if edge.inside == Inside::Neither {
            return false;
        }
        let (inner, outer) = edge.inner_first();
        let equal: Vec<u32> = links
            .of_name(inner)
            .iter()
            .filter(|&&(_, other, score)| other != outer && score == edge.score)
            .map(|&(_, other, _)| other)
            .collect();
        if equal.is_empty() {
            return false;
        }
        let clusters = &mut self.clusters;
        let own = people_of(clusters, roots_of_name, inner);
        let here = people_of(clusters, roots_of_name, outer);
        let there: Vec<usize> = equal
            .into_iter()
            .flat_map(|other| people_of(clusters, roots_of_name, other))
            .collect();
        // Two people, neither of them the name's own yet, kept apart.
        let theirs = |r: &usize| !own.contains(r);
        here.iter().filter(|r| theirs(r)).any(|&h| {
            there
                .iter()
                .filter(|r| theirs(r))
                .any(|&t| h != t && self.clusters.forbidden(h, t))
        })
    }
}
