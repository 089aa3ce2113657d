//! A claim record in its everyday shape, read without serde.
//!
//! Nearly every record of a large dataset is a flat object of plain strings:
//! known keys, no escapes, a source given by id. serde_json spends most of
//! the loader's time on those, in generic machinery that this shape does
//! not need. [`read_noting`] reads exactly that shape and gives up (`None`) on
//! anything else: escapes, whitespace other than spaces, unknown or
//! repeated keys, an inline source, a number that is not a plain `u32`, any
//! syntax error. Whatever it gives up on is read by serde as before, so it
//! never has to be right about a record that is unusual, only about the
//! plain ones, where it gives what serde gives (the tests below hold it to
//! that).

use std::borrow::Cow;

use super::fields::Text;

/// A record the fast reader can fill: implemented by `record!` for every
/// declared record, from the same field list.
pub trait FastRecord<'r>: Default {
    /// Bit i: the i-th declared field is required.
    const REQUIRED: u64;

    /// Reads the value of `key` into its field; the field's bit, or `None`
    /// for an unknown key or a value of an unusual shape.
    fn read_field(&mut self, key: &str, reader: &mut Reader<'r>) -> Option<u32>;
}

/// A field type the fast reader reads (in its everyday shape only).
pub trait FastValue<'r> {
    /// Reads the value; `None` gives the record up to serde.
    fn read(&mut self, reader: &mut Reader<'r>) -> Option<()>;
}

/// The record in `text` when it has the everyday shape, and where the key
/// `noted` is in `text` when it is there: found on the way, it costs
/// nothing (the loader keeps where a claim's `source` is, to report an
/// unknown one after every file is read).
pub fn read_noting<'r, T: FastRecord<'r>>(
    text: &'r str,
    noted: &str,
) -> Option<(T, Option<usize>)> {
    // Escapes, and control characters (which JSON forbids in strings), are
    // for serde: then every string here ends at the next quote. Checking
    // the whole record at once is quicker than string by string.
    let unusual = text
        .bytes()
        .fold(false, |unusual, b| unusual | (b == b'\\') | (b < 0x20));
    if unusual {
        return None;
    }
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    let mut record = T::default();
    // Bit i: the i-th declared field was seen. A key seen twice gives the
    // record up to the slow path, which reports it.
    let mut seen = 0u64;
    let mut noted_at = None;
    reader.expect(b'{')?;
    if reader.peek()? == b'}' {
        reader.pos += 1;
    } else {
        loop {
            reader.skip_whitespace();
            let key_at = reader.pos;
            let key = reader.string()?;
            if key == noted {
                noted_at = Some(key_at);
            }
            reader.expect(b':')?;
            let bit = record.read_field(key, &mut reader)?;
            if seen & (1 << bit) != 0 {
                return None;
            }
            seen |= 1 << bit;
            match reader.next()? {
                b',' => {}
                b'}' => break,
                _ => return None,
            }
        }
    }
    reader.skip_whitespace();
    (reader.pos == reader.bytes.len() && seen & T::REQUIRED == T::REQUIRED)
        .then_some((record, noted_at))
}

impl<'r> FastValue<'r> for Option<Text<'r>> {
    #[inline]
    fn read(&mut self, reader: &mut Reader<'r>) -> Option<()> {
        if !reader.null()? {
            *self = Some(Text(Cow::Borrowed(reader.string()?)));
        }
        Some(())
    }
}

impl<'r> FastValue<'r> for Text<'r> {
    #[inline]
    fn read(&mut self, reader: &mut Reader<'r>) -> Option<()> {
        *self = Text(Cow::Borrowed(reader.string()?));
        Some(())
    }
}

impl FastValue<'_> for Option<String> {
    fn read(&mut self, reader: &mut Reader<'_>) -> Option<()> {
        if !reader.null()? {
            *self = Some(reader.string()?.to_string());
        }
        Some(())
    }
}

