//! Groups claims into entities: one per person, whatever the spelling.
//!
//! Each claim contributes a group of names known to be one person (its `who`
//! and `aliases`); each entity record contributes its name, aliases and
//! `same_as`/`not_same_as` judgements. The name matcher in [`crate::names`]
//! clusters the groups under those constraints.
//!
//! [`reconcile`] runs in phases: the claims' groups ([`ClaimGroups`]); the
//! records', curators' and reviewers' groups and constraints
//! ([`Judged`]); clustering; entities built from the clusters; merges
//! attached to the entities they joined, and ambiguities already decided
//! dropped ([`Attribution`]); ids given and the entities put in order.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

use crate::collections::reordered;
use crate::date::Day;
use crate::model::{Dataset, Status};
use crate::names::{self, Ambiguity, Clustering, Constraints, MatchConfig, Merge};

/// One person, as reconciled.
#[derive(Clone, Debug, Serialize)]
pub struct Entity {
    /// The entity record's id, else one made from the display name.
    pub id: String,
    /// The display name: the entity record's, else the most used spelling.
    pub name: String,
    /// Every spelling seen, sorted.
    pub names: Vec<String>,
    /// Indices of the claims about this person, in dataset order.
    #[serde(skip)]
    pub claims: Vec<usize>,
    /// The links that joined this person's names.
    pub merges: Vec<Merge>,
    /// Index of the entity record, when a curator wrote one.
    #[serde(skip)]
    pub record: Option<usize>,
}

/// All entities, and the entity of every claim.
#[derive(Debug, Default)]
pub struct Entities {
    /// The entities, by display name, then id.
    pub list: Vec<Entity>,
    /// For every claim index, the index of its entity in `list`.
    pub entity_of_claim: Vec<usize>,
    /// Names the matcher could not decide, and not decided by a curator or
    /// reviewer either.
    pub ambiguous: Vec<Ambiguity>,
    /// Pairs of distinct names the matcher scored.
    pub candidate_pairs: usize,
}

/// The birth days the records of each group that states a birth allow,
/// for the matcher: a claim's group (its index) from a dated `born` claim
/// or an `age` at a dated event, an entity record's from its `born`. A
/// date its source doubts (`?`) says nothing here. Few claims state one,
/// so the list is sparse.
fn births_of_groups(dataset: &Dataset) -> Vec<(usize, (Day, Day))> {
    let of_claim = |claim: &crate::model::Claim| {
        let date = claim.date.as_ref().filter(|d| !d.interval.uncertain)?;
        let born = if claim.status == Status::Born {
            date.interval
        } else {
            date.interval.birth_at_age(claim.age?)
        };
        Some((born.earliest, born.latest))
    };
    let mut born: Vec<(usize, (Day, Day))> = dataset
        .claims
        .par_iter()
        .enumerate()
        .filter_map(|(c, claim)| Some((c, of_claim(claim)?)))
        .collect();
    let first_record_group = dataset.claims.len();
    born.extend(
        dataset
            .entities
            .iter()
            .enumerate()
            .filter_map(|(i, entity)| {
                let date = entity.born.as_ref().filter(|d| !d.interval.uncertain)?;
                Some((
                    first_record_group + i,
                    (date.interval.earliest, date.interval.latest),
                ))
            }),
    );
    born
}

/// Every claim's weak aliases, by its group (a claim's group is its index):
/// they corroborate, never merge on their own.
fn weak_aliases_of_groups(dataset: &Dataset) -> Vec<(usize, String)> {
    dataset
        .claims
        .iter()
        .enumerate()
        .flat_map(|(c, claim)| claim.weak_aliases.iter().map(move |w| (c, w.clone())))
        .collect()
}

/// A reviewer's judgement that two names are, or are not, one person.
#[derive(Clone, Debug)]
pub struct NameJudgement {
    /// The two names judged.
    pub names: [String; 2],
    /// One person (`true`) or two.
    pub same: bool,
}

