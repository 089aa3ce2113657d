//! The words of the names being clustered, numbered.
//!
//! A million names are written with some tens of thousands of distinct
//! words. Numbering the words once, and each word's vowel key and skeleton,
//! lets the similarity cache, rare-part counting and blocking index arrays
//! by integers instead of hashing the same strings a million times.

use std::sync::Arc;

use rayon::prelude::*;

use super::similarity::Prepared;
use super::word::{skeleton_of, WordData};
use rustc_hash::{FxHashMap, FxHashSet};

/// Names sharing a part, at most, for the part to be rare: a share of the
/// dataset (so that in a handful of names nothing is rare) and never more
/// than an absolute bound (so that in a huge dataset a surname that
/// thousands of people carry is not).
pub(super) const RARE_SHARE: usize = 100;
pub(super) const RARE_MAX_NAMES: usize = 24;

pub struct Lexicon {
    /// Per word: the rank of its skeleton among the distinct skeletons in
    /// sorted order, so that comparing ranks orders as comparing strings.
    pub skeleton_rank: Vec<u32>,
    /// Per word: the rank of the skeleton of a compound's first half
    /// (`inayat` of `inayatalrahman`), so that blocking files the compound
    /// where the two halves written apart are filed; `u32::MAX` for other
    /// words.
    pub head_rank: Vec<u32>,
    /// Per word: the rank of the skeleton of the word under an article
    /// that may be written into it (`amin` of `alamin`), so that blocking
    /// files it where the word with its article apart is; `u32::MAX` for
    /// other words.
    pub stem_rank: Vec<u32>,
    /// How many distinct skeletons there are.
    pub skeletons: usize,
    /// Per word: the number of its vowel key.
    vowel_key: Vec<u32>,
    vowel_keys: usize,
}

impl Lexicon {
    /// Numbers the canonical words of `names` in order of first appearance
    /// (so numbers do not depend on threads) and sets every token's `id`.
    pub fn new(names: &mut [Prepared]) -> Self {
        let mut ids: FxHashMap<String, u32> = FxHashMap::default();
        // Tokens of one word parsed on one thread share its data, so most
        // are numbered by that pointer alone, without hashing the text.
        let mut by_data: FxHashMap<*const WordData, u32> = FxHashMap::default();
        let mut words: Vec<Arc<WordData>> = Vec::new();
        let mut number = |word: &Arc<WordData>| match ids.get(word.canonical.as_str()) {
            Some(&id) => id,
            None => {
                let id = words.len() as u32;
                ids.insert(word.canonical.clone(), id);
                words.push(word.clone());
                id
            }
        };
        for name in names.iter_mut() {
            for token in name.all_tokens_mut() {
                token.id = *by_data
                    .entry(Arc::as_ptr(&token.word))
                    .or_insert_with(|| number(&token.word));
            }
        }
        drop((ids, by_data));

        let mut vowel_ids: FxHashMap<&str, u32> = FxHashMap::default();
        let vowel_key: Vec<u32> = words
            .iter()
            .map(|w| {
                let next = vowel_ids.len() as u32;
                *vowel_ids.entry(w.vowel_key.as_str()).or_insert(next)
            })
            .collect();
        let vowel_keys = vowel_ids.len();

        let heads: Vec<Option<String>> = words
            .iter()
            .map(|w| w.halves.as_ref().map(|(head, _)| skeleton_of(head)))
            .collect();
        let stems: Vec<Option<String>> = words
            .iter()
            .map(|w| under_glued_article(&w.canonical).map(skeleton_of))
            .collect();
        let mut sorted: Vec<&str> = words
            .iter()
            .map(|w| w.skeleton.as_str())
            .chain(heads.iter().flatten().map(String::as_str))
            .chain(stems.iter().flatten().map(String::as_str))
            .collect::<FxHashSet<&str>>()
            .into_iter()
            .collect();
        sorted.par_sort_unstable();
        let rank: FxHashMap<&str, u32> = sorted
            .iter()
            .enumerate()
            .map(|(r, &s)| (s, r as u32))
            .collect();
        let skeleton_rank = words.iter().map(|w| rank[w.skeleton.as_str()]).collect();
        let rank_of = |skeletons: &[Option<String>]| -> Vec<u32> {
            skeletons
                .iter()
                .map(|h| h.as_ref().map_or(u32::MAX, |h| rank[h.as_str()]))
                .collect()
        };
        let (head_rank, stem_rank) = (rank_of(&heads), rank_of(&stems));
        Lexicon {
            skeleton_rank,
            head_rank,
            stem_rank,
            skeletons: sorted.len(),
            vowel_key,
            vowel_keys,
        }
    }

