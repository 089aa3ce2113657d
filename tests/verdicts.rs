//! Verdicts, timelines and track records on the bundled dataset and on
//! fixtures. The verdict of every person in `claims/` is snapshotted so that
//! a change in what the evidence is taken to say is reviewed by a person.

mod common;

use std::fmt::Write as _;
use std::path::PathBuf;

use claimlint::config::Config;
use claimlint::verdict::{verdict, verdicts, State};
use common::{run, settings};

fn analyse(path: &str) -> claimlint::Analysis {
    let paths = [PathBuf::from(path)];
    let config = Config::discover(None, &paths).expect("config");
    claimlint::analyse(&paths, &config.options())
}

fn entity(analysis: &claimlint::Analysis, id: &str) -> usize {
    analysis
        .entities
        .list
        .iter()
        .position(|e| e.id == id)
        .unwrap_or_else(|| panic!("no entity {id}"))
}

#[test]
fn every_person_in_the_dataset_has_a_verdict() {
    let analysis = analyse("claims");
    let mut out = String::new();
    for v in verdicts(&analysis.dataset, &analysis.entities, None) {
        let e = &analysis.entities.list[v.entity];
        let _ = writeln!(
            out,
            "{} ({}) as of {}: {}",
            e.name, e.id, v.as_of, v.summary
        );
        for j in &v.rejects {
            let _ = writeln!(out, "    rejects {}", j.id);
        }
    }
    settings().bind(|| insta::assert_snapshot!("claims-verdicts", out));
}

#[test]
fn muhaxheri_died_in_2017_not_2014() {
    let analysis = analyse("claims");
    let e = entity(&analysis, "lavdrim-muhaxheri");
    let v = verdict(&analysis.dataset, &analysis.entities, e, None);
    assert_eq!(v.state, State::Dead);
    assert!(
        v.since
            .as_deref()
            .unwrap_or_default()
            .starts_with("2017-06"),
        "{v:?}"
    );
    assert!(
        v.rejects.iter().any(|j| j.id == "muhaxheri-killed-2014-08"),
        "{v:?}"
    );
    // As of 2016 the evidence said: alive, the 2014 report already refuted.
    let as_of = claimlint::date::Edtf::parse("2016-12-31")
        .unwrap()
        .interval
        .latest;
    let v = verdict(&analysis.dataset, &analysis.entities, e, Some(as_of));
    assert_eq!(v.state, State::Alive, "{v:?}");
}

#[test]
fn mainok_is_alive_as_of_2023() {
    let analysis = analyse("claims");
    let e = entity(&analysis, "abubakar-mainok");
    let v = verdict(&analysis.dataset, &analysis.entities, e, None);
    assert_eq!(v.state, State::Alive, "{v:?}");
    for id in ["mainok-killed-2019-09", "mainok-killed-2022-11"] {
        assert!(
            v.rejects.iter().any(|j| j.id == id),
            "{id} not rejected: {v:?}"
        );
    }
}

