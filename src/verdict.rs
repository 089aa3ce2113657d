//! Verdicts: for each person, the status the evidence best supports as of a
//! date, the claims it rests on and the claims it rejects, each with a reason.
//! Track records: for each source and originator, how many of its claims the
//! verdicts rejected or relied on.
//!
//! The weighing is the one the rules use ([`evidence::favour`]), so the claim
//! a finding `favours` is the claim the verdict keeps.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::checker::after_death::Rejections;
use crate::checker::{sort_timeline, Entry};
use crate::date::{format_day, Day, Interval, Order, DUSK};
use crate::evidence::strength;
use crate::model::{Claim, Dataset, Status};
use crate::reconcile::Entities;

/// What the evidence says about a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// Killed or otherwise dead.
    Dead,
    /// Alive and free, as far as the last proof of life or activity shows.
    Alive,
    /// Held: captured, arrested or in prison, with no release after.
    InCustody,
    /// Nothing on record decides it.
    Unknown,
}

impl State {
    /// The state in words, as the output writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Dead => "dead",
            State::Alive => "alive",
            State::InCustody => "in custody",
            State::Unknown => "unknown",
        }
    }
}

/// A claim the verdict relies on or rejects, and why.
#[derive(Clone, Debug, Serialize)]
pub struct Judged {
    #[serde(skip)]
    /// Index of the claim in the dataset.
    pub claim: usize,
    /// The claim id.
    pub id: String,
    /// Why the verdict relies on or rejects it.
    pub reason: String,
}

#[derive(Clone, Debug, Serialize)]
/// What the evidence says about one person as of a day.
pub struct Verdict {
    #[serde(skip)]
    /// Index of the entity.
    pub entity: usize,
    /// The day the verdict speaks for.
    pub as_of: String,
    /// Dead, alive, in custody or unknown.
    pub state: State,
    /// Since when (the death, the capture) or, for `alive`, the last proof of life.
    pub since: Option<String>,
    /// The verdict in one sentence.
    pub summary: String,
    /// The claims it rests on, sorted by id.
    pub rests_on: Vec<Judged>,
    /// The claims it rejects, sorted by id.
    pub rejects: Vec<Judged>,
}

/// The latest day any claim of the entity speaks of: its reports, or its
/// bounded event dates. The default `as_of`.
pub fn latest_evidence(dataset: &Dataset, claims: &[usize]) -> Option<Day> {
    claims
        .iter()
        .filter_map(|&c| {
            let claim = &dataset.claims[c];
            let event = (!claim.when.is_open()).then_some(claim.when.latest);
            let report = claim.report.map(|r| r.latest);
            event.max(report)
        })
        .max()
}

/// The verdict on one entity as of `as_of` (default: its latest evidence).
///
/// Death reports are weighed first: one stands unless a later sign of life
/// or an explicit refutation outweighs it. The strongest standing death
/// decides; without one, the last capture not followed by a release; without
/// that, the last sign of life.
pub fn verdict(
    dataset: &Dataset,
    entities: &Entities,
    entity: usize,
    as_of: Option<Day>,
) -> Verdict {
    let all = &entities.list[entity].claims;
    let as_of = as_of
        .or_else(|| latest_evidence(dataset, all))
        .unwrap_or(DUSK);
    // Only what may have happened by then counts.
    let claims: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&c| dataset.claims[c].when.earliest <= as_of)
        .collect();
    // A claim rejected in review no longer counts; the verdict lists it.
    let (reviewed_out, claims): (Vec<usize>, Vec<usize>) = claims
        .into_iter()
        .partition(|&c| dataset.rejection(c).is_some());
    let mut weighing = Weighing::new(dataset, claims);
    for c in reviewed_out {
        let reason = format!(
            "rejected in review ({})",
            dataset.rejection(c).unwrap_or("")
        );
        weighing.rejects.push(weighing.judged(c, reason));
    }
    let accepted = weighing.weigh_deaths();
    let strongest = accepted.iter().copied().max_by(|&a, &b| {
        strength(dataset, &dataset.claims[a])
            .score
            .total_cmp(&strength(dataset, &dataset.claims[b]).score)
            .then_with(|| dataset.claims[b].id.cmp(&dataset.claims[a].id))
    });
    let (state, since, summary) = if let Some(death) = strongest {
        weighing.dead(death, &accepted)
    } else if let Some(capture) = in_custody(dataset, &weighing.claims) {
        weighing.in_custody(capture)
    } else if let Some(last) = last_sign_of_life(dataset, &weighing.lives) {
        weighing.alive(last)
    } else {
        let summary = "unknown: no accepted death, custody or proof of life on record";
        (State::Unknown, None, summary.into())
    };
    let Weighing {
        mut rests_on,
        mut rejects,
        ..
    } = weighing;
    rests_on.sort_by(|a, b| a.id.cmp(&b.id));
    rejects.sort_by(|a, b| a.id.cmp(&b.id));
    Verdict {
        entity,
        as_of: format_day(as_of.min(DUSK)),
        state,
        since: since.map(|s: Interval| s.describe()),
        summary,
        rests_on,
        rejects,
    }
}

