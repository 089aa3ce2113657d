//! The rule catalogue: one file per rule, and the registry that runs them.
//! Each rule's doc comment is its user documentation (`claimlint explain
//! ID`), and its id, default severity and summary are declared once, with
//! [`declare_rule!`](crate::checker), next to it. What rules share (the
//! context, timelines, finding builders, births, tenures) is in
//! [`checker`](crate::checker).

use crate::checker::{Context, Rule};
use crate::finding::{Finding, Severity};

mod active_while_detained;
mod age_mismatch;
mod alive_after_death;
mod ambiguous_alias;
mod custody_after_death;
mod custody_order;
mod death_attribution_conflict;
mod event_after_report;
mod event_before_birth;
mod lifespan;
mod listed_after_death;
mod multiple_deaths;
mod refuted_claim;
mod role_after_death;
mod role_overlap;
mod single_origin_corroboration;
mod unsourced_claim;

/// Every rule, in catalogue order (the order of SPEC §3).
pub static RULES: &[&Rule] = &[
    &alive_after_death::RULE,
    &multiple_deaths::RULE,
    &death_attribution_conflict::RULE,
    &custody_after_death::RULE,
    &role_after_death::RULE,
    &listed_after_death::RULE,
    &role_overlap::RULE,
    &event_before_birth::RULE,
    &age_mismatch::RULE,
    &event_after_report::RULE,
    &refuted_claim::RULE,
    &single_origin_corroboration::RULE,
    &unsourced_claim::RULE,
    &ambiguous_alias::RULE,
    &custody_order::RULE,
    &active_while_detained::RULE,
    &lifespan::RULE,
];

/// The rule with id `id`.
pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.id == id)
}
/// Runs every enabled rule; configured levels replace the defaults before
/// the evidence grades them. Output is sorted for byte-stable reports.
pub fn run(ctx: &Context) -> Vec<Finding> {
    run_timed(ctx).0
}

/// [`run`], also returning how long each rule took (for `--verbose`). The
/// rules run in parallel; their findings are collected in catalogue order,
/// so the result does not depend on scheduling.
pub fn run_timed(ctx: &Context) -> (Vec<Finding>, Vec<(&'static str, std::time::Duration)>) {
    use rayon::prelude::*;
    // Shared by most rules: build it before they start, not inside one.
    let _ = ctx.timelines();
    let results: Vec<(Vec<Finding>, std::time::Duration)> = RULES
        .par_iter()
        .map(|rule| {
            let started = std::time::Instant::now();
            let found = match ctx.settings.level(rule) {
                Some(_) => (rule.check)(ctx),
                None => Vec::new(),
            };
            (found, started.elapsed())
        })
        .collect();
    let timings = RULES
        .iter()
        .zip(&results)
        .map(|(r, (_, t))| (r.id, *t))
        .collect();
    let mut findings: Vec<Finding> = Vec::new();
    for (rule, (found, _)) in RULES.iter().zip(results) {
        let level = ctx.settings.level(rule);
        let Some(level) = level else { continue };
        for mut finding in found {
            if level != rule.severity {
                // Re-grade relative to the configured level, keeping the
                // evidence's downgrades.
                let steps = severity_steps(rule.severity, finding.severity);
                let mut severity = level;
                for _ in 0..steps {
                    severity = severity.lower();
                }
                finding.severity = severity;
                finding.default_severity = level;
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
    (findings, timings)
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
}
