//! Raw records into the model's claims, sources and entity records: each
//! field checked and converted, every problem reported at its field, and
//! what is valid kept.

use std::borrow::Cow;

use sha2::{Digest, Sha256};

use super::position::RecordAt;
use super::raw::{RawClaim, RawEntity, RawSource, RawSourceRef, Text};
use super::{ClaimStart, Loader};
use crate::basis::Basis;
use crate::collections::IdIndex;
use crate::date::{Edtf, Interval};
use crate::digest::hex_prefix;
use crate::model::{Certainty, Claim, EntityRecord, InputError, Pos, Reliability, Source, Status};

/// Limits on single strings: long enough for any real name or quote, short
/// enough that a runaway value is caught.
const MAX_NAME_CHARS: usize = 500;
const MAX_TEXT_CHARS: usize = 20_000;
const MAX_FIELD_CHARS: usize = 2_000;

/// The oldest age a claim may give, in years.
const MAX_AGE: u32 = 130;

/// The problems of one record, each at its field.
struct Checked<'a> {
    at: &'a RecordAt<'a>,
    errors: Vec<InputError>,
}

impl Checked<'_> {
    fn error(&mut self, field: &str, message: String) {
        self.errors.push(self.at.field_error(field, message));
    }

    /// A free-text field of at most `limit` characters.
    fn text(&mut self, field: &'static str, value: Option<Text>, limit: usize) -> Option<Box<str>> {
        let value = value?.0;
        if too_long(&value, limit) {
            self.error(field, too_long_message(field, &value, limit));
            return None;
        }
        Some(value.into())
    }

    /// The person's name, trimmed; `None` when there is none to reason about.
    fn who(&mut self, who: Text) -> Option<String> {
        let who = match who.0 {
            Cow::Borrowed(who) => who.trim().to_string(),
            Cow::Owned(who) if who.trim().len() == who.len() => who,
            Cow::Owned(who) => who.trim().to_string(),
        };
        if who.is_empty() {
            self.error(
                "who",
                "`who` is empty; give the person's name as the source wrote it".into(),
            );
            return None;
        }
        if too_long(&who, MAX_NAME_CHARS) {
            self.error("who", too_long_message("who", &who, MAX_NAME_CHARS));
            return None;
        }
        Some(who)
    }

    fn claim_type(&mut self, kind: Option<&str>) {
        if let Some(kind) = kind.filter(|k| *k != "claim") {
            self.error(
                "type",
                format!("a claim's `type` must be `claim` (or absent), not `{kind}`"),
            );
        }
    }

    fn status(&mut self, status: &str) -> Option<Status> {
        Status::parse(status)
            .map_err(|message| self.error("status", message))
            .ok()
    }

    fn date(&mut self, field: &'static str, text: Option<&str>) -> Option<Edtf> {
        parse_date(text, field, &mut |f, m| self.error(f, m))
    }

    /// The certainty and, from an Admiralty code (`C2`), the grade the
    /// claim gives its source.
    fn certainty(&mut self, certainty: Option<&str>) -> (Certainty, Option<Reliability>) {
        match certainty.map(Certainty::parse_graded) {
            None => (Certainty::Unknown, None),
            Some(Ok(graded)) => graded,
            Some(Err(message)) => {
                self.error("certainty", message);
                (Certainty::Unknown, None)
            }
        }
    }

    fn basis(&mut self, basis: Option<&str>) -> Option<Basis> {
        match Basis::parse(basis?) {
            Ok(basis) => Some(basis),
            Err(message) => {
                self.error("basis", message);
                None
            }
        }
    }

    fn aliases(&mut self, field: &'static str, aliases: Option<Vec<String>>) -> Vec<String> {
        let mut aliases = aliases.unwrap_or_default();
        let before = aliases.len();
        aliases.retain(|a| !a.trim().is_empty() && !too_long(a, MAX_NAME_CHARS));
        if aliases.len() != before {
            self.error(
                field,
                format!("`{field}` holds an empty name or one longer than {MAX_NAME_CHARS} characters; it was left out"),
            );
        }
        aliases
    }

    fn age(&mut self, age: Option<u32>) -> Option<u32> {
        let age = age?;
        if age > MAX_AGE {
            self.error("age", format!("`age` {age} is not a human age in years"));
            return None;
        }
        Some(age)
    }
}

