//! Reading datasets: files and directories of `.json`, `.jsonl`, `.ndjson` and `.csv`,
//! every record with its position, every problem as an [`InputError`] that
//! points at the file, line and column at fault. A bad record never stops the
//! others from loading.
//!
//! The rooms, in the order the data passes through them:
//! - `walk`: which files the paths name (directories walked as ripgrep
//!   walks them: `.gitignore`, hidden files, `exclude` globs);
//! - `file`: one file's bytes, regular files only, within the size cap;
//! - `json` (with `scan`, which finds its records) and `ndjson`: the two
//!   file formats, cut into records parsed on every core;
//! - `raw` (declared with `fields`, read fast by `fast`): the records as
//!   written; `record`: one record's text into its raw record, every
//!   problem at its field;
//! - `csv`: a spreadsheet's rows into claim records, positions at their cells;
//! - `validate`: raw records into the model's claims, sources, entities;
//! - `resolve`: what needs every record: duplicate ids, references;
//! - `position` and `errors`: where things are, and the bounded error log;
//! - `context`: the sources and entity records beside a file named alone.

mod context;
mod csv;
mod errors;
mod fast;
mod fields;
mod file;
mod json;
mod ndjson;
mod position;
pub mod raw;
mod record;
mod resolve;
mod scan;
mod validate;
mod walk;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

pub use crate::model::InputError;
use crate::model::{Claim, Dataset, EntityRecord, Source};
use errors::ErrorLog;
pub use errors::MAX_ERRORS_PER_FILE;
pub use position::line_column_of_byte;
use position::KeyAt;
pub use walk::check_exclude_pattern;

/// The review file lives beside the data but is never data itself.
pub const REVIEW_FILE: &str = "claimlint-review.json";

/// Files larger than this are refused with a clear message rather than read
/// into memory; a dataset that big belongs in several NDJSON files.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// What to leave out when walking directories.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// Patterns of paths skipped while walking a directory, in `.gitignore`
    /// syntax: `fixtures` (a name, at any depth), `*.bak.json`, `old/**`,
    /// `/top-only`. A file named explicitly on the command line is always
    /// read.
    pub exclude: Vec<PathBuf>,
    /// The configuration file the patterns come from: they are relative to
    /// its directory (to the current directory when not given), and a
    /// pattern that is not valid is reported in it.
    pub exclude_from: Option<PathBuf>,
    /// The review file in use when it has another name than
    /// [`REVIEW_FILE`] (`--review-file`): like every file of that name, it
    /// is never read as data, even when named on the command line.
    pub review_file: Option<PathBuf>,
    /// Read the sources and entity records beside a file named alone (in
    /// its dataset: the nearest directory above with a `claimlint.toml`,
    /// else its own directory) as context for its claims.
    pub context: bool,
}

/// Loads every file under `paths` into one dataset.
pub fn load(paths: &[PathBuf], options: &LoadOptions) -> Dataset {
    let mut loader = Loader::default();
    let files = walk::collect_files(paths, options, &mut loader.errors);
    loader.bytes_total = files.iter().map(|f| f.len).sum();
    for file in &files {
        loader.load_file(&file.path);
    }
    if options.context {
        loader.add_context(context::around(paths, &files, options));
    }
    loader.finish()
}

/// Loads one in-memory `.json` document (tests, fuzzing, stdin).
pub fn load_str(name: &str, text: &str) -> Dataset {
    load_one(name, |loader, file| loader.json_text(file, text))
}

/// Loads one in-memory `.csv` spreadsheet of claims (`claimlint import csv`).
pub fn load_csv_str(name: &str, text: &str) -> Dataset {
    load_one(name, |loader, file| loader.csv_text(file, text))
}

/// One in-memory file, named `name`, that `read` reads.
fn load_one(name: &str, read: impl FnOnce(&mut Loader, &Arc<str>)) -> Dataset {
    let mut loader = Loader::default();
    let file: Arc<str> = Arc::from(name);
    loader.errors.start_file(&file);
    loader.files.push(file.clone());
    read(&mut loader, &file);
    loader.finish()
}

pub use csv::{csv_claims, CsvClaim};

/// What a claim's record leaves behind besides the claim, for the checks
/// made once every file is read. Kept beside the claims rather than in
/// them, so the claims can move into the dataset in place instead of being
/// copied (a million claims are half a gigabyte).
#[derive(Clone, Copy)]
struct ClaimStart {
    /// The claim id's [`IdIndex::hash`](crate::collections::IdIndex::hash), taken
    /// while the parsing threads have the id at hand.
    id_hash: u64,
    /// Where its `source` (given by id) and `refutes` keys are: an unknown
    /// reference is only found later, when the text is gone.
    source_at: Option<KeyAt>,
    refutes_at: Option<KeyAt>,
}

/// The records read so far, and the problems found. Parsing tasks fill one
/// each, absorbed in file order.
#[derive(Default)]
struct Loader {
    files: Vec<Arc<str>>,
    claims: Vec<Claim>,
    /// Parallel to `claims`.
    claim_starts: Vec<ClaimStart>,
    sources: Vec<Source>,
    entities: Vec<EntityRecord>,
    errors: ErrorLog,
    /// Inline sources, keyed by id, with the claim that first gave them.
    inline_sources: BTreeMap<String, Source>,
    /// Bytes of all the files to read, and of those whose records are
    /// taken over: how many claims are still to come, roughly.
    bytes_total: u64,
    bytes_done: u64,
    /// Bytes of the NDJSON lines that gave claims.
    claim_bytes: u64,
    /// Claims expected, room for which is made with the first.
    room_for_claims: usize,
}

impl Loader {
    /// A loader for one parsing task of `file`, of whose errors `kept`
    /// are kept already.
    fn part(file: &Arc<str>, kept: usize) -> Loader {
        Loader {
            errors: ErrorLog::for_file(file, kept),
            ..Loader::default()
        }
    }

    /// Takes over what a loader of one chunk found; chunks are absorbed in
    /// file order, so the first inline definition of a source still wins.
    fn absorb(&mut self, part: Loader) {
        self.claims.extend(part.claims);
        self.claim_starts.extend(part.claim_starts);
        self.sources.extend(part.sources);
        self.entities.extend(part.entities);
        self.errors.absorb(part.errors);
        for (id, source) in part.inline_sources {
            self.inline_sources.entry(id).or_insert(source);
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
}

#[cfg(test)]
mod tests;
