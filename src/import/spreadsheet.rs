//! The spreadsheet layout an analyst can type (`import csv`), as `check`
//! reads it (`crate::load`'s `csv` room: a header of claim field names,
//! one claim a row, `;`-separated lists, a source by id or inline by
//! `source_title`, `source_url`, `source_publisher`, `source_published`).
//!
//! Every row is checked by the loader, each problem at the row's line and
//! the column of its cell. A row with a problem is reported and left out;
//! references to records given elsewhere (a source by id, `refutes`) are
//! left to `check`, which sees them all.

use crate::load::{csv_claims, load_csv_str};

use super::records::Imported;
use super::{text_of, Input};

/// Reads every input into `imported`.
pub fn read(inputs: &[Input], imported: &mut Imported) {
    for input in inputs {
        let text = text_of(&input.bytes);
        let claims = csv_claims(&input.name, &text, &mut Vec::new());
        // Cells that refer to records elsewhere: (line, column).
        let references: Vec<(u32, u32)> = (claims.iter())
            .flat_map(|claim| {
                let by_id = claim.fields.get("source").is_some_and(|s| s.is_string());
                (claim.keys.iter().zip(&claim.cells))
                    .filter(move |(key, _)| (*key == "source" && by_id) || *key == "refutes")
                    .map(|(_, &column)| (claim.line, column))
            })
            .collect();
        let errors: Vec<_> = (load_csv_str(&input.name, &text).errors.into_iter())
            .filter(|e| !references.contains(&(e.line, e.column)))
            .collect();
        for claim in claims {
            if !errors.iter().any(|e| e.line == claim.line) {
                imported.add_row(&input.name, claim.line, claim.fields);
            }
        }
        imported.errors.extend(errors);
    }
}
