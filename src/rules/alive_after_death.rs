use crate::checker::after_death::{self, EventKind};
use crate::checker::tenure::start as tenure_start;
use crate::checker::{declare_rule, Context};
use crate::date::Order;
use crate::evidence::{favour, score};
use crate::finding::{Finding, Severity};
use crate::model::Status;

declare_rule! {
    /// ## What it does
    /// Flags proof of life (`alive`: seen, heard, photographed) or activity
    /// (`active`: led, planned, issued a statement) dated after a death
    /// claim (`killed`, `died`) about the same person. Reports of one death
    /// whose dates can overlap are one death, and every sign of life after
    /// it is in a single finding: the death's reports first, then the
    /// strongest signs of life in date order (at most five, proof of life
    /// before activity; the others are counted, so that a person with
    /// thousands of claims gets findings in proportion to the deaths, not
    /// to the pairs of claims); the message names the latest that is
    /// certainly after the death. An undated sign of life, at an unknown
    /// time up to its report date, is possibly after a death it was
    /// reported after.
    ///
    /// One contradiction, one finding: a sign of life that also names the
    /// death in `refutes` is listed here whatever its rank, the reasoning
    /// says it refutes the death explicitly, and `refuted-claim` does not
    /// report that pair again. Custody, injuries and roles dated after the
    /// death are listed as context; when a sign of life outweighs the death,
    /// `custody-after-death` and `role-after-death` keep theirs at `info`.
    ///
    /// The order is *certain* when every day of the death precedes every day
    /// of the sign of life, and the finding keeps the rule's severity. It is
    /// only *possible* when the sign of life may fall after the death's last
    /// day but need not (a video "released by May 2015", `../2015-05`,
    /// against a death in August 2014; a date marked `?`), and the finding
    /// is one step milder. A sign of life entirely before the death, or
    /// inside the death's own date (alive on 2014-08-20, killed in 2014-08),
    /// is not flagged. Only the `alive` and `active` statuses count: a
    /// `designated` claim that calls him an active leader is a listing, not
    /// a sighting.
    ///
    /// `active` is weaker evidence than `alive`: statements are issued, and
    /// plots attributed, in the name of men already dead. A group that hides
    /// its leader's death for two years (killed in March 2019, death
    /// announced in 2021, statements in his name meanwhile) is recorded as
    /// the sources had it, the statements as `active`, because that is what
    /// they asserted when published; the rule fires, which is the point:
    /// the dataset holds claims that cannot all be true, and a reviewer
    /// resolves the finding by naming the statements as the wrong claims.
    /// The reasoning says when the signs of life are only activity.
    ///
    /// ## Why it matters
    /// A dead man leaves no new traces; a false death report does. Either
    /// the death claim is wrong (the person survived, as often after
    /// premature reports of air-strike deaths) or the sign of life is
    /// (misattributed, misdated, or issued in his name). `favours` weighs
    /// the death claim against the strongest sign of life after it, and at
    /// equal weight the later sign of life prevails.
    ///
    /// ## Example
    /// Fires (reported killed by the Peshmerga in August 2014, linked to a
    /// plot in November 2015):
    /// ```json
    /// {"who": "Lavdrim Muhaxheri", "status": "killed", "date": "2014-08", "source": "balkaninsight-2014"}
    /// {"who": "Lavdrim Muhaxheri", "status": "active", "date": "2015-11", "source": "reuters-2015"}
    /// ```
    /// Quiet (the sign of life precedes the death):
    /// ```json
    /// {"who": "Lavdrim Muhaxheri", "status": "alive", "date": "2016-11", "source": "reuters-2016"}
    /// {"who": "Lavdrim Muhaxheri", "status": "killed", "date": "2017-06-07", "source": "orton-2017"}
    /// ```
    pub static RULE = {
        id: "alive-after-death",
        severity: Severity::Error,
        summary: "proof of life or activity dated after a death claim",
        check: check,
    }
}

/// The events this rule looks for after a death.
static SIGNS_OF_LIFE: EventKind = EventKind {
    is_event: &|e| e.status.is_sign_of_life(),
    when: &|e| e.when,
    strong: &|e| e.status == Status::Alive,
};

