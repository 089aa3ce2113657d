//! What the fields of a record declared with `record!` (in `raw.rs`) are
//! and mean. From one declaration come the typed record
//! (serde), its JSON Schema (schemars), the fast reader's key table
//! (`fast.rs`), the known fields that unknown ones are matched against
//! ("did you mean"), which fields are required, and what a field of the
//! wrong type is told it must be.

use std::borrow::Cow;
use std::fmt;

use schemars::gen::SchemaGenerator;
use schemars::schema::Schema;
use schemars::JsonSchema;
use serde::de::{self, Deserialize, Deserializer};
use serde_json::Value;

/// One declared field, as the error path needs it.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    /// The key in the JSON record.
    pub name: &'static str,
    /// What a value of the field must be, in words (`an array of strings`).
    pub expected: &'static str,
    /// A record without this field is skipped.
    pub required: bool,
    /// Whether serde's own complaint about a wrong value adds to
    /// `expected` (it does not for a value that may take several shapes).
    pub detail: bool,
}

impl Field {
    /// The field `name` of type `T`.
    pub const fn of<T: FieldType>(name: &'static str) -> Field {
        Field {
            name,
            expected: T::EXPECTED,
            required: T::REQUIRED,
            detail: T::DETAIL,
        }
    }
}

/// What the type of a declared field means to a user.
pub trait FieldType {
    /// What a value must be, in words.
    const EXPECTED: &'static str;
    /// Required fields are the ones not wrapped in `Option`.
    const REQUIRED: bool = false;
    /// See [`Field::detail`].
    const DETAIL: bool = true;
}

impl FieldType for Text<'_> {
    const EXPECTED: &'static str = "a string";
    const REQUIRED: bool = true;
}

impl FieldType for Option<Text<'_>> {
    const EXPECTED: &'static str = "a string";
}

impl FieldType for String {
    const EXPECTED: &'static str = "a string";
    const REQUIRED: bool = true;
}

impl FieldType for Option<String> {
    const EXPECTED: &'static str = "a string";
}

impl FieldType for Option<Vec<String>> {
    const EXPECTED: &'static str = "an array of strings";
}

/// The one number among the fields is an age.
impl FieldType for Option<u32> {
    const EXPECTED: &'static str = "a whole number of years";
}

/// A record type declared with `record!` (in `raw.rs`).
pub trait Record {
    /// What the record is called in messages (`claim`).
    const KIND: &'static str;
    /// Its fields, in declaration order.
    const FIELDS: &'static [Field];

    /// Whether `value` is a valid value of the field `key` (an unknown key
    /// passes): serde's complaint, as it would make it in the whole record.
    fn check(key: &str, value: &Value) -> Result<(), serde_json::Error>;

    /// The declared field `name`.
    fn field(name: &str) -> Option<&'static Field> {
        Self::FIELDS.iter().find(|f| f.name == name)
    }
}

/// A JSON string, borrowed from the input unless it had escapes to decode.
///
/// (`Option<Cow<str>>` would always copy: serde borrows a `Cow` only as a
/// field of its own.)
#[derive(Debug, Default)]
pub struct Text<'a>(pub Cow<'a, str>);

/// A JSON string in the schema, as `String` is.
impl JsonSchema for Text<'_> {
    fn is_referenceable() -> bool {
        false
    }

    fn schema_name() -> String {
        String::schema_name()
    }

    fn json_schema(gen: &mut SchemaGenerator) -> Schema {
        String::json_schema(gen)
    }
}

impl std::ops::Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> de::Visitor<'de> for Visitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_string(Visitor)
    }
}
