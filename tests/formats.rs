//! `--format sarif` and `--format markdown`: snapshots of a fixture, the
//! shape GitHub code scanning requires, and escaping of hostile data.

mod common;

use common::{run, settings};
use serde_json::Value;

const FIRES: &str = "claims/fixtures/event-after-report/fires.json";

fn sarif_of(args: &[&str]) -> Value {
    let (stdout, stderr, _) = run(&[&["check", "--format", "sarif"][..], args].concat());
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}{stderr}"))
}

/// The log read back through serde-sarif's types, which are generated from
/// the SARIF 2.1.0 JSON schema: a missing required property or a wrongly
/// typed one fails to parse, and a property the schema does not know (a
/// misspelt name) is dropped, so the round trip would differ.
fn assert_schema_types(log: &Value) {
    let typed: serde_sarif::sarif::Sarif =
        serde_json::from_value(log.clone()).unwrap_or_else(|e| panic!("not SARIF 2.1.0: {e}"));
    let back = serde_json::to_value(&typed).unwrap();
    assert_eq!(&back, log, "a property the SARIF schema does not define");
}

/// The properties SARIF 2.1.0 requires, and those GitHub code scanning
/// reads, checked one by one, then against the schema's types.
fn assert_valid_sarif(log: &Value) {
    assert_schema_types(log);
    let str_at = |v: &Value, what: &str| -> String {
        v.as_str()
            .unwrap_or_else(|| panic!("{what} must be a string: {v}"))
            .to_string()
    };
    assert_eq!(log["version"], "2.1.0");
    assert!(str_at(&log["$schema"], "$schema").contains("sarif"));
    let runs = log["runs"].as_array().expect("runs[]");
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "claimlint");
    str_at(&driver["version"], "driver.version");
    assert!(str_at(&driver["informationUri"], "informationUri").starts_with("https://"));
    let rules = driver["rules"].as_array().expect("driver.rules[]");
    let ids: Vec<String> = claimlint::rules::RULES
        .iter()
        .map(|r| r.id.to_string())
        .collect();
    assert_eq!(
        rules
            .iter()
            .map(|r| str_at(&r["id"], "rule id"))
            .collect::<Vec<_>>(),
        ids
    );
    for rule in rules {
        for field in ["shortDescription", "fullDescription", "help"] {
            assert!(
                !str_at(&rule[field]["text"], field).is_empty(),
                "{field} of {rule}"
            );
        }
        assert!(str_at(&rule["help"]["markdown"], "help.markdown").contains("## What it does"));
        let level = str_at(&rule["defaultConfiguration"]["level"], "level");
        assert!(
            ["error", "warning", "note"].contains(&level.as_str()),
            "{level}"
        );
    }
    for result in run["results"].as_array().expect("results[]") {
        let rule_id = str_at(&result["ruleId"], "ruleId");
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(
            rules[index]["id"],
            rule_id.as_str(),
            "ruleIndex points at ruleId"
        );
        assert!(["error", "warning", "note"].contains(&str_at(&result["level"], "level").as_str()));
        assert!(!str_at(&result["message"]["text"], "message.text").is_empty());
        let locations = result["locations"].as_array().expect("locations[]");
        assert_eq!(locations.len(), 1);
        for location in locations
            .iter()
            .chain(result["relatedLocations"].as_array().into_iter().flatten())
        {
            let physical = &location["physicalLocation"];
            let uri = str_at(&physical["artifactLocation"]["uri"], "uri");
            assert!(
                !uri.starts_with('/') && !uri.contains('\\') && !uri.contains(' '),
                "{uri}"
            );
            assert!(physical["region"]["startLine"].as_u64().unwrap() >= 1);
            assert!(physical["region"]["startColumn"].as_u64().unwrap() >= 1);
        }
        for related in result["relatedLocations"].as_array().into_iter().flatten() {
            assert!(related["id"].is_u64(), "related locations carry ids");
            assert!(!str_at(&related["message"]["text"], "related message").is_empty());
        }
        assert_eq!(
            str_at(
                &result["partialFingerprints"]["claimlint/v2"],
                "fingerprint"
            )
            .len(),
            16
        );
    }
}

