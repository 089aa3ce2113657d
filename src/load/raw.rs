//! The input records as written, each declared once (see `fields.rs`):
//! parsing, the fast reader, the JSON Schema (`claimlint schema`), the
//! known-field suggestions and the type messages all derive from these
//! declarations, so they cannot drift apart.
//!
//! Adding a field to a record is one line here; turning its value into the
//! model's is its validation, in `validate.rs`.

use schemars::JsonSchema;

use crate::basis::Basis;
use serde::Deserialize;

use super::fast::{FastValue, Reader};
use super::fields::FieldType;
pub(crate) use super::fields::Text;

/// Declares a record type: its fields, each with its doc comment (the
/// schema's description), its JSON key and its type (which says whether it
/// is required and what it must hold, see [`FieldType`]). Derives the serde
/// and schemars implementations, [`Record`] and the fast reader's
/// `FastRecord`.
macro_rules! record {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident $(<$lt:lifetime>)? ($kind:literal) {
            $(
                $(#[$field_meta:meta])*
                $json:literal => $field:ident : $ty:ty
            ),* $(,)?
        }
    ) => {
        #[derive(Debug, Default, serde::Deserialize, schemars::JsonSchema)]
        #[serde(deny_unknown_fields)]
        $(#[$meta])*
        $vis struct $name $(<$lt>)? {
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

record! {
    // Strings are read without copying them where the input allows
    // (`Text`); one `borrow` lets every `Text` field borrow.
    /// One claim about one person.
    #[schemars(rename = "Claim")]
    pub(crate) struct RawClaim<'a> ("claim") {
        /// Record type in NDJSON files; `claim` or absent.
        #[serde(borrow)]
        "type" => kind: Option<Text<'a>>,
        /// Stable id; derived from the content when absent.
        "id" => id: Option<Text<'a>>,
        /// The person's name as the source wrote it.
        "who" => who: Text<'a>,
        /// killed, died, alive, active, captured, released, escaped, injured,
        /// designated, born or role (case-insensitive; synonyms such as dead,
        /// arrested, detained, wounded, sanctioned are accepted).
        "status" => status: Text<'a>,
        /// When the event happened, as EDTF (`2017-06`, `2014-08?`, `../2015-05`).
        "date" => date: Option<Text<'a>>,
        /// Id of a source record, or an inline source object.
        "source" => source: Option<RawSourceRef>,
        /// Other names this claim gives for the person.
        "aliases" => aliases: Option<Vec<String>>,
        /// Broad or generic names (a kunya, a nom de guerre) that are shown and corroborate but never merge on their own.
        "weak_aliases" => weak_aliases: Option<Vec<String>>,
        /// Id of the entity record this claim is about: pins it to that person ahead of any name matching.
        "entity" => entity: Option<Text<'a>>,
        /// When the claim was published (EDTF); defaults to the source's `published`.
        "reported" => reported: Option<Text<'a>>,
        /// Who originally asserts the claim, as opposed to who published it.
        "according_to" => according_to: Option<Text<'a>>,
        /// confirmed, probable, possible, doubtful, improbable or unknown; or
        /// the Admiralty credibility digit 1 to 6, or its combined code with
        /// the source's reliability letter (`C2`: a fairly reliable source,
        /// probably true), which grades this claim's source for this claim.
        "certainty" => certainty: Option<Text<'a>>,
        /// What the claim rests on, from a fixed vocabulary; the only
        /// evidence that is weighed (`claimlint explain basis`).
        #[schemars(schema_with = "basis_schema")]
        "basis" => basis: Option<Text<'a>>,
        /// Free text on what the claim rests on ("DNA match", "video of
        /// unknown date"): shown, never weighed.
        "evidence" => evidence: Option<Text<'a>>,
        /// Where the event happened.
        "place" => place: Option<Text<'a>>,
        /// The agent of the event (who killed or captured him).
        "by" => by: Option<Text<'a>>,
        /// The position held (for status `role`).
        "role" => role: Option<Text<'a>>,
        /// The organisation of the role.
        "org" => org: Option<Text<'a>>,
        /// Age at the event, in years.
        "age" => age: Option<u32>,
        /// Ids of claims this claim disputes.
        "refutes" => refutes: Option<Vec<String>>,
        /// The sentence of the source the claim rests on.
        "quote" => quote: Option<Text<'a>>,
    }
}

/// The schema of `basis`: the vocabulary of [`Basis`], or null.
fn basis_schema(_: &mut schemars::gen::SchemaGenerator) -> schemars::schema::Schema {
    use schemars::schema::{InstanceType, SchemaObject, SingleOrVec};
    let mut values: Vec<serde_json::Value> = Basis::ALL.iter().map(|b| b.as_str().into()).collect();
    values.push(serde_json::Value::Null);
    SchemaObject {
        instance_type: Some(SingleOrVec::Vec(vec![
            InstanceType::String,
            InstanceType::Null,
        ])),
        enum_values: Some(values),
        ..Default::default()
    }
    .into()
}

/// Only the `type` of an NDJSON record, the rest skipped: which record
/// parser to try first.
#[derive(Debug, Deserialize)]
pub(crate) struct RecordKind<'a> {
    #[serde(rename = "type", borrow)]
    pub kind: Option<Text<'a>>,
}

/// A claim's `source`: the id of a source record, or the source itself.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
#[schemars(rename = "SourceRef")]
pub(crate) enum RawSourceRef {
    Id(String),
    Inline(Box<RawSource>),
}

impl FieldType for Option<RawSourceRef> {
    const EXPECTED: &'static str = "a source id (string) or a source object";
    // serde says only that no variant of the untagged enum matched.
    const DETAIL: bool = false;
}

/// By id only: an inline source object is left to serde.
impl FastValue<'_> for Option<RawSourceRef> {
    #[inline]
    fn read(&mut self, reader: &mut Reader<'_>) -> Option<()> {
        if !reader.null()? {
            *self = Some(RawSourceRef::Id(reader.string()?.to_string()));
        }
        Some(())
    }
}

record! {
    /// An article, statement or list that claims come from.
    #[schemars(rename = "Source")]
    pub(crate) struct RawSource ("source") {
        /// Record type in NDJSON files: `source`.
        "type" => kind: Option<String>,
        /// Required for source records; derived for inline sources without one.
        "id" => id: Option<String>,
        "title" => title: Option<String>,
        "publisher" => publisher: Option<String>,
        "author" => author: Option<String>,
        "url" => url: Option<String>,
        /// Publication date (EDTF).
        "published" => published: Option<String>,
        /// Admiralty source-reliability grade, A (completely reliable) to F (cannot be judged).
        "reliability" => reliability: Option<String>,
        /// Ids of the sources this one relays.
        "cites" => cites: Option<Vec<String>>,
    }
}

record! {
    /// A curator's record of one person.
    #[schemars(rename = "Entity")]
    pub(crate) struct RawEntity ("entity") {
        /// Record type in NDJSON files: `entity`.
        "type" => kind: Option<String>,
        "id" => id: String,
        "name" => name: String,
        "aliases" => aliases: Option<Vec<String>>,
        /// Date of birth (EDTF).
        "born" => born: Option<String>,
        /// Names or entity ids that are the same person.
        "same_as" => same_as: Option<Vec<String>>,
        /// Names or entity ids that are not the same person.
        "not_same_as" => not_same_as: Option<Vec<String>>,
    }
}

/// A `.json` input file: an array of claims, or an object of record arrays.
// Only its schema is used: the loader reads files record by record.
#[allow(dead_code)]
#[derive(JsonSchema)]
#[serde(untagged)]
#[schemars(title = "claimlint input file")]
pub(crate) enum RawFile<'a> {
    Claims(Vec<RawClaim<'a>>),
    Records {
        #[serde(default)]
        sources: Vec<RawSource>,
        #[serde(default)]
        entities: Vec<RawEntity>,
        #[serde(default)]
        claims: Vec<RawClaim<'a>>,
    },
}

/// The JSON Schema of a `.json` input file.
pub fn schema() -> schemars::schema::RootSchema {
    schemars::schema_for!(RawFile)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::fields::Record;

    /// The declaration lists every field the schema shows, in order.
    #[test]
    fn fields_are_declared_once_for_every_use() {
        let names: Vec<&str> = RawClaim::FIELDS.iter().map(|f| f.name).collect();
        assert_eq!(names[..4], ["type", "id", "who", "status"]);
        let required: Vec<&str> = (RawClaim::FIELDS.iter())
            .filter(|f| f.required)
            .map(|f| f.name)
            .collect();
        assert_eq!(required, ["who", "status"]);
        let schema = serde_json::to_value(schema()).unwrap();
        let properties = &schema["definitions"]["Claim"]["properties"];
        for name in &names {
            assert!(properties.get(name).is_some(), "{name}");
        }
        assert_eq!(properties.as_object().unwrap().len(), names.len());
        let entity: Vec<&str> = (RawEntity::FIELDS.iter())
            .filter(|f| f.required)
            .map(|f| f.name)
            .collect();
        assert_eq!(entity, ["id", "name"]);
    }
}
