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

// ---------------------------------------------------------------------------
// Review that settles cases (issue 19): identity that survives new support,
// rejected claims, no lost decisions, housekeeping, a file a team can trust.

/// A source every claim below cites, published after their events.
const SOURCES: &str =
    r#"{"sources": [{"id": "s", "published": "2020-01-01", "reliability": "B"}], "claims": []}"#;

/// A claim about `who`, cited to the source `s`.
fn claim(id: &str, who: &str, status: &str, date: &str) -> Value {
    serde_json::json!({"id": id, "who": who, "status": status, "date": date,
                       "source": "s", "certainty": "probable"})
}

/// Writes `claims` as the data file `name` in `dir`.
fn write_claims(dir: &Path, name: &str, claims: &[Value]) {
    std::fs::write(
        dir.join(name),
        serde_json::to_string_pretty(&serde_json::json!(claims)).unwrap(),
    )
    .unwrap();
}

/// A dataset directory with the source file and `claims` in `a.json`.
fn data(claims: &[Value]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("sources.json"), SOURCES).unwrap();
    write_claims(dir.path(), "a.json", claims);
    dir
}

/// Runs `claimlint review ARGS... .` in `dir` as reviewer `tess`; its stderr.
fn review_ok(dir: &Path, args: &[&str]) -> String {
    let args: Vec<&str> = [&["review", "--reviewer", "tess"][..], args, &["."]].concat();
    let (_, stderr, code) = run_in(dir, &args);
    assert_eq!(code, 0, "{args:?}: {stderr}");
    stderr
}

/// The findings of `rule` in a JSON report.
fn of_rule<'a>(report: &'a Value, rule: &str) -> Vec<&'a Value> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .collect()
}

fn check_all(dir: &Path) -> (Value, String, i32) {
    json_check(dir, &["--fail-on", "info", "."])
}

