//! `.json` documents: an array of claims, or an object of record arrays.
//! The scanner (`scan.rs`) finds the records without building a tree; they
//! are parsed in chunks on every core and absorbed in file order.

use std::sync::Arc;

use rayon::prelude::*;

use super::position::{Cursor, LineIndex, Locator, RecordAt};
use super::scan::{self, Element, Scanned, Section};
use super::Loader;
use crate::model::InputError;

/// Records per parallel task: enough to amortise the task, few enough to
/// spread a block over the cores.
const RECORDS_PER_TASK: usize = 2048;

/// Records handed from the scanner to the parsers at a time: enough to
/// keep both cores busy, few enough that a file of millions of values that
/// are not records never holds them all at once.
const RECORDS_PER_BATCH: usize = RECORDS_PER_TASK * 32;

impl Loader {
    /// A `.json` document: an array of claims or an object of record arrays.
    pub(super) fn json_text(&mut self, file: &Arc<str>, text: &str) {
        let index = LineIndex::new(text);
        // Bytes of the text taken over so far, for `reserve_claims`.
        let mut done = 0;
        let scanned = scan::scan_in_batches(text, RECORDS_PER_BATCH, |batch| {
            let end = batch.last().map_or(done, |e| e.end);
            self.json_records(file, text, &index, batch, end - done);
            done = end;
        });
        self.bytes_done += (text.len() - done) as u64;
        if self.single_claim(file, text, &index, &scanned) || self.not_claims(file, &scanned) {
            return;
        }
        for problem in scanned.problems {
            let (line, column) = index.locate(text, problem.offset);
            self.errors.push(InputError {
                file: file.clone(),
                line,
                column,
                message: problem.message,
            });
        }
        self.errors.count_more(file, scanned.unlisted);
    }

    /// Parses a batch of records, which took `bytes` bytes of the text:
    /// chunks of them on every core, each into a loader of its own,
    /// absorbed in file order.
    fn json_records(
        &mut self,
        file: &Arc<str>,
        text: &str,
        index: &LineIndex,
        elements: &[Element],
        bytes: usize,
    ) {
        let kept = self.errors.kept_in_file();
        let parts: Vec<Loader> = elements
            .par_chunks(RECORDS_PER_TASK)
            .map(|chunk| {
                // The task's own `Arc`, as for NDJSON (see `parse_lines`).
                let file: Arc<str> = Arc::from(&**file);
                let mut part = Loader::part(&file, kept);
                let cursor = Cursor::default();
                for element in chunk {
                    let at = RecordAt {
                        file: &file,
                        text: &text[element.start..],
                        offset: element.start,
                        lines: Locator::Json(index, text, &cursor),
                    };
                    let record = &text[element.start..element.end];
                    match element.section {
                        Section::Claims => part.claim_record(&at, record, false),
                        Section::Sources => part.source_record(&at, record),
                        Section::Entities => part.entity_record(&at, record),
                    }
                }
                part
            })
            .collect();
        let claims = parts.iter().map(|p| p.claims.len()).sum();
        let claim_bytes = elements
            .iter()
            .filter(|e| e.section == Section::Claims)
            .map(|e| (e.end - e.start) as u64)
            .sum();
        self.bytes_done += bytes as u64;
        self.reserve_claims(claims, claim_bytes);
        for part in parts {
            self.absorb(part);
        }
    }

    /// An object none of whose keys is `sources`, `entities` or `claims`
    /// (a stray `package.json`): one error that says what the file is not,
    /// instead of one per key. False when the document is something else.
    fn not_claims(&mut self, file: &Arc<str>, scanned: &Scanned) -> bool {
        if scanned.elements > 0 || scanned.problems.len() < 2 || !scanned.only_unknown_keys {
            return false;
        }
        let keys = &scanned.unknown_keys;
        let more = if scanned.problems.len() + scanned.unlisted > keys.len() {
            ", …"
        } else {
            ""
        };
        self.errors.push(InputError {
            file: file.clone(),
            line: 1,
            column: 1,
            message: format!(
                "not a claims file: its top-level keys (`{}`{more}) are none of `sources`, `entities`, `claims`; a claims file is an array of claims or an object with those keys (move it out of the data, or exclude it in claimlint.toml)",
                keys.join("`, `")
            ),
        });
        true
    }

    /// One claim object on its own, not in an array: says so once, and
    /// reads it as the claim it is rather than lose it. False when the
    /// document is something else.
    fn single_claim(
        &mut self,
        file: &Arc<str>,
        text: &str,
        index: &LineIndex,
        scanned: &Scanned,
    ) -> bool {
        let claim_keys = ["\"who\"", "\"status\""];
        let body = text.trim_start_matches('\u{feff}').trim_start();
        if scanned.elements > 0
            || scanned.problems.is_empty()
            || !scanned.only_unknown_keys
            || !body.starts_with('{')
            || !claim_keys.iter().any(|k| text.contains(k))
        {
            return false;
        }
        let start = text.len() - body.len();
        let at = RecordAt {
            file,
            text: body,
            offset: start,
            lines: Locator::Json(index, text, &Cursor::default()),
        };
        self.errors.push(at.error_at(
            0,
            "the file holds a single claim object; a `.json` file holds an array of claims `[...]` or an object with `sources`, `entities`, `claims` (read as one claim)".into(),
        ));
        self.claim_record(&at, body.trim_end(), false);
        true
    }
}
