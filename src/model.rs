//! The validated dataset: claims, sources and entity records, each with the
//! place in the input it came from.

use std::fmt;
use std::sync::Arc;

use serde::Serialize;

use crate::basis::Basis;
use crate::collections::IdIndex;
use crate::date::{Day, Edtf, Interval};
use crate::suggest::nearest;

/// Where a record or an input problem sits: file, 1-based line and column
/// (the column counts characters, as editors do).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// The file, as it was named when read.
    pub file: Arc<str>,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// One problem with the input, where it is and what would be right.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct InputError {
    /// The file at fault, as it was named when read.
    pub file: Arc<str>,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// What is wrong and what would be right.
    pub message: String,
}

impl InputError {
    /// The error `message` at `pos`.
    pub fn at(pos: &Pos, message: String) -> InputError {
        InputError {
            file: pos.file.clone(),
            line: pos.line,
            column: pos.column,
            message,
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

/// What a claim says happened to the person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Killed by someone (`by` says who).
    Killed,
    /// Died (not said to be killed).
    Died,
    /// Seen, heard or photographed: proof of life.
    Alive,
    /// Acted (led, planned, issued a statement): weaker than proof of life.
    Active,
    /// Captured, arrested, detained.
    Captured,
    /// Released from custody.
    Released,
    /// Escaped from custody.
    Escaped,
    /// Injured, wounded.
    Injured,
    /// Designated, sanctioned, listed.
    Designated,
    /// Born.
    Born,
    /// Held `role` in `org` during `date`.
    Role,
}

impl Status {
    /// Every status, in the order of the vocabulary.
    pub const ALL: [Status; 11] = [
        Status::Killed,
        Status::Died,
        Status::Alive,
        Status::Active,
        Status::Captured,
        Status::Released,
        Status::Escaped,
        Status::Injured,
        Status::Designated,
        Status::Born,
        Status::Role,
    ];

    /// Words users write for a status, mapped to the canonical one. Kept
    /// short and unambiguous: a word that could mean two statuses is left out
    /// so that it is reported rather than guessed.
    const SYNONYMS: [(&'static str, Status); 22] = [
        ("dead", Status::Died),
        ("deceased", Status::Died),
        ("death", Status::Died),
        ("slain", Status::Killed),
        ("executed", Status::Killed),
        ("assassinated", Status::Killed),
        ("living", Status::Alive),
        ("seen", Status::Alive),
        ("sighted", Status::Alive),
        ("arrested", Status::Captured),
        ("detained", Status::Captured),
        ("imprisoned", Status::Captured),
        ("jailed", Status::Captured),
        ("caught", Status::Captured),
        ("freed", Status::Released),
        ("escape", Status::Escaped),
        ("fled", Status::Escaped),
        ("wounded", Status::Injured),
        ("hurt", Status::Injured),
        ("sanctioned", Status::Designated),
        ("listed", Status::Designated),
        ("position", Status::Role),
    ];

    /// The status as written in the vocabulary.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Killed => "killed",
            Status::Died => "died",
            Status::Alive => "alive",
            Status::Active => "active",
            Status::Captured => "captured",
            Status::Released => "released",
            Status::Escaped => "escaped",
            Status::Injured => "injured",
            Status::Designated => "designated",
            Status::Born => "born",
            Status::Role => "role",
        }
    }

    /// Parses a status word, case-insensitively, accepting the synonyms.
    /// The error names the nearest valid word.
    pub fn parse(word: &str) -> Result<Status, String> {
        // A short ASCII word, as nearly every status is: lowered on the stack.
        let trimmed = word.trim();
        let mut buffer = [0u8; 16];
        if let Some(lower) = ascii_lowercase(trimmed, &mut buffer) {
            if let Some(status) = Status::ALL.iter().find(|s| s.as_str() == lower) {
                return Ok(*status);
            }
            if let Some((_, status)) = Status::SYNONYMS.iter().find(|(w, _)| *w == lower) {
                return Ok(*status);
            }
        }
        let lower = trimmed.to_lowercase();
        if let Some(status) = Status::ALL.iter().find(|s| s.as_str() == lower) {
            return Ok(*status);
        }
        if let Some((_, status)) = Status::SYNONYMS.iter().find(|(w, _)| *w == lower) {
            return Ok(*status);
        }
        let words = Status::ALL
            .iter()
            .map(|s| s.as_str())
            .chain(Status::SYNONYMS.iter().map(|(w, _)| *w));
        let valid = Status::ALL.map(|s| s.as_str()).join(", ");
        Err(match nearest(&lower, words) {
            Some(near) => {
                format!("unknown status `{word}`; did you mean `{near}`? (valid: {valid})")
            }
            None => format!("unknown status `{word}` (valid: {valid})"),
        })
    }

    /// The person was dead from this event on.
    pub fn is_death(self) -> bool {
        matches!(self, Status::Killed | Status::Died)
    }

    /// Proof of life or activity: the person did or underwent something that
    /// only a living person can.
    pub fn is_sign_of_life(self) -> bool {
        matches!(self, Status::Alive | Status::Active)
    }

    /// Captured, released, escaped or injured: the events of custody.
    pub fn is_custody(self) -> bool {
        matches!(
            self,
            Status::Captured | Status::Released | Status::Escaped | Status::Injured
        )
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `word` in lower case, written into `buffer`, when it is ASCII and fits
/// (for ASCII, `to_lowercase` and this agree).
fn ascii_lowercase<'a>(word: &str, buffer: &'a mut [u8; 16]) -> Option<&'a str> {
    let bytes = word.as_bytes();
    let lower = buffer.get_mut(..bytes.len())?;
    for (to, from) in lower.iter_mut().zip(bytes) {
        if !from.is_ascii() {
            return None;
        }
        *to = from.to_ascii_lowercase();
    }
    std::str::from_utf8(lower).ok()
}

/// The Admiralty/NATO credibility scale, 1 (confirmed) to 6 (cannot be judged).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Certainty {
    /// 1: confirmed by other sources.
    Confirmed,
    /// 2: probably true.
    Probable,
    /// 3: possibly true.
    Possible,
    /// 4: doubtful.
    Doubtful,
    /// 5: improbable.
    Improbable,
    #[default]
    /// 6: truth cannot be judged (the default).
    Unknown,
}