#[test]
fn a_decision_survives_new_support_and_reopens_when_the_dispute_changes() {
    let dir = data(&[
        claim("t-killed", "Abu Test al-Example", "killed", "2014-08"),
        claim("t-active-2015", "Abu Test al-Example", "active", "2015-11"),
    ]);
    let (report, _, code) = check_all(dir.path());
    assert_eq!(code, 1);
    let finding = of_rule(&report, "alive-after-death")[0].clone();
    let fp = finding["fingerprint"].as_str().unwrap().to_string();
    review_ok(
        dir.path(),
        &[
            "--fingerprint",
            &fp,
            "--decision",
            "confirmed",
            "--note",
            "known",
        ],
    );
    let (_, _, code) = check_all(dir.path());
    assert_eq!(code, 0);

    // Another sign of life after the same death, in a new file, and the
    // files renamed: the same finding, still decided.
    write_claims(
        dir.path(),
        "b.json",
        &[claim(
            "t-alive-2016",
            "Abu Test al-Example",
            "alive",
            "2016-03",
        )],
    );
    std::fs::rename(dir.path().join("a.json"), dir.path().join("z.json")).unwrap();
    let (report, stderr, code) = check_all(dir.path());
    assert_eq!(code, 0, "{report:#}{stderr}");
    let after = of_rule(&report, "alive-after-death")[0];
    assert_eq!(after["fingerprint"], fp.as_str());
    assert_eq!(after["claims"].as_array().unwrap().len(), 3);
    assert_eq!(after["review"]["decision"], "confirmed");

    // The death report's date changes: the decision no longer holds, and is
    // shown as context.
    let moved = claim("t-killed", "Abu Test al-Example", "killed", "2014-09");
    let active = claim("t-active-2015", "Abu Test al-Example", "active", "2015-11");
    write_claims(dir.path(), "z.json", &[moved, active.clone()]);
    let (report, _, code) = check_all(dir.path());
    assert_eq!(code, 1, "{report:#}");
    let reopened = of_rule(&report, "alive-after-death")[0];
    assert!(reopened["review"].is_null(), "{reopened:#}");
    assert_eq!(reopened["previous_review"]["decision"], "confirmed");
    let (stdout, _, _) = run_in(dir.path(), &["check", "--fail-on", "info", "."]);
    assert!(
        stdout.contains("= reopened: was confirmed by tess"),
        "{stdout}"
    );
    assert_eq!(report["stale_reviews"], serde_json::json!([]));

    // Back as it was: decided again. Another outlet relaying the same
    // death report (its source cites the first one's): still decided.
    let killed = claim("t-killed", "Abu Test al-Example", "killed", "2014-08");
    write_claims(dir.path(), "z.json", &[killed.clone(), active.clone()]);
    assert_eq!(check_all(dir.path()).2, 0);
    std::fs::write(
        dir.path().join("relay.json"),
        r#"{"sources": [{"id": "relay", "published": "2020-02-01", "cites": ["s"]}],
            "claims": [{"id": "t-killed-relayed", "who": "Abu Test al-Example",
                        "status": "killed", "date": "2014-08", "source": "relay"}]}"#,
    )
    .unwrap();
    let (report, stderr, code) = check_all(dir.path());
    assert_eq!(code, 0, "{report:#}{stderr}");
    assert_eq!(
        of_rule(&report, "alive-after-death")[0]["fingerprint"],
        fp.as_str()
    );
    // A report of the death from another origin: the side in dispute
    // changed, so it reopens, with the old decision shown.
    let mut second = claim(
        "t-killed-second",
        "Abu Test al-Example",
        "killed",
        "2014-08",
    );
    second["according_to"] = "Another Agency".into();
    write_claims(dir.path(), "z.json", &[killed, active, second]);
    let (report, _, code) = check_all(dir.path());
    assert_eq!(code, 1, "{report:#}");
    let reopened = of_rule(&report, "alive-after-death")[0];
    assert_ne!(reopened["fingerprint"], fp.as_str());
    assert_eq!(reopened["previous_review"]["note"], "known");
    assert_eq!(report["stale_reviews"], serde_json::json!([]));
    // Deciding it again supersedes the old decision: nothing stale is left.
    let new_fp = reopened["fingerprint"].as_str().unwrap().to_string();
    let stderr = review_ok(
        dir.path(),
        &[
            "--fingerprint",
            &new_fp,
            "--decision",
            "confirmed",
            "--note",
            "again",
        ],
    );
    assert!(
        stderr.contains("it replaces: confirmed by tess"),
        "{stderr}"
    );
    let (report, stderr, code) = check_all(dir.path());
    assert_eq!(code, 0, "{report:#}");
    assert!(!stderr.contains("stale"), "{stderr}");
    let file: Value =
        serde_json::from_str(&std::fs::read_to_string(review_file(dir.path())).unwrap()).unwrap();
    assert!(file["findings"].get(&fp).is_none(), "{file:#}");
}

