//! The death and custody statement extractor on real sentences of the
//! lists, both ways, and its precision and recall on a sample labelled by
//! hand (tests/data/import/statements.tsv).

use claimlint::import::statements::extract;
use claimlint::model::{Certainty, Status};

/// The single statement of `text` (about a person with no name given).
fn one(text: &str) -> (Status, Option<String>, Option<Certainty>) {
    let found = extract(text, &[]);
    assert_eq!(found.len(), 1, "{text}: {found:?}");
    (found[0].status, found[0].date.clone(), found[0].certainty)
}

fn none(text: &str) {
    let found = extract(text, &[]);
    assert!(found.is_empty(), "{text}: {found:?}");
}

#[test]
fn deaths_with_their_dates_and_certainty() {
    use Certainty::*;
    use Status::*;
    let cases: [(&str, Status, Option<&str>, Option<Certainty>); 12] = [
        ("Confirmed to have died in 2011 in Pakistan.", Died, Some("2011"), Some(Confirmed)),
        ("Death confirmed in April 2012.", Died, Some("2012-04"), Some(Confirmed)),
        ("Believed to have been killed in Syria in 2016.", Killed, Some("2016"), Some(Possible)),
        ("Reportedly deceased as of April 2013.", Died, Some("../2013-04"), Some(Possible)),
        ("Died in 2003", Died, Some("2003"), None),
        ("Reportedly killed in May 2016.", Killed, Some("2016-05"), Some(Possible)),
        ("Confirmed deceased in March 2010 and buried in Karachi, Pakistan.", Died, Some("2010-03"), Some(Confirmed)),
        ("Deceased as of 9 February 2016.", Died, Some("../2016-02-09"), None),
        ("Reportedly deceased in Sirte, Libya, on 20 October 2011.", Died, Some("2011-10-20"), Some(Possible)),
        ("Believed status/location: deceased.", Died, None, Some(Possible)),
        // No year: no date rather than a wrong one.
        ("Confirmed killed on 17 February in Peshawar, Pakistan and buried in Takhar Province, Afghanistan.", Killed, None, Some(Confirmed)),
        ("His death certificate was issued in Kabul in 2014.", Died, Some("2014"), Some(Confirmed)),
    ];
    for (text, status, date, certainty) in cases {
        assert_eq!(
            one(text),
            (status, date.map(str::to_string), certainty),
            "{text}"
        );
    }
}

#[test]
fn custody_and_release() {
    use Status::*;
    let cases: [(&str, Status, Option<&str>); 7] = [
        ("arrested 23 Apr 2002", Captured, Some("2002-04-23")),
        ("In custody in France", Captured, None),
        ("As of June 2011, detained in Makala Prison in Kinshasa.", Captured, Some("../2011-06")),
        ("Captured in Goma, DRC by Congolese security services in early May 2016 and transferred to Kinshasa.", Captured, Some("2016-05")),
        ("Released from custody in 2007.", Released, Some("2007")),
        ("He was released on 15 March 2020 after having served his ICC sentence.", Released, Some("2020-03-15")),
        ("He escaped from jail on 17 May 2015 following his extradition from Brazzaville.", Escaped, Some("2015-05-17")),
    ];
    for (text, status, date) in cases {
        let (found, found_date, _) = one(text);
        assert_eq!(
            (found, found_date),
            (status, date.map(str::to_string)),
            "{text}"
        );
    }
    let arrest = &extract(
        "Arrested by German authorities on 17 November 2009 and found guilty.",
        &[],
    )[0];
    assert_eq!(arrest.by.as_deref(), Some("German authorities"));
}

#[test]
fn relatives_negations_and_other_uses_are_not_statements() {
    for text in [
        "Communications assistant to Badruddin Haqqani (deceased).",
        "Father's name is Ghulam Nabi (deceased).",
        "Father of Sirajuddin Jallaloudine Haqqani (TAi.144) and Badruddin Haqqani (deceased).",
        "His brother was killed in 2012.",
        "He is not deceased.",
        "The family denied reports of his death in 2015.",
        "During May 2015, forces under his command killed children, women and old men.",
        "The International Criminal Court issued an arrest warrant for Mudacumura on 12 July 2012.",
        "Following the arrest of Mullah Baradar in February 2010 he was temporarily-in-charge.",
        "In November 2014, convicted by a DRC military court to ten years in prison for rape.",
        "Former Director General of the Tehran Prisons Organization.",
        "arbitrarily detained civilians",
        "The group released a statement in 2016.",
        "He was sentenced to death in absentia in 2014.",
    ] {
        none(text);
    }
    // A name that is not the subject's: another person's arrest.
    let text = "Laurent Nkunda was arrested by Rwandan authorities in January 2009.";
    assert!(extract(text, &["BOSCO NTAGANDA"]).is_empty());
    assert_eq!(extract(text, &["LAURENT NKUNDA"]).len(), 1);
}

#[test]
fn sentences_end_at_full_stops_not_at_abbreviations() {
    let text = "Review concluded on 27 Jul. 2010.Reportedly deceased as of Sep. 2013. INTERPOL link: https://www.interpol.int/x";
    let found = extract(text, &[]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].date.as_deref(), Some("../2013-09"));
    assert_eq!(found[0].quote, "Reportedly deceased as of Sep. 2013.");
}

/// Precision and recall over the statuses of each labelled sentence.
#[test]
fn precision_and_recall_on_the_labelled_sample() {
    let sample = include_str!("data/import/statements.tsv");
    let (mut hits, mut found, mut labelled) = (0usize, 0usize, 0usize);
    let mut misses = Vec::new();
    for line in sample.lines().filter(|l| !l.starts_with('#')) {
        let (label, sentence) = line.split_once('\t').unwrap();
        let mut gold: Vec<&str> = label.split(',').filter(|l| *l != "-").collect();
        gold.sort();
        let mut predicted: Vec<&str> = (extract(sentence, &[]).iter())
            .map(|s| s.status.as_str())
            .collect();
        predicted.sort();
        predicted.dedup();
        let common = predicted.iter().filter(|p| gold.contains(p)).count();
        hits += common;
        found += predicted.len();
        labelled += gold.len();
        if predicted != gold {
            misses.push(format!("{gold:?} vs {predicted:?}: {sentence}"));
        }
    }
    let precision = hits as f64 / found as f64;
    let recall = hits as f64 / labelled as f64;
    println!("statements: precision {precision:.3}, recall {recall:.3} ({hits} of {found} found, {labelled} labelled)");
    for miss in &misses {
        println!("  {miss}");
    }
    assert!(precision >= 0.95, "precision {precision:.3}");
    assert!(recall >= 0.9, "recall {recall:.3}");
}
