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
        Format::Human => {
            let width = records
                .iter()
                .map(|r| r.name.chars().count())
                .max()
                .unwrap_or(4)
                .clamp(4, 60);
            let mut out = String::new();
            let _ = writeln!(
                out,
                "{:<12} {:<width$} {:>6} {:>12} {:>9}",
                "kind", "name", "claims", "contradicted", "confirmed"
            );
            for r in records {
                let name: String = printable(&r.name).chars().take(width).collect();
                let _ = writeln!(
                    out,
                    "{:<12} {:<width$} {:>6} {:>12} {:>9}",
                    r.kind, name, r.claims, r.contradicted, r.confirmed
                );
            }
            out
        }
    }
}
