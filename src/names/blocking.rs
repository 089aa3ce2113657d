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
//! names in the order of its *part skeletons, sorted*, names of one
//! skeleton in the order of their keys: spellings that fold to the same
//! parts sort side by side, whatever the order of the records, and since
//! clustering is transitive, comparing neighbours is enough to connect a
//! run of them (the sorted neighbourhood method). This adds at most
//! `NEIGHBOURS` pairs per name.
//!
//! Neither finds a name whose words break elsewhere (`Gholamreza` /
//! `Gholam Reza`, `Alamzeb` / `Alam Zeb`) when its parts are frequent: the
//! part skeletons differ. So names are also filed under their skeleton
//! read straight through, word breaks left out, and names of one such key
//! but different numbers of parts are paired: a key that survives
//! segmentation.

use super::lexicon::Lexicon;
use super::similarity::{Prepared, PreparedToken};
use super::structure::Role;
use rayon::prelude::*;
use rustc_hash::FxHasher;
use std::hash::Hasher;

/// Largest block that is expanded into all its pairs.
pub const MAX_BLOCK: usize = 48;

/// How many following names, in skeleton order, each name is paired with.
/// Three, not two: with names of one skeleton in the order of their keys
/// (not the input's), a person's spellings sit among other people's
/// vowel variants, and at 1 M two neighbours left 1 % of people split
/// (entity R 0.9960 against 0.9982; `docs/benchmark.md`, fourteenth
/// session).
pub const NEIGHBOURS: usize = 3;

/// Parts per name that are looked at; a name with more is rare anyway.
const MAX_PARTS: usize = 8;

/// Candidate pairs, and the order they were found in.
pub struct Candidates {
    /// The names in the order of their part skeletons, sorted: a name's
    /// candidates are mostly near it in this order.
    pub order: Vec<u32>,
    /// Where each name is in `order`.
    pub position: Vec<u32>,
    /// Sorted, deduplicated pairs (x < y) of positions in `order`, not of
    /// names: taken in this order, a name's partners are read from nearby.
    pub pairs: Vec<(u32, u32)>,
}

#[cfg(test)]
impl Candidates {
    /// The pairs as indices into the names, smaller first.
    pub fn name_pairs(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.pairs.iter().map(|&(x, y)| {
            let (a, b) = (self.order[x as usize], self.order[y as usize]);
            (a.min(b), a.max(b))
        })
    }
}

/// Each name's keys (the skeletons of its parts, and where a part may
/// be written otherwise, of that form), sorted and distinct: the keys of
/// name `i` are `keys[starts[i]..starts[i + 1]]`. Skeletons by their rank
/// in sorted order: the index holds integers, not strings.
fn name_keys(names: &[Prepared], words: &Lexicon) -> (Vec<usize>, Vec<u32>) {
    let mut starts: Vec<usize> = Vec::with_capacity(names.len() + 1);
    let mut name_keys: Vec<u32> = Vec::new();
    let mut keys: Vec<u32> = Vec::new();
    for name in names {
        starts.push(name_keys.len());
        keys.clear();
        let parts = || name.tokens.iter().take(MAX_PARTS);
        keys.extend(parts().map(|t| words.skeleton_rank[t.id as usize]));
        // A second reading (`Lukašenko` as `Lukashenko`) is filed too.
        if let Some(reading) = &name.reading {
            let read = reading.tokens.iter().take(MAX_PARTS);
            keys.extend(read.map(|t| words.skeleton_rank[t.id as usize]));
        }
        // A compound is also filed under its first half, where the two
        // halves written apart are (`Inayaturrahman`, `Inayat Rahman`).
        keys.extend(parts().map(|t| words.head_rank[t.id as usize]));
        // A word that may have its article written into it (`ALAMIN`) is
        // also filed under the word without it, where `AL AMIN` is; a
        // word whose article stands apart (`al-Albani`) has none in it.
        keys.extend(
            parts()
                .filter(|t| !t.article)
                .map(|t| words.stem_rank[t.id as usize]),
        );
        keys.retain(|&r| r != u32::MAX);
        keys.sort_unstable();
        keys.dedup();
        name_keys.extend_from_slice(&keys);
    }
    starts.push(name_keys.len());
    (starts, name_keys)
}

