//! `--output-format markdown`: a pull-request comment or job summary.
//!
//! The summary and the findings per rule come first; then the findings,
//! grouped by person in `<details>` blocks, worst first, as many as fit a
//! GitHub comment (65,536 characters), with a count of what was left out
//! and where to see it.
//!
//! Everything that comes from the data is escaped, so a name with a pipe or
//! a `<script>` cannot break the table or the page, and neutralised, so it
//! cannot ping anyone (`@someone`, `@org/team`), link an issue (`#123`) or
//! turn into a link; control characters and bidirectional overrides are
//! shown as escapes. Ids the reasoning quotes in backticks are shown as
//! code.

use std::fmt::Write as _;

use crate::finding::Severity;
use crate::render::{printable, CheckReport};

/// GitHub's limit on a comment's body, in characters.
pub const COMMENT_LIMIT: usize = 65_536;

/// Room kept for the closing lines (what was left out, stale reviews).
const FOOTER: usize = 4_096;

/// A zero-width space: breaks a mention, an issue reference or a link for
/// GitHub without changing what a reader sees.
const BREAK: char = '\u{200b}';

/// Escapes text from the data for Markdown: inline punctuation that Markdown
/// would read is backslash-escaped, `<`/`>`/`&` become entities (GitHub
/// renders some inline HTML), line breaks become spaces so one value stays
/// on its table row or list item; control characters are shown as escapes,
/// and mentions, issue references and links are broken.
pub fn escape(text: &str) -> String {
    let spaced = text.replace(['\n', '\r', '\t'], " ");
    let text = printable(&spaced);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            // Only what Markdown reads mid-line: our values never start a
            // line, so list and heading markers (`-`, `1.`, `#`) are safe.
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    neutralise(&out)
}

/// Breaks what GitHub would act on in text already escaped: a mention
/// (`@someone`, `@org/team`), an issue reference (`#123`), a link
/// (`https://…`, `www.…`).
fn neutralise(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        let breaks = match c {
            '@' => true,
            '#' => chars.peek().is_some_and(char::is_ascii_digit),
            ':' => out.ends_with("http:") || out.ends_with("https:") || out.ends_with("ftp:"),
            _ => false,
        };
        if breaks {
            out.push(BREAK);
        }
        if out.ends_with("www") && chars.peek() == Some(&'.') {
            out.push(BREAK);
        }
    }
    out
}

/// Text from the data inside our HTML (`<summary>`, `<code>`): escaped for
/// HTML, control characters shown, mentions and links broken.
fn html_text(text: &str) -> String {
    neutralise(&crate::render::html::escape(&printable(text)))
}

/// Our sentences with data quoted in backticks (`` `claim-id` ``): the
/// quoted parts as code (`<code>`, escaped, so a backtick in the data
/// cannot end it), the rest escaped as text.
pub fn sentence(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<code>{}</code>", html_text(part));
        } else {
            out.push_str(&escape(part));
        }
    }
    out
}

