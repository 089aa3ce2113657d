//! Who is who in the bundled dataset, asserted with reasons: each check
//! here is a fact from the seed articles that the matcher must keep, so a
//! change to name matching that loses one says which and why.

use std::path::PathBuf;

use claimlint::config::Config;

fn people() -> claimlint::Analysis {
    let paths = [PathBuf::from("claims")];
    let config = Config::discover(None, &paths).expect("config");
    claimlint::analyse(&paths, &config.options())
}

/// The entity holding the claim with this id.
fn person_of(analysis: &claimlint::Analysis, claim: &str) -> usize {
    let index = analysis.dataset.claim_index(claim).expect(claim);
    analysis.entities.entity_of_claim[index]
}

/// Names a source gives together for one person (a claim's `who` and its
/// `aliases`) are one person, even when one of them alone would be too
/// generic to merge on (a kunya, a single word): the record says so.
#[test]
fn names_given_together_are_one_person() {
    let analysis = people();
    assert_eq!(
        person_of(&analysis, "futtum-killed-2017-07-13"),
        person_of(&analysis, "futtum-role-bomb-maker"),
        "`Abu Futtum` and `Futtum` are given as one man's names in orton-2017"
    );
    assert!(
        !analysis
            .findings
            .iter()
            .any(|f| f.rule == "ambiguous-alias"),
        "the bundled dataset has no name it cannot assign"
    );
    assert_eq!(
        analysis.entities.list.len(),
        43,
        "43 people in the seed articles"
    );
}

/// Different people who share a name part stay apart: the al-Shishani
/// commanders, and Usama al-Muhajir versus Abu Usama al-Muhajir.
#[test]
fn namesakes_stay_apart() {
    let analysis = people();
    let names: Vec<&str> = analysis
        .entities
        .list
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    for name in [
        "Usama al-Muhajir",
        "Abu Usama al-Muhajir",
        "al-Bara al-Shishani",
        "Abu Omar al-Shishani",
    ] {
        assert!(
            names.contains(&name),
            "{name} is a person of their own: {names:?}"
        );
    }
}
