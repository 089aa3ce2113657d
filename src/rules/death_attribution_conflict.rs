use crate::checker::{declare_rule, describe, wording_agrees, Context, Entry};
use crate::date::Order;
use crate::evidence::strongest;
use crate::finding::{Finding, Severity};
use crate::model::Claim;

declare_rule! {
    /// ## What it does
    /// Flags death claims (`killed`, `died`) that plausibly describe one
    /// death, their dates overlapping, but credit it to different agents
    /// (`by`, compared as words, ignoring case and one containing the
    /// other: "coalition" and "US-led coalition" agree). All the claims
    /// about one death that take part are listed in one finding, and
    /// `favours` names the strongest claim of the strongest agent.
    ///
    /// Quiet when the agents agree, when they share a party (a joint
    /// operation that each partner announces as its own, such as "Iraqi
    /// forces, in coordination with the US-led coalition" and "US strike"),
    /// or when at most one claim names an agent. Death claims at overlapping dates that name different places
    /// are reported by `multiple-deaths`, as two deaths, and not here, so a
    /// pair of claims gives one finding.
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

/// Both claims may describe one death: overlapping dates, places that do
/// not disagree.
fn same_death(a: &Claim, b: &Claim) -> bool {
    a.when.overlaps(&b.when)
        && match (&a.place, &b.place) {
            (Some(pa), Some(pb)) => wording_agrees(pa, pb),
            _ => true,
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

fn agents_conflict(a: &Claim, b: &Claim) -> bool {
    matches!((&a.by, &b.by), (Some(x), Some(y)) if !agents_agree(x, y))
}

fn check(ctx: &Context) -> Vec<Finding> {
    ctx.per_entity(|_, timeline, findings| {
        let deaths: Vec<&Entry> = timeline.iter().filter(|e| e.status.is_death()).collect();
        if deaths.len() < 2 {
            return;
        }
        // Conflicting pairs, joined into clusters that share a claim; a
        // cluster is one disputed death.
        let mut clusters: Vec<(Vec<usize>, Vec<String>)> = Vec::new();
        for (i, ea) in deaths.iter().enumerate() {
            for eb in &deaths[i + 1..] {
                // The dates first: they are at hand, the claims are not.
                if !ea.when.overlaps(&eb.when) {
                    continue;
                }
                let (a, b) = (ea.claim, eb.claim);
                let (ca, cb) = (ctx.claim(a), ctx.claim(b));
                if !(same_death(ca, cb) && agents_conflict(ca, cb)) {
                    continue;
                }
                let why = format!(
                    "`{}` ({}) and `{}` ({}) overlap in date and do not disagree on the place, so plausibly describe one death, but name different agents ({} and {})",
                    ca.id,
                    describe(ca),
                    cb.id,
                    describe(cb),
                    ca.by.as_deref().unwrap_or_default(),
                    cb.by.as_deref().unwrap_or_default()
                );
                let joined: Vec<usize> = clusters
                    .iter()
                    .enumerate()
                    .filter(|(_, (members, _))| members.contains(&a) || members.contains(&b))
                    .map(|(k, _)| k)
                    .collect();
                let mut members = vec![a, b];
                let mut reasons = vec![why];
                for &k in joined.iter().rev() {
                    let (m, r) = clusters.remove(k);
                    members.extend(m);
                    reasons.splice(0..0, r);
                }
                clusters.push((members, reasons));
            }
        }
        for (mut members, mut reasoning) in clusters {
            // Back to timeline order.
            members.sort_unstable_by_key(|&c| deaths.iter().position(|d| d.claim == c));
            members.dedup();
            // The agents, each with the claims that credit it.
            let mut agents: Vec<(String, Vec<usize>)> = Vec::new();
            for &c in &members {
                let by = ctx.claim(c).by.as_deref().unwrap_or_default().to_string();
                match agents.iter_mut().find(|(a, _)| agents_agree(a, &by)) {
                    Some((_, claims)) => claims.push(c),
                    None => agents.push((by, vec![c])),
                }
            }
            let grounds: Vec<(Order, Vec<usize>)> = members
                .iter()
                .enumerate()
                .flat_map(|(i, &a)| members[i + 1..].iter().map(move |&b| (a, b)))
                .filter(|&(a, b)| agents_conflict(ctx.claim(a), ctx.claim(b)))
                .map(|(a, b)| (Order::Certain, vec![a, b]))
                .collect();
            let alternatives: Vec<Vec<usize>> = agents.iter().map(|(_, c)| c.clone()).collect();
            let (favours, why) = strongest(ctx.dataset, &alternatives);
            reasoning.push(format!(
                "weighing the strongest claim for each agent: {why}"
            ));
            let first = ctx.claim(members[0]);
            let message = format!(
                "{}'s death ({} {}) is credited to {} different agents: {}",
                ctx.name_of(members[0]),
                first.status,
                first.date_text(),
                agents.len(),
                agents
                    .iter()
                    .map(|(agent, claims)| {
                        let ids: Vec<String> = claims
                            .iter()
                            .map(|&c| format!("`{}`", ctx.claim(c).id))
                            .collect();
                        format!("{agent} ({})", ids.join(", "))
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            findings.push(ctx.grouped_finding(
                &RULE,
                &grounds,
                members,
                message,
                reasoning.join("; "),
                favours,
            ));
        }
    })
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
