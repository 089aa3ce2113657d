use crate::checker::after_death::{self, EventKind};
use crate::checker::tenure::start as tenure_start;
use crate::checker::{declare_rule, describe, describe_date, explain_order, Context};
use crate::evidence::favour;
use crate::finding::{Finding, Severity};
use crate::model::Status;

declare_rule! {
    /// ## What it does
    /// Flags a `role` claim whose tenure *starts* after a death claim
    /// (`killed`, `died`) about the same person: certainly after (keeps the
    /// rule's severity) or possibly after (one step milder). The start is
    /// the part of the date before the `/` (`2019` in `2019/2022-10-27`); a
    /// role given as one date (`2017`) starts somewhere in it; an open
    /// start (`../2020`) may have started any time up to its end. An
    /// undated role was held at an unknown time up to its report date, so a
    /// start before the death always fits it; and reports published after a
    /// death routinely recall the posts a man held (a profile, an obituary).
    /// It is no evidence of a role after the death and is not checked. All
    /// the roles after one death are listed in one finding, the death's
    /// reports first, then the strongest roles (at most five, the rest
    /// counted). When the evidence already rejects the death (a
    /// later sign of life outweighs every report of it), the finding rests
    /// only on that rejected death: it is kept at `info`, and the
    /// `alive-after-death` finding lists the role as context.
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

fn check(ctx: &Context) -> Vec<Finding> {
    let roles = EventKind {
        is_event: &|e| e.status == Status::Role && e.dated,
        when: &|e| tenure_start(ctx.claim(e.claim)),
        strong: &|e| e.dated,
    };
    after_death::find(ctx, &roles, None, |group, person| {
        let headline = ctx.claim(group.headline(ctx));
        let message = format!(
            "{} but {} of {} {}{}",
            group.death_clause(ctx),
            headline.role.as_deref().unwrap_or("a role"),
            headline.org.as_deref().unwrap_or("an unnamed organisation"),
            headline.date.as_ref().map_or("undated".to_string(), |d| {
                match d.words() {
                    words
                        if words.starts_with("by ")
                            || words.starts_with("from ")
                            || words.starts_with("between ") =>
                    {
                        words
                    }
                    words => format!("from {words}"),
                }
            }),
            group.more_after("role", "roles")
        );
        let mut reasoning: Vec<String> = group
            .events
            .iter()
            .map(|&(c, order, d)| {
                let (role, death) = (ctx.claim(c), ctx.claim(d));
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
        reasoning.extend(group.orders(ctx, "roles").split_off(group.events.len()));
        let (favours, why) = favour(ctx.dataset, group.death, group.headline(ctx), false);
        reasoning.push(format!("weighing the death against the role: {why}"));
        group.secondary_finding(ctx, person, &RULE, message, &reasoning, favours)
    })
}
