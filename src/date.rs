//! EDTF (ISO 8601-2) levels 0 and 1, parsed into intervals of days.
//!
//! Every date in claimlint is an interval: `2017` is 2017-01-01 ..= 2017-12-31,
//! `2017-06-21/2017-06-30` is ten days, `../2015-05` is everything up to the end
//! of May 2015. Rules never compare strings: they ask whether one interval is
//! *certainly* before another (every day of one precedes every day of the other,
//! and neither date is qualified as uncertain or approximate beyond that) or only
//! *possibly* before (some day of one precedes some day of the other).
//!
//! Supported forms:
//! - level 0: `2017`, `2017-06`, `2017-06-07`, `2017-06-07T10:00:00Z` (the time
//!   is ignored), intervals `2017-06-21/2017-06-30`;
//! - level 1: qualifiers `?` (uncertain), `~` (approximate), `%` (both);
//!   unspecified digits `201X`, `2017-XX`, `2017-06-XX`; seasons `2017-21` …
//!   `2017-24` (spring, summer, autumn, winter, northern hemisphere); open
//!   and unknown interval ends `../2015-05`, `2015/..`, `/2015`, `2015/`.

use std::fmt;

/// Days since 1970-01-01 (proleptic Gregorian calendar).
pub type Day = i32;

/// The first day claimlint can represent; stands for an open or unknown start.
pub const DAWN: Day = -4_000_000;
/// The last day claimlint can represent; stands for an open or unknown end.
pub const DUSK: Day = 4_000_000;

/// How closely a single date was given: it decides how far `~` widens it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    /// A single day (`2017-06-07`).
    Day,
    /// A month (`2017-06`).
    Month,
    /// A season or quarter (EDTF level 1: `2017-21`).
    Season,
    /// A year (`2017`).
    Year,
    /// A decade (`201X`).
    Decade,
    /// A century (`20XX`).
    Century,
}

/// A span of whole days with the qualifiers that came with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Interval {
    /// First possible day (inclusive); [`DAWN`] when open.
    pub earliest: Day,
    /// Last possible day (inclusive); [`DUSK`] when open.
    pub latest: Day,
    /// The source itself doubts the date (`?`).
    pub uncertain: bool,
    /// The date is given roughly (`~`); its bounds are already widened.
    pub approximate: bool,
}

/// How two intervals are ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    /// Every reading of both dates puts the first before the second.
    Certain,
    /// Some reading of the dates puts the first before the second, some does not.
    Possible,
    /// No reading of the dates puts the first before the second.
    Impossible,
}

impl Interval {
    /// All of time: the date of an event nobody dated.
    pub const UNKNOWN: Interval = Interval {
        earliest: DAWN,
        latest: DUSK,
        uncertain: false,
        approximate: false,
    };

    /// The days from `earliest` to `latest`, both included, certain.
    pub fn new(earliest: Day, latest: Day) -> Self {
        Interval {
            earliest,
            latest,
            uncertain: false,
            approximate: false,
        }
    }

    /// The birth days that make someone `age` completed years old on some
    /// day of this interval: from the day after their `age + 1`th
    /// birthday-eve before its first day to their `age`th birthday on its
    /// last. An open end stays open.
    pub fn birth_at_age(&self, age: u32) -> Interval {
        let age = i32::try_from(age).unwrap_or(i32::MAX / 2);
        let earliest = if self.earliest <= DAWN {
            DAWN
        } else {
            years_before(self.earliest, age.saturating_add(1)) + 1
        };
        let latest = if self.latest >= DUSK {
            DUSK
        } else {
            years_before(self.latest, age)
        };
        Interval {
            earliest: earliest.max(DAWN),
            latest: latest.min(DUSK),
            uncertain: self.uncertain,
            approximate: self.approximate,
        }
    }

    /// True when any day in the interval is unbounded.
    pub fn is_open(&self) -> bool {
        self.earliest <= DAWN || self.latest >= DUSK
    }

    /// Whether the qualifiers let us call an order certain.
    fn firm(&self) -> bool {
        !self.uncertain
    }

