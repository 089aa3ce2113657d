//! What needs every record read: duplicate ids (the first wins), the
//! sources claims refer to, the claims `refutes` names, citations between
//! sources, and each claim's time span, which may come from its source.

use std::collections::HashMap;

use rayon::prelude::*;

use super::{ClaimStart, Loader};
use crate::collections::IdIndex;
use crate::date::{Interval, DAWN};
use crate::model::{Certainty, Claim, Dataset, EntityRecord, InputError, Pos, Source};
use crate::suggest::did_you_mean;

impl Loader {
    /// Resolves ids and references across files and computes claim intervals.
    pub(super) fn finish(mut self) -> Dataset {
        self.errors.end_file();
        let mut dataset = Dataset::default();
        dataset.files = std::mem::take(&mut self.files);
        let (mut sources, source_index) = self.resolve_sources();
        self.check_citations(&mut sources, &source_index);
        let (claims, claim_index) = self.resolve_claims(&sources, &source_index);
        dataset.sources = sources;
        dataset.claims = claims;
        dataset.set_indexes(claim_index, source_index);
        dataset.entities = self.resolve_entities();
        dataset.errors = self.errors.into_sorted();
        dataset
    }

    /// Explicit source records first (the first of an id wins), then
    /// inline ones not defined explicitly; and their index.
    fn resolve_sources(&mut self) -> (Vec<Source>, IdIndex) {
        let explicit = std::mem::take(&mut self.sources);
        let (explicit_index, duplicates) = IdIndex::build(&explicit, |s| s.id.as_str());
        let keep = self.duplicates("source", &explicit, &duplicates, |s| (&s.id, &s.pos));
        let inline: Vec<Source> = std::mem::take(&mut self.inline_sources)
            .into_values()
            .filter(|s| {
                explicit_index
                    .get(&s.id, |i| explicit[i].id.as_str())
                    .is_none()
            })
            .collect();
        let unchanged = duplicates.is_empty() && inline.is_empty();
        let sources: Vec<Source> = explicit
            .into_iter()
            .zip(keep)
            .filter_map(|(source, keep)| keep.then_some(source))
            .chain(inline)
            .collect();
        let index = if unchanged {
            explicit_index
        } else {
            IdIndex::build(&sources, |s| s.id.as_str()).0
        };
        (sources, index)
    }

    /// Claims without duplicate ids (the first wins), their intervals set
    /// and their references checked; and their index.
    fn resolve_claims(
        &mut self,
        sources: &[Source],
        source_index: &IdIndex,
    ) -> (Vec<Claim>, IdIndex) {
        let mut claims = std::mem::take(&mut self.claims);
        let starts = std::mem::take(&mut self.claim_starts);
        let hashes: Vec<u64> = starts.iter().map(|s| s.id_hash).collect();
        let (mut claim_index, duplicates) =
            IdIndex::build_hashed(&claims, &hashes, |c| c.id.as_str());
        drop(hashes);
        let keep = self.duplicates("claim", &claims, &duplicates, |c| (&c.id, &c.pos));
        let refuting = self.date_claims(&mut claims, &starts, &keep, sources, source_index);
        self.unknown_refutes(&claims, &starts, &keep, &refuting, &claim_index);
        if !duplicates.is_empty() {
            let mut kept = keep.iter();
            claims.retain(|_| kept.next().copied().unwrap_or(true));
            claim_index = IdIndex::build(&claims, |c| c.id.as_str()).0;
        }
        (claims, claim_index)
    }