/// Reconciles the claims of `dataset` into entities, with the matcher's
/// `config` and reviewers' `judgements` of names.
pub fn reconcile(
    dataset: &Dataset,
    config: &MatchConfig,
    judgements: &[NameJudgement],
) -> Entities {
    let claim_groups = ClaimGroups::of(dataset);
    let mut judged = Judged::of_records(dataset);
    judged.claims_named_by_one_record(dataset);
    judged.pinned_claims(dataset);
    judged.reviewers(judgements);
    judged.constraints.born = births_of_groups(dataset);
    judged.constraints.weak = weak_aliases_of_groups(dataset);
    let mut groups = claim_groups.groups();
    groups.extend(judged.groups.iter().map(Vec::as_slice));
    let clustering = names::cluster(&groups, &judged.constraints, config);

    let members = members_of_clusters(dataset, &clustering);
    // Each entity is built on its own (in parallel: a million claims'
    // spellings are gathered from all over the dataset), in cluster order.
    let mut cluster_to_entity: Vec<Option<usize>> = vec![None; members.len()];
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

    let Clustering {
        cluster_of_group,
        merges,
        mut ambiguous,
        candidate_pairs,
    } = clustering;
    let attribution = Attribution::new(
        &list,
        &judged.constraints,
        &cluster_of_group,
        &cluster_to_entity,
        !merges.is_empty(),
    );
    let merges_by_entity = attribution.merges_by_entity(merges, list.len());
    attribution.drop_decided(&mut ambiguous);
    drop(attribution);
    for (entity, merges) in list.iter_mut().zip(merges_by_entity) {
        entity.merges = merges;
    }

    let order = assign_ids(&mut list);
    let mut new_index = vec![0; list.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let list = reordered(list, order);
    let entity_of_claim = cluster_of_group[..dataset.claims.len()]
        .par_iter()
        .map(|&cluster| cluster_to_entity[cluster].map_or(0, |e| new_index[e]))
        .collect();

    Entities {
        list,
        entity_of_claim,
        ambiguous,
        candidate_pairs,
    }
}

/// Each claim's names, side by side in one vector: a million claims'
/// groups as a million small vectors cost as much again to free, on one
/// core, as to build.
struct ClaimGroups<'d> {
    names: Vec<&'d str>,
    /// Where each claim's names start in `names`, and the end.
    starts: Vec<usize>,
}

impl<'d> ClaimGroups<'d> {
    fn of(dataset: &'d Dataset) -> Self {
        let names: Vec<&str> = dataset
            .claims
            .par_iter()
            .flat_map_iter(|claim| {
                std::iter::once(claim.who.as_str()).chain(claim.aliases.iter().map(String::as_str))
            })
            .collect();
        // Counted on every core (a pass over half a gigabyte of claims),
        // summed on one.
        let counts: Vec<usize> = dataset
            .claims
            .par_iter()
            .map(|claim| 1 + claim.aliases.len())
            .collect();
        let mut starts = Vec::with_capacity(counts.len() + 1);
        let mut start = 0;
        starts.push(start);
        for count in counts {
            start += count;
            starts.push(start);
        }
        ClaimGroups { names, starts }
    }

    /// Every claim's names, as a group.
    fn groups(&self) -> Vec<&[&'d str]> {
        self.starts
            .par_windows(2)
            .map(|w| &self.names[w[0]..w[1]])
            .collect()
    }
}

/// The groups after the claims' (entity records, and names only judgements
/// give), and the constraints on all of them.
struct Judged<'d> {
    /// Group `first_record_group + i` is `groups[i]`.
    groups: Vec<Vec<&'d str>>,
    first_record_group: usize,
    constraints: Constraints,
    /// The group of a name that only a judgement gives.
    name_group: HashMap<&'d str, usize>,
}