    /// Every day of `self` is strictly before every day of `other`, and neither
    /// date is marked uncertain.
    pub fn certainly_before(&self, other: &Interval) -> bool {
        self.latest < other.earliest && self.firm() && other.firm()
    }

    /// Some day of `self` is strictly before some day of `other`.
    pub fn possibly_before(&self, other: &Interval) -> bool {
        self.earliest < other.latest
    }

    /// The two intervals share at least one day.
    pub fn overlaps(&self, other: &Interval) -> bool {
        self.earliest <= other.latest && other.earliest <= self.latest
    }

    /// How `self` is ordered before `other`.
    pub fn before(&self, other: &Interval) -> Order {
        if self.certainly_before(other) {
            Order::Certain
        } else if self.possibly_before(other) {
            Order::Possible
        } else {
            Order::Impossible
        }
    }

    /// Days between the end of `self` and the start of `other` when `self` is
    /// certainly earlier (ignoring qualifiers); `None` otherwise.
    pub fn gap_days(&self, other: &Interval) -> Option<i64> {
        if self.latest < other.earliest && !self.is_open() && !other.is_open() {
            Some(i64::from(other.earliest) - i64::from(self.latest))
        } else {
            None
        }
    }

    /// The interval as `YYYY-MM-DD..YYYY-MM-DD`, with `..` for open ends.
    pub fn describe(&self) -> String {
        let start = if self.earliest <= DAWN {
            String::new()
        } else {
            format_day(self.earliest)
        };
        let end = if self.latest >= DUSK {
            String::new()
        } else {
            format_day(self.latest)
        };
        if start == end {
            start
        } else {
            format!("{start}..{end}")
        }
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

/// A parsed EDTF value: the text as written and the interval it denotes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edtf {
    /// The date as written.
    pub text: String,
    /// The days it may denote.
    pub interval: Interval,
}

/// [`Edtf::words`] of EDTF text (one end of an interval at a time).
fn words(text: &str) -> String {
    let text = text.trim();
    if let Some((start, end)) = text.split_once('/') {
        return match (start, end) {
            ("..", "..") | ("", "") => "at an unknown time".to_string(),
            ("..", end) | ("", end) => format!("by {}", words(end)),
            (start, "..") => format!("from {} on", words(start)),
            (start, "") => format!("from {} on", words(start)),
            (start, end) => format!("between {} and {}", words(start), words(end)),
        };
    }
    if let Some(end) = text.strip_prefix("..") {
        return format!("by {}", words(end));
    }
    if let Some(start) = text.strip_suffix("..") {
        return format!("from {} on", words(start));
    }
    match text.chars().last() {
        Some('~') => format!("about {}", &text[..text.len() - 1]),
        Some('?') => format!("{} (uncertain)", &text[..text.len() - 1]),
        Some('%') => format!("about {} (uncertain)", &text[..text.len() - 1]),
        _ => text.to_string(),
    }
}

impl Edtf {
    /// The date as a reader says it: `by 2015-05` (`../2015-05`), `from
    /// 2019 on` (`2019/..`), `between 2019-09-01 and 2019-09-20`, `about
    /// 2012` (`2012~`), `2014-08 (uncertain)` (`2014-08?`); a plain date as
    /// written.
    pub fn words(&self) -> String {
        words(&self.text)
    }

    /// Parses an EDTF date or interval, or says what is wrong with it.
    pub fn parse(text: &str) -> Result<Edtf, DateError> {
        let interval = match plain_date(text) {
            Some(interval) => interval,
            None => parse_interval(text.trim()).map_err(|reason| DateError {
                text: text.to_string(),
                reason,
            })?,
        };
        Ok(Edtf {
            text: text.to_string(),
            interval,
        })
    }
}

impl fmt::Display for Edtf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Why a date string is not EDTF, worded for the person who wrote it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError {
    /// The date as written.
    pub text: String,
    /// What is wrong with it, and what would be right.
    pub reason: String,
}

/// The forms we accept, quoted in every date error.
pub const VALID_FORMS: &str = "use EDTF: `2017`, `2017-06`, `2017-06-07`, an interval `2017-06-21/2017-06-30`, an open interval `../2015-05`, uncertain `2014-08?` or approximate `2012~`";

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid date `{}`: {}; {}",
            self.text, self.reason, VALID_FORMS
        )
    }
}

