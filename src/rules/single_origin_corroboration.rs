use std::borrow::Cow;

use crate::checker::{declare_rule, Context, Entry};
use crate::date::{Interval, Order};
use crate::finding::{Finding, Severity};
use crate::model::{Claim, Status};
use crate::provenance::{Origin, Provenance};

/// Fewer reports than this are not corroboration worth checking.
const MIN_REPORTS: usize = 3;
/// Reports from a single source are one article, not corroboration.
const MIN_SOURCES: usize = 2;
/// Longer timelines are grouped by statement without first counting.
const LONG_TIMELINE: usize = 64;

declare_rule! {
    /// ## What it does
    /// Flags an event of one person that several reports (three or more,
    /// from two or more sources) confirm, when every one of them traces back
    /// to one origin: the same `according_to`, or sources whose `cites`
    /// chains all end at the same source. Reports say the same thing when
    /// they give the same status (and, for a role, the same role and
    /// organisation) with dates that share at least one day. An undated
    /// claim is a report of an event at an unknown time up to its report
    /// date: it joins the latest event it can be, and undated reports
    /// published together (the same report date) are one event. The finding
    /// keeps the rule's severity when the reports are certainly of one event
    /// (all dated, or all undated and published together), and is one step
    /// milder when an undated report only may be of it. Claims with no
    /// traceable origin are left out.
    ///
    /// ## Why it matters
    /// Corroboration counts independent origins, not articles. Three outlets
    /// relaying one Amaq statement, or quoting one ministry, are one claim
    /// repeated (circular reporting); treating them as three confirmations
    /// makes a single unverified assertion look settled.
    ///
    /// ## Example
    /// Fires (three outlets, one wire story):
    /// ```json
    /// {"sources": [{"id": "amaq"}, {"id": "outlet-a", "cites": ["amaq"]},
    ///              {"id": "outlet-b", "cites": ["amaq"]}, {"id": "outlet-c", "cites": ["outlet-a"]}],
    ///  "claims": [{"who": "Abu Hassan al-Muhajir", "status": "killed", "date": "2019-10-27", "source": "outlet-a"},
    ///             {"who": "Abu Hassan al-Muhajir", "status": "killed", "date": "2019-10", "source": "outlet-b"},
    ///             {"who": "Abu Hassan al-Muhajir", "status": "killed", "date": "2019-10-27", "source": "outlet-c"}]}
    /// ```
    /// Quiet (three independent originators):
    /// ```json
    /// [{"who": "Abu Abdullah al-Rufayi", "status": "killed", "date": "2023-03", "source": "a", "according_to": "Iraqi Prime Minister"},
    ///  {"who": "Abu Abdullah al-Rufayi", "status": "killed", "date": "2023-03", "source": "b", "according_to": "US President"},
    ///  {"who": "Abu Abdullah al-Rufayi", "status": "killed", "date": "2023-03", "source": "c", "according_to": "CENTCOM"}]
    /// ```
    pub static RULE = {
        id: "single-origin-corroboration",
        severity: Severity::Warning,
        summary: "several reports of one claim that all trace back to one origin (circular reporting)",
        check: check,
    }
}

