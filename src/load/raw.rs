//! The input records as written: serde types from which both parsing and the
//! JSON Schema (`claimlint schema`) are derived, so they cannot drift apart.

use schemars::JsonSchema;
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
