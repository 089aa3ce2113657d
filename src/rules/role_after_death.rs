use crate::date::{Edtf, Interval, DAWN};
use crate::finding::{Finding, Severity};
use crate::model::{Claim, Status};
use crate::rules::evidence::favour;
use crate::rules::{after_death, declare_rule, describe, describe_date, explain_order, Context};

declare_rule! {
    /// ## What it does
    /// Flags a `role` claim whose tenure *starts* after a death claim
    /// (`killed`, `died`) about the same person: certainly after (keeps the
    /// rule's severity) or possibly after (one step milder). The start is
    /// the part of the date before the `/` (`2019` in `2019/2022-10-27`); a
    /// role given as one date (`2017`) starts somewhere in it; an open
    /// start (`../2020`) or an undated role may have started any time up
    /// to its end or report. All the roles after one death are listed in one
    /// finding, the death first.
    ///
    /// A tenure that started before the death is not flagged, whatever its
    /// end: one that ends on the day of the death (`2019/2022-10-27`, killed
    /// 2022-10-27) is the ordinary case, an open end (`2015/..`) only says
    /// the source did not know when it ended, and a stated end after the
    /// death is usually the day a successor was announced.
    ///
    /// ## Why it matters
    /// Nobody takes up a post after dying. Either the death claim is wrong,
    /// or the role belongs to someone else with a similar name, or its date
    /// is. `favours` weighs the death against the role without treating a
    /// role as proof of life: sources keep listing dead men in their posts.
    ///
    /// ## Example
    /// Fires (made leader two years after his reported death):
    /// ```json
    /// {"who": "Abubakar Mainok", "status": "killed", "date": "2019-09", "source": "garowe-2019"}
    /// {"who": "Abubakar Mainok", "status": "role", "role": "leader", "org": "Jabhat Sahil", "date": "2021-06/..", "source": "un-panel-2023"}
    /// ```
    /// Quiet (the tenure ends on the day he was killed):
    /// ```json
    /// {"who": "Abubakar Mainok", "status": "role", "role": "leader", "org": "Jabhat Sahil", "date": "2019/2022-10-27", "source": "un-panel-2023"}
    /// {"who": "Abubakar Mainok", "status": "killed", "date": "2022-10-27", "source": "afp-2022"}
    /// ```
    pub static RULE = {
        id: "role-after-death",
        severity: Severity::Error,
        summary: "a role held after death",
        check: check,
    }
}

/// When a role claim's tenure began, as an interval of days.
pub(crate) fn tenure_start(claim: &Claim) -> Interval {
    let Some(date) = &claim.date else {
        // Undated: any time up to its report.
        return claim.when;
    };
    match date.text.split_once('/') {
        // One date: the tenure starts somewhere in it.
        None => claim.when,
        Some((start, _)) => match start.trim() {
            "" | ".." => Interval {
                earliest: DAWN,
                ..claim.when
            },
            start => Edtf::parse(start).map_or(claim.when, |e| e.interval),
        },
    }
}

fn check(ctx: &Context) -> Vec<Finding> {
    after_death::find(ctx, |c| c.status == Status::Role, tenure_start)
        .into_iter()
        .map(|group| {
            let death = ctx.claim(group.death);
            let headline = ctx.claim(group.headline(ctx));
            let more = group.events.len() - 1;
            let message = format!(
                "{} reported {} {} but {} of {} from {}{}",
                ctx.name_of(group.death),
                death.status,
                death.date_text(),
                headline.role.as_deref().unwrap_or("a role"),
                headline.org.as_deref().unwrap_or("an unnamed organisation"),
                headline.date_text(),
                match more {
                    0 => String::new(),
                    1 => " (and 1 more role after it)".into(),
                    n => format!(" (and {n} more roles after it)"),
                }
            );
            let mut reasoning: Vec<String> = group
                .events
                .iter()
                .map(|&(c, order)| {
                    let role = ctx.claim(c);
                    let start = tenure_start(role);
                    explain_order(
                        &describe(death),
                        &death.when,
                        &describe_date("the tenure's start", role, &start),
                        &start,
                        order,
                    )
                })
                .collect();
            let (favours, why) = favour(ctx.dataset, group.death, group.headline(ctx), false);
            reasoning.push(format!("weighing the death against the role: {why}"));
            ctx.grouped_finding(
                &RULE,
                &group.grounds(),
                group.claims(),
                message,
                reasoning.join("; "),
                favours,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Order;

    fn start_of(date: &str) -> Interval {
        let edtf = Edtf::parse(date).expect(date);
        let claim = Claim {
            id: "r".into(),
            who: "x".into(),
            status: Status::Role,
            when: edtf.interval,
            date: Some(edtf),
            source: None,
            aliases: vec![],
            reported: None,
            according_to: None,
            certainty: Default::default(),
            evidence: None,
            place: None,
            by: None,
            role: None,
            org: None,
            age: None,
            refutes: vec![],
            quote: None,
            pos: crate::model::Pos {
                file: "t".into(),
                line: 1,
                column: 1,
            },
            report: None,
        };
        tenure_start(&claim)
    }

    fn iv(text: &str) -> Interval {
        Edtf::parse(text).expect(text).interval
    }

    #[test]
    fn tenures_start_where_their_date_starts() {
        let death = iv("2022-10-27");
        // Ends on the day of death: started long before.
        assert_eq!(
            after_death::order(&death, &start_of("2019/2022-10-27")),
            Order::Impossible
        );
        // Open end: not held after death by itself.
        assert_eq!(
            after_death::order(&iv("2017"), &start_of("2015/..")),
            Order::Impossible
        );
        assert_eq!(
            after_death::order(&iv("2019-09"), &start_of("2021-06/..")),
            Order::Certain
        );
        // Open start: may have begun any time up to its end.
        assert_eq!(
            after_death::order(&iv("2017"), &start_of("../2020")),
            Order::Possible
        );
        assert_eq!(
            after_death::order(&iv("2017-06"), &start_of("2017")),
            Order::Possible
        );
    }
}