#[test]
fn sarif_of_a_fixture() {
    let mut log = sarif_of(&[FIRES]);
    assert_valid_sarif(&log);
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "event-after-report");
    assert_eq!(result["level"], "error");
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "claims/fixtures/event-after-report/fires.json"
    );
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"],
        3
    );
    // The version changes with every release; the snapshot should not.
    for key in ["version", "semanticVersion"] {
        log["runs"][0]["tool"]["driver"][key] = "[VERSION]".into();
    }
    settings().bind(|| insta::assert_json_snapshot!("sarif-event-after-report", log));
}

#[test]
fn sarif_with_several_claims_has_related_locations() {
    // No rule with several claims is in the catalogue yet: build such a
    // finding from a fixture's claims and render it through the library.
    let config = claimlint::config::Config::default();
    let mut analysis = claimlint::analyse(&[FIRES.into()], &config.options());
    let mut finding = analysis.findings[0].clone();
    finding.claims = vec![0, 1];
    finding.fingerprint = claimlint::finding::fingerprint(
        finding.rule,
        &["muhaxheri-killed-2017-09", "muhaxheri-killed-relayed"],
    );
    analysis.findings = vec![finding];
    let file = claimlint::review::ReviewFile::new();
    let reviews = claimlint::review::Applied::new(
        &file,
        &analysis.findings,
        &analysis.dataset,
        &analysis.entities,
    );
    let report = claimlint::render::CheckReport {
        dataset: &analysis.dataset,
        entities: &analysis.entities,
        findings: &analysis.findings,
        reviews: &reviews,
        show_reviewed: false,
        statistics: false,
        verbose: false,
    };
    let log: Value = serde_json::from_str(&claimlint::render::sarif::render(&report)).unwrap();
    assert_valid_sarif(&log);
    let related = &log["runs"][0]["results"][0]["relatedLocations"];
    assert_eq!(related[0]["id"], 1);
    assert_eq!(related[0]["physicalLocation"]["region"]["startLine"], 4);
    assert!(related[0]["message"]["text"]
        .as_str()
        .unwrap()
        .contains("muhaxheri-killed-relayed"));
}

#[test]
fn reviewed_findings_are_suppressed_in_sarif() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(common::root().join(FIRES), dir.path().join("fires.json")).unwrap();
    let (stdout, _, _) = common::run_in(dir.path(), &["check", "--format", "sarif", "."]);
    let log: Value = serde_json::from_str(&stdout).unwrap();
    let fp = log["runs"][0]["results"][0]["partialFingerprints"]["claimlint/v2"]
        .as_str()
        .unwrap()
        .to_string();
    let (_, stderr, code) = common::run_in(
        dir.path(),
        &[
            "review",
            "--fingerprint",
            &fp,
            "--decision",
            "dismissed",
            "--note",
            "relay",
            "--reviewer",
            "eve",
            ".",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let (stdout, _, _) = common::run_in(dir.path(), &["check", "--format", "sarif", "."]);
    let log: Value = serde_json::from_str(&stdout).unwrap();
    assert_valid_sarif(&log);
    let result = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["partialFingerprints"]["claimlint/v2"] == fp.as_str())
        .unwrap()
        .clone();
    assert_eq!(result["suppressions"][0]["kind"], "external");
    assert!(result["suppressions"][0]["justification"]
        .as_str()
        .unwrap()
        .contains("dismissed by eve"));
}

#[test]
fn markdown_of_a_fixture() {
    let (stdout, _, code) = run(&["check", "--format", "markdown", FIRES]);
    assert_eq!(code, 1);
    // Two event-after-report findings and the two deaths they imply.
    assert!(stdout.contains("| error | 3 | 3 | 0 |"), "{stdout}");
    assert!(stdout.contains("### Findings"), "{stdout}");
    assert!(
        stdout.contains("<details><summary><b>Lavdrim Muhaxheri</b>: 3 errors</summary>"),
        "{stdout}"
    );
    assert!(
        stdout.contains("claims/fixtures/event-after-report/fires.json:3"),
        "{stdout}"
    );
    settings().bind(|| insta::assert_snapshot!("markdown-event-after-report", stdout));
}