impl Checked<'_> {
    /// The claim, its fields checked (its source resolved already); `None`
    /// without a person or a status, as there is nothing to reason about.
    fn claim(&mut self, raw: RawClaim, source: Option<String>, pos: Pos) -> Option<Claim> {
        // Every field by name: a field added to `RawClaim` and not checked
        // here does not compile.
        let RawClaim {
            kind: _,
            id,
            who,
            status,
            date,
            source: _,
            aliases,
            weak_aliases,
            entity,
            reported,
            according_to,
            certainty,
            basis,
            evidence,
            place,
            by,
            role,
            org,
            age,
            refutes,
            quote,
        } = raw;
        let who = self.who(who);
        let status = self.status(&status);
        let date = self.date("date", date.as_deref());
        let reported = self.date("reported", reported.as_deref());
        let (certainty, reliability) = self.certainty(certainty.as_deref());
        let basis = self.basis(basis.as_deref());
        let according_to = self.text("according_to", according_to, MAX_FIELD_CHARS);
        let evidence = self.text("evidence", evidence, MAX_TEXT_CHARS);
        let place = self.text("place", place, MAX_FIELD_CHARS);
        let by = self.text("by", by, MAX_FIELD_CHARS);
        let role = self.text("role", role, MAX_FIELD_CHARS);
        let org = self.text("org", org, MAX_FIELD_CHARS);
        let quote = self.text("quote", quote, MAX_TEXT_CHARS);
        let id = self.text("id", id, MAX_FIELD_CHARS);
        let aliases = self.aliases("aliases", aliases);
        let weak_aliases = self.aliases("weak_aliases", weak_aliases);
        let entity = self.text("entity", entity, MAX_FIELD_CHARS);
        if status == Some(Status::Role) && (role.is_none() || org.is_none()) {
            self.error(
                "status",
                "a `role` claim needs `role` (the position held) and `org` (the organisation)"
                    .into(),
            );
        }
        let age = self.age(age);
        let (who, status) = (who?, status?);
        let id = id.map_or_else(
            || derived_claim_id(&who, status, date.as_ref(), source.as_deref()),
            str::into_string,
        );
        Some(Claim {
            id,
            who,
            status,
            date,
            source: source.map(String::into_boxed_str),
            source_at: None,
            aliases,
            weak_aliases,
            entity,
            reported,
            according_to,
            certainty,
            reliability,
            basis,
            evidence,
            place,
            by,
            role,
            org,
            age,
            refutes: refutes.unwrap_or_default(),
            quote,
            pos,
            when: Interval::UNKNOWN,
            report: None,
        })
    }
}

impl Loader {
    /// Checks a raw claim and keeps it when it has a person and a status;
    /// `type_reported` when an unknown `type` was already reported;
    /// `source_key`, where its `source` key is when the reader noted it.
    pub(super) fn add_claim(
        &mut self,
        at: &RecordAt,
        mut raw: RawClaim,
        type_reported: bool,
        source_key: Option<usize>,
    ) {
        let mut check = Checked {
            at,
            errors: Vec::new(),
        };
        if !type_reported {
            check.claim_type(raw.kind.as_deref());
        }
        let pos = at.pos_at(0);
        let by_id = matches!(raw.source, Some(RawSourceRef::Id(_)));
        let source = self.claim_source(&mut check, raw.source.take(), &pos);
        let claim = check.claim(raw, source, pos);
        for error in check.errors {
            self.errors.push(error);
        }
        let Some(claim) = claim else {
            return;
        };
        let start = ClaimStart {
            id_hash: IdIndex::hash(&claim.id),
            source_at: by_id.then(|| at.key_at("source", source_key)).flatten(),
            refutes_at: (!claim.refutes.is_empty())
                .then(|| at.key_at("refutes", None))
                .flatten(),
        };
        self.keep_claim(start, claim);
    }

    /// Keeps a claim; with the first, makes the room for the claims the
    /// parsing task expects.
    fn keep_claim(&mut self, start: ClaimStart, claim: Claim) {
        if self.room_for_claims > 0 {
            self.claims.reserve(self.room_for_claims);
            self.claim_starts.reserve(self.room_for_claims);
            self.room_for_claims = 0;
        }
        self.claim_starts.push(start);
        self.claims.push(claim);
    }

    /// A claim's source id; an inline source is checked and registered.
    fn claim_source(
        &mut self,
        check: &mut Checked,
        source: Option<RawSourceRef>,
        pos: &Pos,
    ) -> Option<String> {
        match source? {
            RawSourceRef::Id(id) => Some(id),
            RawSourceRef::Inline(inline) => {
                let (source, problems) = source_from_raw(*inline, pos.clone(), true);
                for (field, message) in problems {
                    check.error(field, message);
                }
                let source = source?;
                let id = source.id.clone();
                self.inline_sources.entry(id.clone()).or_insert(source);
                Some(id)
            }
        }
    }