impl FastValue<'_> for String {
    fn read(&mut self, reader: &mut Reader<'_>) -> Option<()> {
        *self = reader.string()?.to_string();
        Some(())
    }
}

impl FastValue<'_> for Option<Vec<String>> {
    #[inline]
    fn read(&mut self, reader: &mut Reader<'_>) -> Option<()> {
        *self = reader.strings()?;
        Some(())
    }
}

impl FastValue<'_> for Option<u32> {
    #[inline]
    fn read(&mut self, reader: &mut Reader<'_>) -> Option<()> {
        if !reader.null()? {
            *self = Some(reader.whole_number()?);
        }
        Some(())
    }
}

/// The text of one record and how far it has been read.
pub struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// Spaces: the record has no other whitespace (see [`claim`]).
    fn skip_whitespace(&mut self) {
        while let Some(b' ') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    /// The next byte that is not whitespace, left unread.
    fn peek(&mut self) -> Option<u8> {
        self.skip_whitespace();
        self.bytes.get(self.pos).copied()
    }

    /// The next byte that is not whitespace, read.
    fn next(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.pos += 1;
        Some(byte)
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.next()? == byte).then_some(())
    }

    /// A string (the record has no escapes: it ends at the next quote).
    pub fn string(&mut self) -> Option<&'a str> {
        self.expect(b'"')?;
        let start = self.pos;
        let end = start + memchr::memchr(b'"', self.bytes.get(start..)?)?;
        let text = self.text.get(start..end)?;
        self.pos = end + 1;
        Some(text)
    }

    /// `null`, read; or false with nothing read.
    pub fn null(&mut self) -> Option<bool> {
        self.skip_whitespace();
        if self.bytes.get(self.pos..)?.starts_with(b"null") {
            self.pos += 4;
            Some(true)
        } else {
            Some(false)
        }
    }

    /// An array of strings, or `null`.
    fn strings(&mut self) -> Option<Option<Vec<String>>> {
        if self.null()? {
            return Some(None);
        }
        self.expect(b'[')?;
        let mut strings = Vec::new();
        if self.peek()? == b']' {
            self.pos += 1;
            return Some(Some(strings));
        }
        loop {
            strings.push(self.string()?.to_string());
            match self.next()? {
                b',' => {}
                b']' => return Some(Some(strings)),
                _ => return None,
            }
        }
    }

    /// Digits without a leading zero, that fit a `u32`. What follows them
    /// must be `,` or `}` (the caller checks), so `1.5` and `1e3` fail.
    fn whole_number(&mut self) -> Option<u32> {
        self.skip_whitespace();
        let digits = self.bytes.get(self.pos..)?;
        let length = digits.iter().take_while(|b| b.is_ascii_digit()).count();
        if length == 0 || (length > 1 && digits[0] == b'0') {
            return None;
        }
        let mut number = 0u32;
        for digit in &digits[..length] {
            number = number
                .checked_mul(10)?
                .checked_add(u32::from(digit - b'0'))?;
        }
        self.pos += length;
        Some(number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::raw::RawClaim;
    use proptest::prelude::*;

    fn serde(record: &str) -> Option<String> {
        serde_json::from_str::<RawClaim>(record)
            .ok()
            .map(|c| format!("{c:?}"))
    }

    fn fast(record: &str) -> Option<String> {
        read_noting::<RawClaim>(record, "source").map(|(c, _)| format!("{c:?}"))
    }

    #[test]
    fn plain_records_are_read_as_serde_reads_them() {
        for record in [
            r#"{"id":"c1","who":"Abu Anas","status":"killed","date":"2017-06","source":"s1"}"#,
            r#" { "who" : "X" , "status" : "alive" , "age" : 0 , "aliases" : [ ] } "#,
            r#"{"who":"X","status":"alive","age":4294967295,"refutes":["a","b"],"source":null}"#,
            r#"{"type":"claim","who":"Ibn Ḥajar","status":"role","role":"r","org":"o","date":null}"#,
            "{\"who\":\"X\",  \"status\":\"alive\",\"quote\":\"\u{7f}é\"}",
        ] {
            assert!(fast(record).is_some(), "{record}");
            assert_eq!(fast(record), serde(record), "{record}");
        }
    }

    #[test]
    fn unusual_records_are_left_to_serde() {
        for record in [
            r#"{"who":"X\"Y","status":"alive"}"#,
            r#"{"who":"X","status":"alive","source":{"id":"s"}}"#,
            r#"{"who":"X","status":"alive","age":30.0}"#,
            r#"{"who":"X","status":"alive","age":1e2}"#,
            r#"{"who":"X","status":"alive","age":-1}"#,
            r#"{"who":"X","status":"alive","age":007}"#,
            r#"{"who":"X","status":"alive","age":4294967296}"#,
            r#"{"who":"X","status":"alive","colour":"red"}"#,
            r#"{"who":"X","status":"alive","who":"Y"}"#,
            r#"{"who":"X","status":"alive"} x"#,
            r#"{"who":"X","status":"alive",}"#,
            r#"{"who":null,"status":"alive"}"#,
            r#"{"who":"X"}"#,
            r#"{"who":"X","status":"alive","aliases":["a",]}"#,
            r#"{"who":"X","status":"alive","aliases":[null]}"#,
            r#"{"who":"X","status":"alive","date":nul}"#,
            "{\"who\":\"X\u{1}\",\"status\":\"alive\"}",
            "{\"who\":\"X\",\n\"status\":\"alive\"}",
            "{\"who\":\"X\t\",\"status\":\"alive\"}",
            "\u{a0}{\"who\":\"X\",\"status\":\"alive\"}",
            r#"{}"#,
            r#"[]"#,
            r#""#,
        ] {
            assert_eq!(fast(record), None, "{record}");
        }
    }

    /// Bits of claim records, valid and not, to be put together at random.
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            " ",
            "\n",
            "\"",
            "\\",
            "null",
            "0",
            "7",
            "-",
            ".",
            "e",
            "\"who\"",
            "\"status\"",
            "\"id\"",
            "\"type\"",
            "\"date\"",
            "\"source\"",
            "\"aliases\"",
            "\"age\"",
            "\"refutes\"",
            "\"quote\"",
            "\"colour\"",
            "\"x\"",
            "\"2017\"",
            "\"killed\"",
            "\"é\\u00e9\"",
            "\"a\\\"b\"",
            "\u{1}",
            "é",
            "true",
            "\"who\":\"X\",",
            "\"status\":\"alive\"",
            "\"age\":30",
            "\"aliases\":[\"a\",\"b\"]",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        /// Whatever the fast reader accepts, serde accepts as the same claim.
        #[test]
        fn never_disagrees_with_serde(pieces in prop::collection::vec(piece(), 0..24)) {
            let record = pieces.concat();
            if let Some(fast) = fast(&record) {
                prop_assert_eq!(Some(fast), serde(&record), "{}", record);
            }
        }

        /// The same for records that are nearly right: one piece of a good
        /// record replaced, dropped or repeated.
        #[test]
        fn near_misses_never_disagree(at in 0usize..16, with in piece(), how in 0u8..3) {
            let mut pieces = vec![
                "{", "\"who\"", ":", "\"X\"", ",", "\"status\"", ":", "\"alive\"", ",",
                "\"age\"", ":", "30", ",", "\"aliases\"", ":", "[\"a\"]", "}",
            ];
            let at = at % pieces.len();
            match how {
                0 => pieces[at] = with,
                1 => { pieces.remove(at); }
                _ => pieces.insert(at, with),
            }
            let record = pieces.concat();
            if let Some(fast) = fast(&record) {
                prop_assert_eq!(Some(fast), serde(&record), "{}", record);
            }
        }
    }
}
