//! The pipeline as one call: load → reconcile → rules. [`analyse`] reads
//! paths; [`analyse_dataset`] checks a dataset already in memory.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::checker::{Context, Settings};
use crate::date::Day;
use crate::finding::Finding;
use crate::load::{self, LoadOptions};
use crate::model::Dataset;
use crate::reconcile::{self, Entities, NameJudgement};
use crate::rules;

/// How to analyse: what to read, what the user set, and which names a
/// reviewer has judged the same person or not.
#[derive(Default)]
pub struct Options {
    /// How directories are read ([`analyse`] only).
    pub load: LoadOptions,
    /// Rule levels, unique roles and name matching.
    pub settings: Settings,
    /// Same / not-same judgements that reconciliation must respect (from a
    /// review file: [`ReviewFile::name_judgements`](crate::review::ReviewFile::name_judgements)).
    pub judgements: Vec<NameJudgement>,
    /// Claims a reviewer rejected (claim id → the reason, in words; from a
    /// review file: [`ReviewFile::rejected_claims`](crate::review::ReviewFile::rejected_claims)).
    /// They stay in every view, marked, but the rules and verdicts no
    /// longer count them: a finding that exists only because of one is kept,
    /// with [`Finding::settled_by`] naming it.
    pub rejected: BTreeMap<String, String>,
    /// Analyse the dataset as it could be known on this day: only claims
    /// reported by then count (`--as-of`).
    pub known_as_of: Option<Day>,
    /// Told the name of each phase as it starts (`loading`, `reconciling
    /// names`, `checking rules`), for a progress display.
    pub on_phase: Option<Box<dyn Fn(&'static str) + Send + Sync>>,
}

impl Options {
    fn phase(&self, name: &'static str) {
        if let Some(on_phase) = &self.on_phase {
            on_phase(name);
        }
    }
}

/// A loaded, reconciled and checked dataset.
pub struct Analysis {
    /// The claims, sources and entity records read, and the input errors.
    pub dataset: Dataset,
    /// Who is who: the people the names were reconciled into.
    pub entities: Entities,
    /// What the rules found, sorted by the primary claim's position.
    pub findings: Vec<Finding>,
    /// Wall time of each phase, and of the slowest rules, for `--verbose`
    /// (measure before optimising).
    pub timings: Vec<(&'static str, Duration)>,
}

/// Loads `paths` (files, or directories read recursively), reconciles the
/// names and runs every enabled rule.
pub fn analyse(paths: &[PathBuf], options: &Options) -> Analysis {
    options.phase("loading");
    let started = Instant::now();
    let dataset = load::load(paths, &options.load);
    let loaded = started.elapsed();
    let mut analysis = analyse_dataset(dataset, options);
    analysis.timings.insert(0, ("load", loaded));
    analysis
}

/// Reconciles the names of a dataset already loaded (for example with
/// [`load::load_str`]) and runs every enabled rule.
pub fn analyse_dataset(dataset: Dataset, options: &Options) -> Analysis {
    let mut dataset = match options.known_as_of {
        Some(day) => dataset.known_by(day),
        None => dataset,
    };
    dataset.rejected = options
        .rejected
        .iter()
        .filter_map(|(id, reason)| Some((dataset.claim_index(id)?, reason.clone())))
        .collect();
    options.phase("reconciling names");
    let started = Instant::now();
    let entities = reconcile::reconcile(&dataset, &options.settings.matching, &options.judgements);
    let reconciled = started.elapsed();
    options.phase("checking rules");
    let started = Instant::now();
    let (findings, rule_timings) = if dataset.rejected.is_empty() {
        rules::run_timed(&Context::new(&dataset, &entities, &options.settings))
    } else {
        run_without_rejected(&dataset, &entities, &options.settings)
    };
    let checked = started.elapsed();
    let mut timings = vec![("reconcile", reconciled), ("rules", checked)];
    // The slowest rules, to see where the rules phase went.
    let mut slowest = rule_timings;
    slowest.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    timings.extend(slowest.into_iter().take(3));
    Analysis {
        dataset,
        entities,
        findings,
        timings,
    }
}

/// Runs the rules as if the rejected claims were not there, and keeps,
/// settled, the findings that exist only because of them: each finding of a
/// run with every claim that the run without the rejected ones no longer
/// raises, and which rests on a rejected claim. A finding of the second run
/// that still names a rejected claim (a rule that reads every claim, not
/// the people's) rests on it too.
fn run_without_rejected(
    dataset: &Dataset,
    entities: &Entities,
    settings: &Settings,
) -> (Vec<Finding>, Vec<(&'static str, Duration)>) {
    let rejected = |c: &usize| dataset.rejected.contains_key(c);
    let (all, _) = rules::run_timed(&Context::new(dataset, entities, settings));
    let counted = Entities {
        list: entities
            .list
            .iter()
            .map(|entity| {
                let mut entity = entity.clone();
                entity.claims.retain(|c| !rejected(c));
                entity
            })
            .collect(),
        entity_of_claim: entities.entity_of_claim.clone(),
        ambiguous: entities.ambiguous.clone(),
        candidate_pairs: entities.candidate_pairs,
    };
    let (mut findings, timings) = rules::run_timed(&Context::new(dataset, &counted, settings));
    findings.retain(|f| !f.claims.iter().any(rejected));
    let standing: std::collections::HashSet<&str> =
        findings.iter().map(|f| f.fingerprint.as_str()).collect();
    let settled: Vec<Finding> = all
        .into_iter()
        .filter(|f| !standing.contains(f.fingerprint.as_str()))
        .filter_map(|mut f| {
            f.settled_by = f.claims.iter().copied().filter(rejected).collect();
            (!f.settled_by.is_empty()).then_some(f)
        })
        .collect();
    findings.extend(settled);
    findings.sort_by_cached_key(|f| {
        let primary = f.claims.first().map(|&c| dataset.claims[c].pos.clone());
        (primary, f.rule, f.fingerprint.clone())
    });
    (findings, timings)
}
