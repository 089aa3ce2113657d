//! The commands: each reads its arguments, calls the library and writes the
//! rendered result. Results go to stdout; progress and notes to stderr.

use std::io::{IsTerminal, Write};

use anyhow::{bail, Context as _, Result};

use crate::cli::{
    CheckArgs, Cli, ColorChoice, Command, DatasetArgs, Format, MatchArgs, ReportArgs, ReviewArgs,
    TimelineArgs,
};
use crate::config::Config;
use crate::finding::Severity;
use crate::render::{self, CheckReport, Palette};
use crate::review::{self, Applied, Decision, EntityJudgement, Review, ReviewFile};
use crate::{analyse_reviewed, names, rules};

/// Nothing at or above `--fail-on`.
pub const EXIT_OK: u8 = 0;
/// Findings at or above `--fail-on`.
pub const EXIT_FINDINGS: u8 = 1;
/// Bad input or usage.
pub const EXIT_BAD_INPUT: u8 = 2;

pub fn run(cli: &Cli) -> Result<u8> {
    let palette = palette(cli.color);
    match &cli.command {
        Command::Check(args) => check(cli, args, palette),
        Command::Entities(args) => entities(cli, args),
        Command::Timeline(args) => timeline(cli, args, palette),
        Command::Sources(args) => sources(cli, args),
        Command::Match(args) => match_names(cli, args),
        Command::Rules(args) => list_rules(args.format, palette),
        Command::Explain { id } => explain(id),
        Command::Review(args) => review_command(cli, args, palette),
        Command::Report(args) => report(cli, args),
        Command::Schema => {
            let schema = crate::load::raw::schema();
            write_stdout(&render::json::to_pretty(&schema))?;
            Ok(EXIT_OK)
        }
    }
}

fn palette(choice: ColorChoice) -> Palette {
    let enabled = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    };
    Palette { enabled }
}

fn write_stdout(text: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .context("writing to stdout")?;
    stdout.flush().context("writing to stdout")?;
    Ok(())
}

fn config_for(cli: &Cli, args: &DatasetArgs) -> Result<Config> {
    Config::discover(cli.config.as_deref(), &args.paths)
}

