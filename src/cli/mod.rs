//! The command line: each command reads its arguments, calls the library and
//! writes the rendered result. Results go to stdout; progress and notes to
//! stderr. None of this is library API.

pub mod args;
mod check;
mod import;
mod inspect;
mod interactive;
mod output;
mod pairs;
mod report;
mod review;
mod select;

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

/// The analysis options of `config`, with the entity judgements of
/// `review`: reconciliation respects what reviewers decided.
fn options_for(config: &Config, review: &ReviewFile) -> Options {
    Options {
        judgements: review.name_judgements(),
        ..config.options()
    }
}

/// Analyses the dataset with the entity judgements of its review file.
fn analyse_with_review(args: &DatasetArgs, config: &Config) -> Result<Analysis> {
    analyse_with_options(args, config.options())
}

/// Analyses the dataset with `options` and the entity judgements of its
/// review file.
fn analyse_with_options(args: &DatasetArgs, options: Options) -> Result<Analysis> {
    let review_path = review_file::locate(args.review_file.as_deref(), &args.paths);
    let review = ReviewFile::read(&review_path)?;
    let options = Options {
        judgements: review.name_judgements(),
        ..options
    };
    Ok(analyse(&args.paths, &options))
}

/// Prints input errors on stderr (for commands whose stdout is not a
/// report); whether there were any.
fn report_input_errors(analysis: &Analysis) -> bool {
    for error in &analysis.dataset.errors {
        eprintln!("{error}");
    }
    !analysis.dataset.errors.is_empty()
}
