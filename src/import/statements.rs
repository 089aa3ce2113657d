//! Death and custody statements read from a list's free text (UN
//! `COMMENTS1`, OFAC Remarks, FollowTheMoney `notes`).
//!
//! The text is cut into sentences (OFAC's `;`-separated facts are
//! sentences too). A sentence states this person's death when it holds a
//! death word used of the subject: `deceased`, `died`, `passed away`,
//! `killed` in the passive (`was killed`, `reportedly killed`, a sentence
//! that starts with it), `dead` after a verb of being, `his death`,
//! `death certificate`, `date of death`. Custody likewise: `arrested`,
//! `captured`, `detained`, `apprehended`, `surrendered`, `under (house)
//! arrest`, `in custody`, `in prison`, `in detention`, `imprisoned`,
//! `jailed`, `incarcerated`; and `released`
//! (not `released a statement`), `freed`, `escaped`.
//!
//! A word is not read as a statement about this person when, in its
//! sentence before it, there is a relative (`father`, `brother`, `son`…),
//! another listed person's reference number (`TAi.109`), a group
//! (`civilians`, `members`…), or a negation (`not`, `never`, `denied`,
//! `false`, `rumours`); nor when it is a parenthesis on someone else
//! (`Badruddin Haqqani (deceased)`), nor when an active `killed`,
//! `arrested` or `captured` has a named object.
//!
//! The date is the first one after the word in its clause, else the last
//! one before it, as EDTF: `in 2015` → `2015`, `in May 2016` → `2016-05`,
//! `on 9 May 2014` → `2014-05-09`, `as of April 2013` and `by 2013` →
//! `../2013-04`, `between 2009 and 2010` → `2009/2010`, `circa 2010` →
//! `2010~`. Certainty comes from the wording: `reportedly`, `reported`,
//! `believed`, `presumed`, `allegedly`, `possibly`, `unconfirmed`, `may
//! have` make it `possible`; `probably`, `likely` `probable`; `confirmed`,
//! `death certificate`, `officially` `confirmed`; otherwise none is given.

use super::dates::{dates, words, Found, Word};
use crate::model::{Certainty, Status};

/// A statement of death or custody found in free text.
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    /// `died`, `killed`, `captured`, `released` or `escaped`.
    pub status: Status,
    /// EDTF, when the sentence dates it.
    pub date: Option<String>,
    /// From the wording; none when it gives none.
    pub certainty: Option<Certainty>,
    /// Who killed or captured him, when the sentence says (`by …`).
    pub by: Option<String>,
    /// The sentence, its spaces made single.
    pub quote: String,
}

/// The death and custody statements that `text` makes about the person
/// called `names` (a sentence whose named subject is not one of them is
/// about someone else).
pub fn extract(text: &str, names: &[&str]) -> Vec<Statement> {
    let subject: Vec<String> = names
        .iter()
        .flat_map(|n| words(n).into_iter().map(|w| w.text.to_lowercase()))
        .collect();
    let mut found: Vec<Statement> = Vec::new();
    for sentence in sentences(text) {
        for statement in in_sentence(&sentence, &subject) {
            let repeated = found
                .iter()
                .any(|s| s.status == statement.status && s.date == statement.date);
            if !repeated {
                found.push(statement);
            }
        }
    }
    found
}

/// Words before which a `.` ends no sentence.
const ABBREVIATIONS: [&str; 24] = [
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no",
    "mr", "mrs", "dr", "st", "jr", "gen", "col", "lt", "capt", "nos", "approx",
];

/// `text` cut into sentences, spaces made single. A `.` ends a sentence
/// when a capital (or the end) follows, with or without a space, and the
/// word before it is not an abbreviation (`Jun.`, `Dr.`, an initial).
pub fn sentences(text: &str) -> Vec<String> {
    let flat = super::clean(text);
    let chars: Vec<(usize, char)> = flat.char_indices().collect();
    let mut sentences = Vec::new();
    let mut start = 0;
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next = chars[k + 1..].iter().map(|&(_, c)| c).find(|c| *c != ' ');
        let ends = match c {
            ';' => true,
            '.' | '!' | '?' => {
                next.is_none_or(char::is_uppercase) && !abbreviation_before(&flat[start..i])
            }
            _ => false,
        };
        if ends {
            push_sentence(&mut sentences, &flat[start..=i]);
            start = i + c.len_utf8();
        }
    }
    push_sentence(&mut sentences, &flat[start..]);
    sentences
}

