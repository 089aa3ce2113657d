//! A person's birth, as the rules that measure from it see it: every dated
//! `born` claim of the entity and the `born` of its entity record. Shared by
//! `event-before-birth`, `age-mismatch` and `lifespan`.

use crate::checker::{Context, Entry};
use crate::date::{civil_from_days, days_from_civil, Day, Interval, DAWN, DUSK};
use crate::evidence;

/// One statement of when a person was born.
#[derive(Clone, Debug)]
pub struct Birth {
    /// The `born` claim, or `None` for the entity record's `born`.
    pub claim: Option<usize>,
    /// The days the birth may have fallen on.
    pub interval: Interval,
}

/// The births of `entity`, whose timeline is `timeline`: read from the
/// timeline (a dated claim's `when` is its date), so that checking every
/// entity reads no claim; [`Birth::label`] reads it when a finding needs it.
pub fn births(ctx: &Context, entity: usize, timeline: &[Entry]) -> Vec<Birth> {
    let mut births: Vec<Birth> = timeline
        .iter()
        .filter(|e| e.status == crate::model::Status::Born && e.dated)
        .map(|e| Birth {
            claim: Some(e.claim),
            interval: e.when,
        })
        .collect();
    if let Some(born) = record(ctx, entity).and_then(|r| r.born.as_ref()) {
        births.push(Birth {
            claim: None,
            interval: born.interval,
        });
    }
    births
}

/// The entity record of `entity`, when a curator wrote one.
fn record<'a>(ctx: &Context<'a>, entity: usize) -> Option<&'a crate::model::EntityRecord> {
    ctx.entities.list[entity]
        .record
        .map(|r| &ctx.dataset.entities[r])
}

impl Birth {
    /// `born 1986 (`lavdrim-born`)` or `born 1986 (entity record `muhaxheri`)`.
    pub fn label(&self, ctx: &Context, entity: usize) -> String {
        match self.claim {
            Some(c) => {
                let claim = ctx.claim(c);
                format!("born {} (`{}`)", claim.date_text(), claim.id)
            }
            None => match record(ctx, entity) {
                Some(record) => format!(
                    "born {} (entity record `{}`)",
                    record.born.as_ref().map_or("", |b| b.text.as_str()),
                    record.id
                ),
                None => "born".to_string(),
            },
        }
    }

    /// The claims of a finding about `event` and this birth, event first.
    pub fn claims_with(&self, event: usize) -> Vec<usize> {
        std::iter::once(event).chain(self.claim).collect()
    }

    /// A finding of `rule` about `event` against this birth: the claims, the
    /// weighing appended to `reasoning`, and the claim the evidence favours.
    pub fn finding(
        &self,
        ctx: &Context,
        rule: &crate::checker::Rule,
        order: crate::date::Order,
        event: usize,
        message: String,
        mut reasoning: String,
    ) -> crate::finding::Finding {
        let (favours, weighing) = self.favour(ctx, event);
        if let Some(weighing) = weighing {
            reasoning.push_str("; ");
            reasoning.push_str(&weighing);
        }
        ctx.finding(
            rule,
            order,
            self.claims_with(event),
            message,
            reasoning,
            favours,
        )
    }

    /// Which of `event` and this birth the evidence favours, and why; a
    /// record is a curator's statement, not a claim, and is not weighed.
    pub fn favour(&self, ctx: &Context, event: usize) -> (Option<usize>, Option<String>) {
        match self.claim {
            Some(birth) => {
                let (favours, why) = evidence::favour(ctx.dataset, event, birth, false);
                (favours, Some(why))
            }
            None => (None, None),
        }
    }
}

/// Completed years from day `from` to day `to` (negative when `to` is earlier).
pub fn whole_years(from: Day, to: Day) -> i64 {
    let (fy, fm, fd) = civil_from_days(from);
    let (ty, tm, td) = civil_from_days(to);
    let mut years = i64::from(ty) - i64::from(fy);
    if to >= from {
        if (tm, td) < (fm, fd) {
            years -= 1;
        }
    } else if (tm, td) > (fm, fd) {
        years += 1;
    }
    years
}

/// The same day `years` later (29 February becomes 28 February).
pub fn add_years(day: Day, years: i32) -> Day {
    if day <= DAWN || day >= DUSK {
        return day;
    }
    let (y, m, d) = civil_from_days(day);
    let target = y + years;
    let leap = (target % 4 == 0 && target % 100 != 0) || target % 400 == 0;
    let d = if m == 2 && d == 29 && !leap { 28 } else { d };
    days_from_civil(target, m, d)
}

/// An uncertain (`?`) date may be off: a year either side, the unit in
/// which ages are counted. Approximate dates are already widened by the parser.
pub fn widened(interval: Interval) -> Interval {
    if !interval.uncertain {
        return interval;
    }
    Interval {
        earliest: if interval.earliest <= DAWN {
            DAWN
        } else {
            add_years(interval.earliest, -1)
        },
        latest: if interval.latest >= DUSK {
            DUSK
        } else {
            add_years(interval.latest, 1)
        },
        ..interval
    }
}

/// A day for `reasoning`; open ends are `unknown`, not a date ten thousand
/// years ago.
pub fn show(day: Day) -> String {
    if day <= DAWN || day >= DUSK {
        "unknown".to_string()
    } else {
        crate::date::format_day(day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Day {
        days_from_civil(y, m, d)
    }

    #[test]
    fn completed_years() {
        assert_eq!(whole_years(day(1989, 6, 10), day(2017, 6, 9)), 27);
        assert_eq!(whole_years(day(1989, 6, 10), day(2017, 6, 10)), 28);
        assert_eq!(whole_years(day(1989, 6, 10), day(1989, 6, 10)), 0);
        assert_eq!(whole_years(day(1989, 6, 10), day(1988, 6, 11)), 0);
        assert_eq!(whole_years(day(1989, 6, 10), day(1988, 6, 10)), -1);
        assert!(whole_years(DAWN, day(2000, 1, 1)) > 5000);
    }

    #[test]
    fn anniversaries() {
        assert_eq!(add_years(day(1900, 3, 1), 120), day(2020, 3, 1));
        assert_eq!(add_years(day(2000, 2, 29), 1), day(2001, 2, 28));
        assert_eq!(add_years(DUSK, 120), DUSK);
    }
}