fn check(ctx: &Context) -> Vec<Finding> {
    // Built on first need: most datasets have no event with enough reports.
    let provenance = std::sync::OnceLock::new();
    ctx.per_entity(|entity, timeline, findings| {
        // The reports of one event share a day and a status: a status none
        // of whose days is covered by enough dated claims has no such
        // event. Known from the timeline alone, before reading any claim.
        // (A long timeline skips the count, quadratic in its length.)
        let mut dated = [0usize; Status::ALL.len()];
        let mut all = [0usize; Status::ALL.len()];
        for e in timeline {
            all[e.status as usize] += 1;
            if e.dated {
                dated[e.status as usize] += 1;
            }
        }
        // An undated claim may be a report of any event up to its report
        // date: a status with one and enough claims is worth grouping.
        let mut eventful: [bool; Status::ALL.len()] = std::array::from_fn(|s| {
            timeline.len() > LONG_TIMELINE || (all[s] > dated[s] && all[s] >= MIN_REPORTS)
        });
        for e in timeline.iter().filter(|e| e.dated) {
            if eventful[e.status as usize] || dated[e.status as usize] < MIN_REPORTS {
                continue;
            }
            let covering = timeline
                .iter()
                .filter(|o| {
                    o.dated
                        && o.status == e.status
                        && o.when.earliest <= e.when.earliest
                        && e.when.earliest <= o.when.latest
                })
                .count();
            if covering >= MIN_REPORTS {
                eventful[e.status as usize] = true;
            }
        }
        if !eventful.contains(&true) {
            return;
        }
        // Claims saying the same kind of thing, grouped by statement in
        // statement order, in timeline order within a group.
        let mut by_statement: Vec<(Statement, &Entry)> = timeline
            .iter()
            .filter(|e| eventful[e.status as usize])
            .map(|e| (statement(ctx.claim(e.claim)), e))
            .collect();
        by_statement.sort_by(|a, b| a.0.cmp(&b.0));
        for group in by_statement.chunk_by(|a, b| a.0 == b.0) {
            if group.len() < MIN_REPORTS {
                continue;
            }
            let claims: Vec<&Entry> = group.iter().map(|(_, e)| *e).collect();
            for (event, common) in same_events(&claims) {
                if event.len() < MIN_REPORTS {
                    continue;
                }
                let provenance = provenance.get_or_init(|| Provenance::new(ctx.dataset));
                let order = membership(ctx, &event);
                let event: Vec<usize> = event.iter().map(|e| e.claim).collect();
                if let Some(finding) = circular(ctx, provenance, entity, &event, (common, order)) {
                    findings.push(finding);
                }
            }
        }
    })
}

/// What a claim says, apart from its date: its status, and for a role the
/// role and organisation (folded).
type Statement<'c> = (Status, Cow<'c, str>, Cow<'c, str>);

fn statement(claim: &Claim) -> Statement<'_> {
    (claim.status, fold(&claim.role), fold(&claim.org))
}

/// Trimmed and lower-cased; borrowed when that changes nothing.
fn fold(text: &Option<Box<str>>) -> Cow<'_, str> {
    let text = text.as_deref().unwrap_or("").trim();
    if text.is_ascii() && !text.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.to_lowercase())
    }
}

