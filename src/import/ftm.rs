//! FollowTheMoney: entity JSON lines (`{"id", "schema", "properties"}`,
//! as OpenSanctions and nomenklatura write them) or the statements CSV
//! (one row per property value; columns found by their header name, since
//! their order has changed across versions). Only `Person` entities are
//! people, under `ftm:` and the entity id (`canonical_id` when the
//! statements give one).
//!
//! - `name`: the first is the name, the others aliases; `alias` and
//!   `previousName` aliases; `weakAlias` weak aliases;
//! - `birthDate`: `born` claims; `deathDate`: `died` claims;
//! - `position`: undated `role` claims, the role and organisation read from
//!   `Role of Organisation` or `Role, Organisation` (a position that names
//!   no organisation is left out: a role claim needs one);
//! - `notes`: death and custody statements ([`super::statements`]).
//!
//! The dataset is the source (`ftm-` and its name); `first_seen` (of the
//! entity, or of the statement's value) is the claims' report date.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::records::{Event, Imported, Person, SourceRecord};
use super::{clean, csv_error, error_at, statements_of, text_of, Input};
use crate::model::{Pos, Status};

const PREFIX: &str = "ftm";
/// The dataset of entities that name none.
const DEFAULT_DATASET: &str = "default";

/// One property value, with the dataset and first sighting it came with.
#[derive(Clone, Debug, Default)]
struct Value {
    text: String,
    dataset: Option<String>,
    first_seen: Option<String>,
}

/// A person's property values, by property, and where the person was read.
#[derive(Debug)]
struct Entity {
    pos: Pos,
    properties: BTreeMap<String, Vec<Value>>,
}

/// Reads every input, JSON lines or statements CSV, into `imported`.
pub fn read(inputs: &[Input], imported: &mut Imported) {
    let mut people: BTreeMap<String, Entity> = BTreeMap::new();
    for input in inputs {
        let text = text_of(&input.bytes);
        if text.trim_start().starts_with('{') {
            json_lines(input, &text, &mut people, imported);
        } else {
            statements_csv(input, &text, &mut people, imported);
        }
    }
    for (id, entity) in people {
        if let Some((person, datasets)) = person(&id, &entity) {
            for dataset in &datasets {
                let mut source = SourceRecord::new(source_id(dataset));
                source.title = Some(format!("FollowTheMoney dataset {dataset}"));
                imported.add_source(source);
            }
            let source = source_id(&datasets[0]);
            imported.add_person(&source, person, &entity.pos);
        }
    }
}

fn source_id(dataset: &str) -> String {
    format!("{PREFIX}-{dataset}")
}

/// An entity line as FollowTheMoney writes it.
#[derive(Deserialize)]
struct Line {
    id: String,
    schema: String,
    #[serde(default)]
    properties: BTreeMap<String, Vec<serde_json::Value>>,
    #[serde(default)]
    datasets: Vec<String>,
    #[serde(default)]
    first_seen: Option<String>,
}

fn json_lines(
    input: &Input,
    text: &str,
    people: &mut BTreeMap<String, Entity>,
    imported: &mut Imported,
) {
    for (n, line) in text.lines().enumerate() {
        let line_number = n as u32 + 1;
        if line.trim().is_empty() {
            continue;
        }
        let line: Line = match serde_json::from_str(line) {
            Ok(line) => line,
            Err(err) => {
                let message = format!("not a FollowTheMoney entity: {err}");
                imported.errors.push(error_at(
                    &input.name,
                    line_number,
                    err.column() as u32,
                    message,
                ));
                continue;
            }
        };
        if line.schema != "Person" {
            continue;
        }
        let pos = Pos {
            file: input.name.clone(),
            line: line_number,
            column: 1,
        };
        let entity = people.entry(line.id).or_insert_with(|| Entity {
            pos,
            properties: BTreeMap::new(),
        });
        for (property, values) in line.properties {
            let slot = entity.properties.entry(property).or_default();
            for value in values.iter().filter_map(serde_json::Value::as_str) {
                slot.push(Value {
                    text: value.to_string(),
                    dataset: line.datasets.first().cloned(),
                    first_seen: line.first_seen.clone(),
                });
            }
        }
    }
}

