//! `claimlint review`: record a decision about a finding, reject a claim,
//! judge that two names are (not) one person, prune or baseline the review
//! file, or go through the findings at the terminal.
//!
//! Every change is made under the review file's lock to what is on disk at
//! that moment ([`review::update`]), so concurrent reviewers lose nothing.

use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{bail, Result};

use claimlint::finding::{fingerprint as fingerprint_of, Finding};
use claimlint::render::{printable as escape, Palette};
use claimlint::review::{
    self, judgements, Applied, Decision, EntityJudgement, RejectReason, Rejection, Review,
    ReviewFile,
};
use claimlint::suggest::did_you_mean;
use claimlint::{analyse, Analysis};

use super::args::{Cli, ReviewArgs};
use super::{interactive, options_for, EXIT_OK};

/// Runs `review` in whichever form its arguments ask for.
pub fn run(cli: &Cli, args: &ReviewArgs, palette: Palette) -> Result<u8> {
    super::interrupt::remove_temporary_files_on_interrupt();
    let config = super::config_for(cli, &args.paths)?;
    let path = review::locate(args.review_file.as_deref(), &args.paths);
    let file = ReviewFile::read(&path)?;
    let analysis = analyse(&args.paths, &options_for(&config, &file, &path));
    for error in &analysis.dataset.errors {
        eprintln!(
            "warning: {} (the record is left out of the review)",
            escape(&error.to_string())
        );
    }
    let reanalyse = |file: &ReviewFile| analyse(&args.paths, &options_for(&config, file, &path));
    let who_dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let recorder = Recorder {
        args,
        path: &path,
        who_dir,
        who: std::sync::OnceLock::new(),
        analysis: &analysis,
        reanalyse: &reanalyse,
    };
    if let Some(fingerprint) = &args.fingerprint {
        return recorder.decide(fingerprint);
    }
    if let Some(claim) = &args.reject {
        return recorder.reject(claim);
    }
    let judgement = match (&args.same, &args.not_same, &args.as_name) {
        (Some(a), None, Some(b)) => Some((a, b, true)),
        (None, Some(a), Some(b)) => Some((a, b, false)),
        _ => None,
    };
    if let Some((a, b, same)) = judgement {
        return recorder.judge([a, b], same);
    }
    if args.prune {
        return recorder.prune();
    }
    if args.accept_all {
        return recorder.accept_all();
    }
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        bail!(
            "the interactive review needs a terminal; use the scriptable form: \
             claimlint review --fingerprint FP --decision confirmed|dismissed|resolved \
             [--wrong CLAIM_ID] --note TEXT [PATH...] (see `claimlint review --help`)"
        );
    }
    let who = recorder.who();
    interactive::run(analysis, file, &path, &who, palette, &reanalyse)?;
    Ok(EXIT_OK)
}

/// What a scriptable review records with: its arguments, the review file,
/// where to ask git who is deciding, and the analysis it decides about.
struct Recorder<'a> {
    args: &'a ReviewArgs,
    path: &'a Path,
    who_dir: PathBuf,
    who: std::sync::OnceLock<String>,
    analysis: &'a Analysis,
    /// The analysis again, with a review file's rejections and judgements.
    reanalyse: &'a dyn Fn(&ReviewFile) -> Analysis,
}

