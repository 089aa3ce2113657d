//! `claimlint.toml`: rule levels, unique roles, matching thresholds, input
//! exclusions. Found in the dataset directory or its parents, or given with
//! `--config`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _, Result};
use serde::Deserialize;

use crate::analysis::Options;
use crate::checker::{Settings, UniqueRole};
use crate::finding::Severity;
use crate::load::LoadOptions;
use crate::names::MatchConfig;
use crate::rules::RULES;
use crate::suggest::did_you_mean;

/// The configuration file's name, looked for in the dataset directory and
/// its parents.
pub const FILE_NAME: &str = "claimlint.toml";

/// A rule's configured level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The rule does not run.
    Off,
    /// Its findings are reported as `info`.
    Info,
    /// Its findings are reported as `warning`.
    Warning,
    /// Its findings are reported as `error`.
    Error,
}

impl Level {
    /// The severity this level reports at, `None` for `off`.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

/// `[matching]`: the thresholds of name matching.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Matching {
    /// Similarity at or above which names merge.
    pub threshold: f64,
    /// Between this and `threshold`: reported as `ambiguous-alias`.
    pub review_band: f64,
}

impl Default for Matching {
    fn default() -> Self {
        Matching {
            threshold: 0.92,
            review_band: 0.85,
        }
    }
}

/// `[input]`: what directory reading leaves out.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Input {
    /// Patterns in `.gitignore` syntax, relative to the configuration
    /// file, of paths skipped when a directory is read (for example per-rule
    /// fixtures kept inside the dataset folder).
    pub exclude: Vec<PathBuf>,
}

/// The contents of `claimlint.toml`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// `[rules]`: rule id to level.
    pub rules: BTreeMap<String, Level>,
    /// `[[unique_roles]]`: roles one person holds at a time.
    pub unique_roles: Vec<UniqueRole>,
    /// `[matching]`.
    pub matching: Matching,
    /// `[input]`.
    pub input: Input,
    /// Where the file was found; relative paths in it are resolved from here.
    #[serde(skip)]
    pub path: Option<PathBuf>,
}

impl Config {
    /// The analysis options this configuration asks for. Merges are not
    /// explained: only `claimlint entities` shows why names were merged, and
    /// the other commands spare the work of explaining a million merges.
    pub fn options(&self) -> Options {
        Options {
            load: LoadOptions {
                exclude: self.input.exclude.clone(),
                exclude_from: self.path.clone(),
                review_file: None,
                context: true,
            },
            settings: Settings {
                levels: (self.rules.iter())
                    .map(|(id, level)| (id.clone(), level.severity()))
                    .collect(),
                unique_roles: self.unique_roles.clone(),
                matching: self.match_config(),
            },
            ..Options::default()
        }
    }

    /// The name matcher's configuration (merges not explained).
    pub fn match_config(&self) -> MatchConfig {
        MatchConfig {
            threshold: self.matching.threshold,
            review_band: self.matching.review_band,
            explain_merges: false,
        }
    }