#[test]
fn a_rejected_claim_settles_every_finding_resting_on_it_now_and_later() {
    let who = "Abu Test al-Example";
    let dir = data(&[
        claim("t-killed-2014", who, "killed", "2014-08"),
        claim("t-active-2015", who, "active", "2015-11"),
        claim("t-killed-2017", who, "killed", "2017-06"),
    ]);
    let (report, _, code) = check_all(dir.path());
    assert_eq!(code, 1);
    assert!(
        !of_rule(&report, "multiple-deaths").is_empty(),
        "{report:#}"
    );
    let stderr = review_ok(
        dir.path(),
        &[
            "--reject",
            "t-killed-2014",
            "--reason",
            "misreported",
            "--note",
            "retracted",
        ],
    );
    assert!(stderr.contains("rejected (misreported)"), "{stderr}");
    let (report, stderr, code) = check_all(dir.path());
    assert_eq!(code, 0, "{report:#}{stderr}");
    for rule in ["alive-after-death", "multiple-deaths"] {
        let settled = of_rule(&report, rule);
        assert_eq!(settled.len(), 1, "{rule}: {report:#}");
        assert_eq!(settled[0]["review"]["rejected"], "misreported");
        assert_eq!(settled[0]["review"]["wrong"], "t-killed-2014");
        let marked = settled[0]["claims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == "t-killed-2014")
            .unwrap();
        assert_eq!(marked["rejected"], "misreported");
    }

    // A finding that new data raises later, resting only on the rejected
    // death, is settled too.
    write_claims(
        dir.path(),
        "b.json",
        &[claim("t-captured-2016", who, "captured", "2016-02")],
    );
    let (report, stderr, code) = check_all(dir.path());
    assert_eq!(code, 0, "{report:#}{stderr}");
    for finding in report["findings"].as_array().unwrap() {
        assert!(finding["review"].is_object(), "{finding:#}");
    }

    // Verdicts and every view treat it as rejected, and still show it.
    let (stdout, _, _) = run_in(dir.path(), &["timeline", "Abu Test", "."]);
    assert!(
        stdout.contains("rejected in review (misreported)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("rejects  t-killed-2014: rejected in review (misreported)"),
        "{stdout}"
    );
    let (stdout, _, _) = run_in(dir.path(), &["check", "--fail-on", "info", "."]);
    assert!(stdout.contains("= settled: resolved"), "{stdout}");
}

#[test]
fn resolving_with_a_wrong_claim_settles_the_other_findings_on_it() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&common::root().join("claims"), &dir.path().join("claims"));
    let (report, _, _) = json_check(dir.path(), &["claims/"]);
    let on_claim = |report: &Value| -> Vec<(String, bool)> {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["claims"][0]["id"] == "mainok-killed-2019-09")
            .map(|f| {
                (
                    f["fingerprint"].as_str().unwrap().to_string(),
                    f["review"].is_object(),
                )
            })
            .collect()
    };
    let before = on_claim(&report);
    assert!(before.len() >= 3, "{before:?}");
    let alive = of_rule(&report, "alive-after-death")
        .into_iter()
        .find(|f| f["claims"][0]["id"] == "mainok-killed-2019-09")
        .unwrap()["fingerprint"]
        .as_str()
        .unwrap()
        .to_string();
    let (_, stderr, code) = run_in(
        dir.path(),
        &[
            "review",
            "--fingerprint",
            &alive,
            "--decision",
            "resolved",
            "--wrong",
            "mainok-killed-2019-09",
            "--note",
            "he led ISWAP in 2023",
            "claims/",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let (report, _, _) = json_check(dir.path(), &["claims/"]);
    let after = on_claim(&report);
    assert!(after.iter().all(|(_, reviewed)| *reviewed), "{after:?}");
}

#[test]
fn two_writers_at_once_lose_no_decision_and_leave_no_temporary_files() {
    let who = "Abu Test al-Example";
    let claims: Vec<Value> = (0..100)
        .map(|i| {
            serde_json::json!({"id": format!("c{i:03}"), "who": who, "status": "active",
                               "date": format!("{}", 1900 + i)})
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    write_claims(dir.path(), "a.json", &claims);
    let (report, _, _) = json_check(dir.path(), &["."]);
    let fps: Vec<String> = of_rule(&report, "unsourced-claim")
        .iter()
        .map(|f| f["fingerprint"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(fps.len(), 100);
    std::thread::scope(|scope| {
        for half in fps.chunks(50) {
            let dir = dir.path();
            scope.spawn(move || {
                for fp in half {
                    review_ok(
                        dir,
                        &[
                            "--fingerprint",
                            fp,
                            "--decision",
                            "dismissed",
                            "--note",
                            "n",
                        ],
                    );
                }
            });
        }
    });
    let file: Value =
        serde_json::from_str(&std::fs::read_to_string(review_file(dir.path())).unwrap()).unwrap();
    assert_eq!(file["findings"].as_object().unwrap().len(), 100);
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["a.json", "claimlint-review.json"]);
}

#[test]
fn housekeeping_baselines_prunes_and_says_what_a_decision_replaces() {
    let who = "Abu Test al-Example";
    let dir = data(&[
        claim("t-killed", who, "killed", "2014-08"),
        claim("t-active", who, "active", "2015-11"),
    ]);
    write_claims(
        dir.path(),
        "b.json",
        &[
            claim("o-killed", "Omar Other", "killed", "2010"),
            claim("o-active", "Omar Other", "active", "2012"),
        ],
    );
    let stderr = review_ok(dir.path(), &["--accept-all", "--note", "baseline"]);
    assert!(stderr.contains("as confirmed (a baseline)"), "{stderr}");
    let (report, _, code) = check_all(dir.path());
    assert_eq!(code, 0, "{report:#}");
    let fp = of_rule(&report, "alive-after-death")[0]["fingerprint"]
        .as_str()
        .unwrap()
        .to_string();
    let stderr = review_ok(
        dir.path(),
        &[
            "--fingerprint",
            &fp,
            "--decision",
            "dismissed",
            "--note",
            "n",
        ],
    );
    assert!(
        stderr.contains("it replaces: confirmed by tess on"),
        "{stderr}"
    );

    // Omar's claims go: his decision is stale, noted, then pruned.
    std::fs::remove_file(dir.path().join("b.json")).unwrap();
    let (_, stderr, _) = run_in(dir.path(), &["check", "."]);
    assert!(stderr.contains("note: stale review"), "{stderr}");
    let (stdout, stderr, code) = run_in(dir.path(), &["review", "--prune", "."]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("removed stale review "), "{stdout}");
    assert!(
        stdout.contains("alive-after-death confirmed by tess"),
        "{stdout}"
    );
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    let (_, stderr, code) = run_in(dir.path(), &["check", "."]);
    assert_eq!(code, 0);
    assert!(!stderr.contains("stale"), "{stderr}");
}

#[test]
fn judgements_that_contradict_each_other_are_refused() {
    let dir = data(&[
        claim("a", "Abu Anas al-Test", "active", "2015"),
        claim("b", "Humam al-Test", "active", "2016"),
        claim("c", "Usama al-Testi", "active", "2017"),
    ]);
    review_ok(
        dir.path(),
        &["--same", "Abu Anas al-Test", "--as", "Humam al-Test"],
    );
    review_ok(
        dir.path(),
        &["--same", "Humam al-Test", "--as", "Usama al-Testi"],
    );
    let (_, stderr, code) = run_in(
        dir.path(),
        &[
            "review",
            "--not-same",
            "Abu Anas al-Test",
            "--as",
            "Usama al-Testi",
            ".",
        ],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("would contradict"), "{stderr}");
    assert!(
        stderr.contains("`Humam al-Test` = `Usama al-Testi`"),
        "{stderr}"
    );
    // Replacing a judgement of the same pair says what it replaces.
    let stderr = review_ok(
        dir.path(),
        &["--not-same", "Humam al-Test", "--as", "Usama al-Testi"],
    );
    assert!(
        stderr.contains("it replaces: `Humam al-Test` = `Usama al-Testi`"),
        "{stderr}"
    );
}

#[test]
fn the_review_file_is_never_data_and_a_bad_one_stops_check() {
    let dir = data(&[claim("t-killed", "Abu Test", "killed", "2014")]);
    std::fs::write(
        review_file(dir.path()),
        "{\"version\": 1, \"findings\": {}}\n",
    )
    .unwrap();
    // As `check *.json` names it.
    let (_, stderr, code) = run_in(
        dir.path(),
        &["check", "a.json", "claimlint-review.json", "sources.json"],
    );
    assert_eq!(code, 0, "{stderr}");
    for (text, says) in [
        (
            "[]",
            "claimlint-review.json:1:1: malformed review file: a review file is a JSON object",
        ),
        ("{\n  \"version\": 3\n}", "claimlint-review.json:2:"),
        ("{\"version\": 2}", "`version` is 2"),
        (
            "\u{feff}{\"version\": 1}",
            "claimlint-review.json:1:1: malformed review file: it starts with a byte-order mark",
        ),
        ("{\"findings\": {}}", "no `version`"),
    ] {
        std::fs::write(review_file(dir.path()), text).unwrap();
        let (_, stderr, code) = run_in(dir.path(), &["check", "."]);
        assert_eq!(code, 2, "{text}: {stderr}");
        assert!(stderr.contains(says), "{text}: {stderr}");
    }
}

#[test]
fn decisions_of_the_first_fingerprint_scheme_are_carried_over_once() {
    let who = "Abu Test al-Example";
    let dir = data(&[
        claim("t-killed", who, "killed", "2014-08"),
        claim("t-active", who, "active", "2015-11"),
    ]);
    // Recorded by an older claimlint: keyed by every claim (scheme 1).
    let old = claimlint::finding::fingerprint("alive-after-death", &["t-killed", "t-active"]);
    let file = serde_json::json!({"version": 1, "findings": {old.clone(): {
        "decision": "confirmed", "note": "known", "who": "ana", "when": "2026-01-01T00:00:00Z",
        "rule": "alive-after-death", "claims": ["t-active", "t-killed"]}}, "entities": []});
    std::fs::write(review_file(dir.path()), file.to_string()).unwrap();
    // Since then, one more sign of life.
    write_claims(
        dir.path(),
        "b.json",
        &[claim("t-alive", who, "alive", "2016-01")],
    );
    let (report, stderr, code) = check_all(dir.path());
    assert_eq!(code, 0, "{report:#}{stderr}");
    assert_eq!(
        stderr
            .matches("carried over from fingerprint scheme 1")
            .count(),
        1,
        "{stderr}"
    );
    let file: Value =
        serde_json::from_str(&std::fs::read_to_string(review_file(dir.path())).unwrap()).unwrap();
    assert_eq!(file["version"], 1);
    assert_eq!(file["fingerprint_scheme"], 2);
    assert!(file["findings"].get(&old).is_none(), "{file:#}");
    let (_, stderr, code) = check_all(dir.path());
    assert_eq!(code, 0);
    assert!(!stderr.contains("carried over"), "{stderr}");
}

/// The CI story of README.md, end to end: review every finding, add
/// supporting evidence (passes), add a new contradiction (fails, with only
/// it open), then prune what went stale.
#[test]
fn the_ci_story_holds_end_to_end() {
    let dir = data(&[
        claim("t-killed", "Abu Test al-Example", "killed", "2014-08"),
        claim("t-active", "Abu Test al-Example", "active", "2015-11"),
        claim("o-killed", "Omar Other", "killed", "2010"),
        claim("o-active", "Omar Other", "active", "2012"),
    ]);
    let (report, _, code) = check_all(dir.path());
    assert_eq!(code, 1);
    for finding in report["findings"].as_array().unwrap() {
        let fp = finding["fingerprint"].as_str().unwrap();
        review_ok(
            dir.path(),
            &[
                "--fingerprint",
                fp,
                "--decision",
                "confirmed",
                "--note",
                "seen",
            ],
        );
    }
    assert_eq!(check_all(dir.path()).2, 0);

    write_claims(
        dir.path(),
        "support.json",
        &[claim(
            "t-alive-2016",
            "Abu Test al-Example",
            "alive",
            "2016-05",
        )],
    );
    let (_, stderr, code) = check_all(dir.path());
    assert_eq!(
        code, 0,
        "supporting evidence keeps the gate green: {stderr}"
    );

    write_claims(
        dir.path(),
        "new.json",
        &[
            claim("n-killed", "Zayd Newcomer", "killed", "2018-03"),
            claim("n-alive", "Zayd Newcomer", "alive", "2019-01"),
        ],
    );
    let (report, _, code) = check_all(dir.path());
    assert_eq!(code, 1);
    let open: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["review"].is_null())
        .collect();
    assert_eq!(open.len(), 1, "{report:#}");
    assert_eq!(open[0]["entity"]["name"], "Zayd Newcomer");

    std::fs::write(
        dir.path().join("a.json"),
        serde_json::to_string(&[claim(
            "t-killed",
            "Abu Test al-Example",
            "killed",
            "2014-08",
        )])
        .unwrap(),
    )
    .unwrap();
    let (stdout, _, code) = run_in(dir.path(), &["review", "--prune", "."]);
    assert_eq!(code, 0);
    assert!(stdout.contains("removed stale review"), "{stdout}");
    let (_, stderr, _) = run_in(dir.path(), &["check", "."]);
    assert!(!stderr.contains("stale"), "{stderr}");
}

#[test]
fn a_change_to_any_claim_the_decision_rests_on_reopens_it_and_withdrawn_support_does_not() {
    let who = "Abu Test al-Example";
    let killed = claim("t-killed", who, "killed", "2014-08");
    let active = claim("t-active", who, "active", "2015-11");
    let alive = claim("t-alive", who, "alive", "2016-02");
    let dir = data(&[killed.clone(), active.clone(), alive.clone()]);
    let (report, _, _) = check_all(dir.path());
    let fp = of_rule(&report, "alive-after-death")[0]["fingerprint"]
        .as_str()
        .unwrap()
        .to_string();
    review_ok(
        dir.path(),
        &[
            "--fingerprint",
            &fp,
            "--decision",
            "confirmed",
            "--note",
            "n",
        ],
    );
    // A sign of life it rested on now has another source: reopened.
    let mut moved = alive.clone();
    moved["source"] = Value::Null;
    write_claims(
        dir.path(),
        "a.json",
        &[killed.clone(), active.clone(), moved],
    );
    let (report, _, _) = check_all(dir.path());
    let finding = of_rule(&report, "alive-after-death")[0];
    assert_eq!(finding["fingerprint"], fp.as_str());
    assert!(finding["review"].is_null(), "{finding:#}");
    assert_eq!(finding["previous_review"]["decision"], "confirmed");
    // That sign of life withdrawn: the rest still holds the decision.
    write_claims(dir.path(), "a.json", &[killed, active]);
    let (report, _, _) = check_all(dir.path());
    let finding = of_rule(&report, "alive-after-death")[0];
    assert_eq!(finding["review"]["decision"], "confirmed", "{finding:#}");
}

#[test]
fn another_outlet_relaying_the_same_report_keeps_the_decision() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = "claims/fixtures/single-origin-corroboration/fires.json";
    std::fs::copy(common::root().join(fixture), dir.path().join("a.json")).unwrap();
    let (report, _, _) = check_all(dir.path());
    let finding = of_rule(&report, "single-origin-corroboration")[0].clone();
    let fp = finding["fingerprint"].as_str().unwrap().to_string();
    review_ok(
        dir.path(),
        &[
            "--fingerprint",
            &fp,
            "--decision",
            "confirmed",
            "--note",
            "one origin",
        ],
    );
    std::fs::write(
        dir.path().join("b.json"),
        r#"{"sources": [{"id": "outlet-d", "published": "2019-11-03", "cites": ["amaq-2019-10-31"]}],
            "claims": [{"id": "muhajir-killed-outlet-d", "who": "Abu Hassan al-Muhajir",
                        "status": "killed", "date": "2019-10-27", "source": "outlet-d"}]}"#,
    )
    .unwrap();
    let (report, _, _) = check_all(dir.path());
    let after = of_rule(&report, "single-origin-corroboration")[0];
    assert_eq!(after["fingerprint"], fp.as_str(), "{after:#}");
    assert_eq!(after["review"]["decision"], "confirmed");
    assert_eq!(
        after["claims"].as_array().unwrap().len(),
        finding["claims"].as_array().unwrap().len() + 1
    );
}