fn push_sentence(sentences: &mut Vec<String>, text: &str) {
    let text = text.trim().trim_end_matches(';').trim();
    if !text.is_empty() {
        sentences.push(text.to_string());
    }
}

/// Whether the word that ends `before` is an abbreviation or an initial.
fn abbreviation_before(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let letters = word.chars().count();
    (letters == 1 && word.chars().all(char::is_alphabetic))
        || ABBREVIATIONS.contains(&word.to_ascii_lowercase().as_str())
}

/// A word that may state death or custody, at word `at` of a sentence.
struct Trigger {
    status: Status,
    at: usize,
}

/// The statements of one sentence.
fn in_sentence(sentence: &str, subject: &[String]) -> Vec<Statement> {
    let words = words(sentence);
    let lower: Vec<String> = words.iter().map(|w| w.text.to_lowercase()).collect();
    let triggers: Vec<Trigger> = (0..words.len())
        .filter_map(|at| trigger(sentence, &words, &lower, at))
        .collect();
    let found_dates = dates(&words);
    let mut statements = Vec::new();
    for (k, trigger) in triggers.iter().enumerate() {
        let clause_start = if k == 0 { 0 } else { triggers[k - 1].at + 1 };
        let clause_end = triggers.get(k + 1).map_or(words.len(), |t| t.at);
        if about_someone_else(sentence, &words, &lower, clause_start, trigger.at)
            || named_other(&words, &lower, trigger.at, subject)
        {
            continue;
        }
        let clause = &lower[clause_start..clause_end];
        let date = clause_date(&found_dates, &lower, trigger.at, clause_start, clause_end);
        // `Arrested in 2007 and was in custody in Pakistan`: one arrest.
        let repeated = statements
            .iter()
            .any(|s: &Statement| s.status == trigger.status && (date.is_none() || s.date == date));
        if repeated {
            continue;
        }
        statements.push(Statement {
            status: trigger.status,
            date,
            certainty: certainty(clause, sentence),
            by: agent(sentence, &words, &lower, trigger.at, clause_end),
            quote: sentence.to_string(),
        });
    }
    statements
}

/// Verbs after which `killed`, `dead` or `arrested` are said of the subject.
const PASSIVE: [&str; 16] = [
    "was",
    "were",
    "been",
    "be",
    "being",
    "is",
    "reportedly",
    "confirmed",
    "allegedly",
    "reported",
    "believed",
    "presumed",
    "presumably",
    "found",
    "declared",
    "later",
];

/// Words after an active `arrested` / `captured` / `killed` that leave the
/// object to be the subject himself, not another named person.
const OBJECT_FREE: [&str; 24] = [
    "him",
    "her",
    "in",
    "on",
    "by",
    "at",
    "during",
    "after",
    "for",
    "while",
    "when",
    "and",
    "again",
    "near",
    "following",
    "upon",
    "along",
    "together",
    "with",
    "as",
    "before",
    "since",
    "shortly",
    "there",
];