fn check(cli: &Cli, args: &CheckArgs, palette: Palette) -> Result<u8> {
    let config = config_for(cli, &args.dataset)?;
    let review_path = review::locate(args.dataset.review_file.as_deref(), &args.dataset.paths);
    let review_file = ReviewFile::read(&review_path)?;
    let progress = Progress::start(args.dataset.format);
    let analysis =
        crate::analyse_observed(&args.dataset.paths, &config, Some(&review_file), &|phase| {
            progress.phase(phase)
        });
    progress.finish();
    // Everything after the analysis: reviews laid over, report built and written.
    let rendering = std::time::Instant::now();
    let reviews = Applied::new(&review_file, &analysis.findings, &analysis.entities);
    if args.dataset.format != Format::Json {
        // JSON carries them as `stale_reviews`; elsewhere they are notes.
        for note in reviews.stale_notes(&review_path) {
            eprintln!("{note}");
        }
    }
    if cli.verbose {
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
    let report = CheckReport {
        dataset: &analysis.dataset,
        entities: &analysis.entities,
        findings: &analysis.findings,
        reviews: &reviews,
        show_reviewed: args.show_reviewed,
        statistics: args.statistics,
    };
    // Human and JSON are streamed: a large dataset's report is not built in memory.
    let streamed = |write: &dyn Fn(&mut dyn Write) -> std::io::Result<()>| -> Result<String> {
        let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        write(&mut stdout).context("writing to stdout")?;
        stdout.flush().context("writing to stdout")?;
        Ok(String::new())
    };
    let text = match args.dataset.format {
        Format::Human => streamed(&|out| render::human::write(&report, palette, out))?,
        Format::Json => streamed(&|out| render::json::write(&report, out))?,
        Format::Sarif => render::sarif::render(&report),
        Format::Markdown => render::markdown::render(&report),
    };
    write_stdout(&text)?;
    if cli.verbose {
        eprintln!(
            "claimlint: render {:.3} s",
            rendering.elapsed().as_secs_f64()
        );
    }
    // Reviewed findings work like accepted snapshots: only new ones fail.
    let failing = analysis
        .findings
        .iter()
        .enumerate()
        .any(|(i, f)| f.severity >= args.fail_on && reviews.of(i).is_none());
    let code = if !analysis.dataset.errors.is_empty() {
        EXIT_BAD_INPUT
    } else if failing {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    };
    // The process ends right after this: freeing a million claims one by
    // one would only delay the exit (a tenth of a large run's time).
    drop(reviews);
    std::mem::forget(text);
    std::mem::forget(analysis);
    Ok(code)
}

fn entities(cli: &Cli, args: &DatasetArgs) -> Result<u8> {
    if matches!(args.format, Format::Sarif | Format::Markdown) {
        bail!("`claimlint entities` prints human or json output");
    }
    let mut config = config_for(cli, args)?;
    // The one command that shows why names were merged.
    config.explain_merges = true;
    let analysis = analyse_with_review(args, &config)?;
    let text = render::entities::render(&analysis, args.format);
    write_stdout(&text)?;
    if !analysis.dataset.errors.is_empty() {
        for error in &analysis.dataset.errors {
            eprintln!("{error}");
        }
        return Ok(EXIT_BAD_INPUT);
    }
    Ok(EXIT_OK)
}

fn match_names(cli: &Cli, args: &MatchArgs) -> Result<u8> {
    let config = match &cli.config {
        Some(path) => Config::read(path)?,
        None => Config::discover(None, &[std::path::PathBuf::from(".")])?,
    };
    let cfg = names::MatchConfig {
        threshold: config.matching.threshold,
        review_band: config.matching.review_band,
        ..names::MatchConfig::default()
    };
    let pairs: Vec<(String, String)> = match &args.pairs {
        Some(path) => crate::pairs::read(path)?,
        None => match args.names.as_slice() {
            [a, b] => vec![(a.clone(), b.clone())],
            _ => bail!("give two names, or --pairs FILE"),
        },
    };
    let mut out = String::new();
    for (a, b) in &pairs {
        let result = names::match_names(a, b, &cfg);
        out.push_str(&render::pairs::line(a, b, &result));
    }
    write_stdout(&out)?;
    Ok(EXIT_OK)
}

fn list_rules(format: Format, palette: Palette) -> Result<u8> {
    let text = match format {
        Format::Sarif | Format::Markdown => {
            bail!("`claimlint rules` prints human or json; the SARIF rule catalogue is part of `check --format sarif`")
        }
        Format::Json => {
            #[derive(serde::Serialize)]
            struct RuleInfo<'a> {
                id: &'a str,
                severity: Severity,
                summary: &'a str,
                documentation: String,
            }
            let list: Vec<RuleInfo> = rules::RULES
                .iter()
                .map(|r| RuleInfo {
                    id: r.id,
                    severity: r.severity,
                    summary: r.summary,
                    documentation: r.documentation(),
                })
                .collect();
            render::json::to_pretty(&list)
        }
        Format::Human => {
            let width = rules::RULES.iter().map(|r| r.id.len()).max().unwrap_or(0);
            let mut out = String::new();
            for rule in rules::RULES {
                out.push_str(&format!(
                    "{:<width$}  {}  {}\n",
                    palette.bold(rule.id),
                    palette.severity(rule.severity, &format!("{:<7}", rule.severity.as_str())),
                    rule.summary,
                    width = width + if palette.enabled { 8 } else { 0 },
                ));
            }
            out
        }
    };
    write_stdout(&text)?;
    Ok(EXIT_OK)
}

fn explain(id: &str) -> Result<u8> {
    let Some(rule) = rules::find(id) else {
        let hint = crate::suggest::did_you_mean(id, rules::RULES.iter().map(|r| r.id));
        bail!("unknown rule `{id}`{hint} (see `claimlint rules`)");
    };
    write_stdout(&format!(
        "# {} ({}, default {})\n\n{}\n",
        rule.id,
        rule.summary,
        rule.severity,
        rule.documentation()
    ))?;
    Ok(EXIT_OK)
}

/// Analyses the dataset with the entity judgements of its review file.
fn analyse_with_review(args: &DatasetArgs, config: &Config) -> Result<crate::Analysis> {
    let review_path = review::locate(args.review_file.as_deref(), &args.paths);
    let review_file = ReviewFile::read(&review_path)?;
    Ok(analyse_reviewed(&args.paths, config, Some(&review_file)))
}

/// Prints input errors on stderr (for commands whose stdout is not a report).
fn report_input_errors(analysis: &crate::Analysis) -> bool {
    for error in &analysis.dataset.errors {
        eprintln!("{error}");
    }
    !analysis.dataset.errors.is_empty()
}

