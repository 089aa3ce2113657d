//! The default output: compiler-style diagnostics that point into the data,
//! with the claims of each finding side by side.

use std::fmt::Write as _;

use crate::finding::{Finding, Severity};
use crate::load::InputError;
use crate::model::{Claim, Dataset};
use crate::render::{printable, CheckReport, Palette};

/// Quotes longer than this are cut, so one finding fits a screen.
const QUOTE_CHARS: usize = 200;

/// The report for a terminal, built in memory (see [`write`] to stream it).
pub fn render(report: &CheckReport, palette: Palette) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write(report, palette, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`render`], streamed into `writer`, the findings rendered in parallel
/// blocks (see [`crate::render::write_findings`]).
pub fn write(
    report: &CheckReport,
    palette: Palette,
    mut writer: impl std::io::Write,
) -> std::io::Result<()> {
    let mut head = String::new();
    for error in &report.dataset.errors {
        input_error(&mut head, error, palette);
    }
    writer.write_all(head.as_bytes())?;
    crate::render::write_findings(report.findings, &mut writer, |index, finding, out| {
        if report.shown(index) {
            let mut text = String::new();
            self::finding(&mut text, report, finding, palette);
            if let Some(review) = report.review(index) {
                review_line(&mut text, review, palette);
                text.push('\n');
            } else if let Some(previous) = report.reviews.previous(index) {
                reopened_line(&mut text, previous, palette);
                text.push('\n');
            }
            out.extend_from_slice(text.as_bytes());
        }
        Ok::<(), std::io::Error>(())
    })?;
    let mut tail = String::new();
    if report.statistics {
        statistics(&mut tail, report, palette);
    }
    summary(&mut tail, report, palette);
    writer.write_all(tail.as_bytes())
}

/// How a reviewed finding is marked: after its fingerprint, one line.
fn review_line(out: &mut String, review: &crate::review::Review, palette: Palette) {
    // `finding` ends with a blank line; the mark belongs to the finding.
    if out.ends_with("\n\n") {
        out.pop();
    }
    let wrong = review
        .wrong
        .as_ref()
        .map(|w| format!(" (wrong: {})", printable(w)))
        .unwrap_or_default();
    let note = if review.note.is_empty() {
        String::new()
    } else {
        format!(": {}", printable(&shorten(&review.note, QUOTE_CHARS)))
    };
    let label = if review.rejected.is_some() {
        "settled:"
    } else {
        "reviewed:"
    };
    let _ = writeln!(
        out,
        "{} {} {}{wrong} by {} at {}{note}",
        palette.accent("   ="),
        palette.bold(label),
        review.decision,
        printable(&review.who),
        review.when
    );
}

/// How a finding whose decision no longer holds is marked: the old
/// decision, as context.
fn reopened_line(out: &mut String, previous: &crate::review::Review, palette: Palette) {
    if out.ends_with("\n\n") {
        out.pop();
    }
    let _ = writeln!(
        out,
        "{} {} was {}; what it rests on changed since (a claim in dispute was added, removed, or changed its who, status, date or source)",
        palette.accent("   ="),
        palette.bold("reopened:"),
        printable(&shorten(&previous.describe(), QUOTE_CHARS))
    );
}

/// The findings per rule, a table.
pub fn statistics(out: &mut String, report: &CheckReport, palette: Palette) {
    let stats = report.rule_statistics();
    let width = stats.keys().map(|r| r.len()).max().unwrap_or(0).max(5);
    let _ = writeln!(
        out,
        "{}",
        palette.bold(&format!(
            "{:<width$}  {:>5}  {:>7}  {:>4}  {:>8}  {:>10}",
            "rule", "error", "warning", "info", "reviewed", "unreviewed"
        ))
    );
    let mut total = crate::render::RuleStatistics::default();
    for (rule, s) in &stats {
        let _ = writeln!(
            out,
            "{rule:<width$}  {:>5}  {:>7}  {:>4}  {:>8}  {:>10}",
            s.error, s.warning, s.info, s.reviewed, s.unreviewed
        );
        total.error += s.error;
        total.warning += s.warning;
        total.info += s.info;
        total.reviewed += s.reviewed;
        total.unreviewed += s.unreviewed;
    }
    let _ = writeln!(
        out,
        "{:<width$}  {:>5}  {:>7}  {:>4}  {:>8}  {:>10}",
        "total", total.error, total.warning, total.info, total.reviewed, total.unreviewed
    );
    out.push('\n');
}