    /// One pass over all the kept claims (half a gigabyte of them): report
    /// dates and time spans, unknown sources; which claims refute others,
    /// to check after.
    fn date_claims(
        &mut self,
        claims: &mut [Claim],
        starts: &[ClaimStart],
        keep: &[bool],
        sources: &[Source],
        source_index: &IdIndex,
    ) -> Vec<usize> {
        // Every claim looks its source up: the ids packed together and the
        // dates beside them keep a million lookups in cache.
        let source_ids = PackedIds::new(sources.iter().map(|s| s.id.as_str()));
        let published: Vec<Option<Interval>> = sources
            .iter()
            .map(|s| s.published.as_ref().map(|p| p.interval))
            .collect();
        // Every claim's source, looked up in a loop of its own: each lookup
        // misses the cache a few times, and in a loop this small the misses
        // of neighbouring claims overlap (inside the pass below they did
        // not, and the lookups took twice as long).
        let source_of: Vec<Option<u32>> = claims
            .par_iter()
            .map(|claim| {
                let id = claim.source.as_deref()?;
                let at = source_index.get(id, |j| source_ids.get(j))?;
                Some(at as u32)
            })
            .collect();
        let (unknown_sources, refuting) = claims
            .par_iter_mut()
            .zip(&source_of)
            .enumerate()
            .filter(|(i, _)| keep[*i])
            .fold(
                || (Vec::new(), Vec::new()),
                |(mut unknown, mut refuting), (i, (claim, &at))| {
                    set_time_span(claim, at.and_then(|at| published[at as usize]));
                    claim.source_at = at;
                    if let Some(at) = at {
                        credit(claim, &sources[at as usize]);
                    }
                    if let (Some(id), None) = (claim.source.as_deref(), at) {
                        let hint = did_you_mean(id, sources.iter().map(|s| s.id.as_str()));
                        unknown.push(InputError::at(
                            &key_pos(claim, starts[i].source_at),
                            format!("unknown source `{id}`{hint}; define it in a `sources` array or give the source inline"),
                        ));
                    }
                    if !claim.refutes.is_empty() {
                        refuting.push(i);
                    }
                    (unknown, refuting)
                },
            )
            .reduce(
                || (Vec::new(), Vec::new()),
                |(mut unknown, mut refuting), (more_unknown, more_refuting)| {
                    unknown.extend(more_unknown);
                    refuting.extend(more_refuting);
                    (unknown, refuting)
                },
            );
        for error in unknown_sources {
            self.errors.push(error);
        }
        refuting
    }