impl std::error::Error for DateError {}

fn parse_interval(text: &str) -> Result<Interval, String> {
    if text.is_empty() {
        return Err("the date is empty".into());
    }
    let Some((left, right)) = text.split_once('/') else {
        return parse_single(text);
    };
    if right.contains('/') {
        return Err("an interval has exactly one `/`".into());
    }
    let start = match left {
        "" | ".." => None,
        _ => Some(parse_single(left)?),
    };
    let end = match right {
        "" | ".." => None,
        _ => Some(parse_single(right)?),
    };
    if start.is_none() && end.is_none() {
        return Err("an interval needs at least one bounded end".into());
    }
    let earliest = start.map_or(DAWN, |s| s.earliest);
    let latest = end.map_or(DUSK, |e| e.latest);
    if let (Some(s), Some(e)) = (start, end) {
        // Compare the dates as written, before `~` widened them, so that
        // `2017~/2017` is not mistaken for an inverted interval.
        if s.earliest > e.latest {
            return Err(format!(
                "the interval ends ({}) before it starts ({})",
                right, left
            ));
        }
    }
    Ok(Interval {
        earliest,
        latest,
        uncertain: start.is_some_and(|s| s.uncertain) || end.is_some_and(|e| e.uncertain),
        approximate: start.is_some_and(|s| s.approximate) || end.is_some_and(|e| e.approximate),
    })
}

/// A valid `YYYY`, `YYYY-MM` or `YYYY-MM-DD` of plain digits, the form of
/// nearly every date in a large dataset, read without the general parser's
/// splitting; anything else (including every invalid date, for its message)
/// is left to [`parse_qualified`], which gives the same interval for these.
fn plain_date(text: &str) -> Option<Interval> {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        b.get(range)?.iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let year = digits(0..4)? as i32;
    let (earliest, latest) = match b.len() {
        4 => (days_from_civil(year, 1, 1), days_from_civil(year, 12, 31)),
        7 if b[4] == b'-' => {
            let month = digits(5..7).filter(|m| (1..=12).contains(m))?;
            (
                days_from_civil(year, month, 1),
                days_from_civil(year, month, days_in_month(year, month)),
            )
        }
        10 if b[4] == b'-' && b[7] == b'-' => {
            let month = digits(5..7).filter(|m| (1..=12).contains(m))?;
            let day = digits(8..10).filter(|d| (1..=days_in_month(year, month)).contains(d))?;
            let d = days_from_civil(year, month, day);
            (d, d)
        }
        _ => return None,
    };
    Some(Interval::new(earliest, latest))
}

/// One EDTF date (no `/`), with its qualifier.
fn parse_single(text: &str) -> Result<Interval, String> {
    plain_date(text).map_or_else(|| parse_qualified(text), Ok)
}

