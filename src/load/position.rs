//! Byte offsets to line and column, the way editors count them.

/// Start offsets of every line of a text, for offset → (line, column).
pub struct LineIndex {
    starts: Vec<usize>,
}

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
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = self.starts[line];
        (line as u32 + 1, column_of(&text[start..], offset - start))
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
        assert_eq!(index.locate(text, 0), (1, 1));
        assert_eq!(index.locate(text, 3), (2, 1));
        // `x` is after two 2-byte characters and a space: column 4.
        assert_eq!(index.locate(text, 8), (2, 4));
        assert_eq!(index.locate(text, 1000), (3, 1));
        // Going back does not reuse the cursor wrongly.
        assert_eq!(index.locate(text, 8), (2, 4));
        assert_eq!(index.locate(text, 5), (2, 2));
        assert_eq!(index.locate(text, 0), (1, 1));
        assert_eq!(offset_of(text, 2, 2), 4);
    }
}
