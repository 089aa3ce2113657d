//! The records an importer writes, and the collection that gathers them:
//! one entity record per listed person (its id the list's own, prefixed),
//! one source record per list snapshot, and the claims, each pinned to its
//! person by `entity`. Everything is kept by id, so the output is sorted
//! whatever order the input had.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::date::Edtf;
use crate::model::{Certainty, InputError, Pos, Status};

/// A source record: one snapshot of one list.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub(crate) struct SourceRecord {
    #[serde(rename = "type")]
    kind: &'static str,
    /// `un-sc-2026-02-27`, `ofac-sdn`, …
    pub(crate) id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) publisher: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) url: Option<String>,
    /// The snapshot's date (EDTF).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) reliability: Option<String>,
}

impl SourceRecord {
    /// A source record with the id `id`, the rest to fill in.
    pub(crate) fn new(id: String) -> Self {
        SourceRecord {
            kind: "source",
            id,
            ..SourceRecord::default()
        }
    }
}

/// An entity record: one listed person under the list's own id.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct EntityRecord {
    #[serde(rename = "type")]
    kind: &'static str,
    /// The list's identifier with its prefix: `un-sc:CDi.001`, `ofac:6906`.
    pub(crate) id: String,
    pub(crate) name: String,
    /// The strong aliases, sorted: names the matcher may join on.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) aliases: Vec<String>,
}

/// A claim as written to the output.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub(crate) struct ClaimRecord {
    #[serde(rename = "type")]
    kind: &'static str,
    pub(crate) id: String,
    pub(crate) who: String,
    pub(crate) status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) date: Option<String>,
    pub(crate) source: String,
    pub(crate) entity: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) weak_aliases: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) reported: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) according_to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) certainty: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) place: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) org: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) evidence: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) quote: Option<String>,
}

/// One claim about a person, before it is given its id and source.
#[derive(Clone, Debug, Default)]
pub(crate) struct Event {
    pub(crate) status: Option<Status>,
    pub(crate) date: Option<String>,
    pub(crate) certainty: Option<Certainty>,
    pub(crate) reported: Option<String>,
    pub(crate) according_to: Option<String>,
    pub(crate) place: Option<String>,
    pub(crate) by: Option<String>,
    pub(crate) role: Option<String>,
    pub(crate) org: Option<String>,
    pub(crate) evidence: Option<String>,
    pub(crate) quote: Option<String>,
    pub(crate) weak_aliases: Vec<String>,
    /// The event's own source, when it is not the list's (a Wikidata
    /// statement's reference).
    pub(crate) source: Option<String>,
}

impl Event {
    /// An event of `status` on `date`.
    pub(crate) fn new(status: Status, date: Option<String>) -> Self {
        Event {
            status: Some(status),
            date,
            ..Event::default()
        }
    }
}

/// One listed person as an importer read it.
#[derive(Clone, Debug, Default)]
pub(crate) struct Person {
    /// The prefixed list id.
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) aliases: Vec<String>,
    pub(crate) events: Vec<Event>,
}

/// Everything imported so far, by id, and the problems met.
#[derive(Debug, Default)]
pub struct Imported {
    pub(crate) sources: BTreeMap<String, SourceRecord>,
    pub(crate) entities: BTreeMap<String, EntityRecord>,
    pub(crate) claims: BTreeMap<String, ClaimRecord>,
    /// Claims as typed in a spreadsheet, by id (else by file and line).
    pub(crate) rows: BTreeMap<String, serde_json::Map<String, serde_json::Value>>,
    /// The claim that first said each thing (entity, status, date, place,
    /// quote): a later snapshot repeating it adds nothing.
    said: BTreeMap<[String; 6], String>,
    /// The problems met, each at its file, line and column.
    pub errors: Vec<InputError>,
}

impl Imported {
    /// An input problem at `pos`.
    pub(crate) fn error(&mut self, pos: &Pos, message: impl Into<String>) {
        self.errors.push(InputError::at(pos, message.into()));
    }

    /// Keeps a source record (the first of an id).
    pub(crate) fn add_source(&mut self, source: SourceRecord) {
        self.sources.entry(source.id.clone()).or_insert(source);
    }

