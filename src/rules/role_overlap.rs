use std::collections::BTreeMap;

use crate::checker::{declare_rule, tenure, Context};
use crate::date::{Interval, Order};
use crate::evidence::strongest;
use crate::finding::{Finding, Severity};
use crate::model::{Claim, Status};

declare_rule! {
    /// ## What it does
    /// Flags a role declared unique in `claimlint.toml` (`[[unique_roles]]`,
    /// role and organisation, compared ignoring case and surrounding
    /// spaces) held by two different people on the same days. A tenure is
    /// certainly held from the last possible day of its start to the first
    /// possible day of its end; an open end (`2022-03-10/..`) counts as held
    /// until the claim was reported. Only tenures that certainly share a
    /// day are flagged; a date marked `?` makes the finding one step milder.
    /// All overlapping claims of the same two people for one role are listed
    /// in one finding.
    ///
    /// Tenures that only *may* overlap are not flagged: a successor named
    /// in the month his predecessor died (`2019-10/…` after a tenure ending
    /// 2019-10-27), a role "held in 2017", or undated role claims, whose
    /// days are unknown. A role passed on at a death without overlap is the
    /// ordinary case.
    ///
    /// ## Why it matters
    /// A caliphate has one caliph at a time. Two holders at once mean a
    /// wrong date, a wrong role, or two names for one person that the
    /// dataset keeps apart. `favours` names the strongest claim of the
    /// stronger holder.
    ///
    /// ## Example
    /// With `[[unique_roles]]` `role = "caliph"`, `org = "Islamic State"`:
    ///
    /// Fires (the successor is dated months before his predecessor's death):
    /// ```json
    /// {"who": "Abu Bakr al-Baghdadi", "status": "role", "role": "caliph", "org": "Islamic State", "date": "2014-06-29/2019-10-27", "source": "bbc-2019"}
    /// {"who": "Abu Ibrahim al-Hashimi al-Qurashi", "status": "role", "role": "Caliph", "org": "Islamic State", "date": "2019-06/2022-02-03", "source": "blog-2022"}
    /// ```
    /// Quiet (handed on at his death, without overlap):
    /// ```json
    /// {"who": "Abu Ibrahim al-Hashimi al-Qurashi", "status": "role", "role": "caliph", "org": "Islamic State", "date": "2019-10/2022-02-03", "source": "bbc-2022"}
    /// {"who": "Abu al-Hasan al-Hashimi al-Qurashi", "status": "role", "role": "caliph", "org": "Islamic State", "date": "2022-03-10/..", "source": "bbc-2022"}
    /// ```
    pub static RULE = {
        id: "role-overlap",
        severity: Severity::Error,
        summary: "a role declared unique (config) held by two people at once",
        check: check,
    }
}

/// A claim of a unique role: its entity, its index, the days certainly held.
type Tenure = (usize, usize, Interval);
/// Two claims of different holders that certainly share a day.
type Overlap = (Order, usize, usize);

fn normalise(text: &str) -> String {
    text.trim().to_lowercase()
}

fn check(ctx: &Context) -> Vec<Finding> {
    let unique: Vec<(String, String)> = ctx
        .settings
        .unique_roles
        .iter()
        .map(|r| (normalise(&r.role), normalise(&r.org)))
        .collect();
    if unique.is_empty() {
        return Vec::new();
    }
    // Per unique role, its claims (entity order, then timeline order) with
    // the days each certainly covers.
    let mut holders: Vec<Vec<Tenure>> = vec![Vec::new(); unique.len()];
    for (entity, timeline) in ctx.timelines().iter().enumerate() {
        for entry in timeline {
            if entry.status != Status::Role {
                continue;
            }
            let c = entry.claim;
            let claim = ctx.claim(c);
            let key = (
                normalise(claim.role.as_deref().unwrap_or_default()),
                normalise(claim.org.as_deref().unwrap_or_default()),
            );
            let Some(role) = unique.iter().position(|u| *u == key) else {
                continue;
            };
            if let Some(held) = tenure::certainly_held(claim) {
                holders[role].push((entity, c, held));
            }
        }
    }
    let mut findings = Vec::new();
    for tenures in &holders {
        // (first entity, second entity) -> overlapping claim pairs.
        let mut pairs: BTreeMap<(usize, usize), Vec<Overlap>> = BTreeMap::new();
        for (i, &(ea, a, held_a)) in tenures.iter().enumerate() {
            for &(eb, b, held_b) in &tenures[i + 1..] {
                if ea == eb || !held_a.overlaps(&held_b) {
                    continue;
                }
                let order = if held_a.uncertain || held_b.uncertain {
                    Order::Possible
                } else {
                    Order::Certain
                };
                pairs
                    .entry((ea.min(eb), ea.max(eb)))
                    .or_default()
                    .push((order, a, b));
            }
        }
        for overlaps in pairs.values() {
            findings.push(finding(ctx, tenures, overlaps));
        }
    }
    findings
}

