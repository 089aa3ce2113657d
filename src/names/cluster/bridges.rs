//! Which evidence of difference is overruled by a name between the two.
//!
//! A cannot-link keeps two people apart whatever else links them. Two kinds
//! of it come from the wrong evidence (issue 20, requirement 4):
//!
//! * aliases given together in one record never veto a third name that one
//!   of them matches: in a record with `Rahim al-Jawadi` and `Abu Tariq
//!   al-Shami`, the spelling `Rahim al-Jawady` matches the first, and its
//!   difference from the second (another nisba, another kunya) says
//!   nothing;
//! * a person's several family names are a set: `Inayat Rahman` and
//!   `Inayat Jamil` differ only by family name, but a name that matches
//!   both (`Inayat Rahman Jamil`) shows one man carrying both. (A
//!   difference of nisba alone is no cannot-link in the first place: see
//!   `similarity::clear_evidence`.)
//!
//! So a cannot-link between names `x` and `y` is dropped when some name `z`
//! matches `x` (a `Same` edge) and either is given in one record with `y`
//! or, for a difference of nisba or family name alone, matches `y` too.

use super::score::Edge;
use crate::collections::Rows;
use crate::names::similarity::Inside;
use crate::names::Decision;

/// Records per name, and names per record, looked at: a name in very many
/// records is generic and bridges nothing.
const MAX_FAN_OUT: usize = 16;

/// The `Same` neighbours of every name.
pub(super) struct Bridges<'r> {
    same: Rows,
    /// The `Same` neighbours of every name that are not inside it: a name
    /// that bridges two nisbas carries both, it is not a part of both
    /// (`Salim Hamid` matches `Salim Hamid Qutbi` and `Salim Hamid
    /// Durrani`, two men).
    covering: Rows,
    names_of_group: &'r Rows,
    groups_of_name: &'r Rows,
}

impl<'r> Bridges<'r> {
    pub(super) fn new(
        edges: &[Edge],
        names: usize,
        names_of_group: &'r Rows,
        groups_of_name: &'r Rows,
    ) -> Self {
        let mut pairs: Vec<(u32, u32)> = edges
            .iter()
            .filter(|e| e.decision == Decision::Same)
            .flat_map(|e| [(e.a, e.b), (e.b, e.a)])
            .collect();
        pairs.sort_unstable();
        // A name that holds another whole (every part aligned, no conflict:
        // the review band's contained names) carries what the other says,
        // so it bridges too: `X Shabib al-Issawi al-Dulaymi` holds `X
        // Shabib al-Issawi` even where that alone is not enough to merge.
        let mut covering: Vec<(u32, u32)> = edges
            .iter()
            .filter(|e| {
                e.decision == Decision::Same
                    || e.decision == Decision::Review && e.completes && e.inside != Inside::Neither
            })
            .flat_map(|e| {
                // (name, a neighbour not inside it)
                [
                    (e.inside != Inside::SecondInFirst).then_some((e.a, e.b)),
                    (e.inside != Inside::FirstInSecond).then_some((e.b, e.a)),
                ]
            })
            .flatten()
            .collect();
        covering.sort_unstable();
        Bridges {
            same: Rows::grouped(names, &pairs),
            covering: Rows::grouped(names, &covering),
            names_of_group,
            groups_of_name,
        }
    }

    /// Whether the cannot-link of `edge` is overruled by a name between its
    /// two names.
    pub(super) fn overrule(&self, edge: &Edge) -> bool {
        self.bridged(edge.a, edge.b, edge.only_nisba)
            || self.bridged(edge.b, edge.a, edge.only_nisba)
    }

    /// A name matching `x` that is given with `y`, or (`both_match`) that
    /// matches `y` too.
    fn bridged(&self, x: u32, y: u32, both_match: bool) -> bool {
        let near_x = self.same.row(x as usize);
        if near_x.is_empty() {
            return false;
        }
        if both_match {
            let (over_x, over_y) = (self.covering.row(x as usize), self.covering.row(y as usize));
            if over_x.iter().any(|z| over_y.binary_search(z).is_ok()) {
                return true;
            }
        }
        let groups = self.groups_of_name.row(y as usize);
        if groups.len() > MAX_FAN_OUT {
            return false;
        }
        groups.iter().any(|&g| {
            let mates = self.names_of_group.row(g as usize);
            mates.len() <= MAX_FAN_OUT
                && mates
                    .iter()
                    .any(|&z| z != y && near_x.binary_search(&z).is_ok())
        })
    }
}
