//! The commands that look into a dataset or the tool itself: `entities`,
//! `timeline`, `sources`, `match`, `rules`, `explain`, `schema`.

use anyhow::{bail, Result};

use claimlint::finding::Severity;
use claimlint::lookup::{find_entities, nearest_people};
use claimlint::names::{self, MatchConfig};
use claimlint::render::{self, printable, Palette};
use claimlint::{rules, verdict, Analysis, Config, Options};

use super::args::{Cli, ListFormat, ListingArgs, MatchArgs, MatchFormat, TimelineArgs};
use super::output::write_stdout;
use super::{
    analyse_with_options, analyse_with_review, config_for, report_input_errors, EXIT_BAD_INPUT,
    EXIT_OK,
};

/// `claimlint entities`: who is who, and why names were merged.
pub fn entities(cli: &Cli, listing: &ListingArgs) -> Result<u8> {
    let format = listing.output.format.to_render();
    let args = &listing.dataset;
    let config = config_for(cli, &args.paths)?;
    let mut options = config.options();
    // The one command that shows why names were merged.
    options.settings.matching.explain_merges = true;
    let analysis = super::analyse_with_options(args, options)?;
    write_stdout(&render::entities::render(&analysis, format))?;
    if report_input_errors(&analysis) {
        return Ok(EXIT_BAD_INPUT);
    }
    Ok(EXIT_OK)
}

/// The matcher as `match` and person lookup use it: merges explained.
fn explained_matching(config: &Config) -> MatchConfig {
    MatchConfig {
        explain_merges: true,
        ..config.match_config()
    }
}

/// `claimlint match`: would two names be merged, with score and why.
pub fn match_names(cli: &Cli, args: &MatchArgs) -> Result<u8> {
    let config = match &cli.config {
        Some(path) => Config::read(path)?,
        None => Config::discover(None, &[std::path::PathBuf::from(".")])?,
    };
    let matching = explained_matching(&config);
    let pairs: Vec<(String, String)> = match &args.pairs {
        Some(path) => super::pairs::read(path)?,
        None => match args.names.as_slice() {
            [a, b] => vec![(a.clone(), b.clone())],
            _ => bail!("give two names, or --pairs FILE"),
        },
    };
    let human = match args.format {
        None => args.pairs.is_none(),
        Some(format) => format == MatchFormat::Human,
    };
    // The names of a pairs file are a dataset: a part held by few of its
    // names is rare there, as in `entities`, so a contained name on a rare
    // part is the same person. One pair alone has no rare part.
    let set = (pairs.len() > 1).then(|| {
        let all: Vec<&str> = pairs
            .iter()
            .flat_map(|(a, b)| [a.as_str(), b.as_str()])
            .collect();
        names::NameSet::new(&all)
    });
    let mut out = String::new();
    for (k, (a, b)) in pairs.iter().enumerate() {
        let result = set
            .as_ref()
            .and_then(|set| set.match_pair(2 * k, 2 * k + 1, &matching))
            .unwrap_or_else(|| names::match_names(a, b, &matching));
        if human {
            if k > 0 {
                out.push('\n');
            }
            out.push_str(&render::pairs::block(a, b, &result));
        } else {
            out.push_str(&render::pairs::line(a, b, &result));
        }
    }
    write_stdout(&out)?;
    Ok(EXIT_OK)
}

