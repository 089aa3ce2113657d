//! Groups claims into entities: one per person, whatever the spelling.
//!
//! Each claim contributes a group of names known to be one person (its `who`
//! and `aliases`); each entity record contributes its name, aliases and
//! `same_as`/`not_same_as` judgements. The name matcher in [`crate::names`]
//! clusters the groups under those constraints.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;
use serde::Serialize;

use crate::model::Dataset;
use crate::names::fxhash::FxHashMap;
use crate::names::{self, Ambiguity, Constraints, MatchConfig, Merge};
use crate::permutation::reordered;

/// One person, as reconciled.
#[derive(Clone, Debug, Serialize)]
pub struct Entity {
    pub id: String,
    /// The display name: the entity record's, else the most used spelling.
    pub name: String,
    /// Every spelling seen, sorted.
    pub names: Vec<String>,
    /// Indices of the claims about this person, in dataset order.
    #[serde(skip)]
    pub claims: Vec<usize>,
    pub merges: Vec<Merge>,
    /// Index of the entity record, when a curator wrote one.
    #[serde(skip)]
    pub record: Option<usize>,
}

/// All entities, and the entity of every claim.
#[derive(Debug, Default)]
pub struct Entities {
    pub list: Vec<Entity>,
    /// For every claim index, the index of its entity in `list`.
    pub entity_of_claim: Vec<usize>,
    pub ambiguous: Vec<Ambiguity>,
    pub candidate_pairs: usize,
}

/// A reviewer's judgement that two names are, or are not, one person.
#[derive(Clone, Debug)]
pub struct NameJudgement {
    pub names: [String; 2],
    pub same: bool,
}

