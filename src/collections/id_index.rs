//! Ids to positions for records that already hold their ids.
//!
//! A `HashMap<String, usize>` of a million claim ids costs a million cloned
//! strings and SipHash on every lookup. This index stores only positions and
//! a few bits of each id's hash; the id itself is read back from the record
//! when a lookup must compare. It is split into shards by hash, so the shards
//! are filled in parallel and each one is small enough to stay in cache.
//!
//! What it buys (`docs/benchmark.md`): it replaced the loader's two
//! `HashMap<String, usize>` of claim and source ids, and numbers the
//! matcher's distinct spellings and names in parallel shards, where a
//! serial map took a third of a second for a million names (the spellings
//! step of clustering at a million claims: 88–90 → 54–74 ms).

use rayon::prelude::*;

/// Positions of records by id; the first record with an id wins.
#[derive(Clone, Debug, Default)]
pub struct IdIndex {
    /// log2 of the number of shards.
    shard_bits: u32,
    shards: Vec<Shard>,
}

/// Open addressing with linear probing. A slot is 0 when empty, else the
/// high half of the id's hash (to skip most comparisons) above the record's
/// position plus one.
#[derive(Clone, Debug, Default)]
struct Shard {
    slots: Vec<u64>,
}

/// Records per stretch of the parallel passes over all the records.
const STRETCH: usize = 1 << 15;

/// Records above this many are not worth splitting into shards.
const RECORDS_PER_SHARD: usize = 1 << 14;

impl IdIndex {
    /// Indexes `records` by `id`; also the pairs `(later, first)` of records
    /// whose id an earlier record already has, in the order of `later`.
    ///
    /// Positions are kept in 32 bits: four billion records would need far
    /// more memory than any machine that runs this has.
    pub fn build<T: Sync>(
        records: &[T],
        id: impl Fn(&T) -> &str + Sync,
    ) -> (IdIndex, Vec<(usize, usize)>) {
        let hashes: Vec<u64> = records.par_iter().map(|r| hash(id(r))).collect();
        IdIndex::build_hashed(records, &hashes, id)
    }

    /// [`IdIndex::build`] with the [`IdIndex::hash`] of every record's id given.
    pub fn build_hashed<T: Sync>(
        records: &[T],
        hashes: &[u64],
        id: impl Fn(&T) -> &str + Sync,
    ) -> (IdIndex, Vec<(usize, usize)>) {
        let shard_bits = shard_bits(records.len());
        let shard_count = 1 << shard_bits;
        debug_assert_eq!(records.len(), hashes.len());
        let hashes = &hashes[..records.len().min(hashes.len())];
        // Positions per shard, in record order, so that the first wins:
        // gathered in parallel over stretches of the records, and read
        // per shard stretch by stretch, in order.
        let stretches: Vec<Vec<Vec<u32>>> = hashes
            .par_chunks(STRETCH)
            .enumerate()
            .map(|(stretch, hashes)| {
                let mut members = vec![Vec::new(); shard_count];
                for (k, &h) in hashes.iter().enumerate() {
                    members[shard_of(h, shard_bits)].push((stretch * STRETCH + k) as u32);
                }
                members
            })
            .collect();
        let built: Vec<(Shard, Vec<(usize, usize)>)> = (0..shard_count)
            .into_par_iter()
            .map(|s| {
                let positions = stretches.iter().flat_map(|members| &members[s]);
                let count = stretches
                    .iter()
                    .map(|members| members[s].len())
                    .sum::<usize>();
                let mut shard = Shard {
                    slots: vec![0; (count * 2).next_power_of_two().max(4)],
                };
                let mut duplicates = Vec::new();
                for &position in positions {
                    let p = position as usize;
                    let h = hashes.get(p).copied().unwrap_or_default();
                    if let Some(first) = shard.insert(h, p, |i| id(&records[i])) {
                        duplicates.push((p, first));
                    }
                }
                (shard, duplicates)
            })
            .collect();
        let mut shards = Vec::with_capacity(built.len());
        let mut duplicates = Vec::new();
        for (shard, found) in built {
            shards.push(shard);
            duplicates.extend(found);
        }
        duplicates.par_sort_unstable();
        (IdIndex { shard_bits, shards }, duplicates)
    }

    /// Dense numbers for the distinct ids of `records`, in order of first
    /// appearance: the number of every record, and how many numbers there
    /// are. What a `HashMap<&str, u32>` filled in order gives, built in
    /// parallel shards (a million names take a third of a second serially).
    pub fn number_distinct<T: Sync>(
        records: &[T],
        id: impl Fn(&T) -> &str + Sync,
    ) -> (Vec<u32>, usize) {
        let (_, duplicates) = IdIndex::build(records, id);
        // The first record with each record's id; then the firsts are
        // numbered, stretch by stretch in parallel from each stretch's
        // count of them, and every record takes its first's number.
        let mut first: Vec<u32> = (0..records.len() as u32).collect();
        for (later, earlier) in duplicates {
            first[later] = earlier as u32;
        }
        let is_first = |stretch: usize, k: usize, f: u32| f as usize == stretch * STRETCH + k;
        let counts: Vec<u32> = first
            .par_chunks(STRETCH)
            .enumerate()
            .map(|(stretch, first)| {
                let firsts = first
                    .iter()
                    .enumerate()
                    .filter(|&(k, &f)| is_first(stretch, k, f));
                firsts.count() as u32
            })
            .collect();
        let mut starts = Vec::with_capacity(counts.len());
        let mut count = 0u32;
        for c in counts {
            starts.push(count);
            count += c;
        }
        let mut number_of_first = vec![0u32; records.len()];
        number_of_first
            .par_chunks_mut(STRETCH)
            .zip(first.par_chunks(STRETCH))
            .zip(starts)
            .enumerate()
            .for_each(|(stretch, ((numbers, first), mut next))| {
                for (k, (number, &f)) in numbers.iter_mut().zip(first).enumerate() {
                    if is_first(stretch, k, f) {
                        *number = next;
                        next += 1;
                    }
                }
            });
        let number = first
            .par_iter()
            .map(|&f| number_of_first[f as usize])
            .collect();
        (number, count as usize)
    }