impl<'d> Judged<'d> {
    /// A group per entity record (its name, aliases, and `same_as` names
    /// that are not records), and the records' `same_as`/`not_same_as`
    /// judgements as constraints.
    fn of_records(dataset: &'d Dataset) -> Self {
        let first_record_group = dataset.claims.len();
        let mut groups: Vec<Vec<&str>> = Vec::with_capacity(dataset.entities.len());
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
        let mut judged = Judged {
            groups,
            first_record_group,
            constraints: Constraints::default(),
            name_group: HashMap::new(),
        };
        // Names that only appear in judgements get a group of their own, so
        // a constraint can hold them apart from the names they must not
        // join.
        for (i, entity) in dataset.entities.iter().enumerate() {
            let me = first_record_group + i;
            for other in &entity.same_as {
                if let Some(&g) = entity_index.get(other.as_str()) {
                    judged.constraints.same.push((me, g));
                }
            }
            for other in &entity.not_same_as {
                let g = match entity_index.get(other.as_str()) {
                    Some(&g) => g,
                    None => judged.group_of_name(other),
                };
                judged.constraints.different.push((me, g));
            }
        }
        judged
    }

    /// The group of a name that only a judgement gives, made on first use.
    fn group_of_name(&mut self, name: &'d str) -> usize {
        let (groups, first) = (&mut self.groups, self.first_record_group);
        *self.name_group.entry(name).or_insert_with(|| {
            groups.push(vec![name]);
            first + groups.len() - 1
        })
    }

    /// A curator's record wins over the matcher for the names it lists: a
    /// claim written with a name that exactly one record lists is that
    /// person, however generic the name (two records listing it leave the
    /// matcher, and the review, to decide).
    fn claims_named_by_one_record(&mut self, dataset: &Dataset) {
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
        if records_of_name.is_empty() {
            return;
        }
        // A claim pinned by `entity` is that entity's, whatever its name.
        for (c, claim) in (dataset.claims.iter().enumerate()).filter(|(_, c)| c.entity.is_none()) {
            let record = std::iter::once(&claim.who)
                .chain(&claim.aliases)
                .find_map(|n| match records_of_name.get(&n.trim().to_lowercase()) {
                    Some(records) if records.len() == 1 => Some(records[0]),
                    _ => None,
                });
            if let Some(r) = record {
                self.constraints.same.push((c, self.first_record_group + r));
            }
        }
    }

    /// A claim's `entity` pins it to that person ahead of any name
    /// matching: to the entity record of that id, else to the first claim
    /// pinned to the same id. Then the people of one list are kept apart.
    fn pinned_claims(&mut self, dataset: &'d Dataset) {
        let first = self.first_record_group;
        let mut group_of_pin: HashMap<&'d str, usize> = HashMap::new();
        for (i, entity) in dataset.entities.iter().enumerate() {
            group_of_pin.entry(entity.id.as_str()).or_insert(first + i);
        }
        for (c, claim) in dataset.claims.iter().enumerate() {
            let Some(pin) = claim.entity.as_deref() else {
                continue;
            };
            match group_of_pin.entry(pin) {
                Entry::Occupied(group) => self.constraints.same.push((c, *group.get())),
                Entry::Vacant(slot) => {
                    slot.insert(c);
                }
            }
        }
        self.keep_list_entries_apart(&group_of_pin);
    }

    /// Two entries of one list (ids with one prefix: `un-sc:`, `ofac:`)
    /// are two people by the list's own account, however alike their
    /// names: each pinned group is marked as its list's entry, and the
    /// matcher never puts two entries of one list in one cluster, directly
    /// or through a third name.
    fn keep_list_entries_apart(&mut self, group_of_pin: &HashMap<&str, usize>) {
        let mut lists: BTreeMap<&str, u32> = BTreeMap::new();
        let mut pins: Vec<(&str, usize)> = group_of_pin.iter().map(|(&p, &g)| (p, g)).collect();
        pins.sort_unstable();
        for (entry, (pin, group)) in pins.into_iter().enumerate() {
            let Some((list, _)) = pin.split_once(':') else {
                continue;
            };
            let next = lists.len() as u32;
            let list = *lists.entry(list).or_insert(next);
            self.constraints.entries.push((group, list, entry as u32));
        }
    }

