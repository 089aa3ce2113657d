//! The input records as written: serde types from which both parsing and the
//! JSON Schema (`claimlint schema`) are derived, so they cannot drift apart.

use std::borrow::Cow;
use std::fmt;

use schemars::JsonSchema;
use serde::de::{self, Deserializer};
use serde::Deserialize;

/// One claim about one person.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Claim")]
pub struct RawClaim {
    /// Record type in NDJSON files; `claim` or absent.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Stable id; derived from the content when absent.
    pub id: Option<String>,
    /// The person's name as the source wrote it.
    pub who: String,
    /// killed, died, alive, active, captured, released, escaped, injured,
    /// designated, born or role (case-insensitive; synonyms such as dead,
    /// arrested, detained, wounded, sanctioned are accepted).
    pub status: String,
    /// When the event happened, as EDTF (`2017-06`, `2014-08?`, `../2015-05`).
    pub date: Option<String>,
    /// Id of a source record, or an inline source object.
    pub source: Option<RawSourceRef>,
    /// Other names this claim gives for the person.
    pub aliases: Option<Vec<String>>,
    /// When the claim was published (EDTF); defaults to the source's `published`.
    pub reported: Option<String>,
    /// Who originally asserts the claim, as opposed to who published it.
    pub according_to: Option<String>,
    /// confirmed, probable, possible, doubtful, improbable or unknown.
    pub certainty: Option<String>,
    /// The basis of the claim ("DNA match", "video of unknown date").
    pub evidence: Option<String>,
    /// Where the event happened.
    pub place: Option<String>,
    /// The agent of the event (who killed or captured him).
    pub by: Option<String>,
    /// The position held (for status `role`).
    pub role: Option<String>,
    /// The organisation of the role.
    pub org: Option<String>,
    /// Age at the event, in years.
    pub age: Option<u32>,
    /// Ids of claims this claim disputes.
    pub refutes: Option<Vec<String>>,
    /// The sentence of the source the claim rests on.
    pub quote: Option<String>,
}

/// [`RawClaim`] read without copying its strings: the loader's fast path
/// for well-formed records. It accepts exactly what `RawClaim` accepts (the
/// same fields, required fields and types), and a record it refuses is read
/// again as a `RawClaim`, whose errors are the ones reported.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimText<'a> {
    #[serde(rename = "type", borrow)]
    pub kind: Option<Text<'a>>,
    #[serde(borrow)]
    pub id: Option<Text<'a>>,
    #[serde(borrow)]
    pub who: Text<'a>,
    #[serde(borrow)]
    pub status: Text<'a>,
    #[serde(borrow)]
    pub date: Option<Text<'a>>,
    pub source: Option<RawSourceRef>,
    pub aliases: Option<Vec<String>>,
    #[serde(borrow)]
    pub reported: Option<Text<'a>>,
    #[serde(borrow)]
    pub according_to: Option<Text<'a>>,
    #[serde(borrow)]
    pub certainty: Option<Text<'a>>,
    #[serde(borrow)]
    pub evidence: Option<Text<'a>>,
    #[serde(borrow)]
    pub place: Option<Text<'a>>,
    #[serde(borrow)]
    pub by: Option<Text<'a>>,
    #[serde(borrow)]
    pub role: Option<Text<'a>>,
    #[serde(borrow)]
    pub org: Option<Text<'a>>,
    pub age: Option<u32>,
    pub refutes: Option<Vec<String>>,
    #[serde(borrow)]
    pub quote: Option<Text<'a>>,
}

impl From<RawClaim> for ClaimText<'static> {
    fn from(raw: RawClaim) -> Self {
        let text = |s: Option<String>| s.map(|s| Text(Cow::Owned(s)));
        ClaimText {
            kind: text(raw.kind),
            id: text(raw.id),
            who: Text(Cow::Owned(raw.who)),
            status: Text(Cow::Owned(raw.status)),
            date: text(raw.date),
            source: raw.source,
            aliases: raw.aliases,
            reported: text(raw.reported),
            according_to: text(raw.according_to),
            certainty: text(raw.certainty),
            evidence: text(raw.evidence),
            place: text(raw.place),
            by: text(raw.by),
            role: text(raw.role),
            org: text(raw.org),
            age: raw.age,
            refutes: raw.refutes,
            quote: text(raw.quote),
        }
    }
}

/// Only the `type` of an NDJSON record, the rest skipped: which record
/// parser to try first.
#[derive(Debug, Deserialize)]
pub struct RecordKind<'a> {
    #[serde(rename = "type", borrow)]
    pub kind: Option<Text<'a>>,
}

