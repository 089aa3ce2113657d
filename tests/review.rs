//! Review decisions: stable fingerprints, the review file, `claimlint review`
//! (scriptable), and how reviews gate `claimlint check`.

mod common;

use std::path::{Path, PathBuf};

use common::run_in;
use serde_json::Value;

/// Two event-after-report findings about two different people, nothing else.
const FIRES: &str = "tests/data/two-findings.json";
const UNSOURCED: &str = "claims/fixtures/unsourced-claim/fires.json";

/// A temporary copy of the fixtures under test, so reviews never touch the repo.
fn dataset(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (from, to) in files {
        std::fs::copy(common::root().join(from), dir.path().join(to)).unwrap();
    }
    dir
}

fn json_check(dir: &Path, paths: &[&str]) -> (Value, String, i32) {
    let args: Vec<&str> = [&["check", "--format", "json"][..], paths].concat();
    let (stdout, stderr, code) = run_in(dir, &args);
    let value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}{stderr}"));
    (value, stderr, code)
}

fn fingerprints(report: &Value) -> Vec<String> {
    let mut fps: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["fingerprint"].as_str().unwrap().to_string())
        .collect();
    fps.sort();
    fps
}

fn review_file(dir: &Path) -> PathBuf {
    dir.join("claimlint-review.json")
}

#[test]
fn fingerprints_survive_reordering_and_unrelated_records() {
    let dir = dataset(&[(FIRES, "a.json"), (UNSOURCED, "b.json")]);
    let (before, _, _) = json_check(dir.path(), &["a.json", "b.json"]);
    let (reordered, _, _) = json_check(dir.path(), &["b.json", "a.json"]);
    assert_eq!(fingerprints(&before), fingerprints(&reordered));
    assert!(fingerprints(&before).len() >= 2);

    // Reverse the records inside a file (every line number changes) and add
    // unrelated records, one of which makes a finding of its own.
    let text = std::fs::read_to_string(dir.path().join("a.json")).unwrap();
    let mut data: Value = serde_json::from_str(&text).unwrap();
    data["claims"].as_array_mut().unwrap().reverse();
    data["claims"].as_array_mut().unwrap().insert(
        0,
        serde_json::json!({"id": "someone-else", "who": "Abubakar Mainok", "status": "designated",
                           "date": "2023-06", "reported": "2023-06", "source": "orton-2017"}),
    );
    std::fs::write(
        dir.path().join("a.json"),
        serde_json::to_string_pretty(&data).unwrap(),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("c.json"),
        r#"[{"id": "unrelated-unsourced", "who": "Usama al-Muhajir", "status": "active", "date": "2020"}]"#,
    )
    .unwrap();
    let (after, _, _) = json_check(dir.path(), &["c.json", "b.json", "a.json"]);
    let after = fingerprints(&after);
    for fp in fingerprints(&before) {
        assert!(after.contains(&fp), "{fp} changed: {after:?}");
    }
    assert_eq!(
        after.len(),
        fingerprints(&before).len() + 1,
        "the unrelated finding is new"
    );
}

