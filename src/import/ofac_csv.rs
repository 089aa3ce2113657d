//! OFAC's SDN list in its legacy CSV form: headerless `sdn.csv` (one row
//! per entry) and `alt.csv` (its aliases), told apart by their number of
//! columns (12 and 5; `add.csv`, 6, holds only addresses and is skipped).
//! `-0-` is an empty field; a trailing Ctrl-Z is a DOS end-of-file mark.
//!
//! Each `individual` row is a person under `ofac:` and its `ent_num`:
//! - name: `SURNAME, Given Names` read as `Given Names SURNAME`; `alt.csv`
//!   names (a.k.a., f.k.a., n.k.a.) are aliases, the quoted `a.k.a. '…'`
//!   names in Remarks weak aliases;
//! - a `designated` claim (the CSV gives no listing date), with the
//!   program as evidence;
//! - `DOB …` / `alt. DOB …` in Remarks: `born` claims (`14 Mar 1974`,
//!   `Mar 1974`, `1974`, `circa 1974` → `1974~`, `1974 to 1976` →
//!   `1974/1976`), the first `POB …` as their place;
//! - Remarks: death and custody statements ([`super::statements`]).
//!
//! The CSV carries no date: `--snapshot DATE` gives the source's
//! publication date, and so the claims' report date.

use std::collections::BTreeMap;

use super::dates::birth_date;
use super::records::{Event, Imported, Person, SourceRecord};
use super::{clean, csv_error, statements_of, text_of, Input, Options};
use crate::model::{Certainty, Pos, Status};

const PREFIX: &str = "ofac";
const ACCORDING_TO: &str = "US Treasury OFAC";

/// A row of one of the files, where it starts, and its fields (`-0-` made empty).
struct Row {
    pos: Pos,
    fields: Vec<String>,
}

/// Reads `sdn.csv` and `alt.csv` (in any order) into `imported`.
pub fn read(inputs: &[Input], options: &Options, imported: &mut Imported) {
    let mut entries: Vec<Row> = Vec::new();
    let mut aliases: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for input in inputs {
        let rows = rows(input, imported);
        let Some(first) = rows.first() else { continue };
        match first.fields.len() {
            12 => entries.extend(rows),
            5 => {
                for row in rows {
                    let name = row.fields.get(3).map(|n| inverted(n)).unwrap_or_default();
                    if !name.is_empty() {
                        aliases.entry(row.fields[0].clone()).or_default().push(name);
                    }
                }
            }
            6 => {}
            n => imported.error(
                &first.pos,
                format!("expected OFAC's sdn.csv (12 columns) or alt.csv (5 columns), found {n} columns"),
            ),
        }
    }
    let source = match &options.snapshot {
        Some(date) => format!("{PREFIX}-sdn-{date}"),
        None => format!("{PREFIX}-sdn"),
    };
    let mut record = SourceRecord::new(source.clone());
    record.title = Some("Specially Designated Nationals and Blocked Persons List (SDN)".into());
    record.publisher =
        Some("US Department of the Treasury, Office of Foreign Assets Control".into());
    record.url = Some("https://www.treasury.gov/ofac/downloads/sdn.csv".into());
    record.published = options.snapshot.clone();
    record.reliability = Some("A".into());
    if !entries.is_empty() {
        imported.add_source(record);
    }
    for row in entries {
        if row.fields.len() != 12 {
            imported.error(
                &row.pos,
                format!(
                    "an sdn.csv row has 12 columns, this one {}",
                    row.fields.len()
                ),
            );
            continue;
        }
        if !row.fields[2].eq_ignore_ascii_case("individual") {
            continue;
        }
        let mut person = person(&row.fields, options.snapshot.as_deref());
        person
            .aliases
            .extend(aliases.remove(&row.fields[0]).unwrap_or_default());
        imported.add_person(&source, person, &row.pos);
    }
}

/// The rows of one file; malformed ones reported and skipped.
fn rows(input: &Input, imported: &mut Imported) -> Vec<Row> {
    let text = text_of(&input.bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line()) as u32;
                let fields: Vec<String> = record
                    .iter()
                    .map(|f| match f.trim() {
                        "-0-" => String::new(),
                        f => f.to_string(),
                    })
                    .collect();
                if fields.iter().all(String::is_empty) {
                    continue;
                }
                rows.push(Row {
                    pos: Pos {
                        file: input.name.clone(),
                        line,
                        column: 1,
                    },
                    fields,
                });
            }
            Err(err) => {
                imported.errors.push(csv_error(&input.name, &err));
                if !matches!(
                    err.kind(),
                    csv::ErrorKind::UnequalLengths { .. } | csv::ErrorKind::Utf8 { .. }
                ) {
                    break;
                }
            }
        }
    }
    rows
}

/// `SURNAME, Given Names` as `Given Names SURNAME`; other names as written.
fn inverted(name: &str) -> String {
    let name = clean(name);
    match name.split_once(", ") {
        Some((surname, given)) if !given.contains(',') => format!("{given} {surname}"),
        _ => name,
    }
}

/// One `individual` row of `sdn.csv` as a person.
fn person(fields: &[String], snapshot: Option<&str>) -> Person {
    let remarks = &fields[11];
    let facts = Facts::of(remarks);
    let reported = snapshot.map(str::to_string);
    let mut events = vec![Event {
        weak_aliases: facts.weak_aliases,
        reported: reported.clone(),
        according_to: Some(ACCORDING_TO.into()),
        evidence: (!fields[3].is_empty()).then(|| format!("OFAC program: {}", fields[3])),
        ..Event::new(Status::Designated, None)
    }];
    // `alt. DOB`: the list does not know which.
    let alternatives = (facts.births.len() > 1).then_some(Certainty::Possible);
    for date in facts.births {
        events.push(Event {
            certainty: alternatives,
            reported: reported.clone(),
            according_to: Some(ACCORDING_TO.into()),
            place: facts.birth_place.clone(),
            ..Event::new(Status::Born, Some(date))
        });
    }
    let name = inverted(&fields[1]);
    events.extend(statements_of(remarks, &[&name], ACCORDING_TO, snapshot));
    Person {
        id: format!("{PREFIX}:{}", fields[0]),
        name,
        aliases: Vec::new(),
        events,
    }
}

/// What the `;`-separated facts of Remarks say about identity.
struct Facts {
    births: Vec<String>,
    birth_place: Option<String>,
    weak_aliases: Vec<String>,
}

impl Facts {
    fn of(remarks: &str) -> Facts {
        let mut facts = Facts {
            births: Vec::new(),
            birth_place: None,
            weak_aliases: Vec::new(),
        };
        for fact in remarks
            .split(';')
            .map(|f| f.trim().trim_end_matches('.').trim())
        {
            let fact = fact.strip_prefix("alt. ").unwrap_or(fact);
            if let Some(date) = fact.strip_prefix("DOB ").and_then(birth_date) {
                if !facts.births.contains(&date) {
                    facts.births.push(date);
                }
            } else if let Some(place) = fact.strip_prefix("POB ") {
                facts.birth_place.get_or_insert_with(|| clean(place));
            } else if let Some(quoted) = fact
                .strip_prefix("a.k.a. '")
                .or_else(|| fact.strip_prefix("f.k.a. '"))
            {
                let name = quoted.trim_end_matches('\'');
                facts.weak_aliases.push(inverted(name));
            }
        }
        facts
    }
}