    /// Reviewers' judgements of two names, as constraints.
    fn reviewers(&mut self, judgements: &'d [NameJudgement]) {
        for judgement in judgements {
            let [a, b] = &judgement.names;
            let ga = self.group_of_name(a);
            let gb = self.group_of_name(b);
            if judgement.same {
                self.constraints.same.push((ga, gb));
            } else {
                self.constraints.different.push((ga, gb));
            }
        }
    }
}

/// Per cluster (clusters are numbered densely), its claims and its first
/// entity record; a cluster may have neither.
fn members_of_clusters(
    dataset: &Dataset,
    clustering: &Clustering,
) -> Vec<(Vec<usize>, Option<usize>)> {
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
    let first_record_group = dataset.claims.len();
    for i in 0..dataset.entities.len() {
        let cluster = clustering.cluster_of_group[first_record_group + i];
        // Two records in one cluster: the first (by position) names it.
        members[cluster].1.get_or_insert(i);
    }
    members
}

/// Which entities hold each name, and which pairs of entities a curator or
/// reviewer kept apart: what merges and ambiguities are attributed by.
struct Attribution<'l> {
    /// Each name's entities, in order: one spelling may belong to several
    /// (a generic kunya). Only filled when there are merges or decided
    /// pairs.
    entities_of_name: FxHashMap<&'l str, Vec<usize>>,
    /// Pairs of entities, smaller first, kept apart by a `different`
    /// constraint.
    apart: HashSet<(usize, usize)>,
    /// The list entries (list, entry) each entity holds: two entities that
    /// hold different entries of one list are apart by the list's account.
    entries: FxHashMap<usize, Vec<(u32, u32)>>,
}

impl<'l> Attribution<'l> {
    fn new(
        list: &'l [Entity],
        constraints: &Constraints,
        cluster_of_group: &[usize],
        cluster_to_entity: &[Option<usize>],
        any_merges: bool,
    ) -> Self {
        let apart: HashSet<(usize, usize)> = constraints
            .different
            .iter()
            .filter_map(|&(a, b)| {
                let ea = cluster_to_entity[*cluster_of_group.get(a)?]?;
                let eb = cluster_to_entity[*cluster_of_group.get(b)?]?;
                Some((ea.min(eb), ea.max(eb)))
            })
            .collect();
        let mut entries: FxHashMap<usize, Vec<(u32, u32)>> = FxHashMap::default();
        for &(group, list, entry) in &constraints.entries {
            if let Some(e) = cluster_of_group
                .get(group)
                .and_then(|&c| cluster_to_entity[c])
            {
                entries.entry(e).or_default().push((list, entry));
            }
        }
        let mut entities_of_name: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        if any_merges || !apart.is_empty() || !entries.is_empty() {
            for (e, entity) in list.iter().enumerate() {
                for n in &entity.names {
                    entities_of_name.entry(n.as_str()).or_default().push(e);
                }
            }
        }
        Attribution {
            entities_of_name,
            apart,
            entries,
        }
    }

