use crate::checker::{declare_rule, Context};
use crate::date::Order;
use crate::finding::{Finding, Severity};

declare_rule! {
    /// ## What it does
    /// Flags a claim that names no source.
    ///
    /// ## Why it matters
    /// A claim nobody can trace cannot be weighed against others: its
    /// reliability, its publication date and its origin are all unknown, so
    /// every contradiction it takes part in is undecidable.
    ///
    /// ## Example
    /// Fires:
    /// ```json
    /// {"who": "Lavdrim Muhaxheri", "status": "killed", "date": "2014-08"}
    /// ```
    /// Quiet:
    /// ```json
    /// {"who": "Lavdrim Muhaxheri", "status": "killed", "date": "2014-08", "source": "orton-2017"}
    /// ```
    pub static RULE = {
        id: "unsourced-claim",
        severity: Severity::Warning,
        summary: "a claim with no source",
        check: check,
    }
}

fn check(ctx: &Context) -> Vec<Finding> {
    ctx.dataset
        .claims
        .iter()
        .enumerate()
        .filter(|(_, claim)| claim.source.is_none())
        .map(|(index, claim)| {
            ctx.finding(
                &RULE,
                Order::Certain,
                vec![index],
                format!("claim `{}` ({} {}) names no source", claim.id, claim.who, claim.status),
                "without a source the claim has no reliability, no report date and no origin to weigh".into(),
                None,
            )
        })
        .collect()
}