fn timeline(cli: &Cli, args: &TimelineArgs, palette: Palette) -> Result<u8> {
    if matches!(args.dataset.format, Format::Sarif | Format::Markdown) {
        bail!("`claimlint timeline` prints human or json output");
    }
    let config = config_for(cli, &args.dataset)?;
    let as_of = match &args.as_of {
        Some(text) => Some(
            crate::date::Edtf::parse(text)
                .map_err(|e| anyhow::anyhow!("--as-of: {e}"))?
                .interval
                .latest,
        ),
        None => None,
    };
    let analysis = analyse_with_review(&args.dataset, &config)?;
    let bad_input = report_input_errors(&analysis);
    let matching = names::MatchConfig {
        threshold: config.matching.threshold,
        review_band: config.matching.review_band,
        ..names::MatchConfig::default()
    };
    let found = find_entities(&analysis, &args.name, &matching);
    match found.as_slice() {
        [] => {
            eprintln!(
                "error: no person matches `{}` (see `claimlint entities`)",
                args.name
            );
            return Ok(EXIT_BAD_INPUT);
        }
        [entity] => {
            let verdict =
                crate::verdict::verdict(&analysis.dataset, &analysis.entities, *entity, as_of);
            write_stdout(&render::timeline::render(
                &analysis,
                *entity,
                &verdict,
                args.dataset.format,
                palette,
            ))?;
        }
        several => {
            // Never guess between people: list them and let the user choose.
            eprintln!(
                "error: `{}` matches {} people; name one by id:",
                args.name,
                several.len()
            );
            for &e in several {
                let entity = &analysis.entities.list[e];
                eprintln!(
                    "  {} ({}, {} claims)",
                    entity.id,
                    entity.name,
                    entity.claims.len()
                );
            }
            return Ok(EXIT_BAD_INPUT);
        }
    }
    Ok(if bad_input { EXIT_BAD_INPUT } else { EXIT_OK })
}

/// Entities a name designates: by id, by an exact spelling, by the same
/// normalised form, and only then by the matcher.
fn find_entities(
    analysis: &crate::Analysis,
    name: &str,
    matching: &names::MatchConfig,
) -> Vec<usize> {
    let list = &analysis.entities.list;
    let wanted = name.trim();
    if let Some(e) = list.iter().position(|e| e.id == wanted) {
        return vec![e];
    }
    let exact: Vec<usize> = (0..list.len())
        .filter(|&e| list[e].names.iter().any(|n| n.eq_ignore_ascii_case(wanted)))
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    let key = names::normalise(wanted);
    let same_key: Vec<usize> = (0..list.len())
        .filter(|&e| list[e].names.iter().any(|n| names::normalise(n) == key))
        .collect();
    if !same_key.is_empty() {
        return same_key;
    }
    (0..list.len())
        .filter(|&e| {
            list[e].names.iter().any(|n| {
                names::match_names(wanted, n, matching).decision != names::Decision::Different
            })
        })
        .collect()
}

fn sources(cli: &Cli, args: &DatasetArgs) -> Result<u8> {
    if matches!(args.format, Format::Sarif | Format::Markdown) {
        bail!("`claimlint sources` prints human or json output");
    }
    let config = config_for(cli, args)?;
    let analysis = analyse_with_review(args, &config)?;
    let bad_input = report_input_errors(&analysis);
    let verdicts = crate::verdict::verdicts(&analysis.dataset, &analysis.entities, None);
    let records = crate::verdict::track_records(&analysis.dataset, &verdicts);
    write_stdout(&render::sources::render(&records, args.format))?;
    Ok(if bad_input { EXIT_BAD_INPUT } else { EXIT_OK })
}

