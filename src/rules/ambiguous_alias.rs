use std::borrow::Cow;

use crate::checker::{declare_rule, Context};
use crate::date::Order;
use crate::finding::{Finding, Severity};
use crate::names::{lowercase_table, normalise, Ambiguity};
use rustc_hash::{FxHashMap, FxHashSet};

declare_rule! {
    /// ## What it does
    /// Reports each name that the matcher could not decide: one that could
    /// belong to more than one person, or a pair of names whose similarity
    /// falls between `review_band` and `threshold` (`[matching]` in
    /// `claimlint.toml`). The finding lists the claims that give the name,
    /// then those that give each candidate, and says which names and what
    /// score; the reasoning carries the matcher's explanation.
    ///
    /// ## Why it matters
    /// Jihadist and militant names share many parts: a kunya, a nisba borne
    /// by thousands. Merging two people makes one look killed twice or alive
    /// after death; keeping one person apart hides a real contradiction.
    /// `Usama al-Muhajir` and `Abu Usama al-Muhajir` are different men. A
    /// match the matcher is unsure of needs a person to decide, recorded as a
    /// same / not-same judgement (`same_as`, `not_same_as` or `claimlint
    /// review`), after which the finding goes away. It is `info` by
    /// default: a question for a curator, not a contradiction in the data
    /// (raise it in `claimlint.toml` to make unsettled names fail CI).
    ///
    /// ## Example
    /// Fires (one letter apart from two different men, each plausible):
    /// ```json
    /// [{"who": "Abu Usama al-Muhajir", "status": "active", "date": "2016", "source": "a"},
    ///  {"who": "Usama al-Muhajir", "status": "killed", "date": "2017-05", "source": "b"},
    ///  {"who": "Usama al-Mujahir", "status": "alive", "date": "2018", "source": "c"}]
    /// ```
    /// Quiet (the curator has decided):
    /// ```json
    /// {"entities": [{"id": "usama-al-muhajir", "name": "Usama al-Muhajir", "aliases": ["Usama al-Mujahir"],
    ///                "not_same_as": ["Abu Usama al-Muhajir"]}],
    ///  "claims": [{"who": "Usama al-Mujahir", "status": "alive", "date": "2018", "source": "c"}]}
    /// ```
    pub static RULE = {
        id: "ambiguous-alias",
        severity: Severity::Info,
        summary: "a name that could belong to more than one entity",
        check: check,
    }
}

fn check(ctx: &Context) -> Vec<Finding> {
    use rayon::prelude::*;
    if ctx.entities.ambiguous.is_empty() {
        return Vec::new();
    }
    let naming = claims_naming(ctx);
    let fallback = std::sync::OnceLock::new();
    ctx.entities
        .ambiguous
        .par_iter()
        .zip(&naming.keys)
        .filter_map(|(ambiguity, keys)| finding(ctx, &naming, &fallback, ambiguity, keys))
        .collect()
}

/// First claim of each entity by id and by every normalised name, for
/// candidates no claim gives; built only if one is needed.
type Fallback = FxHashMap<String, usize>;

fn build_fallback(ctx: &Context) -> Fallback {
    let mut first_claim = Fallback::default();
    for entity in &ctx.entities.list {
        let Some(&claim) = entity.claims.first() else {
            continue;
        };
        first_claim.entry(entity.id.clone()).or_insert(claim);
        for name in &entity.names {
            first_claim.entry(normalise(name)).or_insert(claim);
        }
    }
    first_claim
}

/// The names the ambiguities mention, each by its surface key, with the
/// claims that give it.
struct Naming {
    /// For every key, the claims that give it as `who` or among `aliases`,
    /// in dataset order.
    claims: Vec<Vec<usize>>,
    /// For every ambiguity, the keys of its name and then of each candidate.
    keys: Vec<Vec<usize>>,
}

