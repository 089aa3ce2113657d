//! `--output-format junit`: JUnit XML, as CI test reports read it. One test
//! suite per file, one failing test case per unreviewed finding (ruff's
//! layout); a run without findings is one passing case, so the report is
//! never empty.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::finding::Finding;
use crate::render::html::escape;
use crate::render::{ci, printable, CheckReport};

/// Text as XML character data or an attribute value: escaped, with control
/// characters (which XML 1.0 cannot hold) shown as escapes.
fn xml(text: &str) -> String {
    escape(&printable(text))
}

/// The JUnit report.
pub fn render(report: &CheckReport) -> String {
    let mut by_file: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for (_, finding) in ci::unreviewed(report) {
        let file = ci::position(report, finding).map_or("", |p| &p.file);
        by_file.entry(file).or_default().push(finding);
    }
    let failures: usize = by_file.values().map(Vec::len).sum();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"claimlint\" tests=\"{}\" failures=\"{failures}\">",
        failures.max(1)
    );
    if by_file.is_empty() {
        out.push_str("  <testsuite name=\"claimlint\" tests=\"1\" failures=\"0\">\n");
        out.push_str("    <testcase name=\"no unreviewed findings\" classname=\"claimlint\"/>\n");
        out.push_str("  </testsuite>\n");
    }
    for (file, findings) in &by_file {
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{n}\" failures=\"{n}\">",
            xml(file),
            n = findings.len()
        );
        for finding in findings {
            case(&mut out, report, finding);
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// One failing test case: the finding at its position.
fn case(out: &mut String, report: &CheckReport, finding: &Finding) {
    let (file, line, column) =
        ci::position(report, finding).map_or(("", 0, 0), |p| (p.file.as_ref(), p.line, p.column));
    let person = ci::person(report, finding);
    let _ = writeln!(
        out,
        "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\" line=\"{line}\">",
        xml(&format!("{}[{}] {person}", finding.severity, finding.rule)),
        xml(file),
        xml(file),
    );
    let _ = writeln!(
        out,
        "      <failure message=\"{}\" type=\"{}\">{}:{line}:{column}: {}</failure>",
        xml(&finding.message),
        finding.rule,
        xml(file),
        xml(&finding.reasoning)
    );
    out.push_str("    </testcase>\n");
}
