//! The rule catalogue. Each rule lives in its own file; its doc comment is
//! its user documentation (`claimlint explain ID`), and its id, default
//! severity and summary are declared once, with [`declare_rule!`], next to it.

use crate::config::Config;
use crate::date::{format_day, Interval, Order, DAWN, DUSK};
use crate::finding::{fingerprint, Finding, Severity};
use crate::model::{Claim, Dataset, Status};
use crate::reconcile::Entities;

mod active_while_detained;
mod after_death;
mod age_mismatch;
mod alive_after_death;
mod ambiguous_alias;
mod birth;
mod custody_after_death;
mod custody_order;
mod death_attribution_conflict;
mod event_after_report;
mod event_before_birth;
pub mod evidence;
mod lifespan;
mod multiple_deaths;
mod refuted_claim;
mod role_after_death;
mod role_overlap;
mod single_origin_corroboration;
mod tenure;
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

/// Every rule, in catalogue order (the order of SPEC §3).
pub static RULES: &[&Rule] = &[
    &alive_after_death::RULE,
    &multiple_deaths::RULE,
    &death_attribution_conflict::RULE,
    &custody_after_death::RULE,
    &role_after_death::RULE,
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

pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.id == id)
}

/// What a rule sees: the reconciled dataset and the configuration.
pub struct Context<'a> {
    pub dataset: &'a Dataset,
    pub entities: &'a Entities,
    pub config: &'a Config,
    timelines: std::sync::OnceLock<Timelines>,
}

/// A claim as it stands in its entity's timeline: what the rules filter on
/// (status, date), copied out of the claim. Most rules pass over every
/// timeline and look at few claims in full; reading these from one compact
/// array instead of a million scattered 400-byte claims is what makes a
/// pass cheap.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    /// Index of the claim in the dataset.
    pub claim: usize,
    pub status: Status,
    /// The claim's `when`: its date, or when undated what bounds it.
    pub when: Interval,
    /// Whether the claim has a `date` of its own.
    pub dated: bool,
    /// Whether the claim states an `age`.
    pub aged: bool,
}

/// Every entity's timeline, one after another in entity order.
pub struct Timelines {
    entries: Vec<Entry>,
    /// Where each entity's timeline starts in `entries`; one more than there
    /// are entities, the last being the end.
    starts: Vec<usize>,
}

impl Timelines {
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The timeline of entity `entity`.
    pub fn get(&self, entity: usize) -> &[Entry] {
        &self.entries[self.starts[entity]..self.starts[entity + 1]]
    }

    /// Each entity's timeline, in entity order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &[Entry]> + '_ {
        (0..self.len()).map(|e| self.get(e))
    }
}

impl<'a> Context<'a> {
    pub fn new(dataset: &'a Dataset, entities: &'a Entities, config: &'a Config) -> Self {
        Context {
            dataset,
            entities,
            config,
            timelines: std::sync::OnceLock::new(),
        }
    }

