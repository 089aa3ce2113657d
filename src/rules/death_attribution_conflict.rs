use std::cmp::Reverse;

use crate::checker::after_death::{self, death_events, Rejections};
use crate::checker::{declare_rule, describe, place_agrees, wording_agrees, Context};
use crate::date::Order;
use crate::evidence::strongest;
use crate::finding::{Finding, Severity};
use crate::model::Claim;

declare_rule! {
    /// ## What it does
    /// Flags reports of one death (`killed`, `died`) that credit it to
    /// different agents (`by`) or put it in different places (`place`).
    /// Reports whose dates can overlap describe one death (see
    /// `multiple-deaths`, which needs dates certainly apart); an undated
    /// report is of a death at an unknown time up to its report date, and
    /// counts as the latest death it can be. All the reports of one death
    /// that take part are listed in one finding, and `favours` names the
    /// strongest claim of the strongest agent (or place).
    ///
    /// Agents are compared as words, ignoring case, the method ("air
    /// strike", "raid") and one containing the other: "coalition" and
    /// "US-led coalition air strike" agree; partners in a joint operation
    /// that each announce the kill ("Iraqi forces, in coordination with the
    /// US-led coalition" and "US strike") share a party and agree. Places
    /// are compared the same way, setting aside words that only situate a
    /// place: "Raqqa", "Raqqa, Syria" and "near Raqqa" agree.
    ///
    /// Quiet when the agents and the places agree, or when at most one
    /// report names each. Different agents keep the rule's severity; the
    /// finding is one step milder when the only disagreement involves an
    /// undated report (it may be of another death) or is between places
    /// (compared as text, a town and its district look different), and kept
    /// at `info` when the evidence already rejects the death (a later sign
    /// of life outweighs every report of it, see `alive-after-death`).
    ///
    /// ## Why it matters
    /// Kills are claimed for credit: a militia and an air force may both
    /// announce the same death, and at most one of them did it. Whoever is
    /// credited shapes the record of the strike, the track record of the
    /// claimant, and often whether the death happened at all.
    ///
    /// ## Example
    /// Fires (the same death in August 2014, claimed by two forces):
    /// ```json
    /// {"who": "Lavdrim Muhaxheri", "status": "killed", "date": "2014-08", "by": "Peshmerga", "source": "rudaw-2014"}
    /// {"who": "Lavdrim Muhaxheri", "status": "killed", "date": "2014-08-24", "by": "US-led coalition", "source": "centcom-2014"}
    /// ```
    /// Quiet (the agents agree):
    /// ```json
    /// {"who": "Lavdrim Muhaxheri", "status": "killed", "date": "2017-06", "by": "coalition", "source": "rferl-2017"}
    /// {"who": "Lavdrim Muhaxheri", "status": "killed", "date": "2017-06-07", "by": "US-led coalition air strike", "source": "orton-2017"}
    /// ```
    pub static RULE = {
        id: "death-attribution-conflict",
        severity: Severity::Warning,
        summary: "one death, claimed by different agents (`by`) or in different places",
        check: check,
    }
}

/// Words that say how, not who: "coalition air strike" and "US-led
/// coalition" name the same agent.
const METHOD_WORDS: [&str; 12] = [
    "air",
    "strike",
    "strikes",
    "airstrike",
    "airstrikes",
    "drone",
    "raid",
    "raids",
    "attack",
    "operation",
    "shelling",
    "ambush",
];

fn agent(by: &str) -> String {
    let kept: Vec<&str> = by
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !METHOD_WORDS.contains(&w.to_lowercase().as_str()))
        .collect();
    if kept.is_empty() {
        by.to_string()
    } else {
        kept.join(" ")
    }
}

/// The parties an agent text names: a joint operation ("Iraqi forces, in
/// coordination with the US-led coalition") names several.
fn parties(by: &str) -> Vec<String> {
    let lower = by.to_lowercase();
    let mut text = lower.replace(['(', ')', ';', '"', '“', '”'], ",");
    for joint in [
        " in coordination with ",
        " together with ",
        " alongside ",
        " backed by ",
        " supported by ",
        " with ",
        " and ",
    ] {
        text = text.replace(joint, ",");
    }
    text.split(',')
        .map(|p| agent(p.trim()))
        .filter(|p| p.split_whitespace().next().is_some())
        .collect()
}

/// Words that describe a force rather than name it: "US forces" and
/// "US-led coalition" name the same party by "US".
const FORCE_WORDS: [&str; 14] = [
    "the",
    "of",
    "led",
    "forces",
    "force",
    "security",
    "government",
    "regional",
    "special",
    "army",
    "military",
    "troops",
    "our",
    "national",
];

