//! Reading datasets: files and directories of `.json`, `.jsonl` and `.ndjson`,
//! every record with its position, every problem as an [`InputError`] that
//! points at the file, line and column at fault. A bad record never stops the
//! others from loading.

mod fast;
mod position;
pub mod raw;
pub mod scan;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::io::Read;

use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::collections::IdIndex;
use crate::date::{Edtf, Interval, DAWN};
use crate::model::{Certainty, Claim, Dataset, EntityRecord, Pos, Reliability, Source, Status};
use crate::suggest::did_you_mean;
use position::LineIndex;
use raw::{ClaimText, RawClaim, RawEntity, RawSource, RawSourceRef, Text};
use scan::Section;

/// The review file lives beside the data but is never data itself.
pub const REVIEW_FILE: &str = "claimlint-review.json";

/// Files larger than this are refused with a clear message rather than read
/// into memory; a dataset that big belongs in several NDJSON files.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

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

/// Records per parallel task: enough to amortise the task, few enough to
/// spread a block over the cores.
const RECORDS_PER_TASK: usize = 2048;

/// Limits on single strings: long enough for any real name or quote, short
/// enough that a runaway value is caught.
const MAX_NAME_CHARS: usize = 500;
const MAX_TEXT_CHARS: usize = 20_000;
const MAX_FIELD_CHARS: usize = 2_000;

/// One problem with the input, where it is and what would be right.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct InputError {
    pub file: Arc<str>,
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

/// What to leave out when walking directories.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// Paths (files or directories) skipped while walking a directory; a file
    /// named explicitly on the command line is always read.
    pub exclude: Vec<PathBuf>,
}

/// Loads every file under `paths` into one dataset.
pub fn load(paths: &[PathBuf], options: &LoadOptions) -> Dataset {
    let mut loader = Loader::default();
    let files = collect_files(paths, options, &mut loader.errors);
    loader.bytes_total = files
        .iter()
        .filter_map(|f| fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    for file in &files {
        loader.load_file(file);
    }
    loader.finish()
}

/// Loads one in-memory `.json` document (tests, fuzzing, stdin).
pub fn load_str(name: &str, text: &str) -> Dataset {
    let mut loader = Loader::default();
    let file: Arc<str> = Arc::from(name);
    loader.files.push(file.clone());
    loader.json_text(&file, text);
    loader.finish()
}

/// Expands directories (recursively, sorted) into the data files they hold.
fn collect_files(
    paths: &[PathBuf],
    options: &LoadOptions,
    errors: &mut Vec<InputError>,
) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let before = files.len();
                walk(path, options, &mut files, errors);
                // A wrong path must not pass as a clean, empty dataset.
                if files.len() == before {
                    errors.push(file_error(
                        path,
                        format!(
                            "no `.json`, `.jsonl` or `.ndjson` files found under `{}`",
                            path.display()
                        ),
                    ));
                }
            }
            Ok(_) => files.push(path.clone()),
            Err(err) => errors.push(file_error(
                path,
                format!("cannot read `{}`: {err}", path.display()),
            )),
        }
    }
    let mut seen = HashSet::new();
    files.retain(|f| seen.insert(f.clone()));
    files
}

fn walk(dir: &Path, options: &LoadOptions, files: &mut Vec<PathBuf>, errors: &mut Vec<InputError>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            errors.push(file_error(dir, format!("cannot read directory: {err}")));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name.starts_with('.') || name == REVIEW_FILE || is_excluded(&path, options) {
            continue;
        }
        // Symlinked directories are not followed, so a link loop cannot trap us.
        let Ok(meta) = fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            walk(&path, options, files, errors);
        } else if is_data_file(&path) {
            files.push(path);
        }
    }
}

fn is_excluded(path: &Path, options: &LoadOptions) -> bool {
    options.exclude.iter().any(|ex| path.starts_with(ex))
}

fn is_data_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("json" | "jsonl" | "ndjson")
    )
}

fn is_lines_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("jsonl" | "ndjson")
    )
}

fn file_error(path: &Path, message: String) -> InputError {
    InputError {
        file: Arc::from(path.display().to_string()),
        line: 1,
        column: 1,
        message,
    }
}

/// Where a claim's record starts: which file, which byte. Kept beside the
/// claims rather than in them, so the claims can move into the dataset in
/// place instead of being copied (a million claims are half a gigabyte).
#[derive(Clone, Copy)]
struct RecordStart {
    file_index: usize,
    record_offset: usize,
    /// The claim id's [`IdIndex::hash`], taken while the parsing threads
    /// have the id at hand.
    id_hash: u64,
}

/// An error whose exact column needs the record's text again: references are
/// resolved after all files are read, when the text is gone.
struct DeferredError {
    file_index: usize,
    record_offset: usize,
    field: &'static str,
    message: String,
}

#[derive(Default)]
struct Loader {
    files: Vec<Arc<str>>,
    claims: Vec<Claim>,
    /// Parallel to `claims`.
    claim_starts: Vec<RecordStart>,
    sources: Vec<(Source, usize, usize)>,
    entities: Vec<EntityRecord>,
    errors: Vec<InputError>,
    deferred: Vec<DeferredError>,
    /// Inline sources, keyed by id, with the claim that first gave them.
    inline_sources: BTreeMap<String, Source>,
    /// Bytes of all the files to read, and of those whose records are
    /// taken over: how many claims are still to come, roughly.
    bytes_total: u64,
    bytes_done: u64,
    /// Bytes of the NDJSON lines that gave claims.
    claim_bytes: u64,
}

