//! claimlint: checks datasets of claims about people for provenance gaps and
//! contradictions.
//!
//! The pipeline is [`load`] → [`reconcile`] → [`rules::run`]; renderers in
//! [`render`] show the result. [`app`] wires it to the command line.

pub mod app;
pub mod cli;
pub mod config;
pub mod date;
pub mod finding;
pub mod load;
pub mod model;
pub mod names;
pub mod pairs;
pub mod provenance;
pub mod reconcile;
pub mod render;
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
}

/// Loads `paths`, reconciles names and runs every enabled rule.
pub fn analyse(paths: &[PathBuf], config: &Config) -> Analysis {
    let options = load::LoadOptions {
        exclude: config.input.exclude.clone(),
    };
    let dataset = load::load(paths, &options);
    analyse_dataset(dataset, config)
}

/// Reconciles and checks an already loaded dataset.
pub fn analyse_dataset(dataset: Dataset, config: &Config) -> Analysis {
    let matching = names::MatchConfig {
        threshold: config.matching.threshold,
        review_band: config.matching.review_band,
    };
    let entities = reconcile::reconcile(&dataset, &matching, &[]);
    let findings = rules::run(&rules::Context {
        dataset: &dataset,
        entities: &entities,
        config,
    });
    Analysis {
        dataset,
        entities,
        findings,
    }
}
