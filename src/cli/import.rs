//! `claimlint import FORMAT INPUT... [-o OUT]`: reads the inputs, writes
//! the claims as sorted NDJSON, reports input errors on stderr.

use std::io::{BufWriter, Write};
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result};

use claimlint::import::{import, write_ndjson, Input, Options};
use claimlint::review::write_atomically;

use super::args::ImportArgs;
use super::{EXIT_BAD_INPUT, EXIT_OK};

/// Imports `args.inputs`; exit 2 when some input was bad (what could be
/// read is written all the same).
pub fn run(args: &ImportArgs) -> Result<u8> {
    let mut inputs = Vec::with_capacity(args.inputs.len());
    for path in &args.inputs {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read `{}`", path.display()))?;
        inputs.push(Input {
            name: Arc::from(path.display().to_string()),
            bytes,
        });
    }
    let options = Options {
        snapshot: args.snapshot.clone(),
    };
    let imported = import(args.format.format(), &inputs, &options);
    drop(inputs);
    if args.output == Path::new("-") {
        let stdout = std::io::stdout();
        let mut out = BufWriter::new(stdout.lock());
        write_ndjson(&imported, &mut out)?;
    } else {
        // Whole or not at all, as the review file is written.
        let mut bytes = Vec::new();
        write_ndjson(&imported, &mut bytes)?;
        write_atomically(&args.output, &bytes)?;
    }
    let mut stderr = std::io::stderr().lock();
    for error in &imported.errors {
        writeln!(stderr, "{error}")?;
    }
    Ok(if imported.errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_BAD_INPUT
    })
}