#[test]
fn markdown_escapes_the_data() {
    let (stdout, _, _) = run(&[
        "check",
        "--format",
        "markdown",
        "--fail-on",
        "info",
        "tests/data/hostile.json",
    ]);
    assert!(!stdout.contains("<script>"), "{stdout}");
    assert!(!stdout.contains("<img"), "{stdout}");
    assert!(stdout.contains("&lt;script&gt;"), "{stdout}");
    // A table row keeps its columns: no unescaped pipe from the data.
    let pipes = |line: &str| line.matches('|').count() - line.matches("\\|").count();
    let mut header = None;
    for line in stdout.lines() {
        if !line.starts_with('|') {
            header = None;
            continue;
        }
        let columns = *header.get_or_insert(pipes(line));
        assert_eq!(pipes(line), columns, "{line}");
    }
}

#[test]
fn the_schema_check_catches_missing_and_unknown_properties() {
    let log = sarif_of(&[FIRES]);
    let mut misspelt = log.clone();
    misspelt["runs"][0]["results"][0]["partialFingerprint"] = serde_json::json!({"x": "y"});
    assert!(std::panic::catch_unwind(|| assert_schema_types(&misspelt)).is_err());
    let mut missing = log.clone();
    missing["runs"][0]["results"][0]["message"]
        .as_object_mut()
        .unwrap()
        .remove("text");
    missing["runs"][0]["tool"]["driver"]
        .as_object_mut()
        .unwrap()
        .remove("name");
    assert!(std::panic::catch_unwind(|| assert_schema_types(&missing)).is_err());
}

/// A dataset far larger than a comment gives a comment that fits: the
/// summary and rules table first, whole people while they fit, and a count
/// of what was left out; mentions and links from the data are broken.
#[test]
fn markdown_fits_a_github_comment() {
    use claimlint::render::markdown::{render, COMMENT_LIMIT};
    use claimlint::render::CheckReport;
    use claimlint::review::{Applied, ReviewFile};
    let mut claims = Vec::new();
    for i in 0..3000 {
        let who = format!("{} @team{i} https://x.org/{i}", made_up_name(i));
        claims.push(format!(
            r#"{{"id": "p{i}-killed", "who": "{who}", "status": "killed", "date": "2015-03", "source": {{"title": "A", "published": "2015-04-01"}}}}"#
        ));
        claims.push(format!(
            r#"{{"id": "p{i}-alive", "who": "{who}", "status": "alive", "date": "2019-06", "source": {{"title": "B", "published": "2019-07-01"}}}}"#
        ));
    }
    let text = format!("[{}]", claims.join(",\n"));
    let dataset = claimlint::load::load_str("big.json", &text);
    let analysis = claimlint::analyse_dataset(dataset, &claimlint::Options::default());
    assert!(
        analysis.findings.len() >= 1000,
        "{}",
        analysis.findings.len()
    );
    let file = ReviewFile::default();
    let reviews = Applied::new(
        &file,
        &analysis.findings,
        &analysis.dataset,
        &analysis.entities,
    );
    let report = CheckReport {
        dataset: &analysis.dataset,
        entities: &analysis.entities,
        findings: &analysis.findings,
        reviews: &reviews,
        show_reviewed: false,
        statistics: false,
        verbose: false,
    };
    let comment = render(&report);
    assert!(
        comment.chars().count() <= COMMENT_LIMIT,
        "{} characters",
        comment.chars().count()
    );
    assert!(
        comment.contains("| `alive-after-death` |"),
        "rules table first"
    );
    assert!(comment.contains("left out to fit a comment"));
    assert!(!comment.contains("@team"), "a mention passed through");
    assert!(!comment.contains("https://"), "a link passed through");
}

/// A distinct made-up two-word name for each number, unlike the others.
fn made_up_name(i: usize) -> String {
    const SYLLABLES: [&str; 16] = [
        "ka", "lo", "mi", "ne", "pu", "ra", "si", "to", "vu", "we", "xo", "ya", "ze", "bo", "di",
        "fu",
    ];
    let word = |n: usize| -> String {
        let mut w: String = (0..4).map(|k| SYLLABLES[(n >> (4 * k)) % 16]).collect();
        w[..1].make_ascii_uppercase();
        w
    };
    format!("{} {}", word(i * 7919 + 13), word(i * 104_729 + 7))
}