    /// The hash of an id that [`IdIndex::build_hashed`] takes.
    pub fn hash(id: &str) -> u64 {
        hash(id)
    }

    /// The position of the record with `wanted` as id; `id` reads the id of
    /// the record at a position (the same records the index was built on).
    pub fn get<'a>(&self, wanted: &str, id: impl Fn(usize) -> &'a str) -> Option<usize> {
        let h = hash(wanted);
        let shard = self.shards.get(shard_of(h, self.shard_bits))?;
        shard.find(h, |i| id(i) == wanted)
    }
}

impl Shard {
    /// Inserts `position` unless a record with the same id is there already;
    /// then the position of that record.
    fn insert<'a>(
        &mut self,
        h: u64,
        position: usize,
        id: impl Fn(usize) -> &'a str,
    ) -> Option<usize> {
        match self.probe(h, |other| id(other) == id(position)) {
            Ok(other) => Some(other),
            Err(slot) => {
                self.slots[slot] = (h >> 32 << 32) | (position as u64 + 1);
                None
            }
        }
    }

    fn find(&self, h: u64, matches: impl Fn(usize) -> bool) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        self.probe(h, matches).ok()
    }

    /// The position whose entry has the tag of `h` and `matches`; else the
    /// empty slot where the search ended.
    fn probe(&self, h: u64, matches: impl Fn(usize) -> bool) -> Result<usize, usize> {
        let mask = self.slots.len() - 1;
        let tag = h >> 32;
        let mut slot = (h as usize) & mask;
        loop {
            let entry = self.slots[slot];
            if entry == 0 {
                return Err(slot);
            }
            if entry >> 32 == tag {
                let position = (entry & 0xffff_ffff) as usize - 1;
                if matches(position) {
                    return Ok(position);
                }
            }
            slot = (slot + 1) & mask;
        }
    }
}

fn shard_bits(records: usize) -> u32 {
    let shards = (records / RECORDS_PER_SHARD)
        .next_power_of_two()
        .clamp(1, 256);
    shards.trailing_zeros()
}

/// Shards take the top bits of the hash, slots the low ones, tags the high
/// half: the three overlap only when there are very many shards.
fn shard_of(h: u64, bits: u32) -> usize {
    if bits == 0 {
        0
    } else {
        (h >> (64 - bits)) as usize
    }
}

/// The Fx hash (as in rustc) of the bytes and length, then a final mix so
/// that every bit of the result depends on every byte.
fn hash(text: &str) -> u64 {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mut h = text.len() as u64;
    let mut add = |word: u64| h = (h.rotate_left(5) ^ word).wrapping_mul(SEED);
    let mut chunks = text.as_bytes().chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        add(u64::from_le_bytes(word));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        add(u64::from_le_bytes(word));
    }
    // The finaliser of MurmurHash3.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_wins_and_later_ones_are_duplicates() {
        let ids = ["a", "b", "a", "c", "b", "a"];
        let (index, duplicates) = IdIndex::build(&ids, |s| s);
        assert_eq!(duplicates, [(2, 0), (4, 1), (5, 0)]);
        let get = |wanted| index.get(wanted, |i| ids[i]);
        assert_eq!(get("a"), Some(0));
        assert_eq!(get("b"), Some(1));
        assert_eq!(get("c"), Some(3));
        assert_eq!(get("d"), None);
        assert_eq!(get(""), None);
    }

    #[test]
    fn many_ids_across_shards() {
        let ids: Vec<String> = (0..100_000).map(|i| format!("c{i:08}")).collect();
        let (index, duplicates) = IdIndex::build(&ids, |s| s.as_str());
        assert!(duplicates.is_empty());
        assert!(index.shards.len() > 1);
        for (i, id) in ids.iter().enumerate().step_by(997) {
            assert_eq!(index.get(id, |j| ids[j].as_str()), Some(i));
        }
        assert_eq!(index.get("c99999999", |j| ids[j].as_str()), None);
    }

    #[test]
    fn distinct_ids_numbered_in_order_of_first_appearance() {
        let ids = ["b", "a", "b", "c", "a", "b"];
        assert_eq!(
            IdIndex::number_distinct(&ids, |s| s),
            (vec![0, 1, 0, 2, 1, 0], 3)
        );
        let many: Vec<String> = (0..50_000).map(|i| format!("n{}", i % 7_001)).collect();
        let (numbers, count) = IdIndex::number_distinct(&many, |s| s.as_str());
        assert_eq!(count, 7_001);
        assert!(numbers
            .iter()
            .enumerate()
            .all(|(i, &n)| n as usize == i % 7_001));
        let none: [&str; 0] = [];
        assert_eq!(IdIndex::number_distinct(&none, |s| s), (vec![], 0));
    }

    #[test]
    fn empty_index_finds_nothing() {
        let ids: [&str; 0] = [];
        let (index, _) = IdIndex::build(&ids, |s| s);
        assert_eq!(index.get("x", |i| ids[i]), None);
        assert_eq!(IdIndex::default().get("x", |i| ids[i]), None);
    }
}
