//! Every file in `tests/malformed/` is broken in its own way; its snapshot
//! holds the errors it must give (file:line:column and message) and the
//! records that must still load. Nothing may panic.

mod common;

use std::fmt::Write as _;
use std::path::PathBuf;

use claimlint::load::{load, LoadOptions};

#[test]
fn malformed_inputs_give_their_errors() {
    common::settings().bind(|| {
        insta::glob!("malformed/*", |path| {
            let dataset = load(&[PathBuf::from(path)], &LoadOptions::default());
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let mut out = String::new();
            for error in &dataset.errors {
                let _ = writeln!(
                    out,
                    "{name}:{}:{}: {}",
                    error.line, error.column, error.message
                );
            }
            let ids: Vec<&str> = dataset.claims.iter().map(|c| c.id.as_str()).collect();
            let _ = writeln!(out, "loaded claims: {ids:?}");
            let sources: Vec<&str> = dataset.sources.iter().map(|s| s.id.as_str()).collect();
            let _ = writeln!(out, "loaded sources: {sources:?}");
            assert!(!dataset.errors.is_empty(), "{name} must give an error");
            insta::assert_snapshot!(out);
        });
    });
}
