//! What the rules about deaths share.
//!
//! - [`death_events`]: a person's death reports grouped into the deaths
//!   they describe. Reports whose dates can overlap describe one death
//!   (events, not reports); `multiple-deaths` needs deaths certainly apart,
//!   `death-attribution-conflict` looks inside one death.
//! - [`find`]: every event of a kind (signs of life, custody, roles) after
//!   each death, one finding per death: its reports, the strongest events
//!   after it, and a count of the rest. The selection is a sweep over the
//!   person's claims, so ten thousand claims about one person give findings
//!   proportional to the deaths, not to the pairs of claims.
//! - [`Rejections`]: which deaths the evidence already rejects, a later sign
//!   of life outweighing them (the weighing of [`evidence::favour`], as the
//!   verdicts weigh), so that findings resting only on such a death stay at
//!   `info` and the primary contradiction carries them as context.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use rustc_hash::FxHashMap as HashMap;

use crate::checker::{Context, Entry, Rule};
use crate::date::{Day, Interval, Order, DAWN, DUSK};
use crate::evidence;
use crate::finding::{Finding, Severity};
use crate::model::Dataset;

/// How many events after one death a finding lists; the rest are counted.
pub(crate) const LISTED: usize = 5;

/// How an event is ordered after a death.
///
/// Certain when every day of the death precedes every day of the event.
/// Possible when some reading puts the event after the death's *last* day:
/// the event may run later (`2017` against a death in June 2017), or be
/// open-ended (a video released `../2015-05`; an undated claim, which
/// happened at an unknown time up to its report), or a date is marked
/// uncertain. An event that lies inside the death's own interval (alive on
/// 2014-08-20, killed in 2014-08) is ordinary imprecision and is not
/// flagged: reading it as "before" is always as good.
pub(crate) fn order(death: &Interval, event: &Interval) -> Order {
    if death.certainly_before(event) {
        Order::Certain
    } else if event.latest > death.latest {
        Order::Possible
    } else {
        Order::Impossible
    }
}

/// One death as the reports describe it: reports that can all be the same
/// event, as positions in the timeline (ascending).
#[derive(Clone, Debug)]
pub(crate) struct DeathEvent {
    /// The reports, as positions in the timeline, in timeline order.
    pub reports: Vec<usize>,
    /// The report, not marked uncertain, whose date ends first.
    pub ends_first: Option<usize>,
    /// The report, not marked uncertain, whose date starts last.
    pub starts_last: Option<usize>,
}

impl DeathEvent {
    fn open(first: usize) -> Self {
        DeathEvent {
            reports: vec![first],
            ends_first: None,
            starts_last: None,
        }
    }

    /// Adds report `pos`, keeping the bounds of its firm dates.
    fn add(&mut self, timeline: &[Entry], pos: usize) {
        if self.reports.last() != Some(&pos) {
            self.reports.push(pos);
        }
        let when = timeline[pos].when;
        if when.uncertain {
            return;
        }
        if self
            .ends_first
            .is_none_or(|p| when.latest < timeline[p].when.latest)
        {
            self.ends_first = Some(pos);
        }
        if self
            .starts_last
            .is_none_or(|p| when.earliest > timeline[p].when.earliest)
        {
            self.starts_last = Some(pos);
        }
    }

    /// The last day of the firm report that ends first.
    fn first_end(&self, timeline: &[Entry]) -> Day {
        self.ends_first.map_or(DUSK, |p| timeline[p].when.latest)
    }

    /// The first day of the firm report that starts last.
    fn last_start(&self, timeline: &[Entry]) -> Day {
        self.starts_last.map_or(DAWN, |p| timeline[p].when.earliest)
    }
}