/// [`parse_single`] for every form, and with the message for an invalid one.
fn parse_qualified(text: &str) -> Result<Interval, String> {
    let (body, uncertain, approximate) = match text.as_bytes().last() {
        Some(b'?') => (&text[..text.len() - 1], true, false),
        Some(b'~') => (&text[..text.len() - 1], false, true),
        Some(b'%') => (&text[..text.len() - 1], true, true),
        _ => (text, false, false),
    };
    // A time of day adds nothing at day resolution.
    let body = body.split_once('T').map_or(body, |(date, _)| date);
    let (negative, digits) = match body.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, body),
    };
    let mut parts = digits.split('-');
    let year_text = parts.next().unwrap_or_default();
    let month_text = parts.next();
    let day_text = parts.next();
    if parts.next().is_some() {
        return Err("too many `-` separated parts (expected YYYY-MM-DD)".into());
    }
    let (year_first, year_last, year_precision) = parse_year(year_text, negative)?;
    let (earliest, latest, precision) = match (month_text, day_text) {
        (None, _) => (
            days_from_civil(year_first, 1, 1),
            days_from_civil(year_last, 12, 31),
            year_precision,
        ),
        (Some(month), None) => {
            if year_first != year_last {
                return Err("a month needs a fully specified year".into());
            }
            let (first, last, precision) = parse_month(year_first, month)?;
            (first, last, precision)
        }
        (Some(month), Some(day)) => {
            if year_first != year_last {
                return Err("a day needs a fully specified year".into());
            }
            parse_day(year_first, month, day)?
        }
    };
    let (earliest, latest) = if approximate {
        let slack = match precision {
            Precision::Day => 3,
            Precision::Month | Precision::Season => 31,
            Precision::Year => 366,
            Precision::Decade => 3 * 366,
            Precision::Century => 10 * 366,
        };
        (earliest - slack, latest + slack)
    } else {
        (earliest, latest)
    };
    Ok(Interval {
        earliest,
        latest,
        uncertain,
        approximate,
    })
}

/// A year of four characters, digits or trailing `X`s: `2017`, `201X`, `20XX`.
fn parse_year(text: &str, negative: bool) -> Result<(i32, i32, Precision), String> {
    if text.len() != 4 || !text.is_ascii() {
        return Err(format!(
            "`{text}` is not a four-digit year (years 0000 to 9999, optionally negative)"
        ));
    }
    let unspecified = text.bytes().rev().take_while(|b| *b == b'X').count();
    let known = &text[..4 - unspecified];
    if !known.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "`{text}` is not a year: use four digits, with `X` only for trailing unknown digits"
        ));
    }
    let scale = 10i32.pow(unspecified as u32);
    let prefix: i32 = if known.is_empty() {
        0
    } else {
        known
            .parse()
            .map_err(|_| format!("`{text}` is not a year"))?
    };
    let low = prefix * scale;
    let high = low + scale - 1;
    let precision = match unspecified {
        0 => Precision::Year,
        1 => Precision::Decade,
        _ => Precision::Century,
    };
    if negative {
        if unspecified > 0 {
            return Err("unspecified digits in a negative year are not supported".into());
        }
        Ok((-low, -low, precision))
    } else {
        Ok((low, high, precision))
    }
}

fn parse_month(year: i32, text: &str) -> Result<(Day, Day, Precision), String> {
    if text == "XX" {
        return Ok((
            days_from_civil(year, 1, 1),
            days_from_civil(year, 12, 31),
            Precision::Year,
        ));
    }
    let month = two_digits(text, "month")?;
    match month {
        1..=12 => Ok((
            days_from_civil(year, month, 1),
            days_from_civil(year, month, days_in_month(year, month)),
            Precision::Month,
        )),
        // EDTF level 1 seasons; winter spans the turn of the year.
        21 => Ok(season(year, 3, year, 5)),
        22 => Ok(season(year, 6, year, 8)),
        23 => Ok(season(year, 9, year, 11)),
        24 => Ok(season(year, 12, year + 1, 2)),
        _ => Err(format!(
            "month `{text}` is out of range (01 to 12, or 21 to 24 for seasons)"
        )),
    }
}

fn season(y1: i32, m1: u32, y2: i32, m2: u32) -> (Day, Day, Precision) {
    (
        days_from_civil(y1, m1, 1),
        days_from_civil(y2, m2, days_in_month(y2, m2)),
        Precision::Season,
    )
}

fn parse_day(year: i32, month_text: &str, day_text: &str) -> Result<(Day, Day, Precision), String> {
    if month_text == "XX" {
        if day_text == "XX" {
            return Ok((
                days_from_civil(year, 1, 1),
                days_from_civil(year, 12, 31),
                Precision::Year,
            ));
        }
        return Err("a known day needs a known month".into());
    }
    let month = two_digits(month_text, "month")?;
    if !(1..=12).contains(&month) {
        return Err(format!("month `{month_text}` is out of range (01 to 12)"));
    }
    let last = days_in_month(year, month);
    if day_text == "XX" {
        return Ok((
            days_from_civil(year, month, 1),
            days_from_civil(year, month, last),
            Precision::Month,
        ));
    }
    let day = two_digits(day_text, "day")?;
    if day == 0 || day > last {
        return Err(format!(
            "{year:04}-{month:02} has no day {day} (it has {last} days)"
        ));
    }
    let d = days_from_civil(year, month, day);
    Ok((d, d, Precision::Day))
}

