//! Checking part of a dataset, files that are not claims files, and a
//! report that will not write over its input: the real binary on
//! temporary directories.

mod common;

use std::fs;

use common::claimlint;

fn write(dir: &std::path::Path, name: &str, text: &str) {
    fs::write(dir.join(name), text).unwrap();
}

const SOURCES: &str = r#"{"sources": [{"id": "wire", "title": "Wire", "published": "2016-01-02", "reliability": "B"}],
 "entities": [{"id": "karim-sarhani", "name": "Karim Sarhani", "aliases": ["Abu Harith"]},
              {"id": "someone-else", "name": "Someone Else"}]}"#;

const CLAIMS: &str = r#"[{"id": "k1", "who": "Abu Harith", "status": "killed", "date": "2015-03", "source": "wire"},
 {"id": "k2", "who": "Karim Sarhani", "status": "alive", "date": "2016-01", "source": "wire"}]"#;

/// One file named alone takes its sources and entity records from beside
/// it (its dataset), reports on itself only, and does not show the rest
/// of the dataset's people.
#[test]
fn one_file_of_a_dataset_has_its_siblings_as_context() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "sources.json", SOURCES);
    write(dir.path(), "claims.json", CLAIMS);
    write(
        dir.path(),
        "other.json",
        r#"[{"id": "x", "who": "Someone Else", "status": "alive", "source": "nowhere"}]"#,
    );
    let out = claimlint()
        .args(["check", "--output-format", "concise"])
        .arg(dir.path().join("claims.json"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stdout.contains("unknown source") && !stderr.contains("unknown source"),
        "{stdout}{stderr}"
    );
    assert!(
        stdout.contains("alive-after-death] Karim Sarhani"),
        "the record merges the two names: {stdout}"
    );
    assert!(stdout.contains("2 claims about 1 person"), "{stdout}");
    assert_eq!(out.status.code(), Some(1));
}

/// The same file without its dataset around it: the unknown source is an
/// error, as before (context is not invented).
#[test]
fn a_file_alone_still_reports_unknown_sources() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "claims.json", CLAIMS);
    let out = claimlint()
        .arg("check")
        .arg(dir.path().join("claims.json"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("unknown source `wire`"), "{stdout}");
    assert_eq!(out.status.code(), Some(2));
}

/// A stray JSON file that is not a claims file is one clear error.
#[test]
fn a_file_that_is_not_a_claims_file_says_so_once() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "claims.json", CLAIMS);
    write(dir.path(), "sources.json", SOURCES);
    write(
        dir.path(),
        "package.json",
        r#"{"name": "x", "version": "1.0.0", "scripts": {}, "dependencies": {}}"#,
    );
    let out = claimlint().arg("check").arg(dir.path()).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.matches("package.json").count(), 1, "{stdout}");
    assert!(stdout.contains("not a claims file"), "{stdout}");
    assert_eq!(out.status.code(), Some(2));
}

/// `report --html` never writes over a file it read.
#[test]
fn report_refuses_to_overwrite_its_input() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "claims.json", CLAIMS);
    let data = dir.path().join("claims.json");
    let out = claimlint()
        .arg("report")
        .arg("--html")
        .arg(&data)
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not written over its own input"));
    assert_eq!(
        fs::read_to_string(&data).unwrap(),
        CLAIMS,
        "the input was changed"
    );
}
