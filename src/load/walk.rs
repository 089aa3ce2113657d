//! Which files the paths on the command line name. A directory is walked
//! the way ripgrep walks one (the `ignore` crate): `.gitignore` and
//! `.ignore` files are honoured, in a git repository or not; hidden files
//! and directories are skipped, and so are the `exclude` patterns of the
//! configuration; symbolic links to directories are not followed. Only
//! regular files are read: a named pipe, a device or a socket is reported
//! and skipped, never opened. A file reached twice (through a symbolic
//! link) is read once. A path named explicitly is always read.
//!
//! Files come out in a fixed order (each directory sorted by name, depth
//! first), so the output does not depend on the order the system lists
//! them in.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use ignore::WalkBuilder;

use super::errors::{file_error, ErrorLog};
use super::file::not_regular;
use super::{LoadOptions, REVIEW_FILE};
use crate::model::InputError;

/// A file to read, and its size.
pub struct DataFile {
    pub path: PathBuf,
    pub len: u64,
}

/// Whether `pattern` is a valid `exclude` pattern; the error says why not.
pub fn check_exclude_pattern(pattern: &str) -> Result<(), String> {
    GitignoreBuilder::new("")
        .allow_unclosed_class(false)
        .add_line(None, pattern)
        .map(drop)
        .map_err(|err| exclude_message(pattern, &err))
}

fn exclude_message(pattern: &str, err: &ignore::Error) -> String {
    let err = match err {
        ignore::Error::Glob { err, .. } => err.clone(),
        other => other.to_string(),
    };
    format!("invalid `exclude` pattern `{pattern}`: {err}; patterns are written as in `.gitignore` (`fixtures`, `*.bak.json`, `old/**`)")
}

/// The files `paths` name, in order, each once.
pub fn collect_files(
    paths: &[PathBuf],
    options: &LoadOptions,
    errors: &mut ErrorLog,
) -> Vec<DataFile> {
    let excludes = match Excludes::new(options) {
        Ok(excludes) => Arc::new(excludes),
        Err(error) => {
            // Reading the excluded files instead would be worse than
            // reading none.
            errors.push(error);
            return Vec::new();
        }
    };
    let mut found = Found::default();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                // A wrong path must not pass as a clean, empty dataset.
                if walk(path, &excludes, &mut found, errors) == 0 {
                    errors.push(file_error(
                        path,
                        format!(
                            "no `.json`, `.jsonl`, `.ndjson` or `.csv` files found under `{}`",
                            path.display()
                        ),
                    ));
                }
            }
            // `check *.json` names the review file too: it is not data.
            Ok(meta) if meta.is_file() && excludes.is_review_file(path) => {}
            Ok(meta) if meta.is_file() => found.add(path, &meta),
            Ok(meta) => errors.push(not_regular(path, meta.file_type())),
            Err(err) => errors.push(file_error(
                path,
                format!("cannot read `{}`: {err}", path.display()),
            )),
        }
    }
    found.files
}

/// Walks `dir` for data files; how many it found (some may have been
/// found before).
fn walk(dir: &Path, excludes: &Arc<Excludes>, found: &mut Found, errors: &mut ErrorLog) -> usize {
    let filter = excludes.clone();
    let walker = WalkBuilder::new(dir)
        .require_git(false)
        .follow_links(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(move |entry| !filter.excluded(entry))
        .build();
    let mut count = 0;
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                errors.push(walk_error(dir, &err));
                continue;
            }
        };
        let path = entry.path();
        if entry.depth() == 0 || !is_data_file(path) || excludes.is_review_file(path) {
            continue;
        }
        // A symbolic link is followed to what it points at (without
        // opening it); one to a directory is not walked.
        let meta = match fs::metadata(path) {
            Ok(meta) => meta,
            Err(err) => {
                errors.push(file_error(path, format!("cannot read file: {err}")));
                continue;
            }
        };
        if meta.is_dir() {
            continue;
        }
        if !meta.is_file() {
            errors.push(not_regular(path, meta.file_type()));
            continue;
        }
        count += 1;
        found.add(path, &meta);
    }
    count
}

