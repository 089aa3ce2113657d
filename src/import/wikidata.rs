//! Wikidata entity JSON: `Special:EntityData` / `wbgetentities` documents
//! (`{"entities": {"Q1045": {…}}}`), one entity document, or dump lines
//! (one entity a line, the dump's `[`, `]` and trailing commas allowed).
//! A human (`P31` = `Q5`, or no `P31` but a date of birth or death) is a person under
//! `wikidata:` and the item id.
//!
//! - name: the English label (else the multilingual one, else the first);
//!   English aliases, and every `P1810` (subject named as), are aliases;
//! - `P569` date of birth: `born`; `P570` date of death: `died` (an unknown
//!   value, `somevalue`, is a death at an unknown date);
//! - the time's precision: day, month, year, decade (`1990/1999`), century
//!   (`1900/1999`); `P1480` sourcing circumstances `circa` (`Q5727902`) →
//!   `~`, any other (presumably, probably, possibly, disputed…) → `?`; `P1319` / `P1326`
//!   (earliest / latest date) make an interval;
//! - rank: a deprecated statement becomes an `improbable` claim whose
//!   `evidence` says so, with its `P2241` reason; a preferred one says so;
//! - the first reference: `P248` (stated in) is the source
//!   (`wikidata-source:Q…`), else `P854` (reference URL); `P813`
//!   (retrieved) the report date. Without one, the source is Wikidata.

use serde_json::Value;

use super::records::{Event, Imported, Person, SourceRecord};
use super::{clean, error_at, text_of, Input};
use crate::load::line_column_of_byte;
use crate::model::{Certainty, Pos, Status};

const PREFIX: &str = "wikidata";

/// Reads every input into `imported`.
pub fn read(inputs: &[Input], imported: &mut Imported) {
    let mut source = SourceRecord::new(PREFIX.into());
    source.title = Some("Wikidata".into());
    source.url = Some("https://www.wikidata.org/".into());
    let mut any = false;
    for input in inputs {
        let text = text_of(&input.bytes);
        for (entity, offset) in entities(input, &text, imported) {
            let (line, column) = line_column_of_byte(text.as_bytes(), offset);
            let pos = Pos {
                file: input.name.clone(),
                line,
                column,
            };
            if let Some((person, sources)) = person(&entity) {
                for s in sources {
                    imported.add_source(s);
                }
                imported.add_person(PREFIX, person, &pos);
                any = true;
            }
        }
    }
    if any {
        imported.add_source(source);
    }
}

/// The entity documents of one file, each with the byte where it starts.
fn entities(input: &Input, text: &str, imported: &mut Imported) -> Vec<(Value, usize)> {
    if let Ok(document) = serde_json::from_str::<Value>(text) {
        if let Some(map) = document.get("entities").and_then(Value::as_object) {
            return (map.iter())
                .map(|(id, e)| (e.clone(), text.find(&format!("\"{id}\"")).unwrap_or(0)))
                .collect();
        }
        if document.get("claims").is_some() {
            return vec![(document, 0)];
        }
    }
    let mut found = Vec::new();
    let mut offset = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let entity = line.trim().trim_end_matches(',');
        if entity.is_empty() || entity == "[" || entity == "]" {
            continue;
        }
        match serde_json::from_str::<Value>(entity) {
            Ok(value) if value.is_object() => found.push((value, start)),
            Ok(_) => imported.errors.push(error_at(
                &input.name,
                n as u32 + 1,
                1,
                "not a Wikidata entity (a JSON object)".into(),
            )),
            Err(err) => {
                let message = format!("not a Wikidata entity: {err}");
                imported.errors.push(error_at(
                    &input.name,
                    n as u32 + 1,
                    err.column() as u32,
                    message,
                ));
            }
        }
    }
    found
}

/// The person an entity document describes, and the sources its
/// statements cite; `None` for anything but a human.
fn person(entity: &Value) -> Option<(Person, Vec<SourceRecord>)> {
    let id = entity.get("id")?.as_str()?;
    let claims = entity.get("claims");
    let statements = |property: &str| -> &[Value] {
        claims
            .and_then(|c| c.get(property))
            .and_then(Value::as_array)
            .map_or(&[], Vec::as_slice)
    };
    let instance_of = statements("P31");
    let dated = !statements("P569").is_empty() || !statements("P570").is_empty();
    let human = instance_of
        .iter()
        .any(|s| item(&s["mainsnak"]) == Some("Q5"))
        || (instance_of.is_empty() && dated);
    if !id.starts_with('Q') || !human {
        return None;
    }
    let label = |language: &str| entity["labels"][language]["value"].as_str();
    let name = label("en").or_else(|| label("mul")).or_else(|| {
        entity["labels"]
            .as_object()?
            .values()
            .find_map(|l| l["value"].as_str())
    })?;
    let mut aliases: Vec<String> = (entity["aliases"]["en"]
        .as_array()
        .map_or(&[][..], Vec::as_slice)
        .iter())
    .filter_map(|a| a["value"].as_str())
    .map(clean)
    .collect();
    let mut events = Vec::new();
    let mut sources = Vec::new();
    for (property, status) in [("P569", Status::Born), ("P570", Status::Died)] {
        for statement in statements(property) {
            if let Some(event) = event(statement, status, &mut sources, &mut aliases) {
                events.push(event);
            }
        }
    }
    let person = Person {
        id: format!("{PREFIX}:{id}"),
        name: clean(name),
        aliases,
        events,
    };
    Some((person, sources))
}

