//! Finds the records of a `.json` file without building a tree of it.
//!
//! The scanner walks the top level only (an array of claims, or an object
//! with `sources`, `entities`, `claims` arrays) and hands back the byte span of
//! every element, so that each record is parsed on its own: one broken record
//! cannot hide the others, and every error can be placed exactly. It is
//! iterative with an explicit depth limit, so no input can overflow the stack.

use std::collections::HashSet;

/// Which top-level array an element came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Claims,
    Sources,
    Entities,
}

impl Section {
    pub const KEYS: [&'static str; 3] = ["claims", "sources", "entities"];

    fn from_key(key: &str) -> Option<Section> {
        match key {
            "claims" => Some(Section::Claims),
            "sources" => Some(Section::Sources),
            "entities" => Some(Section::Entities),
            _ => None,
        }
    }
}

/// One record's place in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Element {
    pub section: Section,
    pub start: usize,
    pub end: usize,
}

/// A structural problem at a byte offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScanError {
    /// Where, in bytes from the start of the file.
    pub offset: usize,
    /// What is wrong, for the user.
    pub message: String,
    /// What is wrong, for the loader.
    pub kind: Problem,
}

/// The kinds of structural problem the loader treats differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A key other than `sources`, `entities`, `claims` in the top-level
    /// object: the object may be a single claim.
    UnknownTopLevelKey,
    /// Any other.
    Structure,
}

/// Nesting deeper than this is refused: no claim needs more than a few levels,
/// and serde_json's own limit (128) must never be the one that trips.
pub const MAX_DEPTH: usize = 64;

/// The elements found and the problems met. Scanning goes on after a problem
/// whenever the structure lets it resynchronise.
#[cfg(test)]
pub fn scan(text: &str) -> (Vec<Element>, Vec<ScanError>) {
    let mut elements = Vec::new();
    let scanned = scan_in_batches(text, 1 << 16, |batch| elements.extend_from_slice(batch));
    (elements, scanned.problems)
}

/// What a scan found besides the elements.
#[derive(Debug, Default)]
pub struct Scanned {
    /// How many elements were found.
    pub elements: usize,
    /// The first [`MAX_PROBLEMS`] problems.
    pub problems: Vec<ScanError>,
    /// How many more there were.
    pub unlisted: usize,
    /// Whether every problem is an unknown top-level key.
    pub only_unknown_keys: bool,
    /// The first few unknown top-level keys, to say what a file that is
    /// not a claims file holds.
    pub unknown_keys: Vec<String>,
}

/// Problems listed by one scan; a file with more is not a claims file.
pub const MAX_PROBLEMS: usize = 100;

/// [`scan`], handing the elements to `sink` as it finds them, in batches of
/// at most `batch` and in order, so that memory holds a batch of them, not
/// one for every value of a file that is a huge array of something else.
pub fn scan_in_batches(text: &str, batch: usize, sink: impl FnMut(&[Element])) -> Scanned {
    let mut scanner = Scanner {
        bytes: text.as_bytes(),
        pos: 0,
        batch: Vec::with_capacity(batch.min(1 << 16)),
        batch_size: batch.max(1),
        sink,
        scanned: Scanned {
            only_unknown_keys: true,
            unknown_keys: Vec::new(),
            ..Scanned::default()
        },
        broken: false,
    };
    scanner.document();
    scanner.flush();
    scanner.scanned
}

struct Scanner<'a, F: FnMut(&[Element])> {
    bytes: &'a [u8],
    pos: usize,
    /// Elements found and not yet handed to `sink`.
    batch: Vec<Element>,
    batch_size: usize,
    sink: F,
    scanned: Scanned,
    /// Set by an error the scanner cannot resynchronise after: everything
    /// that follows would only be a cascade of the same mistake.
    broken: bool,
}

