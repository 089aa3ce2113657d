//! What a claim rests on: the documented vocabulary of `basis`, each entry's
//! direction and weight, and the hint read from free-text `evidence`.
//!
//! Only `basis` is weighed. Free-text `evidence` is shown, never weighed:
//! its words may suggest a basis ([`Basis::suggested_by`]), which the tool
//! offers as a hint, and negated or disputed wording ("his family denies
//! it", "no body was found") suggests [`Basis::Disputed`], never a
//! confirmation.

use std::fmt;

use crate::suggest::nearest;

/// Whether a basis makes a claim weigh more or less than its certainty and
/// its source's grade alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Stronger than a plain report.
    Strengthens,
    /// A plain report: neither stronger nor weaker.
    Neutral,
    /// Weaker than a plain report.
    Weakens,
}

impl Direction {
    /// The direction in words.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Strengthens => "strengthens",
            Direction::Neutral => "neutral",
            Direction::Weakens => "weakens",
        }
    }
}

/// What a claim rests on (the claim's `basis` field).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Basis {
    /// DNA, fingerprints, an autopsy or another forensic identification.
    Forensic,
    /// The body was recovered, or shown and identified.
    BodyRecovered,
    /// The person's own group acknowledges it (a eulogy, a martyrdom notice).
    GroupAcknowledgement,
    /// The person's family confirms it.
    Family,
    /// A government, army or agency confirms it after its own verification.
    OfficialConfirmation,
    /// Video, photo or audio whose recording date is established.
    DatedMedia,
    /// Someone who saw it, named or described by the source.
    Eyewitness,
    /// A party's announcement of its own operation, not yet verified.
    OfficialClaim,
    /// Video, photo or audio of unknown recording date.
    UndatedMedia,
    /// A statement issued in the person's name (it can be issued after his death).
    StatementInName,
    /// Second-hand: "sources say", "reportedly".
    Hearsay,
    /// A social-media post, not verified.
    SocialMedia,
    /// The report is denied or contested ("his family denies it", "no body was found").
    Disputed,
    /// A rumour.
    Rumour,
}

impl Basis {
    /// Every basis, strongest first.
    pub const ALL: [Basis; 14] = [
        Basis::Forensic,
        Basis::BodyRecovered,
        Basis::GroupAcknowledgement,
        Basis::Family,
        Basis::OfficialConfirmation,
        Basis::DatedMedia,
        Basis::Eyewitness,
        Basis::OfficialClaim,
        Basis::UndatedMedia,
        Basis::StatementInName,
        Basis::Hearsay,
        Basis::SocialMedia,
        Basis::Disputed,
        Basis::Rumour,
    ];

    /// The value as written in `basis`.
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Forensic => "forensic",
            Basis::BodyRecovered => "body-recovered",
            Basis::GroupAcknowledgement => "group-acknowledgement",
            Basis::Family => "family",
            Basis::OfficialConfirmation => "official-confirmation",
            Basis::DatedMedia => "dated-media",
            Basis::Eyewitness => "eyewitness",
            Basis::OfficialClaim => "official-claim",
            Basis::UndatedMedia => "undated-media",
            Basis::StatementInName => "statement-in-name",
            Basis::Hearsay => "hearsay",
            Basis::SocialMedia => "social-media",
            Basis::Rumour => "rumour",
            Basis::Disputed => "disputed",
        }
    }

    /// What the value means, for `claimlint explain basis` and the schema.
    pub fn meaning(self) -> &'static str {
        match self {
            Basis::Forensic => "DNA, fingerprints, an autopsy or another forensic identification",
            Basis::BodyRecovered => "the body was recovered, or shown and identified",
            Basis::GroupAcknowledgement => {
                "the person's own group acknowledges it (a eulogy, a martyrdom notice)"
            }
            Basis::Family => "the person's family confirms it",
            Basis::OfficialConfirmation => {
                "a government, army or agency confirms it after its own verification"
            }
            Basis::DatedMedia => "video, photo or audio whose recording date is established",
            Basis::Eyewitness => "someone who saw it, named or described by the source",
            Basis::OfficialClaim => "a party's announcement of its own operation, not yet verified",
            Basis::UndatedMedia => "video, photo or audio of unknown recording date",
            Basis::StatementInName => {
                "a statement issued in the person's name (it can be issued after his death)"
            }
            Basis::Hearsay => "second-hand: \"sources say\", \"reportedly\"",
            Basis::SocialMedia => "a social-media post, not verified",
            Basis::Rumour => "a rumour",
            Basis::Disputed => {
                "the report is denied or contested (\"his family denies it\", \"no body was found\")"
            }
        }
    }

    /// The factor the claim's weight (certainty × source grade) is
    /// multiplied by; the product is capped at 1.
    pub fn factor(self) -> f64 {
        match self {
            Basis::Forensic => 1.5,
            Basis::BodyRecovered | Basis::GroupAcknowledgement => 1.4,
            Basis::Family => 1.3,
            Basis::OfficialConfirmation | Basis::DatedMedia => 1.2,
            Basis::Eyewitness => 1.1,
            Basis::OfficialClaim => 1.0,
            Basis::UndatedMedia => 0.8,
            Basis::StatementInName => 0.7,
            Basis::Hearsay | Basis::SocialMedia => 0.6,
            Basis::Disputed => 0.5,
            Basis::Rumour => 0.4,
        }
    }

    /// Whether it strengthens or weakens a claim.
    pub fn direction(self) -> Direction {
        match self.factor() {
            f if f > 1.0 => Direction::Strengthens,
            f if f < 1.0 => Direction::Weakens,
            _ => Direction::Neutral,
        }
    }

    /// Parses a `basis` value, case-insensitively, `_` or space for `-`; the
    /// error lists the vocabulary and names the nearest value.
    pub fn parse(text: &str) -> Result<Basis, String> {
        let wanted = text.trim().to_lowercase().replace(['_', ' '], "-");
        if let Some(basis) = Basis::ALL.into_iter().find(|b| b.as_str() == wanted) {
            return Ok(basis);
        }
        let valid = Basis::ALL.map(Basis::as_str).join(", ");
        Err(
            match nearest(&wanted, Basis::ALL.iter().map(|b| b.as_str())) {
                Some(near) => {
                    format!("unknown basis `{text}`; did you mean `{near}`? (valid: {valid})")
                }
                None => format!("unknown basis `{text}` (valid: {valid})"),
            },
        )
    }

    /// The basis free-text `evidence` suggests, for a hint; never weighed.
    ///
    /// The text is read clause by clause (split at `;`, `,`, `.` and
    /// "but"). A clause with a negation or a denial ("no", "not", "denies",
    /// "unconfirmed", "false"…) suggests [`Basis::Disputed`] when it names
    /// a confirmation and nothing otherwise, so that "no body was found"
    /// never reads as a body recovered. Otherwise the strongest basis any
    /// clause names wins.
    pub fn suggested_by(evidence: &str) -> Option<Basis> {
        let lower = evidence.to_lowercase();
        let mut best: Option<Basis> = None;
        let mut disputed = false;
        for clause in lower
            .split([';', ',', '.', '(', ')'])
            .flat_map(|c| c.split(" but "))
        {
            let words: Vec<&str> = clause
                .split(|c: char| !c.is_alphanumeric() && c != '\'')
                .filter(|w| !w.is_empty())
                .collect();
            let negated = words.iter().any(|w| NEGATIONS.contains(w))
                || DENIALS.iter().any(|d| clause.contains(d));
            let named = CUES
                .iter()
                .find(|(cue, _)| clause.contains(cue))
                .map(|&(_, basis)| basis);
            match named {
                Some(basis) if negated && basis.direction() == Direction::Strengthens => {
                    disputed = true
                }
                Some(basis) => best = Some(best.map_or(basis, |b| b.min(basis))),
                None if negated && DENIALS.iter().any(|d| clause.contains(d)) => disputed = true,
                None => {}
            }
        }
        if disputed {
            return Some(Basis::Disputed);
        }
        best
    }
}