    /// Keeps a person from the source `source`: the entity record (names
    /// from several snapshots joined) and each event as a claim, numbered
    /// per person, source and status so that ids are stable. A date that
    /// is not valid EDTF is reported at `pos` and left out.
    pub(crate) fn add_person(&mut self, source: &str, person: Person, pos: &Pos) {
        let Person {
            id,
            name,
            mut aliases,
            events,
        } = person;
        let name = name.trim().to_string();
        if name.is_empty() {
            self.error(pos, format!("`{id}` has no name; it was left out"));
            return;
        }
        aliases.retain(|a| !a.trim().is_empty() && a.trim() != name);
        let entity = self
            .entities
            .entry(id.clone())
            .or_insert_with(|| EntityRecord {
                kind: "entity",
                id: id.clone(),
                name: name.clone(),
                aliases: Vec::new(),
            });
        if entity.name != name {
            aliases.push(name.clone());
        }
        entity
            .aliases
            .extend(aliases.into_iter().map(|a| a.trim().to_string()));
        let own = entity.name.clone();
        entity.aliases.retain(|a| *a != own);
        entity.aliases.sort();
        entity.aliases.dedup();
        let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
        for mut event in events {
            let Some(status) = event.status else { continue };
            let count = counts.entry(status.as_str()).or_default();
            *count += 1;
            let claim_id = format!("{id}/{source}/{}-{count}", status.as_str());
            let source = event.source.take().unwrap_or_else(|| source.to_string());
            let mut claim = claim_record(claim_id, &name, status, &source, &id, event);
            for field in [&mut claim.date, &mut claim.reported] {
                if let Some(text) = field.as_deref() {
                    if let Err(err) = Edtf::parse(text) {
                        self.errors
                            .push(InputError::at(pos, format!("{}: {err}", claim.id)));
                        *field = None;
                    }
                }
            }
            self.keep_earliest(claim);
        }
    }
}

impl Imported {
    /// Keeps a claim typed in a spreadsheet at `line` of `file`: by its id,
    /// else after the claims with ids, in the order of the file.
    pub(crate) fn add_row(
        &mut self,
        file: &str,
        line: u32,
        mut claim: serde_json::Map<String, serde_json::Value>,
    ) {
        let key = match claim.get("id").and_then(|id| id.as_str()) {
            Some(id) => id.to_string(),
            None => format!("~{file}:{line:010}"),
        };
        let mut record = serde_json::Map::new();
        record.insert("type".into(), "claim".into());
        record.append(&mut claim);
        self.rows.insert(key, record);
    }

    /// Keeps `claim` unless an earlier report of the same statement is
    /// kept (snapshots of one list repeat their notes): each thing is
    /// reported when it was first said. A listing is the exception: each
    /// snapshot that still lists the person says so anew, and that it
    /// still did on its date is what `listed-after-death` weighs against a
    /// death the list does not state.
    fn keep_earliest(&mut self, claim: ClaimRecord) {
        let restated = if claim.status == Status::Designated.as_str() {
            claim.source.clone()
        } else {
            String::new()
        };
        let key = [
            claim.entity.clone(),
            claim.status.to_string(),
            claim.date.clone().unwrap_or_default(),
            claim.place.clone().unwrap_or_default(),
            claim.quote.clone().unwrap_or_default(),
            restated,
        ];
        let reported = |c: &ClaimRecord| (c.reported.clone(), c.source.clone(), c.id.clone());
        if let Some(kept) = self.said.get(&key).and_then(|id| self.claims.get(id)) {
            if reported(kept) <= reported(&claim) {
                return;
            }
            let old = kept.id.clone();
            self.claims.remove(&old);
        }
        self.said.insert(key, claim.id.clone());
        self.claims.insert(claim.id.clone(), claim);
    }
}

fn claim_record(
    id: String,
    who: &str,
    status: Status,
    source: &str,
    entity: &str,
    event: Event,
) -> ClaimRecord {
    let mut weak_aliases = event.weak_aliases;
    weak_aliases.retain(|a| !a.trim().is_empty() && a != who);
    weak_aliases.sort();
    weak_aliases.dedup();
    ClaimRecord {
        kind: "claim",
        id,
        who: who.to_string(),
        status: status.as_str(),
        date: event.date,
        source: source.to_string(),
        entity: entity.to_string(),
        weak_aliases,
        reported: event.reported,
        according_to: event.according_to,
        certainty: event.certainty.map(Certainty::as_str),
        place: event.place,
        by: event.by,
        role: event.role,
        org: event.org,
        evidence: event.evidence,
        quote: event.quote,
    }
}