impl Recorder<'_> {
    /// Who decides: asked of git once per run (a baseline of thousands of
    /// findings would otherwise start git thousands of times).
    fn who(&self) -> String {
        self.who
            .get_or_init(|| review::reviewer(self.args.reviewer.as_deref(), &self.who_dir))
            .clone()
    }

    fn note(&self) -> String {
        self.args.note.clone().unwrap_or_default()
    }

    /// Changes the review file under its lock, after carrying decisions of
    /// the first fingerprint scheme over (said once, when it happens).
    fn update<T>(&self, change: impl FnOnce(&mut ReviewFile) -> Result<T>) -> Result<T> {
        update(self.path, self.analysis, change)
    }

    /// Records `--decision` about the finding with `fingerprint`.
    fn decide(&self, fingerprint: &str) -> Result<u8> {
        let analysis = self.analysis;
        let finding = find_finding(analysis, fingerprint)?;
        let claim_ids = ids(analysis, &finding.claims);
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
        if self.args.reason.is_some() && wrong.is_none() {
            bail!("`--reason` goes with `--reject CLAIM_ID` or `--decision resolved --wrong CLAIM_ID`");
        }
        let review = new_review(analysis, finding, decision, wrong.clone(), self);
        let rejection = wrong.as_ref().map(|_| Rejection {
            reason: self
                .args
                .reason
                .map_or(RejectReason::Misreported, RejectReason::from),
            note: self.note(),
            who: review.who.clone(),
            when: review.when.clone(),
        });
        let (replaced, replaced_rejection, now) = self.update(|file| {
            let replaced = decide(file, analysis, finding, review);
            let replaced_rejection = match (&wrong, rejection) {
                (Some(wrong), Some(rejection)) => file.reject(wrong, rejection),
                _ => None,
            };
            Ok((replaced, replaced_rejection, file.clone()))
        })?;
        eprintln!(
            "claimlint: recorded {decision} for {} ({}: {}) in {}{}",
            finding.fingerprint,
            finding.rule,
            escape(&finding.message),
            self.path.display(),
            replacing(replaced_decision(&replaced))
        );
        if let Some(wrong) = &wrong {
            eprintln!(
                "claimlint: claim `{wrong}` rejected{}{}",
                self.settles(wrong, &now, &finding.fingerprint),
                replacing(replaced_rejection.as_ref().map(Rejection::describe))
            );
        }
        Ok(EXIT_OK)
    }

    /// Records that the claim with id `claim` is wrong.
    fn reject(&self, claim: &str) -> Result<u8> {
        let dataset = &self.analysis.dataset;
        if dataset.claim(claim).is_none() {
            bail!(
                "no claim has id `{claim}`{}",
                did_you_mean(claim, dataset.claims.iter().map(|c| c.id.as_str()))
            );
        }
        let Some(reason) = self.args.reason.map(RejectReason::from) else {
            bail!("`--reject` needs `--reason`");
        };
        let rejection = Rejection {
            reason,
            note: self.note(),
            who: self.who(),
            when: review::now(),
        };
        let (replaced, now) =
            self.update(|file| Ok((file.reject(claim, rejection), file.clone())))?;
        eprintln!(
            "claimlint: recorded claim `{claim}` rejected ({reason}) in {}{}{}",
            self.path.display(),
            self.settles(claim, &now, ""),
            replacing(replaced.as_ref().map(Rejection::describe))
        );
        Ok(EXIT_OK)
    }

    /// ": it settles 2 findings that rest only on it: FP (rule), ...": what
    /// rejecting `claim` settles, found by analysing again with `file`,
    /// leaving out the finding `decided` (settled by its own decision).
    fn settles(&self, claim: &str, file: &ReviewFile, decided: &str) -> String {
        let after = (self.reanalyse)(file);
        let settled: Vec<String> = after
            .findings
            .iter()
            .filter(|f| f.fingerprint != decided)
            .filter(|f| {
                f.settled_by
                    .iter()
                    .any(|&c| after.dataset.claims[c].id == claim)
            })
            .map(|f| format!("{} ({})", f.fingerprint, f.rule))
            .collect();
        let more = if decided.is_empty() { "" } else { " more" };
        match settled.len() {
            0 => format!(": no{more} finding rests only on it"),
            1 => format!(
                ": it settles 1{more} finding that rests only on it: {}",
                settled[0]
            ),
            n if n <= 5 => format!(
                ": it settles {n}{more} findings that rest only on it: {}",
                settled.join(", ")
            ),
            n => format!(
                ": it settles {n}{more} findings that rest only on it: {} and {} more",
                settled[..5].join(", "),
                n - 5
            ),
        }
    }

    /// Records that names `a` and `b` are (`same`) or are not one person,
    /// unless that contradicts another judgement or an entity record.
    fn judge(&self, [a, b]: [&String; 2], same: bool) -> Result<u8> {
        if a == b {
            bail!("a judgement needs two different names, got `{a}` twice");
        }
        let known: BTreeSet<&str> = self
            .analysis
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
        let judgement = EntityJudgement {
            names: [a.clone(), b.clone()],
            same,
            note: self.note(),
            who: self.who(),
            when: review::now(),
        };
        let records = &self.analysis.dataset.entities;
        let replaced = self.update(|file| {
            let before = judgements::conflicts(&file.entities, records);
            let replaced = file.judge(judgement);
            let new: Vec<String> = judgements::conflicts(&file.entities, records)
                .into_iter()
                .filter(|c| !before.contains(c))
                .collect();
            if !new.is_empty() {
                bail!(
                    "not recorded: it would contradict what is on record: {}; change the entity record or judgement it contradicts first",
                    new.join("; ")
                );
            }
            Ok(replaced)
        })?;
        eprintln!(
            "claimlint: recorded `{a}` {} `{b}` in {}{}",
            if same {
                "is the same person as"
            } else {
                "is not the same person as"
            },
            self.path.display(),
            replacing(
                replaced
                    .as_ref()
                    .map(|r| { format!("{} by {} on {}", r.describe(), r.who, r.when) })
            )
        );
        Ok(EXIT_OK)
    }

    /// Removes what matches nothing any more, printing each on stdout.
    fn prune(&self) -> Result<u8> {
        let analysis = self.analysis;
        let removed = self.update(|file| {
            let applied = Applied::new(
                file,
                &analysis.findings,
                &analysis.dataset,
                &analysis.entities,
            );
            let fingerprints: Vec<String> = applied
                .stale
                .iter()
                .map(|s| s.fingerprint.to_string())
                .collect();
            let names: Vec<[String; 2]> = applied
                .stale_entities
                .iter()
                .map(|j| j.names.clone())
                .collect();
            let claims: Vec<String> = applied
                .stale_rejections
                .iter()
                .map(|c| c.to_string())
                .collect();
            let mut removed = Vec::new();
            for fp in fingerprints {
                if let Some(r) = file.findings.remove(&fp) {
                    let on = if r.claims.is_empty() {
                        String::new()
                    } else {
                        format!(" on {}", r.claims.join(", "))
                    };
                    removed.push(format!(
                        "removed stale review {fp}: {} {}{on}",
                        r.rule,
                        r.describe()
                    ));
                }
            }
            for pair in names {
                if let Some(at) = file.entities.iter().position(|j| j.names == pair) {
                    let j = file.entities.remove(at);
                    removed.push(format!(
                        "removed stale entity judgement {} by {} on {}",
                        j.describe(),
                        j.who,
                        j.when
                    ));
                }
            }
            for claim in claims {
                if let Some(r) = file.rejected.remove(&claim) {
                    removed.push(format!(
                        "removed stale rejection of claim `{claim}` ({}) by {} on {}",
                        r.describe(),
                        r.who,
                        r.when
                    ));
                }
            }
            Ok(removed)
        })?;
        for line in &removed {
            println!("{}", escape(line));
        }
        eprintln!(
            "claimlint: pruned {} stale entr{} from {}",
            removed.len(),
            if removed.len() == 1 { "y" } else { "ies" },
            self.path.display()
        );
        Ok(EXIT_OK)
    }

    /// Records every open finding as confirmed: a baseline.
    fn accept_all(&self) -> Result<u8> {
        let analysis = self.analysis;
        let recorded = self.update(|file| {
            // Each open finding, and the decision it had before its side in
            // dispute changed, which the new one supersedes.
            let open: Vec<(&Finding, Option<String>)> = {
                let applied = Applied::new(
                    file,
                    &analysis.findings,
                    &analysis.dataset,
                    &analysis.entities,
                );
                analysis
                    .findings
                    .iter()
                    .enumerate()
                    .filter(|&(i, _)| applied.is_open(i))
                    .map(|(i, f)| {
                        let earlier = applied
                            .previous_fingerprint(i)
                            .filter(|fp| *fp != f.fingerprint)
                            .map(String::from);
                        (f, earlier)
                    })
                    .collect()
            };
            for (finding, earlier) in &open {
                let review = new_review(analysis, finding, Decision::Confirmed, None, self);
                file.decide(&finding.fingerprint, review);
                if let Some(earlier) = earlier {
                    file.findings.remove(earlier);
                }
            }
            Ok(open.len())
        })?;
        eprintln!(
            "claimlint: recorded {recorded} open finding{} as confirmed (a baseline) in {}; `claimlint check` now fails only on new findings",
            if recorded == 1 { "" } else { "s" },
            self.path.display()
        );
        Ok(EXIT_OK)
    }
}