/// Two credits agree when the wording agrees, or, when either names a joint
/// operation, when they share a party: each partner announcing the joint
/// kill as its own is credit-taking, not a contradiction. Two single
/// parties ("Syrian army", "Syrian rebels") are still compared strictly.
fn agents_agree(a: &str, b: &str) -> bool {
    if wording_agrees(&agent(a), &agent(b)) {
        return true;
    }
    let (pa, pb) = (parties(a), parties(b));
    if pa.len() < 2 && pb.len() < 2 {
        return false;
    }
    let names = |party: &String| -> Vec<String> {
        party
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty() && !FORCE_WORDS.contains(w))
            .map(str::to_string)
            .collect()
    };
    pa.iter().any(|x| {
        let nx = names(x);
        pb.iter().any(|y| names(y).iter().any(|w| nx.contains(w)))
    })
}

/// How the reports of one death disagree on one field (the agent, the
/// place): the distinct wordings with the reports that use them, the pairs
/// of wordings that name different things, and the wordings grouped into
/// the things they name.
struct Disagreement {
    /// Each distinct wording and the reports (claims) that use it.
    wordings: Vec<(String, Vec<usize>)>,
    /// Pairs of wordings (indices) that do not agree.
    conflicts: Vec<(usize, usize)>,
    /// The things named: a wording and the reports of every wording that
    /// agrees with it, first come first.
    named: Vec<(String, Vec<usize>)>,
}

impl Disagreement {
    fn new(
        ctx: &Context,
        reports: &[usize],
        field: impl Fn(&Claim) -> Option<&str>,
        agree: fn(&str, &str) -> bool,
    ) -> Self {
        let mut wordings: Vec<(String, Vec<usize>)> = Vec::new();
        for &c in reports {
            let Some(text) = field(ctx.claim(c)).map(str::trim).filter(|t| !t.is_empty()) else {
                continue;
            };
            match wordings
                .iter_mut()
                .find(|(w, _)| w.eq_ignore_ascii_case(text))
            {
                Some((_, claims)) => claims.push(c),
                None => wordings.push((text.to_string(), vec![c])),
            }
        }
        let mut conflicts = Vec::new();
        for i in 0..wordings.len() {
            for j in i + 1..wordings.len() {
                if !agree(&wordings[i].0, &wordings[j].0) {
                    conflicts.push((i, j));
                }
            }
        }
        let mut named: Vec<(String, Vec<usize>)> = Vec::new();
        for (text, claims) in &wordings {
            match named.iter_mut().find(|(n, _)| agree(n, text)) {
                Some((_, all)) => all.extend(claims),
                None => named.push((text.clone(), claims.clone())),
            }
        }
        Disagreement {
            wordings,
            conflicts,
            named,
        }
    }

