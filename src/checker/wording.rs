//! Claims and their order put into words, and free text compared by its
//! words: shared by the rules' messages and reasoning.

use crate::date::{format_day, Interval, Order, DAWN, DUSK};
use crate::model::Claim;

/// A claim's status and date for messages and reasoning, as a reader says
/// them: `killed 2014-08`, `alive by 2015-05`, `killed between 2019-09-01
/// and 2019-09-20`; an undated claim says what bounds it.
pub(crate) fn describe(claim: &Claim) -> String {
    describe_date(claim.status.as_str(), claim, &claim.when)
}

/// Like [`describe`], for a part of the claim's date (a role's start,
/// `interval`, given in days when it is not the whole date).
pub(crate) fn describe_date(label: &str, claim: &Claim, interval: &Interval) -> String {
    match &claim.date {
        None => format!(
            "{label} undated (reported {}, so no later than that)",
            format_day(interval.latest)
        ),
        Some(date) if date.interval == *interval => format!("{label} {}", date.words()),
        Some(_) => format!("{label} {}", interval.describe()),
    }
}

/// Why `first` is ordered before `second` as `order` says, in words:
/// "certainly before", or "possibly before" with what leaves it open.
pub(crate) fn explain_order(
    first: &str,
    first_when: &Interval,
    second: &str,
    second_when: &Interval,
    order: Order,
) -> String {
    match order {
        Order::Certain => format!("{first} is certainly before {second}"),
        Order::Impossible => format!("{first} is not before {second}"),
        Order::Possible => {
            let why = if first_when.uncertain || second_when.uncertain {
                "a date marked uncertain (`?`) allows either order".to_string()
            } else if second_when.earliest <= DAWN {
                format!(
                    "the later date is open-ended up to {}",
                    format_day(second_when.latest)
                )
            } else if first_when.latest >= DUSK {
                "the earlier date has no end".to_string()
            } else {
                format!(
                    "the later date runs to {}, past the earlier one's last day {}, but the two may also overlap",
                    format_day(second_when.latest),
                    format_day(first_when.latest)
                )
            };
            format!("{first} is possibly before {second}: {why}")
        }
    }
}

/// Whether two free-text places or agents name the same thing: equal
/// ignoring case, punctuation and a leading "the", or one's words all
/// among the other's ("Raqqa" and "Raqqa, Syria"; "coalition" and
/// "US-led coalition").
pub(crate) fn wording_agrees(a: &str, b: &str) -> bool {
    let words = |text: &str| -> Vec<String> {
        let mut words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        if words.first().is_some_and(|w| w == "the") {
            words.remove(0);
        }
        words
    };
    let (wa, wb) = (words(a), words(b));
    if wa.is_empty() || wb.is_empty() {
        return true;
    }
    wa.iter().all(|w| wb.contains(w)) || wb.iter().all(|w| wa.contains(w))
}

/// Words that place an event around a place rather than name one: "near
/// Raqqa", "the outskirts of Raqqa", "Raqqa province" name Raqqa.
const PLACE_QUALIFIERS: [&str; 30] = [
    "near",
    "outside",
    "around",
    "in",
    "at",
    "of",
    "on",
    "the",
    "close",
    "to",
    "by",
    "area",
    "region",
    "city",
    "town",
    "village",
    "province",
    "governorate",
    "district",
    "countryside",
    "outskirts",
    "vicinity",
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
];

/// Whether two free-text places name the same place, worded at different
/// granularity: [`wording_agrees`] once the words that only situate a
/// place are set aside ("Raqqa", "Raqqa, Syria" and "near Raqqa" agree;
/// "Raqqa" and "Mosul" do not), or the same most specific part, written
/// first as addresses are ("Mayadin, Deir ez-Zor" and "Mayadin, Syria";
/// not "Raqqa, Syria" and "Idlib, Syria"). A place that is nothing but such
/// words agrees with any.
pub(crate) fn place_agrees(a: &str, b: &str) -> bool {
    let named = |text: &str| -> String {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty() && !PLACE_QUALIFIERS.contains(&w.to_lowercase().as_str()))
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let first = |text: &str| named(text.split([',', ';', '(']).next().unwrap_or(text));
    if wording_agrees(&named(a), &named(b)) {
        return true;
    }
    let (fa, fb) = (first(a), first(b));
    !fa.is_empty() && fa == fb
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_at_different_granularity_agree() {
        assert!(place_agrees("Raqqa", "Raqqa, Syria"));
        assert!(place_agrees("near Raqqa", "Raqqa, Syria"));
        assert!(place_agrees("the outskirts of Raqqa", "Raqqa province"));
        assert!(!place_agrees("Raqqa", "Mosul"));
        assert!(!place_agrees("Jilib", "Mogadishu"));
        assert!(place_agrees(
            "Mayadin, Deir ez-Zor province",
            "near Mayadin, Syria"
        ));
        assert!(!place_agrees("Raqqa, Syria", "Idlib, Syria"));
    }

    #[test]
    fn wording_agrees_on_containment_not_substrings() {
        assert!(wording_agrees("Raqqa", "raqqa, Syria"));
        assert!(wording_agrees("the Coalition", "US-led coalition"));
        assert!(!wording_agrees("Peshmerga", "US-led coalition"));
        // Word-level: "us" is not a word of "Russian air force".
        assert!(!wording_agrees("US", "Russian air force"));
        assert!(!wording_agrees("Kirkuk", "Raqqa"));
    }
}