/// Whether word `at` states death or custody, and which.
fn trigger(sentence: &str, words: &[Word], lower: &[String], at: usize) -> Option<Trigger> {
    let word = lower[at].as_str();
    let prev = |back: usize| at.checked_sub(back).map_or("", |i| lower[i].as_str());
    let next = lower.get(at + 1).map_or("", String::as_str);
    let passive = at == 0 || PASSIVE.contains(&prev(1));
    let object_free = next.is_empty()
        || OBJECT_FREE.contains(&next)
        || next.bytes().all(|b| b.is_ascii_digit())
        || super::dates::month(next).is_some();
    let status = match word {
        "deceased" => {
            // `Badruddin Haqqani (deceased)`: said of the name before it.
            let bracketed = sentence[..words[at].start].trim_end().ends_with('(');
            (!bracketed).then_some(Status::Died)?
        }
        "died" => Status::Died,
        "passed" if next == "away" => Status::Died,
        "dead" if passive => Status::Died,
        "death" => death_phrase(prev(1), next, lower.get(at + 2).map_or("", String::as_str))?,
        "killed"
            if passive
                || (prev(1) != "who" && matches!(next, "in" | "on" | "by" | "during" | "near")) =>
        {
            Status::Killed
        }
        "arrested" | "captured" | "detained" | "apprehended" if passive || object_free => {
            Status::Captured
        }
        "surrendered" | "surrender" if next == "to" || object_free => Status::Captured,
        "imprisoned" | "jailed" | "incarcerated" => Status::Captured,
        // `placed under arrest`, `under house arrest`; not `arrest warrant`.
        "arrest" if prev(1) == "under" || (prev(1) == "house" && prev(2) == "under") => {
            Status::Captured
        }
        "custody" | "prison" | "jail" | "detention" => {
            let held = (1..=3).any(|b| matches!(prev(b), "in" | "into"));
            // Released from prison; died in prison; ten years in prison (a
            // sentence, dated by the trial, not the arrest).
            let not_held = (1..=4).any(|b| {
                matches!(
                    prev(b),
                    "from"
                        | "released"
                        | "escaped"
                        | "died"
                        | "deceased"
                        | "killed"
                        | "years"
                        | "months"
                        | "sentenced"
                )
            });
            (held && !not_held).then_some(Status::Captured)?
        }
        "released" | "freed" => {
            const NOT_A_PERSON: [&str; 14] = [
                "a",
                "an",
                "the",
                "his",
                "statement",
                "statements",
                "video",
                "videos",
                "audio",
                "message",
                "footage",
                "recording",
                "report",
                "photos",
            ];
            (next == "from" || !NOT_A_PERSON.contains(&next)).then_some(Status::Released)?
        }
        "escaped" => Status::Escaped,
        _ => return None,
    };
    Some(Trigger { status, at })
}

/// `his death`, `death certificate`, `date of death`, `death was
/// confirmed`: death of the subject; not `sentenced to death`, `death
/// sentence`, `death squad`, `death of` someone.
fn death_phrase(prev: &str, next: &str, after: &str) -> Option<Status> {
    let of_subject = matches!(prev, "his" | "her" | "confirmed" | "reported")
        || (prev == "of" && !matches!(next, "penalty" | "sentence"))
        || next == "certificate"
        || matches!(next, "confirmed" | "announced")
        || (matches!(next, "was" | "has") && matches!(after, "confirmed" | "been" | "announced"));
    let not_his = matches!(prev, "to")
        || matches!(
            next,
            "sentence" | "penalty" | "squad" | "squads" | "threats" | "threat"
        );
    (of_subject && !not_his).then_some(Status::Died)
}

/// Relatives, groups and negations before the word in its clause, or
/// another listed person's reference number before it in the sentence.
fn about_someone_else(
    sentence: &str,
    words: &[Word],
    lower: &[String],
    clause_start: usize,
    at: usize,
) -> bool {
    const OTHERS: [&str; 30] = [
        "father",
        "mother",
        "brother",
        "sister",
        "son",
        "sons",
        "daughter",
        "wife",
        "husband",
        "uncle",
        "cousin",
        "nephew",
        "niece",
        "grandfather",
        "grandson",
        "brothers",
        "relatives",
        "family",
        "civilians",
        "people",
        "soldiers",
        "troops",
        "members",
        "fighters",
        "others",
        "hostages",
        "persons",
        "individuals",
        "deputy",
        "associate",
    ];
    const NEGATIONS: [&str; 12] = [
        "not",
        "never",
        "no",
        "denied",
        "denies",
        "deny",
        "false",
        "falsely",
        "rumours",
        "rumors",
        "unfounded",
        "despite",
    ];
    let before = &lower[clause_start..at];
    if before
        .iter()
        .any(|w| OTHERS.contains(&w.as_str()) || NEGATIONS.contains(&w.as_str()))
    {
        return true;
    }
    // `… was a target. Nkunda (CDi.007) was arrested`: another listed person.
    let upto = &sentence[..words[at].start];
    has_reference_number(upto)
}

