//! What the rules about events after a death share: when an event counts as
//! after a death, and grouping every such event under the death it follows,
//! so that one false death report followed by five signs of life gives one
//! finding, not five.

use crate::checker::{Context, Entry, Rule};
use crate::date::{Interval, Order};
use crate::finding::Finding;

/// How an event is ordered after a death.
///
/// Certain when every day of the death precedes every day of the event.
/// Possible when some reading puts the event after the death's *last* day:
/// the event may run later (`2017` against a death in June 2017), or be
/// open-ended (a video released `../2015-05`), or a date is marked
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

/// A death claim and the events found after it.
pub(crate) struct AfterDeath {
    pub death: usize,
    /// Event claims with their order after the death, in timeline order.
    pub events: Vec<(usize, Order)>,
}

impl AfterDeath {
    /// The event the message names: the latest certain one, else the latest.
    pub fn headline(&self, ctx: &Context) -> usize {
        let certain: Vec<usize> = self
            .events
            .iter()
            .filter(|(_, o)| *o == Order::Certain)
            .map(|(c, _)| *c)
            .collect();
        let pool: Vec<usize> = if certain.is_empty() {
            self.events.iter().map(|(c, _)| *c).collect()
        } else {
            certain
        };
        // Latest by the start of its date, then by its end; the pool is in
        // timeline order, so `max_by_key` keeps the last of equals.
        pool.into_iter()
            .max_by_key(|&c| (ctx.claim(c).when.earliest, ctx.claim(c).when.latest))
            .unwrap_or(self.death)
    }

    /// Each (death, event) pair as a ground for [`Context::grouped_finding`].
    pub fn grounds(&self) -> Vec<(Order, Vec<usize>)> {
        self.events
            .iter()
            .map(|&(c, o)| (o, vec![self.death, c]))
            .collect()
    }

    /// " (and 2 more signs of life after it)": the events beyond the one the
    /// message names; `one` and `many` are the singular and plural nouns.
    pub fn more_after(&self, one: &str, many: &str) -> String {
        match self.events.len().saturating_sub(1) {
            0 => String::new(),
            1 => format!(" (and 1 more {one} after it)"),
            n => format!(" (and {n} more {many} after it)"),
        }
    }

    /// How each event's date was found after the death, for `reasoning`.
    pub fn orders(&self, ctx: &Context) -> Vec<String> {
        let death = ctx.claim(self.death);
        self.events
            .iter()
            .map(|&(c, order)| {
                let event = ctx.claim(c);
                super::explain_order(
                    &super::describe(death),
                    &death.when,
                    &super::describe(event),
                    &event.when,
                    order,
                )
            })
            .collect()
    }

    /// All claims, the death first, then the events in timeline order.
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
        ctx.grouped_finding(
            rule,
            &self.grounds(),
            self.claims(),
            message,
            reasoning.join("; "),
            favours,
        )
    }

    pub fn claims(&self) -> Vec<usize> {
        std::iter::once(self.death)
            .chain(self.events.iter().map(|(c, _)| *c))
            .collect()
    }
}

/// For every death claim of every entity, the claims matching `is_event`
/// whose date (as `when` gives it) is certainly or possibly after the death,
/// each group turned into a finding by `report`. Deaths with no such event
/// are left out. Deterministic: entities in reconciliation order, claims in
/// timeline order.
pub(crate) fn find(
    ctx: &Context,
    is_event: impl Fn(&Entry) -> bool + Sync,
    when: impl Fn(&Entry) -> Interval + Sync,
    report: impl Fn(AfterDeath) -> Finding + Sync,
) -> Vec<Finding> {
    ctx.per_entity(|_, timeline, findings| {
        for death in timeline {
            if !death.status.is_death() {
                continue;
            }
            let events: Vec<(usize, Order)> = timeline
                .iter()
                .filter(|e| e.claim != death.claim && is_event(e))
                .filter_map(|e| match order(&death.when, &when(e)) {
                    Order::Impossible => None,
                    o => Some((e.claim, o)),
                })
                .collect();
            if !events.is_empty() {
                findings.push(report(AfterDeath {
                    death: death.claim,
                    events,
                }));
            }
        }
    })
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
}
