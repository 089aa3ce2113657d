//! Same / not-same judgements that cannot all hold: one pair judged both
//! ways, or a chain of `same` judgements and entity records joining two
//! names that a `not-same` keeps apart. They are reported, never applied
//! silently.

use std::collections::{BTreeMap, VecDeque};

use super::EntityJudgement;
use crate::model::EntityRecord;

/// One statement that two names are, or are not, one person, and who made it.
struct Statement<'a> {
    names: [&'a str; 2],
    same: bool,
    by: String,
}

/// Each contradiction among the review file's `judgements` and the data's
/// entity `records`, in words, involving at least one review judgement.
pub fn conflicts(judgements: &[EntityJudgement], records: &[EntityRecord]) -> Vec<String> {
    if judgements.is_empty() {
        return Vec::new();
    }
    let mut statements: Vec<Statement> = judgements
        .iter()
        .map(|j| Statement {
            names: [j.names[0].as_str(), j.names[1].as_str()],
            same: j.same,
            by: "review judgement".into(),
        })
        .collect();
    statements.extend(record_statements(records));
    // The `same` statements as a graph over names.
    let mut joined: BTreeMap<&str, Vec<(&str, usize)>> = BTreeMap::new();
    for (i, s) in statements.iter().enumerate().filter(|(_, s)| s.same) {
        joined.entry(s.names[0]).or_default().push((s.names[1], i));
        joined.entry(s.names[1]).or_default().push((s.names[0], i));
    }
    let mut found = Vec::new();
    for (i, apart) in statements.iter().enumerate().filter(|(_, s)| !s.same) {
        let Some(path) = chain(&joined, apart.names[0], apart.names[1]) else {
            continue;
        };
        let from_review = i < judgements.len() || path.iter().any(|&p| p < judgements.len());
        if !from_review {
            continue;
        }
        let links: Vec<String> = path
            .iter()
            .map(|&p| {
                let s = &statements[p];
                format!("`{}` = `{}` ({})", s.names[0], s.names[1], s.by)
            })
            .collect();
        found.push(format!(
            "`{}` ≠ `{}` ({}) contradicts {}",
            apart.names[0],
            apart.names[1],
            apart.by,
            links.join(", ")
        ));
    }
    found
}

/// What the entity records say: a record's names and `same_as` are one
/// person; its `not_same_as` are not.
fn record_statements<'a>(records: &'a [EntityRecord]) -> Vec<Statement<'a>> {
    let by_id: BTreeMap<&str, &str> = records
        .iter()
        .map(|r| (r.id.as_str(), r.name.as_str()))
        .collect();
    let mut out = Vec::new();
    for record in records {
        let by = format!("entity record `{}`", record.id);
        let resolve = |n: &'a str| -> Option<&'a str> {
            by_id.get(n).copied().or(Some(n)).filter(|n| !n.is_empty())
        };
        let others = record.aliases.iter().chain(&record.same_as);
        for other in others.filter_map(|n| resolve(n)) {
            if other != record.name {
                out.push(Statement {
                    names: [record.name.as_str(), other],
                    same: true,
                    by: by.clone(),
                });
            }
        }
        for other in record.not_same_as.iter().filter_map(|n| resolve(n)) {
            out.push(Statement {
                names: [record.name.as_str(), other],
                same: false,
                by: by.clone(),
            });
        }
    }
    out
}

/// The statements (indices) of a shortest chain of `same` joining `a` to `b`.
fn chain(joined: &BTreeMap<&str, Vec<(&str, usize)>>, a: &str, b: &str) -> Option<Vec<usize>> {
    let mut came_from: BTreeMap<&str, (&str, usize)> = BTreeMap::new();
    let mut queue = VecDeque::from([a]);
    while let Some(name) = queue.pop_front() {
        if name == b {
            let mut path = Vec::new();
            let mut at = b;
            while at != a {
                let (prev, statement) = came_from[at];
                path.push(statement);
                at = prev;
            }
            path.reverse();
            return Some(path);
        }
        for &(next, statement) in joined.get(name).into_iter().flatten() {
            if next != a && !came_from.contains_key(next) {
                came_from.insert(next, (name, statement));
                queue.push_back(next);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judged(a: &str, b: &str, same: bool) -> EntityJudgement {
        EntityJudgement {
            names: [a.into(), b.into()],
            same,
            note: String::new(),
            who: "w".into(),
            when: "t".into(),
        }
    }

    #[test]
    fn a_merge_chain_across_a_not_same_is_a_conflict() {
        let js = [
            judged("A", "B", true),
            judged("B", "C", true),
            judged("A", "C", false),
        ];
        let found = conflicts(&js, &[]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("`A` ≠ `C`"), "{}", found[0]);
        assert!(found[0].contains("`B` = `C`"), "{}", found[0]);
        assert!(conflicts(&js[..2], &[]).is_empty());
    }

    #[test]
    fn one_pair_judged_both_ways_is_a_conflict() {
        let js = [judged("A", "B", true), judged("A", "B", false)];
        assert_eq!(conflicts(&js, &[]).len(), 1);
    }
}