/// A JSON string, borrowed from the input unless it had escapes to decode.
///
/// (`Option<Cow<str>>` would always copy: serde borrows a `Cow` only as a
/// field of its own.)
#[derive(Debug)]
pub struct Text<'a>(pub Cow<'a, str>);

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

/// A claim's `source`: the id of a source record, or the source itself.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
#[schemars(rename = "SourceRef")]
pub enum RawSourceRef {
    Id(String),
    Inline(Box<RawSource>),
}

/// An article, statement or list that claims come from.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Source")]
pub struct RawSource {
    /// Record type in NDJSON files: `source`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Required for source records; derived for inline sources without one.
    pub id: Option<String>,
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    /// Publication date (EDTF).
    pub published: Option<String>,
    /// Admiralty source-reliability grade, A (completely reliable) to F (cannot be judged).
    pub reliability: Option<String>,
    /// Ids of the sources this one relays.
    pub cites: Option<Vec<String>>,
}

/// A curator's record of one person.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Entity")]
pub struct RawEntity {
    /// Record type in NDJSON files: `entity`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub id: String,
    pub name: String,
    pub aliases: Option<Vec<String>>,
    /// Date of birth (EDTF).
    pub born: Option<String>,
    /// Names or entity ids that are the same person.
    pub same_as: Option<Vec<String>>,
    /// Names or entity ids that are not the same person.
    pub not_same_as: Option<Vec<String>>,
}

/// A `.json` input file: an array of claims, or an object of record arrays.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
#[schemars(title = "claimlint input file")]
pub enum RawFile {
    Claims(Vec<RawClaim>),
    Records {
        #[serde(default)]
        sources: Vec<RawSource>,
        #[serde(default)]
        entities: Vec<RawEntity>,
        #[serde(default)]
        claims: Vec<RawClaim>,
    },
}

pub const CLAIM_FIELDS: [&str; 18] = [
    "type",
    "id",
    "who",
    "status",
    "date",
    "source",
    "aliases",
    "reported",
    "according_to",
    "certainty",
    "evidence",
    "place",
    "by",
    "role",
    "org",
    "age",
    "refutes",
    "quote",
];

pub const SOURCE_FIELDS: [&str; 9] = [
    "type",
    "id",
    "title",
    "publisher",
    "author",
    "url",
    "published",
    "reliability",
    "cites",
];

pub const ENTITY_FIELDS: [&str; 7] = [
    "type",
    "id",
    "name",
    "aliases",
    "born",
    "same_as",
    "not_same_as",
];

/// The JSON Schema of a `.json` input file.
pub fn schema() -> schemars::schema::RootSchema {
    schemars::schema_for!(RawFile)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast path must accept and refuse exactly what `RawClaim` does.
    #[test]
    fn claim_text_reads_what_raw_claim_reads() {
        let every_field = r#"{"type": "claim", "id": "c\"1", "who": "A\u00e9", "status": "killed",
            "date": "2017", "source": {"id": "s"}, "aliases": ["B"], "reported": "2018",
            "according_to": "x", "certainty": "confirmed", "evidence": "e", "place": "p",
            "by": "b", "role": "r", "org": "o", "age": 30, "refutes": ["c2"], "quote": "q"}"#;
        let fast: ClaimText = serde_json::from_str(every_field).unwrap();
        let slow: RawClaim = serde_json::from_str(every_field).unwrap();
        assert_eq!(format!("{:?}", ClaimText::from(slow)), format!("{fast:?}"));
        assert_eq!(fast.id.map(|t| t.0.into_owned()).as_deref(), Some("c\"1"));
        for field in CLAIM_FIELDS {
            assert!(every_field.contains(&format!("\"{field}\"")), "{field}");
        }
        for record in [
            r#"{"who": "A", "status": "killed", "colour": 1}"#,
            r#"{"who": "A"}"#,
            r#"{"who": 1, "status": "killed"}"#,
            r#"{"who": "A", "status": "killed", "who": "B"}"#,
            r#"{"who": "A", "status": "killed", "age": -1}"#,
            r#"{"who": "A", "status": "killed", "source": 3}"#,
            r#"{"who": "A", "status": "killed"} x"#,
            r#"["A", "killed"]"#,
        ] {
            let fast = serde_json::from_str::<ClaimText>(record).is_ok();
            let slow = serde_json::from_str::<RawClaim>(record).is_ok();
            assert_eq!(fast, slow, "{record}");
        }
    }
}