impl Certainty {
    /// Every certainty, from confirmed to unknown.
    pub const ALL: [Certainty; 6] = [
        Certainty::Confirmed,
        Certainty::Probable,
        Certainty::Possible,
        Certainty::Doubtful,
        Certainty::Improbable,
        Certainty::Unknown,
    ];

    /// The word for the certainty.
    pub fn as_str(self) -> &'static str {
        match self {
            Certainty::Confirmed => "confirmed",
            Certainty::Probable => "probable",
            Certainty::Possible => "possible",
            Certainty::Doubtful => "doubtful",
            Certainty::Improbable => "improbable",
            Certainty::Unknown => "unknown",
        }
    }

    /// Parses a certainty word, case-insensitively; the error names the nearest valid word.
    pub fn parse(word: &str) -> Result<Certainty, String> {
        let trimmed = word.trim();
        let mut buffer = [0u8; 16];
        if let Some(lower) = ascii_lowercase(trimmed, &mut buffer) {
            if let Some(c) = Certainty::ALL.iter().find(|c| c.as_str() == lower) {
                return Ok(*c);
            }
        }
        let lower = trimmed.to_lowercase();
        if let Some(c) = Certainty::ALL.iter().find(|c| c.as_str() == lower) {
            return Ok(*c);
        }
        let valid = Certainty::ALL.map(|c| c.as_str()).join(", ");
        Err(
            match nearest(&lower, Certainty::ALL.iter().map(|c| c.as_str())) {
                Some(near) => {
                    format!("unknown certainty `{word}`; did you mean `{near}`? (valid: {valid})")
                }
                None => format!("unknown certainty `{word}` (valid: {valid})"),
            },
        )
    }

    /// The certainty of an Admiralty credibility digit, 1 (confirmed) to 6
    /// (cannot be judged).
    pub fn from_digit(digit: u8) -> Option<Certainty> {
        Certainty::ALL
            .get(usize::from(digit).checked_sub(1)?)
            .copied()
    }

    /// Parses `certainty` as analysts write it: a word, an Admiralty
    /// credibility digit (`2`), or the combined code (`C2`), whose letter
    /// grades the claim's source for this claim.
    pub fn parse_graded(text: &str) -> Result<(Certainty, Option<Reliability>), String> {
        match text.trim().as_bytes() {
            [digit @ b'1'..=b'6'] => Ok((Self::digit(*digit), None)),
            [letter, digit @ b'1'..=b'6'] if letter.is_ascii_alphabetic() => {
                let grade = Reliability::parse(&char::from(*letter).to_string()).map_err(|_| {
                    format!("unknown Admiralty code `{text}`: the letter grades the source, A to F")
                })?;
                Ok((Self::digit(*digit), Some(grade)))
            }
            _ => Certainty::parse(text).map(|c| (c, None)),
        }
    }

    fn digit(digit: u8) -> Certainty {
        Certainty::from_digit(digit - b'0').unwrap_or_default()
    }

    /// Weight of the claim as evidence, 0 to 1; `unknown` counts as middling.
    pub fn weight(self) -> f64 {
        match self {
            Certainty::Confirmed => 1.0,
            Certainty::Probable => 0.8,
            Certainty::Possible => 0.5,
            Certainty::Unknown => 0.45,
            Certainty::Doubtful => 0.25,
            Certainty::Improbable => 0.1,
        }
    }

    /// `doubtful` and `improbable`: claims the source itself does not stand behind.
    pub fn is_weak(self) -> bool {
        matches!(self, Certainty::Doubtful | Certainty::Improbable)
    }
}