/// The deaths a person's death reports describe, in date order.
///
/// Dated reports are taken in timeline order (by their first day): a report
/// joins the current death when no report of it is certainly apart from it,
/// else it starts the next death. Every two reports of one death can
/// overlap; consecutive deaths are certainly apart.
///
/// An undated report is of a death at an unknown time up to its report
/// date: it joins the latest death it can be (every report of that death
/// starting no later than its report date), as news of a death is news of
/// the latest one. One reported before every dated death is certainly
/// apart from them all, a death of its own, first.
pub(crate) fn death_events(timeline: &[Entry]) -> Vec<DeathEvent> {
    let mut deaths: Vec<DeathEvent> = Vec::new();
    let mut undated = Vec::new();
    for (pos, entry) in timeline.iter().enumerate() {
        if !entry.status.is_death() {
            continue;
        }
        if !entry.dated {
            undated.push(pos);
            continue;
        }
        let joins = match deaths.last() {
            Some(death) => entry.when.uncertain || entry.when.earliest <= death.first_end(timeline),
            None => false,
        };
        match deaths.last_mut() {
            Some(death) if joins => death.add(timeline, pos),
            _ => {
                let mut death = DeathEvent::open(pos);
                death.add(timeline, pos);
                deaths.push(death);
            }
        }
    }
    let mut before_all: Option<DeathEvent> = None;
    for pos in undated {
        let reported = timeline[pos].when.latest;
        // Deaths are in order of their first report's start: skip those
        // that start after the report, then the few whose later reports do.
        let upto = deaths.partition_point(|d| timeline[d.reports[0]].when.earliest <= reported);
        let fits = deaths[..upto]
            .iter()
            .rposition(|d| d.last_start(timeline) <= reported);
        match fits {
            Some(d) => deaths[d].add(timeline, pos),
            None => match before_all.as_mut() {
                Some(death) => death.add(timeline, pos),
                None => {
                    let mut death = DeathEvent::open(pos);
                    death.add(timeline, pos);
                    before_all = Some(death);
                }
            },
        }
    }
    deaths.splice(0..0, before_all);
    for death in &mut deaths {
        death.reports.sort_unstable();
    }
    deaths
}

/// Which deaths of one person the evidence already rejects: a sign of life
/// (`alive`, `active`) certainly after the death, or one that explicitly
/// refutes it, outweighs it by [`evidence::favour`], a later sign of life
/// prevailing at equal weight. Built once per person; each question is
/// answered from two candidates, the strongest firm sign of life certainly
/// after the death and its strongest refuter.
///
/// This is *the* weighing of a death: the rules' `favours`, the verdicts
/// of `timeline` and the HTML report, and the sources' track records all
/// ask it, so they cannot disagree.
pub struct Rejections<'t> {
    timeline: &'t [Entry],
    /// For each timeline position, the strongest firm sign of life at or
    /// after it (its position), by weight, the later among equals.
    strongest_from: Vec<Option<(usize, f64)>>,
    /// Refuted claim to the signs of life that refute it.
    refuters: HashMap<usize, Vec<usize>>,
}

/// A death the evidence rejects: the death, and the sign of life that
/// outweighs it.
#[derive(Clone, Debug)]
pub struct Rejected {
    /// The death report (claim index).
    pub death: usize,
    /// The sign of life that outweighs it (claim index).
    pub by: usize,
}

impl Rejected {
    /// Why, in words (built only when shown: most rejections only decide
    /// a severity).
    pub fn why(&self, dataset: &Dataset) -> String {
        evidence::favour(dataset, self.death, self.by, true).1
    }
}

impl<'t> Rejections<'t> {
    /// The weighing of `timeline`, one person's claims in timeline order.
    pub fn new(dataset: &Dataset, timeline: &'t [Entry]) -> Self {
        let mut strongest_from = vec![None; timeline.len() + 1];
        let mut refuters: HashMap<usize, Vec<usize>> = HashMap::default();
        for (pos, entry) in timeline.iter().enumerate().rev() {
            let mut best = strongest_from[pos + 1];
            if entry.status.is_sign_of_life() {
                let claim = &dataset.claims[entry.claim];
                let weight = evidence::score(dataset, claim);
                if !entry.when.uncertain && best.is_none_or(|(_, w)| weight > w) {
                    best = Some((pos, weight));
                }
                for id in &claim.refutes {
                    if let Some(target) = dataset.claim_index(id) {
                        refuters.entry(target).or_default().push(entry.claim);
                    }
                }
            }
            strongest_from[pos] = best;
        }
        Rejections {
            timeline,
            strongest_from,
            refuters,
        }
    }

