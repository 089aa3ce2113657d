//! `claimlint review`: record a decision about a finding, a judgement that
//! two names are (not) one person, or go through the findings at the
//! terminal.

use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{bail, Result};

use claimlint::finding::Finding;
use claimlint::render::Palette;
use claimlint::review::{self, Decision, EntityJudgement, Review, ReviewFile};
use claimlint::suggest::did_you_mean;
use claimlint::{analyse, Analysis};

use super::args::{Cli, ReviewArgs};
use super::{interactive, options_for, EXIT_OK};

/// Runs `review` in whichever form its arguments ask for.
pub fn run(cli: &Cli, args: &ReviewArgs, palette: Palette) -> Result<u8> {
    let config = super::config_for(cli, &args.paths)?;
    let path = review::locate(args.review_file.as_deref(), &args.paths);
    let mut file = ReviewFile::read(&path)?;
    let analysis = analyse(&args.paths, &options_for(&config, &file));
    for error in &analysis.dataset.errors {
        eprintln!("warning: {error} (the record is left out of the review)");
    }
    let who_dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let recorder = Recorder {
        args,
        path: &path,
        who_dir,
    };
    if let Some(fingerprint) = &args.fingerprint {
        return recorder.decide(&analysis, &mut file, fingerprint);
    }
    let judgement = match (&args.same, &args.not_same, &args.as_name) {
        (Some(a), None, Some(b)) => Some((a, b, true)),
        (None, Some(a), Some(b)) => Some((a, b, false)),
        _ => None,
    };
    if let Some((a, b, same)) = judgement {
        return recorder.judge(&analysis, &mut file, [a, b], same);
    }
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        bail!(
            "the interactive review needs a terminal; use the scriptable form: \
             claimlint review --fingerprint FP --decision confirmed|dismissed|resolved \
             [--wrong CLAIM_ID] --note TEXT [PATH...] (see `claimlint review --help`)"
        );
    }
    interactive::run(&analysis, &mut file, &path, &recorder.who(), palette)?;
    Ok(EXIT_OK)
}

/// What a scriptable review records with: its arguments, the review file,
/// and where to ask git who is deciding.
struct Recorder<'a> {
    args: &'a ReviewArgs,
    path: &'a Path,
    who_dir: PathBuf,
}

impl Recorder<'_> {
    fn who(&self) -> String {
        review::reviewer(self.args.reviewer.as_deref(), &self.who_dir)
    }

    fn note(&self) -> String {
        self.args.note.clone().unwrap_or_default()
    }

    /// Records `--decision` about the finding with `fingerprint`.
    fn decide(&self, analysis: &Analysis, file: &mut ReviewFile, fingerprint: &str) -> Result<u8> {
        let finding = find_finding(analysis, fingerprint)?;
        let claim_ids: Vec<String> = finding
            .claims
            .iter()
            .map(|&c| analysis.dataset.claims[c].id.clone())
            .collect();
        let decision = self
            .args
            .decision
            .map_or(Decision::Confirmed, Decision::from);
        let wrong = match (decision, &self.args.wrong) {
            (Decision::Resolved, None) => bail!(
                "`--decision resolved` needs `--wrong CLAIM_ID`, one of: {}",
                claim_ids.join(", ")
            ),
            (Decision::Resolved, Some(wrong)) if !claim_ids.contains(wrong) => bail!(
                "`--wrong {wrong}` is not one of this finding's claims: {}{}",
                claim_ids.join(", "),
                did_you_mean(wrong, claim_ids.iter().map(String::as_str))
            ),
            (Decision::Resolved, Some(wrong)) => Some(wrong.clone()),
            (_, Some(_)) => bail!("`--wrong` goes with `--decision resolved` only"),
            (_, None) => None,
        };
        let mut claims_sorted = claim_ids;
        claims_sorted.sort();
        file.decide(
            fingerprint,
            Review {
                decision,
                wrong,
                note: self.note(),
                who: self.who(),
                when: review::now(),
                rule: finding.rule.to_string(),
                claims: claims_sorted,
            },
        );
        file.write(self.path)?;
        eprintln!(
            "claimlint: recorded {decision} for {fingerprint} ({}: {}) in {}",
            finding.rule,
            finding.message,
            self.path.display()
        );
        Ok(EXIT_OK)
    }

    /// Records that names `a` and `b` are (`same`) or are not one person.
    fn judge(
        &self,
        analysis: &Analysis,
        file: &mut ReviewFile,
        [a, b]: [&String; 2],
        same: bool,
    ) -> Result<u8> {
        if a == b {
            bail!("a judgement needs two different names, got `{a}` twice");
        }
        let known: BTreeSet<&str> = analysis
            .entities
            .list
            .iter()
            .flat_map(|e| e.names.iter().map(String::as_str))
            .collect();
        for name in [a, b] {
            if !known.contains(name.as_str()) {
                bail!(
                    "no claim or entity record names `{name}`{} (names must match the data exactly; `claimlint entities` lists them)",
                    did_you_mean(name, known.iter().copied())
                );
            }
        }
        file.judge(EntityJudgement {
            names: [a.clone(), b.clone()],
            same,
            note: self.note(),
            who: self.who(),
            when: review::now(),
        });
        file.write(self.path)?;
        eprintln!(
            "claimlint: recorded `{a}` {} `{b}` in {}",
            if same {
                "is the same person as"
            } else {
                "is not the same person as"
            },
            self.path.display()
        );
        Ok(EXIT_OK)
    }
}

/// The finding with `fingerprint`, or an error naming the nearest one.
fn find_finding<'a>(analysis: &'a Analysis, fingerprint: &str) -> Result<&'a Finding> {
    if let Some(finding) = analysis
        .findings
        .iter()
        .find(|f| f.fingerprint == fingerprint)
    {
        return Ok(finding);
    }
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
}
