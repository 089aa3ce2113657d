//! What the interactive review shows, laid out for the terminal's size: a
//! header pinned at the top (where the reviewer is, the finding's rule and
//! message), the finding's body below it, scrolled when it is longer than
//! the room left, and a footer pinned at the bottom (the last confirmation
//! or prompt, and the keys). Text is wrapped at word boundaries to the
//! width, and every piece of data passes through [`printable`] first: a
//! name holding an escape sequence is shown, never sent to the terminal.
//!
//! Laying out is a pure function of the content and the size, so a resize
//! is only another layout, and tests need no terminal.

use claimlint::finding::Finding;
use claimlint::model::Claim;
use claimlint::render::{printable, Palette};
use claimlint::review::Review;
use claimlint::Analysis;

/// A line of the screen, and how it is painted.
#[derive(Clone, Debug)]
pub struct Line {
    pub text: String,
    pub style: Style,
}

/// How a line is painted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Plain,
    Dim,
    Bold,
    Severity(claimlint::Severity),
    Accent,
}

impl Line {
    fn new(text: impl Into<String>, style: Style) -> Line {
        Line {
            text: text.into(),
            style,
        }
    }

    /// The line in its style, cut to `width` columns: a line the terminal
    /// wrapped would push the pinned footer off the screen.
    fn paint(&self, palette: Palette, width: usize) -> String {
        let text = fit_width(&self.text, width);
        match self.style {
            Style::Plain => text,
            Style::Dim => palette.dim(&text),
            Style::Bold => palette.bold(&text),
            Style::Severity(s) => palette.severity(s, &text),
            Style::Accent => palette.accent(&text),
        }
    }
}

/// `text` cut to at most `width` columns, with `…` where it was cut.
fn fit_width(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar as _;
    if unicode_width::UnicodeWidthStr::width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// The three parts of a screen, before they are fitted to a size.
pub struct Content {
    /// Pinned at the top.
    pub header: Vec<Line>,
    /// Scrolled.
    pub body: Vec<Line>,
    /// Pinned at the bottom.
    pub footer: Vec<Line>,
}

/// Wraps `text` (data made printable first) at word boundaries to
/// `width` columns, each line indented by `indent`, in `style`.
pub fn wrapped(text: &str, width: usize, indent: &str, style: Style) -> Vec<Line> {
    let text = printable(text);
    let options = textwrap::Options::new(width.max(indent.len() + 8))
        .initial_indent(indent)
        .subsequent_indent(indent)
        // Dates and ids hold hyphens: break only at spaces.
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::wrap(&text, options)
        .into_iter()
        .map(|l| Line::new(l.into_owned(), style))
        .collect()
}

/// Wraps `text` with a first-line `label` and the following lines indented
/// to line up under it.
fn labelled(label: &str, text: &str, width: usize, style: Style) -> Vec<Line> {
    let text = printable(text);
    let indent = " ".repeat(label.chars().count() + 1);
    let options = textwrap::Options::new(width.max(indent.len() + 8))
        .initial_indent("")
        .subsequent_indent(&indent)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let first = format!("{label} {text}");
    textwrap::wrap(&first, options)
        .into_iter()
        .map(|l| Line::new(l.into_owned(), style))
        .collect()
}

/// The lines of a screen `width` × `height`, the body scrolled by `scroll`
/// lines (clamped; the clamped value is returned too), each line painted.
pub fn fit(
    content: &Content,
    width: usize,
    height: usize,
    scroll: usize,
    palette: Palette,
) -> (Vec<String>, usize) {
    let footer_rows = content.footer.len().min(height.saturating_sub(2));
    let header_rows = content
        .header
        .len()
        .min(height.saturating_sub(footer_rows + 1));
    let room = height.saturating_sub(header_rows + footer_rows + 1);
    let max_scroll = content.body.len().saturating_sub(room);
    let scroll = scroll.min(max_scroll);
    let mut out: Vec<String> = content.header[..header_rows]
        .iter()
        .map(|l| l.paint(palette, width))
        .collect();
    // A rule under the header that says how much of the body is in view.
    let shown_to = (scroll + room).min(content.body.len());
    let position = if max_scroll == 0 {
        String::new()
    } else {
        format!(
            " lines {}–{} of {} (↑/↓ PgUp/PgDn scroll) ",
            scroll + 1,
            shown_to,
            content.body.len()
        )
    };
    let dashes = width.saturating_sub(position.chars().count() + 2);
    out.push(palette.dim(&format!("──{position}{}", "─".repeat(dashes))));
    for row in 0..room {
        out.push(
            content
                .body
                .get(scroll + row)
                .map_or(String::new(), |l| l.paint(palette, width)),
        );
    }
    out.extend(
        content.footer[content.footer.len() - footer_rows..]
            .iter()
            .map(|l| l.paint(palette, width)),
    );
    (out, scroll)
}

/// Where the reviewer is, for the header.
pub struct Place<'a> {
    /// 1-based position in the queue.
    pub position: usize,
    /// Findings in the queue.
    pub total: usize,
    /// Decisions made in this session.
    pub decided: usize,
    /// The decision this finding had before what it rests on changed.
    pub previous: Option<&'a Review>,
    /// The decision recorded on it in this session (after going back).
    pub current: Option<&'a Review>,
}