impl<F: FnMut(&[Element])> Scanner<'_, F> {
    fn push(&mut self, element: Element) {
        self.batch.push(element);
        self.scanned.elements += 1;
        if self.batch.len() >= self.batch_size {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if !self.batch.is_empty() {
            (self.sink)(&self.batch);
            self.batch.clear();
        }
    }

    fn fatal(&mut self, offset: usize, message: impl Into<String>) {
        self.error(offset, message);
        self.broken = true;
    }

    fn error(&mut self, offset: usize, message: impl Into<String>) {
        self.problem(offset, message, Problem::Structure);
    }

    fn problem(&mut self, offset: usize, message: impl Into<String>, kind: Problem) {
        if self.broken {
            return;
        }
        self.scanned.only_unknown_keys &= kind == Problem::UnknownTopLevelKey;
        if self.scanned.problems.len() >= MAX_PROBLEMS {
            self.scanned.unlisted += 1;
            return;
        }
        self.scanned.problems.push(ScanError {
            offset,
            message: message.into(),
            kind,
        });
    }

    fn skip_ws(&mut self) {
        while let Some(b) = self.bytes.get(self.pos) {
            if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn document(&mut self) {
        // A byte-order mark is legal at the start of a UTF-8 file.
        if self.bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
            self.pos = 3;
        }
        self.skip_ws();
        match self.peek() {
            None => self.error(self.pos, "the file is empty; expected an array of claims or an object with `sources`, `entities` and `claims`"),
            Some(b'[') => {
                self.array(Section::Claims);
                self.trailing();
            }
            Some(b'{') => {
                self.top_object();
                self.trailing();
            }
            Some(_) => self.error(
                self.pos,
                "expected `[` (an array of claims) or `{` (an object with `sources`, `entities`, `claims`)",
            ),
        }
    }

    fn trailing(&mut self) {
        self.skip_ws();
        if self.pos < self.bytes.len() {
            self.error(
                self.pos,
                "unexpected text after the end of the JSON document (for one record per line, name the file `.jsonl`)",
            );
        }
    }

    fn top_object(&mut self) {
        self.pos += 1; // `{`
        loop {
            self.skip_ws();
            match self.peek() {
                Some(b'}') => {
                    self.pos += 1;
                    return;
                }
                Some(b'"') => {}
                None => {
                    self.error(
                        self.pos,
                        "the file ends inside the top-level object; expected `}`",
                    );
                    return;
                }
                Some(_) => {
                    self.error(self.pos, "expected a key in double quotes");
                    return;
                }
            }
            let key_start = self.pos;
            let Some(key) = self.string() else { return };
            self.skip_ws();
            if self.peek() != Some(b':') {
                self.error(self.pos, format!("expected `:` after the key \"{key}\""));
                return;
            }
            self.pos += 1;
            self.skip_ws();
            match Section::from_key(&key) {
                Some(section) if self.peek() == Some(b'[') => self.array(section),
                Some(_) => {
                    self.error(self.pos, format!("`{key}` must be an array of records"));
                    if !self.skip_value() {
                        return;
                    }
                }
                None => {
                    // `$schema` lets editors validate the file; it is not data.
                    if key != "$schema" {
                        if self.scanned.unknown_keys.len() < 4 {
                            self.scanned.unknown_keys.push(key.to_string());
                        }
                        let hint = crate::suggest::did_you_mean(&key, Section::KEYS);
                        self.problem(
                            key_start,
                            format!("unknown top-level key `{key}`{hint} (expected `sources`, `entities` or `claims`)"),
                            Problem::UnknownTopLevelKey,
                        );
                    }
                    if !self.skip_value() {
                        return;
                    }
                }
            }
            self.skip_ws();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_ws();
                    if self.peek() == Some(b'}') {
                        self.error(self.pos, "trailing comma before `}` is not allowed in JSON");
                    }
                }
                Some(b'}') => {}
                None => {
                    self.error(
                        self.pos,
                        "the file ends inside the top-level object; expected `}`",
                    );
                    return;
                }
                Some(_) => {
                    self.error(self.pos, "expected `,` or `}` after a value");
                    return;
                }
            }
        }
    }

    fn array(&mut self, section: Section) {
        self.pos += 1; // `[`
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return;
        }
        loop {
            self.skip_ws();
            let start = self.pos;
            if self.peek().is_none() {
                self.error(self.pos, "the file ends inside an array; expected `]`");
                return;
            }
            if !self.skip_value() {
                return;
            }
            self.push(Element {
                section,
                start,
                end: self.pos,
            });
            self.skip_ws();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_ws();
                    if self.peek() == Some(b']') {
                        self.error(self.pos, "trailing comma before `]` is not allowed in JSON");
                        self.pos += 1;
                        return;
                    }
                }
                Some(b']') => {
                    self.pos += 1;
                    return;
                }
                None => {
                    self.error(
                        self.pos,
                        "the file ends inside an array; expected `,` or `]`",
                    );
                    return;
                }
                // A forgotten comma between two records: say so, then read on
                // as if it were there, so the records after it still load.
                Some(b'{') | Some(b'[') | Some(b'"') => {
                    self.error(self.pos, "expected `,` between two array elements");
                }
                Some(_) => {
                    self.error(self.pos, "expected `,` or `]` after an array element");
                    return;
                }
            }
        }
    }

    /// Reads a string starting at `"`, returning its raw contents (escapes are
    /// kept as written; keys we care about have none).
    fn string(&mut self) -> Option<String> {
        let start = self.pos;
        self.pos += 1;
        while let Some(b) = self.peek() {
            match b {
                b'"' => {
                    let raw = &self.bytes[start + 1..self.pos];
                    self.pos += 1;
                    return Some(String::from_utf8_lossy(raw).into_owned());
                }
                b'\\' => self.pos += 2,
                _ => self.pos += 1,
            }
        }
        self.fatal(
            start,
            "unterminated string: the file ends before its closing `\"` (is it truncated?)",
        );
        None
    }

    /// Skips one value of any kind; false when the structure is broken beyond
    /// repair (the error is already recorded).
    fn skip_value(&mut self) -> bool {
        let mut closers: Vec<u8> = Vec::new();
        loop {
            let Some(b) = self.peek() else {
                let expected = closers
                    .last()
                    .map_or("a value".to_string(), |c| format!("`{}`", *c as char));
                self.fatal(
                    self.pos,
                    format!("the file ends too early; expected {expected} (is it truncated?)"),
                );
                return false;
            };
            match b {
                b'{' | b'[' => {
                    if closers.len() >= MAX_DEPTH {
                        self.fatal(
                            self.pos,
                            format!("nesting deeper than {MAX_DEPTH} levels; a claim record needs only two or three"),
                        );
                        return false;
                    }
                    closers.push(if b == b'{' { b'}' } else { b']' });
                    self.pos += 1;
                }
                b'}' | b']' => {
                    match closers.pop() {
                        Some(expected) if expected == b => self.pos += 1,
                        Some(expected) => {
                            self.fatal(
                                self.pos,
                                format!(
                                    "expected `{}` but found `{}`",
                                    expected as char, b as char
                                ),
                            );
                            return false;
                        }
                        // A closer of the enclosing array: the value was empty.
                        None => {
                            self.fatal(self.pos, "expected a value");
                            return false;
                        }
                    }
                }
                b'"' => {
                    if self.string().is_none() {
                        return false;
                    }
                }
                _ => {
                    // Scalars, whitespace, commas and colons inside containers:
                    // serde_json validates them when the record is parsed.
                    if closers.is_empty() {
                        let start = self.pos;
                        while let Some(c) = self.peek() {
                            if matches!(c, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r') {
                                break;
                            }
                            self.pos += 1;
                        }
                        if self.pos == start {
                            self.fatal(self.pos, "expected a value");
                            return false;
                        }
                        return true;
                    }
                    self.pos += 1;
                }
            }
            if closers.is_empty() {
                return true;
            }
        }
    }
}