    /// The signs of life that can reject the death at position `pos`: the
    /// strongest firm one certainly after it, then its strongest refuter.
    fn challengers(&self, dataset: &Dataset, pos: usize) -> Vec<usize> {
        let death = self.timeline[pos];
        let mut challengers: Vec<usize> = Vec::with_capacity(2);
        if !death.when.uncertain {
            let after = self
                .timeline
                .partition_point(|e| e.when.earliest <= death.when.latest);
            if let Some((p, _)) = self.strongest_from[after] {
                challengers.push(self.timeline[p].claim);
            }
        }
        if let Some(refuters) = self.refuters.get(&death.claim) {
            let weight = |&c: &usize| evidence::score(dataset, &dataset.claims[c]);
            if let Some(&best) = refuters
                .iter()
                .max_by(|a, b| weight(a).total_cmp(&weight(b)))
            {
                challengers.push(best);
            }
        }
        challengers
    }

    /// Whether the evidence rejects the death at timeline position `pos`,
    /// and on what.
    pub fn rejected(&self, dataset: &Dataset, pos: usize) -> Option<Rejected> {
        let death = self.timeline[pos].claim;
        self.challengers(dataset, pos).into_iter().find_map(|by| {
            let favoured = evidence::favoured(dataset, death, by, true);
            (favoured == Some(by)).then_some(Rejected { death, by })
        })
    }

    /// The claim the evidence favours between the death at `pos` and the
    /// signs of life against it, and why: the sign of life that rejects
    /// it; else the death, when a challenger weighs less; else nothing (no
    /// firm sign of life is certainly after it, so the evidence does not
    /// settle it).
    pub fn judge(&self, dataset: &Dataset, pos: usize) -> (Option<usize>, String) {
        if let Some(rejected) = self.rejected(dataset, pos) {
            return (Some(rejected.by), rejected.why(dataset));
        }
        let death = self.timeline[pos].claim;
        match self.challengers(dataset, pos).first() {
            Some(&by) => evidence::favour(dataset, death, by, true),
            None => (
                None,
                format!(
                    "no firm sign of life is certainly after `{}`, so the evidence does not settle which is wrong",
                    dataset.claims[death].id
                ),
            ),
        }
    }

    /// The rejections of every report of `death`, when the evidence rejects
    /// them all; `None` when one of them stands.
    pub fn all_rejected(&self, dataset: &Dataset, reports: &[usize]) -> Option<Vec<Rejected>> {
        reports
            .iter()
            .map(|&pos| self.rejected(dataset, pos))
            .collect()
    }
}

/// Caps `finding` at `info` because every death it rests on is already
/// outweighed by a later sign of life, saying so as its severity's reason.
pub(crate) fn rests_on_rejected(ctx: &Context, finding: &mut Finding, rejected: &[Rejected]) {
    finding.severity = finding.severity.min(Severity::Info);
    let mut by: Vec<String> = rejected
        .iter()
        .map(|r| {
            let (death, life) = (ctx.claim(r.death), ctx.claim(r.by));
            format!(
                "`{}` is outweighed by `{}` ({} {})",
                death.id,
                life.id,
                life.status,
                life.date_text()
            )
        })
        .collect();
    by.dedup();
    let more = by.len().saturating_sub(3);
    by.truncate(3);
    let more = if more > 0 {
        format!(" (and {more} more)")
    } else {
        String::new()
    };
    if finding.severity < finding.default_severity {
        finding.severity_reason = Some(format!(
            "it rests only on death reports the evidence already rejects: {}{more}; alive-after-death is the primary contradiction",
            by.join("; ")
        ));
    }
}