/// The header: where the reviewer is and what the finding says.
pub fn header(finding: &Finding, place: &Place, width: usize) -> Vec<Line> {
    let mut lines = wrapped(
        &format!(
            "claimlint review — finding {} of {} unreviewed · {} decided · {}",
            place.position, place.total, place.decided, finding.fingerprint
        ),
        width,
        "",
        Style::Dim,
    );
    let label = format!("{}[{}]:", finding.severity, finding.rule);
    let mut message = wrapped(
        &format!("{label} {}", finding.message),
        width,
        "",
        Style::Severity(finding.severity),
    );
    // At most three lines of message: the body repeats it in full.
    if message.len() > 3 {
        message.truncate(3);
        message[2].text.push_str(" …");
    }
    lines.extend(message);
    lines
}

/// The finding in full: the person, each claim numbered, the reasoning,
/// what it favours, the decision it had, and the person's timeline.
pub fn body(analysis: &Analysis, finding: &Finding, place: &Place, width: usize) -> Vec<Line> {
    let dataset = &analysis.dataset;
    let entity = &analysis.entities.list[finding.entity];
    let mut lines = Vec::new();
    if let Some(current) = place.current {
        lines.extend(labelled(
            "decided:",
            &current.describe(),
            width,
            Style::Accent,
        ));
    }
    if let Some(previous) = place.previous {
        lines.extend(labelled(
            "reopened:",
            &format!(
                "was {}; what it rests on changed since (a claim in dispute was added, removed, or changed its who, status, date or source)",
                previous.describe()
            ),
            width,
            Style::Accent,
        ));
    }
    if finding.message.chars().count() + finding.rule.len() + 12 > width * 3 {
        lines.extend(wrapped(&finding.message, width, "", Style::Bold));
    }
    lines.extend(labelled(
        "person:",
        &format!("{} ({})", entity.name, entity.id),
        width,
        Style::Plain,
    ));
    lines.push(Line::new("", Style::Plain));
    lines.push(Line::new("claims:", Style::Bold));
    for (i, &c) in finding.claims.iter().enumerate() {
        let disputed = finding.subject.contains(&c) && finding.subject.len() < finding.claims.len();
        lines.extend(claim(analysis, &dataset.claims[c], i + 1, disputed, width));
    }
    lines.push(Line::new("", Style::Plain));
    lines.extend(labelled(
        "reasoning:",
        &finding.reasoning,
        width,
        Style::Plain,
    ));
    if let Some(reason) = &finding.severity_reason {
        lines.extend(labelled(
            "severity:",
            &format!(
                "{}, lowered from {}: {reason}",
                finding.severity, finding.default_severity
            ),
            width,
            Style::Plain,
        ));
    }
    if let Some(f) = finding.favours {
        let claim = &dataset.claims[f];
        lines.extend(labelled(
            "favours:",
            &format!("{} ({} {})", claim.id, claim.status, claim.date_text()),
            width,
            Style::Plain,
        ));
    }
    lines.push(Line::new("", Style::Plain));
    lines.push(Line::new("timeline:", Style::Bold));
    let ordered = claimlint::render::timeline::ordered_claims(dataset, &entity.claims);
    for c in ordered {
        let claim = &dataset.claims[c];
        let mark = if finding.claims.contains(&c) {
            "▶"
        } else {
            " "
        };
        let rejected = dataset
            .rejection(c)
            .map(|r| format!("  (rejected: {r})"))
            .unwrap_or_default();
        lines.extend(wrapped(
            &format!(
                "{mark} {:<12} {:<9} {}{rejected}",
                claim.date_text(),
                claim.status.as_str(),
                claim.id
            ),
            width,
            "  ",
            Style::Plain,
        ));
    }
    lines
}