/// One finding for two people holding one role at once.
fn finding(ctx: &Context, tenures: &[Tenure], overlaps: &[Overlap]) -> Finding {
    let held = |c: usize| {
        tenures
            .iter()
            .find(|t| t.1 == c)
            .map(|t| t.2)
            .unwrap_or(ctx.claim(c).when)
    };
    // The claims in order of the days they certainly cover, then by id.
    let mut claims: Vec<usize> = overlaps.iter().flat_map(|&(_, a, b)| [a, b]).collect();
    claims.sort_by(|&a, &b| {
        (held(a).earliest, &ctx.claim(a).id).cmp(&(held(b).earliest, &ctx.claim(b).id))
    });
    claims.dedup();
    let entity_of = |c: usize| ctx.entities.entity_of_claim[c];
    let first_entity = entity_of(claims[0]);
    let (mine, theirs): (Vec<usize>, Vec<usize>) =
        claims.iter().partition(|&&c| entity_of(c) == first_entity);
    let label = |c: &Claim| {
        format!(
            "{} of {}",
            c.role.as_deref().unwrap_or_default().trim(),
            c.org.as_deref().unwrap_or_default().trim()
        )
    };
    let (a, b) = (ctx.claim(mine[0]), ctx.claim(theirs[0]));
    let message = format!(
        "{} is held by both {} ({}) and {} ({}) at once",
        label(a),
        ctx.name_of(mine[0]),
        a.date_text(),
        ctx.name_of(theirs[0]),
        b.date_text()
    );
    let mut reasoning: Vec<String> = overlaps
        .iter()
        .map(|&(_, a, b)| {
            let (x, y) = if held(a).earliest <= held(b).earliest {
                (a, b)
            } else {
                (b, a)
            };
            let (cx, cy) = (ctx.claim(x), ctx.claim(y));
            format!(
                "`{}` ({}) is certainly held {} and `{}` ({}) {}: both on {}",
                cx.id,
                cx.date_text(),
                held(x),
                cy.id,
                cy.date_text(),
                held(y),
                Interval::new(
                    held(x).earliest.max(held(y).earliest),
                    held(x).latest.min(held(y).latest)
                )
            )
        })
        .collect();
    if overlaps.iter().all(|o| o.0 == Order::Possible) {
        reasoning.push("a date marked uncertain (`?`) leaves the overlap open".into());
    }
    // One claim per holder is the subject; another claim of the same
    // tenure only supports the finding.
    let subject: Vec<usize> = [&mine, &theirs]
        .into_iter()
        .filter_map(|side| ctx.representative(side))
        .collect();
    let (favours, why) = strongest(ctx.dataset, &[mine, theirs]);
    reasoning.push(format!(
        "weighing the strongest claim of each holder: {why}"
    ));
    let grounds: Vec<(Order, Vec<usize>)> =
        overlaps.iter().map(|&(o, a, b)| (o, vec![a, b])).collect();
    let mut finding = ctx.grouped_finding(
        &RULE,
        &grounds,
        claims,
        message,
        reasoning.join("; "),
        favours,
    );
    ctx.narrow(&mut finding, subject);
    finding
}
