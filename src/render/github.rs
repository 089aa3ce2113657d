//! `--output-format github`: GitHub Actions workflow commands, one
//! annotation per unreviewed finding (`::error file=…,line=…,col=…,title=…::…`).
//!
//! Data is escaped as the runner expects: `%`, CR and LF in the message;
//! also `:` and `,` in properties. Control characters and bidirectional
//! overrides are shown as escapes first, so data can neither end the
//! command early nor reorder what the annotation shows.

use std::fmt::Write as _;

use crate::finding::Severity;
use crate::render::{ci, printable, CheckReport};

/// The workflow commands, one per line.
pub fn render(report: &CheckReport) -> String {
    let mut out = String::new();
    for (_, finding) in ci::unreviewed(report) {
        let level = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut properties = Vec::new();
        if let Some(pos) = ci::position(report, finding) {
            properties.push(format!("file={}", property(&pos.file)));
            properties.push(format!("line={}", pos.line));
            properties.push(format!("col={}", pos.column));
        }
        let title = format!("claimlint {}", finding.rule);
        properties.push(format!("title={}", property(&title)));
        let _ = writeln!(
            out,
            "::{level} {}::{}",
            properties.join(","),
            message(&ci::headline(report, finding))
        );
    }
    out
}

/// A message as a workflow command's data.
fn message(text: &str) -> String {
    printable(text)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A value of a workflow command's property.
fn property(text: &str) -> String {
    message(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_cannot_end_the_command_or_add_properties() {
        assert_eq!(message("50% done\nnext"), "50%25 done\\nnext");
        assert_eq!(property("a,b:c"), "a%2Cb%3Ac");
        assert_eq!(message("\u{202e}evil"), "\\u{202e}evil");
    }
}