    /// Parses the text of a configuration file read from `path` (named in
    /// messages; relative `exclude` paths are resolved from its directory).
    pub fn parse(text: &str, path: &Path) -> Result<Config> {
        let mut config: Config = toml::from_str(text).map_err(|err| {
            let message = err.message().to_string();
            // toml names the unknown key; add the nearest known one.
            let hint = message
                .strip_prefix("unknown field `")
                .and_then(|rest| rest.split('`').next())
                .map(|key| {
                    did_you_mean(
                        key,
                        [
                            "rules",
                            "unique_roles",
                            "matching",
                            "input",
                            "threshold",
                            "review_band",
                            "role",
                            "org",
                            "exclude",
                        ],
                    )
                })
                .unwrap_or_default();
            let (line, column) = err
                .span()
                .map(|span| line_column(text, span.start))
                .unwrap_or((1, 1));
            anyhow::anyhow!("{}:{line}:{column}: {message}{hint}", path.display())
        })?;
        for id in config.rules.keys() {
            if crate::rules::find(id).is_none() {
                let hint = did_you_mean(id, RULES.iter().map(|r| r.id));
                let (line, column) = text
                    .find(id.as_str())
                    .map(|at| line_column(text, at))
                    .unwrap_or((1, 1));
                bail!(
                    "{}:{line}:{column}: unknown rule `{id}` in [rules]{hint} (see `claimlint rules`)",
                    path.display()
                );
            }
        }
        let m = &config.matching;
        if !(0.0..=1.0).contains(&m.threshold)
            || !(0.0..=1.0).contains(&m.review_band)
            || m.review_band > m.threshold
        {
            bail!(
                "{}: [matching] needs 0 <= review_band <= threshold <= 1 (got review_band = {}, threshold = {})",
                path.display(),
                m.review_band,
                m.threshold
            );
        }
        for pattern in &config.input.exclude {
            let pattern = pattern.to_string_lossy();
            if let Err(message) = crate::load::check_exclude_pattern(&pattern) {
                let at = text
                    .find(&*pattern)
                    .map_or((1, 1), |at| line_column(text, at));
                bail!("{}:{}:{}: {message}", path.display(), at.0, at.1);
            }
        }
        config.path = Some(path.to_path_buf());
        Ok(config)
    }

    /// Reads and parses the configuration file at `path`.
    pub fn read(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read configuration `{}`", path.display()))?;
        Config::parse(&text, path)
    }

    /// `--config FILE` if given; else the nearest `claimlint.toml` in the
    /// first dataset path's directory or its parents; else the defaults.
    pub fn discover(explicit: Option<&Path>, paths: &[PathBuf]) -> Result<Config> {
        if let Some(path) = explicit {
            return Config::read(path);
        }
        let Some(first) = paths.first() else {
            return Ok(Config::default());
        };
        let start = if first.is_dir() {
            first.clone()
        } else {
            first.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        let start = if start.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            start
        };
        let absolute = std::fs::canonicalize(&start).unwrap_or(start.clone());
        for dir in absolute.ancestors() {
            let candidate = dir.join(FILE_NAME);
            if candidate.is_file() {
                // Report paths relative to where the user pointed, when we can.
                let shown = relative_to(&candidate, &absolute, &start);
                return Config::read(&shown);
            }
        }
        Ok(Config::default())
    }
}

/// `candidate` expressed from `shown_start` (the path the user typed) when it
/// lies under or above `absolute_start`, so messages show familiar paths.
fn relative_to(candidate: &Path, absolute_start: &Path, shown_start: &Path) -> PathBuf {
    let mut up = PathBuf::new();
    for dir in absolute_start.ancestors() {
        if let Ok(rest) = candidate.strip_prefix(dir) {
            return shown_start.join(up).join(rest);
        }
        up.push("..");
    }
    candidate.to_path_buf()
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_example() {
        let config = Config::parse(
            "[rules]\nunsourced-claim = \"off\"\n\n[[unique_roles]]\nrole = \"caliph\"\norg = \"Islamic State\"\n\n[matching]\nthreshold = 0.9\nreview_band = 0.8\n",
            Path::new("claimlint.toml"),
        )
        .unwrap();
        assert_eq!(config.rules.get("unsourced-claim"), Some(&Level::Off));
        assert_eq!(config.unique_roles[0].role, "caliph");
        assert_eq!(config.matching.threshold, 0.9);
    }

    #[test]
    fn unknown_keys_and_rules_suggest() {
        let err = Config::parse("[rulez]\n", Path::new("c.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("did you mean `rules`"), "{err}");
        let err = Config::parse("[rules]\nunsourced-claims = \"off\"\n", Path::new("c.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("c.toml:2:1") && err.contains("did you mean `unsourced-claim`"),
            "{err}"
        );
        let err = Config::parse("[rules]\nunsourced-claim = \"of\"\n", Path::new("c.toml"));
        assert!(err.is_err());
    }
}