/// The item id a snak holds (`Q5`).
fn item(snak: &Value) -> Option<&str> {
    snak["datavalue"]["value"]["id"].as_str()
}

/// One date statement as an event.
fn event(
    statement: &Value,
    status: Status,
    sources: &mut Vec<SourceRecord>,
    aliases: &mut Vec<String>,
) -> Option<Event> {
    let snak = &statement["mainsnak"];
    let qualifiers = &statement["qualifiers"];
    let qualifier = |p: &str| qualifiers[p].as_array().map_or(&[][..], Vec::as_slice);
    for named in qualifier("P1810") {
        if let Some(name) = named["datavalue"]["value"].as_str() {
            aliases.push(clean(name));
        }
    }
    let date = match snak["snaktype"].as_str() {
        Some("value") => Some(time(&snak["datavalue"]["value"])?),
        // A death at an unknown date is still a death; an unknown birth says nothing.
        Some("somevalue") if status == Status::Died => None,
        _ => return None,
    };
    let bound = |p: &str| {
        qualifier(p)
            .first()
            .and_then(|q| time(&q["datavalue"]["value"]))
    };
    let date = match (bound("P1319"), bound("P1326")) {
        (None, None) => date,
        (earliest, latest) => Some(format!(
            "{}/{}",
            earliest.as_deref().unwrap_or(".."),
            latest.as_deref().unwrap_or("..")
        )),
    };
    let circumstances: Vec<&str> = qualifier("P1480").iter().filter_map(|q| item(q)).collect();
    let date = date.map(|d| {
        if d.contains('/') {
            d
        } else if circumstances.contains(&"Q5727902") {
            format!("{d}~")
        } else if !circumstances.is_empty() {
            // presumably, probably, possibly, disputed…: the source doubts it.
            format!("{d}?")
        } else {
            d
        }
    });
    let mut event = Event {
        according_to: Some("Wikidata".into()),
        ..Event::new(status, date)
    };
    match statement["rank"].as_str() {
        Some("deprecated") => {
            event.certainty = Some(Certainty::Improbable);
            let reasons: Vec<&str> = qualifier("P2241").iter().filter_map(|q| item(q)).collect();
            event.evidence = Some(match reasons.is_empty() {
                true => "deprecated rank in Wikidata".into(),
                false => format!(
                    "deprecated rank in Wikidata (reason: {})",
                    reasons.join(", ")
                ),
            });
        }
        Some("preferred") => event.evidence = Some("preferred rank in Wikidata".into()),
        _ => {}
    }
    if let Some(reference) = statement["references"].as_array().and_then(|r| r.first()) {
        let snaks = &reference["snaks"];
        let first = |p: &str| snaks[p].as_array().and_then(|s| s.first());
        event.reported = first("P813").and_then(|s| time(&s["datavalue"]["value"]));
        let url = first("P854").and_then(|s| s["datavalue"]["value"].as_str());
        let stated_in = first("P248").and_then(item);
        let source = match (stated_in, url) {
            (Some(q), _) => {
                let mut source = SourceRecord::new(format!("{PREFIX}-source:{q}"));
                source.title = Some(q.to_string());
                source.url = Some(format!("https://www.wikidata.org/wiki/{q}"));
                Some(source)
            }
            (None, Some(url)) => {
                let mut source = SourceRecord::new(format!("{PREFIX}-url:{url}"));
                source.url = Some(url.to_string());
                Some(source)
            }
            _ => None,
        };
        if let Some(source) = source {
            event.source = Some(source.id.clone());
            sources.push(source);
        }
    }
    Some(event)
}

/// A Wikidata time value as EDTF, by its precision: day, month, year,
/// decade or century (the last two as intervals of years).
fn time(value: &Value) -> Option<String> {
    let text = value["time"].as_str()?;
    let precision = value["precision"].as_u64()?;
    let digits = text.strip_prefix('+')?;
    let (year, rest) = digits.split_once('-')?;
    let year: i32 = year.parse().ok()?;
    if !(1000..=9999).contains(&year) {
        return None;
    }
    let month = rest.get(0..2)?;
    let day = rest.get(3..5)?;
    Some(match precision {
        11 => format!("{year}-{month}-{day}"),
        10 => format!("{year}-{month}"),
        9 => format!("{year}"),
        8 => format!("{}/{}", year / 10 * 10, year / 10 * 10 + 9),
        7 => format!("{}/{}", year / 100 * 100, year / 100 * 100 + 99),
        _ => return None,
    })
}
