//! How a record's fields are declared: once, with [`record!`] (the
//! declarations are in `raw.rs`). From one declaration come the typed record
//! (serde), its JSON Schema (schemars), the fast reader's key table
//! (`fast.rs`), the known fields that unknown ones are matched against
//! ("did you mean"), which fields are required, and what a field of the
//! wrong type is told it must be.

use serde_json::Value;

use super::raw::{RawSourceRef, Text};

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

impl FieldType for Option<RawSourceRef> {
    const EXPECTED: &'static str = "a source id (string) or a source object";
    // serde says only that no variant of the untagged enum matched.
    const DETAIL: bool = false;
}

/// A record type declared with [`record!`].
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

/// Declares a record type: its fields, each with its doc comment (the
/// schema's description), its JSON key and its type (which says whether it
/// is required and what it must hold, see [`FieldType`]). Derives the serde
/// and schemars implementations, [`Record`] and the fast reader's
/// `FastRecord`.
macro_rules! record {
    (
        $(#[$meta:meta])*
        pub struct $name:ident $(<$lt:lifetime>)? ($kind:literal) {
            $(
                $(#[$field_meta:meta])*
                $json:literal => $field:ident : $ty:ty
            ),* $(,)?
        }
    ) => {
        #[derive(Debug, Default, serde::Deserialize, schemars::JsonSchema)]
        #[serde(deny_unknown_fields)]
        $(#[$meta])*
        pub struct $name $(<$lt>)? {
            $(
                $(#[$field_meta])*
                #[serde(rename = $json)]
                pub $field: $ty,
            )*
        }

        impl $(<$lt>)? $crate::load::fields::Record for $name $(<$lt>)? {
            const KIND: &'static str = $kind;
            const FIELDS: &'static [$crate::load::fields::Field] =
                &[$($crate::load::fields::Field::of::<$ty>($json)),*];

            fn check(key: &str, value: &serde_json::Value) -> Result<(), serde_json::Error> {
                match key {
                    $($json => <$ty as serde::Deserialize>::deserialize(value.clone()).map(drop),)*
                    _ => Ok(()),
                }
            }
        }

        impl<'r $(, $lt)?> $crate::load::fast::FastRecord<'r> for $name $(<$lt>)?
        where
            $($ty: $crate::load::fast::FastValue<'r>,)*
        {
            const REQUIRED: u64 = {
                #[allow(non_camel_case_types, dead_code)]
                enum Bit { $($field),* }
                0 $(| ((<$ty as $crate::load::fields::FieldType>::REQUIRED as u64) << (Bit::$field as u32)))*
            };

            #[inline]
            fn read_field(
                &mut self,
                key: &str,
                reader: &mut $crate::load::fast::Reader<'r>,
            ) -> Option<u32> {
                #[allow(non_camel_case_types, dead_code)]
                enum Bit { $($field),* }
                Some(match key {
                    $($json => {
                        $crate::load::fast::FastValue::read(&mut self.$field, reader)?;
                        Bit::$field as u32
                    })*
                    _ => return None,
                })
            }
        }
    };
}

pub(crate) use record;
