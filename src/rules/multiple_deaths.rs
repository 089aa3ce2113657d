use crate::checker::{declare_rule, describe, explain_order, wording_agrees, Context};
use crate::date::Order;
use crate::evidence::strongest;
use crate::finding::{Finding, Severity};
use crate::model::Claim;

declare_rule! {
    /// ## What it does
    /// Flags death claims (`killed`, `died`) about one person that cannot
    /// be the same event: their dates do not overlap, or they overlap but
    /// name different places (`place`, compared as words, ignoring case and
    /// one place containing the other: "Raqqa" and "Raqqa, Syria" agree).
    /// Death claims whose dates overlap and whose places agree, or that name
    /// at most one place, are reports of one death and stay quiet.
    ///
    /// All the separate deaths of one person are listed in one finding, in
    /// date order, with reports of the same death grouped together in the
    /// message. The finding keeps the rule's severity when two deaths are
    /// certainly apart in time; it is one step milder when the only
    /// separation is a date marked uncertain (`?`), or different place
    /// names at overlapping dates (place names are compared as text, and a
    /// town and its district look different). `favours` names the strongest
    /// claim of the strongest death.
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

/// The two claims in order of their earliest day.
fn ordered<'c>(a: &'c Claim, b: &'c Claim) -> (&'c Claim, &'c Claim) {
    if a.when.earliest <= b.when.earliest {
        (a, b)
    } else {
        (b, a)
    }
}

/// Whether two death claims cannot be one event, and how sure that is;
/// `None` when they can. [`apart`] says why, in words.
fn apart_order(a: &Claim, b: &Claim) -> Option<Order> {
    let (first, second) = ordered(a, b);
    if !first.when.overlaps(&second.when) {
        return Some(first.when.before(&second.when));
    }
    match (&a.place, &b.place) {
        (Some(pa), Some(pb)) if !wording_agrees(pa, pb) => Some(Order::Possible),
        _ => None,
    }
}

/// Why two death claims cannot be one event, and how sure that is; `None`
/// when they can.
fn apart(a: &Claim, b: &Claim) -> Option<(Order, String)> {
    let order = apart_order(a, b)?;
    let (first, second) = ordered(a, b);
    let text = if !first.when.overlaps(&second.when) {
        explain_order(
            &describe(first),
            &first.when,
            &describe(second),
            &second.when,
            order,
        )
    } else {
        format!(
            "{} and {} overlap in date but name different places ({} and {}; places are compared as text only)",
            describe(a),
            describe(b),
            a.place.as_deref().unwrap_or_default(),
            b.place.as_deref().unwrap_or_default()
        )
    };
    Some((order, text))
}

fn check(ctx: &Context) -> Vec<Finding> {
    ctx.per_entity(|_, timeline, findings| {
        let deaths: Vec<usize> = timeline
            .iter()
            .filter(|e| e.status.is_death())
            .map(|e| e.claim)
            .collect();
        if deaths.len() < 2 {
            return;
        }
        let involved: Vec<usize> = deaths
            .iter()
            .copied()
            .filter(|&d| {
                deaths
                    .iter()
                    .any(|&o| o != d && apart_order(ctx.claim(d), ctx.claim(o)).is_some())
            })
            .collect();
        if involved.is_empty() {
            return;
        }
        // Reports of one death form one alternative: a claim joins the first
        // group it agrees with entirely, else starts its own. Each new group
        // is explained against the group before it.
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut reasoning = Vec::new();
        for &d in &involved {
            let claim = ctx.claim(d);
            if let Some(group) = groups.iter_mut().find(|g| {
                g.iter()
                    .all(|&o| apart_order(claim, ctx.claim(o)).is_none())
            }) {
                group.push(d);
                continue;
            }
            if let Some(previous) = groups.last() {
                if let Some((_, why)) = previous.iter().find_map(|&p| apart(ctx.claim(p), claim)) {
                    reasoning.push(why);
                }
            }
            groups.push(vec![d]);
        }
        let mut grounds = Vec::new();
        for (i, &a) in involved.iter().enumerate() {
            for &b in &involved[i + 1..] {
                if let Some(order) = apart_order(ctx.claim(a), ctx.claim(b)) {
                    grounds.push((order, vec![a, b]));
                }
            }
        }
        let events: Vec<String> = groups
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
                format!("{} {}{place}{reports}", first.status, first.date_text())
            })
            .collect();
        let (favours, why) = strongest(ctx.dataset, &groups);
        reasoning.push(format!(
            "weighing the strongest report of each death: {why}"
        ));
        findings.push(ctx.grouped_finding(
            &RULE,
            &grounds,
            involved.clone(),
            format!(
                "{} is reported dead {} separate times: {}",
                ctx.name_of(involved[0]),
                groups.len(),
                events.join(", ")
            ),
            reasoning.join("; "),
            favours,
        ));
    })
}
