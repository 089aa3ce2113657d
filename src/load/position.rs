//! Byte offsets to line and column, the way editors count them, from the
//! text in memory: every position is computed while the record's bytes are
//! at hand, never by reading a file again.

use std::num::NonZeroU32;
use std::sync::Arc;

use super::scan;
use crate::model::{InputError, Pos};

/// Where one record sits, for turning offsets in it into positions.
pub struct RecordAt<'a> {
    pub file: &'a Arc<str>,
    /// The record's text (for JSON files, from the record to the end of file).
    pub text: &'a str,
    /// Byte offset of `text` in the file.
    pub offset: usize,
    pub lines: Locator<'a>,
}

/// Turns a byte offset in the file into line and column.
pub enum Locator<'a> {
    /// A `.json` document: its line starts, its text, and the last
    /// position located (records are located in order).
    Json(&'a LineIndex, &'a str, &'a Cursor),
    /// An NDJSON line: its line number; offsets are within the line.
    Line(u32),
    /// A spreadsheet row, read as JSON text with one field a line: the
    /// row's line, and the column of each field's cell.
    Cells(u32, &'a [u32]),
}

/// The line and column of a key in a record, kept with a claim for the
/// errors only found once every file is read (an unknown source, say).
#[derive(Clone, Copy, Debug)]
pub struct KeyAt {
    line: NonZeroU32,
    column: u32,
}

impl KeyAt {
    /// The position in `file`.
    pub fn pos(self, file: &Arc<str>) -> Pos {
        Pos {
            file: file.clone(),
            line: self.line.get(),
            column: self.column,
        }
    }
}

impl RecordAt<'_> {
    /// The position of a byte offset in the record.
    pub fn pos_at(&self, offset_in_record: usize) -> Pos {
        let (line, column) = self.line_column(offset_in_record);
        Pos {
            file: self.file.clone(),
            line,
            column,
        }
    }

    fn line_column(&self, offset_in_record: usize) -> (u32, u32) {
        match &self.lines {
            Locator::Json(index, text, cursor) => {
                index.locate_from(text, self.offset + offset_in_record, cursor)
            }
            Locator::Line(line) => (*line, column_of(self.text, offset_in_record)),
            Locator::Cells(line, cells) => {
                let field = self.text[..offset_in_record.min(self.text.len())]
                    .bytes()
                    .filter(|&b| b == b'\n')
                    .count();
                let cell = field.checked_sub(1).and_then(|f| cells.get(f));
                (*line, cell.copied().unwrap_or(1))
            }
        }
    }

    /// The error `message` at a byte offset in the record.
    pub fn error_at(&self, offset_in_record: usize, message: String) -> InputError {
        InputError::at(&self.pos_at(offset_in_record), message)
    }

    /// Where the record's top-level `field` is (else the record's start).
    pub fn field_offset(&self, field: &str) -> usize {
        scan::key_offset(self.text, field).unwrap_or(0)
    }

    /// The error `message` at the record's top-level `field`.
    pub fn field_error(&self, field: &str, message: String) -> InputError {
        self.error_at(self.field_offset(field), message)
    }

    /// Where the record's top-level `field` is (at `known`, when the reader
    /// noted it), to report on it later. Taken for every claim that refers
    /// to something, so the plain case is found without a full scan.
    pub fn key_at(&self, field: &str, known: Option<usize>) -> Option<KeyAt> {
        let offset = known
            .or_else(|| plain_key_offset(self.text, field))
            .unwrap_or_else(|| self.field_offset(field));
        let (line, column) = self.line_column(offset);
        Some(KeyAt {
            line: NonZeroU32::new(line)?,
            column,
        })
    }
}

/// Start offsets of every line of a text, for offset → (line, column).
/// Shared by the threads that parse one file's records.
pub struct LineIndex {
    starts: Vec<usize>,
}

