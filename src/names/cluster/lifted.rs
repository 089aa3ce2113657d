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
pub(super) fn single_roots(roots_of_name: &Rows, a: u32, b: u32) -> Option<(u32, u32)> {
    match (roots_of_name.row(a as usize), roots_of_name.row(b as usize)) {
        ([x], [y]) => Some((*x, *y)),
        _ => None,
    }
}
