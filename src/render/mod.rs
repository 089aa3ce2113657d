//! Renderers: each output format in its own file, all reading the same
//! findings. None of them decides anything; they only show.

pub mod ci;
pub mod claimreview;
pub mod concise;
pub mod entities;
pub mod github;
pub mod gitlab;
pub mod html;
pub mod human;
pub mod json;
pub mod json_lines;
pub mod junit;
pub mod markdown;
pub mod pairs;
pub mod rdjson;
pub mod sarif;
pub mod sources;
pub mod timeline;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::finding::{Finding, Severity};
use crate::model::Dataset;
use crate::reconcile::Entities;
use crate::review::{Applied, Decision, Review};

/// The formats of the listings (`entities`, `timeline`, `sources`,
/// `rules`); the `check` report has a renderer per format of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Text for a person at a terminal.
    Human,
    /// A stable, sorted JSON document for scripts.
    Json,
}

/// Everything `check` reports.
pub struct CheckReport<'a> {
    /// The claims, sources and input errors.
    pub dataset: &'a Dataset,
    /// Who is who.
    pub entities: &'a Entities,
    /// What the rules found.
    pub findings: &'a [Finding],
    /// The review file laid over `findings` (empty when there is none).
    pub reviews: &'a Applied<'a>,
    /// Show dismissed findings in full (human, Markdown).
    pub show_reviewed: bool,
    /// Add counts per rule.
    pub statistics: bool,
    /// Show the numbers behind the words: each claim's weight (human).
    pub verbose: bool,
}

/// Findings per rule, by severity and review state.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct RuleStatistics {
    /// Findings at `error`.
    pub error: usize,
    /// Findings at `warning`.
    pub warning: usize,
    /// Findings at `info`.
    pub info: usize,
    /// Findings with a decision.
    pub reviewed: usize,
    /// Findings without one.
    pub unreviewed: usize,
}

impl CheckReport<'_> {
    /// The number of findings at `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// The review of finding `index`.
    pub fn review(&self, index: usize) -> Option<&Review> {
        self.reviews.of(index)
    }

    /// The number of findings with a decision.
    pub fn reviewed(&self) -> usize {
        (0..self.findings.len())
            .filter(|&i| self.review(i).is_some())
            .count()
    }

    /// Whether a renderer that hides dismissed findings shows finding `index`.
    pub fn shown(&self, index: usize) -> bool {
        self.show_reviewed || self.review(index).map(|r| r.decision) != Some(Decision::Dismissed)
    }

    /// Counts per rule id, sorted by rule id.
    pub fn rule_statistics(&self) -> BTreeMap<&str, RuleStatistics> {
        let mut stats: BTreeMap<&str, RuleStatistics> = BTreeMap::new();
        for (index, finding) in self.findings.iter().enumerate() {
            let entry = stats.entry(finding.rule).or_default();
            match finding.severity {
                Severity::Error => entry.error += 1,
                Severity::Warning => entry.warning += 1,
                Severity::Info => entry.info += 1,
            }
            if self.review(index).is_some() {
                entry.reviewed += 1;
            } else {
                entry.unreviewed += 1;
            }
        }
        stats
    }
}

/// Writes `findings` into `writer` in order, each one as `render` puts it
/// (given its index in the report) into a buffer. Blocks of findings are
/// rendered in parallel, a batch at a time, so a million claims' report is
/// neither rendered on one core nor held whole in memory.
pub(crate) fn write_findings<E>(
    findings: &[Finding],
    mut writer: impl std::io::Write,
    render: impl Fn(usize, &Finding, &mut Vec<u8>) -> Result<(), E> + Sync,
) -> Result<(), E>
where
    E: From<std::io::Error> + Send,
{
    use rayon::prelude::*;
    const BLOCK: usize = 256;
    const BATCH: usize = 16 * BLOCK;
    for (batch, findings) in findings.chunks(BATCH).enumerate() {
        let blocks: Vec<Vec<u8>> = findings
            .par_chunks(BLOCK)
            .enumerate()
            .map(|(block, findings)| {
                let first = batch * BATCH + block * BLOCK;
                let mut out = Vec::new();
                for (i, finding) in findings.iter().enumerate() {
                    render(first + i, finding, &mut out)?;
                }
                Ok(out)
            })
            .collect::<Result<_, E>>()?;
        for block in blocks {
            writer.write_all(&block)?;
        }
    }
    Ok(())
}

/// `text` safe to show at a terminal: control characters and escape
/// sequences from the data (an ESC that would retitle the window or clear
/// the screen, a carriage return that would overwrite the line, a bidi
/// override that would reorder it) are shown as escapes (`\x1b`, `\r`,
/// `\u{202e}`), never sent. Every human output passes data through it.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    fn unsafe_char(c: char) -> bool {
        c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    }
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x80 && unsafe_char(c) => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if unsafe_char(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// ANSI styling, or none: an explicit `--color` wins, then `NO_COLOR`, then
/// whether stdout is a terminal.
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    /// Whether to emit ANSI colour codes.
    pub enabled: bool,
    /// The terminal's width, to wrap text at word boundaries; `None` in
    /// pipes and files, which get one line per item (as ruff does).
    pub width: Option<usize>,
}

impl Palette {
    /// No colour, no wrapping.
    pub const PLAIN: Palette = Palette {
        enabled: false,
        width: None,
    };

    /// `text` wrapped at word boundaries to the width, its first line after
    /// `first` and the others after `rest` (a hanging indent), each line
    /// ending in a newline; one line when there is no width.
    pub fn wrap(&self, out: &mut String, text: &str, first: &str, rest: &str) {
        let Some(width) = self.width else {
            out.push_str(first);
            out.push_str(text);
            out.push('\n');
            return;
        };
        let options = textwrap::Options::new(width.max(40))
            .initial_indent(first)
            .subsequent_indent(rest)
            .break_words(false)
            // Dates and ids hold hyphens: lines break at spaces only.
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        for line in textwrap::wrap(text, options) {
            out.push_str(&line);
            out.push('\n');
        }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.enabled {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    /// `text` in the colour of `severity`.
    pub fn severity(&self, severity: Severity, text: &str) -> String {
        let code = match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        };
        self.paint(code, text)
    }

    /// `text` in bold.
    pub fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }

    /// `text` dimmed.
    pub fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }

    /// `text` in the accent colour.
    pub fn accent(&self, text: &str) -> String {
        self.paint("1;34", text)
    }
}