    pub fn claim(&self, index: usize) -> &'a Claim {
        &self.dataset.claims[index]
    }

    /// The display name of the entity a claim belongs to.
    pub fn name_of(&self, claim: usize) -> &'a str {
        &self.entities.list[self.entities.entity_of_claim[claim]].name
    }

    /// Each entity's claims, ordered by the earliest day of their event
    /// (then by id, for determinism).
    /// Computed once per run and shared by every rule.
    pub fn timelines(&self) -> &Timelines {
        self.timelines.get_or_init(|| {
            use rayon::prelude::*;
            let list = &self.entities.list;
            let mut starts = Vec::with_capacity(list.len() + 1);
            starts.push(0);
            for entity in list {
                starts.push(starts[starts.len() - 1] + entity.claims.len());
            }
            let blank = Entry {
                claim: 0,
                status: Status::Killed,
                when: Interval::UNKNOWN,
                dated: false,
                aged: false,
            };
            let mut entries = vec![blank; starts[list.len()]];
            // One slice of `entries` per entity, filled and sorted in parallel.
            let mut slots: Vec<&mut [Entry]> = Vec::with_capacity(list.len());
            let mut rest = entries.as_mut_slice();
            for entity in list {
                let (slot, tail) = std::mem::take(&mut rest).split_at_mut(entity.claims.len());
                slots.push(slot);
                rest = tail;
            }
            slots
                .into_par_iter()
                .zip(list.par_iter())
                .with_min_len(64)
                .for_each(|(slot, entity)| {
                    for (entry, &c) in slot.iter_mut().zip(&entity.claims) {
                        let claim = self.claim(c);
                        *entry = Entry {
                            claim: c,
                            status: claim.status,
                            when: claim.when,
                            dated: claim.date.is_some(),
                            aged: claim.age.is_some(),
                        };
                    }
                    slot.sort_by(|a, b| {
                        a.when
                            .earliest
                            .cmp(&b.when.earliest)
                            .then_with(|| self.claim(a.claim).id.cmp(&self.claim(b.claim).id))
                    });
                });
            Timelines { entries, starts }
        })
    }

    /// Runs `check` on every entity's timeline, in parallel, and returns
    /// the findings in entity order, as a sequential pass would.
    pub fn per_entity<F>(&self, check: F) -> Vec<Finding>
    where
        F: Fn(usize, &[Entry], &mut Vec<Finding>) + Sync,
    {
        use rayon::prelude::*;
        let timelines = self.timelines();
        let found: Vec<Vec<Finding>> = (0..timelines.len())
            .into_par_iter()
            .with_min_len(256)
            .map(|entity| {
                let mut findings = Vec::new();
                check(entity, timelines.get(entity), &mut findings);
                findings
            })
            .collect();
        found.into_iter().flatten().collect()
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
        let weak = claims.iter().any(|&c| self.claim(c).certainty.is_weak());
        let severity = grade(rule.severity, order, weak);
        self.build(rule, severity, claims, message, reasoning, favours)
    }

    /// A finding that groups several contradictions (one death and every
    /// sign of life after it), graded by the best-founded of them: each
    /// ground is an order and the claims it rests on. A doubtful report
    /// among five solid ones does not lower the whole finding.
    pub fn grouped_finding(
        &self,
        rule: &Rule,
        grounds: &[(Order, Vec<usize>)],
        claims: Vec<usize>,
        message: String,
        reasoning: String,
        favours: Option<usize>,
    ) -> Finding {
        let severity = grounds
            .iter()
            .map(|(order, rests_on)| {
                let weak = rests_on.iter().any(|&c| self.claim(c).certainty.is_weak());
                grade(rule.severity, *order, weak)
            })
            .max()
            .unwrap_or_else(|| grade(rule.severity, Order::Possible, false));
        self.build(rule, severity, claims, message, reasoning, favours)
    }

    fn build(
        &self,
        rule: &Rule,
        severity: Severity,
        claims: Vec<usize>,
        message: String,
        reasoning: String,
        favours: Option<usize>,
    ) -> Finding {
        let ids: Vec<&str> = claims.iter().map(|&c| self.claim(c).id.as_str()).collect();
        Finding {
            rule: rule.id,
            severity,
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
            let found = match ctx.config.level(rule) {
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
        let level = ctx.config.level(rule);
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

/// A claim's status and date for messages and reasoning: `killed 2014-08
/// (2014-08-01..2014-08-31)`; the days are left out when the date already
/// says them, and an undated claim says what bounds it.
pub(crate) fn describe(claim: &Claim) -> String {
    describe_date(claim.status.as_str(), claim, &claim.when)
}

/// Like [`describe`], for a part of the claim's date (a role's start).
pub(crate) fn describe_date(label: &str, claim: &Claim, interval: &Interval) -> String {
    match &claim.date {
        None => format!("{label} undated ({interval}, no later than its report)"),
        Some(date) if date.text == interval.describe() => format!("{label} {}", date.text),
        Some(date) => format!("{label} {} ({interval})", date.text),
    }
}

/// Why `first` is ordered before `second` as `order` says, in words:
/// "certainly before", or "possibly before" with what leaves it open.
pub(crate) fn explain_order(
    first: &str,
    first_when: &Interval,
    second: &str,
    second_when: &Interval,
    order: Order,
) -> String {
    match order {
        Order::Certain => format!("{first} is certainly before {second}"),
        Order::Impossible => format!("{first} is not before {second}"),
        Order::Possible => {
            let why = if first_when.uncertain || second_when.uncertain {
                "a date marked uncertain (`?`) allows either order".to_string()
            } else if second_when.earliest <= DAWN {
                format!(
                    "the later date is open-ended up to {}",
                    format_day(second_when.latest)
                )
            } else if first_when.latest >= DUSK {
                "the earlier date has no end".to_string()
            } else {
                format!(
                    "the later date runs to {}, past the earlier one's last day {}, but the two may also overlap",
                    format_day(second_when.latest),
                    format_day(first_when.latest)
                )
            };
            format!("{first} is possibly before {second}: {why}")
        }
    }
}

/// Whether two free-text places or agents name the same thing: equal
/// ignoring case, punctuation and a leading "the", or one's words all
/// among the other's ("Raqqa" and "Raqqa, Syria"; "coalition" and
/// "US-led coalition").
pub(crate) fn wording_agrees(a: &str, b: &str) -> bool {
    let words = |text: &str| -> Vec<String> {
        let mut words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        if words.first().is_some_and(|w| w == "the") {
            words.remove(0);
        }
        words
    };
    let (wa, wb) = (words(a), words(b));
    if wa.is_empty() || wb.is_empty() {
        return true;
    }
    wa.iter().all(|w| wb.contains(w)) || wb.iter().all(|w| wa.contains(w))
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
    fn wording_agrees_on_containment_not_substrings() {
        assert!(wording_agrees("Raqqa", "raqqa, Syria"));
        assert!(wording_agrees("the Coalition", "US-led coalition"));
        assert!(!wording_agrees("Peshmerga", "US-led coalition"));
        // Word-level: "us" is not a word of "Russian air force".
        assert!(!wording_agrees("US", "Russian air force"));
        assert!(!wording_agrees("Kirkuk", "Raqqa"));
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
