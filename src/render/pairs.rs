//! `claimlint match`: one JSON object per pair.

use serde::Serialize;

use crate::names::{Decision, MatchResult};

#[derive(Serialize)]
struct Line<'a> {
    name1: &'a str,
    name2: &'a str,
    score: f64,
    decision: Decision,
    explanation: &'a str,
}

/// One line of `claimlint match`: the pair, the decision, the score and why.
pub fn line(a: &str, b: &str, result: &MatchResult) -> String {
    let line = Line {
        name1: a,
        name2: b,
        score: (result.score * 1000.0).round() / 1000.0,
        decision: result.decision,
        explanation: &result.explanation,
    };
    let mut text = serde_json::to_string(&line).unwrap_or_default();
    text.push('\n');
    text
}
