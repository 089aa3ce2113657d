//! The spreadsheet layout (`.csv`): a header row of the claim's JSON field
//! names, one claim a row. `aliases`, `weak_aliases` and `refutes` hold
//! several values separated by `;`; `source` is a source id, or the
//! columns `source_title`, `source_url`, `source_publisher` and
//! `source_published` make an inline source. Empty cells are absent.
//!
//! Each row becomes the JSON text of its claim, one field a line, and is
//! read by the claim reader like any record; its [`Locator::Cells`] turns a
//! place in that text into the row's line and the column where the cell
//! of the field starts, so every problem points into the spreadsheet.

use std::sync::Arc;

use serde_json::{Map, Value};

use super::position::{Locator, RecordAt};
use super::Loader;
use crate::model::InputError;

/// Columns that make an inline source, and the source field each fills.
const SOURCE_COLUMNS: [(&str, &str); 4] = [
    ("source_title", "title"),
    ("source_url", "url"),
    ("source_publisher", "publisher"),
    ("source_published", "published"),
];

/// Columns that hold several values, separated by `;`.
const LISTS: [&str; 3] = ["aliases", "weak_aliases", "refutes"];

/// One row's claim.
pub struct CsvClaim {
    /// The row's line.
    pub line: u32,
    /// The claim's fields, as JSON.
    pub fields: Map<String, Value>,
    /// The claim as JSON text, one field a line after the opening brace.
    pub json: String,
    /// The fields in the order of `json`'s lines.
    pub keys: Vec<String>,
    /// The column of the cell of each of `keys`.
    pub cells: Vec<u32>,
}

/// The claim fields a header may name, from the one declaration of the
/// input (its schema).
fn claim_fields() -> Vec<String> {
    let schema = serde_json::to_value(super::raw::schema()).unwrap_or_default();
    schema["definitions"]["Claim"]["properties"]
        .as_object()
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

/// The claims of a spreadsheet's text; problems with its header and its
/// CSV pushed to `errors`.
pub fn csv_claims(file: &Arc<str>, text: &str, errors: &mut Vec<InputError>) -> Vec<CsvClaim> {
    let error = |line: u64, column: u32, message: String| InputError {
        file: file.clone(),
        line: line as u32,
        column,
        message,
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|h| h.trim().to_lowercase()).collect(),
        Err(err) => {
            let line = err.position().map_or(1, |p| p.line());
            errors.push(error(line, 1, format!("not valid CSV: {err}")));
            return Vec::new();
        }
    };
    let lines: Vec<&str> = text.lines().collect();
    let fields = claim_fields();
    let known =
        |h: &str| fields.iter().any(|f| f == h) || SOURCE_COLUMNS.iter().any(|(c, _)| *c == h);
    let header_columns = cell_columns(lines.first().copied().unwrap_or(""));
    for (i, header) in headers.iter().enumerate().filter(|(_, h)| !known(h)) {
        let column = header_columns.get(i).copied().unwrap_or(1);
        errors.push(error(1, column, format!(
            "unknown column `{header}`: a column is named for a claim field ({}), or is source_title, source_url, source_publisher or source_published",
            fields.join(", ")
        )));
    }
    let mut claims = Vec::new();
    for row in reader.records() {
        let row = match row {
            Ok(row) => row,
            Err(err) => {
                let line = err.position().map_or(1, |p| p.line());
                errors.push(error(line, 1, format!("not valid CSV: {err}")));
                continue;
            }
        };
        let line = row.position().map_or(1, |p| p.line()) as u32;
        let columns = cell_columns(lines.get(line as usize - 1).copied().unwrap_or(""));
        let cells: Vec<(&str, &str, u32)> = (headers.iter().zip(row.iter()).enumerate())
            .filter(|(_, (h, v))| known(h) && !v.trim().is_empty())
            .map(|(i, (h, v))| (h.as_str(), v.trim(), columns.get(i).copied().unwrap_or(1)))
            .collect();
        if !cells.is_empty() {
            claims.push(claim_of(line, &cells));
        }
    }
    claims
}

/// The claim of a row's non-empty cells (header, value, column).
fn claim_of(line: u32, cells: &[(&str, &str, u32)]) -> CsvClaim {
    let mut fields = Map::new();
    let mut columns: Vec<(String, u32)> = Vec::new();
    let mut source = Map::new();
    for &(header, value, column) in cells {
        let (key, value) =
            if let Some((_, field)) = SOURCE_COLUMNS.iter().find(|(c, _)| *c == header) {
                source.insert(field.to_string(), value.into());
                if fields.contains_key("source") {
                    continue;
                }
                ("source", Value::Null)
            } else if LISTS.contains(&header) {
                let values: Vec<Value> = (value.split(';').map(str::trim))
                    .filter(|v| !v.is_empty())
                    .map(Value::from)
                    .collect();
                (header, values.into())
            } else if header == "age" {
                (
                    header,
                    value
                        .parse::<u64>()
                        .map_or_else(|_| value.into(), Value::from),
                )
            } else {
                (header, value.into())
            };
        if fields.insert(key.to_string(), value).is_none() {
            columns.push((key.to_string(), column));
        }
    }
    if fields.get("source").is_some_and(Value::is_null) {
        fields.insert("source".into(), source.into());
    }
    let mut json = String::from("{\n");
    for (k, (key, _)) in columns.iter().enumerate() {
        let comma = if k + 1 < columns.len() { "," } else { "" };
        json.push_str(&format!(
            "{}: {}{comma}\n",
            Value::from(key.as_str()),
            fields[key]
        ));
    }
    json.push('}');
    let (keys, cells) = columns.into_iter().unzip();
    CsvClaim {
        line,
        fields,
        json,
        keys,
        cells,
    }
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

impl Loader {
    /// A `.csv` spreadsheet of claims.
    pub(super) fn csv_text(&mut self, file: &Arc<str>, text: &str) {
        let mut problems = Vec::new();
        let claims = csv_claims(file, text, &mut problems);
        for problem in problems {
            self.errors.push(problem);
        }
        for claim in &claims {
            let at = RecordAt {
                file,
                text: &claim.json,
                offset: 0,
                lines: Locator::Cells(claim.line, &claim.cells),
            };
            self.claim_record(&at, &claim.json, false);
        }
        self.bytes_done += text.len() as u64;
    }
}
