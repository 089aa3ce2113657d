//! Command-line definitions (clap) and nothing else.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::finding::Severity;

#[derive(Debug, Parser)]
#[command(
    name = "claimlint",
    version,
    about = "Checks datasets of claims about people for provenance gaps and contradictions",
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// When to colour output: an explicit choice wins, then NO_COLOR, then
    /// whether stdout is a terminal.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    /// Configuration file (default: the nearest claimlint.toml in the
    /// dataset's directory or its parents).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Print what the run did (files, candidate name pairs) on stderr.
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate, reconcile and run the rules; print findings.
    Check(CheckArgs),
    /// List the entities, their names and why they were merged.
    Entities(DatasetArgs),
    /// One person's claims in date order, with findings and the verdict.
    Timeline(TimelineArgs),
    /// Every source's and originator's track record, worst first.
    Sources(DatasetArgs),
    /// Would these two names be merged, with what score and why.
    Match(MatchArgs),
    /// List the rule catalogue.
    Rules(FormatArgs),
    /// Print one rule's documentation.
    Explain {
        /// The rule id, e.g. alive-after-death.
        id: String,
    },
    /// Print the JSON Schema of the input.
    Schema,
}

#[derive(Debug, Args)]
pub struct DatasetArgs {
    /// Files or directories to read (.json, .jsonl, .ndjson).
    #[arg(default_value = "claims")]
    pub paths: Vec<PathBuf>,

    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub dataset: DatasetArgs,

    /// Exit with 1 when a finding at or above this severity is reported.
    #[arg(long, value_enum, default_value_t = Severity::Error)]
    pub fail_on: Severity,
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// The person: a name as written, any spelling of it, or an entity id.
    pub name: String,

    #[command(flatten)]
    pub dataset: DatasetArgs,

    /// The verdict as of this date (EDTF; default: the latest evidence).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
}

#[derive(Debug, Args)]
pub struct FormatArgs {
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct MatchArgs {
    /// Two names to compare.
    #[arg(
        num_args = 2,
        required_unless_present = "pairs",
        conflicts_with = "pairs"
    )]
    pub names: Vec<String>,

    /// A CSV file (`name1,name2` header) or JSON-lines file of pairs.
    #[arg(long, value_name = "FILE")]
    pub pairs: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}
