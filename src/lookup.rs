//! Finding a person by what a user types: an entity id, a spelling in the
//! data, the same name written another way, or a name the matcher would
//! merge with one of theirs.

use crate::names::{self, MatchConfig};
use crate::reconcile::Entities;

/// The entities `name` designates, most certain reading first: by id; else
/// by a spelling in the data (ignoring ASCII case); else by the same
/// normalised form; else every entity with a name the matcher does not
/// call different. More than one entity means the name is ambiguous: the
/// caller lists them rather than guess.
pub fn find_entities(entities: &Entities, name: &str, matching: &MatchConfig) -> Vec<usize> {
    let list = &entities.list;
    let wanted = name.trim();
    if let Some(e) = list.iter().position(|e| e.id == wanted) {
        return vec![e];
    }
    let exact: Vec<usize> = (0..list.len())
        .filter(|&e| list[e].names.iter().any(|n| n.eq_ignore_ascii_case(wanted)))
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    let key = names::normalise(wanted);
    let same_key: Vec<usize> = (0..list.len())
        .filter(|&e| list[e].names.iter().any(|n| names::normalise(n) == key))
        .collect();
    if !same_key.is_empty() {
        return same_key;
    }
    (0..list.len())
        .filter(|&e| {
            list[e].names.iter().any(|n| {
                names::match_names(wanted, n, matching).decision != names::Decision::Different
            })
        })
        .collect()
}
