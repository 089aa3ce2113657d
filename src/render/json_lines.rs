//! `--output-format json-lines`: one finding per line, each the object the
//! JSON report holds in `findings` (with its `review`), for streaming into
//! `jq`, a database or a log pipeline. Written as it is serialised, a block
//! of findings at a time.

use crate::render::json::json_finding;
use crate::render::{write_findings, CheckReport};

/// Writes one compact JSON object per finding, each on its own line.
pub fn write(report: &CheckReport, writer: impl std::io::Write) -> std::io::Result<()> {
    write_findings(report.findings, writer, |index, _, out| {
        serde_json::to_writer(&mut *out, &json_finding(report, index))?;
        out.push(b'\n');
        Ok::<(), std::io::Error>(())
    })
}
