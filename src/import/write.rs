//! The output of an import: NDJSON, sources first, then entity records,
//! then claims, each sorted by id. The same input gives the same bytes.

use std::io::{self, Write};

use super::records::Imported;

/// Writes `imported` to `out` as NDJSON, one record a line.
pub fn write_ndjson(imported: &Imported, out: &mut impl Write) -> io::Result<()> {
    for source in imported.sources.values() {
        line(out, source)?;
    }
    for entity in imported.entities.values() {
        line(out, entity)?;
    }
    for claim in imported.claims.values() {
        line(out, claim)?;
    }
    for row in imported.rows.values() {
        line(out, row)?;
    }
    out.flush()
}

fn line(out: &mut impl Write, record: &impl serde::Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, record)?;
    out.write_all(b"\n")
}