impl fmt::Display for Certainty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The Admiralty source-reliability grade, A (completely reliable) to F
/// (reliability cannot be judged).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Reliability {
    /// Completely reliable.
    A,
    /// Usually reliable.
    B,
    /// Fairly reliable.
    C,
    /// Not usually reliable.
    D,
    /// Unreliable.
    E,
    /// Reliability cannot be judged.
    F,
}

impl Reliability {
    /// Parses a grade letter, in either case.
    pub fn parse(text: &str) -> Result<Reliability, String> {
        match text.trim().as_bytes() {
            [b'A' | b'a'] => Ok(Reliability::A),
            [b'B' | b'b'] => Ok(Reliability::B),
            [b'C' | b'c'] => Ok(Reliability::C),
            [b'D' | b'd'] => Ok(Reliability::D),
            [b'E' | b'e'] => Ok(Reliability::E),
            [b'F' | b'f'] => Ok(Reliability::F),
            _ => Err(format!(
                "unknown reliability `{text}`; use a letter from A (completely reliable) to F (cannot be judged)"
            )),
        }
    }

    /// Parses a source's grade as analysts write it: the letter (`C`) or the
    /// combined Admiralty code (`C2`), whose digit is the credibility of
    /// the source's claims that give no certainty of their own.
    pub fn parse_code(text: &str) -> Result<(Reliability, Option<Certainty>), String> {
        match text.trim().as_bytes() {
            [letter, digit @ b'1'..=b'6'] => {
                let grade = Reliability::parse(&char::from(*letter).to_string())?;
                Ok((grade, Certainty::from_digit(digit - b'0')))
            }
            _ => Reliability::parse(text).map(|r| (r, None)),
        }
    }

    /// Weight of the source as evidence, 0 to 1; F (cannot be judged) is middling.
    pub fn weight(self) -> f64 {
        match self {
            Reliability::A => 1.0,
            Reliability::B => 0.85,
            Reliability::C => 0.65,
            Reliability::D => 0.4,
            Reliability::E => 0.2,
            Reliability::F => 0.5,
        }
    }
}

impl fmt::Display for Reliability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

/// A source record: an article, a statement, a list.
#[derive(Clone, Debug)]
pub struct Source {
    /// The id claims refer to it by.
    pub id: String,
    /// Title of the article, statement or list.
    pub title: Option<String>,
    /// Who published it.
    pub publisher: Option<String>,
    /// Who wrote it.
    pub author: Option<String>,
    /// Where it is.
    pub url: Option<String>,
    /// When it was published.
    pub published: Option<Edtf>,
    /// Its Admiralty reliability grade.
    pub reliability: Option<Reliability>,
    /// The credibility its claims take when they give none (the digit of a
    /// combined code such as `C2`).
    pub credibility: Option<Certainty>,
    /// Ids of the sources it relays.
    pub cites: Vec<String>,
    /// Where the record is.
    pub pos: Pos,
}

impl Source {
    /// A short human label: the title, else the publisher, else the id.
    pub fn label(&self) -> &str {
        self.title
            .as_deref()
            .or(self.publisher.as_deref())
            .unwrap_or(&self.id)
    }
}

