//! Checking part of a dataset: when a path names a file, the files beside
//! it in its dataset give the sources and entity records its claims refer
//! to, as context. Their own claims are not read into the result and their
//! problems are not reported: a pre-commit hook that checks one changed
//! file reports on that file alone, without 39 "unknown source" errors for
//! sources kept in a sibling `sources.json`.
//!
//! A file's dataset is the nearest directory above it that holds a
//! `claimlint.toml`, else the file's own directory.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::{walk, LoadOptions, Loader};
use crate::model::{EntityRecord, Source};

/// The configuration file that marks a dataset's root.
const DATASET_MARKER: &str = "claimlint.toml";

/// The sources and entity records of the datasets around the files named
/// in `paths`, from the files not among `read` (the files read already). A
/// file its dataset leaves out (a fixture under an excluded directory) is
/// a dataset of its own and takes no context.
pub(super) fn around(
    paths: &[PathBuf],
    read: &[walk::DataFile],
    options: &LoadOptions,
) -> (Vec<Source>, Vec<EntityRecord>) {
    let named: Vec<PathBuf> = (paths.iter())
        .filter(|p| p.is_file())
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    if named.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let already: HashSet<PathBuf> = read
        .iter()
        .filter_map(|f| f.path.canonicalize().ok())
        .collect();
    let mut context = Loader::default();
    let mut walked: HashSet<PathBuf> = HashSet::new();
    for file in &named {
        let Some(root) = dataset_root(file) else {
            continue;
        };
        if !walked.insert(root.clone()) {
            continue;
        }
        let siblings = walk::collect_files(&[root], options, &mut context.errors);
        let canonical: Vec<PathBuf> = (siblings.iter())
            .filter_map(|f| f.path.canonicalize().ok())
            .collect();
        if !canonical.contains(file) {
            continue;
        }
        for (sibling, path) in siblings.iter().zip(&canonical) {
            if !already.contains(path) {
                context.load_file(&sibling.path);
            }
        }
    }
    // Inline sources of sibling claims count as well: they are sources.
    let mut sources = context.sources;
    sources.extend(context.inline_sources.into_values());
    (sources, context.entities)
}

/// The dataset `file` belongs to: the nearest directory above it with a
/// `claimlint.toml`, else its own directory.
fn dataset_root(file: &Path) -> Option<PathBuf> {
    let file = file.canonicalize().ok()?;
    let own = file.parent()?.to_path_buf();
    let marked = own
        .ancestors()
        .find(|dir| dir.join(DATASET_MARKER).is_file())
        .map(Path::to_path_buf);
    Some(marked.unwrap_or(own))
}

impl Loader {
    /// Adds sources and entity records from around the files read: the
    /// sources the claims read refer to (and those they cite, in turn)
    /// that the files read do not define themselves, so the rest of the
    /// dataset's sources and their problems stay out; an entity record
    /// only when a claim read names it (its name or an alias, ignoring
    /// case), so the people of the rest of the dataset do not appear.
    pub(super) fn add_context(&mut self, (sources, entities): (Vec<Source>, Vec<EntityRecord>)) {
        // A directory named whole has no context: do not index its claims.
        if sources.is_empty() && entities.is_empty() {
            return;
        }
        let mut defined: HashSet<String> = (self.sources.iter().map(|s| s.id.clone()))
            .chain(self.inline_sources.keys().cloned())
            .collect();
        let mut wanted: Vec<String> = (self.claims.iter())
            .filter_map(|c| c.source.as_deref())
            .chain(
                self.sources
                    .iter()
                    .flat_map(|s| s.cites.iter().map(String::as_str)),
            )
            .filter(|id| !defined.contains(*id))
            .map(str::to_string)
            .collect();
        let mut by_id: std::collections::HashMap<String, Source> = std::collections::HashMap::new();
        for source in sources {
            by_id.entry(source.id.clone()).or_insert(source);
        }
        while let Some(id) = wanted.pop() {
            if defined.contains(&id) {
                continue;
            }
            if let Some(source) = by_id.remove(&id) {
                defined.insert(id);
                wanted.extend(source.cites.iter().cloned());
                self.sources.push(source);
            }
        }
        let defined: HashSet<String> = self.entities.iter().map(|e| e.id.clone()).collect();
        let named: HashSet<String> = (self.claims.iter())
            .flat_map(|c| std::iter::once(&c.who).chain(&c.aliases))
            .map(|n| n.to_lowercase())
            .collect();
        let mut added: HashSet<String> = HashSet::new();
        for entity in entities {
            let names_a_claim = std::iter::once(&entity.name)
                .chain(&entity.aliases)
                .any(|n| named.contains(&n.to_lowercase()));
            if names_a_claim && !defined.contains(&entity.id) && added.insert(entity.id.clone()) {
                self.entities.push(entity);
            }
        }
    }
}
