//! `--output-format gitlab`: a GitLab Code Quality report, the JSON array
//! of issues GitLab shows in merge requests (`description`, `check_name`,
//! `fingerprint`, `severity`, `location.path`, `location.lines.begin`).

use serde::Serialize;

use crate::finding::Severity;
use crate::render::json::to_pretty;
use crate::render::{ci, CheckReport};

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: &'a str,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: u32,
}

/// The Code Quality report.
pub fn render(report: &CheckReport) -> String {
    let issues: Vec<Issue> = ci::unreviewed(report)
        .map(|(_, finding)| {
            let pos = ci::position(report, finding);
            Issue {
                description: ci::headline(report, finding),
                check_name: finding.rule,
                fingerprint: &finding.fingerprint,
                // GitLab's scale: info, minor, major, critical, blocker.
                severity: match finding.severity {
                    Severity::Error => "critical",
                    Severity::Warning => "major",
                    Severity::Info => "info",
                },
                location: Location {
                    path: pos.map_or("", |p| &p.file),
                    lines: Lines {
                        begin: pos.map_or(1, |p| p.line),
                    },
                },
            }
        })
        .collect();
    let mut out = to_pretty(&issues);
    out.push('\n');
    out
}
