use crate::checker::birth::{add_years, births, show, Birth};
use crate::checker::{declare_rule, Context};
use crate::date::{Day, Order, DAWN};
use crate::evidence;
use crate::finding::{Finding, Severity};
use crate::model::{Certainty, Status};

/// Longer than anyone is known to have lived, with margin.
const MAX_YEARS: i32 = 120;

declare_rule! {
    /// ## What it does
    /// Flags two things about a person's lifespan:
    /// - an event (a death or anything else) more than 120 years after the
    ///   birth: certainly, when even the latest possible birth day and the
    ///   earliest possible event day are that far apart; possibly (reported a
    ///   step lower) when only the widest reading of the dates is (an
    ///   undated event, at an unknown time up to its report date, is
    ///   possibly that late when it was reported more than 120 years after
    ///   the earliest possible birth);
    /// - two birth dates that disagree: two dated `born` claims, or a `born`
    ///   claim and the entity record's `born`, whose intervals share no day
    ///   (`1986` and `1986-05` agree; `1986` and `1990` do not). One
    ///   source's alternatives (both claims of one source, neither more
    ///   than `possible`: `DOB 1961; alt. DOB 1965`, as sanctions lists
    ///   give them) are the source's doubt, not a disagreement; and two
    ///   sources whose dates share a day somewhere (one list gives 1959 or
    ///   1961, another 1961 or 1965) do not disagree.
    ///
    /// ## Why it matters
    /// Nobody lives 120 years, least of all a fighter; such a span almost
    /// always means a typo in a year or two people merged under one name.
    /// Disagreeing birth dates make every age and every "before birth" check
    /// depend on which one is right.
    ///
    /// ## Example
    /// Fires (two birth years):
    /// ```json
    /// [{"who": "Lavdrim Muhaxheri", "status": "born", "date": "1986", "source": "orton-2017"},
    ///  {"who": "Lavdrim Muhaxheri", "status": "born", "date": "1990", "source": "rferl-2015"}]
    /// ```
    /// Quiet (the month falls inside the year):
    /// ```json
    /// [{"who": "Lavdrim Muhaxheri", "status": "born", "date": "1989", "source": "orton-2017"},
    ///  {"who": "Lavdrim Muhaxheri", "status": "born", "date": "1989-05", "source": "rferl-2015"}]
    /// ```
    pub static RULE = {
        id: "lifespan",
        severity: Severity::Warning,
        summary: "a death or event more than 120 years after birth, or birth dates that disagree",
        check: check,
    }
}

fn check(ctx: &Context) -> Vec<Finding> {
    ctx.per_entity(|entity, timeline, findings| {
        let births = births(ctx, entity, timeline);
        if births.is_empty() {
            return;
        }
        let person = &ctx.entities.list[entity].name;
        for (i, a) in births.iter().enumerate() {
            for b in &births[i + 1..] {
                if sources_agree(ctx, &births, a, b) {
                    continue;
                }
                if let Some(finding) = disagreeing_births(ctx, entity, person, a, b) {
                    findings.push(finding);
                }
            }
        }
        // The days MAX_YEARS after each birth's latest and earliest day.
        let limits: Vec<(Day, Day)> = births
            .iter()
            .map(|b| {
                (
                    add_years(b.interval.latest, MAX_YEARS),
                    add_years(b.interval.earliest, MAX_YEARS),
                )
            })
            .collect();
        for entry in timeline {
            if entry.status == Status::Born {
                continue;
            }
            let when = entry.when;
            let order_after = |birth: &Birth, &(after_latest, after_earliest): &(Day, Day)| {
                let span = birth.interval;
                if span.earliest <= DAWN {
                    return Order::Impossible;
                }
                let firm = !span.uncertain && !when.uncertain;
                if when.earliest > after_latest && firm {
                    Order::Certain
                } else if when.latest > after_earliest {
                    Order::Possible
                } else {
                    Order::Impossible
                }
            };
            let Some((order, birth)) = births
                .iter()
                .zip(&limits)
                .map(|(b, limit)| (order_after(b, limit), b))
                .filter(|(o, _)| *o != Order::Impossible)
                .min_by_key(|(o, _)| *o)
            else {
                continue;
            };
            let event = entry.claim;
            let claim = ctx.claim(event);
            let message = format!(
                "{person} {} {} (`{}`) {} more than {MAX_YEARS} years after {}",
                claim.status,
                claim.date_text(),
                claim.id,
                if order == Order::Certain {
                    "is"
                } else {
                    "may be"
                },
                birth.label(ctx, entity)
            );
            let reasoning = if order == Order::Certain {
                format!(
                    "the event's earliest day {} is after {}, {MAX_YEARS} years from the birth's latest day {}",
                    show(claim.when.earliest),
                    show(add_years(birth.interval.latest, MAX_YEARS)),
                    show(birth.interval.latest)
                )
            } else {
                format!(
                    "the event's latest day {} is after {}, {MAX_YEARS} years from the birth's earliest day {}, but not every reading of the dates ({} and {}) is that far apart",
                    show(claim.when.latest),
                    show(add_years(birth.interval.earliest, MAX_YEARS)),
                    show(birth.interval.earliest),
                    birth.interval,
                    claim.when
                )
            };
            findings.push(birth.finding(ctx, &RULE, order, event, message, reasoning));
        }
    })
}

