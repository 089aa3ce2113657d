//! `--format json`: the stable, sorted machine-readable report (SPEC §5).

use serde::Serialize;

use crate::finding::{Finding, Severity};
use crate::load::InputError;
use crate::model::Dataset;
use crate::reconcile::Entities;
use crate::render::{CheckReport, RuleStatistics};
use crate::review::{EntityJudgement, Review, StaleReview};

/// The version of the JSON output's shape, written into every document.
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
    /// Rejected claim ids that no claim has any more.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    stale_rejections: &'a [&'a str],
    /// Entity judgements that contradict each other or an entity record.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    judgement_conflicts: &'a [String],
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
/// A finding's person as the JSON report names it.
pub struct EntityRef<'a> {
    /// The entity id.
    pub id: &'a str,
    /// The displayed name.
    pub name: &'a str,
}

#[derive(Serialize)]
/// A claim as the JSON report cites it.
pub struct ClaimRef<'a> {
    /// The claim id.
    pub id: &'a str,
    /// The file it was read from.
    pub file: &'a str,
    /// Its line there.
    pub line: u32,
    /// The name it gives.
    pub who: &'a str,
    /// Its status.
    pub status: &'a str,
    /// Its date as written, if any.
    pub date: Option<&'a str>,
    /// Its source's id, if any.
    pub source: Option<&'a str>,
    /// How sure its source is.
    pub certainty: &'a str,
    /// Why a reviewer rejected it, when one did: it no longer counts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rejected: Option<&'a str>,
}

#[derive(Serialize)]
/// A finding as the JSON report writes it.
pub struct JsonFinding<'a> {
    /// The rule id.
    pub rule: &'a str,
    /// The severity, after the evidence graded it.
    pub severity: Severity,
    /// The rule's level before grading (its default or the configured one).
    pub default_severity: Severity,
    /// Why `severity` is below `default_severity`; null when it is not.
    pub severity_reason: Option<&'a str>,
    /// The person.
    pub entity: EntityRef<'a>,
    /// The claims, the primary one first.
    pub claims: Vec<ClaimRef<'a>>,
    /// What is wrong.
    pub message: &'a str,
    /// Why, step by step.
    pub reasoning: &'a str,
    /// The id of the claim the evidence favours, if any.
    pub favours: Option<&'a str>,
    /// The stable id of the finding.
    pub fingerprint: &'a str,
    /// The review decision, or null while unreviewed. A finding settled
    /// by a rejected claim has the rejection here (`"rejected": REASON`).
    pub review: Option<&'a Review>,
    /// The decision a reopened finding had before what it rests on
    /// changed; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_review: Option<&'a Review>,
}

/// The JSON form of `finding`.
pub fn finding<'a>(
    dataset: &'a Dataset,
    entities: &'a Entities,
    f: &'a Finding,
) -> JsonFinding<'a> {
    let entity = &entities.list[f.entity];
    JsonFinding {
        rule: f.rule,
        severity: f.severity,
        default_severity: f.default_severity,
        severity_reason: f.severity_reason.as_deref(),
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
        previous_review: None,
    }
}

/// Claim `index` as the JSON report cites it.
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
        rejected: dataset.rejection(index),
    }
}

/// The report as one JSON document, built in memory (see [`write`] to
/// stream it).
pub fn render(report: &CheckReport) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write(report, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`render`], streamed into `writer`: a million claims' report is written
/// as it is serialised, never held whole in memory. The findings, nearly
/// all of it, are serialised in parallel a block at a time and written in
/// order; the rest of the report is serialised around an empty findings
/// array, whose place is then filled, so every byte is serde_json's.
pub fn write(report: &CheckReport, writer: impl std::io::Write) -> std::io::Result<()> {
    let mut writer = writer;
    let skeleton = serde_json::to_vec_pretty(&outline(report, Vec::new()))?;
    // A top-level key, two spaces in: no string value holds its quotes bare.
    const EMPTY: &[u8] = b"\n  \"findings\": []";
    let at = skeleton.windows(EMPTY.len()).position(|w| w == EMPTY);
    let at = match at {
        Some(at) if !report.findings.is_empty() => at,
        _ if report.findings.is_empty() => {
            writer.write_all(&skeleton)?;
            return writer.write_all(b"\n");
        }
        // Not where it should be: serialise it all in one piece.
        _ => {
            let findings = (0..report.findings.len())
                .map(|i| json_finding(report, i))
                .collect();
            serde_json::to_writer_pretty(&mut writer, &outline(report, findings))?;
            return writer.write_all(b"\n");
        }
    };
    // Up to and with the `[`.
    writer.write_all(&skeleton[..at + EMPTY.len() - 1])?;
    crate::render::write_findings(report.findings, &mut writer, |index, _, out| {
        out.extend_from_slice(if index == 0 { b"\n" } else { b",\n" });
        element(out, &json_finding(report, index))
    })?;
    writer.write_all(b"\n  ]")?;
    writer.write_all(&skeleton[at + EMPTY.len()..])?;
    writer.write_all(b"\n")
}

