//! What every rule works with: the [`Rule`] declaration, the [`Context`] a
//! rule reads (the reconciled dataset, per-entity timelines, the user's
//! [`Settings`]), how a finding is built and graded, and the facts several
//! rules share ([`birth`], [`tenure`], [`after_death`], [`wording`]).
//!
//! The rules themselves live in `rules/`, one file each.

pub mod after_death;
pub mod birth;
pub mod tenure;
pub mod wording;

use std::collections::BTreeMap;

use crate::date::{Interval, Order};
use crate::finding::{fingerprint, Finding, Severity};
use crate::model::{Claim, Dataset, Status};
use crate::names::MatchConfig;
use crate::reconcile::Entities;

pub(crate) use wording::{describe, describe_date, explain_order, place_agrees, wording_agrees};

/// A rule: metadata and the pure function that checks the dataset.
pub struct Rule {
    /// The rule's id, as `[rules]`, `explain` and the output name it.
    pub id: &'static str,
    /// The severity its findings have by default.
    pub severity: Severity,
    /// One line saying what it flags.
    pub summary: &'static str,
    /// The doc comment: what it does, why it matters, examples.
    pub doc: &'static str,
    /// The rule itself: a pure function of the context.
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
        pub static $name: $crate::checker::Rule = $crate::checker::Rule {
            id: $id,
            severity: $severity,
            summary: $summary,
            doc: concat!($($doc, "\n"),*),
            check: $check,
        };
    };
}
pub(crate) use declare_rule;

/// What a rule sees: the reconciled dataset and the user's settings.
pub struct Context<'a> {
    /// The claims, sources and entity records.
    pub dataset: &'a Dataset,
    /// Who is who: the reconciled people and their claims.
    pub entities: &'a Entities,
    /// What the user set: levels, unique roles, matching.
    pub settings: &'a Settings,
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
    /// The claim's status.
    pub status: Status,
    /// The claim's `when`: its date, or when undated what bounds it.
    pub when: Interval,
    /// Whether the claim has a `date` of its own.
    pub dated: bool,
    /// Whether the claim states an `age`.
    pub aged: bool,
}

impl Entry {
    /// The entry of claim `index`.
    pub fn of(index: usize, claim: &Claim) -> Entry {
        Entry {
            claim: index,
            status: claim.status,
            when: claim.when,
            dated: claim.date.is_some(),
            aged: claim.age.is_some(),
        }
    }
}

/// Orders one person's entries as a timeline: by the earliest day of their
/// event, then by claim id, for determinism.
pub fn sort_timeline(dataset: &Dataset, timeline: &mut [Entry]) {
    timeline.sort_by(|a, b| {
        a.when
            .earliest
            .cmp(&b.when.earliest)
            .then_with(|| dataset.claims[a.claim].id.cmp(&dataset.claims[b.claim].id))
    });
}

/// Every entity's timeline, one after another in entity order.
pub struct Timelines {
    entries: Vec<Entry>,
    /// Where each entity's timeline starts in `entries`; one more than there
    /// are entities, the last being the end.
    starts: Vec<usize>,
}

impl Timelines {
    /// The number of entities.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Whether there are no entities.
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
    /// The context of a run over `dataset` reconciled into `entities`.
    pub fn new(dataset: &'a Dataset, entities: &'a Entities, settings: &'a Settings) -> Self {
        Context {
            dataset,
            entities,
            settings,
            timelines: std::sync::OnceLock::new(),
        }
    }