#[test]
fn check_review_check_round_trip() {
    let dir = dataset(&[(FIRES, "fires.json")]);
    let (report, _, code) = json_check(dir.path(), &["."]);
    assert_eq!(code, 1, "unreviewed errors fail");
    let fps = fingerprints(&report);
    assert_eq!(fps.len(), 2);
    assert!(report["findings"][0]["review"].is_null());

    // Review the first finding: the other still fails the check.
    let (stdout, stderr, code) = run_in(
        dir.path(),
        &[
            "review",
            "--fingerprint",
            &fps[0],
            "--decision",
            "confirmed",
            "--note",
            "known",
            "--reviewer",
            "alice",
            ".",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.is_empty(), "results only on stdout: {stdout}");
    assert!(stderr.contains("recorded confirmed"), "{stderr}");
    let (_, _, code) = json_check(dir.path(), &["."]);
    assert_eq!(code, 1, "one unreviewed error left");

    let claim = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["fingerprint"] == fps[1].as_str())
        .unwrap()["claims"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (_, stderr, code) = run_in(
        dir.path(),
        &[
            "review",
            "--fingerprint",
            &fps[1],
            "--decision",
            "resolved",
            "--wrong",
            &claim,
            "--note",
            "typo",
            "--reviewer",
            "bob",
            ".",
        ],
    );
    assert_eq!(code, 0, "{stderr}");

    let (report, stderr, code) = json_check(dir.path(), &["."]);
    assert_eq!(code, 0, "every finding reviewed: {report:#}{stderr}");
    for finding in report["findings"].as_array().unwrap() {
        let review = &finding["review"];
        assert!(review.is_object(), "{finding:#}");
        assert!(review["who"] == "alice" || review["who"] == "bob");
        let when = review["when"].as_str().unwrap();
        assert!(
            when.len() == 20 && when.ends_with('Z') && &when[10..11] == "T",
            "{when}"
        );
    }
    assert_eq!(report["summary"]["reviewed"], 2);
    assert_eq!(report["stale_reviews"], serde_json::json!([]));

    // The file: pretty, sorted by fingerprint, trailing newline.
    let text = std::fs::read_to_string(review_file(dir.path())).unwrap();
    assert!(text.ends_with("}\n"), "{text}");
    let file: Value = serde_json::from_str(&text).unwrap();
    let keys: Vec<&String> = file["findings"].as_object().unwrap().keys().collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert_eq!(file["findings"][&fps[1]]["wrong"], claim.as_str());
    assert_eq!(file["findings"][&fps[0]]["rule"], "event-after-report");
    assert!(text.find(&fps[0]).unwrap() < text.find(&fps[1]).unwrap());

    // Human output marks reviewed findings; the summary counts them.
    let (stdout, _, code) = run_in(dir.path(), &["check", "."]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("= reviewed: confirmed by alice"),
        "{stdout}"
    );
    assert!(stdout.contains("2 reviewed"), "{stdout}");
}

#[test]
fn dismissed_findings_are_hidden_unless_asked() {
    let dir = dataset(&[(FIRES, "fires.json")]);
    let (report, _, _) = json_check(dir.path(), &["."]);
    let fp = fingerprints(&report)[0].clone();
    let (_, stderr, code) = run_in(
        dir.path(),
        &[
            "review",
            "--fingerprint",
            &fp,
            "--decision",
            "dismissed",
            "--note",
            "false alarm",
            ".",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let (stdout, _, _) = run_in(dir.path(), &["check", "."]);
    assert!(!stdout.contains(&fp), "{stdout}");
    assert!(
        stdout.contains("1 dismissed not shown: --show-reviewed"),
        "{stdout}"
    );
    let (stdout, _, _) = run_in(dir.path(), &["check", "--show-reviewed", "."]);
    assert!(
        stdout.contains(&fp) && stdout.contains("= reviewed: dismissed"),
        "{stdout}"
    );
}

#[test]
fn the_reviewer_defaults_to_git_then_the_os_user() {
    let dir = dataset(&[(FIRES, "fires.json")]);
    let home = tempfile::tempdir().unwrap();
    let (report, _, _) = json_check(dir.path(), &["."]);
    let fp = fingerprints(&report)[0].clone();
    let output = common::claimlint()
        .current_dir(dir.path())
        .args([
            "review",
            "--fingerprint",
            &fp,
            "--decision",
            "confirmed",
            "--note",
            "n",
            ".",
        ])
        .env("HOME", home.path())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap())
        .env("USER", "carol")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let file: Value =
        serde_json::from_str(&std::fs::read_to_string(review_file(dir.path())).unwrap()).unwrap();
    assert_eq!(file["findings"][&fp]["who"], "carol");
}

#[test]
fn scripted_review_errors_are_usage_errors() {
    let dir = dataset(&[(FIRES, "fires.json")]);
    let (report, _, _) = json_check(dir.path(), &["."]);
    let fp = fingerprints(&report)[0].clone();

    // Not a terminal and no --fingerprint: point at the scriptable form.
    let (stdout, stderr, code) = run_in(dir.path(), &["review", "."]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("needs a terminal") && stderr.contains("--fingerprint FP --decision"),
        "{stderr}"
    );

    // An unknown fingerprint names the nearest known one.
    let mut typo = fp.clone();
    typo.pop();
    typo.push('x');
    let (_, stderr, code) = run_in(
        dir.path(),
        &[
            "review",
            "--fingerprint",
            &typo,
            "--decision",
            "confirmed",
            "--note",
            "n",
            ".",
        ],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains(&format!("nearest known is `{fp}`")),
        "{stderr}"
    );

    // `resolved` needs --wrong, naming one of the finding's claims.
    let (_, stderr, code) = run_in(
        dir.path(),
        &[
            "review",
            "--fingerprint",
            &fp,
            "--decision",
            "resolved",
            "--note",
            "n",
            ".",
        ],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("needs `--wrong CLAIM_ID`"), "{stderr}");
    let (_, stderr, code) = run_in(
        dir.path(),
        &[
            "review",
            "--fingerprint",
            &fp,
            "--decision",
            "resolved",
            "--wrong",
            "nope",
            "--note",
            "n",
            ".",
        ],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("is not one of this finding's claims"),
        "{stderr}"
    );

    // --note is required with --fingerprint (clap usage error).
    let (_, stderr, code) = run_in(
        dir.path(),
        &[
            "review",
            "--fingerprint",
            &fp,
            "--decision",
            "confirmed",
            ".",
        ],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("--note"), "{stderr}");
    assert!(
        !review_file(dir.path()).exists(),
        "nothing recorded by failed commands"
    );
}

#[test]
fn stale_reviews_are_reported_not_dropped() {
    let dir = dataset(&[(FIRES, "fires.json")]);
    let (report, _, _) = json_check(dir.path(), &["."]);
    let fp = fingerprints(&report)[0].clone();
    let (_, stderr, code) = run_in(
        dir.path(),
        &[
            "review",
            "--fingerprint",
            &fp,
            "--decision",
            "confirmed",
            "--note",
            "n",
            ".",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let before = std::fs::read_to_string(review_file(dir.path())).unwrap();
    // The data is fixed: no findings any more.
    std::fs::copy(
        common::root().join("tests/data/clean.json"),
        dir.path().join("fires.json"),
    )
    .unwrap();

    let (stdout, stderr, code) = run_in(dir.path(), &["check", "."]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stderr.contains(&format!("note: stale review {fp}")),
        "{stderr}"
    );
    let (report, stderr, _) = json_check(dir.path(), &["."]);
    assert!(stderr.is_empty(), "JSON carries it instead: {stderr}");
    assert_eq!(report["stale_reviews"][0]["fingerprint"], fp.as_str());
    assert_eq!(report["stale_reviews"][0]["decision"], "confirmed");
    assert_eq!(
        std::fs::read_to_string(review_file(dir.path())).unwrap(),
        before
    );
}

#[test]
fn a_malformed_review_file_is_bad_input_with_its_position() {
    let dir = dataset(&[(FIRES, "fires.json")]);
    std::fs::write(
        review_file(dir.path()),
        "{\n  \"version\": 1,\n  \"findings\": {\"x\": {\"decision\": \"confirmd\"}}\n}\n",
    )
    .unwrap();
    for args in [
        &["check", "."][..],
        &["review", "--same", "a", "--as", "b", "."][..],
    ] {
        let (stdout, stderr, code) = run_in(dir.path(), args);
        assert_eq!(code, 2, "{args:?}");
        assert!(stdout.is_empty(), "{stdout}");
        assert!(stderr.contains("claimlint-review.json:3:"), "{stderr}");
        assert!(stderr.contains("unknown variant `confirmd`"), "{stderr}");
    }
}

#[test]
fn review_file_option_and_location_beside_a_file() {
    let dir = dataset(&[(FIRES, "fires.json")]);
    std::fs::create_dir(dir.path().join("reviews")).unwrap();
    let (report, _, _) = json_check(dir.path(), &["fires.json"]);
    let fp = fingerprints(&report)[0].clone();
    let (_, stderr, code) = run_in(
        dir.path(),
        &[
            "review",
            "--review-file",
            "reviews/r.json",
            "--fingerprint",
            &fp,
            "--decision",
            "confirmed",
            "--note",
            "n",
            "fires.json",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(dir.path().join("reviews/r.json").is_file());
    assert!(!review_file(dir.path()).exists());
    let (report, _, _) = json_check(
        dir.path(),
        &["--review-file", "reviews/r.json", "fires.json"],
    );
    assert_eq!(report["summary"]["reviewed"], 1);
    // Beside a file given as the first path.
    let (_, _, code) = run_in(
        dir.path(),
        &[
            "review",
            "--fingerprint",
            &fp,
            "--decision",
            "confirmed",
            "--note",
            "n",
            "fires.json",
        ],
    );
    assert_eq!(code, 0);
    assert!(review_file(dir.path()).is_file());
}

#[test]
fn entity_judgements_are_recorded_and_feed_reconciliation() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("claims.json"),
        r#"{"sources": [{"id": "s", "published": "2024-01-01"}],
 "claims": [
  {"id": "a", "who": "Humam al-Shami", "status": "active", "date": "2020", "source": "s"},
  {"id": "b", "who": "Usama al-Muhajir", "status": "active", "date": "2021", "source": "s"},
  {"id": "c", "who": "Abu Usama al-Muhajir", "status": "active", "date": "2021", "source": "s"}
 ]}"#,
    )
    .unwrap();
    let entities = |dir: &Path| -> usize {
        let (stdout, _, _) = run_in(dir, &["entities", "--format", "json", "."]);
        let v: Value = serde_json::from_str(&stdout).unwrap();
        v["entities"].as_array().unwrap().len()
    };
    assert_eq!(entities(dir.path()), 3);
    let (_, stderr, code) = run_in(
        dir.path(),
        &[
            "review",
            "--same",
            "Usama al-Muhajir",
            "--as",
            "Humam al-Shami",
            "--note",
            "alias per CENTCOM",
            "--reviewer",
            "dana",
            ".",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(entities(dir.path()), 2, "the judgement merged them");
    let (_, stderr, code) = run_in(
        dir.path(),
        &[
            "review",
            "--not-same",
            "Abu Usama al-Muhajir",
            "--as",
            "Usama al-Muhajir",
            ".",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let file: Value =
        serde_json::from_str(&std::fs::read_to_string(review_file(dir.path())).unwrap()).unwrap();
    let judgements = file["entities"].as_array().unwrap();
    assert_eq!(judgements.len(), 2);
    // Sorted by names, each pair sorted.
    assert_eq!(
        judgements[0]["names"],
        serde_json::json!(["Abu Usama al-Muhajir", "Usama al-Muhajir"])
    );
    assert_eq!(judgements[0]["same"], false);
    assert_eq!(
        judgements[1]["names"],
        serde_json::json!(["Humam al-Shami", "Usama al-Muhajir"])
    );
    assert_eq!(judgements[1]["same"], true);
    assert_eq!(judgements[1]["who"], "dana");
    assert_eq!(judgements[1]["note"], "alias per CENTCOM");

    // A judgement whose name left the data is stale, reported, and kept.
    std::fs::write(
        dir.path().join("claims.json"),
        r#"[{"id": "b", "who": "Usama al-Muhajir", "status": "active", "date": "2021"}]"#,
    )
    .unwrap();
    let (report, _, _) = json_check(dir.path(), &["."]);
    let stale = report["stale_entity_judgements"].as_array().unwrap();
    assert_eq!(stale.len(), 2, "{report:#}");
    let (_, stderr, _) = run_in(dir.path(), &["check", "."]);
    assert!(
        stderr.contains("note: stale entity judgement `Abu Usama al-Muhajir` ≠ `Usama al-Muhajir`"),
        "{stderr}"
    );
    std::fs::write(
        dir.path().join("claims.json"),
        r#"[{"id": "b", "who": "Usama al-Muhajir", "status": "active", "date": "2021"}, {"id": "a", "who": "Humam al-Shami", "status": "active", "date": "2020"}]"#,
    )
    .unwrap();

    // A name nobody uses is an error that suggests the nearest one.
    let (_, stderr, code) = run_in(
        dir.path(),
        &[
            "review",
            "--same",
            "Usama al-Muhajr",
            "--as",
            "Humam al-Shami",
            ".",
        ],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("did you mean `usama al-muhajir`")
            || stderr.contains("did you mean `Usama al-Muhajir`"),
        "{stderr}"
    );
}

#[test]
fn statistics_count_findings_per_rule() {
    let dir = dataset(&[(FIRES, "a.json"), (UNSOURCED, "b.json")]);
    let (report, _, _) = json_check(dir.path(), &["--statistics", "."]);
    let stats = &report["statistics"];
    assert_eq!(stats["event-after-report"]["error"], 2);
    assert_eq!(stats["event-after-report"]["unreviewed"], 2);
    assert!(
        stats["unsourced-claim"]["warning"].as_u64().unwrap() >= 1,
        "{stats:#}"
    );
    let (report, _, _) = json_check(dir.path(), &["."]);
    assert!(report.get("statistics").is_none());
    let (stdout, _, _) = run_in(dir.path(), &["check", "--statistics", "."]);
    assert!(
        stdout.contains("rule                error  warning  info  reviewed  unreviewed"),
        "{stdout}"
    );
    assert!(stdout.contains("event-after-report      2"), "{stdout}");
}