/// For every name an ambiguity mentions, the claims that give it as `who`
/// or among `aliases`, in dataset order, one pass over the claims. The
/// matcher reports names as they are spelt in the records, so a surface key
/// (case and punctuation folded: `usama al mujahir` is `Usama al-Mujahir`)
/// finds them without the matcher's full normalisation of every spelling,
/// which dominated this rule on a million claims. The pass runs over blocks
/// of claims in parallel. Each spelling is only hashed as it is folded
/// (what dominated next, building every key); the key itself is built to
/// confirm a spelling whose hash is wanted.
fn claims_naming(ctx: &Context) -> Naming {
    use rayon::prelude::*;
    const BLOCK: usize = 8192;
    let mut numbers: FxHashMap<Vec<u8>, usize> = FxHashMap::default();
    let keys: Vec<Vec<usize>> = ctx
        .entities
        .ambiguous
        .iter()
        .map(|ambiguity| {
            std::iter::once(&ambiguity.name)
                .chain(&ambiguity.candidates)
                .map(|name| {
                    let next = numbers.len();
                    *numbers
                        .entry(surface_key(name).into_bytes())
                        .or_insert(next)
                })
                .collect()
        })
        .collect();
    let wanted: FxHashSet<u64> = numbers.keys().map(|key| KeyHash::of(key)).collect();
    // (key, claim) for every spelling that is wanted, in dataset order.
    let hits: Vec<Vec<(usize, usize)>> = ctx
        .dataset
        .claims
        .par_chunks(BLOCK)
        .enumerate()
        .map(|(block, claims)| {
            let mut key = Vec::new();
            let mut hits = Vec::new();
            for (offset, claim) in claims.iter().enumerate() {
                for name in std::iter::once(&claim.who).chain(&claim.aliases) {
                    // A name outside ASCII has its key built to be hashed.
                    let (hash, built) = match ascii_surface_hash(name) {
                        Some(hash) => (hash, false),
                        None => {
                            surface_key_into(name, &mut key);
                            (KeyHash::of(&key), true)
                        }
                    };
                    if !wanted.contains(&hash) {
                        continue;
                    }
                    if !built {
                        surface_key_into(name, &mut key);
                    }
                    if let Some(&k) = numbers.get(key.as_slice()) {
                        hits.push((k, block * BLOCK + offset));
                    }
                }
            }
            hits
        })
        .collect();
    let mut claims: Vec<Vec<usize>> = vec![Vec::new(); numbers.len()];
    for (k, index) in hits.into_iter().flatten() {
        if claims[k].last() != Some(&index) {
            claims[k].push(index);
        }
    }
    Naming { claims, keys }
}

/// A hash of a surface key taken byte by byte, eight bytes to a step, so
/// that a key can be hashed while it is folded, without being built.
#[derive(Default)]
struct KeyHash {
    hash: u64,
    word: u64,
    bytes: u32,
}

impl KeyHash {
    fn of(key: &[u8]) -> u64 {
        let mut hash = KeyHash::default();
        key.iter().for_each(|&b| hash.push(b));
        hash.finish()
    }

    fn push(&mut self, byte: u8) {
        self.word = self.word << 8 | u64::from(byte);
        self.bytes += 1;
        if self.bytes % 8 == 0 {
            self.mix();
        }
    }

    fn mix(&mut self) {
        // FxHash's step.
        self.hash = (self.hash.rotate_left(5) ^ self.word).wrapping_mul(0x517c_c1b7_2722_0a95);
        self.word = 0;
    }

    fn finish(mut self) -> u64 {
        // The length goes in last, so that keys that differ only in
        // leading zero bytes (none do: keys are text) still differ.
        self.word ^= u64::from(self.bytes) << 56;
        self.mix();
        self.hash
    }
}

/// [`KeyHash::of`] the [`surface_key`] of an ASCII name, folded and hashed
/// in one pass; `None` when the name is not ASCII.
fn ascii_surface_hash(name: &str) -> Option<u64> {
    let mut hash = KeyHash::default();
    fold_ascii(name, |byte| hash.push(byte)).then(|| hash.finish())
}

