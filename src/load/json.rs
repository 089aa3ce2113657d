//! `.json` documents: an array of claims, or an object of record arrays.
//! The scanner (`scan.rs`) finds the records without building a tree; they
//! are parsed in chunks on every core and absorbed in file order.

use std::sync::Arc;

use rayon::prelude::*;

use super::position::{Cursor, LineIndex, Locator, RecordAt};
use super::scan::{self, Element, ScanError, Section};
use super::Loader;
use crate::model::InputError;

/// Records per parallel task: enough to amortise the task, few enough to
/// spread a block over the cores.
const RECORDS_PER_TASK: usize = 2048;

impl Loader {
    /// A `.json` document: an array of claims or an object of record arrays.
    pub(super) fn json_text(&mut self, file: &Arc<str>, text: &str) {
        let index = LineIndex::new(text);
        let (elements, problems) = scan::scan(text);
        if self.single_claim(file, text, &index, &elements, &problems) {
            return;
        }
        for problem in problems {
            let (line, column) = index.locate(text, problem.offset);
            self.errors.push(InputError {
                file: file.clone(),
                line,
                column,
                message: problem.message,
            });
        }
        // Records parse independently: chunks of them on every core, each
        // into a loader of its own, absorbed in file order.
        let parts: Vec<Loader> = elements
            .par_chunks(RECORDS_PER_TASK)
            .map(|chunk| {
                // The task's own `Arc`, as for NDJSON (see `parse_lines`).
                let file: Arc<str> = Arc::from(&**file);
                let mut part = Loader::part(&file);
                let cursor = Cursor::default();
                for element in chunk {
                    let at = RecordAt {
                        file: &file,
                        text: &text[element.start..],
                        offset: element.start,
                        lines: Locator::Json(&index, text, &cursor),
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
        self.reserve_claims(claims, claim_bytes);
        for part in parts {
            self.absorb(part);
        }
    }

    /// One claim object on its own, not in an array: says so once, and
    /// reads it as the claim it is rather than lose it. False when the
    /// document is something else.
    fn single_claim(
        &mut self,
        file: &Arc<str>,
        text: &str,
        index: &LineIndex,
        elements: &[Element],
        problems: &[ScanError],
    ) -> bool {
        let claim_keys = ["\"who\"", "\"status\""];
        let body = text.trim_start_matches('\u{feff}').trim_start();
        let only_unknown_keys = !problems.is_empty()
            && problems
                .iter()
                .all(|p| p.kind == scan::Problem::UnknownTopLevelKey);
        if !elements.is_empty()
            || !only_unknown_keys
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
