//! Byte offsets to line and column, the way editors count them.

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

#[cfg(test)]
mod tests {
    use super::*;

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