/// The report as a pull-request comment, within [`COMMENT_LIMIT`].
pub fn render(report: &CheckReport) -> String {
    let mut out = String::new();
    summary(&mut out, report);
    statistics(&mut out, report);
    input_errors(&mut out, report);
    let people = people(report);
    let mut left_out = (0, 0);
    let mut hidden = 0;
    let mut shown_any = false;
    for (entity, findings) in &people {
        let visible: Vec<usize> = findings
            .iter()
            .copied()
            .filter(|&i| report.shown(i))
            .collect();
        hidden += findings.len() - visible.len();
        if visible.is_empty() {
            continue;
        }
        let block = person(report, *entity, &visible);
        if left_out.1 > 0 || chars(&out) + chars(&block) + FOOTER > COMMENT_LIMIT {
            left_out = (left_out.0 + visible.len(), left_out.1 + 1);
            continue;
        }
        if !shown_any {
            let _ = writeln!(out, "### Findings\n");
            shown_any = true;
        }
        out.push_str(&block);
    }
    if left_out.0 > 0 {
        let _ = writeln!(
            out,
            "_{} more findings about {} more people are left out to fit a comment; `claimlint check` (or the SARIF upload) shows them all._\n",
            left_out.0, left_out.1
        );
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

fn chars(text: &str) -> usize {
    text.chars().count()
}

/// Each person with findings and their findings' indices, the people with
/// the worst findings first, then by name.
fn people(report: &CheckReport) -> Vec<(usize, Vec<usize>)> {
    let mut by_person: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for (index, finding) in report.findings.iter().enumerate() {
        by_person.entry(finding.entity).or_default().push(index);
    }
    let mut people: Vec<(usize, Vec<usize>)> = by_person.into_iter().collect();
    let worst = |findings: &[usize]| {
        (findings.iter())
            .map(|&i| report.findings[i].severity)
            .max()
            .unwrap_or(Severity::Info)
    };
    people.sort_by(|a, b| {
        worst(&b.1).cmp(&worst(&a.1)).then_with(|| {
            report.entities.list[a.0]
                .name
                .cmp(&report.entities.list[b.0].name)
        })
    });
    people
}

/// One person's findings in a `<details>` block, worst first.
fn person(report: &CheckReport, entity: usize, findings: &[usize]) -> String {
    let mut findings = findings.to_vec();
    findings.sort_by_key(|&i| std::cmp::Reverse(report.findings[i].severity));
    let count = |severity: Severity| {
        (findings.iter())
            .filter(|&&i| report.findings[i].severity == severity)
            .count()
    };
    let counts: Vec<String> = [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .filter(|&s| count(s) > 0)
        .map(|s| match (count(s), s) {
            (1, s) | (_, s @ Severity::Info) => format!("{} {s}", count(s)),
            (n, s) => format!("{n} {s}s"),
        })
        .collect();
    let name = &report.entities.list[entity].name;
    let mut out = format!(
        "<details><summary><b>{}</b>: {}</summary>\n\n",
        html_text(name),
        counts.join(", ")
    );
    for index in findings {
        finding(&mut out, report, index);
    }
    out.push_str("</details>\n\n");
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

/// Findings per rule.
fn statistics(out: &mut String, report: &CheckReport) {
    if report.findings.is_empty() {
        return;
    }
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

/// How many input errors a comment lists.
const INPUT_ERRORS: usize = 20;

/// The input errors, each at its position (the first few).
fn input_errors(out: &mut String, report: &CheckReport) {
    let dataset = report.dataset;
    if !dataset.errors.is_empty() {
        let _ = writeln!(out, "### Input errors\n");
        for error in dataset.errors.iter().take(INPUT_ERRORS) {
            let _ = writeln!(
                out,
                "- {}:{}:{}: {}",
                escape(&error.file),
                error.line,
                error.column,
                escape(&error.message)
            );
        }
        if dataset.errors.len() > INPUT_ERRORS {
            let _ = writeln!(
                out,
                "- and {} more (`claimlint check` lists them all)",
                dataset.errors.len() - INPUT_ERRORS
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
        "#### {} `{}`: {}\n",
        finding.severity,
        finding.rule,
        sentence(&finding.message)
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
    let _ = writeln!(out, "\nReasoning: {}", sentence(&finding.reasoning));
    if let Some(why) = &finding.severity_reason {
        let _ = writeln!(
            out,
            "\nSeverity: {}, lowered from {}: {}",
            finding.severity,
            finding.default_severity,
            sentence(why)
        );
    }
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

    #[test]
    fn data_cannot_ping_link_or_reorder() {
        assert_eq!(escape("@someone"), "@\u{200b}someone");
        assert_eq!(escape("@org/team"), "@\u{200b}org/team");
        assert_eq!(escape("see #123"), "see #\u{200b}123");
        assert_eq!(escape("#tag"), "#tag");
        assert_eq!(escape("https://x.org"), "https:\u{200b}//x.org");
        assert_eq!(escape("www.x.org"), "www\u{200b}.x.org");
        assert_eq!(escape("\u{202e}abc"), "\\\\u{202e}abc");
        assert_eq!(
            sentence("claim `a|b` and `@x`"),
            "claim <code>a|b</code> and <code>@\u{200b}x</code>"
        );
    }
}