/// A death and the events found after it: its reports, the strongest
/// events (at most [`LISTED`]), and how many there are in all.
pub(crate) struct AfterDeath {
    /// The death's reports (claim indices), in timeline order.
    pub deaths: Vec<usize>,
    /// The same reports as positions in the timeline.
    pub positions: Vec<usize>,
    /// The strongest report, weighed against the events.
    pub death: usize,
    /// The listed events: claim, order after the death, and the report it
    /// is ordered after; in timeline order.
    pub events: Vec<(usize, Order, usize)>,
    /// How many events are after the death, listed or not.
    pub total: usize,
    /// Listed events that explicitly refute a report of the death, with
    /// the report.
    pub refuting: Vec<(usize, usize)>,
}

impl AfterDeath {
    /// The event the message names: the latest certain one, else the latest.
    pub fn headline(&self, ctx: &Context) -> usize {
        let any_certain = self.events.iter().any(|(_, o, _)| *o == Order::Certain);
        self.events
            .iter()
            .filter(|(_, o, _)| !any_certain || *o == Order::Certain)
            .map(|(c, _, _)| *c)
            // The latest by the start of its date, then by its end; in
            // timeline order, so `max_by_key` keeps the last of equals.
            .max_by_key(|&c| (ctx.claim(c).when.earliest, ctx.claim(c).when.latest))
            .unwrap_or(self.death)
    }

    /// Each listed (death, event) pair as a ground for
    /// [`Context::grouped_finding`].
    pub fn grounds(&self) -> Vec<(Order, Vec<usize>)> {
        self.events
            .iter()
            .map(|&(c, o, d)| (o, vec![d, c]))
            .collect()
    }

    /// " (and 2 more signs of life after it)": the events beyond the one the
    /// message names; `one` and `many` are the singular and plural nouns.
    pub fn more_after(&self, one: &str, many: &str) -> String {
        match self.total.saturating_sub(1) {
            0 => String::new(),
            1 => format!(" (and 1 more {one} after it)"),
            n => format!(" (and {n} more {many} after it)"),
        }
    }

    /// "X reported killed 2017-06 (3 reports)": the start of a message
    /// about what followed the death.
    pub fn death_clause(&self, ctx: &Context) -> String {
        let death = ctx.claim(self.death);
        format!(
            "{} reported {} {}{}",
            ctx.name_of(self.death),
            death.status,
            death.date_words(),
            self.reports()
        )
    }

    /// " (3 reports)" when the death has several reports.
    pub fn reports(&self) -> String {
        match self.deaths.len() {
            1 => String::new(),
            n => format!(" ({n} reports)"),
        }
    }

    /// How each listed event's date was found after the death, the
    /// refutations among them, and what is not listed, for `reasoning`.
    pub fn orders(&self, ctx: &Context, many: &str) -> Vec<String> {
        let mut orders: Vec<String> = self
            .events
            .iter()
            .map(|&(c, order, d)| {
                let (death, event) = (ctx.claim(d), ctx.claim(c));
                super::explain_order(
                    &super::describe(death),
                    &death.when,
                    &super::describe(event),
                    &event.when,
                    order,
                )
            })
            .collect();
        for &(event, death) in &self.refuting {
            orders.push(format!(
                "`{}` also explicitly refutes `{}` (`refutes`): one contradiction, reported here",
                ctx.claim(event).id,
                ctx.claim(death).id
            ));
        }
        if self.deaths.len() > 1 {
            orders.push(format!(
                "{} reports whose dates can overlap describe this one death",
                self.deaths.len()
            ));
        }
        if self.total > self.events.len() {
            orders.push(format!(
                "{} {many} after it in all; the {} strongest are listed",
                self.total,
                self.events.len()
            ));
        }
        orders
    }

