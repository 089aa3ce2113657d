use crate::checker::after_death::{self, EventKind};
use crate::checker::{declare_rule, Context};
use crate::evidence::{favour, score};
use crate::finding::{Finding, Severity};

declare_rule! {
    /// ## What it does
    /// Flags a capture, release, escape or injury (`captured`, `released`,
    /// `escaped`, `injured`) dated after a death claim (`killed`, `died`)
    /// about the same person. Certainly after keeps the rule's severity;
    /// possibly after (the event may fall after the death's last day, or a
    /// date is marked `?`) is one step milder; an event inside the death's
    /// own date is not flagged; an undated event (at an unknown time up to
    /// its report date) reported after the death is possibly after it.
    /// Reports of one death whose dates can overlap count as one death: all
    /// the events after it are in one finding, the death's reports first,
    /// then the strongest events (at most five; the rest are counted).
    ///
    /// When the evidence already rejects the death (a later sign of life
    /// outweighs every report of it, as the verdicts weigh), the finding
    /// rests only on a death nobody need believe: it is kept at `info`, and
    /// the `alive-after-death` finding about the same death lists the event
    /// as context. A capture or injury that explicitly refutes the death is
    /// reported here, not also by `refuted-claim`.
    ///
    /// ## Why it matters
    /// Only the living are captured, freed or wounded. Either the death
    /// report was premature, or the event belongs to someone else or another
    /// date. `favours` weighs the death against the strongest such event;
    /// at equal weight the later event prevails, as a sign of life does.
    ///
    /// ## Example
    /// Fires (reported killed in 2019, arrested in 2021):
    /// ```json
    /// {"who": "Abubakar Mainok", "status": "killed", "date": "2019-09", "source": "garowe-2019"}
    /// {"who": "Abubakar Mainok", "status": "captured", "date": "2021-02-11", "by": "NISA", "source": "hiiraan-2021"}
    /// ```
    /// Quiet (wounded, then killed):
    /// ```json
    /// {"who": "Abubakar Mainok", "status": "injured", "date": "2019-09", "source": "garowe-2019"}
    /// {"who": "Abubakar Mainok", "status": "killed", "date": "2022-10-27", "source": "afp-2022"}
    /// ```
    pub static RULE = {
        id: "custody-after-death",
        severity: Severity::Error,
        summary: "captured, released, escaped or injured after death",
        check: check,
    }
}

/// The events this rule looks for after a death.
static CUSTODY: EventKind = EventKind {
    is_event: &|e| e.status.is_custody(),
    when: &|e| e.when,
    strong: &|_| false,
};

fn check(ctx: &Context) -> Vec<Finding> {
    after_death::find(ctx, &CUSTODY, None, |group, person| {
        let headline = ctx.claim(group.headline(ctx));
        let message = format!(
            "{} but {} {}{}",
            group.death_clause(ctx),
            headline.status,
            headline.date_words(),
            group.more_after("event", "events")
        );
        let mut reasoning: Vec<String> = group.orders(ctx, "events");
        // The heaviest of the events, the latest among equals.
        let strongest = group
            .events
            .iter()
            .map(|&(c, _, _)| (c, score(ctx.dataset, ctx.claim(c))))
            .fold(None, |best: Option<(usize, f64)>, cand| match best {
                Some(b) if b.1 > cand.1 => Some(b),
                _ => Some(cand),
            })
            .map_or(group.death, |(c, _)| c);
        let (favours, why) = favour(ctx.dataset, group.death, strongest, true);
        reasoning.push(format!(
            "weighing the death against the strongest event: {why}"
        ));
        group.secondary_finding(ctx, person, &RULE, message, &reasoning, favours)
    })
}