/// The report around `findings`.
fn outline<'a>(report: &'a CheckReport<'a>, findings: Vec<JsonFinding<'a>>) -> Report<'a> {
    Report {
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
        findings,
        input_errors: &report.dataset.errors,
        stale_reviews: &report.reviews.stale,
        stale_entity_judgements: &report.reviews.stale_entities,
        stale_rejections: &report.reviews.stale_rejections,
        judgement_conflicts: &report.reviews.conflicts,
        statistics: report.statistics.then(|| report.rule_statistics()),
    }
}

/// Finding `index` of the report, with its review.
pub(crate) fn json_finding<'a>(report: &'a CheckReport<'a>, index: usize) -> JsonFinding<'a> {
    JsonFinding {
        review: report.review(index),
        previous_review: report.reviews.previous(index),
        ..finding(report.dataset, report.entities, &report.findings[index])
    }
}

/// An element of a top-level array as serde_json prints it in place: its
/// pretty form, every line two levels in.
fn element(out: &mut Vec<u8>, value: &impl Serialize) -> std::io::Result<()> {
    use serde_json::ser::{Formatter, PrettyFormatter};
    let mut formatter = PrettyFormatter::new();
    // Two levels in (the report, its array), as if they had been opened.
    for _ in 0..2 {
        formatter.begin_array(&mut std::io::sink())?;
    }
    out.extend_from_slice(b"    ");
    value
        .serialize(&mut serde_json::Serializer::with_formatter(out, formatter))
        .map_err(std::io::Error::from)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::{Applied, ReviewFile};

    /// The report as serde_json prints it in one piece.
    fn whole(report: &CheckReport) -> String {
        let findings = (0..report.findings.len())
            .map(|i| json_finding(report, i))
            .collect();
        to_pretty(&outline(report, findings))
    }

    #[test]
    fn the_streamed_report_is_the_report_serialised_whole() {
        let many: String = (0..600)
            .map(|i| {
                format!(
                    r#"{{"id": "k{i}", "who": "Person {i}", "status": "killed", "date": "2014", "source": "s"}},
                       {{"id": "a{i}", "who": "Person {i}", "status": "alive", "date": "2016", "source": "s", "quote": "said \"hi\"\n"}},"#
                )
            })
            .collect();
        let quiet = r#"{"sources": [{"id": "s"}], "claims": [{"who": "X", "status": "born", "date": "1980", "source": "s"}]}"#;
        let busy = format!(
            r#"{{"sources": [{{"id": "s"}}], "claims": [{many} {{"who": "Y", "status": "nonsense"}}]}}"#
        );
        for (text, statistics) in [(quiet, false), (busy.as_str(), false), (&busy, true)] {
            let analysis = crate::analyse_dataset(
                crate::load::load_str("t.json", text),
                &crate::Options::default(),
            );
            let review = ReviewFile::default();
            let reviews = Applied::new(
                &review,
                &analysis.findings,
                &analysis.dataset,
                &analysis.entities,
            );
            let report = CheckReport {
                dataset: &analysis.dataset,
                entities: &analysis.entities,
                findings: &analysis.findings,
                reviews: &reviews,
                show_reviewed: false,
                statistics,
                verbose: false,
            };
            // The busy one spans several blocks of findings (some of the
            // 600 names merge, and one person's reports of one death are
            // one finding).
            assert!(text == quiet || analysis.findings.len() > 256);
            assert_eq!(render(&report), whole(&report));
        }
    }
}
