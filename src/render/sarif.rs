//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning reads it.
//!
//! The rule catalogue (`tool.driver.rules`) comes from the registry, so it
//! always matches `claimlint rules`; each result points at its primary
//! claim's file and line, with the other claims as related locations and
//! the finding's fingerprint as `partialFingerprints["claimlint/v2"]`.
//! Reviewed findings carry an external, accepted suppression.

use serde::Serialize;

use crate::checker::Rule;
use crate::finding::Severity;
use crate::model::Claim;
use crate::render::json::to_pretty;
use crate::render::CheckReport;
use crate::review::Review;
use crate::rules::RULES;

/// The SARIF 2.1.0 JSON schema's address.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The SARIF version written.
pub const SARIF_VERSION: &str = "2.1.0";
/// Where users read about the tool (Cargo.toml's `homepage`).
pub const INFORMATION_URI: &str = env!("CARGO_PKG_HOMEPAGE");
/// The key of our fingerprint in `partialFingerprints`: its scheme
/// ([`FINGERPRINT_VERSION`](crate::finding::FINGERPRINT_VERSION)) in the name,
/// so code scanning does not match fingerprints of two schemes.
pub const FINGERPRINT_KEY: &str = "claimlint/v2";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    invocations: Vec<Invocation>,
    /// Our columns count characters, as editors do.
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: std::collections::BTreeMap<&'static str, &'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
}

#[derive(Serialize)]
struct Suppression {
    kind: &'static str,
    status: &'static str,
    justification: String,
}

/// SARIF's name for a severity.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative URI for a path as the user gave it: forward slashes, no
/// leading `./`, and percent-encoding for anything a URI may not hold.
pub fn relative_uri(path: &str) -> String {
    let forward = path.replace('\\', "/");
    let trimmed = forward.trim_start_matches("./");
    let mut uri = String::with_capacity(trimmed.len());
    for byte in trimmed.bytes() {
        let keep = byte.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&byte);
        if keep {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

/// The first paragraph of a rule's "What it does" section, as plain text.
fn what_it_does(rule: &Rule) -> String {
    let doc = rule.documentation();
    let section = doc
        .split("## What it does")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .unwrap_or(rule.summary);
    let paragraph = section.trim().split("\n\n").next().unwrap_or(rule.summary);
    paragraph.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn descriptor(rule: &Rule) -> ReportingDescriptor {
    let documentation = rule.documentation();
    ReportingDescriptor {
        id: rule.id,
        // SARIF names are PascalCase identifiers by convention.
        name: rule
            .id
            .split('-')
            .map(|part| {
                let mut chars = part.chars();
                chars
                    .next()
                    .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                    .unwrap_or_default()
            })
            .collect(),
        short_description: Text {
            text: rule.summary.to_string(),
        },
        full_description: Text {
            text: what_it_does(rule),
        },
        help: Help {
            text: documentation.clone(),
            markdown: documentation,
        },
        default_configuration: Configuration {
            level: level(rule.severity),
        },
    }
}

fn location(claim: &Claim, id: Option<usize>, message: Option<String>) -> Location {
    Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation {
                uri: relative_uri(&claim.pos.file),
            },
            region: Region {
                start_line: claim.pos.line.max(1),
                start_column: claim.pos.column.max(1),
            },
        },
        message: message.map(|text| Text { text }),
    }
}

fn claim_label(claim: &Claim) -> String {
    format!(
        "claim {}: {} {} ({})",
        claim.id,
        claim.who,
        claim.status.as_str(),
        claim.date_text()
    )
}

fn suppression(review: &Review) -> Suppression {
    let mut justification = format!("{} by {} at {}", review.decision, review.who, review.when);
    if let Some(wrong) = &review.wrong {
        justification.push_str(&format!("; wrong claim: {wrong}"));
    }
    if !review.note.is_empty() {
        justification.push_str(": ");
        justification.push_str(&review.note);
    }
    Suppression {
        kind: "external",
        status: "accepted",
        justification,
    }
}

/// The report as a SARIF 2.1.0 log for code scanning.
pub fn render(report: &CheckReport) -> String {
    let dataset = report.dataset;
    let results = report
        .findings
        .iter()
        .enumerate()
        .filter_map(|(index, finding)| {
            let rule_index = RULES.iter().position(|r| r.id == finding.rule)?;
            let (&primary, related) = finding.claims.split_first()?;
            let mut text = format!("{}\nReasoning: {}", finding.message, finding.reasoning);
            if let Some(favoured) = finding.favours {
                text.push_str(&format!(
                    "\nThe evidence favours {}.",
                    dataset.claims[favoured].id
                ));
            }
            Some(SarifResult {
                rule_id: RULES[rule_index].id,
                rule_index,
                level: level(finding.severity),
                message: Text { text },
                locations: vec![location(
                    &dataset.claims[primary],
                    None,
                    Some(claim_label(&dataset.claims[primary])),
                )],
                related_locations: related
                    .iter()
                    .enumerate()
                    .map(|(i, &c)| {
                        let claim = &dataset.claims[c];
                        location(claim, Some(i + 1), Some(claim_label(claim)))
                    })
                    .collect(),
                partial_fingerprints: [(FINGERPRINT_KEY, finding.fingerprint.as_str())]
                    .into_iter()
                    .collect(),
                suppressions: report.review(index).map(suppression).into_iter().collect(),
            })
        })
        .collect();
    let notifications = dataset
        .errors
        .iter()
        .map(|error| Notification {
            level: "error",
            message: Text {
                text: error.message.clone(),
            },
            locations: vec![Location {
                id: None,
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation {
                        uri: relative_uri(&error.file),
                    },
                    region: Region {
                        start_line: error.line.max(1),
                        start_column: error.column.max(1),
                    },
                },
                message: None,
            }],
        })
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: SARIF_VERSION,
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "claimlint",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: INFORMATION_URI,
                    rules: RULES.iter().map(|r| descriptor(r)).collect(),
                },
            },
            invocations: vec![Invocation {
                execution_successful: dataset.errors.is_empty(),
                tool_execution_notifications: notifications,
            }],
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    to_pretty(&log)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_with_forward_slashes() {
        assert_eq!(relative_uri("claims\\a b.json"), "claims/a%20b.json");
        assert_eq!(relative_uri("./claims/x#1.json"), "claims/x%231.json");
        assert_eq!(relative_uri("données.json"), "donn%C3%A9es.json");
    }

    #[test]
    fn full_description_is_the_first_paragraph() {
        for rule in RULES {
            let text = what_it_does(rule);
            assert!(
                !text.is_empty() && !text.contains("##"),
                "{}: {text}",
                rule.id
            );
        }
    }
}