/// Lower case, every run of non-alphanumerics one space, trimmed.
fn surface_key(name: &str) -> String {
    let mut key = Vec::new();
    if ascii_surface_key(name, &mut key) {
        if let Ok(key) = String::from_utf8(key) {
            return key;
        }
    }
    let mut key = String::with_capacity(name.len());
    for word in name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

/// The bytes of [`surface_key`] into `key`, replacing what it held, with
/// no string built for an ASCII name (the common case).
fn surface_key_into(name: &str, key: &mut Vec<u8>) {
    if !ascii_surface_key(name, key) {
        key.clear();
        key.extend_from_slice(surface_key(name).as_bytes());
    }
}

/// What each byte of a name becomes in its key: a letter or digit itself,
/// lower-cased; anything else between words, a gap; a byte of a non-ASCII
/// character, [`NON_ASCII`].
const FOLD: [u8; 256] = lowercase_table(GAP, NON_ASCII);
const GAP: u8 = 0;
const NON_ASCII: u8 = 0x80;

/// [`surface_key`]'s bytes of an ASCII name into `key`, replacing what it
/// held; false, with `key` unspecified, when the name is not ASCII.
fn ascii_surface_key(name: &str, key: &mut Vec<u8>) -> bool {
    key.clear();
    key.reserve(name.len());
    fold_ascii(name, |byte| key.push(byte))
}

/// The bytes of the [`surface_key`] of an ASCII name, one by one to
/// `push`; false, with some pushed, when the name is not ASCII.
fn fold_ascii(name: &str, mut push: impl FnMut(u8)) -> bool {
    let (mut gap, mut started) = (false, false);
    for &byte in name.as_bytes() {
        match FOLD[usize::from(byte)] {
            GAP => gap = true,
            NON_ASCII => return false,
            folded => {
                if gap && started {
                    push(b' ');
                }
                (gap, started) = (false, true);
                push(folded);
            }
        }
    }
    true
}

/// The claims of a name or candidate (its surface key numbered `key`):
/// those that give it; failing that (a name only an entity record carries,
/// or an entity id), the first claim of the entity that has that name or id.
fn claims_of<'n>(
    ctx: &Context,
    naming: &'n Naming,
    fallback: &std::sync::OnceLock<Fallback>,
    key: usize,
    name: &str,
) -> Cow<'n, [usize]> {
    if let Some(claims) = naming.claims.get(key).filter(|c| !c.is_empty()) {
        return Cow::Borrowed(claims);
    }
    // A name only an entity record carries, or an entity id.
    let first_claim = fallback.get_or_init(|| build_fallback(ctx));
    Cow::Owned(
        first_claim
            .get(name)
            .or_else(|| first_claim.get(&normalise(name)))
            .copied()
            .into_iter()
            .collect(),
    )
}