fn statements_csv(
    input: &Input,
    text: &str,
    people: &mut BTreeMap<String, Entity>,
    imported: &mut Imported,
) {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(headers) => headers.clone(),
        Err(err) => {
            imported
                .errors
                .push(error_at(&input.name, 1, 1, format!("not valid CSV: {err}")));
            return;
        }
    };
    let column = |name: &str| headers.iter().position(|h| h.trim() == name);
    let id = column("canonical_id").or(column("entity_id"));
    let (Some(id), Some(prop), Some(value)) = (id, column("prop"), column("value")) else {
        let message = "a FollowTheMoney statements CSV needs the columns entity_id (or canonical_id), prop and value".into();
        imported.errors.push(error_at(&input.name, 1, 1, message));
        return;
    };
    let (schema, dataset, first_seen) = (column("schema"), column("dataset"), column("first_seen"));
    for row in reader.records() {
        let row = match row {
            Ok(row) => row,
            Err(err) => {
                imported.errors.push(csv_error(&input.name, &err));
                continue;
            }
        };
        let field = |i: Option<usize>| {
            i.and_then(|i| row.get(i))
                .map(str::trim)
                .filter(|v| !v.is_empty())
        };
        if field(schema).is_some_and(|s| s != "Person") {
            continue;
        }
        let (Some(entity_id), Some(property), Some(text)) =
            (field(Some(id)), field(Some(prop)), field(Some(value)))
        else {
            continue;
        };
        let line = row.position().map_or(0, |p| p.line()) as u32;
        let entity = people
            .entry(entity_id.to_string())
            .or_insert_with(|| Entity {
                pos: Pos {
                    file: input.name.clone(),
                    line,
                    column: 1,
                },
                properties: BTreeMap::new(),
            });
        entity
            .properties
            .entry(property.to_string())
            .or_default()
            .push(Value {
                text: text.to_string(),
                dataset: field(dataset).map(str::to_string),
                first_seen: field(first_seen).map(str::to_string),
            });
    }
}

/// A day from FollowTheMoney's timestamps (`2021-09-14T12:00:00`).
fn day(timestamp: &str) -> String {
    timestamp.get(..10).unwrap_or(timestamp).to_string()
}

/// The role and organisation of an FtM `position`: `Minister of Finance of
/// Iraq` → (`Minister of Finance`, `Iraq`), at the last `of`; `Emir,
/// Islamic State` → (`Emir`, `Islamic State`), at the last comma.
fn role_and_org(position: &str) -> Option<(String, String)> {
    let (role, org) = position
        .rsplit_once(", ")
        .or_else(|| position.rsplit_once(" of "))?;
    let (role, org) = (role.trim(), org.trim());
    (!role.is_empty() && !org.is_empty()).then(|| (role.to_string(), org.to_string()))
}

/// The person and the datasets the claims come from.
fn person(id: &str, entity: &Entity) -> Option<(Person, Vec<String>)> {
    let values = |property: &str| {
        entity
            .properties
            .get(property)
            .map_or(&[][..], Vec::as_slice)
    };
    let names: Vec<String> = values("name").iter().map(|v| clean(&v.text)).collect();
    let name = names.first()?.clone();
    let mut aliases: Vec<String> = names[1..].to_vec();
    for property in ["alias", "previousName"] {
        aliases.extend(values(property).iter().map(|v| clean(&v.text)));
    }
    let weak: Vec<String> = values("weakAlias").iter().map(|v| clean(&v.text)).collect();
    let mut events = Vec::new();
    let mut datasets = Vec::new();
    let mut event = |status: Status, value: &Value, date: Option<String>| {
        let dataset = value
            .dataset
            .clone()
            .unwrap_or_else(|| DEFAULT_DATASET.to_string());
        if !datasets.contains(&dataset) {
            datasets.push(dataset.clone());
        }
        Event {
            according_to: Some(dataset),
            reported: value.first_seen.as_deref().map(day),
            ..Event::new(status, date)
        }
    };
    for value in values("birthDate") {
        events.push(event(Status::Born, value, Some(value.text.clone())));
    }
    for value in values("deathDate") {
        events.push(event(Status::Died, value, Some(value.text.clone())));
    }
    for value in values("position") {
        if let Some((role, org)) = role_and_org(&clean(&value.text)) {
            events.push(Event {
                role: Some(role),
                org: Some(org),
                quote: Some(clean(&value.text)),
                ..event(Status::Role, value, None)
            });
        }
    }
    let all_names: Vec<&str> = std::iter::once(&name)
        .chain(&aliases)
        .map(String::as_str)
        .collect();
    for value in values("notes") {
        let template = event(Status::Died, value, None);
        let according_to = template.according_to.as_deref().unwrap_or(DEFAULT_DATASET);
        let reported = template.reported.as_deref();
        events.extend(statements_of(
            &value.text,
            &all_names,
            according_to,
            reported,
        ));
    }
    // Weak aliases ride on the first claim; a person without claims has
    // nowhere to keep them apart from the strong ones, and loses them
    // rather than have them merge.
    if let Some(first) = events.first_mut() {
        first.weak_aliases = weak;
    }
    if datasets.is_empty() {
        datasets.push(DEFAULT_DATASET.to_string());
    }
    Some((
        Person {
            id: format!("{PREFIX}:{id}"),
            name,
            aliases,
            events,
        },
        datasets,
    ))
}

#[cfg(test)]
mod tests {
    use super::role_and_org;

    #[test]
    fn positions_name_a_role_in_an_organisation() {
        let pair = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(
            role_and_org("Minister of Finance of Iraq"),
            pair("Minister of Finance", "Iraq")
        );
        assert_eq!(
            role_and_org("Emir, Islamic State"),
            pair("Emir", "Islamic State")
        );
        assert_eq!(role_and_org("Spokesman"), None);
    }
}