/// Changes the review file at `path` under its lock, after carrying
/// decisions of the first fingerprint scheme over to `analysis`'s findings
/// (said once, on stderr, when it happens).
pub fn update<T>(
    path: &Path,
    analysis: &Analysis,
    change: impl FnOnce(&mut ReviewFile) -> Result<T>,
) -> Result<T> {
    review::update(path, |file| {
        let migrated = review::migrate(file, &analysis.findings, &analysis.dataset);
        if migrated > 0 {
            eprintln!("{}", migrated_note(migrated, path));
        }
        change(file)
    })
}

/// What recording a decision replaced: the finding's own decision, and
/// the one it had before its side in dispute changed, with its fingerprint.
pub type Replaced = (Option<Review>, Option<(String, Review)>);

/// Records `review` as the decision on `finding` of `analysis` in `file`;
/// what it replaces: the finding's own decision, and the one it had before
/// its side in dispute changed (shown as context until now, and superseded
/// by this one rather than left behind as stale).
pub fn decide(
    file: &mut ReviewFile,
    analysis: &Analysis,
    finding: &Finding,
    review: Review,
) -> Replaced {
    let earlier = analysis
        .findings
        .iter()
        .position(|f| f.fingerprint == finding.fingerprint)
        .and_then(|index| {
            Applied::new(
                file,
                &analysis.findings,
                &analysis.dataset,
                &analysis.entities,
            )
            .previous_fingerprint(index)
            .filter(|fp| *fp != finding.fingerprint)
            .map(String::from)
        });
    let replaced = file.decide(&finding.fingerprint, review);
    let superseded = earlier.and_then(|fp| file.findings.remove(&fp).map(|r| (fp, r)));
    (replaced, superseded)
}