#[test]
fn timeline_command() {
    let (stdout, stderr, code) = run(&[
        "timeline",
        "Lavdrim Muhaxheri",
        "--color",
        "never",
        "claims/",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("verdict (as of 2017-08-04): dead since 2017-06"),
        "{stdout}"
    );
    settings().bind(|| insta::assert_snapshot!("timeline-muhaxheri", stdout));
    // Another spelling finds the same person.
    let (other, _, _) = run(&["timeline", "Muhaxheri", "--color", "never", "claims/"]);
    assert_eq!(other, stdout);
    let (json, _, code) = run(&[
        "timeline",
        "abubakar-mainok",
        "--format",
        "json",
        "--as-of",
        "2020",
        "claims/",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["verdict"]["as_of"], "2020-12-31");
}

#[test]
fn timeline_never_guesses_between_people() {
    // Two different men of one name, kept apart by a curator's record.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("two.json"),
        r#"{"entities": [{"id": "abu-bakr-1", "name": "Abu Bakr", "not_same_as": ["abu-bakr-2"]},
                         {"id": "abu-bakr-2", "name": "Abu Bakr"}],
            "claims": [{"id": "a", "who": "Abu Bakr", "status": "alive", "date": "2020"}]}"#,
    )
    .unwrap();
    let (stdout, stderr, code) = common::run_in(dir.path(), &["timeline", "Abu Bakr", "."]);
    assert_eq!(code, 2, "{stdout}");
    // The claim's bare generic kunya is a third candidate, not a guess.
    assert!(
        stderr.contains("`Abu Bakr` matches 3 people; name one by id"),
        "{stderr}"
    );
    assert!(
        stderr.contains("abu-bakr-1") && stderr.contains("abu-bakr-2"),
        "{stderr}"
    );
    let (_, stderr, code) = run(&["timeline", "Nobody At All", "claims/"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no person matches"), "{stderr}");
}

#[test]
fn sources_track_records() {
    let (stdout, _, code) = run(&["sources", "--format", "json", "claims/"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let first = &v["sources"][0];
    assert!(
        first["contradicted"].as_u64().unwrap() >= 1,
        "worst first: {first}"
    );
    settings().bind(|| insta::assert_snapshot!("claims-sources-json", stdout));
}

/// Every dataset a weighing can be asked about: the bundled claims and
/// every fixture file.
fn every_dataset() -> Vec<PathBuf> {
    let mut paths = vec![PathBuf::from("claims")];
    let fixtures = std::fs::read_dir("claims/fixtures").expect("fixtures");
    for rule in fixtures.flatten() {
        for file in std::fs::read_dir(rule.path()).expect("rule dir").flatten() {
            paths.push(file.path());
        }
    }
    paths.sort();
    paths
}

/// One weighing: the claim a death finding favours, the verdict of
/// `timeline` and the HTML report, and the sources' track records never
/// disagree, for every person of every dataset.
#[test]
fn findings_verdicts_report_and_track_records_weigh_alike() {
    use claimlint::review::{Applied, ReviewFile};
    use claimlint::verdict::track_records;
    for path in every_dataset() {
        let analysis =
            claimlint::analyse(std::slice::from_ref(&path), &claimlint::Options::default());
        let (dataset, entities) = (&analysis.dataset, &analysis.entities);
        let all = verdicts(dataset, entities, None);
        for finding in analysis
            .findings
            .iter()
            .filter(|f| f.rule == "alive-after-death")
        {
            let death = finding.claims[0];
            let v = &all[finding.entity];
            let rejection = v.rejects.iter().find(|j| j.claim == death);
            match finding.favours {
                Some(by) if by != death => {
                    let by = &dataset.claims[by].id;
                    let rejection = rejection.unwrap_or_else(|| {
                        panic!(
                            "{}: check favours {by} over {}, timeline keeps it",
                            path.display(),
                            dataset.claims[death].id
                        )
                    });
                    assert!(
                        rejection.reason.contains(by.as_str()),
                        "{}: {rejection:?} cites another claim than {by}",
                        path.display()
                    );
                }
                _ => assert!(
                    rejection.is_none(),
                    "{}: check does not reject {}, timeline does: {rejection:?}",
                    path.display(),
                    dataset.claims[death].id
                ),
            }
        }
        // The track records count exactly the claims the verdicts reject.
        let rejected: usize = all
            .iter()
            .flat_map(|v| &v.rejects)
            .filter(|j| dataset.source_of(&dataset.claims[j.claim]).is_some())
            .count();
        let counted: usize = track_records(dataset, &all)
            .iter()
            .filter(|r| r.kind == "source")
            .map(|r| r.contradicted)
            .sum();
        assert_eq!(rejected, counted, "{}", path.display());
        // The report shows each verdict as `timeline` gives it.
        let file = ReviewFile::new();
        let reviews = Applied::new(&file, &analysis.findings, dataset, entities);
        let page = claimlint::render::html::render(&claimlint::render::html::Page {
            dataset,
            entities,
            findings: &analysis.findings,
            reviews: &reviews,
            verdicts: &all,
        });
        for (entity, v) in all.iter().enumerate() {
            let shown = verdict(dataset, entities, entity, None);
            assert_eq!(shown.summary, v.summary);
            let summary = claimlint::render::html::sentence(&v.summary);
            assert!(
                page.contains(&summary),
                "{}: report lacks {summary}",
                path.display()
            );
        }
    }
}
