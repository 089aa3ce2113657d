//! The importers on damaged input, as `fuzz_loader.rs` does for the
//! loader: real excerpts cut, spliced and flipped at random, and random
//! bytes. Whatever the input, an import returns (records and errors, each
//! error at a line and column) and never panics.

use std::sync::Arc;

use claimlint::import::{import, write_ndjson, Format, Input, Options};
use proptest::prelude::*;

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/data/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// `bytes` cut at `cut`, with `noise` spliced in at `at` and one byte flipped.
fn damaged(mut bytes: Vec<u8>, cut: usize, at: usize, noise: &[u8], flip: usize) -> Vec<u8> {
    if !bytes.is_empty() {
        bytes.truncate(cut % (bytes.len() + 1));
    }
    let at = at % (bytes.len() + 1);
    bytes.splice(at..at, noise.iter().copied());
    if !bytes.is_empty() {
        let i = flip % bytes.len();
        bytes[i] ^= 0x20;
    }
    bytes
}

fn survives(format: Format, bytes: Vec<u8>) {
    let input = Input {
        name: Arc::from("fuzz"),
        bytes,
    };
    let options = Options {
        snapshot: Some("2021-04-25".into()),
    };
    let imported = import(format, &[input], &options);
    for error in &imported.errors {
        assert!(error.line >= 1 || error.message.contains("CSV"), "{error}");
    }
    let mut out = Vec::new();
    write_ndjson(&imported, &mut out).unwrap();
}

const NOISE: &str = "[<>&\"';,\\n\\r\\x00-\\x7f\u{e9}\u{627}]{0,40}";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn un_xml_never_panics(cut in 0usize..40_000, at in 0usize..40_000, noise in NOISE, flip in 0usize..40_000) {
        survives(Format::UnXml, damaged(sample("un-2026-02-27.xml"), cut, at, noise.as_bytes(), flip));
    }

    #[test]
    fn ofac_csv_never_panics(cut in 0usize..4_000, at in 0usize..4_000, noise in NOISE, flip in 0usize..4_000) {
        survives(Format::OfacCsv, damaged(sample("sdn.csv"), cut, at, noise.as_bytes(), flip));
    }

    #[test]
    fn ftm_never_panics(cut in 0usize..2_000, at in 0usize..2_000, noise in NOISE, flip in 0usize..2_000) {
        survives(Format::Ftm, damaged(sample("ftm-donations.ijson"), cut, at, noise.as_bytes(), flip));
        survives(Format::Ftm, damaged(sample("ftm-statements.csv"), cut, at, noise.as_bytes(), flip));
    }

    #[test]
    fn wikidata_never_panics(cut in 0usize..60_000, at in 0usize..60_000, noise in NOISE, flip in 0usize..60_000) {
        survives(Format::Wikidata, damaged(sample("wikidata-Q19300851.json"), cut, at, noise.as_bytes(), flip));
    }

    #[test]
    fn spreadsheets_never_panic(cut in 0usize..1_000, at in 0usize..1_000, noise in NOISE, flip in 0usize..1_000) {
        survives(Format::Csv, damaged(sample("claims.csv"), cut, at, noise.as_bytes(), flip));
    }

    #[test]
    fn check_reads_damaged_spreadsheets(cut in 0usize..1_000, at in 0usize..1_000, noise in NOISE, flip in 0usize..1_000) {
        let bytes = damaged(sample("claims-bad.csv"), cut, at, noise.as_bytes(), flip);
        let dataset = claimlint::load::load_csv_str("fuzz.csv", &String::from_utf8_lossy(&bytes));
        for error in &dataset.errors {
            prop_assert!(error.line >= 1 && error.column >= 1, "{error}");
        }
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        for format in [Format::UnXml, Format::OfacCsv, Format::Ftm, Format::Wikidata, Format::Csv] {
            survives(format, bytes.clone());
        }
    }

    #[test]
    fn statements_never_panic(text in "\\PC{0,300}") {
        let _ = claimlint::import::statements::extract(&text, &["Abu Bakr"]);
    }
}