fn check(ctx: &Context) -> Vec<Finding> {
    let context = EventKind {
        is_event: &|e| e.status.is_custody() || (e.status == Status::Role && e.dated),
        when: &|e| tenure_start(ctx.claim(e.claim)),
        strong: &|_| false,
    };
    after_death::find(ctx, &SIGNS_OF_LIFE, Some(&context), |group, person| {
        let death = ctx.claim(group.death);
        let headline = ctx.claim(group.headline(ctx));
        let message = format!(
            "{} reported {}{} but {}{}",
            ctx.name_of(group.death),
            describe_short(death),
            group.reports(),
            describe_short(headline),
            group.more_after("sign of life", "signs of life")
        );
        let mut reasoning: Vec<String> = group.orders(ctx, "signs of life");
        reasoning.extend(only_activity(ctx, &group));
        // The one weighing of a death, as `timeline` and `sources` ask it.
        let (favours, why) = match group.position_of(person.timeline, group.death) {
            Some(pos) => person.rejections.judge(ctx.dataset, pos),
            None => favour(
                ctx.dataset,
                group.death,
                strongest_sign_of_life(ctx, &group),
                true,
            ),
        };
        reasoning.push(format!(
            "weighing the death against the signs of life: {why}"
        ));
        reasoning.extend(context_after(ctx, person, &group));
        group.finding(ctx, &RULE, message, &reasoning, favours)
    })
}

/// What the reasoning says when signs of life are only activity.
fn only_activity(ctx: &Context, group: &after_death::AfterDeath) -> Option<String> {
    let active: Vec<String> = group
        .events
        .iter()
        .filter(|&&(c, _, _)| ctx.claim(c).status == Status::Active)
        .map(|&(c, _, _)| format!("`{}`", ctx.claim(c).id))
        .collect();
    if active.len() == group.events.len() {
        Some("every sign of life here is activity (`active`), weaker than proof of life (`alive`): statements can be issued in a dead man's name".into())
    } else if !active.is_empty() {
        Some(format!(
            "{} only activity (`active`), weaker than proof of life (`alive`)",
            if active.len() == 1 {
                format!("{} is", active[0])
            } else {
                format!("{} are", active.join(", "))
            }
        ))
    } else {
        None
    }
}

/// Custody, injuries and roles dated after this death, which rest on the
/// same death: listed here as context, the latest few and a count.
fn context_after(
    ctx: &Context,
    person: &after_death::Person,
    group: &after_death::AfterDeath,
) -> Option<String> {
    let later = person.later.as_ref()?;
    let (count, latest) = later.after(person.timeline, group, 3);
    if count == 0 {
        return None;
    }
    let listed: Vec<String> = latest
        .iter()
        .map(|&pos| {
            let claim = ctx.claim(person.timeline[pos].claim);
            format!("{} {} (`{}`)", claim.status, claim.date_text(), claim.id)
        })
        .collect();
    let more = match count - listed.len() {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    let rejected = person
        .rejections
        .all_rejected(ctx.dataset, &group.positions)
        .is_some();
    Some(format!(
        "context: also dated after this death, {}{more} (custody-after-death and role-after-death report them{})",
        listed.join(", "),
        if rejected {
            " at info, as the evidence rejects this death"
        } else {
            ""
        }
    ))
}

/// `killed 2014-08`: status and date as written.
fn describe_short(claim: &crate::model::Claim) -> String {
    format!("{} {}", claim.status, claim.date_words())
}

/// The sign of life to weigh against the death: among those certainly
/// after it (else all), proof of life before activity, then the heaviest,
/// then the latest.
fn strongest_sign_of_life(ctx: &Context, group: &after_death::AfterDeath) -> usize {
    let any_certain = group.events.iter().any(|(_, o, _)| *o == Order::Certain);
    group
        .events
        .iter()
        .filter(|(_, o, _)| !any_certain || *o == Order::Certain)
        .map(|&(c, _, _)| {
            let claim = ctx.claim(c);
            (c, claim.status == Status::Alive, score(ctx.dataset, claim))
        })
        .fold(None, |best: Option<(usize, bool, f64)>, cand| match best {
            Some(b) if (b.1, b.2) > (cand.1, cand.2) => Some(b),
            _ => Some(cand),
        })
        .map_or(group.death, |(c, _, _)| c)
}
