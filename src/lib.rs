//! claimlint checks datasets of claims about people (who was killed, alive,
//! captured, designated, in which role, when, according to whom) for
//! provenance gaps and contradictions.
//!
//! Data flows one way: [`load`] reads claims with their exact positions,
//! [`reconcile`] decides which names are one person (with [`names`]),
//! [`rules`] flag what cannot all be true (weighing claims with
//! [`evidence`] and [`provenance`]), [`verdict`] says what the evidence
//! favours, [`review`] lays a team's decisions over the findings, and
//! [`render`] shows them. [`analyse`] runs the pipeline in one call.
//!
//! ```
//! use claimlint::{analyse_dataset, load_str, Options};
//!
//! let dataset = load_str("example.json", r#"{
//!   "sources": [{"id": "s", "published": "2018-01-10"}],
//!   "claims": [
//!     {"id": "killed", "who": "Abu Bakr al-Baghdadi", "status": "killed",
//!      "date": "2017-06", "source": "s"},
//!     {"id": "video", "who": "Abubakr al-Baghdadi", "status": "alive",
//!      "date": "2017-09-28", "source": "s"}
//!   ]
//! }"#);
//! let analysis = analyse_dataset(dataset, &Options::default());
//! // Two spellings, one person; alive after his reported death.
//! assert_eq!(analysis.entities.list.len(), 1);
//! assert!(analysis.findings.iter().any(|f| f.rule == "alive-after-death"));
//! ```
#![warn(missing_docs)]

mod analysis;
pub mod basis;
pub mod checker;
mod collections;
pub mod config;
pub mod date;
mod digest;
pub mod evidence;
pub mod finding;
pub mod import;
pub mod load;
pub mod lookup;
pub mod model;
pub mod names;
pub mod provenance;
pub mod reconcile;
pub mod render;
pub mod review;
pub mod rules;
pub mod suggest;
pub mod verdict;

pub use analysis::{analyse, analyse_dataset, Analysis, Options};
pub use config::Config;
pub use finding::{Finding, Severity};
pub use load::{load, load_str, InputError};
pub use model::{Claim, Dataset, Source, Status};
pub use reconcile::Entities;
pub use review::ReviewFile;