/// The byte offset of each top-level key of the JSON object in `record`,
/// used only on the error path to point at the field at fault.
///
/// `record` may run on past the object (the rest of the file): the search
/// stops where the object closes.
pub fn key_offset(record: &str, wanted: &str) -> Option<usize> {
    let bytes = record.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return None;
                }
            }
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                let end = i.min(bytes.len());
                if depth == 1 {
                    let mut j = end + 1;
                    while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                        j += 1;
                    }
                    let is_key = bytes.get(j) == Some(&b':');
                    if is_key && record.get(start + 1..end) == Some(wanted) {
                        return Some(start);
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Every key that repeats an earlier key of the same object, at any depth
/// of the record, with its byte offset: JSON parsers silently keep one of
/// the two values, so the loader reports them. `record` is valid JSON.
pub fn duplicate_keys(record: &str) -> Vec<(usize, String)> {
    let bytes = record.as_bytes();
    // One entry per open container: an object's keys so far, or `None`
    // for an array.
    let mut open: Vec<Option<HashSet<String>>> = Vec::new();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => open.push(Some(HashSet::new())),
            b'[' => open.push(None),
            b'}' | b']' => {
                open.pop();
                if open.is_empty() {
                    break;
                }
            }
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                let end = i.min(bytes.len());
                let mut next = end + 1;
                while bytes.get(next).is_some_and(u8::is_ascii_whitespace) {
                    next += 1;
                }
                if let (Some(Some(keys)), Some(b':')) = (open.last_mut(), bytes.get(next)) {
                    let key = key_text(record.get(start..=end).unwrap_or_default());
                    if keys.contains(&key) {
                        found.push((start, key));
                    } else {
                        keys.insert(key);
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// A key as JSON means it (`"\u0061"` is `a`), from its quoted text.
fn key_text(quoted: &str) -> String {
    let inner = quoted
        .strip_prefix('"')
        .and_then(|q| q.strip_suffix('"'))
        .unwrap_or(quoted);
    if inner.contains('\\') {
        if let Ok(key) = serde_json::from_str::<String>(quoted) {
            return key;
        }
    }
    inner.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<&str> {
        let (elements, errors) = scan(text);
        assert!(errors.is_empty(), "{errors:?}");
        elements.iter().map(|e| &text[e.start..e.end]).collect()
    }

    #[test]
    fn array_and_object_layouts() {
        assert_eq!(
            spans(r#"[{"a":1}, {"b":"]"}]"#),
            vec![r#"{"a":1}"#, r#"{"b":"]"}"#]
        );
        let (elements, errors) = scan(r#"{"sources":[{"id":"s"}],"claims":[{"who":"x"}]}"#);
        assert!(errors.is_empty());
        assert_eq!(elements[0].section, Section::Sources);
        assert_eq!(elements[1].section, Section::Claims);
        assert!(spans("[]").is_empty());
    }

    #[test]
    fn broken_structure_is_reported_not_fatal() {
        let (elements, errors) = scan(r#"[{"a":1} {"b":2}]"#);
        assert_eq!(elements.len(), 2);
        assert!(errors[0].message.contains("expected `,`"));

        let (_, errors) = scan(r#"[{"a":1},]"#);
        assert!(errors[0].message.contains("trailing comma"));

        let (elements, errors) = scan(r#"[{"a":1}, {"b": [1, 2"#);
        assert_eq!(elements.len(), 1);
        assert!(errors[0].message.contains("truncated"), "{errors:?}");

        let (_, errors) = scan("");
        assert!(errors[0].message.contains("empty"));

        let (_, errors) = scan(r#"{"claimz": []}"#);
        assert!(
            errors[0].message.contains("did you mean `claims`"),
            "{errors:?}"
        );
    }

    #[test]
    fn deep_nesting_is_refused_without_recursion() {
        let deep = format!("[{}{}]", "[".repeat(100_000), "]".repeat(100_000));
        let (_, errors) = scan(&deep);
        assert!(errors[0].message.contains("nesting deeper"));
    }

    #[test]
    fn duplicate_keys_at_any_depth() {
        let record = r#"{"id": "a", "status": "killed", "status": "alive",
            "source": {"id": "s", "\u0069d": "t"}, "aliases": [{"x": 1}, {"x": 2}]}"#;
        let found = duplicate_keys(record);
        let keys: Vec<&str> = found.iter().map(|(_, k)| k.as_str()).collect();
        assert_eq!(keys, ["status", "id"]);
        assert_eq!(&record[found[0].0..found[0].0 + 8], "\"status\"");
        assert!(duplicate_keys(r#"{"a": "\"a\":", "b": 1}"#).is_empty());
    }

    #[test]
    fn key_offsets_ignore_nested_keys_and_values() {
        let record = r#"{"quote": "source:", "source": {"source": 1}}"#;
        assert_eq!(key_offset(record, "source"), Some(21));
        assert_eq!(key_offset(record, "missing"), None);
    }
}