/// The decision `replaced` names, in words, for "it replaces: ...".
pub fn replaced_decision((own, superseded): &Replaced) -> Option<String> {
    own.as_ref()
        .or(superseded.as_ref().map(|(_, r)| r))
        .map(Review::describe)
}

/// What a run says when decisions of fingerprint scheme 1 were carried over.
pub fn migrated_note(migrated: usize, path: &Path) -> String {
    format!(
        "note: {migrated} decision{} in {} carried over from fingerprint scheme 1 (every claim) to scheme {} (the claims in dispute); the file now says so",
        if migrated == 1 { "" } else { "s" },
        path.display(),
        claimlint::finding::FINGERPRINT_VERSION
    )
}

/// "; it replaces: confirmed by ..." when something was replaced.
pub fn replacing(replaced: Option<String>) -> String {
    replaced
        .map(|r| format!("; it replaces: {}", escape(&r)))
        .unwrap_or_default()
}

/// A decision of `recorder`'s reviewer about `finding`, with what it rests on.
fn new_review(
    analysis: &Analysis,
    finding: &Finding,
    decision: Decision,
    wrong: Option<String>,
    recorder: &Recorder,
) -> Review {
    let mut claims = ids(analysis, &finding.claims);
    claims.sort();
    Review {
        rests_on: review::rests_on(&analysis.dataset, finding, wrong.as_deref()),
        decision,
        wrong,
        note: recorder.note(),
        who: recorder.who(),
        when: review::now(),
        rule: finding.rule.to_string(),
        claims,
        rejected: None,
    }
}

fn ids(analysis: &Analysis, claims: &[usize]) -> Vec<String> {
    claims
        .iter()
        .map(|&c| analysis.dataset.claims[c].id.clone())
        .collect()
}

/// The finding with `fingerprint` (or with the fingerprint the first
/// scheme gave it), or an error naming the nearest one.
fn find_finding<'a>(analysis: &'a Analysis, fingerprint: &str) -> Result<&'a Finding> {
    let findings = &analysis.findings;
    let first_scheme = |f: &Finding| {
        let ids = ids(analysis, &f.claims);
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        fingerprint_of(f.rule, &ids)
    };
    if let Some(finding) = findings
        .iter()
        .find(|f| f.fingerprint == fingerprint)
        .or_else(|| findings.iter().find(|f| first_scheme(f) == fingerprint))
    {
        return Ok(finding);
    }
    let nearest = findings
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
            escape(&f.message)
        ),
        None => bail!("no finding has fingerprint `{fingerprint}`: this dataset has no findings"),
    }
}