    /// `refutes` that names no claim.
    fn unknown_refutes(
        &mut self,
        claims: &[Claim],
        starts: &[ClaimStart],
        keep: &[bool],
        refuting: &[usize],
        claim_index: &IdIndex,
    ) {
        let unknown: Vec<InputError> = refuting
            .par_iter()
            .flat_map_iter(|&i| {
                claims[i]
                    .refutes
                    .iter()
                    .filter(|target| claim_index.get(target, |j| claims[j].id.as_str()).is_none())
                    .map(move |target| {
                        let kept = claims
                            .iter()
                            .zip(keep)
                            .filter(|(_, keep)| **keep)
                            .map(|(c, _)| c.id.as_str());
                        let hint = did_you_mean(target, kept);
                        InputError::at(
                            &key_pos(&claims[i], starts[i].refutes_at),
                            format!("`refutes` names unknown claim `{target}`{hint}"),
                        )
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        for error in unknown {
            self.errors.push(error);
        }
    }

    /// Entity records, the first of an id winning.
    fn resolve_entities(&mut self) -> Vec<EntityRecord> {
        let mut entity_ids: HashMap<String, Pos> = HashMap::new();
        let mut entities = Vec::new();
        for entity in std::mem::take(&mut self.entities) {
            if let Some(first) = entity_ids.get(&entity.id) {
                self.errors
                    .push(duplicate("entity", &entity.id, &entity.pos, first));
                continue;
            }
            entity_ids.insert(entity.id.clone(), entity.pos.clone());
            entities.push(entity);
        }
        entities
    }

    /// Reports the `(later, first)` pairs of records of one `kind` that
    /// share an id; which records to keep (all but the later ones).
    fn duplicates<T>(
        &mut self,
        kind: &str,
        records: &[T],
        duplicates: &[(usize, usize)],
        id_and_pos: impl Fn(&T) -> (&String, &Pos),
    ) -> Vec<bool> {
        let mut keep = vec![true; records.len()];
        for &(later, first) in duplicates {
            let (id, pos) = id_and_pos(&records[later]);
            self.errors
                .push(duplicate(kind, id, pos, id_and_pos(&records[first]).1));
            keep[later] = false;
        }
        keep
    }

    /// Unknown `cites` targets and citation cycles; `index` finds sources by id.
    fn check_citations(&mut self, sources: &mut [Source], index: &IdIndex) {
        self.unknown_cites(sources, index);
        self.break_citation_cycles(sources, index);
    }

    /// Reports and drops `cites` of unknown sources.
    fn unknown_cites(&mut self, sources: &mut [Source], index: &IdIndex) {
        let mut unknown_cites: Vec<(usize, Vec<String>)> = Vec::new();
        {
            let sources = &*sources;
            let known = |id: &str| index.get(id, |i| sources[i].id.as_str()).is_some();
            for (n, source) in sources.iter().enumerate() {
                let unknown: Vec<String> =
                    source.cites.iter().filter(|c| !known(c)).cloned().collect();
                for target in &unknown {
                    let hint = did_you_mean(target, sources.iter().map(|s| s.id.as_str()));
                    self.errors.push(InputError::at(
                        &source.pos,
                        format!(
                            "source `{}` cites unknown source `{target}`{hint}",
                            source.id
                        ),
                    ));
                }
                if !unknown.is_empty() {
                    unknown_cites.push((n, unknown));
                }
            }
        }
        for (n, unknown) in unknown_cites {
            sources[n].cites.retain(|c| !unknown.contains(c));
        }
    }

    /// Depth-first search with colours; each cycle is reported once, at the
    /// source where the search closes it, and that citation is dropped so
    /// that provenance tracing always terminates.
    fn break_citation_cycles(&mut self, sources: &mut [Source], index: &IdIndex) {
        let edges: Vec<Vec<usize>> = sources
            .iter()
            .map(|s| {
                s.cites
                    .iter()
                    .filter_map(|c| index.get(c, |i| sources[i].id.as_str()))
                    .collect()
            })
            .collect();
        let mut colour = vec![0u8; sources.len()];
        let mut broken: Vec<(usize, usize)> = Vec::new();
        for root in 0..sources.len() {
            if colour[root] != 0 {
                continue;
            }
            let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
            colour[root] = 1;
            while let Some(&mut (node, ref mut next)) = stack.last_mut() {
                let Some(&target) = edges[node].get(*next) else {
                    colour[node] = 2;
                    stack.pop();
                    continue;
                };
                *next += 1;
                match colour[target] {
                    0 => {
                        colour[target] = 1;
                        stack.push((target, 0));
                    }
                    1 => {
                        let start = stack.iter().position(|(n, _)| *n == target).unwrap_or(0);
                        let mut path: Vec<&str> = stack[start..]
                            .iter()
                            .map(|(n, _)| sources[*n].id.as_str())
                            .collect();
                        path.push(sources[target].id.as_str());
                        self.errors.push(InputError::at(&sources[node].pos, format!(
                            "citation cycle: {}; a source cannot relay itself, remove one of these `cites`",
                            path.join(" → ")
                        )));
                        broken.push((node, target));
                    }
                    _ => {}
                }
            }
        }
        for (node, target) in broken {
            let target_id = sources[target].id.clone();
            sources[node].cites.retain(|c| *c != target_id);
        }
    }
}

/// When the event happened: `date`, or, undated, any time up to the end of
/// the report (`reported`, else the source's `published`).
fn set_time_span(claim: &mut Claim, published: Option<Interval>) {
    claim.report = claim.reported.as_ref().map(|r| r.interval).or(published);
    claim.when = match (&claim.date, claim.report) {
        (Some(date), _) => date.interval,
        (None, Some(report)) => Interval::new(DAWN, report.latest),
        (None, None) => Interval::UNKNOWN,
    };
}

/// Where a claim's key is, else where the claim is.
fn key_pos(claim: &Claim, key: Option<super::KeyAt>) -> Pos {
    key.map_or_else(|| claim.pos.clone(), |key| key.pos(&claim.pos.file))
}

fn duplicate(kind: &str, id: &str, pos: &Pos, first: &Pos) -> InputError {
    InputError::at(
        pos,
        format!("duplicate {kind} id `{id}` (first defined at {first}); ids must be unique, this record is skipped"),
    )
}

/// The ids of records packed into one string, in record order.
struct PackedIds {
    text: String,
    ends: Vec<usize>,
}

impl PackedIds {
    fn new<'a>(ids: impl Iterator<Item = &'a str>) -> Self {
        let mut packed = PackedIds {
            text: String::new(),
            ends: Vec::new(),
        };
        for id in ids {
            packed.text.push_str(id);
            packed.ends.push(packed.text.len());
        }
        packed
    }

    fn get(&self, i: usize) -> &str {
        let start = match i {
            0 => 0,
            _ => self.ends.get(i - 1).copied().unwrap_or_default(),
        };
        let end = self.ends.get(i).copied().unwrap_or_default();
        self.text.get(start..end).unwrap_or_default()
    }
}

/// A claim that gives no certainty takes its source's credibility (the
/// digit of a combined Admiralty code on the source, `C2`).
fn credit(claim: &mut Claim, source: &Source) {
    if claim.certainty == Certainty::Unknown {
        if let Some(credibility) = source.credibility {
            claim.certainty = credibility;
        }
    }
}