    /// The finding of `rule` about this death and its events, its
    /// reasoning the sentences of `reasoning` joined.
    pub fn finding(
        &self,
        ctx: &Context,
        rule: &Rule,
        message: String,
        reasoning: &[String],
        favours: Option<usize>,
    ) -> Finding {
        let mut finding = ctx.grouped_finding(
            rule,
            &self.grounds(),
            self.claims(),
            message,
            reasoning.join("; "),
            favours,
        );
        // The death's reports are disputed, one per origin (a relay of the
        // same report is support); what followed only supports it.
        ctx.narrow(&mut finding, ctx.one_per_origin(&self.deaths));
        finding
    }

    /// [`Self::finding`] for a rule that `alive-after-death` comes before:
    /// capped at info when the evidence already rejects every report of
    /// this death (see [`rests_on_rejected`]).
    pub fn secondary_finding(
        &self,
        ctx: &Context,
        person: &Person,
        rule: &Rule,
        message: String,
        reasoning: &[String],
        favours: Option<usize>,
    ) -> Finding {
        let mut finding = self.finding(ctx, rule, message, reasoning, favours);
        if let Some(rejected) = person.rejections.all_rejected(ctx.dataset, &self.positions) {
            rests_on_rejected(ctx, &mut finding, &rejected);
        }
        finding
    }

    /// The timeline position of report `claim` of this death.
    pub fn position_of(&self, timeline: &[Entry], claim: usize) -> Option<usize> {
        self.positions
            .iter()
            .copied()
            .find(|&p| timeline[p].claim == claim)
    }

    /// All claims: the death's reports, then the listed events, each in
    /// timeline order.
    pub fn claims(&self) -> Vec<usize> {
        let mut claims = self.deaths.clone();
        claims.extend(self.events.iter().map(|(c, _, _)| *c));
        claims
    }
}

/// What ranks an event after a death, strongest first: not doubtful, the
/// stronger kind (proof of life before activity), the heavier, the later.
type Rank = (bool, bool, i64, Day, usize);

/// An event that may follow a death.
#[derive(Clone, Copy)]
struct Candidate {
    pos: usize,
    when: Interval,
    rank: Rank,
}

/// What the rules after a death ask of [`find`].
pub(crate) struct EventKind<'f> {
    /// Which timeline entries are the events.
    pub is_event: &'f (dyn Fn(&Entry) -> bool + Sync),
    /// When an event counts from (a role: its tenure's start).
    pub when: &'f (dyn Fn(&Entry) -> Interval + Sync),
    /// The stronger kind of event, listed first at equal order.
    pub strong: &'f (dyn Fn(&Entry) -> bool + Sync),
}

/// Other events after a death that the primary finding lists as context
/// (custody and roles after a death a sign of life contradicts): the
/// latest few, and how many there are.
pub(crate) struct Later {
    /// (last day, timeline position) of every such event, by last day.
    by_end: Vec<(Day, usize)>,
}

impl Later {
    /// The events of `kind` in `timeline`.
    pub fn new(timeline: &[Entry], kind: &EventKind) -> Self {
        let mut by_end: Vec<(Day, usize)> = timeline
            .iter()
            .enumerate()
            .filter(|(_, e)| (kind.is_event)(e))
            .map(|(pos, e)| ((kind.when)(e).latest, pos))
            .collect();
        by_end.sort_unstable();
        Later { by_end }
    }

    /// How many of the events may follow `death` (run past the last day of
    /// a report), and the latest `few` of them (timeline positions).
    pub fn after(&self, timeline: &[Entry], death: &AfterDeath, few: usize) -> (usize, Vec<usize>) {
        let end = death
            .positions
            .iter()
            .map(|&p| timeline[p].when.latest)
            .min()
            .unwrap_or(DUSK);
        let from = self.by_end.partition_point(|&(latest, _)| latest <= end);
        let after = &self.by_end[from..];
        let latest = after.iter().rev().take(few).map(|&(_, pos)| pos).collect();
        (after.len(), latest)
    }
}