/// An explicit entity record, written by a curator.
#[derive(Clone, Debug)]
pub struct EntityRecord {
    /// The id judgements refer to it by.
    pub id: String,
    /// The person's name.
    pub name: String,
    /// Other names of the person.
    pub aliases: Vec<String>,
    /// Date of birth.
    pub born: Option<Edtf>,
    /// Names or entity ids that are the same person.
    pub same_as: Vec<String>,
    /// Names or entity ids that are not the same person.
    pub not_same_as: Vec<String>,
    /// Where the record is.
    pub pos: Pos,
}

/// One claim about one person.
///
/// Optional text that is never edited is a `Box<str>`, two words where a
/// `String` takes three: a million claims hold eight such fields, and the
/// 64 bytes saved on each are 70 MB less to copy and to zero at 1 M.
#[derive(Clone, Debug)]
pub struct Claim {
    /// Stable id, given or derived from the content.
    pub id: String,
    /// The person's name as the source wrote it.
    pub who: String,
    /// What happened to the person.
    pub status: Status,
    /// When it happened, as written.
    pub date: Option<Edtf>,
    /// Id of the source (inline sources are registered under a derived id).
    pub source: Option<Box<str>>,
    /// Where the source is in [`Dataset::sources`], set by the loader so
    /// that weighing a claim does not look its source up by id each time;
    /// `None` for a claim built elsewhere (then the id is looked up).
    pub source_at: Option<u32>,
    /// Other names the claim gives for the person.
    pub aliases: Vec<String>,
    /// Broad or generic names that are shown but never merge on their own.
    pub weak_aliases: Vec<String>,
    /// Id of the entity record the claim is pinned to, ahead of name matching.
    pub entity: Option<Box<str>>,
    /// When the claim was published, as written.
    pub reported: Option<Edtf>,
    /// Who originally asserts it, as opposed to who published it.
    pub according_to: Option<Box<str>>,
    /// How sure the source is.
    pub certainty: Certainty,
    /// The source's reliability as graded on this claim (the letter of an
    /// Admiralty code such as `C2` in `certainty`); overrides the source
    /// record's grade.
    pub reliability: Option<Reliability>,
    /// What the claim rests on: the only evidence weighed.
    pub basis: Option<Basis>,
    /// Free text shown with the claim, never weighed.
    pub evidence: Option<Box<str>>,
    /// Where it happened.
    pub place: Option<Box<str>>,
    /// The agent of the event (who killed or captured him).
    pub by: Option<Box<str>>,
    /// The position held (for `role`).
    pub role: Option<Box<str>>,
    /// The organisation of the role.
    pub org: Option<Box<str>>,
    /// Age at the event, in years.
    pub age: Option<u32>,
    /// Ids of the claims this claim disputes.
    pub refutes: Vec<String>,
    /// The sentence of the source it rests on.
    pub quote: Option<Box<str>>,
    /// Where the record is.
    pub pos: Pos,
    /// When the event happened: `date`, or, without one, any time up to the
    /// end of the report date.
    pub when: Interval,
    /// When the claim was published: `reported`, else the source's `published`.
    pub report: Option<Interval>,
}

impl Claim {
    /// Whether the claim can have been reported by `day`: its report date
    /// (`reported`, else its source's `published`) starts by then. Without
    /// a report date it counts unless its event starts after `day` (nothing
    /// is reported before it happens).
    pub fn known_by(&self, day: Day) -> bool {
        match self.report {
            Some(report) => report.earliest <= day,
            None => self.when.earliest <= day,
        }
    }

    /// The date as a reader says it (`by 2015-05`, `between 2019-09-01 and
    /// 2019-09-20`), or `undated`: for messages.
    pub fn date_words(&self) -> String {
        self.date
            .as_ref()
            .map_or_else(|| "undated".to_string(), Edtf::words)
    }

    /// The date as written, or `undated`.
    pub fn date_text(&self) -> &str {
        self.date.as_ref().map_or("undated", |d| d.text.as_str())
    }
}

/// Everything loaded from the input, with the problems found on the way.
#[derive(Debug, Default)]
pub struct Dataset {
    /// The claims, in the order read, duplicates left out.
    pub claims: Vec<Claim>,
    /// The sources: explicit records, then inline ones.
    pub sources: Vec<Source>,
    /// The curators' entity records.
    pub entities: Vec<EntityRecord>,
    /// The problems found in the input, sorted by position.
    pub errors: Vec<InputError>,
    /// Files read, in the order read.
    pub files: Vec<Arc<str>>,
    /// Claims a reviewer rejected, by index, with the reason in words: they
    /// stay in the data and in every view, but no longer count (set by
    /// [`analyse_dataset`](crate::analyse_dataset) from
    /// [`Options::rejected`](crate::Options::rejected)).
    pub rejected: std::collections::BTreeMap<usize, String>,
    claim_index: IdIndex,
    source_index: IdIndex,
}