/// A verdict's state, since when, and its summary.
type Outcome = (State, Option<Interval>, String);

/// One entity's claims being weighed: what the verdict rests on and what it
/// rejects, as the phases of [`verdict`] decide them.
struct Weighing<'a> {
    dataset: &'a Dataset,
    /// The claims that may have happened by the verdict's day.
    claims: Vec<usize>,
    /// Traces of a living man: signs of life, captures, releases, escapes,
    /// injuries.
    lives: Vec<usize>,
    rests_on: Vec<Judged>,
    rejects: Vec<Judged>,
}

impl<'a> Weighing<'a> {
    fn new(dataset: &'a Dataset, claims: Vec<usize>) -> Self {
        let of = |status: fn(Status) -> bool| -> Vec<usize> {
            claims
                .iter()
                .copied()
                .filter(|&c| status(dataset.claims[c].status))
                .collect()
        };
        let lives = of(|s| {
            s.is_sign_of_life()
                || matches!(
                    s,
                    Status::Captured | Status::Released | Status::Escaped | Status::Injured
                )
        });
        Weighing {
            dataset,
            claims,
            lives,
            rests_on: Vec::new(),
            rejects: Vec::new(),
        }
    }

    fn judged(&self, claim: usize, reason: String) -> Judged {
        Judged {
            claim,
            id: self.dataset.claims[claim].id.clone(),
            reason,
        }
    }

    /// A death report stands unless a later sign of life or an explicit
    /// refutation outweighs it, as the rules weigh it ([`Rejections`]):
    /// rejects those outweighed, returns the rest.
    fn weigh_deaths(&mut self) -> Vec<usize> {
        let dataset = self.dataset;
        let mut timeline: Vec<Entry> = (self.claims.iter())
            .map(|&c| Entry::of(c, &dataset.claims[c]))
            .collect();
        sort_timeline(dataset, &mut timeline);
        let rejections = Rejections::new(dataset, &timeline);
        let mut accepted: Vec<usize> = Vec::new();
        for (pos, entry) in timeline.iter().enumerate() {
            if !entry.status.is_death() {
                continue;
            }
            match rejections.rejected(dataset, pos) {
                Some(rejected) => {
                    let o = &dataset.claims[rejected.by];
                    let reason = format!(
                        "contradicted by `{}` ({} {}): {}",
                        o.id,
                        o.status,
                        o.date_text(),
                        rejected.why(dataset)
                    );
                    self.rejects.push(self.judged(entry.claim, reason));
                }
                None => accepted.push(entry.claim),
            }
        }
        accepted
    }

