//! The command line: each command reads its arguments, calls the library and
//! writes the rendered result. Results go to stdout; progress and notes to
//! stderr. None of this is library API.

pub mod args;
mod check;
mod import;
mod inspect;
mod interactive;
mod interrupt;
mod output;
mod pairs;
mod report;
mod review;
mod select;

use std::path::Path;

use anyhow::Result;

use claimlint::review::{self as review_file, ReviewFile};
use claimlint::{analyse, Analysis, Config, Options};

use args::{Cli, Command, DatasetArgs};
use output::palette;

/// Nothing at or above `--fail-on`.
pub const EXIT_OK: u8 = 0;
/// Findings at or above `--fail-on`.
pub const EXIT_FINDINGS: u8 = 1;
/// Bad input or usage.
pub const EXIT_BAD_INPUT: u8 = 2;

/// Runs the command `cli` names; the exit code on success.
pub fn run(cli: &Cli) -> Result<u8> {
    let palette = palette(cli.color);
    match &cli.command {
        Command::Check(args) => check::run(cli, args, palette),
        Command::Entities(args) => inspect::entities(cli, args),
        Command::Timeline(args) => inspect::timeline(cli, args, palette),
        Command::Sources(args) => inspect::sources(cli, args),
        Command::Match(args) => inspect::match_names(cli, args),
        Command::Rules(args) => inspect::list_rules(args.format, palette),
        Command::Explain { id } => inspect::explain(id),
        Command::Review(args) => review::run(cli, args, palette),
        Command::Report(args) => report::run(cli, args),
        Command::Schema => inspect::schema(),
        Command::Import(args) => import::run(args),
    }
}

/// `--config FILE`, or the configuration found from the dataset's paths.
fn config_for(cli: &Cli, paths: &[std::path::PathBuf]) -> Result<Config> {
    Config::discover(cli.config.as_deref(), paths)
}

/// The analysis options of `config`, with what the review file at
/// `review_path` decided (see [`with_review`]).
fn options_for(config: &Config, review: &ReviewFile, review_path: &Path) -> Options {
    with_review(config.options(), review, review_path)
}

/// `options` with what the review file at `review_path` decided:
/// reconciliation respects its entity judgements, the rules and verdicts
/// its rejected claims, and the loader never reads it as data.
fn with_review(mut options: Options, review: &ReviewFile, review_path: &Path) -> Options {
    options.load.review_file = Some(review_path.to_path_buf());
    Options {
        judgements: review.name_judgements(),
        rejected: review.rejected_claims(),
        ..options
    }
}

/// Analyses the dataset with the decisions of its review file.
fn analyse_with_review(args: &DatasetArgs, config: &Config) -> Result<Analysis> {
    analyse_with_options(args, config.options())
}

/// Analyses the dataset with `options` and the decisions of its review file.
fn analyse_with_options(args: &DatasetArgs, options: Options) -> Result<Analysis> {
    let review_path = review_file::locate(args.review_file.as_deref(), &args.paths);
    let review = ReviewFile::read(&review_path)?;
    Ok(analyse(
        &args.paths,
        &with_review(options, &review, &review_path),
    ))
}

/// Prints input errors on stderr (for commands whose stdout is not a
/// report); whether there were any.
fn report_input_errors(analysis: &Analysis) -> bool {
    for error in &analysis.dataset.errors {
        eprintln!("{}", claimlint::render::printable(&error.to_string()));
    }
    !analysis.dataset.errors.is_empty()
}
