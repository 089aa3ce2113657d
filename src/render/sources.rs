//! `claimlint sources`: every source's and originator's track record.

use std::fmt::Write as _;

use serde::Serialize;

use crate::render::json::{to_pretty, VERSION};
use crate::render::{printable, Format};
use crate::verdict::TrackRecord;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    sources: &'a [TrackRecord],
}

/// Every source's and originator's track record, worst first.
pub fn render(records: &[TrackRecord], format: Format) -> String {
    match format {
        Format::Json => to_pretty(&Report {
            version: VERSION,
            sources: records,
        }),
        Format::Human => human(records),
    }
}

/// What the columns mean, for `sources --help` and the table's foot.
pub const COLUMNS: &str = "\
claims        how many claims it made (or, for an originator, first asserted)
contradicted  how many of them the verdicts reject, on stronger evidence
confirmed     how many of them the verdicts rest on
A claim neither rejected nor relied on (a role, a designation) counts in
neither. Grades are the Admiralty code's, A (completely reliable) to F.";

/// Two tables, sources then originators (`according_to`), each worst first.
fn human(records: &[TrackRecord]) -> String {
    let mut out = String::new();
    for (kind, heading) in [("source", "source"), ("according_to", "according to")] {
        let rows: Vec<&TrackRecord> = records.iter().filter(|r| r.kind == kind).collect();
        if rows.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        let label = |r: &TrackRecord| match &r.title {
            Some(title) if kind == "source" => format!("{} ({})", r.name, title),
            _ => r.name.clone(),
        };
        let width = rows
            .iter()
            .map(|r| label(r).chars().count())
            .max()
            .unwrap_or(4)
            .clamp(12, 70);
        let _ = writeln!(
            out,
            "{:<width$} {:>5} {:>6} {:>12} {:>9}",
            heading, "grade", "claims", "contradicted", "confirmed"
        );
        for r in rows {
            let mut name: String = printable(&label(r)).chars().take(width).collect();
            if label(r).chars().count() > width {
                name.pop();
                name.push('…');
            }
            let _ = writeln!(
                out,
                "{:<width$} {:>5} {:>6} {:>12} {:>9}",
                name,
                r.grade.as_deref().unwrap_or("-"),
                r.claims,
                r.contradicted,
                r.confirmed
            );
        }
    }
    out
}
