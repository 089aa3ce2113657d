//! The real binary: stdout, stderr and exit code together, as a user sees them.

mod common;

use common::{run, settings};

#[test]
fn clean_dataset_exits_zero() {
    let (stdout, stderr, code) = run(&["check", "tests/data/clean.json"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains("1 claim about 1 person: 0 errors, 0 warnings, 0 info"),
        "{stdout}"
    );
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn findings_exit_one() {
    let (stdout, _, code) = run(&["check", "claims/fixtures/event-after-report/fires.json"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("error[event-after-report]"), "{stdout}");
    assert!(
        stdout.contains("--> claims/fixtures/event-after-report/fires.json:3:"),
        "{stdout}"
    );
}

#[test]
fn fail_on_sets_the_threshold() {
    let args = ["check", "claims/fixtures/unsourced-claim/fires.json"];
    let (_, _, code) = run(&args);
    assert_eq!(code, 0, "a warning does not fail by default");
    let (_, _, code) = run(&[&args[..], &["--fail-on", "warning"]].concat());
    assert_eq!(code, 1);
}

#[test]
fn bad_input_exits_two_and_still_checks_the_rest() {
    let (stdout, _, code) = run(&[
        "check",
        "--format",
        "json",
        "tests/malformed/unknown-field.json",
    ]);
    assert_eq!(code, 2);
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("JSON on stdout");
    assert_eq!(report["summary"]["claims"], 2);
    let errors = report["input_errors"].as_array().unwrap();
    assert_eq!(errors[0]["line"], 4);
    assert!(errors[0]["message"]
        .as_str()
        .unwrap()
        .contains("did you mean `status`"));
}

#[test]
fn missing_path_is_bad_input() {
    let (stdout, _, code) = run(&["check", "no/such/dir"]);
    assert_eq!(code, 2);
    assert!(stdout.contains("cannot read `no/such/dir`"), "{stdout}");
}

#[test]
fn usage_errors_exit_two() {
    let (_, stderr, code) = run(&["check", "--format", "yaml"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("invalid value 'yaml'"), "{stderr}");
    let (_, stderr, code) = run(&["frobnicate"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("unrecognized subcommand"), "{stderr}");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let args = ["check", "claims/fixtures/event-after-report/fires.json"];
    // Under test stdout is a pipe: no colour by default.
    let (stdout, _, _) = run(&args);
    assert!(!stdout.contains('\x1b'));
    let (stdout, _, _) = run(&[&args[..], &["--color", "always"]].concat());
    assert!(
        stdout.contains("\x1b[1;31merror[event-after-report]"),
        "{stdout}"
    );
    let (stdout, _, _) = run(&[&args[..], &["--color", "never"]].concat());
    assert!(!stdout.contains('\x1b'));
    let output = common::claimlint()
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&output.stdout).contains('\x1b'));
}

#[test]
fn json_output_is_byte_stable_and_order_independent() {
    let a = run(&[
        "check",
        "--format",
        "json",
        "claims/fixtures/event-after-report",
        "claims/fixtures/unsourced-claim",
    ]);
    let b = run(&[
        "check",
        "--format",
        "json",
        "claims/fixtures/event-after-report",
        "claims/fixtures/unsourced-claim",
    ]);
    assert_eq!(a, b);
    let c = run(&[
        "check",
        "--format",
        "json",
        "claims/fixtures/unsourced-claim",
        "claims/fixtures/event-after-report",
    ]);
    let fingerprints = |text: &str| {
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        let mut f: Vec<String> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["fingerprint"].to_string())
            .collect();
        f.sort();
        f
    };
    assert_eq!(fingerprints(&a.0), fingerprints(&c.0));
}

#[test]
fn schema_is_json_schema_of_the_input() {
    let (stdout, _, code) = run(&["schema"]);
    assert_eq!(code, 0);
    let schema: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert!(schema["$schema"]
        .as_str()
        .unwrap()
        .contains("json-schema.org"));
    let text = stdout.to_string();
    for field in [
        "who",
        "status",
        "according_to",
        "refutes",
        "reliability",
        "not_same_as",
    ] {
        assert!(
            text.contains(&format!("\"{field}\"")),
            "schema lacks {field}"
        );
    }
    settings().bind(|| insta::assert_snapshot!("schema", stdout));
}

#[test]
fn rules_and_explain() {
    let (stdout, _, code) = run(&["rules"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("unsourced-claim"));
    let (stdout, _, code) = run(&["explain", "event-after-report"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("## What it does") && stdout.contains("## Example"),
        "{stdout}"
    );
    let (_, stderr, code) = run(&["explain", "event-after-reprot"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("did you mean `event-after-report`"),
        "{stderr}"
    );
}

#[test]
fn bad_config_is_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("claimlint.toml"),
        "[rules]\nno-such-rule = \"off\"\n",
    )
    .unwrap();
    std::fs::copy(
        common::root().join("tests/data/clean.json"),
        dir.path().join("clean.json"),
    )
    .unwrap();
    let (_, stderr, code) = common::run_in(dir.path(), &["check", "."]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("claimlint.toml:2:1: unknown rule `no-such-rule`"),
        "{stderr}"
    );
}

#[test]
fn config_turns_rules_off() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("claimlint.toml"),
        "[rules]\nunsourced-claim = \"off\"\n",
    )
    .unwrap();
    std::fs::copy(
        common::root().join("claims/fixtures/unsourced-claim/fires.json"),
        dir.path().join("claims.json"),
    )
    .unwrap();
    let (stdout, _, code) = common::run_in(dir.path(), &["check", "--fail-on", "info", "."]);
    assert_eq!(code, 0, "{stdout}");
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = common::claimlint()
        .args(["schema"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Close our end at once, like `| head -0`.
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(status.code() == Some(0), "{status:?} {stderr}");
}

#[test]
fn no_progress_display_in_pipes_or_json() {
    for format in ["human", "json"] {
        let (_, stderr, _) = run(&["check", "--format", format, "claims/"]);
        assert!(stderr.is_empty(), "{format}: {stderr:?}");
    }
}

#[test]
fn a_directory_without_data_is_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not data").unwrap();
    let (stdout, _, code) = common::run_in(dir.path(), &["check", "."]);
    assert_eq!(code, 2, "a wrong path must not pass as an empty dataset");
    assert!(
        stdout.contains("no `.json`, `.jsonl` or `.ndjson` files found"),
        "{stdout}"
    );
}