/// What a finding about one death may consult about its person.
pub(crate) struct Person<'t> {
    /// The person's claims, in timeline order.
    pub timeline: &'t [Entry],
    /// Which of the person's deaths the evidence rejects.
    pub rejections: Rejections<'t>,
    /// The context events asked for, if any.
    pub later: Option<Later>,
}

/// For every death of every person, the events of `kind` whose date is
/// certainly or possibly after it (after any of its reports), each death
/// with such events turned into a finding by `report`; `context` names
/// other events for [`Person::later`]. Deterministic: entities in
/// reconciliation order, deaths in date order.
pub(crate) fn find(
    ctx: &Context,
    kind: &EventKind,
    context: Option<&EventKind>,
    report: impl Fn(AfterDeath, &Person) -> Finding + Sync,
) -> Vec<Finding> {
    ctx.per_entity(|_, timeline, findings| {
        let deaths = death_events(timeline);
        if deaths.is_empty() {
            return;
        }
        let candidates = candidates(ctx, timeline, kind);
        if candidates.is_empty() {
            return;
        }
        let selections = select(timeline, &deaths, &candidates);
        let refuted_by = refuted_by(ctx, timeline, &candidates);
        let person = Person {
            timeline,
            rejections: Rejections::new(ctx.dataset, timeline),
            later: context.map(|kind| Later::new(timeline, kind)),
        };
        for (death, selection) in deaths.iter().zip(selections) {
            let found = after_death(ctx, timeline, death, &candidates, &refuted_by, selection);
            if let Some(group) = found {
                findings.push(report(group, &person));
            }
        }
    })
}

/// Refuted claim to the candidates that name it in `refutes`.
fn refuted_by(
    ctx: &Context,
    timeline: &[Entry],
    candidates: &[Candidate],
) -> HashMap<usize, Vec<usize>> {
    let mut map: HashMap<usize, Vec<usize>> = HashMap::default();
    for (i, c) in candidates.iter().enumerate() {
        for id in &ctx.claim(timeline[c.pos].claim).refutes {
            if let Some(target) = ctx.dataset.claim_index(id) {
                map.entry(target).or_default().push(i);
            }
        }
    }
    map
}

/// The events of `kind` in `timeline`, ranked.
fn candidates(ctx: &Context, timeline: &[Entry], kind: &EventKind) -> Vec<Candidate> {
    timeline
        .iter()
        .enumerate()
        .filter(|(_, e)| (kind.is_event)(e))
        .map(|(pos, e)| {
            let claim = ctx.claim(e.claim);
            let weight = evidence::score(ctx.dataset, claim);
            let when = (kind.when)(e);
            Candidate {
                pos,
                when,
                rank: (
                    !claim.certainty.is_weak(),
                    (kind.strong)(e),
                    (weight * 1e6) as i64,
                    when.latest,
                    pos,
                ),
            }
        })
        .collect()
}

/// Which candidates follow each death: the count, and the strongest few
/// (candidate indices). Two sweeps, not a pass per death: deaths by the
/// last day of their earliest-ending report, latest first, while the
/// events whose date runs past it enter a heap of the strongest; and the
/// same for the events that certainly follow (their first day past it).
fn select(
    timeline: &[Entry],
    deaths: &[DeathEvent],
    candidates: &[Candidate],
) -> Vec<(usize, Vec<usize>)> {
    // Every report may be followed: the earliest last day of any report.
    let possible_end: Vec<Day> = deaths
        .iter()
        .map(|d| {
            d.reports
                .iter()
                .map(|&p| timeline[p].when.latest)
                .min()
                .unwrap_or(DUSK)
        })
        .collect();
    let certain_end: Vec<Option<Day>> = deaths
        .iter()
        .map(|d| d.ends_first.map(|p| timeline[p].when.latest))
        .collect();
    let possible = sweep(
        candidates,
        &possible_end.iter().map(|&d| Some(d)).collect::<Vec<_>>(),
        |c| Some(c.when.latest),
    );
    let certain = sweep(candidates, &certain_end, |c| {
        (!c.when.uncertain).then_some(c.when.earliest)
    });
    possible
        .into_iter()
        .zip(certain)
        .map(|((total, mut top), (_, top_certain))| {
            top.extend(top_certain);
            top.sort_unstable();
            top.dedup();
            (total, top)
        })
        .collect()
}