/// Whether births `a` and `b`, of two different sources, come from lists
/// of alternatives that share a date: each source allows a day the other
/// allows too, so they do not disagree, whatever other dates either adds.
/// Two lists that give one man's possible birth years in part differently
/// are not a disagreement per pair of years.
fn sources_agree(ctx: &Context, births: &[Birth], a: &Birth, b: &Birth) -> bool {
    let source = |x: &Birth| x.claim.and_then(|c| ctx.claim(c).source.as_deref());
    let (Some(sa), Some(sb)) = (source(a), source(b)) else {
        return false;
    };
    sa != sb
        && births.iter().filter(|x| source(x) == Some(sa)).any(|x| {
            (births.iter())
                .filter(|y| source(y) == Some(sb))
                .any(|y| x.interval.overlaps(&y.interval))
        })
}

/// Two births one source gives as alternatives: both claims of one
/// source, neither more than possible (`DOB 1961; alt. DOB 1965`, as the
/// UN and OFAC lists give them). The source is unsure, not contradicting
/// itself.
fn alternatives(ctx: &Context, a: &Birth, b: &Birth) -> bool {
    let (Some(x), Some(y)) = (a.claim, b.claim) else {
        return false;
    };
    let (x, y) = (ctx.claim(x), ctx.claim(y));
    let unsure = |c: &crate::model::Claim| {
        matches!(
            c.certainty,
            Certainty::Possible | Certainty::Doubtful | Certainty::Improbable
        )
    };
    x.source.is_some() && x.source == y.source && unsure(x) && unsure(y)
}

/// Two births of one person whose dates share no day. `a` comes first in
/// the timeline; a record's birth is always `b` (it is listed last).
fn disagreeing_births(
    ctx: &Context,
    entity: usize,
    person: &str,
    a: &Birth,
    b: &Birth,
) -> Option<Finding> {
    if a.interval.overlaps(&b.interval) || alternatives(ctx, a, b) {
        return None;
    }
    let order = if a.interval.uncertain || b.interval.uncertain {
        Order::Possible
    } else {
        Order::Certain
    };
    let claims: Vec<usize> = a.claim.into_iter().chain(b.claim).collect();
    let mut reasoning = format!(
        "the birth dates {} and {} share no day{}",
        a.interval,
        b.interval,
        if order == Order::Possible {
            ", though one is marked uncertain"
        } else {
            ""
        }
    );
    let favours = match (a.claim, b.claim) {
        (Some(x), Some(y)) => {
            let (favours, weighing) = evidence::favour(ctx.dataset, x, y, false);
            reasoning.push_str("; ");
            reasoning.push_str(&weighing);
            favours
        }
        _ => {
            reasoning.push_str("; the entity record is a curator's statement and is not weighed");
            None
        }
    };
    Some(ctx.finding(
        &RULE,
        order,
        claims,
        format!(
            "{person}: {} and {} disagree",
            a.label(ctx, entity),
            b.label(ctx, entity)
        ),
        reasoning,
        favours,
    ))
}