fn review_command(cli: &Cli, args: &ReviewArgs, palette: Palette) -> Result<u8> {
    let config = Config::discover(cli.config.as_deref(), &args.paths)?;
    let path = review::locate(args.review_file.as_deref(), &args.paths);
    let mut file = ReviewFile::read(&path)?;
    let analysis = analyse_reviewed(&args.paths, &config, Some(&file));
    for error in &analysis.dataset.errors {
        eprintln!("warning: {error} (the record is left out of the review)");
    }
    let who_dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."))
        .to_path_buf();
    let who = || review::reviewer(args.reviewer.as_deref(), &who_dir);
    let note = args.note.clone().unwrap_or_default();

    if let Some(fingerprint) = &args.fingerprint {
        let Some(finding) = analysis
            .findings
            .iter()
            .find(|f| f.fingerprint == *fingerprint)
        else {
            let nearest = analysis
                .findings
                .iter()
                .map(|f| (strsim::jaro_winkler(fingerprint, &f.fingerprint), f))
                .max_by(|a, b| {
                    a.0.total_cmp(&b.0)
                        .then_with(|| b.1.fingerprint.cmp(&a.1.fingerprint))
                });
            match nearest {
                Some((_, f)) => bail!(
                    "no finding has fingerprint `{fingerprint}`; the nearest known is `{}` ({}: {}); `claimlint check` lists them",
                    f.fingerprint,
                    f.rule,
                    f.message
                ),
                None => bail!("no finding has fingerprint `{fingerprint}`: this dataset has no findings"),
            }
        };
        let claim_ids: Vec<String> = finding
            .claims
            .iter()
            .map(|&c| analysis.dataset.claims[c].id.clone())
            .collect();
        let decision = args.decision.unwrap_or(Decision::Confirmed);
        let wrong = match (decision, &args.wrong) {
            (Decision::Resolved, None) => bail!(
                "`--decision resolved` needs `--wrong CLAIM_ID`, one of: {}",
                claim_ids.join(", ")
            ),
            (Decision::Resolved, Some(wrong)) if !claim_ids.contains(wrong) => bail!(
                "`--wrong {wrong}` is not one of this finding's claims: {}{}",
                claim_ids.join(", "),
                crate::suggest::did_you_mean(wrong, claim_ids.iter().map(String::as_str))
            ),
            (Decision::Resolved, Some(wrong)) => Some(wrong.clone()),
            (_, Some(_)) => bail!("`--wrong` goes with `--decision resolved` only"),
            (_, None) => None,
        };
        let mut claims_sorted = claim_ids.clone();
        claims_sorted.sort();
        file.decide(
            fingerprint,
            Review {
                decision,
                wrong,
                note,
                who: who(),
                when: review::now(),
                rule: finding.rule.to_string(),
                claims: claims_sorted,
            },
        );
        file.write(&path)?;
        eprintln!(
            "claimlint: recorded {decision} for {fingerprint} ({}: {}) in {}",
            finding.rule,
            finding.message,
            path.display()
        );
        return Ok(EXIT_OK);
    }

    let judgement = match (&args.same, &args.not_same, &args.as_name) {
        (Some(a), None, Some(b)) => Some((a, b, true)),
        (None, Some(a), Some(b)) => Some((a, b, false)),
        _ => None,
    };
    if let Some((a, b, same)) = judgement {
        if a == b {
            bail!("a judgement needs two different names, got `{a}` twice");
        }
        let known: std::collections::BTreeSet<&str> = analysis
            .entities
            .list
            .iter()
            .flat_map(|e| e.names.iter().map(String::as_str))
            .collect();
        for name in [a, b] {
            if !known.contains(name.as_str()) {
                bail!(
                    "no claim or entity record names `{name}`{} (names must match the data exactly; `claimlint entities` lists them)",
                    crate::suggest::did_you_mean(name, known.iter().copied())
                );
            }
        }
        file.judge(EntityJudgement {
            names: [a.clone(), b.clone()],
            same,
            note,
            who: who(),
            when: review::now(),
        });
        file.write(&path)?;
        eprintln!(
            "claimlint: recorded `{a}` {} `{b}` in {}",
            if same {
                "is the same person as"
            } else {
                "is not the same person as"
            },
            path.display()
        );
        return Ok(EXIT_OK);
    }

    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        bail!(
            "the interactive review needs a terminal; use the scriptable form: \
             claimlint review --fingerprint FP --decision confirmed|dismissed|resolved \
             [--wrong CLAIM_ID] --note TEXT [PATH...] (see `claimlint review --help`)"
        );
    }
    crate::interactive::run(&analysis, &mut file, &path, &who(), palette)
}

fn report(cli: &Cli, args: &ReportArgs) -> Result<u8> {
    let config = Config::discover(cli.config.as_deref(), &args.paths)?;
    let review_path = review::locate(args.review_file.as_deref(), &args.paths);
    let review_file = ReviewFile::read(&review_path)?;
    let analysis = analyse_reviewed(&args.paths, &config, Some(&review_file));
    let reviews = Applied::new(&review_file, &analysis.findings, &analysis.entities);
    for note in reviews.stale_notes(&review_path) {
        eprintln!("{note}");
    }
    for error in &analysis.dataset.errors {
        eprintln!("{error}");
    }
    let verdicts = crate::verdict::verdicts(&analysis.dataset, &analysis.entities, None);
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

/// A spinner on stderr naming the phase of a long run. Shown only for human
/// output with stderr on a terminal: never in pipes, CI logs or JSON.
struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    fn start(format: Format) -> Progress {
        if format != Format::Human || !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        Progress(Some(bar))
    }

    fn phase(&self, phase: &'static str) {
        if let Some(bar) = &self.0 {
            bar.set_message(phase);
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
