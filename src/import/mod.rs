//! Importers: the data users already hold, turned into claims.
//!
//! Each format has its room (`un_xml`, `ofac_csv`, `ftm`, `wikidata`,
//! `csv`); they read their input into [`Person`]s, whom [`Imported`]
//! keeps by id; [`write_ndjson`] writes the result sorted. Death and
//! custody are read from the lists' free text by [`statements`]. Every
//! imported person is an entity record under the list's own id, and every
//! claim names it in `entity`, which pins it ahead of name matching.
//!
//! Input problems are [`InputError`]s at file, line and column; a bad
//! record never stops the others.

mod dates;
mod ftm;
mod ofac_csv;
mod records;
mod spreadsheet;
pub mod statements;
mod un_xml;
mod wikidata;
mod write;

use std::sync::Arc;

use records::Event;
pub use records::Imported;
pub use write::write_ndjson;

use crate::date::Edtf;
use crate::model::{InputError, Pos};

/// The formats `claimlint import` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The UN Security Council consolidated list (XML).
    UnXml,
    /// OFAC's legacy SDN CSV: `sdn.csv` and `alt.csv`.
    OfacCsv,
    /// FollowTheMoney entity JSON lines, or its statements CSV.
    Ftm,
    /// Wikidata entity JSON: `Special:EntityData` documents or dump lines.
    Wikidata,
    /// A spreadsheet: a header of claim field names, one claim a row.
    Csv,
}

/// One input file, read.
pub struct Input {
    /// The file as named on the command line.
    pub name: Arc<str>,
    /// Its content.
    pub bytes: Vec<u8>,
}

/// What the user may add to what the input says.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The snapshot's date (EDTF), for formats that do not give one
    /// (OFAC's CSV): the source's `published` and so every claim's report date.
    pub snapshot: Option<String>,
}

/// Imports `inputs`, all in `format`, into one collection.
pub fn import(format: Format, inputs: &[Input], options: &Options) -> Imported {
    let mut imported = Imported::default();
    if let Some(date) = &options.snapshot {
        if let Err(err) = Edtf::parse(date) {
            imported.error(&start_of("--snapshot"), err.to_string());
            return imported;
        }
    }
    match format {
        Format::UnXml => {
            for input in inputs {
                un_xml::read(input, &mut imported);
            }
        }
        Format::OfacCsv => ofac_csv::read(inputs, options, &mut imported),
        Format::Ftm => ftm::read(inputs, &mut imported),
        Format::Wikidata => wikidata::read(inputs, &mut imported),
        Format::Csv => spreadsheet::read(inputs, &mut imported),
    }
    imported.errors.sort();
    imported
}

/// Line 1, column 1 of `file`.
fn start_of(file: &str) -> Pos {
    Pos {
        file: Arc::from(file),
        line: 1,
        column: 1,
    }
}

/// The file's text: UTF-8, or else read as Windows-1252's ASCII-compatible
/// cousin Latin-1 (what the older lists are written in), with a leading
/// byte-order mark and a trailing DOS end-of-file mark (Ctrl-Z) dropped.
fn text_of(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let bytes = bytes.strip_suffix(b"\x1A").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.into(),
        Err(_) => bytes
            .iter()
            .map(|&b| char::from(b))
            .collect::<String>()
            .into(),
    }
}

/// The input error `message` at `line`:`column` of `file`.
fn error_at(file: &Arc<str>, line: u32, column: u32, message: String) -> InputError {
    InputError {
        file: file.clone(),
        line,
        column,
        message,
    }
}

/// A CSV reader's error, at the line of the record it stopped in.
fn csv_error(file: &Arc<str>, err: &csv::Error) -> InputError {
    let line = err.position().map_or(1, |p| p.line()) as u32;
    error_at(file, line, 1, format!("not valid CSV: {err}"))
}

/// A name as lists write it, trimmed and with its inner runs of spaces
/// (and line breaks) made one space.
fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Events read from free text about the person called `names`, with the list as their originator and the
/// text's report date.
fn statements_of(
    text: &str,
    names: &[&str],
    according_to: &str,
    reported: Option<&str>,
) -> Vec<Event> {
    statements::extract(text, names)
        .into_iter()
        .map(|s| Event {
            certainty: s.certainty,
            according_to: Some(according_to.to_string()),
            reported: reported.map(str::to_string),
            quote: Some(s.quote),
            by: s.by,
            ..Event::new(s.status, s.date)
        })
        .collect()
}
