//! claimlint: checks datasets of claims about people for provenance gaps and
//! contradictions.
//!
//! The pipeline is [`load`] → [`reconcile`] → [`rules::run`]; renderers in
//! [`render`] show the result. [`app`] wires it to the command line.

pub mod app;
pub mod cli;
pub mod config;
pub mod date;
mod digest;
pub mod finding;
pub mod interactive;
pub mod load;
pub mod model;
pub mod names;
pub mod pairs;
pub mod permutation;
pub mod provenance;
pub mod reconcile;
pub mod render;
pub mod review;
pub mod rules;
pub mod suggest;
pub mod verdict;

use std::path::PathBuf;

use config::Config;
use finding::Finding;
use model::Dataset;
use reconcile::Entities;

/// A loaded, reconciled and checked dataset.
pub struct Analysis {
    pub dataset: Dataset,
    pub entities: Entities,
    pub findings: Vec<Finding>,
    /// Wall time of each phase, for `--verbose` (measure before optimising).
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

/// Loads `paths`, reconciles names and runs every enabled rule.
pub fn analyse(paths: &[PathBuf], config: &Config) -> Analysis {
    analyse_reviewed(paths, config, None)
}

/// [`analyse`], with a review file whose entity judgements (same / not the
/// same person) reconciliation must respect. Finding decisions do not change
/// the analysis; [`review::Applied`] lays them over its findings.
pub fn analyse_reviewed(
    paths: &[PathBuf],
    config: &Config,
    review: Option<&review::ReviewFile>,
) -> Analysis {
    analyse_observed(paths, config, review, &|_| {})
}

/// [`analyse_reviewed`], telling `on_phase` as each phase starts
/// (`loading`, `reconciling names`, `checking rules`), for a progress display.
pub fn analyse_observed(
    paths: &[PathBuf],
    config: &Config,
    review: Option<&review::ReviewFile>,
    on_phase: &dyn Fn(&'static str),
) -> Analysis {
    let options = load::LoadOptions {
        exclude: config.input.exclude.clone(),
        exclude_from: config.path.clone(),
    };
    on_phase("loading");
    let started = std::time::Instant::now();
    let dataset = load::load(paths, &options);
    let loaded = started.elapsed();
    let mut analysis = checked(dataset, config, review, on_phase);
    analysis.timings.insert(0, ("load", loaded));
    analysis
}

/// Reconciles and checks an already loaded dataset.
pub fn analyse_dataset(dataset: Dataset, config: &Config) -> Analysis {
    analyse_dataset_reviewed(dataset, config, None)
}

/// [`analyse_dataset`] with a review file's entity judgements.
pub fn analyse_dataset_reviewed(
    dataset: Dataset,
    config: &Config,
    review: Option<&review::ReviewFile>,
) -> Analysis {
    checked(dataset, config, review, &|_| {})
}

fn checked(
    dataset: Dataset,
    config: &Config,
    review: Option<&review::ReviewFile>,
    on_phase: &dyn Fn(&'static str),
) -> Analysis {
    let matching = names::MatchConfig {
        threshold: config.matching.threshold,
        review_band: config.matching.review_band,
        explain_merges: config.explain_merges,
    };
    let judgements = review
        .map(review::ReviewFile::name_judgements)
        .unwrap_or_default();
    on_phase("reconciling names");
    let started = std::time::Instant::now();
    let entities = reconcile::reconcile(&dataset, &matching, &judgements);
    let reconciled = started.elapsed();
    on_phase("checking rules");
    let started = std::time::Instant::now();
    let (findings, rule_timings) =
        rules::run_timed(&rules::Context::new(&dataset, &entities, config));
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
