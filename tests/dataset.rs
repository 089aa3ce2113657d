//! The bundled dataset, end to end: its human and JSON reports are
//! snapshotted, and the findings a reader of the articles expects are there.

mod common;

use common::{run, settings};

#[test]
fn bundled_dataset_loads_cleanly() {
    let (stdout, _, code) = run(&["check", "--format", "json", "claims/"]);
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("JSON report");
    assert_eq!(report["input_errors"], serde_json::json!([]), "{stdout}");
    assert!(report["summary"]["claims"].as_u64().unwrap() > 60);
    assert!(code == 0 || code == 1, "exit {code}");
}

#[test]
fn bundled_dataset_json_report() {
    let (stdout, _, _) = run(&["check", "--format", "json", "claims/"]);
    settings().bind(|| insta::assert_snapshot!("claims-check-json", stdout));
}

#[test]
fn bundled_dataset_human_report() {
    let (stdout, _, _) = run(&["check", "--color", "never", "claims/"]);
    settings().bind(|| insta::assert_snapshot!("claims-check-human", stdout));
}

#[test]
fn bundled_dataset_entities() {
    let (stdout, _, code) = run(&["entities", "--format", "json", "claims/"]);
    assert_eq!(code, 0);
    settings().bind(|| insta::assert_snapshot!("claims-entities-json", stdout));
}