/// Where one record sits, for turning offsets into positions.
struct RecordAt<'a> {
    file: &'a Arc<str>,
    file_index: usize,
    /// The record's text (for JSON files, from the record to the end of file).
    text: &'a str,
    /// Byte offset of `text` in the file.
    offset: usize,
    lines: Locator<'a>,
}

/// Turns a byte offset in the file into line and column.
enum Locator<'a> {
    Json(&'a LineIndex, &'a str, &'a position::Cursor),
    /// An NDJSON line: its line number; offsets are within the line.
    Line(u32),
}

impl RecordAt<'_> {
    fn pos_at(&self, offset_in_record: usize) -> Pos {
        let (line, column) = match &self.lines {
            Locator::Json(index, text, cursor) => {
                index.locate_from(text, self.offset + offset_in_record, cursor)
            }
            Locator::Line(line) => (*line, position::column_of(self.text, offset_in_record)),
        };
        Pos {
            file: self.file.clone(),
            line,
            column,
        }
    }

    fn error_at(&self, offset_in_record: usize, message: String) -> InputError {
        let pos = self.pos_at(offset_in_record);
        InputError {
            file: pos.file,
            line: pos.line,
            column: pos.column,
            message,
        }
    }

    fn field_error(&self, field: &str, message: String) -> InputError {
        let offset = scan::key_offset(self.text, field).unwrap_or(0);
        self.error_at(offset, message)
    }
}

