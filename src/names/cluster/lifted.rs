//! An edge between two names, lifted to the clusters of the groups that
//! hold them.

use super::union_find::Clusters;
use crate::collections::Rows;

/// A name in more groups (clusters) than this carries no identity of its
/// own (`Abu Muhammad` in thousands of claims): its edges are not lifted to
/// every group, which would be quadratic.
pub(super) const MAX_GROUPS_PER_EDGE_END: usize = 16;

/// The cluster roots the names `a` and `b` connect, one pair per distinct
/// root pair, into `out` (cleared first); none for names that appear in very
/// many clusters. `roots_of_name` holds each name's roots as they were
/// once (any group of the cluster would do: `find` brings it up to date).
pub(super) fn lifted_roots(
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
    let (ra, rb) = (
        people_of(clusters, roots_of_name, a),
        people_of(clusters, roots_of_name, b),
    );
    if ra.len() * rb.len() > MAX_GROUPS_PER_EDGE_END {
        return;
    }
    for &x in &ra {
        for &y in &rb {
            out.push((x, y));
        }
    }
}

/// The people (cluster roots, as the clusters stand) that `name`'s groups
/// are in, sorted.
pub(super) fn people_of(clusters: &mut Clusters, roots_of_name: &Rows, name: u32) -> Vec<usize> {
    let mut roots: Vec<usize> = roots_of_name
        .row(name as usize)
        .iter()
        .map(|&g| clusters.find(g as usize))
        .collect();
    roots.sort_unstable();
    roots.dedup();
    roots
}

/// The roots of the names `a` and `b` when each has one.
pub(super) fn single_roots(roots_of_name: &Rows, a: u32, b: u32) -> Option<(u32, u32)> {
    match (roots_of_name.row(a as usize), roots_of_name.row(b as usize)) {
        ([x], [y]) => Some((*x, *y)),
        _ => None,
    }
}

/// Where a name's links to `partners` lead, as the clusters stand.
pub(super) struct Offered {
    /// The name's own people (roots of its groups), sorted.
    pub own: Vec<usize>,
    /// The other people the links reach, sorted, each with the first
    /// partner (in `partners` order of roots) that reaches it.
    pub people: Vec<(usize, u32)>,
}

/// The people `name`'s links to `partners` lead to; `None` when one of
/// them is already with the name's own person (the name is settled there,
/// and joining it to another would join the two).
pub(super) fn people_offered(
    clusters: &mut Clusters,
    roots_of_name: &Rows,
    name: u32,
    partners: impl IntoIterator<Item = u32>,
    lifted: &mut Vec<(usize, usize)>,
) -> Option<Offered> {
    let (mut own, mut people) = (Vec::new(), Vec::new());
    for partner in partners {
        lifted_roots(clusters, roots_of_name, name, partner, lifted);
        for &(x, y) in lifted.iter() {
            if x == y {
                return None;
            }
            own.push(x);
            people.push((y, partner));
        }
    }
    own.sort_unstable();
    own.dedup();
    people.sort_unstable();
    people.dedup_by_key(|p| p.0);
    Some(Offered { own, people })
}
