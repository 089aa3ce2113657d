//! `--output-format claimreview`: schema.org `ClaimReview` JSON-LD, the
//! fact-check markup search engines read, one review per finding: the
//! finding's primary claim is the claim reviewed, and the evidence's
//! verdict on it is the rating.
//!
//! Each review carries what Google's fact-check markup requires
//! (`claimReviewed`, `reviewRating` with its `alternateName`, `url`) and
//! what it recommends (`author`, `datePublished`, `itemReviewed`: a
//! `Claim` with its `author`, `datePublished` and the claim's sources as
//! `appearance`). The rating, on a scale of 1 (worst) to 3:
//! - 3 "Supported by the evidence": the finding favours this claim;
//! - 2 "Disputed": the evidence favours neither side;
//! - 1 "Contradicted by stronger evidence": it favours another claim.
//!
//! `url` points at the finding by its fingerprint under the crate's
//! homepage; a site that publishes the reviews rewrites it to its own page.

use serde_json::{json, Value};

use crate::model::Claim;
use crate::render::json::to_pretty;
use crate::render::{ci, CheckReport};

/// The reviews, one per unreviewed finding, as a JSON array.
pub fn render(report: &CheckReport) -> String {
    let reviews: Vec<Value> = ci::unreviewed(report)
        .filter_map(|(_, finding)| {
            let &primary = finding.claims.first()?;
            let claim = &report.dataset.claims[primary];
            let (value, rating) = match finding.favours {
                Some(c) if c == primary => (3, "Supported by the evidence"),
                Some(_) => (1, "Contradicted by stronger evidence"),
                None => (2, "Disputed"),
            };
            let published = (finding.claims.iter())
                .filter_map(|&c| report.dataset.claims[c].report)
                .map(|r| crate::date::format_day(r.earliest))
                .max();
            Some(json!({
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": format!("{}/findings/{}", env!("CARGO_PKG_HOMEPAGE"), finding.fingerprint),
                "claimReviewed": claim_text(claim),
                "author": {"@type": "Organization", "name": "claimlint"},
                "datePublished": published,
                "reviewRating": {
                    "@type": "Rating",
                    "ratingValue": value,
                    "bestRating": 3,
                    "worstRating": 1,
                    "alternateName": rating,
                },
                "reviewBody": finding.message,
                "itemReviewed": item_reviewed(report, claim),
            }))
        })
        .map(without_nulls)
        .collect();
    let mut out = to_pretty(&reviews);
    out.push('\n');
    out
}

/// `value` without its null members: an absent property, not a null one,
/// is what the markup expects.
fn without_nulls(value: Value) -> Value {
    match value {
        Value::Object(map) => (map.into_iter())
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| (k, without_nulls(v)))
            .collect::<serde_json::Map<_, _>>()
            .into(),
        Value::Array(items) => items.into_iter().map(without_nulls).collect(),
        other => other,
    }
}

/// The claim as a sentence: its quote, else `who status date`.
fn claim_text(claim: &Claim) -> String {
    match &claim.quote {
        Some(quote) => quote.to_string(),
        None => format!("{} {} {}", claim.who, claim.status, claim.date_text()),
    }
}

/// The `Claim` reviewed: who asserts it, when, and where it appeared.
fn item_reviewed(report: &CheckReport, claim: &Claim) -> Value {
    let source = report.dataset.source_of(claim);
    let author = (claim.according_to.as_deref().map(str::to_string))
        .or_else(|| source.and_then(|s| s.publisher.clone().or_else(|| s.title.clone())));
    let appearance: Vec<Value> = source
        .into_iter()
        .map(|s| {
            json!({
                "@type": "CreativeWork",
                "url": s.url,
                "headline": s.title,
                "publisher": s.publisher.as_ref().map(|p| json!({"@type": "Organization", "name": p})),
            })
        })
        .collect();
    json!({
        "@type": "Claim",
        "author": author.map(|a| json!({"@type": "Organization", "name": a})),
        "datePublished": claim.report.map(|r| crate::date::format_day(r.earliest)),
        "appearance": appearance,
    })
}
