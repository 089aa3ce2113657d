//! `claimlint match`: one JSON object per pair, or a readable block.

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

/// The readable form of `claimlint match`: the decision and score, each
/// name's parts, then what aligned and how, what is left over, and what
/// counted against.
pub fn block(a: &str, b: &str, result: &MatchResult) -> String {
    use std::fmt::Write as _;
    let details = &result.details;
    let verdict = match result.decision {
        Decision::Same => "same person",
        Decision::Different => "different people",
        Decision::Review => "needs review",
    };
    let mut out = String::new();
    let _ = writeln!(out, "{a}  ~  {b}");
    let _ = writeln!(out, "{verdict} (score {:.3})", result.score);
    for (name, (key, parts)) in [a, b]
        .iter()
        .zip(details.keys.iter().zip(details.parts.iter()))
    {
        let _ = writeln!(out, "  {name}: {key} [{parts}]");
    }
    for aligned in &details.aligned {
        let _ = writeln!(out, "  aligned: {aligned}");
    }
    for (name, left) in [a, b].iter().zip(details.unmatched.iter()) {
        if !left.is_empty() {
            let _ = writeln!(out, "  left over in {name}: {}", left.join(", "));
        }
    }
    for against in &details.against {
        let _ = writeln!(out, "  against: {against}");
    }
    for note in &details.notes {
        let _ = writeln!(out, "  note: {note}");
    }
    out
}
