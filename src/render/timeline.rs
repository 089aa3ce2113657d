//! `claimlint timeline NAME`: one person's claims in date order, with the
//! findings that involve each claim, and the verdict.

use std::fmt::Write as _;

use serde::Serialize;

use crate::reconcile::Entity;
use crate::render::json::{to_pretty, VERSION};
use crate::render::Format;
use crate::render::{printable, Palette};
use crate::verdict::Verdict;
use crate::Analysis;

#[derive(Serialize)]
struct Timeline<'a> {
    version: u32,
    entity: EntityOut<'a>,
    claims: Vec<ClaimOut<'a>>,
    verdict: &'a Verdict,
}

#[derive(Serialize)]
struct EntityOut<'a> {
    id: &'a str,
    name: &'a str,
    names: &'a [String],
}

#[derive(Serialize)]
struct ClaimOut<'a> {
    id: &'a str,
    who: &'a str,
    status: &'a str,
    date: Option<&'a str>,
    /// The interval of days the date allows (`..` for open ends).
    range: String,
    reported: Option<String>,
    source: Option<&'a str>,
    according_to: Option<&'a str>,
    certainty: &'a str,
    /// Why a reviewer rejected it, when one did.
    #[serde(skip_serializing_if = "Option::is_none")]
    rejected: Option<&'a str>,
    file: &'a str,
    line: u32,
    findings: Vec<FindingRef<'a>>,
}

#[derive(Serialize)]
struct FindingRef<'a> {
    rule: &'a str,
    severity: &'a str,
    fingerprint: &'a str,
}

/// The entity's claims in date order: by the first day of the event, or, for
/// an event known only as "no later than", by that last day.
pub fn ordered_claims(dataset: &crate::model::Dataset, claims: &[usize]) -> Vec<usize> {
    let mut claims = claims.to_vec();
    let key = |c: usize| {
        let when = dataset.claims[c].when;
        let anchor = if when.earliest <= crate::date::DAWN {
            when.latest
        } else {
            when.earliest
        };
        (anchor, when.latest)
    };
    claims.sort_by(|&a, &b| {
        key(a)
            .cmp(&key(b))
            .then_with(|| dataset.claims[a].id.cmp(&dataset.claims[b].id))
    });
    claims
}

/// One person's timeline: claims in date order with the findings on each,
/// and the verdict.
pub fn render(
    analysis: &Analysis,
    entity: usize,
    verdict: &Verdict,
    format: Format,
    palette: Palette,
) -> String {
    let e = &analysis.entities.list[entity];
    let claims = ordered_claims(&analysis.dataset, &e.claims);
    let findings_of = |claim: usize| -> Vec<FindingRef> {
        analysis
            .findings
            .iter()
            .filter(|f| f.claims.contains(&claim))
            .map(|f| FindingRef {
                rule: f.rule,
                severity: f.severity.as_str(),
                fingerprint: &f.fingerprint,
            })
            .collect()
    };
    let rows: Vec<ClaimOut> = claims
        .iter()
        .map(|&c| {
            let claim = &analysis.dataset.claims[c];
            ClaimOut {
                id: &claim.id,
                who: &claim.who,
                status: claim.status.as_str(),
                date: claim.date.as_ref().map(|d| d.text.as_str()),
                range: claim.when.describe(),
                reported: claim.report.map(|r| r.describe()),
                source: claim.source.as_deref(),
                according_to: claim.according_to.as_deref(),
                certainty: claim.certainty.as_str(),
                rejected: analysis.dataset.rejection(c),
                file: &claim.pos.file,
                line: claim.pos.line,
                findings: findings_of(c),
            }
        })
        .collect();
    match format {
        Format::Json => to_pretty(&Timeline {
            version: VERSION,
            entity: EntityOut {
                id: &e.id,
                name: &e.name,
                names: &e.names,
            },
            claims: rows,
            verdict,
        }),
        Format::Human => human(e, &rows, verdict, palette),
    }
}

/// The timeline for a person at a terminal: names, a row per claim with its
/// findings, then the verdict and what it rests on and rejects.
fn human(e: &Entity, rows: &[ClaimOut], verdict: &Verdict, palette: Palette) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({})",
        palette.bold(&printable(&e.name)),
        printable(&e.id)
    );
    let others: Vec<&str> = e
        .names
        .iter()
        .filter(|n| **n != e.name)
        .map(String::as_str)
        .collect();
    if !others.is_empty() {
        let _ = writeln!(out, "  also written: {}", printable(&others.join("; ")));
    }
    out.push('\n');
    for row in rows {
        let date = row.date.unwrap_or("undated");
        let range = if row.range == date || row.range.is_empty() {
            String::new()
        } else {
            format!(" [{}]", row.range)
        };
        let _ = writeln!(
            out,
            "  {:<24} {:<10} {}{}",
            date,
            row.status,
            palette.bold(&printable(row.id)),
            palette.dim(&range)
        );
        let mut details = vec![format!("{}:{}", row.file, row.line)];
        if let Some(r) = &row.reported {
            details.push(format!("reported {r}"));
        }
        if let Some(s) = row.source {
            details.push(format!("source {s}"));
        }
        if let Some(a) = row.according_to {
            details.push(format!("according to {a}"));
        }
        details.push(row.certainty.to_string());
        if let Some(reason) = row.rejected {
            details.push(format!("rejected in review ({reason})"));
        }
        let details = printable(&details.join(" · ")).into_owned();
        let _ = writeln!(out, "  {:<24} {}", "", palette.dim(&details));
        for f in &row.findings {
            let _ = writeln!(
                out,
                "  {:<24} ↳ {}[{}] {}",
                "", f.severity, f.rule, f.fingerprint
            );
        }
    }
    out.push('\n');
    let _ = writeln!(
        out,
        "{} (as of {}): {}",
        palette.bold("verdict"),
        verdict.as_of,
        printable(&verdict.summary)
    );
    for j in &verdict.rests_on {
        let _ = writeln!(
            out,
            "  rests on {}",
            printable(&format!("{}: {}", j.id, j.reason))
        );
    }
    for j in &verdict.rejects {
        let _ = writeln!(
            out,
            "  rejects  {}",
            printable(&format!("{}: {}", j.id, j.reason))
        );
    }
    out
}