/// Splits claims ordered by earliest day into events: runs of dated claims
/// that all share at least one day. An undated claim, of an event at an
/// unknown time up to its report date, joins the latest event it can be
/// (one whose shared days start by its report date), as news is of the
/// latest event; those reported before every dated event form one event of
/// their own, first. Returns each event's claims (in timeline order) and
/// the days its dated claims share (up to the report date when all are
/// undated).
fn same_events<'e>(claims: &[&'e Entry]) -> Vec<(Vec<&'e Entry>, Interval)> {
    let mut events: Vec<(Vec<&'e Entry>, Interval)> = Vec::new();
    for entry in claims.iter().filter(|e| e.dated) {
        let when = entry.when;
        if let Some((members, common)) = events.last_mut() {
            if common.overlaps(&when) {
                common.earliest = common.earliest.max(when.earliest);
                common.latest = common.latest.min(when.latest);
                members.push(entry);
                continue;
            }
        }
        events.push((vec![entry], Interval::new(when.earliest, when.latest)));
    }
    let mut before_all: Option<(Vec<&'e Entry>, Interval)> = None;
    for entry in claims.iter().filter(|e| !e.dated) {
        let reported = entry.when.latest;
        match events
            .iter_mut()
            .rev()
            .find(|(_, common)| common.earliest <= reported)
        {
            Some((members, _)) => members.push(entry),
            None => {
                let (members, common) = before_all.get_or_insert_with(|| (Vec::new(), entry.when));
                common.latest = common.latest.min(reported);
                members.push(entry);
            }
        }
    }
    events.splice(0..0, before_all);
    for (members, _) in &mut events {
        members.sort_by_key(|e| (e.when.earliest, e.claim));
    }
    events
}

/// Whether the reports are certainly of one event: all dated (their dates
/// share a day), or all undated and reported at the same time (news of one
/// event relayed together). An undated report among dated ones is only
/// possibly of the same event.
fn membership(ctx: &Context, event: &[&Entry]) -> Order {
    let undated = event.iter().filter(|e| !e.dated).count();
    if undated == 0 {
        return Order::Certain;
    }
    if undated < event.len() {
        return Order::Possible;
    }
    let reports: Vec<Interval> = event
        .iter()
        .filter_map(|e| ctx.claim(e.claim).report)
        .collect();
    let together = reports.len() == event.len()
        && reports.iter().map(|r| r.earliest).max() <= reports.iter().map(|r| r.latest).min();
    if together {
        Order::Certain
    } else {
        Order::Possible
    }
}

/// A finding when the event's reports are many, from several sources, and
/// all rest on one origin.
fn circular(
    ctx: &Context,
    provenance: &Provenance,
    entity: usize,
    event: &[usize],
    (common, order): (Interval, Order),
) -> Option<Finding> {
    // Most events have one or two reports: skip tracing them.
    if event.len() < MIN_REPORTS {
        return None;
    }
    let traced: Vec<(usize, Vec<Origin>)> = event
        .iter()
        .map(|&c| (c, provenance.origins(c)))
        .filter(|(_, origins)| !origins.is_empty())
        .collect();
    if traced.len() < MIN_REPORTS {
        return None;
    }
    let mut sources: Vec<&str> = traced
        .iter()
        .filter_map(|&(c, _)| ctx.claim(c).source.as_deref())
        .collect();
    sources.sort_unstable();
    sources.dedup();
    if sources.len() < MIN_SOURCES {
        return None;
    }
    let claims: Vec<usize> = traced.iter().map(|(c, _)| *c).collect();
    let origins = provenance.distinct_origins(&claims);
    let [origin] = origins.as_slice() else {
        return None;
    };
    let first = ctx.claim(claims[0]);
    let person = &ctx.entities.list[entity].name;
    let message = format!(
        "{person} {} {common}: {} reports from {} sources all rest on one origin, {origin}",
        first.status,
        claims.len(),
        sources.len(),
    );
    let chains: Vec<String> = claims
        .iter()
        .map(|&c| {
            let claim = ctx.claim(c);
            let via = match (&claim.according_to, &claim.source) {
                (Some(_), Some(s)) => format!("source `{s}`, {origin}"),
                (Some(_), None) => origin.to_string(),
                (None, Some(s)) if **s == *origin.key => format!("source `{s}` itself"),
                (None, Some(s)) => format!("source `{s}`, which relays {origin}"),
                (None, None) => String::new(),
            };
            format!("`{}` ({}) via {via}", claim.id, claim.date_text())
        })
        .collect();
    let undated = claims
        .iter()
        .filter(|&&c| ctx.claim(c).date.is_none())
        .count();
    let one_event = match (undated, order) {
        (0, _) => format!("the reports' dates overlap on {common}, so they describe one event"),
        (_, Order::Certain) => format!(
            "the reports are undated and were published together, by {}, so they relay one report of one event",
            crate::date::format_day(common.latest)
        ),
        _ => format!(
            "{undated} undated report(s), each of an event at an unknown time up to its report date, may describe the event of the others ({common}), the latest it can be"
        ),
    };
    let reasoning = format!(
        "{one_event}; {}; corroboration counts independent origins, and these {} reports have one",
        chains.join("; "),
        claims.len()
    );
    // The report relayed: one published by the origin itself when there is
    // one, else the first reported.
    let own: Vec<usize> = claims
        .iter()
        .copied()
        .filter(|&c| ctx.claim(c).source.as_deref() == Some(origin.key.as_str()))
        .collect();
    let first_report = ctx.representative(if own.is_empty() { &claims } else { &own });
    let mut finding = ctx.finding(&RULE, order, claims, message, reasoning, None);
    // It is the subject; another relay only supports it.
    ctx.narrow(&mut finding, first_report.into_iter().collect());
    Some(finding)
}
