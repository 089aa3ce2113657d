//! `claimlint check`: the findings, in the format asked for, and an exit
//! code that fails only on unreviewed findings at or above `--fail-on`.

use std::io::Write as _;

use anyhow::Result;

use claimlint::finding::Severity;
use claimlint::render::{self, CheckReport, Palette};
use claimlint::review::{self, Applied, ReviewFile};
use claimlint::{analyse, Analysis, Options};

use super::args::{CheckArgs, Cli, OutputFormat};
use super::output::{stream_stdout, write_stdout, Progress};
use super::{config_for, options_for, EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK};

/// Runs `check`; exits the process when done (see [`exit_keeping_memory`]).
pub fn run(cli: &Cli, args: &CheckArgs, palette: Palette) -> Result<u8> {
    let config = config_for(cli, &args.dataset.paths)?;
    let review_path = review::locate(args.dataset.review_file.as_deref(), &args.dataset.paths);
    let mut review_file = ReviewFile::read(&review_path)?;
    let format = args.output_format;
    let progress = Progress::start(format.is_for_people() && !args.quiet);
    let mut options = Options {
        on_phase: progress.observer(),
        known_as_of: args.when.known()?,
        ..options_for(&config, &review_file, &review_path)
    };
    super::select::apply(
        &mut options.settings,
        &args.select,
        &args.extend_select,
        &args.ignore,
    )?;
    let analysis = analyse(&args.dataset.paths, &options);
    progress.finish();
    // Everything after the analysis: reviews laid over, report built and written.
    let rendering = std::time::Instant::now();
    // Decisions of the first fingerprint scheme are carried over once, and
    // written back (under the lock, as `review` writes) so it is said once.
    let migrated = review::migrate(&mut review_file, &analysis.findings, &analysis.dataset);
    if migrated > 0 {
        let note = super::review::migrated_note(migrated, &review_path);
        super::interrupt::remove_temporary_files_on_interrupt();
        match review::update(&review_path, |disk| {
            review::migrate(disk, &analysis.findings, &analysis.dataset);
            Ok(())
        }) {
            Ok(()) if args.quiet => {}
            Ok(()) => eprintln!("{note}"),
            Err(err) => eprintln!("{note} (in this run only: {err:#})"),
        }
    }
    let reviews = Applied::new(
        &review_file,
        &analysis.findings,
        &analysis.dataset,
        &analysis.entities,
    );
    if format.is_for_people() && !args.quiet {
        // JSON carries them as `stale_reviews`; elsewhere they are notes.
        for note in reviews.stale_notes(&review_path) {
            eprintln!("{}", claimlint::render::printable(&note));
        }
    }
    if cli.verbose {
        print_phases(&analysis);
    }
    let report = CheckReport {
        dataset: &analysis.dataset,
        entities: &analysis.entities,
        findings: &analysis.findings,
        reviews: &reviews,
        show_reviewed: args.show_reviewed,
        statistics: args.statistics,
        verbose: cli.verbose,
    };
    // Human and JSON are streamed: a large dataset's report is not built in memory.
    write_report(&report, args, palette)?;
    if cli.verbose {
        eprintln!(
            "claimlint: render {:.3} s",
            rendering.elapsed().as_secs_f64()
        );
    }
    // Reviewed findings work like accepted snapshots: only new ones fail.
    let fail_on = Severity::from(args.fail_on);
    let failing = analysis
        .findings
        .iter()
        .enumerate()
        .any(|(i, f)| f.severity >= fail_on && reviews.is_open(i));
    let code = if !analysis.dataset.errors.is_empty() {
        EXIT_BAD_INPUT
    } else if failing {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    };
    exit_keeping_memory(code)
}

/// Writes the report in the format asked for. `--quiet` and `--statistics`
/// narrow what people read: the summary alone, or the table and summary.
fn write_report(report: &CheckReport, args: &CheckArgs, palette: Palette) -> Result<()> {
    use render::human;
    if args.output_format.is_for_people() && (args.quiet || args.statistics) {
        let mut out = String::new();
        if args.statistics {
            human::statistics(&mut out, report, palette);
        }
        human::summary(&mut out, report, palette);
        return write_stdout(&out);
    }
    match args.output_format {
        OutputFormat::Full => stream_stdout(&|out| human::write(report, palette, out)),
        OutputFormat::Concise => write_stdout(&render::concise::render(report, palette)),
        OutputFormat::Json => stream_stdout(&|out| render::json::write(report, out)),
        OutputFormat::JsonLines => stream_stdout(&|out| render::json_lines::write(report, out)),
        OutputFormat::Sarif => write_stdout(&render::sarif::render(report)),
        OutputFormat::Markdown => write_stdout(&render::markdown::render(report)),
        OutputFormat::Github => write_stdout(&render::github::render(report)),
        OutputFormat::Gitlab => write_stdout(&render::gitlab::render(report)),
        OutputFormat::Rdjson => write_stdout(&render::rdjson::render(report)),
        OutputFormat::Junit => write_stdout(&render::junit::render(report)),
        OutputFormat::Claimreview => write_stdout(&render::claimreview::render(report)),
    }
}

/// What the run read and how long each phase took, on stderr.
fn print_phases(analysis: &Analysis) {
    eprintln!(
        "claimlint: read {} files, {} claims, {} sources, {} entity records; {} candidate name pairs",
        analysis.dataset.files.len(),
        analysis.dataset.claims.len(),
        analysis.dataset.sources.len(),
        analysis.dataset.entities.len(),
        analysis.entities.candidate_pairs
    );
    let phases: Vec<String> = analysis
        .timings
        .iter()
        .map(|(phase, took)| format!("{phase} {:.3} s", took.as_secs_f64()))
        .collect();
    eprintln!("claimlint: {}", phases.join(", "));
}

/// Ends the process with `code` once the report is out, without freeing
/// the analysis: the operating system takes a process's memory back at
/// once, while freeing a million claims one by one only delays the exit (a
/// tenth of a large run's time, measured). The only file `check` writes
/// (a review file carried over to a new version) is written by then.
fn exit_keeping_memory(code: u8) -> ! {
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    std::process::exit(i32::from(code))
}