    /// Dead, on the evidence of the strongest standing death `death`; the
    /// other standing deaths agree with it or are rejected, as are signs of
    /// life after it.
    fn dead(&mut self, death: usize, accepted: &[usize]) -> Outcome {
        let dataset = self.dataset;
        let d = &dataset.claims[death];
        let mut corroborating = 0;
        for &other in accepted {
            let o = &dataset.claims[other];
            if other == death {
                let reasons = strength(dataset, o).reasons.join(", ");
                let reason = format!("the strongest death claim ({reasons})");
                self.rests_on.push(self.judged(other, reason));
            } else if o.when.overlaps(&d.when) {
                corroborating += 1;
                let reason = format!("agrees with `{}` on the death ({})", d.id, o.date_text());
                self.rests_on.push(self.judged(other, reason));
            } else {
                let reason = format!(
                    "a death on another date ({}); `{}` weighs more",
                    o.date_text(),
                    d.id
                );
                self.rejects.push(self.judged(other, reason));
            }
        }
        for &life in &self.lives {
            if d.when.before(&dataset.claims[life].when) == Order::Certain {
                let reason = format!(
                    "dated after the death `{}`, which the evidence favours",
                    d.id
                );
                self.rejects.push(self.judged(life, reason));
            }
        }
        // Corroboration counts independent origins, not articles.
        let resting = self.rests_on.iter().map(|j| &dataset.claims[j.claim]);
        let origins = crate::provenance::distinct_origins(dataset, resting);
        let corroboration = match (corroborating, origins.len()) {
            (0, _) => String::new(),
            (n, 1) => format!(
                ", {n} more report(s) agree, all from one origin: {}",
                origins[0]
            ),
            (n, m) => format!(", {n} more report(s) agree, from {m} independent origins"),
        };
        let place = d
            .place
            .as_deref()
            .map(|p| format!(", {p}"))
            .unwrap_or_default();
        let summary = format!(
            "dead {} ({}{place}{corroboration}), on the evidence of `{}`",
            when_text(d),
            d.status,
            d.id
        );
        (State::Dead, Some(d.when), summary)
    }

    /// In custody since `capture`.
    fn in_custody(&mut self, capture: usize) -> Outcome {
        let c = &self.dataset.claims[capture];
        let reason = "the last capture, with no release or escape after it";
        self.rests_on.push(self.judged(capture, reason.into()));
        let summary = format!("in custody {}, on the evidence of `{}`", when_text(c), c.id);
        (State::InCustody, Some(c.when), summary)
    }

    /// Alive or at large, as of the last sign of life `last`.
    fn alive(&mut self, last: usize) -> Outcome {
        let l = &self.dataset.claims[last];
        let what = if l.status == Status::Alive {
            "proof of life"
        } else {
            "sign of activity"
        };
        self.rests_on
            .push(self.judged(last, format!("the last {what} on record")));
        let when = match &l.date {
            Some(date) => date.text.clone(),
            None => when_text(l),
        };
        let summary = format!("alive or at large: last {} {when} (`{}`)", l.status, l.id);
        (State::Alive, Some(l.when), summary)
    }
}

/// "since 2017-06", or for an undated claim "by 2025-03 (undated, reported then)".
fn when_text(claim: &Claim) -> String {
    match (&claim.date, claim.report) {
        (Some(date), _) => format!("since {date}"),
        (None, Some(report)) => format!("by {} (undated; reported then)", report.describe()),
        (None, None) => "at an unknown date".into(),
    }
}

/// The last capture with no release or escape certainly after it.
fn in_custody(dataset: &Dataset, claims: &[usize]) -> Option<usize> {
    let last_capture = claims
        .iter()
        .copied()
        .filter(|&c| dataset.claims[c].status == Status::Captured)
        .max_by_key(|&c| {
            (
                dataset.claims[c].when.earliest,
                dataset.claims[c].id.clone(),
            )
        })?;
    let capture = &dataset.claims[last_capture].when;
    let freed = claims.iter().any(|&c| {
        let claim = &dataset.claims[c];
        matches!(claim.status, Status::Released | Status::Escaped)
            && capture.before(&claim.when) != Order::Impossible
    });
    (!freed).then_some(last_capture)
}