    /// Checks a source record and keeps it when it has an id.
    pub(super) fn add_source(&mut self, at: &RecordAt, raw: RawSource) {
        let (source, problems) = source_from_raw(raw, at.pos_at(0), false);
        for (field, message) in problems {
            self.errors.push(at.field_error(field, message));
        }
        if let Some(source) = source {
            self.sources.push(source);
        }
    }

    /// Checks an entity record and keeps it when it has a name.
    pub(super) fn add_entity(&mut self, at: &RecordAt, raw: RawEntity) {
        let mut check = Checked {
            at,
            errors: Vec::new(),
        };
        let born = check.date("born", raw.born.as_deref());
        for error in check.errors {
            self.errors.push(error);
        }
        if raw.name.trim().is_empty() || too_long(&raw.name, MAX_NAME_CHARS) {
            self.errors.push(at.field_error(
                "name",
                format!("an entity needs a `name` of 1 to {MAX_NAME_CHARS} characters"),
            ));
            return;
        }
        self.entities.push(EntityRecord {
            id: raw.id,
            name: raw.name.trim().to_string(),
            aliases: raw.aliases.unwrap_or_default(),
            born,
            same_as: raw.same_as.unwrap_or_default(),
            not_same_as: raw.not_same_as.unwrap_or_default(),
            pos: at.pos_at(0),
        });
    }
}

/// A source record or an inline source, and its problems by field (an
/// inline source's on the claim's `source`).
fn source_from_raw(
    raw: RawSource,
    pos: Pos,
    inline: bool,
) -> (Option<Source>, Vec<(&'static str, String)>) {
    let mut problems: Vec<(&'static str, String)> = Vec::new();
    let published = parse_date(raw.published.as_deref(), "published", &mut |f, m| {
        problems.push((f, m))
    });
    let (reliability, credibility) = match raw.reliability.as_deref().map(Reliability::parse_code) {
        None => (None, None),
        Some(Ok((grade, credibility))) => (Some(grade), credibility),
        Some(Err(message)) => {
            problems.push(("reliability", message));
            (None, None)
        }
    };
    if let Some(kind) = raw.kind.as_deref().filter(|k| *k != "source") {
        problems.push((
            "type",
            format!("a source's `type` must be `source`, not `{kind}`"),
        ));
    }
    let id = match raw.id {
        Some(id) if !id.trim().is_empty() => id,
        _ if inline => derived_source_id(&raw.title, &raw.publisher, &raw.url, &raw.published),
        _ => {
            problems.push((
                "id",
                "a source needs a non-empty `id` that claims can refer to".into(),
            ));
            return (None, problems);
        }
    };
    // Inline-source problems are reported on the claim's `source` field.
    if inline {
        for p in &mut problems {
            p.0 = "source";
        }
    }
    (
        Some(Source {
            id,
            title: raw.title,
            publisher: raw.publisher,
            author: raw.author,
            url: raw.url,
            published,
            reliability,
            credibility,
            cites: raw.cites.unwrap_or_default(),
            pos,
        }),
        problems,
    )
}

fn parse_date(
    text: Option<&str>,
    field: &'static str,
    report: &mut impl FnMut(&'static str, String),
) -> Option<Edtf> {
    let text = text?;
    match Edtf::parse(text) {
        Ok(date) => Some(date),
        Err(err) => {
            report(field, format!("`{field}`: {err}"));
            None
        }
    }
}

fn too_long(text: &str, limit: usize) -> bool {
    // Bytes bound chars from above: only count chars when it could matter.
    text.len() > limit && text.chars().count() > limit
}

fn too_long_message(field: &str, text: &str, limit: usize) -> String {
    format!(
        "`{field}` is {} characters long; at most {limit} are accepted (is the value misplaced?)",
        text.chars().count()
    )
}

/// A content-derived id, stable across runs and file orders.
fn derived_claim_id(
    who: &str,
    status: Status,
    date: Option<&Edtf>,
    source: Option<&str>,
) -> String {
    let mut hasher = Sha256::new();
    for part in [
        who,
        status.as_str(),
        date.map_or("", |d| d.text.as_str()),
        source.unwrap_or(""),
    ] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    format!("c-{}", hex_prefix(&hasher.finalize(), 6))
}

fn derived_source_id(
    title: &Option<String>,
    publisher: &Option<String>,
    url: &Option<String>,
    published: &Option<String>,
) -> String {
    let mut hasher = Sha256::new();
    for part in [title, publisher, url, published] {
        hasher.update(part.as_deref().unwrap_or("").as_bytes());
        hasher.update([0]);
    }
    format!("s-{}", hex_prefix(&hasher.finalize(), 6))
}