/// One claim: `[n] status date id`, then its source and details, wrapped.
fn claim(
    analysis: &Analysis,
    claim: &Claim,
    number: usize,
    disputed: bool,
    width: usize,
) -> Vec<Line> {
    let dataset = &analysis.dataset;
    let head = format!(
        "[{number}] {} {}  {}{}",
        claim.status.as_str(),
        claim.date_text(),
        claim.id,
        if disputed { "  (in dispute)" } else { "" }
    );
    let mut lines = wrapped(&head, width, " ", Style::Bold);
    let mut details = vec![match dataset.source_of(claim) {
        Some(source) => format!(
            "source: {}{}",
            source.id,
            source
                .reliability
                .map(|r| format!(" [{r}]"))
                .unwrap_or_default()
        ),
        None => "source: none".into(),
    }];
    if let Some(reported) = &claim.reported {
        details.push(format!("reported {}", reported.text));
    } else if let Some(published) = dataset.source_of(claim).and_then(|s| s.published.as_ref()) {
        details.push(format!("reported {}", published.text));
    }
    details.push(claim.certainty.as_str().to_string());
    details.push(format!("who: {}", claim.who));
    for (label, value) in [
        ("according to", &claim.according_to),
        ("by", &claim.by),
        ("place", &claim.place),
        ("evidence", &claim.evidence),
    ] {
        if let Some(value) = value {
            details.push(format!("{label}: {value}"));
        }
    }
    if let Some(reason) = dataset
        .claim_index(&claim.id)
        .and_then(|c| dataset.rejection(c))
    {
        details.push(format!("REJECTED in review ({reason})"));
    }
    details.push(format!("at {}", claim.pos));
    lines.extend(wrapped(&details.join(" · "), width, "     ", Style::Dim));
    if let Some(quote) = &claim.quote {
        lines.extend(wrapped(&format!("“{quote}”"), width, "     ", Style::Dim));
    }
    lines
}

/// The keys, as the footer lists them (wrapped) and `?` explains them.
pub fn keys(ambiguous: bool) -> &'static str {
    if ambiguous {
        "[=] same person  [-] not the same  [s]kip  [c]onfirm  [d]ismiss  [x] reject a claim  [p]revious  [n]ote  [u]ndo  [?] keys  [q]uit"
    } else {
        "[c]onfirm  [d]ismiss  [r]esolve  [x] reject a claim  [s]kip  [p]revious  [n]ote  [u]ndo  [?] keys  [q]uit"
    }
}

/// The help screen `?` shows.
pub fn help(width: usize) -> Vec<Line> {
    let entries = [
        ("c", "confirm: a real contradiction, kept as a known issue"),
        ("d", "dismiss: a false alarm"),
        ("r", "resolve: pick the claim judged wrong by its number; it is rejected too, which settles every finding that rests only on it"),
        ("x", "reject a claim: pick it by its number, then the reason"),
        ("= -", "ambiguous-alias: the names are the same person / not the same"),
        ("s →", "skip to the next finding"),
        ("p ←", "back to the previous finding"),
        ("n", "write a note for the next decision"),
        ("u", "undo the last step, in the review file too"),
        ("↑ ↓", "scroll the finding a line (j k); PgUp PgDn Space a page; Home End"),
        ("?", "this help; any other key returns"),
        ("q", "quit (Ctrl-C too); every decision is already saved"),
    ];
    let mut lines = vec![Line::new("Keys", Style::Bold), Line::new("", Style::Plain)];
    for (key, what) in entries {
        lines.extend(labelled(&format!("  {key:<5}"), what, width, Style::Plain));
    }
    lines.push(Line::new("", Style::Plain));
    lines.extend(wrapped(
        "Every decision is written to the review file at once, under its lock and merged with what other reviewers wrote meanwhile.",
        width,
        "",
        Style::Dim,
    ));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(n: usize, prefix: &str) -> Vec<Line> {
        (0..n)
            .map(|i| Line::new(format!("{prefix}{i}"), Style::Plain))
            .collect()
    }

    #[test]
    fn the_header_and_footer_stay_and_the_body_scrolls() {
        let content = Content {
            header: lines(2, "h"),
            body: lines(40, "b"),
            footer: lines(2, "f"),
        };
        let (screen, scroll) = fit(&content, 80, 24, 5, Palette::PLAIN);
        assert_eq!(screen.len(), 24);
        assert_eq!(scroll, 5);
        assert_eq!(screen[0], "h0");
        assert!(screen[2].contains("lines 6–24 of 40"), "{}", screen[2]);
        assert_eq!(screen[3], "b5");
        assert_eq!(screen[23], "f1");
        let (_, scroll) = fit(&content, 80, 24, 100, Palette::PLAIN);
        assert_eq!(scroll, 40 - 19);
    }

    #[test]
    fn text_wraps_at_words_and_data_is_escaped() {
        let lines = wrapped(
            "a name\u{1b}]0;pwned\u{7} with more words",
            12,
            "",
            Style::Plain,
        );
        assert!(lines.iter().all(|l| !l.text.contains('\u{1b}')));
        assert!(lines.iter().any(|l| l.text.contains("\\x1b")));
        assert!(
            lines.iter().all(|l| l.text.chars().count() <= 12),
            "{lines:?}"
        );
    }
}