/// For each death's bound (`None`: no event qualifies), how many
/// candidates have a `key` past it, and the [`LISTED`] strongest of them.
fn sweep(
    candidates: &[Candidate],
    bounds: &[Option<Day>],
    key: impl Fn(&Candidate) -> Option<Day>,
) -> Vec<(usize, Vec<usize>)> {
    let mut keyed: Vec<(Day, usize)> = candidates
        .iter()
        .enumerate()
        .filter_map(|(i, c)| key(c).map(|k| (k, i)))
        .collect();
    keyed.sort_unstable_by_key(|&(k, i)| Reverse((k, i)));
    let mut order: Vec<usize> = (0..bounds.len()).filter(|&d| bounds[d].is_some()).collect();
    order.sort_unstable_by_key(|&d| Reverse(bounds[d]));
    let mut result = vec![(0, Vec::new()); bounds.len()];
    let mut heap: BinaryHeap<Reverse<(Rank, usize)>> = BinaryHeap::new();
    let (mut next, mut entered) = (0, 0);
    for d in order {
        let bound = bounds[d].unwrap_or(DUSK);
        while next < keyed.len() && keyed[next].0 > bound {
            let i = keyed[next].1;
            heap.push(Reverse((candidates[i].rank, i)));
            if heap.len() > LISTED {
                heap.pop();
            }
            next += 1;
            entered += 1;
        }
        result[d] = (entered, heap.iter().map(|Reverse((_, i))| *i).collect());
    }
    result
}

/// The finding's facts for one death, from the candidates `select` found.
fn after_death(
    ctx: &Context,
    timeline: &[Entry],
    death: &DeathEvent,
    candidates: &[Candidate],
    refuted_by: &HashMap<usize, Vec<usize>>,
    (total, top): (usize, Vec<usize>),
) -> Option<AfterDeath> {
    if total == 0 {
        return None;
    }
    let reports: Vec<&Entry> = death.reports.iter().map(|&p| &timeline[p]).collect();
    // The report each event is ordered after: one it certainly follows,
    // not doubtful if possible; else the report that ends first.
    let paired = |when: &Interval| -> (Order, usize) {
        let mut best: Option<(Order, bool, usize)> = None;
        for r in &reports {
            let o = order(&r.when, when);
            if o == Order::Impossible {
                continue;
            }
            let strong = !ctx.claim(r.claim).certainty.is_weak();
            if best.is_none_or(|(bo, bs, _)| (o, !strong) < (bo, !bs)) {
                best = Some((o, strong, r.claim));
            }
        }
        best.map_or((Order::Possible, reports[0].claim), |(o, _, c)| (o, c))
    };
    let mut listed: Vec<(Order, Rank, usize, usize)> = top
        .iter()
        .map(|&i| {
            let (o, d) = paired(&candidates[i].when);
            (o, candidates[i].rank, candidates[i].pos, d)
        })
        .collect();
    listed.sort_by_key(|a| (a.0, Reverse(a.1)));
    listed.truncate(LISTED);
    let refuting = refutations(timeline, death, candidates, refuted_by, &mut listed);
    listed.sort_by_key(|l| l.2);
    let deaths: Vec<usize> = reports.iter().map(|r| r.claim).collect();
    let strongest = deaths
        .iter()
        .copied()
        .max_by(|&a, &b| {
            let weight = |c: usize| evidence::score(ctx.dataset, ctx.claim(c));
            weight(a).total_cmp(&weight(b)).then(b.cmp(&a))
        })
        .unwrap_or(deaths[0]);
    Some(AfterDeath {
        deaths,
        positions: death.reports.clone(),
        death: strongest,
        events: listed
            .iter()
            .map(|&(o, _, pos, d)| (timeline[pos].claim, o, d))
            .collect(),
        total,
        refuting,
    })
}

