//! `claimlint report --html FILE`: one self-contained page.

use anyhow::Result;

use claimlint::render;
use claimlint::review::{self, Applied, ReviewFile};
use claimlint::{analyse, verdict};

use super::args::{Cli, ReportArgs};
use super::{config_for, options_for, EXIT_BAD_INPUT, EXIT_OK};

/// Writes the HTML report, atomically.
pub fn run(cli: &Cli, args: &ReportArgs) -> Result<u8> {
    super::interrupt::remove_temporary_files_on_interrupt();
    let config = config_for(cli, &args.paths)?;
    let review_path = review::locate(args.review_file.as_deref(), &args.paths);
    let review_file = ReviewFile::read(&review_path)?;
    let options = claimlint::Options {
        known_as_of: args.when.known()?,
        ..options_for(&config, &review_file, &review_path)
    };
    let analysis = analyse(&args.paths, &options);
    if let Some(input) = reads(&analysis, &args.html) {
        eprintln!(
            "error: `{}` is one of the files read ({input}); the report is not written over its own input (give another --html FILE)",
            args.html.display()
        );
        return Ok(EXIT_BAD_INPUT);
    }
    let reviews = Applied::new(
        &review_file,
        &analysis.findings,
        &analysis.dataset,
        &analysis.entities,
    );
    for note in reviews.stale_notes(&review_path) {
        eprintln!("{}", claimlint::render::printable(&note));
    }
    for error in &analysis.dataset.errors {
        eprintln!("{}", claimlint::render::printable(&error.to_string()));
    }
    let verdicts = verdict::verdicts(
        &analysis.dataset,
        &analysis.entities,
        args.when.verdict_day()?,
    );
    let page = render::html::render(&render::html::Page {
        dataset: &analysis.dataset,
        entities: &analysis.entities,
        findings: &analysis.findings,
        reviews: &reviews,
        verdicts: &verdicts,
    });
    review::write_atomically(&args.html, page.as_bytes())?;
    eprintln!("claimlint: wrote {}", args.html.display());
    Ok(if analysis.dataset.errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_BAD_INPUT
    })
}

/// The input file `output` would overwrite, if it is one of those read.
fn reads<'a>(analysis: &'a claimlint::Analysis, output: &std::path::Path) -> Option<&'a str> {
    let output = output.canonicalize().ok()?;
    (analysis.dataset.files.iter())
        .find(|file| std::path::Path::new(&***file).canonicalize().ok().as_ref() == Some(&output))
        .map(|file| &**file)
}
