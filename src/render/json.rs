//! `--format json`: the stable, sorted machine-readable report (SPEC §5).

use serde::Serialize;

use crate::finding::{Finding, Severity};
use crate::load::InputError;
use crate::model::Dataset;
use crate::reconcile::Entities;
use crate::render::{CheckReport, RuleStatistics};
use crate::review::{EntityJudgement, Review, StaleReview};

pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    summary: Summary,
    findings: Vec<JsonFinding<'a>>,
    input_errors: &'a [InputError],
    /// Review decisions whose finding no longer exists.
    stale_reviews: &'a [StaleReview<'a>],
    /// Entity judgements naming a name that no claim or record uses.
    stale_entity_judgements: &'a [&'a EntityJudgement],
    #[serde(skip_serializing_if = "Option::is_none")]
    statistics: Option<std::collections::BTreeMap<&'a str, RuleStatistics>>,
}

#[derive(Serialize)]
struct Summary {
    claims: usize,
    entities: usize,
    findings: Counts,
    /// Findings with a review decision.
    reviewed: usize,
}

#[derive(Serialize)]
struct Counts {
    error: usize,
    warning: usize,
    info: usize,
}

#[derive(Serialize)]
pub struct EntityRef<'a> {
    pub id: &'a str,
    pub name: &'a str,
}

#[derive(Serialize)]
pub struct ClaimRef<'a> {
    pub id: &'a str,
    pub file: &'a str,
    pub line: u32,
    pub who: &'a str,
    pub status: &'a str,
    pub date: Option<&'a str>,
    pub source: Option<&'a str>,
    pub certainty: &'a str,
}

#[derive(Serialize)]
pub struct JsonFinding<'a> {
    pub rule: &'a str,
    pub severity: Severity,
    pub entity: EntityRef<'a>,
    pub claims: Vec<ClaimRef<'a>>,
    pub message: &'a str,
    pub reasoning: &'a str,
    pub favours: Option<&'a str>,
    pub fingerprint: &'a str,
    /// The review decision, or null while unreviewed.
    pub review: Option<&'a Review>,
}

pub fn finding<'a>(
    dataset: &'a Dataset,
    entities: &'a Entities,
    f: &'a Finding,
) -> JsonFinding<'a> {
    let entity = &entities.list[f.entity];
    JsonFinding {
        rule: f.rule,
        severity: f.severity,
        entity: EntityRef {
            id: &entity.id,
            name: &entity.name,
        },
        claims: f.claims.iter().map(|&c| claim_ref(dataset, c)).collect(),
        message: &f.message,
        reasoning: &f.reasoning,
        favours: f.favours.map(|c| dataset.claims[c].id.as_str()),
        fingerprint: &f.fingerprint,
        review: None,
    }
}

pub fn claim_ref(dataset: &Dataset, index: usize) -> ClaimRef<'_> {
    let claim = &dataset.claims[index];
    ClaimRef {
        id: &claim.id,
        file: &claim.pos.file,
        line: claim.pos.line,
        who: &claim.who,
        status: claim.status.as_str(),
        date: claim.date.as_ref().map(|d| d.text.as_str()),
        source: claim.source.as_deref(),
        certainty: claim.certainty.as_str(),
    }
}

pub fn render(report: &CheckReport) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write(report, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`render`], streamed into `writer`: a million claims' report is written
/// as it is serialised, never held whole in memory.
pub fn write(report: &CheckReport, writer: impl std::io::Write) -> std::io::Result<()> {
    let mut writer = writer;
    let out = Report {
        version: VERSION,
        summary: Summary {
            claims: report.dataset.claims.len(),
            entities: report.entities.list.len(),
            findings: Counts {
                error: report.count(Severity::Error),
                warning: report.count(Severity::Warning),
                info: report.count(Severity::Info),
            },
            reviewed: report.reviewed(),
        },
        findings: report
            .findings
            .iter()
            .enumerate()
            .map(|(i, f)| JsonFinding {
                review: report.review(i),
                ..finding(report.dataset, report.entities, f)
            })
            .collect(),
        input_errors: &report.dataset.errors,
        stale_reviews: &report.reviews.stale,
        stale_entity_judgements: &report.reviews.stale_entities,
        statistics: report.statistics.then(|| report.rule_statistics()),
    };
    serde_json::to_writer_pretty(&mut writer, &out)?;
    writer.write_all(b"\n")
}

/// Pretty JSON with a final newline; serialising plain structs cannot fail,
/// but if it ever did we would rather print the error than panic.
pub fn to_pretty<T: Serialize>(value: &T) -> String {
    match serde_json::to_string_pretty(value) {
        Ok(mut text) => {
            text.push('\n');
            text
        }
        Err(err) => format!("{{\"error\": \"{err}\"}}\n"),
    }
}