/// One input error: where it is, and what is wrong.
pub fn input_error(out: &mut String, error: &InputError, palette: Palette) {
    let _ = writeln!(
        out,
        "{}: {}",
        palette.severity(Severity::Error, "error"),
        palette.bold(&printable(&error.message))
    );
    let _ = writeln!(
        out,
        "  {} {}:{}:{}",
        palette.accent("-->"),
        error.file,
        error.line,
        error.column
    );
    out.push('\n');
}

/// The reasoning's clauses, one comparison each: it is written as clauses
/// joined by `; ` (never split inside brackets or quotes).
fn clauses(reasoning: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut quoted, mut start) = (0i32, false, 0);
    let bytes = reasoning.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth -= 1,
            b'"' => quoted = !quoted,
            b';' if depth <= 0 && !quoted && bytes.get(i + 1) == Some(&b' ') => {
                parts.push(reasoning[start..i].trim());
                start = i + 2;
            }
            _ => {}
        }
    }
    parts.push(reasoning[start.min(reasoning.len())..].trim());
    parts.retain(|p| !p.is_empty());
    parts
}

/// One finding: the rule, message, claims, reasoning and fingerprint.
pub fn finding(out: &mut String, report: &CheckReport, finding: &Finding, palette: Palette) {
    let dataset = report.dataset;
    let entity = &report.entities.list[finding.entity];
    let label = format!("{}[{}]", finding.severity, finding.rule);
    let head = format!(
        "{}: {}",
        palette.severity(finding.severity, &label),
        palette.bold(&printable(&finding.message))
    );
    palette.wrap(out, &head, "", "    ");
    if let Some(&primary) = finding.claims.first() {
        let _ = writeln!(
            out,
            "  {} {}",
            palette.accent("-->"),
            dataset.claims[primary].pos
        );
    }
    let bar = palette.accent("   |");
    let _ = writeln!(out, "{bar}");
    let _ = writeln!(
        out,
        "{bar} {} {} ({})",
        palette.dim("person:"),
        printable(&entity.name),
        printable(&entity.id)
    );
    for &c in &finding.claims {
        claim_block(out, dataset, &dataset.claims[c], &bar, palette);
    }
    let _ = writeln!(out, "{bar}");
    let eq = palette.accent("   =");
    let _ = writeln!(out, "{eq} {}", palette.bold("reasoning:"));
    for clause in clauses(&finding.reasoning) {
        palette.wrap(out, &printable(clause), "     - ", "       ");
    }
    if let Some(why) = &finding.severity_reason {
        let line = format!(
            "{} {}, lowered from {}: {}",
            palette.bold("severity:"),
            finding.severity,
            finding.default_severity,
            printable(why)
        );
        palette.wrap(out, &line, &format!("{eq} "), "       ");
    }
    if let Some(f) = finding.favours {
        let claim = &dataset.claims[f];
        let _ = writeln!(
            out,
            "{eq} {} {} ({} {})",
            palette.bold("favours:"),
            printable(&claim.id),
            claim.status,
            claim.date_text()
        );
    }
    if report.verbose {
        let weights: Vec<String> = (finding.claims.iter())
            .map(|&c| {
                let claim = &dataset.claims[c];
                format!("{} {:.2}", claim.id, crate::evidence::score(dataset, claim))
            })
            .collect();
        let _ = writeln!(
            out,
            "{eq} {} {}",
            palette.bold("weights:"),
            weights.join(", ")
        );
    }
    let _ = writeln!(
        out,
        "{eq} {} {}",
        palette.bold("fingerprint:"),
        finding.fingerprint
    );
    out.push('\n');
}

