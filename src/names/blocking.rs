//! Candidate pairs from an index on name parts, never from all pairs.
//!
//! Every distinct name is filed under the consonant skeleton of each of its
//! parts. A part shared by more than [`MAX_BLOCK`] names (`muhammad`, `ali`)
//! would make quadratic blocks, so such a part is not used alone: the name
//! is filed instead under pairs of its frequent parts (`muhammad+ali`),
//! which are rarer, and a pair key that is still too frequent is dropped.
//! The cost is bounded by (names × keys per name × `MAX_BLOCK`).
//!
//! On a large dataset even pair keys outgrow `MAX_BLOCK` (a kunya and a
//! nisba shared by hundreds), and the variant spellings of one man would
//! never meet. So every name is also compared with its [`NEIGHBOURS`] next
//! names in the order of its *part skeletons, sorted*: spellings that fold
//! to the same parts sort side by side, and since clustering is transitive,
//! comparing neighbours is enough to connect a run of them (the sorted
//! neighbourhood method). This adds at most `NEIGHBOURS` pairs per name.

use super::fxhash::{FxHashMap, FxHashSet};
use super::similarity::Prepared;
use rayon::prelude::*;

/// Largest block that is expanded into all its pairs.
pub const MAX_BLOCK: usize = 48;

/// How many following names, in skeleton order, each name is paired with.
pub const NEIGHBOURS: usize = 2;

/// Parts per name that are looked at; a name with more is rare anyway.
const MAX_PARTS: usize = 8;

/// Sorted, deduplicated pairs (i < j) of indices into `names`.
pub fn candidate_pairs(names: &[Prepared]) -> Vec<(u32, u32)> {
    // Intern skeleton keys so the index holds integers, not strings.
    let mut key_ids: FxHashMap<&str, u32> = FxHashMap::default();
    let mut name_keys: Vec<Vec<u32>> = Vec::with_capacity(names.len());
    for name in names {
        let mut keys: Vec<u32> = name
            .tokens
            .iter()
            .take(MAX_PARTS)
            .map(|t| {
                let next = key_ids.len() as u32;
                *key_ids.entry(t.word.skeleton.as_str()).or_insert(next)
            })
            .collect();
        keys.sort_unstable();
        keys.dedup();
        name_keys.push(keys);
    }
    let mut frequency = vec![0u32; key_ids.len()];
    for keys in &name_keys {
        for &k in keys {
            frequency[k as usize] += 1;
        }
    }
    let is_rare = |k: u32| frequency[k as usize] as usize <= MAX_BLOCK;

    // Single-part blocks for rare parts, pair blocks for frequent ones.
    let mut single_blocks: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    let mut pair_blocks: FxHashMap<(u32, u32), Vec<u32>> = FxHashMap::default();
    for (index, keys) in name_keys.iter().enumerate() {
        let index = index as u32;
        let frequent: Vec<u32> = keys.iter().copied().filter(|&k| !is_rare(k)).collect();
        for &k in keys.iter().filter(|&&k| is_rare(k)) {
            single_blocks.entry(k).or_default().push(index);
        }
        for (x, &a) in frequent.iter().enumerate() {
            for &b in &frequent[x + 1..] {
                pair_blocks.entry((a, b)).or_default().push(index);
            }
        }
    }

    let mut pairs: Vec<(u32, u32)> = Vec::new();
    let mut expand = |members: &[u32]| {
        if members.len() < 2 || members.len() > MAX_BLOCK {
            return;
        }
        for (x, &a) in members.iter().enumerate() {
            for &b in &members[x + 1..] {
                pairs.push((a.min(b), a.max(b)));
            }
        }
    };
    for members in single_blocks.values() {
        expand(members);
    }
    for members in pair_blocks.values() {
        expand(members);
    }
    // Sorted neighbourhood over the names' sorted part skeletons. Each
    // skeleton is replaced by its rank in sorted order, so that comparing
    // rank sequences orders names exactly as comparing the strings would,
    // without a string comparison (or a vector) per name.
    let mut skeletons: Vec<&str> = names
        .iter()
        .flat_map(|n| n.tokens.iter().map(|t| t.word.skeleton.as_str()))
        .collect::<FxHashSet<&str>>()
        .into_iter()
        .collect();
    skeletons.par_sort_unstable();
    let rank: FxHashMap<&str, u32> = skeletons
        .iter()
        .enumerate()
        .map(|(r, &s)| (s, r as u32))
        .collect();
    let mut starts: Vec<usize> = Vec::with_capacity(names.len() + 1);
    let mut ranks: Vec<u32> = Vec::new();
    for name in names {
        starts.push(ranks.len());
        let from = ranks.len();
        ranks.extend(name.tokens.iter().map(|t| rank[t.word.skeleton.as_str()]));
        ranks[from..].sort_unstable();
    }
    starts.push(ranks.len());
    let parts_of = |i: u32| &ranks[starts[i as usize]..starts[i as usize + 1]];
    let mut order: Vec<u32> = (0..names.len() as u32).collect();
    order.par_sort_unstable_by(|&x, &y| parts_of(x).cmp(parts_of(y)).then(x.cmp(&y)));
    for (x, &a) in order.iter().enumerate() {
        for &b in order.iter().skip(x + 1).take(NEIGHBOURS) {
            pairs.push((a.min(b), a.max(b)));
        }
    }
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frequent_parts_do_not_make_quadratic_blocks() {
        // 500 different people all called Muhammad: only shared rarer parts
        // may pair them.
        let names: Vec<Prepared> = (0..500)
            .map(|i| Prepared::new(&format!("Muhammad Zz{i:03}qq")))
            .collect();
        let pairs = candidate_pairs(&names);
        assert!(pairs.len() < 500 * 10, "{} pairs", pairs.len());
    }

    #[test]
    fn variants_share_a_block() {
        let names = vec![
            Prepared::new("Ayman al-Zawahiri"),
            Prepared::new("Aiman al-Zawahri"),
            Prepared::new("Lavdrim Muhaxheri"),
        ];
        assert!(candidate_pairs(&names).contains(&(0, 1)));
    }
}