/// `claimlint rules`: the rule catalogue.
pub fn list_rules(format: ListFormat, palette: Palette) -> Result<u8> {
    let text = match format {
        ListFormat::Json => {
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
        ListFormat::Human => {
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

/// `claimlint explain ID`: one rule's documentation, or with `basis` how
/// evidence is weighed.
pub fn explain(id: &str) -> Result<u8> {
    if id == "basis" {
        write_stdout(&explain_basis())?;
        return Ok(EXIT_OK);
    }
    let Some(rule) = rules::find(id) else {
        let hint = claimlint::suggest::did_you_mean(id, rules::RULES.iter().map(|r| r.id));
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

/// The `basis` vocabulary, each entry with its direction and factor.
fn explain_basis() -> String {
    use claimlint::basis::Basis;
    let mut out = String::from(
        "# basis (what a claim rests on)\n\n\
         A claim weighs its certainty times its source's grade (the claim's own\n\
         Admiralty letter, as in `\"certainty\": \"C2\"`, else the source record's),\n\
         times the factor of its `basis`, capped at 1. Free-text `evidence` is\n\
         shown and never weighed; when its words suggest a basis the claim does\n\
         not give, the reasoning says so as a hint, and negated or denied wording\n\
         (\"no body was found\", \"his family denies it\") suggests `disputed`,\n\
         never a confirmation.\n\n",
    );
    let width = Basis::ALL
        .iter()
        .map(|b| b.as_str().len())
        .max()
        .unwrap_or(0);
    for basis in Basis::ALL {
        out.push_str(&format!(
            "{:<width$}  ×{:.1}  {:<11}  {}\n",
            basis.as_str(),
            basis.factor(),
            basis.direction().as_str(),
            basis.meaning()
        ));
    }
    out
}

/// `claimlint schema`: the JSON Schema of the input.
pub fn schema() -> Result<u8> {
    let schema = claimlint::load::raw::schema();
    write_stdout(&render::json::to_pretty(&schema))?;
    Ok(EXIT_OK)
}

/// `claimlint timeline NAME`: one person's claims in order, and the verdict.
pub fn timeline(cli: &Cli, args: &TimelineArgs, palette: Palette) -> Result<u8> {
    let format = args.output.format.to_render();
    let config = config_for(cli, &args.dataset.paths)?;
    let as_of = args.when.verdict_day()?;
    let options = Options {
        known_as_of: args.when.known()?,
        ..config.options()
    };
    let analysis = analyse_with_options(&args.dataset, options)?;
    let bad_input = report_input_errors(&analysis);
    let found = find_entities(&analysis.entities, &args.name, &explained_matching(&config));
    match found.as_slice() {
        [] => {
            let near: Vec<String> = nearest_people(&analysis.entities, &args.name)
                .into_iter()
                .map(|e| format!("`{}`", analysis.entities.list[e].name))
                .collect();
            let hint = match near.as_slice() {
                [] => String::new(),
                names => format!("; did you mean {}?", names.join(" or ")),
            };
            eprintln!(
                "error: no person matches `{}`{} (see `claimlint entities`)",
                printable(&args.name),
                printable(&hint)
            );
            return Ok(EXIT_BAD_INPUT);
        }
        [entity] => {
            let verdict = verdict::verdict(&analysis.dataset, &analysis.entities, *entity, as_of);
            write_stdout(&render::timeline::render(
                &analysis, *entity, &verdict, format, palette,
            ))?;
        }
        several => {
            list_people(&analysis, &args.name, several);
            return Ok(EXIT_BAD_INPUT);
        }
    }
    Ok(if bad_input { EXIT_BAD_INPUT } else { EXIT_OK })
}

/// Never guess between people: list them and let the user choose.
fn list_people(analysis: &Analysis, name: &str, several: &[usize]) {
    eprintln!(
        "error: `{}` matches {} people; name one by id:",
        printable(name),
        several.len()
    );
    for &e in several {
        let entity = &analysis.entities.list[e];
        eprintln!(
            "  {} ({}, {} claims)",
            printable(&entity.id),
            printable(&entity.name),
            entity.claims.len()
        );
    }
}

/// `claimlint sources`: every source's and originator's track record.
pub fn sources(cli: &Cli, listing: &ListingArgs) -> Result<u8> {
    let format = listing.output.format.to_render();
    let args = &listing.dataset;
    let config = config_for(cli, &args.paths)?;
    let analysis = analyse_with_review(args, &config)?;
    let bad_input = report_input_errors(&analysis);
    let verdicts = verdict::verdicts(&analysis.dataset, &analysis.entities, None);
    let records = verdict::track_records(&analysis.dataset, &verdicts);
    write_stdout(&render::sources::render(&records, format))?;
    Ok(if bad_input { EXIT_BAD_INPUT } else { EXIT_OK })
}