/// Lines for an interactive screen: the finding as `check` shows it.
pub fn finding_text(report: &CheckReport, finding: &Finding, palette: Palette) -> String {
    let mut out = String::new();
    self::finding(&mut out, report, finding, palette);
    out
}

fn claim_block(out: &mut String, dataset: &Dataset, claim: &Claim, bar: &str, palette: Palette) {
    let line = format!(
        "{:<10} {:<22} {}",
        claim.status.as_str(),
        claim.date_text(),
        palette.bold(&printable(&claim.id))
    );
    let mut details = Vec::new();
    let source = dataset.source_of(claim);
    match source {
        Some(source) => {
            let grade = (claim.reliability.or(source.reliability))
                .map(|r| format!(" (graded {r})"))
                .unwrap_or_default();
            details.push(format!("source: {}{grade}", source.id));
        }
        None => details.push("no source".into()),
    }
    if let Some(reported) = &claim.reported {
        details.push(format!("reported: {reported}"));
    } else if let Some(published) = source.and_then(|s| s.published.as_ref()) {
        details.push(format!("reported: {published}"));
    }
    if let Some(origin) = &claim.according_to {
        details.push(format!("according to: {origin}"));
    }
    details.push(format!("certainty: {}", claim.certainty));
    if let Some(basis) = claim.basis {
        details.push(format!("basis: {basis}"));
    }
    // Looked up only when a reviewer rejected something: a million claims'
    // report should not pay for it otherwise.
    let index = (!dataset.rejected.is_empty())
        .then(|| dataset.claim_index(&claim.id))
        .flatten();
    if let Some(reason) = index.and_then(|c| dataset.rejection(c)) {
        details.push(format!("rejected in review ({reason})"));
    }
    let _ = writeln!(out, "{bar}   {line}");
    let indent = format!("{bar}   {:<11}", "");
    palette.wrap(
        out,
        &palette.dim(&printable(&details.join(" · "))),
        &indent,
        &indent,
    );
    let _ = writeln!(out, "{indent}{}", palette.dim(&format!("at {}", claim.pos)));
    if let Some(quote) = &claim.quote {
        let quote = shorten(quote, QUOTE_CHARS);
        let quote = format!("“{}”", printable(&quote));
        palette.wrap(out, &quote, &indent, &indent);
    }
}

fn shorten(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The closing line: claims, people, findings by severity, input errors and
/// reviews.
pub fn summary(out: &mut String, report: &CheckReport, palette: Palette) {
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    let infos = report.count(Severity::Info);
    let mut line = format!(
        "{} about {}: {}, {}, {infos} info",
        plural(report.dataset.claims.len(), "claim"),
        match report.entities.list.len() {
            1 => "1 person".to_string(),
            n => format!("{n} people"),
        },
        plural(errors, "error"),
        plural(warnings, "warning"),
    );
    if !report.dataset.errors.is_empty() {
        let _ = write!(
            line,
            "; {}",
            plural(report.dataset.errors.len(), "input error")
        );
    }
    let reviewed = report.reviewed();
    if reviewed > 0 {
        let _ = write!(line, "; {reviewed} reviewed");
        let hidden = (0..report.findings.len())
            .filter(|&i| !report.shown(i))
            .count();
        if hidden > 0 {
            let _ = write!(line, " ({hidden} dismissed not shown: --show-reviewed)");
        }
    }
    let severity = if errors > 0 || !report.dataset.errors.is_empty() {
        Severity::Error
    } else if warnings > 0 {
        Severity::Warning
    } else {
        Severity::Info
    };
    let _ = writeln!(out, "{}", palette.severity(severity, &line));
}
