//! One record's text into its raw record. The typed parse (or, for plain
//! claims, the fast reader) takes nearly every record; a record it refuses
//! is read again field by field, so that every problem is reported at its
//! field and what is valid is kept.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::errors::ErrorLog;
use super::fields::{Field, Record};
use super::position::{self, RecordAt};
use super::raw::{RawClaim, RawEntity, RawSource};
use super::{fast, scan, Loader};
use crate::suggest::did_you_mean;

impl Loader {
    /// A claim record; `type_reported` when an unknown `type` was already
    /// reported.
    pub(super) fn claim_record(&mut self, at: &RecordAt, record: &str, type_reported: bool) {
        let (raw, source_key) = match fast::read_noting::<RawClaim>(record, "source") {
            Some(read) => read,
            None => match parse_record::<RawClaim>(at, record, &mut self.errors) {
                Some(raw) => (raw, None),
                None => return,
            },
        };
        self.add_claim(at, raw, type_reported, source_key);
    }

    pub(super) fn source_record(&mut self, at: &RecordAt, record: &str) {
        if let Some(raw) = parse_record::<RawSource>(at, record, &mut self.errors) {
            self.add_source(at, raw);
        }
    }

    pub(super) fn entity_record(&mut self, at: &RecordAt, record: &str) {
        if let Some(raw) = parse_record::<RawEntity>(at, record, &mut self.errors) {
            self.add_entity(at, raw);
        }
    }
}

/// Parses one record: the typed parse, and on failure a field-by-field
/// pass that reports every problem at its field and keeps what is valid.
fn parse_record<'r, T: Record + Deserialize<'r>>(
    at: &RecordAt,
    record: &'r str,
    errors: &mut ErrorLog,
) -> Option<T> {
    // Not an object: one error and no record. When the file's errors are
    // no longer kept, saying which is not worth parsing it (a file of
    // millions of numbers).
    if !record.trim_start().starts_with('{') && errors.is_full() {
        errors.count_one();
        return None;
    }
    let first_error = match serde_json::from_str::<T>(record) {
        Ok(value) => return Some(value),
        Err(err) => err,
    };
    let Ok(FirstWins(value)) = serde_json::from_str(record) else {
        // Not JSON at all: the typed error already carries the position.
        let offset = position::offset_of(record, first_error.line(), first_error.column());
        errors.push(at.error_at(
            offset,
            format!("invalid JSON: {}", strip_position(&first_error)),
        ));
        return None;
    };
    let Value::Object(map) = value else {
        errors.push(at.error_at(
            0,
            format!(
                "expected a {} object `{{…}}`, found {}",
                T::KIND,
                json_type(&value)
            ),
        ));
        return None;
    };
    for (offset, key) in scan::duplicate_keys(record) {
        errors.push(at.error_at(
            offset,
            format!("duplicate key `{key}` in a {}; a key may appear once in a JSON object, the first value is kept", T::KIND),
        ));
    }
    let map = valid_fields::<T>(at, map, errors);
    if let Some(missing) = T::FIELDS
        .iter()
        .find(|f| f.required && !map.contains_key(f.name))
    {
        errors.push(at.error_at(
            0,
            format!(
                "a {} needs the field `{}`; the record is skipped",
                T::KIND,
                missing.name
            ),
        ));
        return None;
    }
    match T::deserialize(Value::Object(map)) {
        Ok(value) => Some(value),
        Err(err) => {
            errors.push(at.error_at(0, format!("invalid {}: {err}", T::KIND)));
            None
        }
    }
}

/// Words people write for a claim's fields, which no spelling distance
/// finds (`name` is far from `who`).
const CLAIM_SYNONYMS: [(&str, &str); 16] = [
    ("name", "who"),
    ("person", "who"),
    ("subject", "who"),
    ("individual", "who"),
    ("event", "status"),
    ("state", "status"),
    ("when", "date"),
    ("day", "date"),
    ("published", "reported"),
    ("confidence", "certainty"),
    ("credibility", "certainty"),
    ("location", "place"),
    ("agent", "by"),
    ("organisation", "org"),
    ("organization", "org"),
    ("position", "role"),
];

/// The field a record of `kind` probably means by `key`, from the words
/// people use for it.
fn synonym(kind: &str, key: &str) -> Option<&'static str> {
    let lower = key.to_ascii_lowercase();
    (kind == "claim")
        .then(|| CLAIM_SYNONYMS.iter().find(|(word, _)| *word == lower))
        .flatten()
        .map(|&(_, field)| field)
}

/// The fields of `map` that are known and of the right type; each of the
/// others is reported at its key.
fn valid_fields<T: Record>(
    at: &RecordAt,
    mut map: Map<String, Value>,
    errors: &mut ErrorLog,
) -> Map<String, Value> {
    let kind = T::KIND;
    map.retain(|key, value| {
        let Some(field) = T::field(key) else {
            let names = T::FIELDS.iter().map(|f| f.name);
            let hint = match synonym(kind, key) {
                Some(meant) => format!("; did you mean `{meant}`?"),
                None => did_you_mean(key, names.clone()),
            };
            let known = names.collect::<Vec<_>>().join(", ");
            errors.push(at.field_error(
                key,
                format!("unknown field `{key}` in a {kind}{hint} (known fields: {known})"),
            ));
            return false;
        };
        match T::check(key, value) {
            Ok(()) => true,
            Err(err) => {
                errors.push(at.field_error(key, type_message(field, kind, &err)));
                false
            }
        }
    });
    map
}

/// What a field of the wrong type is told it must be.
fn type_message(field: &Field, kind: &str, err: &serde_json::Error) -> String {
    let (key, expected) = (field.name, field.expected);
    if !field.detail {
        return format!("`{key}` in a {kind} must be {expected}");
    }
    format!(
        "`{key}` in a {kind} must be {expected} ({})",
        strip_position(err)
    )
}

/// serde_json's message without the position it appends (the loader
/// gives its own, in the file rather than in the record).
fn strip_position(err: &serde_json::Error) -> String {
    let text = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    match text.strip_suffix(&suffix) {
        Some(message) => message.to_string(),
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

/// A JSON value in which the first of two equal keys wins (serde_json's
/// `Value` keeps the last), as the loader reports the second.
pub struct FirstWins(pub Value);

impl<'de> Deserialize<'de> for FirstWins {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(FirstWinsVisitor)
            .map(FirstWins)
    }
}

struct FirstWinsVisitor;

impl<'de> Visitor<'de> for FirstWinsVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        FirstWins::deserialize(deserializer).map(|v| v.0)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut values = Vec::new();
        while let Some(FirstWins(value)) = seq.next_element()? {
            values.push(value);
        }
        Ok(Value::Array(values))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            let FirstWins(value) = access.next_value()?;
            map.entry(key).or_insert(value);
        }
        Ok(Value::Object(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_of_two_equal_keys_wins_at_any_depth() {
        let FirstWins(value) =
            serde_json::from_str(r#"{"a": 1, "b": {"c": 2, "c": 3}, "a": [4]}"#).unwrap();
        assert_eq!(value, serde_json::json!({"a": 1, "b": {"c": 2}}));
    }
}
