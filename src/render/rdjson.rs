//! `--output-format rdjson`: reviewdog's Diagnostic Format (rdjson), one
//! diagnostic per unreviewed finding, for reviewdog to post as review
//! comments.

use serde::Serialize;

use crate::finding::Severity;
use crate::render::json::to_pretty;
use crate::render::{ci, CheckReport};

#[derive(Serialize)]
struct Result<'a> {
    source: Source,
    diagnostics: Vec<Diagnostic<'a>>,
}

#[derive(Serialize)]
struct Source {
    name: &'static str,
    url: &'static str,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    message: String,
    location: Location<'a>,
    severity: &'static str,
    code: Code<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    range: Range,
}

#[derive(Serialize)]
struct Range {
    start: Point,
}

#[derive(Serialize)]
struct Point {
    line: u32,
    column: u32,
}

#[derive(Serialize)]
struct Code<'a> {
    value: &'a str,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
        Severity::Info => "INFO",
    }
}

/// The rdjson document.
pub fn render(report: &CheckReport) -> String {
    let diagnostics = ci::unreviewed(report)
        .map(|(_, finding)| {
            let pos = ci::position(report, finding);
            Diagnostic {
                message: ci::headline(report, finding),
                location: Location {
                    path: pos.map_or("", |p| &p.file),
                    range: Range {
                        start: Point {
                            line: pos.map_or(1, |p| p.line),
                            column: pos.map_or(1, |p| p.column),
                        },
                    },
                },
                severity: level(finding.severity),
                code: Code {
                    value: finding.rule,
                },
            }
        })
        .collect();
    let document = Result {
        source: Source {
            name: "claimlint",
            url: env!("CARGO_PKG_HOMEPAGE"),
        },
        diagnostics,
    };
    let mut out = to_pretty(&document);
    out.push('\n');
    out
}
