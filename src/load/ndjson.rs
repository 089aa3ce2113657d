//! `.jsonl` / `.ndjson` streams, one record per line, read in blocks: the
//! lines of a block are parsed on every core, then the block's text is
//! dropped, so memory holds the records, never the whole file.

use std::io::Read;
use std::sync::Arc;

use rayon::prelude::*;
use serde_json::Value;

use super::errors::not_utf8;
use super::position::{Locator, RecordAt};
use super::raw::{self, RawClaim, RawSource};
use super::record::FirstWins;
use super::{fast, Loader};
use crate::model::InputError;

/// One NDJSON line longer than this is refused (no record needs it).
const MAX_LINE_BYTES: usize = 16 << 20;

/// NDJSON is read this many bytes at a time.
const BLOCK_BYTES: usize = 16 << 20;

/// The first block is smaller, so that the cores start parsing while the
/// rest is read (reading a whole block first kept them waiting 25 ms).
const FIRST_BLOCK_BYTES: usize = 1 << 20;

/// NDJSON bytes per parallel task: a thousand records or so, enough to
/// amortise the task, few enough to spread a block over the cores.
const TASK_BYTES: usize = 256 << 10;

/// How far the stream has been read.
#[derive(Default)]
struct Progress {
    /// Lines and bytes before the current block.
    line_no: u32,
    offset: usize,
    /// Inside a line already reported as too long: drop up to its end.
    skipping: bool,
}

impl Loader {
    /// An NDJSON stream; the number of bytes read. While one block is
    /// parsed, the next is read and the records of the one before are
    /// moved into place, so no core waits for those.
    pub(super) fn lines(&mut self, file: &Arc<str>, mut reader: impl Read + Send) -> u64 {
        let mut block: Vec<u8> = Vec::with_capacity(FIRST_BLOCK_BYTES);
        let mut progress = Progress::default();
        let mut any = false;
        // Records parsed but not yet moved into `self`, and their bytes.
        let mut parsed: (Vec<Loader>, usize) = (Vec::new(), 0);
        let mut next_read = read_block(&mut reader, &mut block, FIRST_BLOCK_BYTES);
        loop {
            let eof = self.block_read(file, next_read, progress.line_no) == 0;
            any |= !block.is_empty();
            let complete = self.complete_lines(file, &mut block, eof, &mut progress);
            // The partial last line starts the next block.
            let mut next = Vec::with_capacity(block.len() - complete + BLOCK_BYTES);
            next.extend_from_slice(&block[complete..]);
            let earlier = std::mem::take(&mut parsed);
            let kept = self.errors.kept_in_file();
            let ((parts, lines), read_on) = rayon::join(
                || parse_lines(file, &block[..complete], &progress, kept),
                || {
                    self.absorb_all(earlier.0, earlier.1);
                    if eof {
                        Ok(0)
                    } else {
                        read_block(&mut reader, &mut next, BLOCK_BYTES)
                    }
                },
            );
            parsed = (parts, complete);
            progress.line_no += lines;
            progress.offset += complete;
            if eof {
                break;
            }
            block = next;
            next_read = read_on;
        }
        self.absorb_all(parsed.0, parsed.1);
        if !any {
            self.errors.push(InputError {
                file: file.clone(),
                line: 1,
                column: 1,
                message: "the file is empty; expected one JSON record per line".into(),
            });
        }
        progress.offset as u64
    }

    /// How many bytes a read gave; a failed read is reported and ends the
    /// stream.
    fn block_read(&mut self, file: &Arc<str>, read: std::io::Result<usize>, line_no: u32) -> usize {
        read.unwrap_or_else(|err| {
            self.errors.push(InputError {
                file: file.clone(),
                line: line_no + 1,
                column: 1,
                message: format!("cannot read file: {err}"),
            });
            0
        })
    }

    /// How many bytes of `block` are complete lines to parse now: up to
    /// the last newline, or all of it at the end of the file. Drops the
    /// rest of a line too long to be a record.
    fn complete_lines(
        &mut self,
        file: &Arc<str>,
        block: &mut Vec<u8>,
        eof: bool,
        progress: &mut Progress,
    ) -> usize {
        if progress.skipping {
            match memchr::memchr(b'\n', block) {
                Some(end) => {
                    block.drain(..=end);
                    progress.offset += end + 1;
                    progress.line_no += 1;
                    progress.skipping = false;
                }
                None => {
                    progress.offset += block.len();
                    block.clear();
                }
            }
        }
        if eof {
            return block.len();
        }
        if progress.skipping {
            return 0;
        }
        match memchr::memrchr(b'\n', block) {
            Some(last) => last + 1,
            None if block.len() > MAX_LINE_BYTES => {
                self.errors.push(InputError {
                    file: file.clone(),
                    line: progress.line_no + 1,
                    column: 1,
                    message: format!(
                        "line is longer than {MAX_LINE_BYTES} bytes; one record per line is expected"
                    ),
                });
                progress.offset += block.len();
                block.clear();
                progress.skipping = true;
                0
            }
            None => 0,
        }
    }

    /// One NDJSON line (with its newline, if any).
    fn ndjson_line(&mut self, file: &Arc<str>, line: u32, offset: usize, bytes: &[u8]) {
        let decoded = match std::str::from_utf8(bytes) {
            Ok(text) => std::borrow::Cow::Borrowed(text),
            Err(err) => {
                // Reported, then read on with the bad bytes replaced.
                self.errors
                    .push(not_utf8(file, bytes, err.valid_up_to(), line));
                String::from_utf8_lossy(bytes)
            }
        };
        let text: &str = &decoded;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let trimmed = text.trim_end();
        if trimmed.trim_start().is_empty() {
            return;
        }
        let at = RecordAt {
            file,
            text: trimmed,
            offset,
            lines: Locator::Line(line),
        };
        let claims = self.claims.len();
        self.line_record(&at, trimmed);
        if self.claims.len() > claims {
            self.claim_bytes += bytes.len() as u64;
        }
    }