/// The candidate pairs of `names`, whose words `words` numbered.
pub fn candidate_pairs(names: &[Prepared], words: &Lexicon) -> Candidates {
    let (starts, name_keys) = name_keys(names, words);
    let keys_of = |i: usize| &name_keys[starts[i]..starts[i + 1]];
    let mut frequency = vec![0u32; words.skeletons];
    for &k in &name_keys {
        frequency[k as usize] += 1;
    }
    let is_rare = |k: u32| frequency[k as usize] as usize <= MAX_BLOCK;

    // Single-part blocks for rare parts, pair blocks for frequent ones,
    // as (block, name) entries: sorted, each block is a run.
    let mut single: Vec<(u32, u32)> = Vec::new();
    let mut pair: Vec<(u64, u32)> = Vec::new();
    let mut frequent: Vec<u32> = Vec::new();
    for index in 0..names.len() {
        let keys = keys_of(index);
        let index = index as u32;
        frequent.clear();
        for &k in keys {
            if is_rare(k) {
                single.push((k, index));
            } else {
                frequent.push(k);
            }
        }
        for (x, &a) in frequent.iter().enumerate() {
            for &b in &frequent[x + 1..] {
                pair.push((u64::from(a) << 32 | u64::from(b), index));
            }
        }
    }
    // Each (block, name) entry is distinct, so sorting whole entries keeps
    // each block's members in name order, as a stable sort by block would,
    // without the stable sort's buffer and merging.
    single.par_sort_unstable();
    pair.par_sort_unstable();

    // Sorted neighbourhood over the names' sorted part skeletons. Ranks
    // order names exactly as comparing the skeleton strings would, without
    // a string comparison (or a vector) per name.
    let order = skeleton_order(names, words);
    let mut position = vec![0u32; names.len()];
    for (p, &name) in order.iter().enumerate() {
        position[name as usize] = p as u32;
    }
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    for block in single.chunk_by(|x, y| x.0 == y.0) {
        expand(block, &position, &mut pairs);
    }
    for block in pair.chunk_by(|x, y| x.0 == y.0) {
        expand(block, &position, &mut pairs);
    }
    drop((single, pair));
    let mut unbroken = unbroken_keys(names);
    unbroken.par_sort_unstable();
    for block in unbroken.chunk_by(|x, y| x.0 == y.0) {
        expand_differently_broken(block, &position, &mut pairs);
    }
    drop(unbroken);
    for x in 0..order.len() as u32 {
        for y in (x + 1..order.len() as u32).take(NEIGHBOURS) {
            pairs.push((x, y));
        }
    }
    pairs.par_sort_unstable();
    pairs.dedup();
    Candidates {
        order,
        position,
        pairs,
    }
}