/// The last position one thread located. Records are located in file
/// order, so counting characters on from here keeps a minified file (one
/// very long line) linear instead of recounting the line for every record.
#[derive(Default)]
pub struct Cursor(std::cell::Cell<(usize, usize, u32)>);

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn locate(&self, text: &str, offset: usize) -> (u32, u32) {
        self.locate_from(text, offset, &Cursor::default())
    }

    /// [`LineIndex::locate`], counting on from `cursor` when it can.
    pub fn locate_from(&self, text: &str, offset: usize, cursor: &Cursor) -> (u32, u32) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = self.starts[line];
        let (last_offset, last_line, last_column) = cursor.0.get();
        let column = if last_line == line
            && start <= last_offset
            && last_offset <= offset
            && last_column > 0
        {
            last_column + text[last_offset..offset].chars().count() as u32
        } else {
            column_of(&text[start..], offset - start)
        };
        cursor.0.set((offset, line, column));
        (line as u32 + 1, column)
    }
}

/// Where the key `"field"` is in a record that parsed, when that is plain
/// to see: its first occurrence followed by `:`, with no escapes before
/// it (so quotes delimit strings), an even number of quotes before it (so
/// it is not inside a string), and exactly one `{` and no `}` before it
/// (so it is in the record's own object). `None` when that is not plain:
/// [`scan::key_offset`] then reads the record properly.
fn plain_key_offset(record: &str, field: &str) -> Option<usize> {
    let bytes = record.as_bytes();
    let at = memchr::memmem::find_iter(bytes, field.as_bytes()).find(|&at| {
        let quoted = at > 0 && bytes[at - 1] == b'"' && bytes.get(at + field.len()) == Some(&b'"');
        let rest = bytes.get(at + field.len() + 1..).unwrap_or_default();
        quoted && rest.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b':')
    })?;
    let (mut quotes, mut opened) = (0usize, 0usize);
    for &b in &bytes[..at - 1] {
        match b {
            b'\\' | b'}' => return None,
            b'"' => quotes += 1,
            b'{' => opened += 1,
            _ => {}
        }
    }
    (quotes % 2 == 0 && opened == 1).then_some(at - 1)
}

/// 1-based character column of a byte offset within one line.
pub fn column_of(line: &str, offset: usize) -> u32 {
    let mut offset = offset.min(line.len());
    while !line.is_char_boundary(offset) {
        offset -= 1;
    }
    line[..offset].chars().count() as u32 + 1
}

/// The byte offset of serde_json's 1-based (line, byte column) in `text`.
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => break,
        }
    }
    (start + column.saturating_sub(1)).min(text.len())
}

/// The 1-based line and column (in characters) of byte `offset`.
pub fn line_column_of_byte(bytes: &[u8], offset: usize) -> (u32, u32) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line as u32, column as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_keys_are_found_quickly_and_the_others_left_alone() {
        let record = r#"{"who": "a source", "aliases": ["source"], "source" : "s"}"#;
        assert_eq!(
            plain_key_offset(record, "source"),
            record.find("\"source\" :")
        );
        for unclear in [
            r#"{"who": "{", "source": "s"}"#,
            r#"{"who": "\"source\": x", "source": "s"}"#,
            r#"{"x": {"source": 1}, "source": "s"}"#,
            r#"{"who": "source", "date": "2020"}"#,
        ] {
            assert_eq!(plain_key_offset(unclear, "source"), None, "{unclear}");
        }
    }

    #[test]
    fn lines_and_character_columns() {
        let text = "ab\nçé x\n";
        let index = LineIndex::new(text);
        let cursor = Cursor::default();
        assert_eq!(index.locate_from(text, 0, &cursor), (1, 1));
        assert_eq!(index.locate(text, 3), (2, 1));
        // `x` is after two 2-byte characters and a space: column 4.
        assert_eq!(index.locate(text, 8), (2, 4));
        assert_eq!(index.locate(text, 1000), (3, 1));
        // A cursor counts on in one pass, and going back does not misuse it.
        let cursor = Cursor::default();
        assert_eq!(index.locate_from(text, 5, &cursor), (2, 2));
        assert_eq!(index.locate_from(text, 8, &cursor), (2, 4));
        assert_eq!(index.locate_from(text, 5, &cursor), (2, 2));
        assert_eq!(index.locate_from(text, 0, &cursor), (1, 1));
        assert_eq!(index.locate_from(text, 8, &cursor), (2, 4));
        // Going back does not reuse the cursor wrongly.
        assert_eq!(index.locate_from(text, 8, &cursor), (2, 4));
        assert_eq!(index.locate_from(text, 5, &cursor), (2, 2));
        assert_eq!(index.locate_from(text, 0, &cursor), (1, 1));
        assert_eq!(offset_of(text, 2, 2), 4);
    }
}