    /// One NDJSON record: a claim unless its `type` says otherwise.
    fn line_record(&mut self, at: &RecordAt, record: &str) {
        // A plain claim without a `type` other than `claim` is one, whatever
        // else the record mentions: no need to look for `"type"` first.
        if let Some((claim, source_key)) = fast::read_noting::<RawClaim>(record, "source") {
            if matches!(claim.kind.as_deref(), None | Some("claim")) {
                return self.add_claim(at, claim, false, source_key);
            }
        }
        // Only records that mention `type` can be sources or entities; the
        // common case (a claim) goes straight to the typed parser.
        if record.contains("\"type\"") {
            self.typed_record(at, record);
        } else {
            self.claim_record(at, record, false);
        }
    }

    /// A record that mentions `type`: a source, an entity, or a claim.
    fn typed_record(&mut self, at: &RecordAt, record: &str) {
        // A well-formed record says what it is by parsing as one, which the
        // reading below would only confirm. A glance at `type` first picks
        // which to try: a failed parse costs more.
        let kind = serde_json::from_str::<raw::RecordKind>(record)
            .ok()
            .and_then(|r| r.kind);
        match kind.as_deref() {
            None | Some("claim") => {
                if let Ok(claim) = serde_json::from_str::<RawClaim>(record) {
                    if matches!(claim.kind.as_deref(), None | Some("claim")) {
                        return self.add_claim(at, claim, false, None);
                    }
                }
            }
            Some("source") => {
                if let Ok(source) = serde_json::from_str::<RawSource>(record) {
                    if source.kind.as_deref() == Some("source") {
                        return self.add_source(at, source);
                    }
                }
            }
            Some(_) => {}
        }
        if let Ok(FirstWins(Value::Object(map))) = serde_json::from_str(record) {
            match map.get("type").and_then(Value::as_str) {
                Some("source") => return self.source_record(at, record),
                Some("entity") => return self.entity_record(at, record),
                Some("claim") | None => {}
                Some(other) => {
                    let hint = crate::suggest::nearest(other, ["claim", "source", "entity"])
                        .map(|n| format!(" (did you mean `{n}`?)"))
                        .unwrap_or_default();
                    self.errors.push(at.field_error(
                        "type",
                        format!("unknown record type `{other}`{hint}; read as a claim (record types: `claim`, `source`, `entity`)"),
                    ));
                    return self.claim_record(at, record, true);
                }
            }
        }
        self.claim_record(at, record, false)
    }
}

/// Reads up to `limit` more bytes into `block`; what was read. After an
/// error, `block` is as it was.
fn read_block(reader: &mut impl Read, block: &mut Vec<u8>, limit: usize) -> std::io::Result<usize> {
    let before = block.len();
    let read = reader.take(limit as u64).read_to_end(block);
    if read.is_err() {
        block.truncate(before);
    }
    read
}

/// Parses the lines of `text` (the last may lack its newline) on every
/// core: the records of each slice of it, in order, and the number of
/// lines. `progress` places `text` in its file, of whose errors `kept` are
/// kept already.
fn parse_lines(
    file: &Arc<str>,
    text: &[u8],
    progress: &Progress,
    kept: usize,
) -> (Vec<Loader>, u32) {
    let (lines_before, offset) = (progress.line_no, progress.offset);
    // Slices of about TASK_BYTES that end at a newline.
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let end = match text.get(start + TASK_BYTES..) {
            Some(rest) => {
                memchr::memchr(b'\n', rest).map_or(text.len(), |i| start + TASK_BYTES + i + 1)
            }
            None => text.len(),
        };
        ranges.push((start, end));
        start = end;
    }
    // Line numbers: count the newlines of every slice first.
    let counts: Vec<u32> = ranges
        .par_iter()
        .map(|&(start, end)| memchr::memchr_iter(b'\n', &text[start..end]).count() as u32)
        .collect();
    let mut first_lines = Vec::with_capacity(ranges.len());
    let mut lines = lines_before;
    for count in &counts {
        first_lines.push(lines);
        lines += count;
    }
    if text.last().is_some_and(|b| *b != b'\n') {
        lines += 1;
    }
    let parts: Vec<Loader> = ranges
        .par_iter()
        .zip(first_lines)
        .zip(&counts)
        .map(|((&(start, end), first_line), &lines)| {
            // An `Arc` of the task's own: a million claims cloning one
            // shared `Arc` would make the cores fight over its count.
            let file: Arc<str> = Arc::from(&**file);
            let mut part = Loader::part(&file, kept);
            // Most lines are claims: room for them all at once, made
            // with the first (a file of something else makes none).
            part.room_for_claims = lines as usize + 1;
            let mut line = first_line;
            let mut line_start = start;
            while line_start < end {
                let line_end = memchr::memchr(b'\n', &text[line_start..end])
                    .map_or(end, |i| line_start + i + 1);
                line += 1;
                part.ndjson_line(
                    &file,
                    line,
                    offset + line_start,
                    &text[line_start..line_end],
                );
                line_start = line_end;
            }
            part
        })
        .collect();
    (parts, lines - lines_before)
}