    /// A merge belongs to the entity that holds both of its names; the same
    /// pair reported in both directions is kept once.
    fn merges_by_entity(&self, merges: Vec<Merge>, entities: usize) -> Vec<Vec<Merge>> {
        let mut merges_by_entity: Vec<Vec<Merge>> = vec![Vec::new(); entities];
        let mut seen = HashSet::new();
        for mut merge in merges {
            merge.names.sort();
            if !seen.insert(merge.names.clone()) {
                continue;
            }
            let first = self.entities_of_name.get(merge.names[0].as_str());
            let second = self.entities_of_name.get(merge.names[1].as_str());
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
        merges_by_entity
    }

    /// A near-match between people a curator or reviewer has already kept
    /// apart (`not_same_as`, a not-same judgement), or two entries of one
    /// list, is decided: not reported.
    fn drop_decided(&self, ambiguous: &mut Vec<Ambiguity>) {
        if self.apart.is_empty() && self.entries.is_empty() {
            return;
        }
        let listed_apart = |x: usize, y: usize| {
            let (Some(a), Some(b)) = (self.entries.get(&x), self.entries.get(&y)) else {
                return false;
            };
            a.iter()
                .any(|&(list, entry)| b.iter().any(|&(l, e)| l == list && e != entry))
        };
        let decided = |a: &str, b: &str| -> bool {
            let (Some(ea), Some(eb)) = (self.entities_of_name.get(a), self.entities_of_name.get(b))
            else {
                return false;
            };
            ea.iter().all(|&x| {
                eb.iter().all(|&y| {
                    x != y && (self.apart.contains(&(x.min(y), x.max(y))) || listed_apart(x, y))
                })
            })
        };
        ambiguous.retain(|amb| !amb.candidates.iter().all(|c| decided(&amb.name, c)));
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
        // Shown; they only ever corroborate a link (names::cluster).
        all.extend(claim.weak_aliases.iter().map(String::as_str));
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
        None => display_name(dataset, &claims),
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

/// The name a reader knows the person by: the spelling the evidence uses
/// most, each claim counting by its source's grade (an ungraded or missing
/// source as a middling one), the first to appear among equals. Spellings
/// that differ only in case count as one, shown in a form that is not all
/// capitals when the data has one (`ABU HAMID AL-BAHRAINI` is a list's
/// convention, not the name), else title-cased.
fn display_name(dataset: &Dataset, claims: &[usize]) -> String {
    let first = claims
        .first()
        .map_or("", |&c| dataset.claims[c].who.as_str());
    if claims.iter().all(|&c| dataset.claims[c].who == first) {
        return readable_case(first, first);
    }
    // Each spelling as written: its weight and first claim. Few per person,
    // so a list; case is folded only over these, not over every claim.
    let mut spellings: Vec<(&str, f64, usize)> = Vec::new();
    for &c in claims {
        let claim = &dataset.claims[c];
        let grade =
            (claim.reliability).or_else(|| dataset.source_of(claim).and_then(|s| s.reliability));
        let weight = grade.map_or(0.5, |g| g.weight());
        match spellings.iter_mut().find(|s| s.0 == claim.who) {
            Some(s) => s.1 += weight,
            None => spellings.push((claim.who.as_str(), weight, c)),
        }
    }
    // Spellings that differ only in case are one.
    let mut folded: Vec<Folded> = Vec::new();
    for (who, weight, first) in spellings {
        let key = who.to_lowercase();
        let mixed = (!is_all_capitals(who)).then_some((who, weight));
        match folded.iter_mut().find(|f| f.0 == key) {
            Some(f) => {
                f.1 += weight;
                f.2 = f.2.min(first);
                if mixed.is_some_and(|(_, w)| f.3.is_none_or(|(_, best)| w > best)) {
                    f.3 = mixed;
                }
            }
            None => folded.push((key, weight, first, mixed)),
        }
    }
    let best = folded
        .iter()
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.2.cmp(&a.2)));
    match best {
        Some((_, _, _, Some((form, _)))) => form.to_string(),
        Some((key, _, first, None)) => readable_case(&dataset.claims[*first].who, key),
        None => String::new(),
    }
}

/// A spelling with case folded, for [`display_name`]: the folded form, its
/// weight, its first claim, and its heaviest form not in capitals.
type Folded<'a> = (String, f64, usize, Option<(&'a str, f64)>);

