//! `--output-format concise`: one line per finding, as compilers and ruff
//! write them (`file:line:col: severity[rule] Person: message`), then the
//! summary line. For large datasets and for editors that jump to a
//! position.

use std::fmt::Write as _;

use crate::render::{ci, human, printable, CheckReport, Palette};

/// The concise report.
pub fn render(report: &CheckReport, palette: Palette) -> String {
    let mut out = String::new();
    for (_, finding) in ci::unreviewed(report) {
        let at = ci::position(report, finding)
            .map(|p| format!("{}:{}:{}", printable(&p.file), p.line, p.column))
            .unwrap_or_default();
        let label = format!("{}[{}]", finding.severity, finding.rule);
        let _ = writeln!(
            out,
            "{}: {} {}",
            palette.bold(&at),
            palette.severity(finding.severity, &label),
            printable(&ci::headline(report, finding))
        );
    }
    human::summary(&mut out, report, palette);
    out
}
