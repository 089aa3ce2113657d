use std::collections::BTreeSet;

use super::{alive_after_death, custody_after_death, role_after_death};
use crate::checker::after_death;
use crate::checker::tenure::start as tenure_start;
use crate::checker::{declare_rule, Context};
use crate::date::Order;
use crate::evidence;
use crate::finding::{Finding, Severity};
use crate::model::Status;

declare_rule! {
    /// ## What it does
    /// Flags a claim that another claim names in its `refutes`: a source
    /// that explicitly disputes what an earlier one said. The finding lists
    /// the refuted claim first and the refuting claim after it, and weighs
    /// the two (certainty, source reliability, stated evidence) to say which
    /// one the evidence favours. Two claims that refute each other give one
    /// finding.
    ///
    /// A refutation that another rule already reports is left to it, so
    /// that one contradiction gives one finding: a sign of life, custody
    /// event or role that refutes a death it may follow is part of the
    /// `alive-after-death`, `custody-after-death` or `role-after-death`
    /// finding about that death, whose reasoning says that it also refutes
    /// the death explicitly (unless that rule is turned off).
    ///
    /// ## Why it matters
    /// An explicit denial is the strongest sign that a claim may be wrong,
    /// stronger than a contradiction the dates imply. Until someone decides
    /// between the two, every verdict resting on the refuted claim is in
    /// doubt.
    ///
    /// ## Example
    /// Fires (a video disputes the earlier arrest report):
    /// ```json
    /// [{"id": "mainok-captured-2021", "who": "Abubakar Mainok", "status": "captured", "date": "2021-02-11", "source": "hiiraan"},
    ///  {"id": "mainok-alive-2021", "who": "Abubakar Mainok", "status": "alive", "date": "2021-03", "source": "garowe", "refutes": ["mainok-captured-2021"]}]
    /// ```
    /// Quiet (the two claims disagree, but neither says it disputes the other):
    /// ```json
    /// [{"id": "mainok-captured-2021", "who": "Abubakar Mainok", "status": "captured", "date": "2021-02-11", "source": "hiiraan"},
    ///  {"id": "mainok-alive-2021", "who": "Abubakar Mainok", "status": "alive", "date": "2021-03", "source": "garowe"}]
    /// ```
    /// Quiet here, reported by `alive-after-death` (the sign of life that
    /// refutes a death is one contradiction with it):
    /// ```json
    /// [{"id": "mainok-killed-2019", "who": "Abubakar Mainok", "status": "killed", "date": "2019-09", "source": "premium-times"},
    ///  {"id": "mainok-alive-2019", "who": "Abubakar Mainok", "status": "alive", "date": "2019-10", "source": "humangle", "refutes": ["mainok-killed-2019"]}]
    /// ```
    pub static RULE = {
        id: "refuted-claim",
        severity: Severity::Warning,
        summary: "a claim that another claim explicitly refutes",
        check: check,
    }
}

fn check(ctx: &Context) -> Vec<Finding> {
    let dataset = ctx.dataset;
    let mut reported: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut findings = Vec::new();
    for (refuter, claim) in dataset.claims.iter().enumerate() {
        for target_id in &claim.refutes {
            // Unknown targets are input errors, reported by the loader.
            let Some(refuted) = dataset.claim_index(target_id) else {
                continue;
            };
            if refuted == refuter || !reported.insert(pair(refuted, refuter)) {
                continue;
            }
            let target = &dataset.claims[refuted];
            let mutual = target.refutes.contains(&claim.id);
            if seen_after_death(ctx, refuted, refuter)
                || (mutual && seen_after_death(ctx, refuter, refuted))
            {
                // One contradiction, one finding: that rule's says it.
                continue;
            }
            let (favours, weighing) = evidence::favour(dataset, refuted, refuter, false);
            let verdict = match favours {
                Some(f) if f == refuter => {
                    format!("the evidence favours the refuting claim `{}`", claim.id)
                }
                Some(_) => format!("the evidence favours the refuted claim `{}`", target.id),
                None => "the evidence favours neither".to_string(),
            };
            let person = &ctx.entities.list[ctx.entities.entity_of_claim[refuted]].name;
            let message = if mutual {
                format!(
                    "{person}: `{}` ({} {}) and `{}` ({} {}) refute each other",
                    target.id,
                    target.status,
                    target.date_text(),
                    claim.id,
                    claim.status,
                    claim.date_text()
                )
            } else {
                format!(
                    "{person}: `{}` ({} {}) is refuted by `{}` ({} {})",
                    target.id,
                    target.status,
                    target.date_text(),
                    claim.id,
                    claim.status,
                    claim.date_text()
                )
            };
            let naming = if mutual {
                format!(
                    "`{}` and `{}` name each other in `refutes`",
                    claim.id, target.id
                )
            } else {
                format!("`{}` names `{}` in `refutes`", claim.id, target.id)
            };
            let reasoning = format!(
                "{naming} (events dated {} and {}); {verdict}: {weighing}",
                target.when, claim.when
            );
            findings.push(ctx.finding(
                &RULE,
                Order::Certain,
                vec![refuted, refuter],
                message,
                reasoning,
                favours,
            ));
        }
    }
    findings
}

/// Whether a rule about events after a death reports this refutation as
/// part of its own finding: the refuted claim is a death, the refuting one
/// a sign of life, custody event or role that may follow it, both about
/// the same person, and that rule is on.
fn seen_after_death(ctx: &Context, refuted: usize, refuter: usize) -> bool {
    let (death, event) = (ctx.claim(refuted), ctx.claim(refuter));
    let of = &ctx.entities.entity_of_claim;
    if !death.status.is_death() || of[refuted] != of[refuter] {
        return false;
    }
    let (rule, when) = if event.status.is_sign_of_life() {
        (&alive_after_death::RULE, event.when)
    } else if event.status.is_custody() {
        (&custody_after_death::RULE, event.when)
    } else if event.status == Status::Role && event.date.is_some() {
        (&role_after_death::RULE, tenure_start(event))
    } else {
        return false;
    };
    ctx.settings.level(rule).is_some() && after_death::may_follow(&death.when, &when)
}

fn pair(a: usize, b: usize) -> (usize, usize) {
    (a.min(b), a.max(b))
}
