//! Dates as the lists write them in prose (`17 February 2010`, `Jun.
//! 2010`, `in 2015`, `as of April 2013`, `between 2009 and 2010`), turned
//! into EDTF.

/// The month a word names (`Jun`, `June`, `Sept`), 1 to 12.
pub fn month(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = word.to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    let found = MONTHS.iter().position(|m| {
        *m == lower
            || (lower.len() == 3 && m.starts_with(&lower))
            || (lower == "sept" && *m == "september")
    })?;
    Some(found as u32 + 1)
}

/// A plausible year of an event or a birth.
fn year(word: &str) -> Option<i32> {
    if word.len() != 4 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i32 = word.parse().ok()?;
    (1850..=2100).contains(&year).then_some(year)
}

fn day(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let day: u32 = digits.parse().ok()?;
    (1..=31).contains(&day).then_some(day)
}

/// A word of a text and where it is (byte offsets).
#[derive(Clone, Copy, Debug)]
pub struct Word<'t> {
    pub text: &'t str,
    pub start: usize,
    pub end: usize,
}

/// The words of `text`: runs of letters and digits.
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (start, c.is_alphanumeric()) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                words.push(Word {
                    text: &text[s..i],
                    start: s,
                    end: i,
                });
                start = None;
            }
            _ => {}
        }
    }
    words
}

/// A date found in prose: which words it spans and its EDTF.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// Index of its first and one past its last word.
    pub first: usize,
    pub end: usize,
    pub edtf: String,
}

/// The date that starts at word `i`, if one does: a day, a month or a
/// year, or `between YEAR and YEAR`.
pub fn date_at(words: &[Word], i: usize) -> Option<Found> {
    let w = |k: usize| words.get(k).map_or("", |w| w.text);
    let found = |end: usize, edtf: String| {
        Some(Found {
            first: i,
            end,
            edtf,
        })
    };
    if let (Some(d), Some(m), Some(y)) = (day(w(i)), month(w(i + 1)), year(w(i + 2))) {
        return found(i + 3, format!("{y:04}-{m:02}-{d:02}"));
    }
    if let Some(m) = month(w(i)) {
        if let (Some(d), Some(y)) = (day(w(i + 1)), year(w(i + 2))) {
            return found(i + 3, format!("{y:04}-{m:02}-{d:02}"));
        }
        if let Some(y) = year(w(i + 1)) {
            return found(i + 2, format!("{y:04}-{m:02}"));
        }
    }
    if w(i).eq_ignore_ascii_case("between") {
        if let (Some(a), true, Some(b)) = (year(w(i + 1)), w(i + 2) == "and", year(w(i + 3))) {
            if a < b {
                return found(i + 4, format!("{a}/{b}"));
            }
        }
    }
    if let Some(y) = year(w(i)) {
        return found(i + 1, format!("{y:04}"));
    }
    None
}

/// Every date in `words`, in order, none overlapping.
pub fn dates(words: &[Word]) -> Vec<Found> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        match date_at(words, i) {
            Some(date) => {
                i = date.end;
                found.push(date);
            }
            None => i += 1,
        }
    }
    found
}

/// A date of birth as OFAC writes it: `14 Mar 1974`, `Mar 1974`, `1974`,
/// `circa 1974`, `1974 to 1976`.
pub fn birth_date(text: &str) -> Option<String> {
    let words = words(text);
    let texts: Vec<&str> = words.iter().map(|w| w.text).collect();
    match texts.as_slice() {
        ["circa" | "Circa" | "approximately", rest @ ..] if rest.len() == 1 => {
            Some(format!("{:04}~", year(rest[0])?))
        }
        [a, "to", b] => {
            let (a, b) = (year(a)?, year(b)?);
            (a < b).then(|| format!("{a}/{b}"))
        }
        _ => {
            let date = date_at(&words, 0)?;
            (date.end == words.len()).then_some(date.edtf)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_dates_become_edtf() {
        let text = "Arrested on 3 October 2010, released in late 2011, seen Jun. 2012 and between 2009 and 2010.";
        let found: Vec<String> = dates(&words(text)).into_iter().map(|d| d.edtf).collect();
        assert_eq!(found, ["2010-10-03", "2011", "2012-06", "2009/2010"]);
        assert_eq!(birth_date("14 Mar 1974").as_deref(), Some("1974-03-14"));
        assert_eq!(birth_date("circa 1955").as_deref(), Some("1955~"));
        assert_eq!(birth_date("1960 to 1962").as_deref(), Some("1960/1962"));
        assert_eq!(birth_date("Feb 1970").as_deref(), Some("1970-02"));
        assert_eq!(birth_date("sometime"), None);
    }
}
