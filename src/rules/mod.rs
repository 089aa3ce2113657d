//! The rule catalogue. Each rule lives in its own file; its doc comment is
//! its user documentation (`claimlint explain ID`), and its id, default
//! severity and summary are declared once, with [`declare_rule!`], next to it.

use crate::config::Config;
use crate::date::Order;
use crate::finding::{fingerprint, Finding, Severity};
use crate::model::{Claim, Dataset};
use crate::reconcile::Entities;

mod age_mismatch;
mod ambiguous_alias;
mod birth;
mod event_after_report;
mod event_before_birth;
pub mod evidence;
mod lifespan;
mod refuted_claim;
mod single_origin_corroboration;
mod unsourced_claim;

/// A rule: metadata and the pure function that checks the dataset.
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    /// The doc comment: what it does, why it matters, examples.
    pub doc: &'static str,
    pub check: fn(&Context) -> Vec<Finding>,
}

impl Rule {
    /// The documentation as Markdown, without the doc comments' leading space.
    pub fn documentation(&self) -> String {
        self.doc
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_string()
    }
}

/// Declares a rule: its doc comment becomes [`Rule::doc`].
macro_rules! declare_rule {
    (
        $(#[doc = $doc:expr])*
        pub static $name:ident = {
            id: $id:expr,
            severity: $severity:expr,
            summary: $summary:expr,
            check: $check:expr $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub static $name: $crate::rules::Rule = $crate::rules::Rule {
            id: $id,
            severity: $severity,
            summary: $summary,
            doc: concat!($($doc, "\n"),*),
            check: $check,
        };
    };
}
pub(crate) use declare_rule;

/// Every rule, in catalogue order.
pub static RULES: &[&Rule] = &[
    &unsourced_claim::RULE,
    &event_after_report::RULE,
    &event_before_birth::RULE,
    &age_mismatch::RULE,
    &lifespan::RULE,
    &refuted_claim::RULE,
    &single_origin_corroboration::RULE,
    &ambiguous_alias::RULE,
];

pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.id == id)
}

/// What a rule sees: the reconciled dataset and the configuration.
pub struct Context<'a> {
    pub dataset: &'a Dataset,
    pub entities: &'a Entities,
    pub config: &'a Config,
}

impl<'a> Context<'a> {
    pub fn claim(&self, index: usize) -> &'a Claim {
        &self.dataset.claims[index]
    }

    /// Each entity's claims, ordered by the earliest day of their event
    /// (then by id, for determinism).
    pub fn timelines(&self) -> Vec<Vec<usize>> {
        self.entities
            .list
            .iter()
            .map(|e| {
                let mut claims = e.claims.clone();
                claims.sort_by(|&a, &b| {
                    let (ca, cb) = (self.claim(a), self.claim(b));
                    ca.when
                        .earliest
                        .cmp(&cb.when.earliest)
                        .then_with(|| ca.id.cmp(&cb.id))
                });
                claims
            })
            .collect()
    }

    /// A finding of `rule` about the entity of the first claim, at the
    /// severity the evidence allows (see [`grade`]).
    pub fn finding(
        &self,
        rule: &Rule,
        order: Order,
        claims: Vec<usize>,
        message: String,
        reasoning: String,
        favours: Option<usize>,
    ) -> Finding {
        let ids: Vec<&str> = claims.iter().map(|&c| self.claim(c).id.as_str()).collect();
        let weak = claims.iter().any(|&c| self.claim(c).certainty.is_weak());
        Finding {
            rule: rule.id,
            severity: grade(rule.severity, order, weak),
            entity: claims
                .first()
                .map_or(0, |&c| self.entities.entity_of_claim[c]),
            fingerprint: fingerprint(rule.id, &ids),
            claims,
            message,
            reasoning,
            favours,
        }
    }
}

/// Severity follows the evidence: an order that is only possible, or a claim
/// its own source calls doubtful or improbable, lowers it one step each.
pub fn grade(default: Severity, order: Order, weak_claim: bool) -> Severity {
    let mut severity = default;
    if order == Order::Possible {
        severity = severity.lower();
    }
    if weak_claim {
        severity = severity.lower();
    }
    severity
}

/// Runs every enabled rule; configured levels replace the defaults before
/// the evidence grades them. Output is sorted for byte-stable reports.
pub fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings: Vec<Finding> = Vec::new();
    for rule in RULES {
        let level = ctx.config.level(rule);
        let Some(level) = level else { continue };
        for mut finding in (rule.check)(ctx) {
            if level != rule.severity {
                // Re-grade relative to the configured level, keeping the
                // evidence's downgrades.
                let steps = severity_steps(rule.severity, finding.severity);
                let mut severity = level;
                for _ in 0..steps {
                    severity = severity.lower();
                }
                finding.severity = severity;
            }
            findings.push(finding);
        }
    }
    let key = |f: &Finding| {
        let primary = f.claims.first().map(|&c| &ctx.dataset.claims[c]);
        (
            primary.map(|c| c.pos.clone()),
            f.rule,
            f.fingerprint.clone(),
        )
    };
    findings.sort_by_cached_key(key);
    findings.dedup_by(|a, b| a.fingerprint == b.fingerprint);
    findings
}

fn severity_steps(from: Severity, to: Severity) -> usize {
    (from as usize).saturating_sub(to as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_documented_in_the_fixed_sections() {
        for rule in RULES {
            let doc = rule.documentation();
            for section in ["## What it does", "## Why it matters", "## Example"] {
                assert!(doc.contains(section), "{} lacks {section}", rule.id);
            }
            assert!(rule.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'));
        }
    }

    #[test]
    fn evidence_lowers_severity() {
        assert_eq!(
            grade(Severity::Error, Order::Certain, false),
            Severity::Error
        );
        assert_eq!(
            grade(Severity::Error, Order::Possible, false),
            Severity::Warning
        );
        assert_eq!(
            grade(Severity::Error, Order::Possible, true),
            Severity::Info
        );
    }
}
