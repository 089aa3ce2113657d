//! Input errors as the loader collects them: bounded per file, so that a
//! file that is not claims at all (a log, a dump of numbers) costs memory
//! and output in proportion to the records kept, not to its errors.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use crate::model::InputError;

/// Errors shown per file; the rest are counted, and said in one line.
pub const MAX_ERRORS_PER_FILE: usize = 100;

/// The errors found so far: all of them up to [`MAX_ERRORS_PER_FILE`] for
/// the file being read, and how many more there were.
#[derive(Debug, Default)]
pub struct ErrorLog {
    kept: Vec<InputError>,
    /// Errors counted but not kept, by file.
    dropped: BTreeMap<Arc<str>, usize>,
    /// The file being read, and how many of its errors are kept.
    current: Option<Arc<str>>,
    current_kept: usize,
}

impl ErrorLog {
    /// A log for the errors of one file (a parsing task's), of which
    /// `kept` are already kept elsewhere.
    pub fn for_file(file: &Arc<str>, kept: usize) -> ErrorLog {
        let mut log = ErrorLog::default();
        log.start_file(file);
        log.current_kept = kept;
        log
    }

    /// How many errors of the file being read are kept.
    pub fn kept_in_file(&self) -> usize {
        self.current_kept
    }

    /// From now on, errors of `file` are bounded.
    pub fn start_file(&mut self, file: &Arc<str>) {
        self.current = Some(file.clone());
        self.current_kept = 0;
    }

    /// No file is being read: the errors found across files (duplicate
    /// ids, unknown references) are bounded by the records, and capped
    /// only when the log is read.
    pub fn end_file(&mut self) {
        self.current = None;
    }

    /// Whether the errors of the file being read are no longer kept, only
    /// counted: a record that can only give an error need not be read.
    pub fn is_full(&self) -> bool {
        self.current.is_some() && self.current_kept >= MAX_ERRORS_PER_FILE
    }

    /// Counts one more error of the file being read, not kept.
    pub fn count_one(&mut self) {
        if let Some(file) = &self.current {
            *self.dropped.entry(file.clone()).or_default() += 1;
        }
    }

    pub fn push(&mut self, error: InputError) {
        if self.current.as_ref() == Some(&error.file) {
            if self.current_kept >= MAX_ERRORS_PER_FILE {
                *self.dropped.entry(error.file).or_default() += 1;
                return;
            }
            self.current_kept += 1;
        }
        self.kept.push(error);
    }

    /// Counts `count` more errors of `file`, not kept.
    pub fn count_more(&mut self, file: &Arc<str>, count: usize) {
        if count > 0 {
            *self.dropped.entry(file.clone()).or_default() += count;
        }
    }

    /// Takes over the errors of a parsing task of the file being read.
    pub fn absorb(&mut self, part: ErrorLog) {
        for error in part.kept {
            self.push(error);
        }
        for (file, count) in part.dropped {
            *self.dropped.entry(file).or_default() += count;
        }
    }

    /// The errors sorted by position, the first [`MAX_ERRORS_PER_FILE`] of
    /// each file, each file's list closed by a line saying how many more
    /// there were.
    pub fn into_sorted(mut self) -> Vec<InputError> {
        self.kept.sort();
        self.kept.dedup();
        let mut shown = Vec::with_capacity(self.kept.len());
        let mut errors = self.kept.into_iter().peekable();
        while let Some(first) = errors.next() {
            let file = first.file.clone();
            let mut more = self.dropped.remove(&file).unwrap_or(0);
            let mut count = 1;
            shown.push(first);
            while let Some(error) = errors.next_if(|e| e.file == file) {
                if count < MAX_ERRORS_PER_FILE {
                    shown.push(error);
                    count += 1;
                } else {
                    more += 1;
                }
            }
            // Said at the last error shown (this file's: one was just shown).
            if let (true, Some(last)) = (more > 0, shown.last()) {
                let summary = InputError {
                    message: format!(
                        "{more} more input errors in this file are not shown (only the first {MAX_ERRORS_PER_FILE} are); it is probably not a claims file"
                    ),
                    ..last.clone()
                };
                shown.push(summary);
            }
        }
        shown
    }
}

/// An error about a whole file (or a path that is not one).
pub fn file_error(path: &Path, message: String) -> InputError {
    InputError {
        file: Arc::from(path.display().to_string()),
        line: 1,
        column: 1,
        message,
    }
}

/// The first byte that is not UTF-8 in `bytes` (whose first line is
/// `first_line` of the file).
pub fn not_utf8(file: &Arc<str>, bytes: &[u8], valid_up_to: usize, first_line: u32) -> InputError {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn error(file: &Arc<str>, line: u32) -> InputError {
        InputError {
            file: file.clone(),
            line,
            column: 1,
            message: "bad".into(),
        }
    }

    #[test]
    fn errors_are_capped_per_file_with_a_count_of_the_rest() {
        let junk: Arc<str> = Arc::from("junk.jsonl");
        let good: Arc<str> = Arc::from("good.json");
        let mut log = ErrorLog::default();
        log.start_file(&junk);
        let mut part = ErrorLog::for_file(&junk, 0);
        for line in 1..=150 {
            part.push(error(&junk, line));
        }
        log.absorb(part);
        log.start_file(&good);
        log.push(error(&good, 3));
        log.end_file();
        // Found later, across files: kept until the log is read.
        log.push(error(&junk, 1000));
        let errors = log.into_sorted();
        assert_eq!(errors.len(), 1 + MAX_ERRORS_PER_FILE + 1);
        assert_eq!(errors[0].file, good);
        assert_eq!(errors[MAX_ERRORS_PER_FILE].line, 100);
        let last = &errors[MAX_ERRORS_PER_FILE + 1];
        assert!(last.message.starts_with("51 more input errors"), "{last}");
        assert!(last.message.contains("probably not a claims file"));
    }
}
