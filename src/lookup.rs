//! Finding a person by what a user types: an entity id, a spelling in the
//! data, the same name written another way, a name the matcher would merge
//! with one of theirs, or a part of their name a reader would use
//! (`Zawahiri`, `Baghdadi`); and, when nobody fits, the nearest names.

use crate::names::Role;
use crate::names::{self, MatchConfig};
use crate::reconcile::Entities;

/// The entities `name` designates, most certain reading first: by id; else
/// by a spelling in the data (ignoring ASCII case); else every entity that
/// has the same name written another way, a name the matcher does not call
/// different, or a name holding every part of it ([`by_name_parts`]).
/// More than one entity means the name is ambiguous: the caller lists them
/// rather than guess.
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
    let mut found: Vec<usize> = (0..list.len())
        .filter(|&e| {
            list[e].names.iter().any(|n| {
                names::normalise(n) == key
                    || names::match_names(wanted, n, matching).decision
                        != names::Decision::Different
            })
        })
        .collect();
    found.extend(by_name_parts(entities, wanted));
    found.sort_unstable();
    found.dedup();
    found
}

/// The entities one of whose names holds every part of `wanted` that names
/// someone (not a title, an initial or the `abu` of a kunya), compared in
/// their canonical spelling and without the article: `Baghdadi` finds
/// `Abubakr al-Baghdadi`, `Zawahiri` finds `Ayman al-Zawahiri`.
fn by_name_parts(entities: &Entities, wanted: &str) -> Vec<usize> {
    let wanted = naming_parts(wanted);
    if wanted.is_empty() {
        return Vec::new();
    }
    (0..entities.list.len())
        .filter(|&e| {
            entities.list[e].names.iter().any(|n| {
                let parts = naming_parts(n);
                wanted.iter().all(|w| parts.contains(w))
            })
        })
        .collect()
}

/// The parts of `name` a reader names a person by, canonical.
fn naming_parts(name: &str) -> Vec<String> {
    names::parse(name)
        .parts
        .into_iter()
        .filter(|p| !matches!(p.role, Role::Title | Role::Initial))
        .map(|p| p.canonical)
        .collect()
}

/// Up to three people whose names are nearest to `wanted`, for "did you
/// mean" when nobody fits: each person's best similarity over their
/// spellings and name parts, kept above a floor that leaves unrelated
/// names out.
pub fn nearest_people(entities: &Entities, wanted: &str) -> Vec<usize> {
    let wanted = wanted.trim().to_lowercase();
    let mut scored: Vec<(f64, usize)> = (entities.list.iter().enumerate())
        .filter_map(|(e, entity)| {
            let best = entity
                .names
                .iter()
                .flat_map(|n| {
                    let lower = n.to_lowercase();
                    let parts = naming_parts(n);
                    std::iter::once(lower).chain(parts)
                })
                .map(|candidate| strsim::jaro_winkler(&wanted, &candidate))
                .fold(0.0, f64::max);
            (best >= NEAR).then_some((best, e))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().take(3).map(|(_, e)| e).collect()
}

/// How similar a name must be to be suggested.
const NEAR: f64 = 0.85;