/// `name` as written unless it is all capitals; then title-cased from its
/// lowercase form (`ABU HAMID AL-BAHRAINI` → `Abu Hamid Al-Bahraini`).
fn readable_case(name: &str, lower: &str) -> String {
    if !is_all_capitals(name) {
        return name.to_string();
    }
    let mut out = String::with_capacity(lower.len());
    let mut start = true;
    for ch in lower.to_lowercase().chars() {
        if start {
            out.extend(ch.to_uppercase());
        } else {
            out.push(ch);
        }
        start = !ch.is_alphanumeric() && ch != '\'' && ch != '’';
    }
    // Articles and nasab links inside a name stay lowercase: `al-Bahraini`.
    let words: Vec<String> = (out.split(' ').enumerate())
        .map(|(i, word)| {
            let lower = word.to_lowercase();
            let particle = [
                "al-", "el-", "ad-", "ash-", "as-", "at-", "az-", "ar-", "an-",
            ]
            .iter()
            .any(|p| lower.starts_with(p))
                || ["bin", "ibn", "bint", "ben"].contains(&lower.as_str());
            if i > 0 && particle {
                let cut = lower.find('-').map_or(lower.len(), |h| h + 1);
                format!("{}{}", &lower[..cut], &word[cut..])
            } else {
                word.to_string()
            }
        })
        .collect();
    words.join(" ")
}

/// Whether every letter of `name` is a capital (and it has two or more).
fn is_all_capitals(name: &str) -> bool {
    // Most names have a lowercase letter early: stop there.
    !name.chars().any(char::is_lowercase)
        && name
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
        && name.chars().filter(|c| c.is_alphabetic()).nth(1).is_some()
}