pub fn reconcile(
    dataset: &Dataset,
    config: &MatchConfig,
    judgements: &[NameJudgement],
) -> Entities {
    // A million small vectors: made on every core.
    let mut groups: Vec<Vec<&str>> = dataset
        .claims
        .par_iter()
        .map(|claim| {
            let mut names = Vec::with_capacity(1 + claim.aliases.len());
            names.push(claim.who.as_str());
            names.extend(claim.aliases.iter().map(String::as_str));
            names
        })
        .collect();
    groups.reserve(dataset.entities.len());
    let first_record_group = groups.len();
    let entity_index: HashMap<&str, usize> = dataset
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), first_record_group + i))
        .collect();
    for entity in &dataset.entities {
        let mut names = vec![entity.name.as_str()];
        names.extend(entity.aliases.iter().map(String::as_str));
        names.extend(
            entity
                .same_as
                .iter()
                .filter(|n| !entity_index.contains_key(n.as_str()))
                .map(String::as_str),
        );
        groups.push(names);
    }
    // Names that only appear in judgements get a group of their own, so a
    // constraint can hold them apart from the names they must not join.
    let mut constraints = Constraints::default();
    let mut name_group: HashMap<&str, usize> = HashMap::new();
    for (i, entity) in dataset.entities.iter().enumerate() {
        let me = first_record_group + i;
        for other in &entity.same_as {
            if let Some(&g) = entity_index.get(other.as_str()) {
                constraints.same.push((me, g));
            }
        }
        for other in &entity.not_same_as {
            let g = match entity_index.get(other.as_str()) {
                Some(&g) => g,
                None => *name_group.entry(other.as_str()).or_insert_with(|| {
                    groups.push(vec![other.as_str()]);
                    groups.len() - 1
                }),
            };
            constraints.different.push((me, g));
        }
    }
    // A curator's record wins over the matcher for the names it lists: a
    // claim written with a name that exactly one record lists is that
    // person, however generic the name (two records listing it leave the
    // matcher, and the review, to decide).
    let mut records_of_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, entity) in dataset.entities.iter().enumerate() {
        for name in std::iter::once(&entity.name).chain(&entity.aliases) {
            let slot = records_of_name
                .entry(name.trim().to_lowercase())
                .or_default();
            if !slot.contains(&i) {
                slot.push(i);
            }
        }
    }
    if !records_of_name.is_empty() {
        for (c, claim) in dataset.claims.iter().enumerate() {
            let record = std::iter::once(&claim.who)
                .chain(&claim.aliases)
                .find_map(|n| match records_of_name.get(&n.trim().to_lowercase()) {
                    Some(records) if records.len() == 1 => Some(records[0]),
                    _ => None,
                });
            if let Some(r) = record {
                constraints.same.push((c, first_record_group + r));
            }
        }
    }
    for judgement in judgements {
        let [a, b] = &judgement.names;
        let ga = *name_group.entry(a.as_str()).or_insert_with(|| {
            groups.push(vec![a.as_str()]);
            groups.len() - 1
        });
        let gb = *name_group.entry(b.as_str()).or_insert_with(|| {
            groups.push(vec![b.as_str()]);
            groups.len() - 1
        });
        if judgement.same {
            constraints.same.push((ga, gb));
        } else {
            constraints.different.push((ga, gb));
        }
    }

    let clustering = names::cluster(&groups, &constraints, config);

    // Collect members per cluster (clusters are numbered densely); keep
    // clusters that hold a claim or a record.
    let cluster_count = clustering
        .cluster_of_group
        .iter()
        .max()
        .map_or(0, |&c| c + 1);
    // Counted first, so that each cluster's list is allocated once at its
    // size rather than grown claim by claim.
    let of_claims = &clustering.cluster_of_group[..dataset.claims.len()];
    let mut sizes = vec![0usize; cluster_count];
    for &cluster in of_claims {
        sizes[cluster] += 1;
    }
    let mut members: Vec<(Vec<usize>, Option<usize>)> = sizes
        .into_iter()
        .map(|size| (Vec::with_capacity(size), None))
        .collect();
    for (claim, &cluster) in of_claims.iter().enumerate() {
        members[cluster].0.push(claim);
    }
    for i in 0..dataset.entities.len() {
        let cluster = clustering.cluster_of_group[first_record_group + i];
        // Two records in one cluster: the first (by position) names it.
        members[cluster].1.get_or_insert(i);
    }

    // Each entity is built on its own (in parallel: a million claims'
    // spellings are gathered from all over the dataset), in cluster order.
    let mut cluster_to_entity: Vec<Option<usize>> = vec![None; cluster_count];
    let mut kept: Vec<(Vec<usize>, Option<usize>)> = Vec::new();
    for (cluster, (claims, record)) in members.into_iter().enumerate() {
        if !claims.is_empty() || record.is_some() {
            cluster_to_entity[cluster] = Some(kept.len());
            kept.push((claims, record));
        }
    }
    let mut list: Vec<Entity> = kept
        .into_par_iter()
        .map(|(claims, record)| new_entity(dataset, claims, record))
        .collect();

    // Attach each merge to the entity whose names it joined. One spelling
    // may belong to several entities (a generic kunya), so each name maps
    // to all of its entities, in order. Only needed for merges and decided
    // ambiguities.
    let apart: HashSet<(usize, usize)> = constraints
        .different
        .iter()
        .filter_map(|&(a, b)| {
            let ea = cluster_to_entity[*clustering.cluster_of_group.get(a)?]?;
            let eb = cluster_to_entity[*clustering.cluster_of_group.get(b)?]?;
            Some((ea.min(eb), ea.max(eb)))
        })
        .collect();
    let mut entities_of_name: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    if !clustering.merges.is_empty() || !apart.is_empty() {
        for (e, entity) in list.iter().enumerate() {
            for n in &entity.names {
                entities_of_name.entry(n.as_str()).or_default().push(e);
            }
        }
    }
    // A merge belongs to the entity that holds both of its names; the same
    // pair reported in both directions is kept once.
    let mut merges_by_entity: Vec<Vec<Merge>> = vec![Vec::new(); list.len()];
    let mut seen = HashSet::new();
    for mut merge in clustering.merges {
        merge.names.sort();
        if !seen.insert(merge.names.clone()) {
            continue;
        }
        let first = entities_of_name.get(merge.names[0].as_str());
        let second = entities_of_name.get(merge.names[1].as_str());
        let holder = match (first, second) {
            (Some(a), Some(b)) => a.iter().find(|e| b.contains(e)).or(a.first()).copied(),
            (Some(a), None) => a.first().copied(),
            (None, Some(b)) => b.first().copied(),
            (None, None) => None,
        };
        if let Some(e) = holder {
            merges_by_entity[e].push(merge);
        }
    }
    // A near-match between people a curator or reviewer has already kept
    // apart (`not_same_as`, a not-same judgement) is decided: not reported.
    let decided = |a: &str, b: &str| -> bool {
        let (Some(ea), Some(eb)) = (entities_of_name.get(a), entities_of_name.get(b)) else {
            return false;
        };
        ea.iter().all(|&x| {
            eb.iter()
                .all(|&y| x != y && apart.contains(&(x.min(y), x.max(y))))
        })
    };
    let mut ambiguous = clustering.ambiguous;
    if !apart.is_empty() {
        ambiguous.retain(|amb| !amb.candidates.iter().all(|c| decided(&amb.name, c)));
    }

    for (entity, merges) in list.iter_mut().zip(merges_by_entity) {
        entity.merges = merges;
    }

    assign_ids(&mut list);
    // Sorted by display name, then id, for stable output.
    let order = sorted(
        list.iter()
            .enumerate()
            .map(|(i, e)| ((e.name.as_str(), e.id.as_str()), i)),
    );
    let mut new_index = vec![0; list.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let list = reordered(list, order);
    let entity_of_claim = clustering.cluster_of_group[..dataset.claims.len()]
        .par_iter()
        .map(|&cluster| cluster_to_entity[cluster].map_or(0, |e| new_index[e]))
        .collect();

    Entities {
        list,
        entity_of_claim,
        ambiguous,
        candidate_pairs: clustering.candidate_pairs,
    }
}

