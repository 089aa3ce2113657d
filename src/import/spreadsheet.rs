//! The spreadsheet layout an analyst can type (`import csv`): a header row
//! of the claim's JSON field names (`who`, `status`, `date`, `source`, …,
//! any order, as `claimlint schema` lists them), then one claim a row.
//! `aliases`, `weak_aliases` and `refutes` hold several values separated
//! by `;`. A claim's source is `source` (the id of a source record given
//! elsewhere) or, inline, `source_title` with `source_url`,
//! `source_publisher` and `source_published`. Empty cells are absent
//! fields.
//!
//! Each row is checked as the loader checks a claim, and every problem is
//! reported at the row's line and the column where its cell starts.

use std::sync::Arc;

use serde_json::{Map, Value};

use super::records::Imported;
use super::{csv_error, error_at, text_of, Input};

/// Columns that make an inline source, and the source field each fills.
const SOURCE_COLUMNS: [(&str, &str); 4] = [
    ("source_title", "title"),
    ("source_url", "url"),
    ("source_publisher", "publisher"),
    ("source_published", "published"),
];

/// Columns that hold several values, separated by `;`.
const LISTS: [&str; 3] = ["aliases", "weak_aliases", "refutes"];

/// The claim's fields, from the one declaration of the input (its schema).
fn claim_fields() -> Vec<String> {
    let schema = serde_json::to_value(crate::load::raw::schema()).unwrap_or_default();
    schema["definitions"]["Claim"]["properties"]
        .as_object()
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

/// Reads every input into `imported`.
pub fn read(inputs: &[Input], imported: &mut Imported) {
    let fields = claim_fields();
    for input in inputs {
        read_one(input, &fields, imported);
    }
}

fn read_one(input: &Input, fields: &[String], imported: &mut Imported) {
    let text = text_of(&input.bytes);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|h| h.trim().to_lowercase()).collect(),
        Err(err) => return imported.errors.push(csv_error(&input.name, &err)),
    };
    let lines: Vec<&str> = text.lines().collect();
    let header_columns = cell_columns(lines.first().copied().unwrap_or(""));
    let known =
        |h: &str| fields.iter().any(|f| f == h) || SOURCE_COLUMNS.iter().any(|(c, _)| *c == h);
    for (i, header) in headers.iter().enumerate() {
        if !known(header) {
            let column = header_columns.get(i).copied().unwrap_or(1);
            let message = format!(
                "unknown column `{header}`: a column is named for a claim field ({}) or is one of source_title, source_url, source_publisher, source_published",
                fields.join(", ")
            );
            imported
                .errors
                .push(error_at(&input.name, 1, column, message));
        }
    }
    for row in reader.records() {
        let row = match row {
            Ok(row) => row,
            Err(err) => {
                imported.errors.push(csv_error(&input.name, &err));
                continue;
            }
        };
        let line = row.position().map_or(1, |p| p.line()) as u32;
        let columns = cell_columns(lines.get(line as usize - 1).copied().unwrap_or(""));
        let cells: Vec<(&str, &str, u32)> = (headers.iter().zip(row.iter()).enumerate())
            .filter(|(_, (h, v))| known(h) && !v.trim().is_empty())
            .map(|(i, (h, v))| (h.as_str(), v.trim(), columns.get(i).copied().unwrap_or(1)))
            .collect();
        if cells.is_empty() {
            continue;
        }
        let claim = claim_of(&cells);
        // A row with a problem is reported, not written: `check` would
        // only report it again, at a line of the output.
        if check(&input.name, line, &claim, &cells, imported) {
            imported.add_row(&input.name, line, claim);
        }
    }
}

/// The claim a row's non-empty cells give.
fn claim_of(cells: &[(&str, &str, u32)]) -> Map<String, Value> {
    let mut claim = Map::new();
    let mut source = Map::new();
    for &(header, value, _) in cells {
        if let Some((_, field)) = SOURCE_COLUMNS.iter().find(|(c, _)| *c == header) {
            source.insert(field.to_string(), value.into());
        } else if LISTS.contains(&header) {
            let values: Vec<Value> = (value.split(';').map(str::trim))
                .filter(|v| !v.is_empty())
                .map(Value::from)
                .collect();
            claim.insert(header.to_string(), values.into());
        } else if header == "age" {
            let age = value
                .parse::<u64>()
                .map_or_else(|_| Value::from(value), Value::from);
            claim.insert(header.to_string(), age);
        } else {
            claim.insert(header.to_string(), value.into());
        }
    }
    if !source.is_empty() && !claim.contains_key("source") {
        claim.insert("source".into(), source.into());
    }
    claim
}

/// Checks a row's claim as the loader would, reporting each problem at the
/// cell of its field: the claim is written one field a line, so the
/// line of a problem names its field. References to other records (a
/// source by id, `refutes`) are left to `check`, which sees them all.
/// Whether the row is sound.
fn check(
    file: &Arc<str>,
    line: u32,
    claim: &Map<String, Value>,
    cells: &[(&str, &str, u32)],
    imported: &mut Imported,
) -> bool {
    let keys: Vec<&String> = claim.keys().collect();
    let mut text = String::from("[{\n");
    for (k, key) in keys.iter().enumerate() {
        let comma = if k + 1 < keys.len() { "," } else { "" };
        text.push_str(&format!(
            "{}: {}{comma}\n",
            Value::from(key.as_str()),
            claim[*key]
        ));
    }
    text.push_str("}]\n");
    let mut sound = true;
    for error in crate::load::load_str("row", &text).errors {
        let key = (error.line as usize)
            .checked_sub(2)
            .and_then(|k| keys.get(k));
        if key.is_some_and(|k| *k == "source" && claim[*k].is_string() || *k == "refutes") {
            continue;
        }
        let column = key
            .and_then(|k| {
                cells
                    .iter()
                    .find(|(h, _, _)| h == k || (*k == "source" && h.starts_with("source_")))
            })
            .map_or(1, |(_, _, c)| *c);
        imported
            .errors
            .push(error_at(file, line, column, error.message));
        sound = false;
    }
    sound
}

/// The column (in characters, 1-based) where each cell of a CSV line starts.
fn cell_columns(line: &str) -> Vec<u32> {
    let mut columns = vec![1];
    let mut quoted = false;
    for (i, c) in line.chars().enumerate() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => columns.push(i as u32 + 2),
            _ => {}
        }
    }
    columns
}
