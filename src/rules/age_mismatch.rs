use crate::checker::birth::{births, show, whole_years, widened};
use crate::checker::{declare_rule, Context};
use crate::date::Order;
use crate::finding::{Finding, Severity};
use crate::model::Status;

declare_rule! {
    /// ## What it does
    /// Flags a claim whose stated `age` the person's birth date contradicts.
    /// From the birth (a dated `born` claim or the entity record's `born`)
    /// and the event's date it computes every age, in completed years, the
    /// person could have had: the youngest is from the latest possible birth
    /// day to the earliest possible event day, the oldest from the earliest
    /// birth day to the latest event day. Imprecise dates widen the range on
    /// their own (`1989` is a whole year); approximate (`~`) dates are
    /// widened by the parser and uncertain (`?`) ones by a year either side.
    /// An undated claim is bounded by its report date, so an age too old for
    /// the report still fires.
    ///
    /// ## Why it matters
    /// A stated age is a second, independent date of birth. When the two
    /// cannot agree, one of them is wrong, or the claim is about someone
    /// else with the same name.
    ///
    /// ## Example
    /// Fires (born in 1989, he was 27 or 28 in June 2017, not 40):
    /// ```json
    /// [{"who": "Lavdrim Muhaxheri", "status": "born", "date": "1989", "source": "orton-2017"},
    ///  {"who": "Lavdrim Muhaxheri", "status": "killed", "date": "2017-06-07", "age": 40, "source": "orton-2017"}]
    /// ```
    /// Quiet:
    /// ```json
    /// [{"who": "Lavdrim Muhaxheri", "status": "born", "date": "1989", "source": "orton-2017"},
    ///  {"who": "Lavdrim Muhaxheri", "status": "killed", "date": "2017-06-07", "age": 28, "source": "orton-2017"}]
    /// ```
    pub static RULE = {
        id: "age-mismatch",
        severity: Severity::Warning,
        summary: "a stated age that the birth date contradicts",
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
            if !entry.aged || entry.status == Status::Born {
                continue;
            }
            let event = entry.claim;
            let claim = ctx.claim(event);
            let Some(age) = claim.age else { continue };
            let when = widened(claim.when);
            let stated = i64::from(age);
            // The first birth that the stated age contradicts.
            let contradiction = births.iter().find_map(|birth| {
                let born = widened(birth.interval);
                let youngest = whole_years(born.latest, when.earliest).max(0);
                let oldest = whole_years(born.earliest, when.latest);
                (stated < youngest || stated > oldest).then_some((birth, born, youngest, oldest))
            });
            let Some((birth, born, youngest, oldest)) = contradiction else {
                continue;
            };
            let person = &ctx.entities.list[entity].name;
            let range = if oldest < 0 {
                "no age at all: the event precedes the birth".to_string()
            } else if youngest == oldest {
                format!("an age of {youngest}")
            } else {
                format!("an age of {youngest} to {oldest}")
            };
            let message = format!(
                "{person} {} {} aged {age} (`{}`), but {} allows {range}",
                claim.status,
                claim.date_text(),
                claim.id,
                birth.label(ctx, entity)
            );
            let reasoning = format!(
                "the birth {born} and the event {when}: the youngest possible age (latest birth day {} to earliest event day {}) is {youngest} and the oldest (earliest birth day {} to latest event day {}) is {oldest} completed years; the stated {age} is {}",
                show(born.latest),
                show(when.earliest),
                show(born.earliest),
                show(when.latest),
                if stated < youngest { "too young" } else { "too old" }
            );
            findings.push(birth.finding(ctx, &RULE, Order::Certain, event, message, reasoning));
        }
    })
}
