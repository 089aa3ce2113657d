//! The CI formats, each checked against the shape its consumer documents:
//! GitHub workflow commands, GitLab Code Quality, reviewdog's rdjson, JUnit
//! XML and JSON lines, on the bundled dataset and on hostile data.

mod common;

use common::run;
use serde_json::Value;

const DATASETS: [&str; 2] = ["claims/", "tests/data/hostile.json"];

fn output(format: &str, dataset: &str) -> String {
    let (stdout, stderr, code) = run(&["check", dataset, "--output-format", format]);
    assert!(
        code == 0 || code == 1,
        "{format} {dataset}: exit {code}: {stderr}"
    );
    stdout
}

/// `::level file=…,line=…,col=…,title=…::message`: data never adds a
/// property or ends the command (no raw `::`, `,` or newline in a value).
#[test]
fn github_annotations_are_workflow_commands() {
    for dataset in DATASETS {
        let text = output("github", dataset);
        assert!(!text.is_empty(), "{dataset}: no annotations");
        for line in text.lines() {
            let (level, rest) = line
                .strip_prefix("::")
                .and_then(|l| l.split_once(' '))
                .unwrap_or_else(|| panic!("not a command: {line}"));
            assert!(["error", "warning", "notice"].contains(&level), "{line}");
            let (properties, message) = rest.split_once("::").expect("properties::message");
            let keys: Vec<&str> = properties
                .split(',')
                .map(|p| p.split_once('=').expect("key=value").0)
                .collect();
            assert_eq!(keys, ["file", "line", "col", "title"], "{line}");
            assert!(
                !message.contains('\r') && !message.contains('\u{1b}'),
                "{line}"
            );
            assert!(
                !message.contains('\u{202e}'),
                "bidi override passed raw: {line}"
            );
        }
    }
}

/// GitLab Code Quality: an array of issues, each with a description, a
/// check name, a unique fingerprint, a severity of GitLab's scale and a
/// location with a path and a line.
#[test]
fn gitlab_report_is_code_quality() {
    for dataset in DATASETS {
        let issues: Value = serde_json::from_str(&output("gitlab", dataset)).unwrap();
        let issues = issues.as_array().expect("an array");
        let mut fingerprints: Vec<&str> = Vec::new();
        for issue in issues {
            assert!(issue["description"].as_str().is_some_and(|d| !d.is_empty()));
            assert!(issue["check_name"].is_string());
            let severity = issue["severity"].as_str().unwrap();
            assert!(["info", "minor", "major", "critical", "blocker"].contains(&severity));
            assert!(issue["location"]["path"].is_string());
            assert!(issue["location"]["lines"]["begin"]
                .as_u64()
                .is_some_and(|l| l > 0));
            fingerprints.push(issue["fingerprint"].as_str().unwrap());
        }
        let count = fingerprints.len();
        fingerprints.sort_unstable();
        fingerprints.dedup();
        assert_eq!(fingerprints.len(), count, "fingerprints must be unique");
    }
}

/// rdjson: a source name and diagnostics with a message, a location with
/// a path and a start line and column, and a severity reviewdog knows.
#[test]
fn rdjson_is_reviewdog_diagnostics() {
    for dataset in DATASETS {
        let result: Value = serde_json::from_str(&output("rdjson", dataset)).unwrap();
        assert_eq!(result["source"]["name"], "claimlint");
        for d in result["diagnostics"].as_array().expect("diagnostics") {
            assert!(d["message"].is_string());
            assert!(d["location"]["path"].is_string());
            assert!(d["location"]["range"]["start"]["line"].as_u64().is_some());
            assert!(d["location"]["range"]["start"]["column"].as_u64().is_some());
            assert!(["ERROR", "WARNING", "INFO"].contains(&d["severity"].as_str().unwrap()));
            assert!(d["code"]["value"].is_string());
        }
    }
}

/// JUnit: well-formed XML (every element closed in order, no raw `<` or
/// `&` in text, no control characters), one failure per unreviewed
/// finding, counted on the suites.
#[test]
fn junit_is_well_formed() {
    for dataset in DATASETS {
        let xml = output("junit", dataset);
        let body = xml
            .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .expect("XML declaration");
        let mut open: Vec<String> = Vec::new();
        let mut rest = body;
        while let Some(start) = rest.find('<') {
            let text = &rest[..start];
            assert!(
                !text.contains('&')
                    || text.contains("&amp;")
                    || text.contains("&lt;")
                    || text.contains("&gt;")
                    || text.contains("&quot;")
                    || text.contains("&#39;"),
                "{text}"
            );
            let end = rest[start..].find('>').expect("tag closed") + start;
            let tag = &rest[start + 1..end];
            assert!(!tag.contains('<'), "raw < inside a tag: {tag}");
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_alphanumeric())
                .collect();
            if tag.starts_with('/') {
                assert_eq!(open.pop().as_deref(), Some(name.as_str()), "{tag}");
            } else if !tag.ends_with('/') {
                open.push(name);
            }
            rest = &rest[end + 1..];
        }
        assert!(open.is_empty(), "unclosed: {open:?}");
        assert!(
            !xml.chars().any(|c| c.is_control() && c != '\n'),
            "control characters"
        );
        let failures = xml.matches("<failure ").count();
        assert!(xml.contains(&format!("failures=\"{failures}\"")), "{xml}");
    }
}

/// JSON lines: one finding object per line, as the JSON report holds them.
#[test]
fn json_lines_hold_the_json_reports_findings() {
    let (json, _, _) = run(&["check", "claims/", "--output-format", "json"]);
    let report: Value = serde_json::from_str(&json).unwrap();
    let lines: Vec<Value> = output("json-lines", "claims/")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(&Value::Array(lines), &report["findings"]);
}