    /// Count, for each part's vowel key (its spelling with short vowels
    /// aside), the names that hold it, and mark the rare parts (IDF over
    /// the names being clustered). Only the names `counted` are counted, so
    /// that a name given twice counts once.
    pub fn mark_rare_parts(&self, names: &mut [Prepared], counted: impl Fn(usize) -> bool) {
        let mut names_with = vec![0u32; self.vowel_keys];
        let mut counted_names = 0usize;
        let mut seen: Vec<u32> = Vec::new();
        for (i, name) in names.iter().enumerate() {
            if !counted(i) {
                continue;
            }
            counted_names += 1;
            seen.clear();
            for token in &name.tokens {
                let key = self.vowel_key[token.id as usize];
                if !seen.contains(&key) {
                    seen.push(key);
                    names_with[key as usize] += 1;
                }
            }
        }
        let limit = (counted_names / RARE_SHARE).min(RARE_MAX_NAMES);
        let rare: Vec<bool> = names_with
            .iter()
            .map(|&count| count >= 2 && count as usize <= limit)
            .collect();
        // Frequent: held by more names than a rare part may be, so by
        // several people (a surname of many unrelated people).
        let frequent: Vec<bool> = names_with
            .iter()
            .map(|&count| count as usize > limit.max(2))
            .collect();
        names.par_iter_mut().for_each(|name| {
            name.mark_rare(|token| rare[self.vowel_key[token.id as usize] as usize]);
            for token in name.all_tokens_mut() {
                // A word in Arabic script is counted apart from its Latin
                // spellings, so its count says nothing: it is taken to be
                // frequent, never an anchor (see `Prepared::mark_rare`).
                token.frequent =
                    token.word.arabic || frequent[self.vowel_key[token.id as usize] as usize];
            }
        });
    }
}

/// The word under an article written into it (`alamin` → `amin`,
/// `elhalabi` → `halabi`): three letters at least, so that `Alam` or
/// `Eli` is left alone. A name that only begins so (`Alexander`) gains a
/// block it shares with few names; the comparison decides.
fn under_glued_article(canonical: &str) -> Option<&str> {
    let stem = canonical
        .strip_prefix("al")
        .or_else(|| canonical.strip_prefix("el"))?;
    (stem.len() >= 3 && stem.is_ascii()).then_some(stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_numbered_once_and_skeletons_ranked_in_sorted_order() {
        let mut names: Vec<Prepared> = ["Zayd Bakr", "Bakr Amir", "Zaid Bakr"]
            .iter()
            .map(|n| Prepared::new(n))
            .collect();
        let lexicon = Lexicon::new(&mut names);
        let ids: Vec<Vec<u32>> = names
            .iter()
            .map(|n| n.tokens.iter().map(|t| t.id).collect())
            .collect();
        assert_eq!(ids[0][1], ids[1][0], "one word, one number");
        let rank = |name: usize, token: usize| {
            lexicon.skeleton_rank[names[name].tokens[token].id as usize]
        };
        // bkr < mr < zd
        assert!(rank(0, 1) < rank(1, 1) && rank(1, 1) < rank(0, 0));
        assert_eq!(lexicon.skeletons, 3);
    }
}