/// The names in the order of their part skeletons, sorted.
fn skeleton_order(names: &[Prepared], words: &Lexicon) -> Vec<u32> {
    let skeleton = |t: &PreparedToken| words.skeleton_rank[t.id as usize];
    let mut starts: Vec<usize> = Vec::with_capacity(names.len() + 1);
    let mut ranks: Vec<u32> = Vec::new();
    for name in names {
        starts.push(ranks.len());
        let from = ranks.len();
        ranks.extend(name.tokens.iter().map(skeleton));
        ranks[from..].sort_unstable();
    }
    starts.push(ranks.len());
    let parts_of = |i: u32| &ranks[starts[i as usize]..starts[i as usize + 1]];
    // The first parts packed into one integer, compared without reading
    // the ranks again; only names that agree on all of them, and have
    // more, compare the rest.
    let mut keyed: Vec<(u128, u32)> = (0..names.len() as u32)
        .into_par_iter()
        .map(|i| (packed_prefix(parts_of(i)), i))
        .collect();
    // Names of one skeleton are ordered by their keys, not by their ids:
    // the ids follow the input, and a person's spellings must meet however
    // the records are ordered (`husayn bin yakub …` beside `husayn bin
    // yaqub …`, not beside whoever came next in the file).
    let key = |i: u32| &*names[i as usize].key;
    keyed.par_sort_unstable_by(|&(kx, x), &(ky, y)| {
        by_parts((kx, || parts_of(x)), (ky, || parts_of(y))).then_with(|| key(x).cmp(key(y)))
    });
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// Sorted parts compared as slices, given each one's [`packed_prefix`]
/// and a way to read the parts, which only a tie needs.
fn by_parts<'p>(
    (kx, px): (u128, impl FnOnce() -> &'p [u32]),
    (ky, py): (u128, impl FnOnce() -> &'p [u32]),
) -> std::cmp::Ordering {
    kx.cmp(&ky).then_with(|| {
        match (px().get(PACKED..), py().get(PACKED..)) {
            (Some(rest_x), Some(rest_y)) => rest_x.cmp(rest_y),
            // Equal keys mean equal lengths up to PACKED: both shorter.
            _ => std::cmp::Ordering::Equal,
        }
    })
}

/// Parts whose ranks [`packed_prefix`] packs.
const PACKED: usize = 4;

/// The first [`PACKED`] ranks of sorted parts as one integer that orders
/// as the slices do: each rank plus one in 32 bits, most significant
/// first, 0 where a shorter name has no part (it sorts first, as a
/// shorter slice does). Ranks number distinct skeletons, fewer than the
/// `u32` word ids, so a rank plus one fits.
fn packed_prefix(parts: &[u32]) -> u128 {
    let mut key = 0u128;
    for slot in 0..PACKED {
        let rank = parts.get(slot).map_or(0, |&r| u128::from(r) + 1);
        key = key << 32 | rank;
    }
    key
}

/// Per name, a hash of its parts' skeletons read straight through in the
/// order they are written (titles and initials left out), then the number
/// of parts and the name: `Gholamreza Mahmoudi` and `Gholam Reza Mahmoudi`
/// share the hash. A collision only adds a candidate pair.
fn unbroken_keys(names: &[Prepared]) -> Vec<(u64, u32, u32)> {
    names
        .par_iter()
        .enumerate()
        .map(|(i, name)| {
            let mut hasher = FxHasher::default();
            let mut count = 0u32;
            let mut hash = |t: &PreparedToken| {
                if !matches!(t.role, Role::Title | Role::Initial) {
                    count += 1;
                    // Byte by byte: a hasher fed a slice at a time hashes
                    // where the slices break, which this key must not see.
                    for byte in t.word.skeleton.bytes() {
                        hasher.write_u8(byte);
                    }
                }
            };
            // Parts are mostly kept in the order they are written.
            if name.tokens.is_sorted_by_key(|t| t.position) {
                name.tokens.iter().for_each(&mut hash);
            } else {
                let mut parts: Vec<&PreparedToken> = name.tokens.iter().collect();
                parts.sort_unstable_by_key(|t| t.position);
                parts.into_iter().for_each(&mut hash);
            }
            (hasher.finish(), count, i as u32)
        })
        .collect()
}

/// The pairs of one block of [`unbroken_keys`] whose names break their
/// words differently (sorted by part count, each run of one count against
/// the later runs); the others met in the blocks of their parts.
fn expand_differently_broken(
    block: &[(u64, u32, u32)],
    position: &[u32],
    pairs: &mut Vec<(u32, u32)>,
) {
    if !(2..=MAX_BLOCK).contains(&block.len()) || block[0].1 == block[block.len() - 1].1 {
        return;
    }
    for (i, &(_, count, a)) in block.iter().enumerate() {
        let x = position[a as usize];
        for &(_, _, b) in block[i + 1..].iter().filter(|e| e.1 != count) {
            let y = position[b as usize];
            pairs.push((x.min(y), x.max(y)));
        }
    }
}

/// All pairs of the names of one block, as positions, unless the block is
/// too large.
fn expand<K>(block: &[(K, u32)], position: &[u32], pairs: &mut Vec<(u32, u32)>) {
    if !(2..=MAX_BLOCK).contains(&block.len()) {
        return;
    }
    for (i, &(_, a)) in block.iter().enumerate() {
        let x = position[a as usize];
        for &(_, b) in &block[i + 1..] {
            let y = position[b as usize];
            pairs.push((x.min(y), x.max(y)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_parts_order_as_the_slices_do() {
        // Every slice of up to six ranks from 0..3, and the largest rank.
        let mut slices: Vec<Vec<u32>> = vec![vec![], vec![u32::MAX - 1]];
        for len in 1..=6u32 {
            for code in 0..3u32.pow(len) {
                slices.push((0..len).map(|i| code / 3u32.pow(i) % 3).collect());
            }
        }
        for x in &slices {
            for y in &slices {
                let packed = by_parts((packed_prefix(x), || &x[..]), (packed_prefix(y), || &y[..]));
                assert_eq!(packed, x.cmp(y), "{x:?} {y:?}");
            }
        }
    }

    #[test]
    fn frequent_parts_do_not_make_quadratic_blocks() {
        // 500 different people all called Muhammad: only shared rarer parts
        // may pair them.
        let mut names: Vec<Prepared> = (0..500)
            .map(|i| Prepared::new(&format!("Muhammad Zz{i:03}qq")))
            .collect();
        let words = Lexicon::new(&mut names);
        let pairs = candidate_pairs(&names, &words).pairs;
        assert!(pairs.len() < 500 * 10, "{} pairs", pairs.len());
    }

    #[test]
    fn candidates_do_not_depend_on_the_order_of_the_names() {
        // A hundred spellings with one skeleton and only frequent parts:
        // no block pairs them, only the sorted neighbourhood, whose ties
        // must not follow the input (a person's spellings would meet only
        // when the file lists them together).
        let spellings: Vec<String> = ["kamal", "kamil", "kamel", "kamul", "kamol"]
            .iter()
            .flat_map(|a| {
                ["hasan", "hasin", "hasen", "husan", "hosan"]
                    .iter()
                    .flat_map(move |b| {
                        ["tamimi", "tamami", "temimi", "tumimi"]
                            .iter()
                            .map(move |c| format!("{a} {b} {c}"))
                    })
            })
            .collect();
        let key_pairs = |order: &mut dyn Iterator<Item = &String>| {
            let mut names: Vec<Prepared> = order.map(|n| Prepared::new(n)).collect();
            let words = Lexicon::new(&mut names);
            let candidates = candidate_pairs(&names, &words);
            let mut pairs: Vec<(String, String)> = candidates
                .name_pairs()
                .map(|(a, b)| {
                    let (x, y) = (&names[a as usize].key, &names[b as usize].key);
                    (x.min(y).to_string(), x.max(y).to_string())
                })
                .collect();
            pairs.sort();
            pairs
        };
        let forward = key_pairs(&mut spellings.iter());
        // Another order: every 37th name, round the list.
        let n = spellings.len();
        let shuffled = key_pairs(&mut (0..n).map(|i| &spellings[i * 37 % n]));
        assert!(!forward.is_empty());
        assert_eq!(forward, shuffled);
    }

    #[test]
    fn variants_share_a_block() {
        let mut names = vec![
            Prepared::new("Ayman al-Zawahiri"),
            Prepared::new("Aiman al-Zawahri"),
            Prepared::new("Lavdrim Muhaxheri"),
        ];
        let words = Lexicon::new(&mut names);
        let candidates = candidate_pairs(&names, &words);
        assert!(candidates.name_pairs().any(|pair| pair == (0, 1)));
    }

    /// The candidate pairs of `names`, as indices into them.
    fn name_pairs_of(names: impl Iterator<Item = String>) -> Vec<(u32, u32)> {
        let mut names: Vec<Prepared> = names.map(|n| Prepared::new(&n)).collect();
        let words = Lexicon::new(&mut names);
        candidate_pairs(&names, &words).name_pairs().collect()
    }

    #[test]
    fn an_article_written_into_a_word_shares_a_block() {
        // `Muhammad` and `Lamin` (the skeleton of `alamin`) are too
        // frequent to block on, and the `Lamin` names sort between the two:
        // only `amin` can pair them.
        let pairs = name_pairs_of(
            ["ALAMIN, Mohamed", "AL AMIN, Mohammad"]
                .map(String::from)
                .into_iter()
                .chain((0..100).map(|i| format!("Muhammad Zz{i:03}qq")))
                .chain((0..100).map(|i| format!("Lamin Zz{i:03}qq"))),
        );
        assert!(pairs.contains(&(0, 1)));
    }

    #[test]
    fn a_name_whose_words_break_elsewhere_shares_a_block() {
        // Every part frequent: only the key read straight through pairs
        // the first two; the third has other consonants and meets neither.
        let pairs = name_pairs_of(
            [
                "Gholamreza Mahmoudi",
                "Gholam Reza Mahmoudi",
                "Gholam Hamid Mahmoudi",
            ]
            .map(String::from)
            .into_iter()
            .chain((0..200).map(|i| format!("Gholam Mahmoudi Zz{i:03}qq")))
            .chain((0..200).map(|i| format!("Gholamreza Qq{i:03}zz")))
            .chain((0..200).map(|i| format!("Reza Ww{i:03}xx"))),
        );
        assert!(pairs.contains(&(0, 1)));
        assert!(!pairs.contains(&(0, 2)));
    }
}
