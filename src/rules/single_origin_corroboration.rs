use std::collections::BTreeMap;

use crate::date::{Interval, Order};
use crate::finding::{Finding, Severity};
use crate::model::Claim;
use crate::provenance::{Origin, Provenance};
use crate::rules::{declare_rule, Context};

/// Fewer reports than this are not corroboration worth checking.
const MIN_REPORTS: usize = 3;
/// Reports from a single source are one article, not corroboration.
const MIN_SOURCES: usize = 2;

declare_rule! {
    /// ## What it does
    /// Flags an event of one person that several reports (three or more,
    /// from two or more sources) confirm, when every one of them traces back
    /// to one origin: the same `according_to`, or sources whose `cites`
    /// chains all end at the same source. Reports say the same thing when
    /// they give the same status (and, for a role, the same role and
    /// organisation) with dates that share at least one day. Undated claims
    /// and claims with no traceable origin are left out.
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
    let provenance = Provenance::new(ctx.dataset);
    let mut findings = Vec::new();
    for (entity, timeline) in ctx.timelines().iter().enumerate() {
        // Claims saying the same kind of thing, in timeline order.
        let mut by_statement: BTreeMap<(crate::model::Status, String, String), Vec<usize>> =
            BTreeMap::new();
        for &c in timeline {
            let claim = ctx.claim(c);
            if claim.date.is_none() {
                continue;
            }
            by_statement.entry(statement(claim)).or_default().push(c);
        }
        for claims in by_statement.values() {
            for (event, common) in same_events(ctx, claims) {
                if let Some(finding) = circular(ctx, &provenance, entity, &event, common) {
                    findings.push(finding);
                }
            }
        }
    }
    findings
}

/// What a claim says, apart from its date: its status, and for a role the
/// role and organisation (folded).
fn statement(claim: &Claim) -> (crate::model::Status, String, String) {
    let fold = |s: &Option<String>| s.as_deref().unwrap_or("").trim().to_lowercase();
    (claim.status, fold(&claim.role), fold(&claim.org))
}

/// Splits claims ordered by earliest day into events: runs of claims that
/// all share at least one day. Returns each event's claims and that day span.
fn same_events(ctx: &Context, claims: &[usize]) -> Vec<(Vec<usize>, Interval)> {
    let mut events: Vec<(Vec<usize>, Interval)> = Vec::new();
    for &c in claims {
        let when = ctx.claim(c).when;
        if let Some((members, common)) = events.last_mut() {
            if common.overlaps(&when) {
                common.earliest = common.earliest.max(when.earliest);
                common.latest = common.latest.min(when.latest);
                members.push(c);
                continue;
            }
        }
        events.push((vec![c], Interval::new(when.earliest, when.latest)));
    }
    events
}

/// A finding when the event's reports are many, from several sources, and
/// all rest on one origin.
fn circular(
    ctx: &Context,
    provenance: &Provenance,
    entity: usize,
    event: &[usize],
    common: Interval,
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
                (None, Some(s)) if s == &origin.key => format!("source `{s}` itself"),
                (None, Some(s)) => format!("source `{s}`, which relays {origin}"),
                (None, None) => String::new(),
            };
            format!("`{}` ({}) via {via}", claim.id, claim.date_text())
        })
        .collect();
    let reasoning = format!(
        "the reports' dates overlap on {common}, so they describe one event; {}; corroboration counts independent origins, and these {} reports have one",
        chains.join("; "),
        claims.len()
    );
    Some(ctx.finding(&RULE, Order::Certain, claims, message, reasoning, None))
}
