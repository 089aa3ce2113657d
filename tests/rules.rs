//! Per-rule fixtures: `claims/fixtures/<rule-id>/fires*.json` must make the
//! rule fire, `quiet*.json` must not. The findings of each firing fixture
//! are snapshotted. A fixture directory may hold its own `claimlint.toml`.

mod common;

use std::path::{Path, PathBuf};

use claimlint::config::Config;
use claimlint::render::json;
use claimlint::rules::RULES;

/// Rules whose `fires*.json` cannot fire yet, and why. A pending firing
/// fixture must stay quiet, so the day it starts firing this test fails:
/// then remove the rule from this list and accept its snapshot.
const PENDING: &[(&str, &str)] = &[];

fn fixtures() -> PathBuf {
    common::root().join("claims/fixtures")
}

fn findings_of(rule: &str, file: &Path) -> (Vec<serde_json::Value>, Vec<String>) {
    let relative = file
        .strip_prefix(common::root())
        .unwrap_or(file)
        .to_path_buf();
    let config = Config::discover(None, &[file.to_path_buf()]).expect("fixture config is valid");
    // cargo runs integration tests from the crate root, so the relative
    // path both loads and shows as `claims/fixtures/…`.
    let analysis = claimlint::analyse(&[relative], &config.options());
    let errors = analysis
        .dataset
        .errors
        .iter()
        .map(|e| e.to_string())
        .collect();
    let found = analysis
        .findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| {
            serde_json::to_value(json::finding(&analysis.dataset, &analysis.entities, f)).unwrap()
        })
        .collect();
    (found, errors)
}

#[test]
fn every_rule_has_a_firing_and_a_quiet_fixture() {
    let mut missing = Vec::new();
    for rule in RULES {
        let dir = fixtures().join(rule.id);
        for kind in ["fires", "quiet"] {
            if !dir.join(format!("{kind}.json")).is_file() {
                missing.push(format!("{}/{kind}.json", rule.id));
            }
        }
    }
    assert!(missing.is_empty(), "missing fixtures: {missing:?}");
}

#[test]
fn fixtures_fire_or_stay_quiet() {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .expect("claims/fixtures exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let rule = dir.file_name().unwrap().to_string_lossy().to_string();
        assert!(
            claimlint::rules::find(&rule).is_some(),
            "fixture dir for unknown rule {rule}"
        );
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json" || x == "jsonl"))
            .collect();
        files.sort();
        for file in files {
            let stem = file.file_stem().unwrap().to_string_lossy().to_string();
            let (found, errors) = findings_of(&rule, &file);
            assert!(
                errors.is_empty(),
                "{}: input errors {errors:#?}",
                file.display()
            );
            let pending = PENDING.iter().find(|(id, _)| *id == rule);
            if let (true, Some((_, why))) = (stem.starts_with("fires"), pending) {
                assert!(
                    found.is_empty(),
                    "{rule}: {stem} is pending ({why}) but now fires: remove it from PENDING and accept its snapshot"
                );
            } else if stem.starts_with("fires") {
                assert!(!found.is_empty(), "{rule}: {stem} must fire");
                common::settings().bind(|| {
                    insta::assert_json_snapshot!(format!("rule-{rule}-{stem}"), found);
                });
            } else if stem.starts_with("quiet") {
                assert!(
                    found.is_empty(),
                    "{rule}: {stem} must stay quiet, got {found:#?}"
                );
            } else {
                panic!(
                    "{}: fixture names start with `fires` or `quiet`",
                    file.display()
                );
            }
        }
    }
}

/// Issue 18, req. 4: a custody event after a death that a later proof of
/// life outweighs rests only on a rejected death: it stays at `info`, and
/// the primary `alive-after-death` finding lists it as context.
#[test]
fn findings_on_a_rejected_death_stay_at_info() {
    let file = fixtures().join("custody-after-death/fires-rejected-death.json");
    let (custody, _) = findings_of("custody-after-death", &file);
    assert!(!custody.is_empty());
    assert!(
        custody.iter().all(|f| f["severity"] == "info"),
        "{custody:#?}"
    );
    let (alive, _) = findings_of("alive-after-death", &file);
    assert!(alive.iter().any(|f| f["reasoning"]
        .as_str()
        .unwrap()
        .contains("`leader-injured-2021`")));
    let (refuted, _) = findings_of("refuted-claim", &file);
    assert!(refuted.is_empty(), "{refuted:#?}");
}

/// Issue 18, req. 7: one death followed by many signs of life lists the
/// strongest five and counts the rest.
#[test]
fn many_signs_of_life_are_counted_not_listed() {
    let file = fixtures().join("alive-after-death/fires-many.json");
    let (found, _) = findings_of("alive-after-death", &file);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["claims"].as_array().unwrap().len(), 1 + 5);
    let message = found[0]["message"].as_str().unwrap();
    assert!(
        message.contains("(and 7 more signs of life after it)"),
        "{message}"
    );
}
