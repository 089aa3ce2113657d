//! `claimlint entities`: who is who, and why names were merged.

use std::fmt::Write as _;

use serde::Serialize;

use crate::names::Merge;
use crate::render::json::{to_pretty, VERSION};
use crate::render::{printable, Format};
use crate::Analysis;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    entities: Vec<EntityOut<'a>>,
}

#[derive(Serialize)]
struct EntityOut<'a> {
    id: &'a str,
    name: &'a str,
    names: &'a [String],
    claims: Vec<&'a str>,
    merges: Vec<&'a Merge>,
    /// Its claims a reviewer rejected, with the reason: still listed in
    /// `claims`, but they no longer count.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    rejected: std::collections::BTreeMap<&'a str, &'a str>,
}

/// The merges worth showing: a name linked to itself (two claims that
/// spell it alike) says nothing.
fn merges(merges: &[Merge]) -> Vec<&Merge> {
    merges.iter().filter(|m| m.names[0] != m.names[1]).collect()
}

/// `1 claim`, `2 claims`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The entities, their names, claims and, when explained, why names were
/// merged.
pub fn render(analysis: &Analysis, format: Format) -> String {
    let claims = |ids: &[usize]| -> Vec<&str> {
        let mut out: Vec<&str> = ids
            .iter()
            .map(|&c| analysis.dataset.claims[c].id.as_str())
            .collect();
        out.sort_unstable();
        out
    };
    let dataset = &analysis.dataset;
    let rejected = |ids: &[usize]| -> std::collections::BTreeMap<&str, &str> {
        if dataset.rejected.is_empty() {
            return Default::default();
        }
        ids.iter()
            .filter_map(|&c| Some((dataset.claims[c].id.as_str(), dataset.rejection(c)?)))
            .collect()
    };
    match format {
        Format::Json => to_pretty(&Report {
            version: VERSION,
            entities: analysis
                .entities
                .list
                .iter()
                .map(|e| EntityOut {
                    id: &e.id,
                    name: &e.name,
                    names: &e.names,
                    claims: claims(&e.claims),
                    merges: merges(&e.merges),
                    rejected: rejected(&e.claims),
                })
                .collect(),
        }),
        // `app` refuses these before rendering.
        Format::Human => {
            let mut out = String::new();
            for e in &analysis.entities.list {
                let claims = count(e.claims.len(), "claim", "claims");
                let mut text = format!("{} ({}) — {claims}\n", e.name, e.id);
                for name in &e.names {
                    if *name != e.name {
                        let _ = writeln!(text, "    also: {name}");
                    }
                }
                for (id, reason) in rejected(&e.claims) {
                    let _ = writeln!(text, "    rejected in review: {id} ({reason})");
                }
                for m in merges(&e.merges) {
                    let _ = writeln!(
                        text,
                        "    merged {} ~ {} ({:.2}): {}",
                        m.names[0], m.names[1], m.score, m.reason
                    );
                }
                // Names from the data are shown, never sent to the terminal.
                for line in text.lines() {
                    let _ = writeln!(out, "{}", printable(line));
                }
            }
            out
        }
    }
}