/// `.json`, `.jsonl`, `.ndjson` and `.csv` files, but not the review file.
fn is_data_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("json" | "jsonl" | "ndjson" | "csv")
    ) && path.file_name().is_some_and(|name| name != REVIEW_FILE)
}

/// The files found so far, each file once however it was reached.
#[derive(Default)]
struct Found {
    files: Vec<DataFile>,
    seen: HashSet<FileId>,
}

impl Found {
    fn add(&mut self, path: &Path, meta: &fs::Metadata) {
        if self.seen.insert(FileId::of(path, meta)) {
            self.files.push(DataFile {
                path: path.to_path_buf(),
                len: meta.len(),
            });
        }
    }
}

/// What makes a file itself rather than one of its names.
#[derive(Hash, PartialEq, Eq)]
enum FileId {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg_attr(unix, allow(dead_code))]
    Path(PathBuf),
}

impl FileId {
    #[cfg(unix)]
    fn of(_path: &Path, meta: &fs::Metadata) -> FileId {
        use std::os::unix::fs::MetadataExt;
        FileId::Inode(meta.dev(), meta.ino())
    }

    #[cfg(not(unix))]
    fn of(path: &Path, _meta: &fs::Metadata) -> FileId {
        FileId::Path(fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
    }
}

/// The `exclude` patterns, matched as `.gitignore` lines written in the
/// configuration file's directory.
struct Excludes {
    matcher: Gitignore,
    /// Where relative paths are taken from.
    cwd: PathBuf,
    /// The review file of another name than [`REVIEW_FILE`], canonical.
    review_file: Option<PathBuf>,
}

impl Excludes {
    fn new(options: &LoadOptions) -> Result<Excludes, InputError> {
        let cwd = std::env::current_dir().unwrap_or_default();
        let config = options.exclude_from.as_deref();
        let root = config.and_then(Path::parent).unwrap_or(Path::new(""));
        // Named in errors: the configuration file, else the option.
        let source = config.unwrap_or(Path::new("exclude"));
        let mut builder = GitignoreBuilder::new(cwd.join(root));
        // `.gitignore` reads a lone `[` literally; in a configuration it is
        // more likely a mistake, said as such.
        builder.allow_unclosed_class(false);
        for pattern in &options.exclude {
            let pattern = pattern.to_string_lossy();
            if let Err(err) = builder.add_line(None, &pattern) {
                return Err(file_error(source, exclude_message(&pattern, &err)));
            }
        }
        let matcher = builder
            .build()
            .map_err(|err| file_error(source, format!("invalid `exclude` patterns: {err}")))?;
        let review_file = options
            .review_file
            .as_ref()
            .and_then(|p| fs::canonicalize(p).ok());
        Ok(Excludes {
            matcher,
            cwd,
            review_file,
        })
    }

    /// Whether `path` is a review file: named [`REVIEW_FILE`], or the one
    /// the options name.
    fn is_review_file(&self, path: &Path) -> bool {
        if path.file_name().is_some_and(|name| name == REVIEW_FILE) {
            return true;
        }
        let Some(review) = &self.review_file else {
            return false;
        };
        path.file_name() == review.file_name() && fs::canonicalize(path).is_ok_and(|p| p == *review)
    }

    fn excluded(&self, entry: &ignore::DirEntry) -> bool {
        if self.matcher.is_empty() {
            return false;
        }
        let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
        self.matcher
            .matched(self.cwd.join(entry.path()), is_dir)
            .is_ignore()
    }
}

/// A problem met while walking, at the path it concerns.
fn walk_error(dir: &Path, err: &ignore::Error) -> InputError {
    let path = error_path(err).unwrap_or(dir);
    match err.io_error() {
        Some(io) => file_error(path, format!("cannot read directory: {io}")),
        None => file_error(path, format!("cannot read directory: {err}")),
    }
}

fn error_path(err: &ignore::Error) -> Option<&Path> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        _ => None,
    }
}
