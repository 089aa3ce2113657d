//! `--format markdown`: a pull-request comment or job summary.
//!
//! A summary table, then the findings grouped by severity, each with its
//! claims as `file:line`. Everything that comes from the data is escaped, so
//! a name with a pipe or a `<script>` cannot break the table or the page.

use std::fmt::Write as _;

use crate::finding::Severity;
use crate::render::CheckReport;

/// Escapes text from the data for Markdown: inline punctuation that Markdown
/// would read is backslash-escaped, `<`/`>`/`&` become entities (GitHub
/// renders some inline HTML), and line breaks become spaces so one value
/// stays on its table row or list item.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' | '\t' => out.push(' '),
            // Only what Markdown reads mid-line: our values never start a
            // line, so list and heading markers (`-`, `1.`, `#`) are safe.
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

fn heading(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Errors",
        Severity::Warning => "Warnings",
        Severity::Info => "Info",
    }
}

/// The report as a pull-request comment: a summary table, the input
/// errors, each finding by severity, stale reviews.
pub fn render(report: &CheckReport) -> String {
    let mut out = String::new();
    summary(&mut out, report);
    if report.statistics {
        statistics(&mut out, report);
    }
    input_errors(&mut out, report);
    let mut hidden = 0;
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        let shown: Vec<usize> = (0..report.findings.len())
            .filter(|&i| report.findings[i].severity == severity)
            .filter(|&i| {
                let shown = report.shown(i);
                hidden += usize::from(!shown);
                shown
            })
            .collect();
        if shown.is_empty() {
            continue;
        }
        let _ = writeln!(out, "### {}\n", heading(severity));
        for index in shown {
            finding(&mut out, report, index);
        }
    }
    if hidden > 0 {
        let _ = writeln!(
            out,
            "{hidden} dismissed findings are not shown (`--show-reviewed` shows them).\n"
        );
    }
    stale_reviews(&mut out, report);
    if report.findings.is_empty() && report.dataset.errors.is_empty() {
        let _ = writeln!(out, "No findings.");
    }
    out
}

/// The heading, the dataset's size and findings per severity.
fn summary(out: &mut String, report: &CheckReport) {
    let dataset = report.dataset;
    let _ = writeln!(out, "## claimlint\n");
    let _ = writeln!(
        out,
        "{} {} about {} {}.\n",
        dataset.claims.len(),
        if dataset.claims.len() == 1 {
            "claim"
        } else {
            "claims"
        },
        report.entities.list.len(),
        if report.entities.list.len() == 1 {
            "person"
        } else {
            "people"
        }
    );
    let _ = writeln!(out, "| severity | findings | unreviewed | reviewed |");
    let _ = writeln!(out, "|---|---:|---:|---:|");
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        let of_severity: Vec<usize> = (0..report.findings.len())
            .filter(|&i| report.findings[i].severity == severity)
            .collect();
        let reviewed = of_severity
            .iter()
            .filter(|&&i| report.review(i).is_some())
            .count();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            severity,
            of_severity.len(),
            of_severity.len() - reviewed,
            reviewed
        );
    }
    if !dataset.errors.is_empty() {
        let _ = writeln!(out, "| input errors | {} | | |", dataset.errors.len());
    }
    out.push('\n');
}

/// Findings per rule (`--statistics`).
fn statistics(out: &mut String, report: &CheckReport) {
    let _ = writeln!(out, "| rule | error | warning | info | reviewed |");
    let _ = writeln!(out, "|---|---:|---:|---:|---:|");
    for (rule, s) in report.rule_statistics() {
        let _ = writeln!(
            out,
            "| `{rule}` | {} | {} | {} | {} |",
            s.error, s.warning, s.info, s.reviewed
        );
    }
    out.push('\n');
}

/// The input errors, each at its position.
fn input_errors(out: &mut String, report: &CheckReport) {
    let dataset = report.dataset;
    if !dataset.errors.is_empty() {
        let _ = writeln!(out, "### Input errors\n");
        for error in &dataset.errors {
            let _ = writeln!(
                out,
                "- {}:{}:{}: {}",
                escape(&error.file),
                error.line,
                error.column,
                escape(&error.message)
            );
        }
        out.push('\n');
    }
}

/// One finding: its rule and message, the person, the claims, the
/// reasoning, what the evidence favours and its review.
fn finding(out: &mut String, report: &CheckReport, index: usize) {
    let dataset = report.dataset;
    let finding = &report.findings[index];
    let entity = &report.entities.list[finding.entity];
    let _ = writeln!(
        out,
        "#### `{}`: {}\n",
        finding.rule,
        escape(&finding.message)
    );
    let _ = writeln!(
        out,
        "Person: **{}** ({}) · fingerprint `{}`\n",
        escape(&entity.name),
        escape(&entity.id),
        finding.fingerprint
    );
    for &c in &finding.claims {
        let claim = &dataset.claims[c];
        let rejected = dataset
            .rejection(c)
            .map(|r| format!(" · rejected in review ({})", escape(r)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "- {}:{} — {} · {} · {} · {}{rejected}",
            escape(&claim.pos.file),
            claim.pos.line,
            escape(&claim.id),
            escape(&claim.who),
            claim.status.as_str(),
            escape(claim.date_text())
        );
    }
    let _ = writeln!(out, "\nReasoning: {}", escape(&finding.reasoning));
    if let Some(f) = finding.favours {
        let _ = writeln!(
            out,
            "\nThe evidence favours {}.",
            escape(&dataset.claims[f].id)
        );
    }
    if let Some(review) = report.review(index) {
        let mut line = format!(
            "\nReviewed: **{}** by {} at {}",
            review.decision,
            escape(&review.who),
            escape(&review.when)
        );
        if let Some(wrong) = &review.wrong {
            let _ = write!(line, " (wrong: {})", escape(wrong));
        }
        if !review.note.is_empty() {
            let _ = write!(line, ": {}", escape(&review.note));
        }
        let _ = writeln!(out, "{line}");
    }
    out.push('\n');
}

/// Decisions whose finding has gone.
fn stale_reviews(out: &mut String, report: &CheckReport) {
    if !report.reviews.stale.is_empty() {
        let _ = writeln!(out, "### Stale reviews\n");
        for stale in &report.reviews.stale {
            let _ = writeln!(
                out,
                "- {} ({} by {}): matches no finding any more",
                escape(stale.fingerprint),
                stale.review.decision,
                escape(&stale.review.who)
            );
        }
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_cannot_break_out() {
        assert_eq!(escape("a|b"), "a\\|b");
        assert_eq!(escape("`x`"), "\\`x\\`");
        assert_eq!(escape("<script>"), "&lt;script&gt;");
        assert_eq!(escape("two\nlines"), "two lines");
    }
}