/// The events after `death` that explicitly refute one of its reports:
/// listed whatever their rank (the refutation is part of this one
/// contradiction, and `refuted-claim` leaves it here), and returned with
/// the report they refute.
fn refutations(
    timeline: &[Entry],
    death: &DeathEvent,
    candidates: &[Candidate],
    refuted_by: &HashMap<usize, Vec<usize>>,
    listed: &mut Vec<(Order, Rank, usize, usize)>,
) -> Vec<(usize, usize)> {
    let mut refuting = Vec::new();
    for &r in &death.reports {
        let report = timeline[r];
        for &i in refuted_by.get(&report.claim).map_or(&[][..], Vec::as_slice) {
            let c = &candidates[i];
            let o = order(&report.when, &c.when);
            if o == Order::Impossible {
                continue;
            }
            if !listed.iter().any(|l| l.2 == c.pos) {
                listed.push((o, c.rank, c.pos, report.claim));
            }
            refuting.push((timeline[c.pos].claim, report.claim));
        }
    }
    refuting
}

/// Whether `event` (a sign of life, custody event or dated role, as
/// `when` dates it) may follow the death `death`: the pairs the rules
/// after a death report, which `refuted-claim` leaves to them.
pub(crate) fn may_follow(death: &Interval, event: &Interval) -> bool {
    order(death, event) != Order::Impossible
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Edtf;

    fn iv(text: &str) -> Interval {
        Edtf::parse(text).expect(text).interval
    }

    #[test]
    fn after_a_death() {
        let death = iv("2014-08");
        assert_eq!(order(&death, &iv("2015-11")), Order::Certain);
        // A video released "by May 2015" may be from before or after.
        assert_eq!(order(&death, &iv("../2015-05")), Order::Possible);
        assert_eq!(order(&iv("2017-06"), &iv("2017")), Order::Possible);
        assert_eq!(order(&iv("2014-08?"), &iv("2015-11")), Order::Possible);
        // Entirely before, or inside the death's own month: not after.
        assert_eq!(order(&death, &iv("2014-07")), Order::Impossible);
        assert_eq!(order(&death, &iv("2014-08-20")), Order::Impossible);
        assert_eq!(order(&death, &iv("../2014-06")), Order::Impossible);
    }

    fn entry(claim: usize, date: Option<&str>, reported: &str) -> Entry {
        let when = match date {
            Some(d) => iv(d),
            None => Interval::new(DAWN, iv(reported).latest),
        };
        Entry {
            claim,
            status: crate::model::Status::Killed,
            when,
            dated: date.is_some(),
            aged: false,
        }
    }

    fn grouped(timeline: &[Entry]) -> Vec<Vec<usize>> {
        death_events(timeline)
            .into_iter()
            .map(|d| d.reports.iter().map(|&p| timeline[p].claim).collect())
            .collect()
    }

    #[test]
    fn reports_that_can_overlap_are_one_death() {
        let mut timeline = vec![
            entry(0, Some("2014-08"), "2014-09"),
            entry(1, Some("2014-08-24"), "2014-09"),
            entry(2, Some("2017-06"), "2017-07"),
            entry(3, Some("2017-06-07"), "2017-07"),
            // Undated, reported in 2018: the 2017 death.
            entry(4, None, "2018"),
            // Undated, reported in 2012: before every dated death.
            entry(5, None, "2012"),
        ];
        timeline.sort_by_key(|e| (e.when.earliest, e.claim));
        assert_eq!(grouped(&timeline), vec![vec![5], vec![0, 1], vec![4, 2, 3]]);
        // A date marked uncertain can be the same death as any other.
        let timeline = vec![
            entry(0, Some("2014-08?"), "2014"),
            entry(1, Some("2014-10"), "2014"),
        ];
        assert_eq!(grouped(&timeline), vec![vec![0, 1]]);
    }
}
