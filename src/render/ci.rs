//! What the CI formats share: which findings they report, and where a
//! finding points.
//!
//! The CI formats (concise, json-lines, github, gitlab, rdjson, junit) are
//! read by machines that fail a build or annotate a pull request, so they
//! carry the findings that would fail `check`: those without a review
//! decision. Reviewed findings are settled; `full`, `json` and `sarif` show
//! them, marked.

use crate::finding::Finding;
use crate::model::Pos;
use crate::render::CheckReport;

/// The findings a CI format reports, with their index in the report.
pub fn unreviewed<'r>(report: &'r CheckReport<'r>) -> impl Iterator<Item = (usize, &'r Finding)> {
    (report.findings.iter().enumerate()).filter(|(i, _)| report.review(*i).is_none())
}

/// Where `finding` points: its primary claim's position.
pub fn position<'r>(report: &'r CheckReport<'r>, finding: &Finding) -> Option<&'r Pos> {
    let &primary = finding.claims.first()?;
    Some(&report.dataset.claims[primary].pos)
}

/// The person a finding is about, by display name.
pub fn person<'r>(report: &'r CheckReport<'r>, finding: &Finding) -> &'r str {
    &report.entities.list[finding.entity].name
}

/// `Person: message`, the person named once (messages that begin with the
/// name drop it: `Lavdrim Muhaxheri: reported killed 2014-08 but …`).
pub fn headline(report: &CheckReport, finding: &Finding) -> String {
    let person = person(report, finding);
    let message = finding.message.as_str();
    // `NAME reported killed …` and `NAME: born … and born … disagree`.
    let rest = message
        .strip_prefix(person)
        .and_then(|rest| rest.strip_prefix(": ").or_else(|| rest.strip_prefix(' ')))
        .unwrap_or(message);
    format!("{person}: {rest}")
}
