use crate::checker::after_death::{self, death_events, DeathEvent, Rejections};
use crate::checker::{declare_rule, describe, explain_order, Context, Entry};
use crate::date::Order;
use crate::evidence::strongest;
use crate::finding::{Finding, Severity};

declare_rule! {
    /// ## What it does
    /// Flags death claims (`killed`, `died`) about one person that cannot
    /// be the same event: their dates are certainly apart (every day of one
    /// before every day of the other, neither marked `?`). Reports whose
    /// dates can overlap describe one death, whatever agents or places they
    /// name: those differences are `death-attribution-conflict`, never
    /// several deaths. An undated claim is a report of a death at an unknown
    /// time up to its report date: it counts as the latest death it can be,
    /// and as a death of its own only when it was reported before every
    /// dated one.
    ///
    /// All the separate deaths of one person are listed in one finding, in
    /// date order, with reports of the same death grouped together in the
    /// message; the reasoning shows, for each death, a report of it that is
    /// certainly before a report of the next. The finding keeps the rule's
    /// severity when two reports that neither source doubts are apart, one
    /// step milder otherwise; when the evidence already rejects every one
    /// of the death reports (each outweighed by a later sign of life, see
    /// `alive-after-death`), it is kept at `info`. `favours` names the
    /// strongest claim of the strongest death.
    ///
    /// ## Why it matters
    /// A person dies once. Several deaths mean all but one are false reports,
    /// typically premature air-strike claims before the real death, and every
    /// verdict on the person depends on knowing which one holds.
    ///
    /// ## Example
    /// Fires (reported killed in 2014, 2016 and June 2017):
    /// ```json
    /// {"who": "Lavdrim Muhaxheri", "status": "killed", "date": "2014-08", "source": "balkaninsight-2014"}
    /// {"who": "Lavdrim Muhaxheri", "status": "killed", "date": "2016", "source": "kosovo-press-2016"}
    /// {"who": "Lavdrim Muhaxheri", "status": "killed", "date": "2017-06-07", "source": "orton-2017"}
    /// ```
    /// Quiet (two reports of one death in June 2017):
    /// ```json
    /// {"who": "Lavdrim Muhaxheri", "status": "killed", "date": "2017-06", "place": "Mayadin", "source": "rferl-2017"}
    /// {"who": "Lavdrim Muhaxheri", "status": "killed", "date": "2017-06-07", "place": "Mayadin, Syria", "source": "orton-2017"}
    /// ```
    pub static RULE = {
        id: "multiple-deaths",
        severity: Severity::Error,
        summary: "death claims that cannot be the same event (dates or places apart)",
        check: check,
    }
}

fn check(ctx: &Context) -> Vec<Finding> {
    ctx.per_entity(|_, timeline, findings| {
        let deaths = death_events(timeline);
        if deaths.len() < 2 {
            return;
        }
        let claims_of = |d: &DeathEvent| -> Vec<usize> {
            d.reports.iter().map(|&p| timeline[p].claim).collect()
        };
        let groups: Vec<Vec<usize>> = deaths.iter().map(claims_of).collect();
        let mut involved: Vec<usize> = deaths.iter().flat_map(|d| d.reports.clone()).collect();
        involved.sort_unstable();
        let involved: Vec<usize> = involved.iter().map(|&p| timeline[p].claim).collect();
        // Consecutive deaths are certainly apart: the report of one that
        // ends first before the report of the next that starts last.
        let mut reasoning = Vec::new();
        let mut grounds = Vec::new();
        for pair in deaths.windows(2) {
            let (Some(a), Some(b)) = (pair[0].ends_first, pair[1].starts_last) else {
                continue;
            };
            let (first, second) = (ctx.claim(timeline[a].claim), ctx.claim(timeline[b].claim));
            reasoning.push(explain_order(
                &describe(first),
                &first.when,
                &describe(second),
                &second.when,
                Order::Certain,
            ));
            grounds.push((Order::Certain, vec![timeline[a].claim, timeline[b].claim]));
        }
        grounds.extend(firm_pair(ctx, timeline));
        let (favours, why) = strongest(ctx.dataset, &groups);
        reasoning.push(format!(
            "weighing the strongest report of each death: {why}"
        ));
        let mut finding = ctx.grouped_finding(
            &RULE,
            &grounds,
            involved.clone(),
            format!(
                "{} is reported dead {} separate times: {}",
                ctx.name_of(involved[0]),
                groups.len(),
                events(ctx, &groups).join(", ")
            ),
            reasoning.join("; "),
            favours,
        );
        // Each death's reports, one per origin, are the subject: a relay of
        // a report already there keeps the finding's identity.
        let subject: Vec<usize> = groups.iter().flat_map(|g| ctx.one_per_origin(g)).collect();
        ctx.narrow(&mut finding, subject);
        let rejections = Rejections::new(ctx.dataset, timeline);
        let reports: Vec<usize> = deaths.iter().flat_map(|d| d.reports.clone()).collect();
        if let Some(rejected) = rejections.all_rejected(ctx.dataset, &reports) {
            after_death::rests_on_rejected(ctx, &mut finding, &rejected);
        }
        findings.push(finding);
    })
}

/// Two reports certainly apart that neither source doubts, when there are:
/// the one of them ending first and the one starting last.
fn firm_pair(ctx: &Context, timeline: &[Entry]) -> Option<(Order, Vec<usize>)> {
    let solid: Vec<&Entry> = timeline
        .iter()
        .filter(|e| {
            e.status.is_death() && !e.when.uncertain && !ctx.claim(e.claim).certainty.is_weak()
        })
        .collect();
    let first = solid.iter().min_by_key(|e| e.when.latest)?;
    let last = solid.iter().max_by_key(|e| e.when.earliest)?;
    first
        .when
        .certainly_before(&last.when)
        .then(|| (Order::Certain, vec![first.claim, last.claim]))
}

/// Each death in words: `killed 2017-06 in Mayadin (2 reports)`.
fn events(ctx: &Context, groups: &[Vec<usize>]) -> Vec<String> {
    groups
        .iter()
        .map(|g| {
            let first = ctx.claim(g[0]);
            let place = first
                .place
                .as_ref()
                .map(|p| format!(" in {p}"))
                .unwrap_or_default();
            let reports = if g.len() > 1 {
                format!(" ({} reports)", g.len())
            } else {
                String::new()
            };
            format!("{} {}{place}{reports}", first.status, first.date_words())
        })
        .collect()
}