fn finding(
    ctx: &Context,
    naming: &Naming,
    fallback: &std::sync::OnceLock<Fallback>,
    ambiguity: &Ambiguity,
    keys: &[usize],
) -> Option<Finding> {
    let mut names = std::iter::once(&ambiguity.name)
        .chain(&ambiguity.candidates)
        .zip(keys);
    let (name, &key) = names.next()?;
    let mut claims: Vec<usize> = claims_of(ctx, naming, fallback, key, name).into_owned();
    // One claim per name is the question; more claims under a name only
    // support it.
    let mut subject: Vec<usize> = ctx.representative(&claims).into_iter().collect();
    let mut seen: FxHashSet<usize> = claims.iter().copied().collect();
    for (candidate, &key) in names {
        let of_candidate = claims_of(ctx, naming, fallback, key, candidate);
        subject.extend(ctx.representative(&of_candidate));
        for &c in of_candidate.iter() {
            if seen.insert(c) {
                claims.push(c);
            }
        }
    }
    if claims.is_empty() {
        return None;
    }
    let candidates = ambiguity
        .candidates
        .iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(" or ");
    let matching = &ctx.settings.matching;
    let message = if ambiguity.score >= matching.threshold {
        // Not a near miss: an exact or strong match that evidence of
        // difference, a constraint, or a too-generic name keeps undecided.
        format!(
            "`{}` could be {candidates}: it matches (score {:.2}) but cannot be assigned to one person",
            ambiguity.name, ambiguity.score
        )
    } else {
        format!(
            "`{}` could be {candidates} (score {:.2}, between the review band {:.2} and the merge threshold {:.2})",
            ambiguity.name, ambiguity.score, matching.review_band, matching.threshold
        )
    };
    let reasoning = format!(
        "{}; the names are neither merged nor held apart: record a same / not-same judgement to decide",
        ambiguity.explanation.trim_end_matches('.')
    );
    let mut finding = ctx.finding(&RULE, Order::Certain, claims, message, reasoning, None);
    subject.sort_unstable();
    subject.dedup();
    ctx.narrow(&mut finding, subject);
    Some(finding)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checker::Settings;
    use crate::load::load_str;
    use crate::names::MatchConfig;
    use crate::reconcile::reconcile;

    const DATA: &str = r#"{"sources": [{"id": "s", "published": "2019"}],
      "claims": [
        {"id": "abu-usama", "who": "Abu Usama al-Muhajir", "status": "active", "date": "2016", "source": "s"},
        {"id": "usama", "who": "Usama al-Muhajir", "status": "killed", "date": "2017-05", "source": "s"},
        {"id": "mujahir", "who": "Usama al-Mujahir", "status": "alive", "date": "2018", "source": "s"},
        {"id": "aka", "who": "Humam al-Shami", "aliases": ["usama al mujahir"], "status": "active", "date": "2018", "source": "s"},
        {"id": "other", "who": "Lavdrim Muhaxheri", "status": "killed", "date": "2017-06", "source": "s"}
      ]}"#;

    fn run(ambiguous: Vec<Ambiguity>) -> (crate::model::Dataset, Vec<Finding>) {
        let dataset = load_str("t.json", DATA);
        assert!(dataset.errors.is_empty(), "{:?}", dataset.errors);
        let mut entities = reconcile(&dataset, &MatchConfig::default(), &[]);
        entities.ambiguous = ambiguous;
        let settings = Settings::default();
        let ctx = Context::new(&dataset, &entities, &settings);
        let findings = check(&ctx);
        (dataset, findings)
    }

    #[test]
    fn a_name_hashed_while_folded_hashes_as_its_key() {
        for name in [
            "Usama al-Mujahir",
            "  usama  AL mujahir ",
            "--Abu--Bakr--",
            "",
            "---",
            "a",
            "abcdefgh",
            "abcdefgh ijklmnop",
            "Abdulrahmanibn Muhammad, AL-TURKI",
        ] {
            let key = surface_key(name);
            assert_eq!(
                ascii_surface_hash(name),
                Some(KeyHash::of(key.as_bytes())),
                "{name}"
            );
        }
        assert_eq!(ascii_surface_hash("Abū Bakr"), None);
        // Keys that differ only in length still hash apart.
        assert_ne!(KeyHash::of(b"a"), KeyHash::of(b"a\0"));
    }

    fn ambiguity() -> Ambiguity {
        Ambiguity {
            name: "Usama al-Mujahir".into(),
            candidates: vec!["Usama al-Muhajir".into(), "Abu Usama al-Muhajir".into()],
            score: 0.88,
            explanation: "`mujahir` and `muhajir` differ by a transposition.".into(),
        }
    }

    #[test]
    fn an_ambiguity_lists_the_name_then_each_candidate() {
        let (dataset, findings) = run(vec![ambiguity()]);
        assert_eq!(findings.len(), 1);
        let f = &findings[0];
        let ids: Vec<&str> = f
            .claims
            .iter()
            .map(|&c| dataset.claims[c].id.as_str())
            .collect();
        assert_eq!(ids, ["mujahir", "aka", "usama", "abu-usama"]);
        assert_eq!(f.severity, Severity::Info);
        assert_eq!(f.favours, None);
        assert!(
            f.message.contains(
                "`Usama al-Mujahir` could be `Usama al-Muhajir` or `Abu Usama al-Muhajir`"
            ),
            "{}",
            f.message
        );
        assert!(f.message.contains("score 0.88"), "{}", f.message);
        assert!(f.reasoning.contains("transposition"), "{}", f.reasoning);
    }

    #[test]
    fn surface_keys_fold_case_and_punctuation_alike_on_every_path() {
        let mut key = Vec::new();
        for name in [
            "Usama al-Mujahir",
            "  usama   AL--mujahir. ",
            "Abu Bakr al-Baghdadi (Ibrahim)",
            "",
            "--",
            "X",
            "Ab\u{e9}l AL-Sh\u{ee}sh\u{e2}ni",
        ] {
            surface_key_into(name, &mut key);
            let general: String = name
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
                .join(" ");
            assert_eq!(surface_key(name), general, "{name:?}");
            assert_eq!(key, general.into_bytes(), "{name:?}");
        }
    }

    #[test]
    fn quiet_without_ambiguities_or_claims() {
        assert!(run(Vec::new()).1.is_empty());
        let mut nobody = ambiguity();
        nobody.name = "Nobody Here".into();
        nobody.candidates = vec!["Nor Here".into()];
        assert!(run(vec![nobody]).1.is_empty());
    }

    #[test]
    fn a_candidate_spelled_as_an_entity_id_still_brings_its_claims() {
        let mut by_id = ambiguity();
        by_id.candidates = vec!["lavdrim-muhaxheri".into()];
        let (dataset, findings) = run(vec![by_id]);
        let ids: Vec<&str> = findings[0]
            .claims
            .iter()
            .map(|&c| dataset.claims[c].id.as_str())
            .collect();
        assert_eq!(ids, ["mujahir", "aka", "other"]);
    }
}
