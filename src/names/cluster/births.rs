//! Birth dates beside the names.
//!
//! Names alone cannot tell `Zayd ibn Ali al-Rawi` from his namesake `Zayd
//! ibn Ali ibn Umar al-Rawi`: the shorter name may be the longer one with
//! the grandfather left out, or another man. What the records say of their
//! births can: a `born` claim, an `age` at a dated event, an entity
//! record's `born`. So a merge that rests on one name lying inside another
//! (a contained-name edge, or unique completion) is refused when the two
//! sides' births cannot both hold, and a contained name that the names
//! leave in the review band joins when both sides state the same birth
//! day.
//!
//! Births never veto a match between full names (every part of each
//! aligned): a wrong age or birth year in one report is far more common
//! than two people with one full name, and a merged person with births
//! that disagree is what `age-mismatch` and `event-before-birth` report.
//! Records that already disagree about a birth among themselves veto
//! nothing ([`super::union_find::Clusters`]).

use super::score::{Edge, LaidOut};
use super::Run;
use crate::collections::Rows;
use crate::date::format_day;
use crate::names::similarity::Inside;
use crate::names::Decision;

/// Why a contained-name merge was refused.
pub(super) const APART: &str = "their records' births cannot both hold";

/// A cluster's birth window in words: `born 1975-01-01 to 1975-12-31`,
/// `born 1988-04-12`.
pub(super) fn window_words((first, last): (crate::date::Day, crate::date::Day)) -> String {
    if first == last {
        format!("born {}", format_day(first))
    } else {
        format!("born {} to {}", format_day(first), format_day(last))
    }
}

impl<'n, G: AsRef<[&'n str]> + Sync> Run<'_, 'n, G> {
    /// A name inside a longer one, in the review band on names alone,
    /// joins it when the records of both state the same birth day.
    pub(super) fn join_contained_born_alike(
        &mut self,
        edges: &[Edge],
        roots_of_name: &Rows,
        names: &LaidOut,
    ) {
        let contained = edges
            .iter()
            .filter(|e| e.decision == Decision::Review && e.inside != Inside::Neither);
        self.open_links(contained, roots_of_name, |run, edge, x, y| {
            let Some(day) = run.clusters.same_birth_day(x, y) else {
                return;
            };
            run.clusters.union(x, y);
            let (inner, outer) = edge.inner_first();
            run.explain_merge(inner, outer, edge.score, names, || {
                format!(
                    "one name inside the other, and both born {}",
                    format_day(day)
                )
            });
        });
    }
}
