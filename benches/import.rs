//! Speed of `claimlint import` on whole lists.
//!
//! ```text
//! cargo bench --bench import [-- FORMAT FILE...]
//! ```
//!
//! Without arguments it times the samples in the shared data folder that
//! sits beside the repository (`../shared/data/sources/`: the full UN list
//! of 2026, 440 individuals in 1 MB, and OFAC's sdn.csv + alt.csv, 4,276
//! rows), when they are there; with arguments, the FORMAT (`un-xml`,
//! `ofac-csv`, `ftm`, `wikidata`) and FILEs given. Each import is run once
//! to warm up, then timed as the best of five: reading, parsing, the
//! statements, and writing the NDJSON to memory (not the file reads). A
//! plain timing harness, as in `benches/names.rs`.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use claimlint::import::{import, write_ndjson, Format, Input, Options};

fn format(name: &str) -> Option<Format> {
    Some(match name {
        "un-xml" => Format::UnXml,
        "ofac-csv" => Format::OfacCsv,
        "ftm" => Format::Ftm,
        "wikidata" => Format::Wikidata,
        _ => return None,
    })
}

fn time(label: &str, format: Format, files: &[PathBuf]) {
    let inputs: Vec<Input> = files
        .iter()
        .map(|path| Input {
            name: Arc::from(path.display().to_string()),
            bytes: std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
        })
        .collect();
    let bytes: usize = inputs.iter().map(|i| i.bytes.len()).sum();
    let options = Options {
        snapshot: Some("2021-04-25".into()),
    };
    let mut best = Duration::MAX;
    let mut lines = 0;
    for _ in 0..6 {
        let start = Instant::now();
        let imported = import(format, &inputs, &options);
        let mut out = Vec::new();
        write_ndjson(&imported, &mut out).unwrap();
        best = best.min(start.elapsed());
        lines = out.iter().filter(|&&b| b == b'\n').count();
    }
    println!(
        "{label}: {:.1} ms for {:.2} MB, {lines} records written",
        best.as_secs_f64() * 1000.0,
        bytes as f64 / 1e6
    );
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if let Some((name, files)) = args.split_first() {
        let format = format(name).unwrap_or_else(|| panic!("unknown format {name}"));
        let files: Vec<PathBuf> = files.iter().map(PathBuf::from).collect();
        time(name, format, &files);
        return;
    }
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/sources");
    let samples: [(&str, Format, &[&str]); 2] = [
        (
            "un-xml (UN list 2026)",
            Format::UnXml,
            &["un/consolidated_2026-02-27.xml"],
        ),
        (
            "ofac-csv (sdn.csv + alt.csv)",
            Format::OfacCsv,
            &["ofac/sdn.csv", "ofac/alt.csv"],
        ),
    ];
    for (label, format, files) in samples {
        let files: Vec<PathBuf> = files.iter().map(|f| shared.join(f)).collect();
        if files.iter().all(|f| f.exists()) {
            time(label, format, &files);
        } else {
            println!("{label}: skipped, {} not found", files[0].display());
        }
    }
}
