//! Renderers: each output format in its own file, all reading the same
//! findings. None of them decides anything; they only show.

pub mod entities;
pub mod human;
pub mod json;
pub mod pairs;
pub mod sources;
pub mod timeline;

use crate::finding::{Finding, Severity};
use crate::model::Dataset;
use crate::reconcile::Entities;

/// Everything `check` reports.
pub struct CheckReport<'a> {
    pub dataset: &'a Dataset,
    pub entities: &'a Entities,
    pub findings: &'a [Finding],
}

impl CheckReport<'_> {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

/// ANSI styling, or none: an explicit `--color` wins, then `NO_COLOR`, then
/// whether stdout is a terminal.
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    pub enabled: bool,
}

impl Palette {
    pub const PLAIN: Palette = Palette { enabled: false };

    fn paint(&self, code: &str, text: &str) -> String {
        if self.enabled {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub fn severity(&self, severity: Severity, text: &str) -> String {
        let code = match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        };
        self.paint(code, text)
    }

    pub fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }

    pub fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }

    pub fn accent(&self, text: &str) -> String {
        self.paint("1;34", text)
    }
}