/// The latest proof of life or activity, by the latest day it can speak of.
fn last_sign_of_life(dataset: &Dataset, lives: &[usize]) -> Option<usize> {
    lives
        .iter()
        .copied()
        .filter(|&c| dataset.claims[c].status.is_sign_of_life())
        .max_by_key(|&c| {
            let claim = &dataset.claims[c];
            let bounded = if claim.when.is_open() {
                claim.report.map_or(claim.when.earliest, |r| r.latest)
            } else {
                claim.when.latest
            };
            (bounded, claim.status == Status::Alive, claim.id.clone())
        })
}

/// Verdicts for every entity, in entity order.
pub fn verdicts(dataset: &Dataset, entities: &Entities, as_of: Option<Day>) -> Vec<Verdict> {
    (0..entities.list.len())
        .map(|e| verdict(dataset, entities, e, as_of))
        .collect()
}

/// How often a source or originator has been right.
#[derive(Clone, Debug, Default, Serialize)]
pub struct TrackRecord {
    /// `source` or `according_to`.
    pub kind: &'static str,
    /// The source's id or the originator's name.
    pub name: String,
    /// The source's title, else its publisher (sources only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The source's Admiralty grade (sources only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
    /// How many claims it made.
    pub claims: usize,
    /// Claims the verdicts reject on stronger evidence.
    pub contradicted: usize,
    /// Claims the verdicts rest on.
    pub confirmed: usize,
    /// Ids of the contradicted claims, sorted.
    pub contradicted_claims: Vec<String>,
}

/// Track records of every source and every originator, worst first.
pub fn track_records(dataset: &Dataset, verdicts: &[Verdict]) -> Vec<TrackRecord> {
    let mut outcome: Vec<Option<bool>> = vec![None; dataset.claims.len()];
    for v in verdicts {
        for j in &v.rests_on {
            outcome[j.claim] = Some(true);
        }
        for j in &v.rejects {
            outcome[j.claim] = Some(false);
        }
    }
    let mut records: BTreeMap<(&'static str, String), TrackRecord> = BTreeMap::new();
    for (index, claim) in dataset.claims.iter().enumerate() {
        let keys = track_keys(dataset, claim);
        for (kind, name) in keys {
            let record = records
                .entry((kind, name.clone()))
                .or_insert_with(|| TrackRecord {
                    kind,
                    name,
                    ..TrackRecord::default()
                });
            record.claims += 1;
            if kind == "source" && record.title.is_none() {
                if let Some(source) = dataset.source_of(claim) {
                    record.title = source.title.clone().or_else(|| source.publisher.clone());
                    record.grade = source.reliability.map(|g| g.to_string());
                }
            }
            match outcome[index] {
                Some(true) => record.confirmed += 1,
                Some(false) => {
                    record.contradicted += 1;
                    record.contradicted_claims.push(claim.id.clone());
                }
                None => {}
            }
        }
    }
    let mut list: Vec<TrackRecord> = records.into_values().collect();
    for r in &mut list {
        r.contradicted_claims.sort();
    }
    list.sort_by(|a, b| {
        let share = |r: &TrackRecord| r.contradicted as f64 / r.claims.max(1) as f64;
        b.contradicted
            .cmp(&a.contradicted)
            .then_with(|| share(b).total_cmp(&share(a)))
            .then_with(|| a.kind.cmp(b.kind))
            .then_with(|| a.name.cmp(&b.name))
    });
    list
}

fn track_keys(dataset: &Dataset, claim: &Claim) -> Vec<(&'static str, String)> {
    let mut keys = Vec::with_capacity(2);
    if let Some(source) = dataset.source_of(claim) {
        keys.push(("source", source.id.clone()));
    }
    if let Some(origin) = &claim.according_to {
        keys.push(("according_to", origin.trim().to_string()));
    }
    keys
}
