use crate::checker::{declare_rule, Context};
use crate::date::{format_day, Order};
use crate::finding::{Finding, Severity};

declare_rule! {
    /// ## What it does
    /// Flags a claim whose event is dated after the claim was published
    /// (`reported`, or its source's `published`): every possible day of the
    /// event falls after every possible day of the report.
    ///
    /// ## Why it matters
    /// Nobody reports an event before it happens. The event date or the
    /// report date is wrong, often a year typed for another, and every rule
    /// that orders this claim against others inherits the error.
    ///
    /// ## Example
    /// Fires (the article of August 2017 cannot report a September event):
    /// ```json
    /// {"who": "Lavdrim Muhaxheri", "status": "killed", "date": "2017-09", "reported": "2017-08-04"}
    /// ```
    /// Quiet (a month-precise report may well follow a day in that month):
    /// ```json
    /// {"who": "Lavdrim Muhaxheri", "status": "killed", "date": "2017-06-07", "reported": "2017-06"}
    /// ```
    pub static RULE = {
        id: "event-after-report",
        severity: Severity::Error,
        summary: "an event dated after the claim was published",
        check: check,
    }
}

fn check(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (index, claim) in ctx.dataset.claims.iter().enumerate() {
        let (Some(date), Some(report)) = (&claim.date, claim.report) else {
            continue;
        };
        // Only a certain order is a contradiction: a day inside a month-
        // precise report is ordinary imprecision, not an error.
        if report.before(&date.interval) != Order::Certain {
            continue;
        }
        let report_text = claim
            .reported
            .as_ref()
            .map(|r| r.text.clone())
            .unwrap_or_else(|| {
                format!(
                    "{}, the source's publication date",
                    format_day(report.latest)
                )
            });
        findings.push(ctx.finding(
            &RULE,
            Order::Certain,
            vec![index],
            format!(
                "{} reported {} in {}, after the report itself ({})",
                claim.who, claim.status, date.text, report_text
            ),
            format!(
                "the event's earliest day {} is after the report's latest day {}",
                format_day(date.interval.earliest),
                format_day(report.latest)
            ),
            None,
        ));
    }
    findings
}