/// `Laurent Nkunda was arrested`: the name before the verb is not one of
/// the subject's.
fn named_other(words: &[Word], lower: &[String], at: usize, subject: &[String]) -> bool {
    // Words between a subject and its verb (`X was reportedly killed`),
    // and the sentence openers that are not names (`Confirmed to have died`).
    const AUXILIARY: [&str; 24] = [
        "was",
        "is",
        "were",
        "has",
        "had",
        "been",
        "being",
        "reportedly",
        "believed",
        "to",
        "have",
        "be",
        "allegedly",
        "later",
        "then",
        "presumed",
        "reported",
        "said",
        "subsequently",
        "confirmed",
        "thought",
        "known",
        "understood",
        "alleged",
    ];
    if subject.is_empty() {
        return false;
    }
    let mut i = at;
    while i > 0 && AUXILIARY.contains(&lower[i - 1].as_str()) {
        i -= 1;
    }
    if i == at || i == 0 {
        return false;
    }
    let name = &lower[i - 1];
    let capitalised = words[i - 1].text.starts_with(char::is_uppercase);
    const PRONOUNS: [&str; 6] = ["he", "she", "they", "it", "who", "and"];
    capitalised && !PRONOUNS.contains(&name.as_str()) && !subject.contains(name)
}

/// Whether `text` holds a UN reference number such as `TAi.109` or `CDe.001`.
fn has_reference_number(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.windows(7).any(|w| {
        w[0].is_ascii_uppercase()
            && w[1].is_ascii_uppercase()
            && matches!(w[2], b'i' | b'e')
            && w[3] == b'.'
            && w[4..7].iter().all(u8::is_ascii_digit)
    })
}

/// The date of the word at `at`: the first after it in its clause, else
/// the last before it; qualified by the words before the date.
fn clause_date(
    found: &[Found],
    lower: &[String],
    at: usize,
    start: usize,
    end: usize,
) -> Option<String> {
    let after = found.iter().find(|d| d.first > at && d.first < end);
    let before = found.iter().rev().find(|d| d.end <= at && d.first >= start);
    let date = after.or(before)?;
    let prev = |back: usize| {
        date.first
            .checked_sub(back)
            .map_or("", |i| lower[i].as_str())
    };
    Some(match (prev(2), prev(1)) {
        ("as", "of" | "at") | (_, "by" | "before" | "until") => format!("../{}", date.edtf),
        (_, "after") => format!("{}/..", date.edtf),
        (_, "circa" | "around" | "about" | "approximately") if !date.edtf.contains('/') => {
            format!("{}~", date.edtf)
        }
        _ => date.edtf.clone(),
    })
}

/// The certainty the wording of the clause (and the sentence's fixed
/// phrases) gives.
fn certainty(clause: &[String], sentence: &str) -> Option<Certainty> {
    let has = |words: &[&str]| clause.iter().any(|w| words.contains(&w.as_str()));
    let lower = sentence.to_lowercase();
    if has(&[
        "reportedly",
        "reported",
        "reports",
        "believed",
        "presumed",
        "presumably",
        "allegedly",
        "alleged",
        "possibly",
        "unconfirmed",
        "rumoured",
        "rumored",
        "suspected",
    ]) || lower.contains("may have")
        || lower.contains("might have")
    {
        Some(Certainty::Possible)
    } else if has(&["probably", "likely"]) {
        Some(Certainty::Probable)
    } else if has(&["confirmed", "officially", "verified"]) || lower.contains("death certificate") {
        Some(Certainty::Confirmed)
    } else {
        None
    }
}

/// `by …` after the word, up to the next comma or preposition: who killed
/// or captured him.
fn agent(
    sentence: &str,
    words: &[Word],
    lower: &[String],
    at: usize,
    end: usize,
) -> Option<String> {
    const STOP: [&str; 12] = [
        "on", "in", "at", "and", "during", "for", "after", "when", "while", "near", "as", "since",
    ];
    let by = (at + 1..end.min(at + 4)).find(|&i| lower[i] == "by")?;
    let mut last = None;
    for i in by + 1..end.min(by + 9) {
        if STOP.contains(&lower[i].as_str()) || super::dates::date_at(words, i).is_some() {
            break;
        }
        if sentence[words[i - 1].end..words[i].start].contains([',', ';', '(']) {
            break;
        }
        last = Some(i);
    }
    let last = last?;
    let agent = &sentence[words[by + 1].start..words[last].end];
    Some(agent.trim_start_matches("the ").to_string())
}
