use std::collections::BTreeSet;

use crate::checker::{declare_rule, describe, Context};
use crate::date::Order;
use crate::evidence::{favour, score};
use crate::finding::{Finding, Severity};
use crate::model::Status;

declare_rule! {
    /// ## What it does
    /// Flags field activity (`active`: led, planned, fought) dated
    /// certainly inside a period of custody: after a capture (`captured`)
    /// and before the next release or escape (`released`, `escaped`), or
    /// after a capture with no release at all. "Certainly inside" means every
    /// day of the activity is after every day of the capture and before
    /// every day of the release, and no date is marked `?`. All the activity
    /// inside one period of custody is listed in one finding: the capture,
    /// the activity, then the release if there is one.
    ///
    /// Proof of life (`alive`) in custody is not flagged: prisoners are
    /// alive, and are seen in court and in prison videos. Activity whose
    /// date may fall outside the period (undated, `2017` against a capture
    /// in June 2017) is not flagged either.
    ///
    /// ## Why it matters
    /// A detained man does not lead raids. Either the capture report was
    /// wrong, the release or escape was never recorded, or the activity was
    /// someone else's (or carried out in his name). `favours` weighs the
    /// capture against the strongest activity inside the period.
    ///
    /// ## Example
    /// Fires (planning attacks while held since 2016):
    /// ```json
    /// {"who": "Ridvan Haqifi", "status": "captured", "date": "2016-11-16", "source": "reuters-2016"}
    /// {"who": "Ridvan Haqifi", "status": "active", "date": "2017-05", "source": "telegrafi-2017"}
    /// ```
    /// Quiet (seen in court while held):
    /// ```json
    /// {"who": "Ridvan Haqifi", "status": "captured", "date": "2016-11-16", "source": "reuters-2016"}
    /// {"who": "Ridvan Haqifi", "status": "alive", "date": "2017-05", "source": "koha-2017"}
    /// ```
    pub static RULE = {
        id: "active-while-detained",
        severity: Severity::Warning,
        summary: "field activity dated inside a period of custody",
        check: check,
    }
}

fn check(ctx: &Context) -> Vec<Finding> {
    ctx.per_entity(|_, timeline, findings| {
        let mut reported = BTreeSet::new();
        for entry in timeline {
            if entry.status != Status::Captured {
                continue;
            }
            let c = entry.claim;
            // The release that ends this custody: of those not before the
            // capture, the one that may come first (the shortest period).
            let release = timeline
                .iter()
                .filter(|r| {
                    matches!(r.status, Status::Released | Status::Escaped)
                        && r.when.latest >= entry.when.earliest
                })
                .min_by_key(|r| r.when.earliest);
            let inside: Vec<usize> = timeline
                .iter()
                .filter(|a| {
                    a.status == Status::Active
                        && !reported.contains(&a.claim)
                        && entry.when.certainly_before(&a.when)
                        && release.is_none_or(|r| a.when.certainly_before(&r.when))
                })
                .map(|a| a.claim)
                .collect();
            let release = release.map(|r| r.claim);
            if inside.is_empty() {
                continue;
            }
            let capture = ctx.claim(c);
            reported.extend(inside.iter().copied());
            let period = match release {
                Some(r) => format!(
                    "between {} and {}",
                    describe(capture),
                    describe(ctx.claim(r))
                ),
                None => format!(
                    "after {}, with no release or escape recorded",
                    describe(capture)
                ),
            };
            let mut reasoning: Vec<String> = inside
                .iter()
                .map(|&a| format!("{} is certainly {period}", describe(ctx.claim(a))))
                .collect();
            let strongest = inside
                .iter()
                .map(|&a| (a, score(ctx.dataset, ctx.claim(a))))
                .fold(None, |best: Option<(usize, f64)>, cand| match best {
                    Some(b) if b.1 > cand.1 => Some(b),
                    _ => Some(cand),
                })
                .map_or(c, |(a, _)| a);
            let (favours, why) = favour(ctx.dataset, c, strongest, false);
            reasoning.push(format!(
                "weighing the capture against the strongest activity: {why}"
            ));
            let headline = ctx.claim(inside[inside.len() - 1]);
            let message = format!(
                "{} active {} while in custody since captured {}{}",
                ctx.name_of(c),
                headline.date_text(),
                capture.date_text(),
                match release {
                    Some(r) => format!(" ({} {})", ctx.claim(r).status, ctx.claim(r).date_text()),
                    None => " (no release recorded)".into(),
                }
            );
            let grounds: Vec<(Order, Vec<usize>)> = inside
                .iter()
                .map(|&a| {
                    (
                        Order::Certain,
                        std::iter::once(c).chain([a]).chain(release).collect(),
                    )
                })
                .collect();
            let claims: Vec<usize> = std::iter::once(c).chain(inside).chain(release).collect();
            findings.push(ctx.grouped_finding(
                &RULE,
                &grounds,
                claims,
                message,
                reasoning.join("; "),
                favours,
            ));
        }
    })
}