fn two_digits(text: &str, what: &str) -> Result<u32, String> {
    if text.len() != 2 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("{what} `{text}` is not two digits"));
    }
    text.parse()
        .map_err(|_| format!("{what} `{text}` is not a number"))
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(year) => 29,
        _ => 28,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i32, month: u32, day: u32) -> Day {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = month as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number (inverse of [`days_from_civil`]).
pub fn civil_from_days(day: Day) -> (i32, u32, u32) {
    let z = day + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i32::from(m <= 2);
    (y, m, d)
}

/// The same calendar day `years` years earlier (29 February falls back to
/// the 28th in a common year).
pub fn years_before(day: Day, years: i32) -> Day {
    let (y, m, d) = civil_from_days(day);
    let year = y.saturating_sub(years).max(-999_999);
    days_from_civil(year, m, d.min(days_in_month(year, m)))
}

/// `YYYY-MM-DD` for a day number.
pub fn format_day(day: Day) -> String {
    let (y, m, d) = civil_from_days(day);
    if y < 0 {
        format!("-{:04}-{m:02}-{d:02}", -y)
    } else {
        format!("{y:04}-{m:02}-{d:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stated_age_is_a_window_of_birth_days() {
        let day = |y, m, d| days_from_civil(y, m, d);
        // Killed on 2017-06-07 aged 40: born 1976-06-08 to 1977-06-07.
        let killed = Interval::new(day(2017, 6, 7), day(2017, 6, 7));
        let born = killed.birth_at_age(40);
        assert_eq!(
            (born.earliest, born.latest),
            (day(1976, 6, 8), day(1977, 6, 7))
        );
        // Aged 30 some time in 2015: born 1984-01-02 to 1985-12-31.
        let year = Interval::new(day(2015, 1, 1), day(2015, 12, 31));
        let born = year.birth_at_age(30);
        assert_eq!(
            (born.earliest, born.latest),
            (day(1984, 1, 2), day(1985, 12, 31))
        );
        // An open start stays open; 29 February falls back to the 28th.
        let by = Interval::new(DAWN, day(2016, 2, 29)).birth_at_age(21);
        assert_eq!((by.earliest, by.latest), (DAWN, day(1995, 2, 28)));
    }

    #[test]
    fn dates_in_words() {
        let words = |text: &str| Edtf::parse(text).unwrap().words();
        assert_eq!(words("2014-08"), "2014-08");
        assert_eq!(words("../2015-05"), "by 2015-05");
        assert_eq!(words("2019/.."), "from 2019 on");
        assert_eq!(
            words("2019-09-01/2019-09-20"),
            "between 2019-09-01 and 2019-09-20"
        );
        assert_eq!(words("2012~"), "about 2012");
        assert_eq!(words("2014-08?"), "2014-08 (uncertain)");
    }

    fn iv(text: &str) -> Interval {
        match Edtf::parse(text) {
            Ok(e) => e.interval,
            Err(e) => panic!("{e}"),
        }
    }

    fn day(y: i32, m: u32, d: u32) -> Day {
        days_from_civil(y, m, d)
    }

    #[test]
    fn plain_dates_read_as_the_general_parser_reads_them() {
        let mut texts = vec![
            "0000".to_string(),
            "9999".into(),
            "2017-1".into(),
            "20170".into(),
        ];
        for year in [1900, 1999, 2000, 2016, 2017, 2024] {
            texts.push(format!("{year}"));
            for month in 0..=13 {
                texts.push(format!("{year}-{month:02}"));
                for day in 0..=32 {
                    texts.push(format!("{year}-{month:02}-{day:02}"));
                }
            }
        }
        for text in texts {
            match plain_date(&text) {
                Some(interval) => assert_eq!(Ok(interval), parse_qualified(&text), "{text}"),
                None => assert!(parse_qualified(&text).is_err(), "{text}"),
            }
        }
    }

    #[test]
    fn civil_round_trip() {
        for d in [-800_000, -1, 0, 1, 17_000, 20_000, 800_000] {
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(format_day(days_from_civil(2017, 6, 7)), "2017-06-07");
    }

    #[test]
    fn level_zero_precisions() {
        assert_eq!(
            iv("2017"),
            Interval::new(day(2017, 1, 1), day(2017, 12, 31))
        );
        assert_eq!(
            iv("2016-02"),
            Interval::new(day(2016, 2, 1), day(2016, 2, 29))
        );
        assert_eq!(
            iv("2017-06-07"),
            Interval::new(day(2017, 6, 7), day(2017, 6, 7))
        );
        assert_eq!(iv("2017-06-07T12:30:00Z"), iv("2017-06-07"));
    }

    #[test]
    fn intervals_and_open_ends() {
        assert_eq!(
            iv("2017-06-21/2017-06-30"),
            Interval::new(day(2017, 6, 21), day(2017, 6, 30))
        );
        let open = iv("../2015-05");
        assert_eq!((open.earliest, open.latest), (DAWN, day(2015, 5, 31)));
        assert!(open.is_open());
        assert_eq!(iv("2015/..").latest, DUSK);
        assert_eq!(iv("/2015").earliest, DAWN);
        assert_eq!(iv("2015/").latest, DUSK);
    }

    #[test]
    fn qualifiers() {
        let uncertain = iv("2014-08?");
        assert!(uncertain.uncertain && !uncertain.approximate);
        assert_eq!(uncertain.earliest, day(2014, 8, 1));
        let approx = iv("2012~");
        assert!(approx.approximate);
        assert!(approx.earliest < day(2012, 1, 1) && approx.latest > day(2012, 12, 31));
        let both = iv("2012-05%");
        assert!(both.uncertain && both.approximate);
    }

    #[test]
    fn unspecified_digits_and_seasons() {
        assert_eq!(
            iv("201X"),
            Interval::new(day(2010, 1, 1), day(2019, 12, 31))
        );
        assert_eq!(iv("2017-XX"), iv("2017"));
        assert_eq!(iv("2017-06-XX"), iv("2017-06"));
        assert_eq!(
            iv("2017-22"),
            Interval::new(day(2017, 6, 1), day(2017, 8, 31))
        );
        assert_eq!(iv("2017-24").latest, day(2018, 2, 28));
    }

    #[test]
    fn invalid_dates_say_what_is_valid() {
        for bad in [
            "2019-02-30",
            "2019-13",
            "late June 2017",
            "17",
            "2017/2016",
            "../..",
            "",
            "2017-06-07-01",
            "2017-6-7",
            "２０１７",
        ] {
            let err = Edtf::parse(bad).expect_err(bad);
            assert!(err.to_string().contains("use EDTF"), "{bad}: {err}");
        }
        let err = Edtf::parse("2019-02-30").unwrap_err();
        assert!(err.reason.contains("has no day 30"), "{}", err.reason);
        let err = Edtf::parse("2017/2016").unwrap_err();
        assert!(err.reason.contains("ends"), "{}", err.reason);
    }

    #[test]
    fn orders() {
        let death = iv("2014-08");
        let video = iv("../2015-05");
        let plot = iv("2015-11");
        assert_eq!(death.before(&plot), Order::Certain);
        assert_eq!(death.before(&video), Order::Possible);
        assert_eq!(plot.before(&death), Order::Impossible);
        assert!(death.overlaps(&iv("2014")));
        assert!(!death.overlaps(&plot));
        // An uncertain date never yields a certain order.
        assert_eq!(iv("2014-08?").before(&plot), Order::Possible);
        // Within one month, the order of two month-precision dates is open.
        assert_eq!(death.before(&iv("2014-08")), Order::Possible);
    }
}