/// An entity from its claims and record: every spelling, and the display
/// name (the record's, else the most used `who`).
fn new_entity(dataset: &Dataset, claims: Vec<usize>, record: Option<usize>) -> Entity {
    // Most claims give one name.
    let mut all: Vec<&str> = Vec::with_capacity(claims.len() + 1);
    for &c in &claims {
        let claim = &dataset.claims[c];
        all.push(claim.who.as_str());
        all.extend(claim.aliases.iter().map(String::as_str));
    }
    if let Some(r) = record {
        let entity = &dataset.entities[r];
        all.push(entity.name.as_str());
        all.extend(entity.aliases.iter().map(String::as_str));
    }
    all.sort_unstable();
    all.dedup();
    let name = match record {
        Some(r) => dataset.entities[r].name.clone(),
        None => most_used_spelling(claims.iter().map(|&c| dataset.claims[c].who.as_str())),
    };
    let all: Vec<String> = all.into_iter().map(str::to_string).collect();
    Entity {
        id: record
            .map(|r| dataset.entities[r].id.clone())
            .unwrap_or_default(),
        name,
        names: all,
        claims,
        merges: Vec::new(),
        record,
    }
}

/// The spelling most claims use; among equals the first in sorted order.
fn most_used_spelling<'a>(spellings: impl Iterator<Item = &'a str>) -> String {
    let mut sorted: Vec<&str> = spellings.collect();
    sorted.sort_unstable();
    let mut best: Option<(&str, usize)> = None;
    for run in sorted.chunk_by(|a, b| a == b) {
        if best.is_none_or(|(_, count)| run.len() > count) {
            best = Some((run[0], run.len()));
        }
    }
    best.map(|(name, _)| name.to_string()).unwrap_or_default()
}

/// Entities without a record get an id from their name (`lavdrim-muhaxheri`),
/// made unique with a numeric suffix in a deterministic order.
fn assign_ids(list: &mut [Entity]) {
    let mut taken: FxHashMap<String, usize> = list
        .iter()
        .filter(|e| !e.id.is_empty())
        .map(|e| (e.id.clone(), 1))
        .collect();
    let order = sorted(
        list.iter()
            .enumerate()
            .filter(|(_, e)| e.id.is_empty())
            .map(|(i, e)| ((e.name.as_str(), e.claims.first()), i)),
    );
    let slugs: Vec<String> = order.par_iter().map(|&i| slug(&list[i].name)).collect();
    for (i, base) in order.into_iter().zip(slugs) {
        list[i].id = match taken.get_mut(&base) {
            Some(count) => {
                *count += 1;
                format!("{base}-{count}")
            }
            None => {
                taken.insert(base.clone(), 1);
                base
            }
        };
    }
}

/// The indices of `keyed` in order of their keys. Sorting (key, index)
/// pairs rather than indices keeps each comparison off the entities
/// themselves, which are large and scattered.
fn sorted<K: Ord + Send>(keyed: impl Iterator<Item = (K, usize)>) -> Vec<usize> {
    let mut keyed: Vec<(K, usize)> = keyed.collect();
    keyed.par_sort_unstable();
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// A readable id from a display name: ASCII letters and digits, hyphenated
/// (`Abd al-Ghafur` → `abd-al-ghafur`). Not the matcher's key, which folds
/// spellings together and would read oddly as an id.
fn slug(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut slug = String::with_capacity(name.len());
    let mut push = |c: char| {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if c.is_ascii() && !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    };
    // Accented letters lose their accents; other scripts are dropped.
    if name.is_ascii() {
        name.chars().for_each(&mut push);
    } else {
        name.nfkd().for_each(&mut push);
    }
    if slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        "person".into()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs_are_ascii_words_joined_by_hyphens() {
        assert_eq!(slug("Abd al-Ghafur"), "abd-al-ghafur");
        assert_eq!(slug("  AL-TAWIL, Hasan  "), "al-tawil-hasan");
        assert_eq!(slug("Lavdrim Muhaxhëri"), "lavdrim-muhaxheri");
        assert_eq!(slug("Abū Bakr (2)"), "abu-bakr-2");
        assert_eq!(slug("أبو بكر Baghdadi"), "baghdadi");
        assert_eq!(slug("أبو بكر"), "person");
        assert_eq!(slug("--"), "person");
    }
}
