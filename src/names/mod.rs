//! Placeholder name matching (exact normalised equality) until the
//! structure-aware matcher lands; the API is the one the rest codes against.

use serde::Serialize;

pub struct MatchConfig {
    pub threshold: f64,
    pub review_band: f64,
}

impl Default for MatchConfig {
    fn default() -> Self {
        MatchConfig {
            threshold: 0.92,
            review_band: 0.85,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    Same,
    Different,
    Review,
}

#[derive(Clone, Debug, Serialize)]
pub struct MatchResult {
    pub score: f64,
    pub decision: Decision,
    pub explanation: String,
}

pub fn normalise(name: &str) -> String {
    name.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn match_names(a: &str, b: &str, _cfg: &MatchConfig) -> MatchResult {
    let same = normalise(a) == normalise(b);
    MatchResult {
        score: if same { 1.0 } else { 0.0 },
        decision: if same {
            Decision::Same
        } else {
            Decision::Different
        },
        explanation: "exact comparison".into(),
    }
}

#[derive(Default)]
pub struct Constraints {
    pub same: Vec<(usize, usize)>,
    pub different: Vec<(usize, usize)>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Merge {
    pub names: [String; 2],
    pub reason: String,
    pub score: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct Ambiguity {
    pub name: String,
    pub candidates: Vec<String>,
    pub score: f64,
    pub explanation: String,
}

pub struct Clustering {
    pub cluster_of_group: Vec<usize>,
    pub merges: Vec<Merge>,
    pub ambiguous: Vec<Ambiguity>,
    pub candidate_pairs: usize,
}

pub fn cluster(groups: &[Vec<&str>], constraints: &Constraints, _cfg: &MatchConfig) -> Clustering {
    let mut parent: Vec<usize> = (0..groups.len()).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut by_name = std::collections::HashMap::new();
    for (g, names) in groups.iter().enumerate() {
        for name in names {
            let key = normalise(name);
            if let Some(&other) = by_name.get(&key) {
                let (a, b) = (root(&mut parent, g), root(&mut parent, other));
                parent[a] = b;
            } else {
                by_name.insert(key, g);
            }
        }
    }
    for &(a, b) in &constraints.same {
        let (a, b) = (root(&mut parent, a), root(&mut parent, b));
        parent[a] = b;
    }
    let mut dense = std::collections::HashMap::new();
    let cluster_of_group = (0..groups.len())
        .map(|g| {
            let r = root(&mut parent, g);
            let next = dense.len();
            *dense.entry(r).or_insert(next)
        })
        .collect();
    Clustering {
        cluster_of_group,
        merges: Vec::new(),
        ambiguous: Vec::new(),
        candidate_pairs: 0,
    }
}