    /// Claim `index` of the dataset.
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
                        *entry = Entry::of(c, self.claim(c));
                    }
                    sort_timeline(self.dataset, slot);
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
        let graded = self.grade(rule.severity, order, &claims);
        self.build(rule, graded, claims, message, reasoning, favours)
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
        let graded = grounds
            .iter()
            .map(|(order, rests_on)| self.grade(rule.severity, *order, rests_on))
            .max_by_key(|g| g.severity)
            .unwrap_or_else(|| self.grade(rule.severity, Order::Possible, &[]));
        self.build(rule, graded, claims, message, reasoning, favours)
    }

    /// [`grade`] over the claims a contradiction rests on: the first claim
    /// its own source calls doubtful or improbable names the reason.
    fn grade(&self, default: Severity, order: Order, rests_on: &[usize]) -> Graded {
        let weak = rests_on
            .iter()
            .map(|&c| self.claim(c))
            .find(|c| c.certainty.is_weak())
            .map(|c| format!("`{}` is {}", c.id, c.certainty));
        grade(default, order, weak)
    }

    fn build(
        &self,
        rule: &Rule,
        graded: Graded,
        claims: Vec<usize>,
        message: String,
        reasoning: String,
        favours: Option<usize>,
    ) -> Finding {
        Finding {
            rule: rule.id,
            severity: graded.severity,
            default_severity: rule.severity,
            severity_reason: graded.reason,
            entity: claims
                .first()
                .map_or(0, |&c| self.entities.entity_of_claim[c]),
            fingerprint: self.fingerprint(rule.id, &claims),
            subject: claims.clone(),
            claims,
            message,
            reasoning,
            favours,
            settled_by: Vec::new(),
        }
    }

    /// Narrows `finding` to the claims that make its contradiction (some of
    /// its claims); the others only support it, and adding or removing one
    /// keeps its fingerprint.
    pub fn narrow(&self, finding: &mut Finding, subject: Vec<usize>) {
        debug_assert!(subject.iter().all(|c| finding.claims.contains(c)));
        if subject.is_empty() {
            return;
        }
        finding.fingerprint = self.fingerprint(finding.rule, &subject);
        finding.subject = subject;
    }

    /// The claim that stands for `claims` (several reports of one thing) in
    /// a finding's subject: the first reported (then the earliest dated,
    /// then by id), so a later relay of the same report keeps the finding's
    /// identity.
    pub fn representative(&self, claims: &[usize]) -> Option<usize> {
        claims.iter().copied().min_by(|&a, &b| {
            let (a, b) = (self.claim(a), self.claim(b));
            let reported = |c: &Claim| c.report.map_or(i64::MAX, |r| i64::from(r.earliest));
            reported(a)
                .cmp(&reported(b))
                .then(a.when.earliest.cmp(&b.when.earliest))
                .then_with(|| a.id.cmp(&b.id))
        })
    }

    /// One claim per independent origin among `claims` (reports of one
    /// event), each the [`representative`](Self::representative) of the
    /// reports that share its origins, sorted: the side of a contradiction
    /// as a finding's subject names it, so that another outlet relaying the
    /// same report keeps the finding's identity while a report from a new
    /// origin changes it. A claim whose origin cannot be traced stands alone.
    pub fn one_per_origin(&self, claims: &[usize]) -> Vec<usize> {
        let mut by_origin: BTreeMap<Vec<String>, Vec<usize>> = BTreeMap::new();
        for &c in claims {
            let mut key: Vec<String> = crate::provenance::origins(self.dataset, self.claim(c))
                .into_iter()
                .map(|o| format!("{:?}:{}", o.kind, o.key))
                .collect();
            if key.is_empty() {
                key.push(format!("claim:{}", self.claim(c).id));
            }
            by_origin.entry(key).or_default().push(c);
        }
        let mut subject: Vec<usize> = by_origin
            .values()
            .filter_map(|reports| self.representative(reports))
            .collect();
        subject.sort_unstable();
        subject
    }

    fn fingerprint(&self, rule: &str, claims: &[usize]) -> String {
        let ids: Vec<&str> = claims.iter().map(|&c| self.claim(c).id.as_str()).collect();
        fingerprint(rule, &ids)
    }
}

/// A severity and, when it is below the rule's level, why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Graded {
    /// The severity the evidence allows.
    pub severity: Severity,
    /// Why it is lower than the rule's level, in words.
    pub reason: Option<String>,
}

/// Severity follows the evidence: an order that is only possible, or a claim
/// its own source calls doubtful or improbable (`weak`, saying which), lowers
/// it one step each. The reason says what lowered it.
pub fn grade(default: Severity, order: Order, weak: Option<String>) -> Graded {
    let mut severity = default;
    let mut why = Vec::new();
    if order == Order::Possible {
        severity = severity.lower();
        why.push("the dates allow but do not prove the order".to_string());
    }
    if let Some(weak) = weak {
        severity = severity.lower();
        why.push(weak);
    }
    let reason = (severity < default).then(|| why.join(", and "));
    Graded { severity, reason }
}

/// A role that one person holds at a time (for `role-overlap`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UniqueRole {
    /// The role, as claims word it (`caliph`); compared ignoring case.
    pub role: String,
    /// The organisation it is held in (`Islamic State`).
    pub org: String,
}

/// What the user told the analysis: levels that replace a rule's default,
/// the roles one person holds at a time, and how names are matched.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// Rule id to its level; `None` turns the rule off. Rules not named run
    /// at their default severity.
    pub levels: BTreeMap<String, Option<Severity>>,
    /// Roles declared unique (`role-overlap`).
    pub unique_roles: Vec<UniqueRole>,
    /// How names are matched: reconciliation merges by it, and
    /// `ambiguous-alias` words its message by its threshold and review band.
    pub matching: MatchConfig,
}

impl Settings {
    /// The effective severity of a rule, `None` when it is off.
    pub fn level(&self, rule: &Rule) -> Option<Severity> {
        match self.levels.get(rule.id) {
            None => Some(rule.severity),
            Some(level) => *level,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_lowers_severity() {
        let of = |order, weak: Option<&str>| grade(Severity::Error, order, weak.map(String::from));
        assert_eq!(of(Order::Certain, None).severity, Severity::Error);
        assert_eq!(of(Order::Certain, None).reason, None);
        assert_eq!(of(Order::Possible, None).severity, Severity::Warning);
        let both = of(Order::Possible, Some("`x` is doubtful"));
        assert_eq!(both.severity, Severity::Info);
        assert_eq!(
            both.reason.as_deref(),
            Some("the dates allow but do not prove the order, and `x` is doubtful")
        );
        // Info cannot be lowered, so nothing lowered it.
        assert_eq!(grade(Severity::Info, Order::Possible, None).reason, None);
    }
}
