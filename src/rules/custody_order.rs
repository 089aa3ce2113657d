use crate::checker::{declare_rule, describe, explain_order, Context, Entry};
use crate::date::Order;
use crate::finding::{Finding, Severity};
use crate::model::Status;

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

fn is_release(status: Status) -> bool {
    matches!(status, Status::Released | Status::Escaped)
}

fn check(ctx: &Context) -> Vec<Finding> {
    ctx.per_entity(|_, timeline, findings| {
        let captures: Vec<&Entry> = timeline
            .iter()
            .filter(|e| e.status == Status::Captured)
            .collect();
        let releases: Vec<&Entry> = timeline.iter().filter(|e| is_release(e.status)).collect();
        for entry in &releases {
            // A capture counts if it may fall before the release or on its days.
            if captures
                .iter()
                .any(|c| c.when.earliest <= entry.when.latest)
            {
                continue;
            }
            let r = entry.claim;
            let release = ctx.claim(r);
            let (order, reasoning) = match captures.first() {
                None => (
                    Order::Certain,
                    format!(
                        "no `captured` claim about {} at all; {} needs one before it",
                        ctx.name_of(r),
                        describe(release)
                    ),
                ),
                Some(c) => {
                    let capture = ctx.claim(c.claim);
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
            let (first, second) = (pair[0].when, pair[1].when);
            if first.overlaps(&second) {
                continue; // two reports of one arrest
            }
            let between = releases
                .iter()
                .any(|r| r.when.latest >= first.earliest && r.when.earliest <= second.latest);
            if between {
                continue;
            }
            let pair = [pair[0].claim, pair[1].claim];
            let (first, second) = (ctx.claim(pair[0]), ctx.claim(pair[1]));
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
    })
}