/// Gives entities without a record an id from their name
/// (`lavdrim-muhaxheri`), made unique with a numeric suffix in order of
/// name, then first claim; returns the order of output: by name, then id.
///
/// One sort serves both orders, which differ only among entities of one
/// name (few, and sorted again by id). The suffixes are counted per id in
/// sorted runs rather than through one map filled entity by entity.
fn assign_ids(list: &mut [Entity]) -> Vec<usize> {
    // (name, first claim, entity), in order.
    let mut keyed: Vec<(&str, Option<usize>, usize)> = list
        .par_iter()
        .enumerate()
        .map(|(i, e)| (e.name.as_str(), e.claims.first().copied(), i))
        .collect();
    keyed.par_sort_unstable();
    // (base id, rank among the unnamed, entity), by base: each run shares
    // a base, in order. The first of a run keeps the base unless a record
    // has it; the others are numbered from 2, as counting in order would,
    // past any number that is already someone's id.
    let unnamed: Vec<(&str, usize)> = keyed
        .iter()
        .filter(|&&(_, _, i)| list[i].id.is_empty())
        .map(|&(name, _, i)| (name, i))
        .collect();
    let mut bases: Vec<(String, usize, usize)> = unnamed
        .par_iter()
        .enumerate()
        .map(|(rank, &(name, i))| (slug(name), rank, i))
        .collect();
    bases.par_sort_unstable();
    let records: FxHashSet<&str> = list
        .iter()
        .filter(|e| !e.id.is_empty())
        .map(|e| e.id.as_str())
        .collect();
    // A numbered id must not be anyone else's: not a record's, not another
    // name's plain id (a second `Umar` is not `umar-2` when someone is named
    // `Umar 2`), not one numbered before it. Plain ids come first because
    // they are what a reader guesses from the name.
    let is_base = |id: &str| {
        bases
            .binary_search_by(|(base, _, _)| base.as_str().cmp(id))
            .is_ok()
    };
    let mut numbered: FxHashSet<String> = FxHashSet::default();
    let mut new_id: Vec<Option<String>> = vec![None; list.len()];
    for run in bases.chunk_by(|a, b| a.0 == b.0) {
        let base = &run[0].0;
        let mut rest = run.iter();
        if !records.contains(base.as_str()) {
            if let Some((_, _, i)) = rest.next() {
                new_id[*i] = Some(base.clone());
            }
        }
        let mut n = 2;
        for (_, _, i) in rest {
            let id = loop {
                let id = format!("{base}-{n}");
                n += 1;
                if !records.contains(id.as_str()) && !is_base(&id) && !numbered.contains(&id) {
                    break id;
                }
            };
            numbered.insert(id.clone());
            new_id[*i] = Some(id);
        }
    }
    let id_of = |i: usize| new_id[i].as_deref().unwrap_or(&list[i].id);
    let mut order: Vec<usize> = keyed.iter().map(|&(_, _, i)| i).collect();
    let mut start = 0;
    for run in keyed.chunk_by(|a, b| a.0 == b.0) {
        let same_name = &mut order[start..start + run.len()];
        if same_name.len() > 1 {
            same_name.sort_unstable_by(|&a, &b| id_of(a).cmp(id_of(b)).then(a.cmp(&b)));
        }
        start += run.len();
    }
    for (entity, id) in list.iter_mut().zip(new_id) {
        if let Some(id) = id {
            entity.id = id;
        }
    }
    order
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
    use super::{assign_ids, slug, Entity};

    fn entity(id: &str, name: &str, first_claim: usize) -> Entity {
        Entity {
            id: id.into(),
            name: name.into(),
            names: vec![name.into()],
            claims: vec![first_claim],
            merges: Vec::new(),
            record: None,
        }
    }

    #[test]
    fn ids_are_numbered_in_order_of_name_then_first_claim() {
        let mut list = vec![
            entity("", "Abu Bakr", 3),
            entity("abu-bakr", "Abu Bakr al-Baghdadi", 7),
            entity("", "Zaid", 2),
            entity("", "ABU BAKR", 5),
            entity("", "Abu Bakr", 1),
        ];
        // Twelve people named Umar, first claimed in reverse order.
        list.extend((0..12).map(|k| entity("", "Umar", 100 - k)));
        let order = assign_ids(&mut list);
        let ids: Vec<&str> = list.iter().map(|e| e.id.as_str()).collect();
        // `abu-bakr` belongs to the record; the others count on from it.
        assert_eq!(
            ids[..5],
            ["abu-bakr-4", "abu-bakr", "zaid", "abu-bakr-2", "abu-bakr-3"]
        );
        assert_eq!(list[16].id, "umar", "the earliest first claim");
        assert_eq!(list[5].id, "umar-12");
        // Output order: by name, then id as text (`umar-10` before `umar-2`).
        let listed: Vec<&str> = order.iter().map(|&i| list[i].id.as_str()).collect();
        assert_eq!(
            listed,
            [
                "abu-bakr-2",
                "abu-bakr-3",
                "abu-bakr-4",
                "abu-bakr",
                "umar",
                "umar-10",
                "umar-11",
                "umar-12",
                "umar-2",
                "umar-3",
                "umar-4",
                "umar-5",
                "umar-6",
                "umar-7",
                "umar-8",
                "umar-9",
                "zaid"
            ]
        );
    }

    #[test]
    fn numbered_ids_never_take_another_entitys_id() {
        let mut list = vec![
            entity("", "Umar", 1),
            entity("", "Umar", 2),
            entity("", "Umar", 3),
            entity("", "Umar 2", 4),
            entity("umar-3", "Umar al-Shishani", 5),
            entity("", "Umar 2", 6),
        ];
        assign_ids(&mut list);
        let ids: Vec<&str> = list.iter().map(|e| e.id.as_str()).collect();
        // `umar-2` is the plain id of `Umar 2`, `umar-3` a record's: the
        // second and third `Umar` count on past both.
        assert_eq!(
            ids,
            ["umar", "umar-4", "umar-5", "umar-2", "umar-3", "umar-2-2"]
        );
    }

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
