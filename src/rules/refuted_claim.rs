use std::collections::BTreeSet;

use crate::checker::{declare_rule, Context};
use crate::date::Order;
use crate::evidence;
use crate::finding::{Finding, Severity};

declare_rule! {
    /// ## What it does
    /// Flags a claim that another claim names in its `refutes`: a source
    /// that explicitly disputes what an earlier one said. The finding lists
    /// the refuted claim first and the refuting claim after it, and weighs
    /// the two (certainty, source reliability, stated evidence) to say which
    /// one the evidence favours. Two claims that refute each other give one
    /// finding.
    ///
    /// ## Why it matters
    /// An explicit denial is the strongest sign that a claim may be wrong,
    /// stronger than a contradiction the dates imply. Until someone decides
    /// between the two, every verdict resting on the refuted claim is in
    /// doubt.
    ///
    /// ## Example
    /// Fires (the family's statement disputes the earlier death report):
    /// ```json
    /// [{"id": "mainok-killed-2019", "who": "Abubakar Mainok", "status": "killed", "date": "2019-09", "source": "premium-times"},
    ///  {"id": "mainok-alive-2019", "who": "Abubakar Mainok", "status": "alive", "date": "2019-10", "source": "humangle", "refutes": ["mainok-killed-2019"]}]
    /// ```
    /// Quiet (the two claims disagree, but neither says it disputes the other):
    /// ```json
    /// [{"id": "mainok-killed-2019", "who": "Abubakar Mainok", "status": "killed", "date": "2019-09", "source": "premium-times"},
    ///  {"id": "mainok-alive-2019", "who": "Abubakar Mainok", "status": "alive", "date": "2019-10", "source": "humangle"}]
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

fn pair(a: usize, b: usize) -> (usize, usize) {
    (a.min(b), a.max(b))
}