impl Dataset {
    /// Why a reviewer rejected claim `index`, when one did.
    pub fn rejection(&self, index: usize) -> Option<&str> {
        self.rejected.get(&index).map(String::as_str)
    }

    /// The claim with this id.
    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.claim_index(id).and_then(|i| self.claims.get(i))
    }

    /// Where the claim with this id is in `claims`.
    pub fn claim_index(&self, id: &str) -> Option<usize> {
        self.claim_index
            .get(id, |i| self.claims.get(i).map_or("", |c| c.id.as_str()))
    }

    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.source_index
            .get(id, |i| self.sources.get(i).map_or("", |s| s.id.as_str()))
            .and_then(|i| self.sources.get(i))
    }

    /// The source of a claim, when it has a known one.
    pub fn source_of(&self, claim: &Claim) -> Option<&Source> {
        match claim.source_at {
            Some(at) => self.sources.get(at as usize),
            None => claim.source.as_deref().and_then(|id| self.source(id)),
        }
    }

    /// The dataset as it could be known on `day`: only the claims that can
    /// have been reported by then ([`Claim::known_by`]).
    pub fn known_by(mut self, day: Day) -> Dataset {
        let before = self.claims.len();
        self.claims.retain(|c| c.known_by(day));
        if self.claims.len() != before {
            self.claim_index = IdIndex::build(&self.claims, |c| c.id.as_str()).0;
        }
        self
    }

    /// Takes the id indexes of these very claims and sources (whose ids are
    /// unique); the loader builds them while it checks for duplicates.
    pub(crate) fn set_indexes(&mut self, claims: IdIndex, sources: IdIndex) {
        self.claim_index = claims;
        self.source_index = sources;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_words_and_synonyms() {
        assert_eq!(Status::parse("Killed"), Ok(Status::Killed));
        assert_eq!(Status::parse("DEAD"), Ok(Status::Died));
        assert_eq!(Status::parse("arrested"), Ok(Status::Captured));
        assert_eq!(Status::parse("detained"), Ok(Status::Captured));
        assert_eq!(Status::parse("wounded"), Ok(Status::Injured));
        assert_eq!(Status::parse("sanctioned"), Ok(Status::Designated));
        assert_eq!(Status::parse(" role "), Ok(Status::Role));
    }

    #[test]
    fn unknown_status_suggests_the_nearest() {
        let err = Status::parse("kiled").unwrap_err();
        assert!(err.contains("did you mean `killed`"), "{err}");
        let err = Status::parse("captred").unwrap_err();
        assert!(err.contains("did you mean `captured`"), "{err}");
        let err = Status::parse("zzzzzzzzzz").unwrap_err();
        assert!(!err.contains("did you mean"), "{err}");
    }

    #[test]
    fn certainty_and_reliability() {
        assert_eq!(Certainty::parse("Probable"), Ok(Certainty::Probable));
        assert!(Certainty::parse("likely").is_err());
        assert!(Certainty::Confirmed.weight() > Certainty::Doubtful.weight());
        assert_eq!(Reliability::parse("b"), Ok(Reliability::B));
        assert!(Reliability::parse("G").is_err());
    }

    #[test]
    fn admiralty_codes_as_analysts_write_them() {
        let graded = Certainty::parse_graded;
        assert_eq!(
            graded("C2"),
            Ok((Certainty::Probable, Some(Reliability::C)))
        );
        assert_eq!(
            graded("a1"),
            Ok((Certainty::Confirmed, Some(Reliability::A)))
        );
        assert_eq!(graded("4"), Ok((Certainty::Doubtful, None)));
        assert_eq!(graded("doubtful"), Ok((Certainty::Doubtful, None)));
        assert!(graded("G2").is_err());
        assert!(graded("C7").is_err());
        assert_eq!(
            Reliability::parse_code("E5"),
            Ok((Reliability::E, Some(Certainty::Improbable)))
        );
        assert_eq!(Reliability::parse_code("B"), Ok((Reliability::B, None)));
        assert!(Reliability::parse_code("B9").is_err());
    }
}
