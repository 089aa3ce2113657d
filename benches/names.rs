//! Speed of `names::cluster` on a synthetic dataset.
//!
//! ```text
//! cargo bench --bench names [-- GROUPS DISTINCT]
//! ```
//!
//! Builds GROUPS claim groups (default 1,000,000) over about DISTINCT
//! distinct spellings (default 150,000) of Arabic-style names composed from
//! made-up parts (ism, nasab, nisba, kunya, `OFAC, Inverted` order), each
//! person written with random transliteration variants, then times one
//! `cluster()` call. A plain timing harness: the run is seconds long, so
//! one measurement after a warm-up on a small input is enough, and it needs
//! no benchmarking dependency.

use claimlint::names::{cluster, Constraints, MatchConfig};
use std::collections::HashSet;
use std::time::Instant;

/// splitmix64: deterministic, so every run times the same input.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const CONSONANTS: &[&str] = &[
    "b", "t", "th", "j", "h", "kh", "d", "dh", "r", "z", "s", "sh", "f", "q", "k", "l", "m", "n",
    "w", "y", "gh",
];
const VOWELS: &[&str] = &["a", "i", "u", "a", "aa", "ee", "ou"];

/// A made-up name stem: two or three syllables.
fn stem(rng: &mut Rng) -> String {
    let syllables = 2 + rng.below(2);
    let mut out = String::new();
    for _ in 0..syllables {
        out.push_str(CONSONANTS[rng.below(CONSONANTS.len())]);
        out.push_str(VOWELS[rng.below(VOWELS.len())]);
    }
    out.push_str(CONSONANTS[rng.below(CONSONANTS.len())]);
    out
}

/// One spelling of a stem, with the usual transliteration choices.
fn spell(rng: &mut Rng, stem: &str) -> String {
    let mut s = stem.to_string();
    if rng.chance(30) {
        s = s.replace('u', "o");
    }
    if rng.chance(30) {
        s = s.replace('i', "e");
    }
    if rng.chance(20) {
        s = s.replace('q', "k");
    }
    if rng.chance(15) {
        s = s.replace("ou", "u");
    }
    if rng.chance(15) {
        s = s.replace("ee", "i");
    }
    if rng.chance(10) {
        s = s.replace("kh", "h");
    }
    let mut chars: Vec<char> = s.chars().collect();
    if rng.chance(15) && chars.len() > 3 {
        let at = 1 + rng.below(chars.len() - 2);
        chars.insert(at, chars[at]);
    }
    let mut out: String = chars.into_iter().collect();
    if let Some(first) = out.get(..1) {
        let upper = first.to_uppercase();
        out.replace_range(..1, &upper);
    }
    out
}

struct Person {
    ism: String,
    father: String,
    grandfather: String,
    nisba: Option<String>,
    kunya: Option<String>,
}

const COMMON: &[&str] = &[
    "Muhammad", "Ahmad", "Ali", "Hasan", "Umar", "Abdallah", "Ibrahim", "Yusuf", "Khalid",
];

fn person(rng: &mut Rng, nisbas: &[String]) -> Person {
    let part = |rng: &mut Rng| {
        if rng.chance(25) {
            COMMON[rng.below(COMMON.len())].to_string()
        } else {
            stem(rng)
        }
    };
    Person {
        ism: part(rng),
        father: part(rng),
        grandfather: part(rng),
        nisba: rng
            .chance(50)
            .then(|| nisbas[rng.below(nisbas.len())].clone()),
        kunya: rng.chance(30).then(|| part(rng)),
    }
}

/// One way of writing a person's name.
fn write(rng: &mut Rng, p: &Person) -> String {
    let ism = spell(rng, &p.ism);
    let father = spell(rng, &p.father);
    let grandfather = spell(rng, &p.grandfather);
    let nisba = p.nisba.as_ref().map(|n| {
        let article = ["al-", "al ", "el-", "Al-"][rng.below(4)];
        format!("{article}{}", spell(rng, n))
    });
    let kunya = p.kunya.as_ref().map(|k| {
        let abu = ["Abu", "Abou", "Abu al-"][rng.below(3)];
        format!("{abu} {}", spell(rng, k))
    });
    match rng.below(6) {
        0 => match (kunya, nisba) {
            (Some(k), Some(n)) => format!("{k} {n}"),
            (Some(k), None) => k,
            (None, Some(n)) => format!("{ism} {n}"),
            (None, None) => format!("{ism} {father}"),
        },
        1 => {
            let bin = ["bin", "ibn", "ben"][rng.below(3)];
            format!("{ism} {bin} {father}")
        }
        2 => format!(
            "{}, {ism} {father}",
            nisba.unwrap_or(grandfather).to_uppercase()
        ),
        3 => format!("{ism} {father} {grandfather}"),
        4 => format!("{ism} {father} {}", nisba.unwrap_or(grandfather)),
        _ => format!("{}, {ism}", father.to_uppercase()),
    }
}

/// `groups` claim groups over about `distinct` distinct spellings.
fn dataset(groups: usize, distinct: usize) -> Vec<String> {
    let mut rng = Rng(20_240_601);
    let nisbas: Vec<String> = (0..400).map(|_| format!("{}i", stem(&mut rng))).collect();
    let people: Vec<Person> = (0..distinct / 4)
        .map(|_| person(&mut rng, &nisbas))
        .collect();
    let mut spellings: Vec<String> = Vec::with_capacity(distinct);
    let mut seen: HashSet<String> = HashSet::new();
    let mut attempts = 0;
    while spellings.len() < distinct && attempts < distinct * 4 {
        attempts += 1;
        let p = &people[rng.below(people.len())];
        let name = write(&mut rng, p);
        if seen.insert(name.clone()) {
            spellings.push(name);
        }
    }
    // Some names are in many claims, most in a few.
    (0..groups)
        .map(|_| {
            let r = rng.below(spellings.len());
            let skewed = if rng.chance(50) { r / 16 } else { r };
            spellings[skewed].clone()
        })
        .collect()
}

fn main() {
    let numbers: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this
    // binary without it, in a debug build: then only a small smoke run.
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let (default_groups, default_distinct, warm_size) = if benchmarking {
        (1_000_000, 150_000, 20_000)
    } else {
        (2_000, 500, 200)
    };
    let groups = numbers.first().copied().unwrap_or(default_groups);
    let distinct = numbers.get(1).copied().unwrap_or(default_distinct);
    let cfg = MatchConfig::default();

    let warm = dataset(warm_size, warm_size / 5);
    let warm_groups: Vec<Vec<&str>> = warm.iter().map(|n| vec![n.as_str()]).collect();
    let _ = cluster(&warm_groups, &Constraints::default(), &cfg);

    let started = Instant::now();
    let names = dataset(groups, distinct);
    let input: Vec<Vec<&str>> = names.iter().map(|n| vec![n.as_str()]).collect();
    let distinct_seen: HashSet<&str> = names.iter().map(String::as_str).collect();
    println!(
        "generated {} groups, {} distinct spellings in {:.2} s",
        input.len(),
        distinct_seen.len(),
        started.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    let result = cluster(&input, &Constraints::default(), &cfg);
    let elapsed = started.elapsed();
    let clusters: HashSet<usize> = result.cluster_of_group.iter().copied().collect();
    println!(
        "cluster(): {:.3} s on {} threads; {} candidate pairs, {} clusters, {} merges, {} ambiguities",
        elapsed.as_secs_f64(),
        rayon::current_num_threads(),
        result.candidate_pairs,
        clusters.len(),
        result.merges.len(),
        result.ambiguous.len()
    );
}
