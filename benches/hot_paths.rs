//! Micro-benchmarks of claimlint's hot paths through the public library API,
//! at small sizes: loading, EDTF parsing, name normalisation and matching,
//! and the whole analysis. The end-to-end benchmark at 10 k – 1 M claims is
//! `scripts/bench.sh` (see docs/benchmark.md).
//!
//! ```text
//! cargo bench --bench hot_paths               # everything
//! cargo bench --bench hot_paths -- analyse    # one group
//! ```

use claimlint::config::Config;
use claimlint::date::Edtf;
use claimlint::load::load_str;
use claimlint::names::{self, Decision, MatchConfig};
use divan::counter::{BytesCount, ItemsCount};
use divan::{black_box, Bencher};

// The data comes from the same generator as the end-to-end benchmark.
#[path = "../examples/generate.rs"]
#[allow(dead_code)]
mod generate;

fn main() {
    divan::main();
}

/// Generated NDJSON lines: sources first, then claims.
fn ndjson(claims: u64) -> String {
    let (mut out, mut truth) = (Vec::new(), Vec::new());
    let options = generate::Options { claims, seed: 1 };
    generate::generate(&options, &mut out, &mut truth).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("the generator writes UTF-8")
}

/// A generated dataset as one `.json` document, the form `load_str` reads:
/// one record per line, or all on one line (minified) with `separator` ",".
fn dataset_json(claims: u64, separator: &str) -> String {
    let text = ndjson(claims);
    let (sources, records): (Vec<&str>, Vec<&str>) = text
        .lines()
        .partition(|line| line.starts_with("{\"type\":\"source\""));
    format!(
        "{{\"sources\":[{}],\"claims\":[{}]}}",
        sources.join(separator),
        records.join(separator)
    )
}

/// The `who` of generated claims: realistic spellings, many of one person.
fn names(count: u64) -> Vec<String> {
    ndjson(count)
        .lines()
        .filter(|line| !line.starts_with("{\"type\":\"source\""))
        .filter_map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).ok()?;
            Some(value.get("who")?.as_str()?.to_string())
        })
        .collect()
}

#[divan::bench(args = [1_000, 10_000], sample_count = 10)]
fn load(bencher: Bencher, claims: u64) {
    let json = dataset_json(claims, ",\n");
    bencher
        .counter(BytesCount::of_str(&json))
        .bench(|| load_str("bench.json", black_box(&json)));
}

/// Minified JSON, everything on one line: a real-world form that exposes
/// per-record costs proportional to the line length.
#[divan::bench(args = [1_000, 2_000, 4_000], sample_count = 5)]
fn load_one_line(bencher: Bencher, claims: u64) {
    let json = dataset_json(claims, ",");
    bencher
        .counter(BytesCount::of_str(&json))
        .bench(|| load_str("bench.json", black_box(&json)));
}

#[divan::bench(args = [1_000, 10_000], sample_count = 10)]
fn analyse(bencher: Bencher, claims: u64) {
    let json = dataset_json(claims, ",\n");
    let config = Config::default();
    bencher
        .counter(ItemsCount::new(claims))
        .with_inputs(|| load_str("bench.json", &json))
        .bench_values(|dataset| claimlint::analyse_dataset(dataset, &config.options()));
}

/// Every EDTF form the SPEC names, and the forms the generator writes.
const DATES: &[&str] = &[
    "2017",
    "2017-06",
    "2017-06-07",
    "2017-06-21/2017-06-30",
    "../2015-05",
    "2015/..",
    "2014-08?",
    "2012~",
    "2016-05-03~",
    "2016-05~",
    "201X",
    "2017-21",
    "2019-02-30",
];

#[divan::bench]
fn edtf_parse(bencher: Bencher) {
    bencher.counter(ItemsCount::new(DATES.len())).bench(|| {
        DATES
            .iter()
            .filter(|d| Edtf::parse(black_box(d)).is_ok())
            .count()
    });
}

#[divan::bench]
fn normalise(bencher: Bencher) {
    let names = names(1_000);
    bencher.counter(ItemsCount::new(names.len())).bench(|| {
        names
            .iter()
            .map(|n| names::normalise(black_box(n)).len())
            .sum::<usize>()
    });
}

#[divan::bench]
fn match_names(bencher: Bencher) {
    let names = names(1_000);
    let pairs: Vec<(&str, &str)> = names
        .windows(2)
        .map(|w| (w[0].as_str(), w[1].as_str()))
        .collect();
    let config = MatchConfig::default();
    bencher.counter(ItemsCount::new(pairs.len())).bench(|| {
        pairs
            .iter()
            .filter(|(a, b)| names::match_names(a, b, &config).decision == Decision::Same)
            .count()
    });
}