    /// The reports whose wording takes part in a conflict.
    fn involved(&self) -> impl Iterator<Item = usize> + '_ {
        self.wordings
            .iter()
            .enumerate()
            .filter(|(i, _)| self.conflicts.iter().any(|&(a, b)| a == *i || b == *i))
            .flat_map(|(_, (_, claims))| claims.iter().copied())
    }

    /// "Peshmerga (`a`, `b`), US-led coalition (`c`)".
    fn listed(&self, ctx: &Context) -> String {
        self.named
            .iter()
            .map(|(text, claims)| {
                let mut ids: Vec<String> = claims
                    .iter()
                    .take(3)
                    .map(|&c| format!("`{}`", ctx.claim(c).id))
                    .collect();
                if claims.len() > 3 {
                    ids.push(format!("{} more", claims.len() - 3));
                }
                format!("{text} ({})", ids.join(", "))
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The report that best stands for a wording: dated, then not doubtful.
fn representative(ctx: &Context, claims: &[usize]) -> usize {
    claims
        .iter()
        .copied()
        .max_by_key(|&c| {
            let claim = ctx.claim(c);
            (claim.date.is_some(), !claim.certainty.is_weak(), Reverse(c))
        })
        .unwrap_or(claims[0])
}

/// The grounds and sentences of each conflicting pair of wordings of
/// `what` ("agents", "places"). Two reports describe one death only
/// possibly when one is undated; places compared as text differ only
/// possibly (a town and its district look different).
fn conflicts(
    ctx: &Context,
    disagreement: &Disagreement,
    what: &str,
    by_text_only: bool,
) -> (Vec<(Order, Vec<usize>)>, Vec<String>) {
    let mut grounds = Vec::new();
    let mut reasons = Vec::new();
    for &(i, j) in &disagreement.conflicts {
        let a = representative(ctx, &disagreement.wordings[i].1);
        let b = representative(ctx, &disagreement.wordings[j].1);
        let (ca, cb) = (ctx.claim(a), ctx.claim(b));
        let undated = ca.date.is_none() || cb.date.is_none();
        let order = if undated || by_text_only {
            Order::Possible
        } else {
            Order::Certain
        };
        grounds.push((order, vec![a, b]));
        if reasons.len() < 5 {
            let how = if undated {
                "can describe one death (an undated report is of a death at an unknown time up to its report date, and this is the latest death it can be)"
            } else {
                "overlap in date, so plausibly describe one death"
            };
            reasons.push(format!(
                "`{}` ({}) and `{}` ({}) {how}, but name different {what} ({} and {})",
                ca.id,
                describe(ca),
                cb.id,
                describe(cb),
                disagreement.wordings[i].0,
                disagreement.wordings[j].0
            ));
        }
    }
    if disagreement.conflicts.len() > reasons.len() {
        reasons.push(format!(
            "{} pairs of {what} disagree in all",
            disagreement.conflicts.len()
        ));
    }
    (grounds, reasons)
}

fn check(ctx: &Context) -> Vec<Finding> {
    ctx.per_entity(|_, timeline, findings| {
        let deaths = death_events(timeline);
        let mut rejections = None;
        for death in deaths.iter().filter(|d| d.reports.len() > 1) {
            let reports: Vec<usize> = death.reports.iter().map(|&p| timeline[p].claim).collect();
            let agents = Disagreement::new(ctx, &reports, |c| c.by.as_deref(), agents_agree);
            let places = Disagreement::new(ctx, &reports, |c| c.place.as_deref(), place_agrees);
            if agents.conflicts.is_empty() && places.conflicts.is_empty() {
                continue;
            }
            let mut finding = finding(ctx, &reports, &agents, &places);
            let rejections =
                rejections.get_or_insert_with(|| Rejections::new(ctx.dataset, timeline));
            let positions: Vec<usize> = death
                .reports
                .iter()
                .copied()
                .filter(|&p| finding.claims.contains(&timeline[p].claim))
                .collect();
            if let Some(rejected) = rejections.all_rejected(ctx.dataset, &positions) {
                after_death::rests_on_rejected(ctx, &mut finding, &rejected);
            }
            findings.push(finding);
        }
    })
}

/// The finding about one death whose reports disagree on the agent, the
/// place, or both.
fn finding(
    ctx: &Context,
    reports: &[usize],
    agents: &Disagreement,
    places: &Disagreement,
) -> Finding {
    let (mut grounds, mut reasoning) = conflicts(ctx, agents, "agents", false);
    let (place_grounds, place_reasons) = conflicts(ctx, places, "places", true);
    grounds.extend(place_grounds);
    reasoning.extend(place_reasons);
    let involved: Vec<usize> = agents.involved().chain(places.involved()).collect();
    let members: Vec<usize> = reports
        .iter()
        .copied()
        .filter(|c| involved.contains(c))
        .collect();
    let deciding = if agents.conflicts.is_empty() {
        (places, "place")
    } else {
        (agents, "agent")
    };
    let alternatives: Vec<Vec<usize>> = deciding.0.named.iter().map(|(_, c)| c.clone()).collect();
    let (favours, why) = strongest(ctx.dataset, &alternatives);
    reasoning.push(format!(
        "weighing the strongest claim for each {}: {why}",
        deciding.1
    ));
    // Named by its first dated report: an undated one says less.
    let first = members
        .iter()
        .map(|&c| ctx.claim(c))
        .find(|c| c.date.is_some())
        .unwrap_or(ctx.claim(members[0]));
    let mut parts = Vec::new();
    if !agents.conflicts.is_empty() {
        parts.push(format!(
            "credited to {} different agents: {}",
            agents.named.len(),
            agents.listed(ctx)
        ));
    }
    if !places.conflicts.is_empty() {
        parts.push(format!(
            "placed in {} different places: {}",
            places.named.len(),
            places.listed(ctx)
        ));
    }
    let message = format!(
        "{}'s death ({} {}) is {}",
        ctx.name_of(members[0]),
        first.status,
        first.date_text(),
        parts.join("; and ")
    );
    let mut finding = ctx.grouped_finding(
        &RULE,
        &grounds,
        members,
        message,
        reasoning.join("; "),
        favours,
    );
    // One report per agent or place named is the contradiction; another
    // outlet relaying the same agent's claim only supports it.
    let mut subject: Vec<usize> = agents
        .named
        .iter()
        .chain(&places.named)
        .filter_map(|(_, claims)| ctx.representative(claims))
        .filter(|c| finding.claims.contains(c))
        .collect();
    subject.sort_unstable();
    subject.dedup();
    ctx.narrow(&mut finding, subject);
    finding
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agents_named_with_their_method_agree() {
        assert!(agents_agree("coalition air strike", "US-led coalition"));
        assert!(agents_agree("US airstrike", "US"));
        assert!(!agents_agree("Peshmerga", "US-led coalition"));
        assert!(!agents_agree("US airstrike", "Somali special forces"));
    }

    #[test]
    fn partners_in_a_joint_operation_agree() {
        let iraq = "Iraqi security forces, in coordination with the US-led coalition";
        let us = "US forces (\"our intrepid warfighters\"), with the Iraqi Government and the Kurdish Regional Government";
        assert!(agents_agree(iraq, "US strike (US Central Command)"));
        assert!(agents_agree(iraq, us));
        assert!(!agents_agree(
            "Peshmerga",
            "Syrian army, with Russian air support"
        ));
        assert!(!agents_agree("Syrian army", "Syrian rebels"));
    }
}
