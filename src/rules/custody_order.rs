use crate::date::Order;
use crate::finding::{Finding, Severity};
use crate::model::{Claim, Status};
use crate::rules::{declare_rule, describe, explain_order, Context};

declare_rule! {
    /// ## What it does
    /// Checks the order of custody events for each person:
    /// - a release or escape (`released`, `escaped`) with no capture
    ///   (`captured`) dated before it or on the same days;
    /// - a capture after an earlier capture, the two certainly apart, with
    ///   no release or escape that may fall between them: captured again
    ///   while still held.
    ///
    /// A release whose date is open (undated, or `../2019`) may fall
    /// anywhere before its end, so it counts as between. Two captures whose
    /// dates overlap are taken as reports of one arrest. A date marked `?`
    /// makes the finding one step milder.
    ///
    /// ## Why it matters
    /// Custody has an order: taken, then freed or escaped. A release with no
    /// capture usually means a missing record (the arrest was never
    /// entered), and a second capture with no release between means a
    /// missing release or escape, or a transfer between captors recorded as
    /// a new arrest. Either gap makes the person's whereabouts, and rules
    /// such as `active-while-detained`, unreliable.
    ///
    /// ## Example
    /// Fires (arrested twice, no release between):
    /// ```json
    /// {"who": "Ridvan Haqifi", "status": "captured", "date": "2015-08", "by": "Kosovo police", "source": "koha-2015"}
    /// {"who": "Ridvan Haqifi", "status": "captured", "date": "2016-11-16", "by": "Kosovo police", "source": "reuters-2016"}
    /// ```
    /// Quiet (released between the two arrests):
    /// ```json
    /// {"who": "Ridvan Haqifi", "status": "captured", "date": "2015-08", "source": "koha-2015"}
    /// {"who": "Ridvan Haqifi", "status": "released", "date": "2016-02", "source": "koha-2016"}
    /// {"who": "Ridvan Haqifi", "status": "captured", "date": "2016-11-16", "source": "reuters-2016"}
    /// ```
    pub static RULE = {
        id: "custody-order",
        severity: Severity::Warning,
        summary: "released or escaped with no capture before it; captured again while still held",
        check: check,
    }
}

fn is_release(claim: &Claim) -> bool {
    matches!(claim.status, Status::Released | Status::Escaped)
}

fn check(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for timeline in ctx.timelines() {
        let captures: Vec<usize> = timeline
            .iter()
            .copied()
            .filter(|&c| ctx.claim(c).status == Status::Captured)
            .collect();
        let releases: Vec<usize> = timeline
            .iter()
            .copied()
            .filter(|&c| is_release(ctx.claim(c)))
            .collect();
        for &r in &releases {
            let release = ctx.claim(r);
            // A capture counts if it may fall before the release or on its days.
            if captures
                .iter()
                .any(|&c| ctx.claim(c).when.earliest <= release.when.latest)
            {
                continue;
            }
            let (order, reasoning) = match captures.first() {
                None => (
                    Order::Certain,
                    format!(
                        "no `captured` claim about {} at all; {} needs one before it",
                        ctx.name_of(r),
                        describe(release)
                    ),
                ),
                Some(&c) => {
                    let capture = ctx.claim(c);
                    let order = release.when.before(&capture.when);
                    (
                        order,
                        format!(
                            "every capture is later: {}",
                            explain_order(
                                &describe(release),
                                &release.when,
                                &describe(capture),
                                &capture.when,
                                order
                            )
                        ),
                    )
                }
            };
            findings.push(ctx.finding(
                &RULE,
                order,
                vec![r],
                format!(
                    "{} {} {} with no capture before it",
                    ctx.name_of(r),
                    release.status,
                    release.date_text()
                ),
                reasoning,
                None,
            ));
        }
        for pair in captures.windows(2) {
            let (first, second) = (ctx.claim(pair[0]), ctx.claim(pair[1]));
            if first.when.overlaps(&second.when) {
                continue; // two reports of one arrest
            }
            let between = releases.iter().any(|&r| {
                let release = &ctx.claim(r).when;
                release.latest >= first.when.earliest && release.earliest <= second.when.latest
            });
            if between {
                continue;
            }
            let order = first.when.before(&second.when);
            findings.push(ctx.finding(
                &RULE,
                order,
                vec![pair[1], pair[0]],
                format!(
                    "{} captured {} while still held since captured {}",
                    ctx.name_of(pair[1]),
                    second.date_text(),
                    first.date_text()
                ),
                format!(
                    "{}, and no release or escape may fall between them",
                    explain_order(
                        &describe(first),
                        &first.when,
                        &describe(second),
                        &second.when,
                        order
                    )
                ),
                None,
            ));
        }
    }
    findings
}