/// Words that negate a clause.
const NEGATIONS: [&str; 8] = [
    "no",
    "not",
    "never",
    "without",
    "neither",
    "nor",
    "cannot",
    "unconfirmed",
];

/// Wording that denies or contests a report.
const DENIALS: [&str; 10] = [
    "denie",
    "deny",
    "denial",
    "disput",
    "contest",
    "reject",
    "false",
    "refute",
    "not confirmed",
    "unverified",
];

/// Words that suggest a basis; in a clause, the first that matches wins,
/// so the specific ("undated", "in his name") come before the general
/// ("video", "statement").
const CUES: [(&str, Basis); 24] = [
    ("dna", Basis::Forensic),
    ("forensic", Basis::Forensic),
    ("autopsy", Basis::Forensic),
    ("fingerprint", Basis::Forensic),
    ("undated", Basis::UndatedMedia),
    ("unknown date", Basis::UndatedMedia),
    ("in his name", Basis::StatementInName),
    ("social media", Basis::SocialMedia),
    ("rumour", Basis::Rumour),
    ("rumor", Basis::Rumour),
    ("body", Basis::BodyRecovered),
    ("remains", Basis::BodyRecovered),
    ("eulog", Basis::GroupAcknowledgement),
    ("martyr", Basis::GroupAcknowledgement),
    ("acknowledg", Basis::GroupAcknowledgement),
    ("own statement", Basis::GroupAcknowledgement),
    ("family", Basis::Family),
    ("relatives", Basis::Family),
    ("confirmed by", Basis::OfficialConfirmation),
    ("eyewitness", Basis::Eyewitness),
    ("witness", Basis::Eyewitness),
    ("video", Basis::DatedMedia),
    ("audio", Basis::DatedMedia),
    ("reportedly", Basis::Hearsay),
];

impl fmt::Display for Basis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_parses_back_and_has_a_documented_weight() {
        for basis in Basis::ALL {
            assert_eq!(Basis::parse(basis.as_str()), Ok(basis));
            assert!(!basis.meaning().is_empty());
        }
        assert_eq!(Basis::parse("Body recovered"), Ok(Basis::BodyRecovered));
        let err = Basis::parse("forensics").unwrap_err();
        assert!(err.contains("did you mean `forensic`"), "{err}");
    }

    #[test]
    fn negated_or_denied_confirmations_suggest_disputed() {
        let suggested = |text| Basis::suggested_by(text);
        assert_eq!(
            suggested("his family denies the report; no body was found"),
            Some(Basis::Disputed)
        );
        assert_eq!(
            suggested("the death was not confirmed"),
            Some(Basis::Disputed)
        );
        assert_eq!(suggested("no DNA test was made"), Some(Basis::Disputed));
        assert_eq!(suggested("confirmed by DNA"), Some(Basis::Forensic));
        assert_eq!(
            suggested("validated by his family, who received the call"),
            Some(Basis::Family)
        );
        assert_eq!(
            suggested("video of unknown date"),
            Some(Basis::UndatedMedia)
        );
        assert_eq!(suggested("a long interview in Raqqa"), None);
    }
}
