//! `check --output-format claimreview`: schema.org ClaimReview JSON-LD with
//! the properties Google's fact-check markup requires.

mod common;

use common::run;
use serde_json::Value;

#[test]
fn each_disputed_claim_gets_a_claimreview_with_the_required_properties() {
    let (stdout, stderr, code) = run(&["check", "--output-format", "claimreview", "claims/"]);
    assert!(code == 0 || code == 1, "{stderr}");
    let reviews: Vec<Value> = serde_json::from_str(&stdout).unwrap();
    assert!(!reviews.is_empty());
    for review in &reviews {
        assert_eq!(review["@context"], "https://schema.org");
        assert_eq!(review["@type"], "ClaimReview");
        assert!(review["url"].as_str().unwrap().starts_with("https://"));
        assert!(!review["claimReviewed"].as_str().unwrap().is_empty());
        let rating = &review["reviewRating"];
        assert_eq!(rating["@type"], "Rating");
        let name = rating["alternateName"].as_str().unwrap();
        assert!([
            "Supported by the evidence",
            "Disputed",
            "Contradicted by stronger evidence"
        ]
        .contains(&name));
        let value = rating["ratingValue"].as_i64().unwrap();
        assert!((1..=3).contains(&value));
        assert_eq!(review["itemReviewed"]["@type"], "Claim");
        assert!(
            review.to_string().find("null").is_none(),
            "no null properties: {review}"
        );
        for appearance in review["itemReviewed"]["appearance"].as_array().unwrap() {
            assert_eq!(appearance["@type"], "CreativeWork");
        }
    }
    // A finding whose evidence favours the other side contradicts the claim.
    assert!(reviews
        .iter()
        .any(|r| r["reviewRating"]["alternateName"] == "Contradicted by stronger evidence"));
}
