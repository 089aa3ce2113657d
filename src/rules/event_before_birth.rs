use crate::checker::birth::{births, Birth};
use crate::checker::{declare_rule, Context};
use crate::date::{format_day, Order, DAWN};
use crate::finding::{Finding, Severity};
use crate::model::Status;

declare_rule! {
    /// ## What it does
    /// Flags an event (any status but `born`) dated before the person was
    /// born, by a dated `born` claim or by the entity record's `born`. An
    /// event certainly before the birth (every day of it precedes every day
    /// of the birth) is an error; one only possibly before it (the dates
    /// overlap, or one is uncertain) is reported a step lower. An undated
    /// claim counts only when even its report precedes the birth.
    ///
    /// ## Why it matters
    /// Nobody is killed, captured or appointed before being born. Either the
    /// event's date, the birth date, or the identification is wrong: often
    /// two people of one name (a father and a son, two men sharing a nisba)
    /// merged into one.
    ///
    /// ## Example
    /// Fires (a 1980 capture of a man born in 1986):
    /// ```json
    /// [{"who": "Lavdrim Muhaxheri", "status": "born", "date": "1986", "source": "orton-2017"},
    ///  {"who": "Lavdrim Muhaxheri", "status": "captured", "date": "1980-05", "source": "orton-2017"}]
    /// ```
    /// Quiet:
    /// ```json
    /// [{"who": "Lavdrim Muhaxheri", "status": "born", "date": "1989", "source": "orton-2017"},
    ///  {"who": "Lavdrim Muhaxheri", "status": "killed", "date": "2017-06-07", "source": "orton-2017"}]
    /// ```
    pub static RULE = {
        id: "event-before-birth",
        severity: Severity::Error,
        summary: "an event dated before the person was born",
        check: check,
    }
}

fn check(ctx: &Context) -> Vec<Finding> {
    ctx.per_entity(|entity, timeline, findings| {
        let births = births(ctx, entity, timeline);
        if births.is_empty() {
            return;
        }
        for entry in timeline {
            if entry.status == Status::Born {
                continue;
            }
            let order_against = |birth: &Birth| {
                let order = entry.when.before(&birth.interval);
                // An open or unknown start is before anything: that is no
                // evidence, so only a certain order counts for it.
                let vague = !entry.dated || entry.when.earliest <= DAWN;
                if order == Order::Possible && vague {
                    Order::Impossible
                } else {
                    order
                }
            };
            // The strongest order against any birth; the first such birth.
            let Some((order, birth)) = births
                .iter()
                .map(|b| (order_against(b), b))
                .filter(|(o, _)| *o != Order::Impossible)
                .min_by_key(|(o, _)| *o)
            else {
                continue;
            };
            let event = entry.claim;
            let claim = ctx.claim(event);
            let person = &ctx.entities.list[entity].name;
            let message = format!(
                "{person} {} {} (`{}`) {} before {}",
                claim.status,
                claim.date_text(),
                claim.id,
                if order == Order::Certain {
                    "is dated"
                } else {
                    "may be dated"
                },
                birth.label(ctx, entity)
            );
            let reasoning = if order == Order::Certain {
                format!(
                    "the event's latest day {} is before the birth's earliest day {}",
                    format_day(claim.when.latest),
                    format_day(birth.interval.earliest)
                )
            } else {
                format!(
                    "the event ({}) and the birth ({}) may be in either order: the event's earliest day {} is before the birth's latest day {}{}",
                    claim.when,
                    birth.interval,
                    format_day(claim.when.earliest),
                    format_day(birth.interval.latest),
                    if claim.when.uncertain || birth.interval.uncertain {
                        ", and a date is marked uncertain"
                    } else {
                        ""
                    }
                )
            };
            findings.push(birth.finding(ctx, &RULE, order, event, message, reasoning));
        }
    })
}