impl Loader {
    fn load_file(&mut self, path: &Path) {
        let file: Arc<str> = Arc::from(path.display().to_string());
        let size = match fs::metadata(path) {
            Ok(meta) => meta.len(),
            Err(err) => {
                self.errors
                    .push(file_error(path, format!("cannot read file: {err}")));
                return;
            }
        };
        if size > MAX_FILE_BYTES {
            self.errors.push(file_error(
                path,
                format!(
                    "the file is {size} bytes; claimlint reads files of up to {MAX_FILE_BYTES} bytes (1 GiB): split it into several `.jsonl` files"
                ),
            ));
            return;
        }
        self.files.push(file.clone());
        if is_lines_file(path) {
            match fs::File::open(path) {
                Ok(handle) => self.lines(&file, handle),
                Err(err) => self
                    .errors
                    .push(file_error(path, format!("cannot read file: {err}"))),
            }
            return;
        }
        let mut bytes = Vec::with_capacity(size as usize);
        if let Err(err) = fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes)) {
            self.errors
                .push(file_error(path, format!("cannot read file: {err}")));
            return;
        }
        self.bytes_done += bytes.len() as u64;
        match String::from_utf8(bytes) {
            Ok(text) => self.json_text(&file, &text),
            Err(err) => {
                // Report the first bad byte, then read on with it replaced so
                // that the other records in the file are still checked.
                let valid = err.utf8_error().valid_up_to();
                let bytes = err.into_bytes();
                self.errors.push(not_utf8(&file, &bytes, valid, 1));
                self.json_text(&file, &String::from_utf8_lossy(&bytes));
            }
        }
    }

    /// A `.json` document: an array of claims or an object of record arrays.
    fn json_text(&mut self, file: &Arc<str>, text: &str) {
        let file_index = self.files.len() - 1;
        let index = LineIndex::new(text);
        let (elements, problems) = scan::scan(text);
        // One claim object on its own, not in an array: say so once, and
        // read it as the claim it is rather than lose it.
        let claim_keys = ["\"who\"", "\"status\""];
        if elements.is_empty()
            && !problems.is_empty()
            && text
                .trim_start_matches('\u{feff}')
                .trim_start()
                .starts_with('{')
            && problems
                .iter()
                .all(|p| p.message.starts_with("unknown top-level key"))
            && claim_keys.iter().any(|k| text.contains(k))
        {
            let start = text.len() - text.trim_start_matches('\u{feff}').trim_start().len();
            let at = RecordAt {
                file,
                file_index,
                text: &text[start..],
                offset: start,
                lines: Locator::Json(&index, text, &position::Cursor::default()),
            };
            self.errors.push(at.error_at(
                0,
                "the file holds a single claim object; a `.json` file holds an array of claims `[...]` or an object with `sources`, `entities`, `claims` (read as one claim)".into(),
            ));
            self.claim_record(&at, text[start..].trim_end(), false);
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
                let mut part = Loader::default();
                let cursor = position::Cursor::default();
                // The task's own `Arc`, as for NDJSON (see `parse_lines`).
                let file: Arc<str> = Arc::from(&**file);
                for element in chunk {
                    let at = RecordAt {
                        file: &file,
                        file_index,
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

    /// Takes over what a loader of one chunk found; chunks are absorbed in
    /// file order, so the first inline definition of a source still wins.
    fn absorb(&mut self, part: Loader) {
        self.claims.extend(part.claims);
        self.claim_starts.extend(part.claim_starts);
        self.sources.extend(part.sources);
        self.entities.extend(part.entities);
        self.errors.extend(part.errors);
        self.deferred.extend(part.deferred);
        for (id, source) in part.inline_sources {
            self.inline_sources.entry(id).or_insert(source);
        }
    }

    /// An NDJSON stream, one record per line. Read in blocks: the lines of a
    /// block are parsed on every core, then the block's text is dropped, so
    /// memory holds the records, never the whole file. While one block is
    /// parsed, the next is read and the records of the one before are moved
    /// into place, so no core waits for those.
    fn lines(&mut self, file: &Arc<str>, mut reader: impl Read + Send) {
        let file_index = self.files.len() - 1;
        let mut block: Vec<u8> = Vec::with_capacity(FIRST_BLOCK_BYTES);
        // Lines and bytes before the block.
        let mut line_no = 0u32;
        let mut offset = 0usize;
        let mut any = false;
        // Inside a line already reported as too long: drop up to its end.
        let mut skipping = false;
        // Records parsed but not yet moved into `self`, and their bytes.
        let mut parsed: (Vec<Loader>, usize) = (Vec::new(), 0);
        let mut next_read = read_block(&mut reader, &mut block, FIRST_BLOCK_BYTES);
        loop {
            let read = match next_read {
                Ok(read) => read,
                Err(err) => {
                    self.errors.push(InputError {
                        file: file.clone(),
                        line: line_no + 1,
                        column: 1,
                        message: format!("cannot read file: {err}"),
                    });
                    0
                }
            };
            let eof = read == 0;
            any |= !block.is_empty();
            if skipping {
                match memchr::memchr(b'\n', &block) {
                    Some(end) => {
                        block.drain(..=end);
                        offset += end + 1;
                        line_no += 1;
                        skipping = false;
                    }
                    None => {
                        offset += block.len();
                        block.clear();
                    }
                }
            }
            // Complete lines end at the last newline; at the end of the
            // file, whatever is left is the last line. None yet: read on.
            let complete = if eof {
                block.len()
            } else if skipping {
                0
            } else {
                match memchr::memrchr(b'\n', &block) {
                    Some(last) => last + 1,
                    None if block.len() > MAX_LINE_BYTES => {
                        self.errors.push(InputError {
                            file: file.clone(),
                            line: line_no + 1,
                            column: 1,
                            message: format!(
                                "line is longer than {MAX_LINE_BYTES} bytes; one record per line is expected"
                            ),
                        });
                        offset += block.len();
                        block.clear();
                        skipping = true;
                        0
                    }
                    None => 0,
                }
            };
            // The partial last line starts the next block.
            let mut next = Vec::with_capacity(block.len() - complete + BLOCK_BYTES);
            next.extend_from_slice(&block[complete..]);
            let earlier = std::mem::take(&mut parsed);
            let ((parts, lines), read_on) = rayon::join(
                || parse_lines(file, file_index, &block[..complete], line_no, offset),
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
            line_no += lines;
            offset += complete;
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
    }

    /// Takes over the records of `parts`, in order, which came from `bytes`
    /// bytes of input, making room for the claims among them and those
    /// still to come first.
    fn absorb_all(&mut self, parts: Vec<Loader>, bytes: usize) {
        self.bytes_done += bytes as u64;
        let claims = parts.iter().map(|p| p.claims.len()).sum();
        let claim_bytes = parts.iter().map(|p| p.claim_bytes).sum();
        self.reserve_claims(claims, claim_bytes);
        for part in parts {
            self.absorb(part);
        }
    }

    /// Makes room for `claims` new claims and those still to come, in one
    /// step, so that a million claims are not copied again at every
    /// doubling of the vector. The estimate takes the rest of the input to
    /// be claims as dense as these (`bytes` bytes of their records). Room
    /// never used is never touched: it costs address space, not memory.
    fn reserve_claims(&mut self, claims: usize, bytes: u64) {
        if claims == 0 {
            return;
        }
        let remaining = self.bytes_total.saturating_sub(self.bytes_done);
        let more = (claims as u128 * u128::from(remaining) / u128::from(bytes.max(1))) as usize;
        let wanted = self.claims.len() + claims + more + more / 8;
        if wanted > self.claims.capacity() {
            // Never less than doubling, so a poor estimate costs no more
            // copies than growing the usual way, which is also the fallback
            // should the room not be had.
            let wanted = wanted.max(self.claims.capacity() * 2);
            let _ = self.claims.try_reserve_exact(wanted - self.claims.len());
            let _ = self
                .claim_starts
                .try_reserve_exact(wanted - self.claim_starts.len());
        }
    }

    /// One NDJSON line (with its newline, if any).
    fn ndjson_line(
        &mut self,
        file: &Arc<str>,
        file_index: usize,
        line: u32,
        offset: usize,
        bytes: &[u8],
    ) {
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
            file_index,
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

    fn line_record(&mut self, at: &RecordAt, record: &str) {
        // A plain claim without a `type` other than `claim` is one, whatever
        // else the record mentions: no need to look for `"type"` first.
        if let Some(claim) = fast::claim(record) {
            if matches!(claim.kind.as_deref(), None | Some("claim")) {
                return self.add_claim(at, claim, false);
            }
        }
        // Only records that mention `type` can be sources or entities; the
        // common case (a claim) goes straight to the typed parser.
        if record.contains("\"type\"") {
            // A well-formed claim or source says what it is by parsing as
            // one, which the reading below would only confirm. A glance at
            // `type` first picks which to try: a failed parse costs more.
            let kind = serde_json::from_str::<raw::RecordKind>(record)
                .ok()
                .and_then(|r| r.kind);
            match kind.as_deref() {
                None | Some("claim") => {
                    if let Ok(claim) = serde_json::from_str::<ClaimText>(record) {
                        if matches!(claim.kind.as_deref(), None | Some("claim")) {
                            return self.add_claim(at, claim, false);
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
            if let Ok(Value::Object(map)) = serde_json::from_str::<Value>(record) {
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
        }
        self.claim_record(at, record, false)
    }

    fn claim_record(&mut self, at: &RecordAt, record: &str, type_reported: bool) {
        if let Some(raw) = fast::claim(record) {
            return self.add_claim(at, raw, type_reported);
        }
        let raw = match serde_json::from_str::<ClaimText>(record) {
            Ok(raw) => raw,
            // Read again the slow way, which says what is wrong and where.
            Err(_) => match parse_record::<RawClaim>(
                at,
                record,
                "claim",
                &raw::CLAIM_FIELDS,
                &["who", "status"],
                &mut self.errors,
            ) {
                Some(raw) => ClaimText::from(raw),
                None => return,
            },
        };
        self.add_claim(at, raw, type_reported);
    }

    fn add_claim(&mut self, at: &RecordAt, raw: ClaimText, type_reported: bool) {
        if !type_reported {
            if let Some(kind) = raw.kind.as_deref().filter(|k| *k != "claim") {
                self.errors.push(at.field_error(
                    "type",
                    format!("a claim's `type` must be `claim` (or absent), not `{kind}`"),
                ));
            }
        }
        let pos = at.pos_at(0);
        let mut errors = Vec::new();
        let mut field_error =
            |field: &str, message: String| errors.push(at.field_error(field, message));

        let who = match raw.who.0 {
            Cow::Borrowed(who) => who.trim().to_string(),
            Cow::Owned(who) if who.trim().len() == who.len() => who,
            Cow::Owned(who) => who.trim().to_string(),
        };
        if who.is_empty() {
            field_error(
                "who",
                "`who` is empty; give the person's name as the source wrote it".into(),
            );
        } else if too_long(&who, MAX_NAME_CHARS) {
            field_error("who", too_long_message("who", &who, MAX_NAME_CHARS));
        }
        let status = match Status::parse(&raw.status) {
            Ok(status) => Some(status),
            Err(message) => {
                field_error("status", message);
                None
            }
        };
        let date = parse_date(raw.date.as_deref(), "date", &mut field_error);
        let reported = parse_date(raw.reported.as_deref(), "reported", &mut field_error);
        let certainty = match raw.certainty.as_deref().map(Certainty::parse) {
            None => Certainty::Unknown,
            Some(Ok(c)) => c,
            Some(Err(message)) => {
                field_error("certainty", message);
                Certainty::Unknown
            }
        };
        let mut text =
            |field: &'static str, value: Option<Text>, limit: usize| -> Option<Box<str>> {
                let value = value?.0;
                if too_long(&value, limit) {
                    field_error(field, too_long_message(field, &value, limit));
                    None
                } else {
                    Some(value.into())
                }
            };
        let according_to = text("according_to", raw.according_to, MAX_FIELD_CHARS);
        let evidence = text("evidence", raw.evidence, MAX_TEXT_CHARS);
        let place = text("place", raw.place, MAX_FIELD_CHARS);
        let by = text("by", raw.by, MAX_FIELD_CHARS);
        let role = text("role", raw.role, MAX_FIELD_CHARS);
        let org = text("org", raw.org, MAX_FIELD_CHARS);
        let quote = text("quote", raw.quote, MAX_TEXT_CHARS);
        let id = text("id", raw.id, MAX_FIELD_CHARS);
        let mut aliases = raw.aliases.unwrap_or_default();
        let before = aliases.len();
        aliases.retain(|a| !a.trim().is_empty() && !too_long(a, MAX_NAME_CHARS));
        if aliases.len() != before {
            field_error(
                "aliases",
                format!("`aliases` holds an empty name or one longer than {MAX_NAME_CHARS} characters; it was left out"),
            );
        }
        if status == Some(Status::Role) && (role.is_none() || org.is_none()) {
            field_error(
                "status",
                "a `role` claim needs `role` (the position held) and `org` (the organisation)"
                    .into(),
            );
        }
        if let Some(age) = raw.age {
            if age > 130 {
                field_error("age", format!("`age` {age} is not a human age in years"));
            }
        }
        let source = match raw.source {
            None => None,
            Some(RawSourceRef::Id(id)) => Some(id),
            Some(RawSourceRef::Inline(inline)) => {
                let (source, problems) = source_from_raw(*inline, pos.clone(), true);
                for (field, message) in problems {
                    field_error(field, message);
                }
                source.map(|s| {
                    let id = s.id.clone();
                    self.inline_sources.entry(id.clone()).or_insert(s);
                    id
                })
            }
        };
        self.errors.append(&mut errors);
        let (Some(status), false) = (status, who.is_empty() || too_long(&who, MAX_NAME_CHARS))
        else {
            // Without a person or a status there is nothing to reason about.
            return;
        };
        let id = id.map_or_else(
            || derived_claim_id(&who, status, date.as_ref(), source.as_deref()),
            str::into_string,
        );
        let claim = Claim {
            id,
            who,
            status,
            date,
            source: source.map(String::into_boxed_str),
            aliases,
            reported,
            according_to,
            certainty,
            evidence,
            place,
            by,
            role,
            org,
            age: raw.age.filter(|a| *a <= 130),
            refutes: raw.refutes.unwrap_or_default(),
            quote,
            pos,
            when: Interval::UNKNOWN,
            report: None,
        };
        self.claim_starts.push(RecordStart {
            file_index: at.file_index,
            record_offset: at.offset,
            id_hash: IdIndex::hash(&claim.id),
        });
        self.claims.push(claim);
    }

    fn source_record(&mut self, at: &RecordAt, record: &str) {
        let Some(raw) = parse_record::<RawSource>(
            at,
            record,
            "source",
            &raw::SOURCE_FIELDS,
            &[],
            &mut self.errors,
        ) else {
            return;
        };
        self.add_source(at, raw);
    }

    fn add_source(&mut self, at: &RecordAt, raw: RawSource) {
        let (source, problems) = source_from_raw(raw, at.pos_at(0), false);
        for (field, message) in problems {
            self.errors.push(at.field_error(field, message));
        }
        if let Some(source) = source {
            self.sources.push((source, at.file_index, at.offset));
        }
    }

    fn entity_record(&mut self, at: &RecordAt, record: &str) {
        let Some(raw) = parse_record::<RawEntity>(
            at,
            record,
            "entity",
            &raw::ENTITY_FIELDS,
            &["id", "name"],
            &mut self.errors,
        ) else {
            return;
        };
        let mut problems = Vec::new();
        let born = parse_date(raw.born.as_deref(), "born", &mut |f, m| {
            problems.push((f.to_string(), m))
        });
        for (field, message) in problems {
            self.errors.push(at.field_error(&field, message));
        }
        if raw.name.trim().is_empty() || too_long(&raw.name, MAX_NAME_CHARS) {
            self.errors.push(at.field_error(
                "name",
                format!("an entity needs a `name` of 1 to {MAX_NAME_CHARS} characters"),
            ));
            return;
        }
        self.entities.push(EntityRecord {
            id: raw.id,
            name: raw.name.trim().to_string(),
            aliases: raw.aliases.unwrap_or_default(),
            born,
            same_as: raw.same_as.unwrap_or_default(),
            not_same_as: raw.not_same_as.unwrap_or_default(),
            pos: at.pos_at(0),
        });
    }

    /// Resolves ids and references across files and computes claim intervals.
    fn finish(mut self) -> Dataset {
        let mut dataset = Dataset::default();
        dataset.files = std::mem::take(&mut self.files);

        // Sources: explicit records first (the first of an id wins), then
        // inline ones not defined explicitly.
        let explicit: Vec<Source> = std::mem::take(&mut self.sources)
            .into_iter()
            .map(|(source, _, _)| source)
            .collect();
        let (explicit_index, duplicates) = IdIndex::build(&explicit, |s| s.id.as_str());
        let keep = self.duplicates("source", &explicit, &duplicates, |s| (&s.id, &s.pos));
        let inline: Vec<Source> = std::mem::take(&mut self.inline_sources)
            .into_values()
            .filter(|s| {
                explicit_index
                    .get(&s.id, |i| explicit[i].id.as_str())
                    .is_none()
            })
            .collect();
        let unchanged = duplicates.is_empty() && inline.is_empty();
        dataset.sources = explicit
            .into_iter()
            .zip(keep)
            .filter_map(|(source, keep)| keep.then_some(source))
            .chain(inline)
            .collect();
        let source_index = if unchanged {
            explicit_index
        } else {
            IdIndex::build(&dataset.sources, |s| s.id.as_str()).0
        };
        self.check_citations(&mut dataset.sources, &source_index);
        let sources = &dataset.sources;
        // Every claim looks its source up: the ids packed together and the
        // dates beside them keep a million lookups in cache.
        let source_ids = PackedIds::new(sources.iter().map(|s| s.id.as_str()));
        let published: Vec<Option<Interval>> = sources
            .iter()
            .map(|s| s.published.as_ref().map(|p| p.interval))
            .collect();

        // Claims: drop duplicates (the first wins), then check references.
        let mut claims = std::mem::take(&mut self.claims);
        let starts = std::mem::take(&mut self.claim_starts);
        let hashes: Vec<u64> = starts.iter().map(|s| s.id_hash).collect();
        let (mut claim_index, duplicates) =
            IdIndex::build_hashed(&claims, &hashes, |c| c.id.as_str());
        drop(hashes);
        let keep = self.duplicates("claim", &claims, &duplicates, |c| (&c.id, &c.pos));
        let deferred = |i: usize, field: &'static str, message: String| DeferredError {
            file_index: starts[i].file_index,
            record_offset: starts[i].record_offset,
            field,
            message,
        };
        // Every claim's source, looked up in a loop of its own: each lookup
        // misses the cache a few times, and in a loop this small the misses
        // of neighbouring claims overlap (inside the pass below they did
        // not, and the lookups took twice as long).
        let source_of: Vec<Option<u32>> = claims
            .par_iter()
            .map(|claim| {
                let id = claim.source.as_deref()?;
                let at = source_index.get(id, |j| source_ids.get(j))?;
                Some(at as u32)
            })
            .collect();
        // One pass over all the claims (half a gigabyte of them): dates,
        // unknown sources, and which claims refute others, to check after.
        let (unknown_sources, refuting) = claims
            .par_iter_mut()
            .zip(&source_of)
            .enumerate()
            .filter(|(i, _)| keep[*i])
            .fold(
                || (Vec::new(), Vec::new()),
                |(mut unknown, mut refuting), (i, (claim, &at))| {
                    let source = claim
                        .source
                        .as_deref()
                        .map(|id| (id, at.map(|at| at as usize)));
                    let published = match source {
                        Some((_, Some(at))) => published[at],
                        _ => None,
                    };
                    claim.report = claim.reported.as_ref().map(|r| r.interval).or(published);
                    claim.when = match (&claim.date, claim.report) {
                        (Some(date), _) => date.interval,
                        // Undated: at an unknown time no later than the report.
                        (None, Some(report)) => Interval::new(DAWN, report.latest),
                        (None, None) => Interval::UNKNOWN,
                    };
                    if let Some((id, None)) = source {
                        let hint = did_you_mean(id, sources.iter().map(|s| s.id.as_str()));
                        unknown.push(deferred(
                            i,
                            "source",
                            format!("unknown source `{id}`{hint}; define it in a `sources` array or give the source inline"),
                        ));
                    }
                    if !claim.refutes.is_empty() {
                        refuting.push(i);
                    }
                    (unknown, refuting)
                },
            )
            .reduce(
                || (Vec::new(), Vec::new()),
                |(mut unknown, mut refuting), (more_unknown, more_refuting)| {
                    unknown.extend(more_unknown);
                    refuting.extend(more_refuting);
                    (unknown, refuting)
                },
            );
        self.deferred.extend(unknown_sources);
        let unknown_claims: Vec<DeferredError> = refuting
            .par_iter()
            .flat_map_iter(|&i| {
                claims[i]
                    .refutes
                    .iter()
                    .filter(|target| claim_index.get(target, |j| claims[j].id.as_str()).is_none())
                    .map(|target| {
                        let kept = claims
                            .iter()
                            .zip(&keep)
                            .filter(|(_, keep)| **keep)
                            .map(|(c, _)| c.id.as_str());
                        let hint = did_you_mean(target, kept);
                        deferred(
                            i,
                            "refutes",
                            format!("`refutes` names unknown claim `{target}`{hint}"),
                        )
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        self.deferred.extend(unknown_claims);
        if !duplicates.is_empty() {
            let mut kept = keep.iter();
            claims.retain(|_| kept.next().copied().unwrap_or(true));
            claim_index = IdIndex::build(&claims, |c| c.id.as_str()).0;
        }
        drop((source_ids, source_of));
        dataset.claims = claims;
        dataset.set_indexes(claim_index, source_index);

        let mut entity_ids: HashMap<String, Pos> = HashMap::new();
        for entity in std::mem::take(&mut self.entities) {
            if let Some(first) = entity_ids.get(&entity.id) {
                self.errors
                    .push(duplicate("entity", &entity.id, &entity.pos, first));
                continue;
            }
            entity_ids.insert(entity.id.clone(), entity.pos.clone());
            dataset.entities.push(entity);
        }

        self.resolve_deferred(&dataset.files);
        self.errors.sort();
        self.errors.dedup();
        dataset.errors = self.errors;
        dataset
    }

    /// Reports the `(later, first)` pairs of records of one `kind` that
    /// share an id; which records to keep (all but the later ones).
    fn duplicates<T>(
        &mut self,
        kind: &str,
        records: &[T],
        duplicates: &[(usize, usize)],
        id_and_pos: impl Fn(&T) -> (&String, &Pos),
    ) -> Vec<bool> {
        let mut keep = vec![true; records.len()];
        for &(later, first) in duplicates {
            let (id, pos) = id_and_pos(&records[later]);
            self.errors
                .push(duplicate(kind, id, pos, id_and_pos(&records[first]).1));
            keep[later] = false;
        }
        keep
    }

    /// Unknown `cites` targets and citation cycles; `index` finds sources by id.
    fn check_citations(&mut self, sources: &mut [Source], index: &IdIndex) {
        let mut unknown_cites: Vec<(usize, Vec<String>)> = Vec::new();
        {
            let sources = &*sources;
            let known = |id: &str| index.get(id, |i| sources[i].id.as_str()).is_some();
            for (n, source) in sources.iter().enumerate() {
                let unknown: Vec<String> =
                    source.cites.iter().filter(|c| !known(c)).cloned().collect();
                for target in &unknown {
                    let hint = did_you_mean(target, sources.iter().map(|s| s.id.as_str()));
                    self.errors.push(error_at(
                        &source.pos,
                        format!(
                            "source `{}` cites unknown source `{target}`{hint}",
                            source.id
                        ),
                    ));
                }
                if !unknown.is_empty() {
                    unknown_cites.push((n, unknown));
                }
            }
        }
        for (n, unknown) in unknown_cites {
            sources[n].cites.retain(|c| !unknown.contains(c));
        }
        // Depth-first search with colours; each cycle is reported once, at the
        // source where the search closes it, and that citation is dropped so
        // that provenance tracing always terminates.
        let edges: Vec<Vec<usize>> = sources
            .iter()
            .map(|s| {
                s.cites
                    .iter()
                    .filter_map(|c| index.get(c, |i| sources[i].id.as_str()))
                    .collect()
            })
            .collect();
        let mut colour = vec![0u8; sources.len()];
        let mut broken: Vec<(usize, usize)> = Vec::new();
        for root in 0..sources.len() {
            if colour[root] != 0 {
                continue;
            }
            let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
            colour[root] = 1;
            while let Some(&mut (node, ref mut next)) = stack.last_mut() {
                if let Some(&target) = edges[node].get(*next) {
                    *next += 1;
                    match colour[target] {
                        0 => {
                            colour[target] = 1;
                            stack.push((target, 0));
                        }
                        1 => {
                            let start = stack.iter().position(|(n, _)| *n == target).unwrap_or(0);
                            let mut path: Vec<&str> = stack[start..]
                                .iter()
                                .map(|(n, _)| sources[*n].id.as_str())
                                .collect();
                            path.push(sources[target].id.as_str());
                            self.errors.push(error_at(&sources[node].pos, format!(
                                "citation cycle: {}; a source cannot relay itself, remove one of these `cites`",
                                path.join(" → ")
                            )));
                            broken.push((node, target));
                        }
                        _ => {}
                    }
                } else {
                    colour[node] = 2;
                    stack.pop();
                }
            }
        }
        for (node, target) in broken {
            let target_id = sources[target].id.clone();
            sources[node].cites.retain(|c| *c != target_id);
        }
    }

    /// Re-reads the few files with reference errors to point at the field.
    fn resolve_deferred(&mut self, files: &[Arc<str>]) {
        let mut by_file: BTreeMap<usize, Vec<DeferredError>> = BTreeMap::new();
        for d in std::mem::take(&mut self.deferred) {
            by_file.entry(d.file_index).or_default().push(d);
        }
        for (file_index, deferred) in by_file {
            let Some(file) = files.get(file_index) else {
                continue;
            };
            let text = fs::read(&**file)
                .ok()
                .and_then(|b| String::from_utf8(b).ok());
            let index = text.as_deref().map(LineIndex::new);
            for d in deferred {
                let (line, column) = match (&text, &index) {
                    (Some(text), Some(index)) if d.record_offset <= text.len() => {
                        let record = &text[d.record_offset..];
                        let at = scan::key_offset(record, d.field).unwrap_or(0);
                        index.locate(text, d.record_offset + at)
                    }
                    _ => (1, 1),
                };
                self.errors.push(InputError {
                    file: file.clone(),
                    line,
                    column,
                    message: d.message,
                });
            }
        }
    }
}

/// The ids of records packed into one string, in record order.
struct PackedIds {
    text: String,
    ends: Vec<usize>,
}

impl PackedIds {
    fn new<'a>(ids: impl Iterator<Item = &'a str>) -> Self {
        let mut packed = PackedIds {
            text: String::new(),
            ends: Vec::new(),
        };
        for id in ids {
            packed.text.push_str(id);
            packed.ends.push(packed.text.len());
        }
        packed
    }

    fn get(&self, i: usize) -> &str {
        let start = match i {
            0 => 0,
            _ => self.ends.get(i - 1).copied().unwrap_or_default(),
        };
        let end = self.ends.get(i).copied().unwrap_or_default();
        self.text.get(start..end).unwrap_or_default()
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
/// lines. `lines_before` and `offset` place `text` in its file.
fn parse_lines(
    file: &Arc<str>,
    file_index: usize,
    text: &[u8],
    lines_before: u32,
    offset: usize,
) -> (Vec<Loader>, u32) {
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
            let mut part = Loader::default();
            // Most lines are claims: room for them all at once.
            part.claims.reserve(lines as usize + 1);
            part.claim_starts.reserve(lines as usize + 1);
            // An `Arc` of the task's own: a million claims cloning one
            // shared `Arc` would make the cores fight over its count.
            let file: Arc<str> = Arc::from(&**file);
            let mut line = first_line;
            let mut line_start = start;
            while line_start < end {
                let line_end = memchr::memchr(b'\n', &text[line_start..end])
                    .map_or(end, |i| line_start + i + 1);
                line += 1;
                part.ndjson_line(
                    &file,
                    file_index,
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

/// Parses one record: the typed fast path, and on failure a field-by-field
/// pass that reports every problem at its field and keeps what is valid.
fn parse_record<T: DeserializeOwned>(
    at: &RecordAt,
    record: &str,
    kind: &str,
    fields: &[&str],
    required: &[&str],
    errors: &mut Vec<InputError>,
) -> Option<T> {
    let first_error = match serde_json::from_str::<T>(record) {
        Ok(value) => return Some(value),
        Err(err) => err,
    };
    let value: Value = match serde_json::from_str(record) {
        Ok(value) => value,
        Err(_) => {
            // Not JSON at all: the typed error already carries the position.
            let offset = position::offset_of(record, first_error.line(), first_error.column());
            errors.push(at.error_at(
                offset,
                format!("invalid JSON: {}", strip_position(&first_error)),
            ));
            return None;
        }
    };
    let Value::Object(mut map) = value else {
        errors.push(at.error_at(
            0,
            format!(
                "expected a {kind} object `{{…}}`, found {}",
                json_type(&value)
            ),
        ));
        return None;
    };
    let keys: Vec<String> = map.keys().cloned().collect();
    for key in keys {
        if !fields.contains(&key.as_str()) {
            let hint = did_you_mean(&key, fields.iter().copied());
            errors.push(at.field_error(
                &key,
                format!(
                    "unknown field `{key}` in a {kind}{hint} (known fields: {})",
                    fields.join(", ")
                ),
            ));
            map.remove(&key);
            continue;
        }
        // Check the field alone, with stand-ins for the required fields.
        let mut probe = Map::new();
        for r in required {
            probe.insert((*r).to_string(), Value::String("x".into()));
        }
        if let Some(v) = map.get(&key) {
            probe.insert(key.clone(), v.clone());
        }
        if let Err(err) = serde_json::from_value::<T>(Value::Object(probe)) {
            errors.push(at.field_error(&key, field_type_message(&key, kind, &err)));
            map.remove(&key);
        }
    }
    match serde_json::from_value::<T>(Value::Object(map)) {
        Ok(value) => Some(value),
        Err(err) => {
            let message = err.to_string();
            let message = match message.strip_prefix("missing field ") {
                Some(field) => format!("a {kind} needs the field {field}; the record is skipped"),
                None => format!("invalid {kind}: {message}"),
            };
            errors.push(at.error_at(0, message));
            None
        }
    }
}

fn field_type_message(key: &str, kind: &str, err: &serde_json::Error) -> String {
    let expected = match key {
        "source" => "a source id (string) or a source object".to_string(),
        "aliases" | "refutes" | "cites" | "same_as" | "not_same_as" => {
            "an array of strings".to_string()
        }
        "age" => "a whole number of years".to_string(),
        _ => "a string".to_string(),
    };
    let detail = strip_position(err);
    // Untagged-enum errors say nothing useful; the expectation says it all.
    if detail.contains("did not match any variant") {
        return format!("`{key}` in a {kind} must be {expected}");
    }
    format!("`{key}` in a {kind} must be {expected} ({detail})")
}

fn strip_position(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn source_from_raw(
    raw: RawSource,
    pos: Pos,
    inline: bool,
) -> (Option<Source>, Vec<(&'static str, String)>) {
    let mut problems: Vec<(&'static str, String)> = Vec::new();
    let published = parse_date(raw.published.as_deref(), "published", &mut |f, m| {
        problems.push((
            if f == "published" {
                "published"
            } else {
                "source"
            },
            m,
        ))
    });
    let reliability = raw
        .reliability
        .as_deref()
        .and_then(|r| match Reliability::parse(r) {
            Ok(r) => Some(r),
            Err(message) => {
                problems.push(("reliability", message));
                None
            }
        });
    if let Some(kind) = raw.kind.as_deref().filter(|k| *k != "source") {
        problems.push((
            "type",
            format!("a source's `type` must be `source`, not `{kind}`"),
        ));
    }
    let id = match raw.id {
        Some(id) if !id.trim().is_empty() => id,
        _ if inline => derived_source_id(&raw.title, &raw.publisher, &raw.url, &raw.published),
        _ => {
            problems.push((
                "id",
                "a source needs a non-empty `id` that claims can refer to".into(),
            ));
            return (None, problems);
        }
    };
    // Inline-source problems are reported on the claim's `source` field.
    if inline {
        for p in &mut problems {
            p.0 = "source";
        }
    }
    (
        Some(Source {
            id,
            title: raw.title,
            publisher: raw.publisher,
            author: raw.author,
            url: raw.url,
            published,
            reliability,
            cites: raw.cites.unwrap_or_default(),
            pos,
        }),
        problems,
    )
}

fn parse_date(
    text: Option<&str>,
    field: &'static str,
    report: &mut impl FnMut(&'static str, String),
) -> Option<Edtf> {
    let text = text?;
    match Edtf::parse(text) {
        Ok(date) => Some(date),
        Err(err) => {
            report(field, format!("`{field}`: {err}"));
            None
        }
    }
}

fn too_long(text: &str, limit: usize) -> bool {
    // Bytes bound chars from above: only count chars when it could matter.
    text.len() > limit && text.chars().count() > limit
}

fn too_long_message(field: &str, text: &str, limit: usize) -> String {
    format!(
        "`{field}` is {} characters long; at most {limit} are accepted (is the value misplaced?)",
        text.chars().count()
    )
}

fn not_utf8(file: &Arc<str>, bytes: &[u8], valid_up_to: usize, first_line: u32) -> InputError {
    let before = &bytes[..valid_up_to];
    let newlines = before.iter().filter(|b| **b == b'\n').count() as u32;
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count() as u32
        + 1;
    let byte = bytes.get(valid_up_to).copied().unwrap_or(0);
    InputError {
        file: file.clone(),
        line: first_line + newlines,
        column,
        message: format!(
            "the file is not valid UTF-8 (byte 0x{byte:02X}); save it as UTF-8 (for example `iconv -f WINDOWS-1252 -t UTF-8`)"
        ),
    }
}

fn duplicate(kind: &str, id: &str, pos: &Pos, first: &Pos) -> InputError {
    error_at(
        pos,
        format!("duplicate {kind} id `{id}` (first defined at {first}); ids must be unique, this record is skipped"),
    )
}

fn error_at(pos: &Pos, message: String) -> InputError {
    InputError {
        file: pos.file.clone(),
        line: pos.line,
        column: pos.column,
        message,
    }
}

/// A content-derived id, stable across runs and file orders.
fn derived_claim_id(
    who: &str,
    status: Status,
    date: Option<&Edtf>,
    source: Option<&str>,
) -> String {
    let mut hasher = Sha256::new();
    for part in [
        who,
        status.as_str(),
        date.map_or("", |d| d.text.as_str()),
        source.unwrap_or(""),
    ] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    format!("c-{}", hex_prefix(&hasher.finalize(), 6))
}

fn derived_source_id(
    title: &Option<String>,
    publisher: &Option<String>,
    url: &Option<String>,
    published: &Option<String>,
) -> String {
    let mut hasher = Sha256::new();
    for part in [title, publisher, url, published] {
        hasher.update(part.as_deref().unwrap_or("").as_bytes());
        hasher.update([0]);
    }
    format!("s-{}", hex_prefix(&hasher.finalize(), 6))
}

pub(crate) fn hex_prefix(bytes: &[u8], n: usize) -> String {
    bytes.iter().take(n).map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests;
