//! Reading name pairs for `claimlint match --pairs FILE`: CSV with a
//! `name1,name2` header, or JSON lines of `{"name1": …, "name2": …}`.

use std::path::Path;

use anyhow::{bail, Context as _, Result};

/// Reads the name pairs of `path`: a CSV file with a `name1,name2` header,
/// or JSON lines of `{"name1": …, "name2": …}` objects.
pub fn read(path: &Path) -> Result<Vec<(String, String)>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read pairs file `{}`", path.display()))?;
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    if first.trim_start().starts_with('{') {
        json_lines(&text, path)
    } else {
        csv(&text, path)
    }
}

fn json_lines(text: &str, path: &Path) -> Result<Vec<(String, String)>> {
    #[derive(serde::Deserialize)]
    struct Pair {
        name1: String,
        name2: String,
    }
    let mut pairs = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let pair: Pair = serde_json::from_str(line).map_err(|err| {
            anyhow::anyhow!(
                "{}:{}:{}: {err}; expected {{\"name1\": \"…\", \"name2\": \"…\"}}",
                path.display(),
                i + 1,
                err.column()
            )
        })?;
        pairs.push((pair.name1, pair.name2));
    }
    Ok(pairs)
}

fn csv(text: &str, path: &Path) -> Result<Vec<(String, String)>> {
    let mut rows = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((_, header)) = rows.next() else {
        bail!("{}: the pairs file is empty", path.display());
    };
    let header = fields(header);
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let (Some(a), Some(b)) = (col("name1"), col("name2")) else {
        bail!(
            "{}:1:1: the CSV header must name the columns `name1` and `name2`",
            path.display()
        );
    };
    let mut pairs = Vec::new();
    for (i, line) in rows {
        let row = fields(line);
        match (row.get(a), row.get(b)) {
            (Some(x), Some(y)) => pairs.push((x.clone(), y.clone())),
            _ => bail!(
                "{}:{}:1: expected at least {} fields",
                path.display(),
                i + 1,
                a.max(b) + 1
            ),
        }
    }
    Ok(pairs)
}

/// One CSV line, with RFC 4180 quoting (`"a, b"`, `""` for a quote).
fn fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    out.push(field);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quoting() {
        assert_eq!(
            fields(r#"a,"b, c","d ""e""""#),
            vec!["a", "b, c", r#"d "e""#]
        );
    }
}
