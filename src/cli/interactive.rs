//! The interactive `claimlint review`: one unreviewed finding at a time, in
//! the spirit of `cargo insta review`.
//!
//! Single keys, read in raw mode with crossterm, so a reviewer can go through
//! a long queue without pressing Enter after every decision; a note is the
//! one place that reads a whole line. Every decision is written to the
//! review file at once (atomically), so quitting or a crash loses nothing.

use std::io::Write as _;
use std::path::Path;

use anyhow::{Context as _, Result};
use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use crossterm::terminal;

use claimlint::finding::Finding;
use claimlint::model::Claim;
use claimlint::render::{human, CheckReport, Palette};
use claimlint::review::{self, Applied, Decision, Review, ReviewFile};
use claimlint::Analysis;

/// Narrowest column worth showing claims side by side in.
const MIN_COLUMN: usize = 28;

/// Raw mode for as long as it lives, whatever way we leave.
struct RawMode;

impl RawMode {
    fn enable() -> Result<RawMode> {
        terminal::enable_raw_mode().context("cannot switch the terminal to raw mode")?;
        Ok(RawMode)
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = terminal::disable_raw_mode();
    }
}

/// What a key asks for.
enum Key {
    Decide(Decision),
    Resolve,
    Skip,
    Note,
    Undo,
    Quit,
    Digit(usize),
    Cancel,
}

fn read_key() -> Result<Key> {
    loop {
        let Event::Key(key) = event::read().context("reading a key")? else {
            continue;
        };
        if key.kind != KeyEventKind::Press {
            continue;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        return Ok(match key.code {
            KeyCode::Char('c') if ctrl => Key::Quit,
            KeyCode::Char('c' | 'C') => Key::Decide(Decision::Confirmed),
            KeyCode::Char('d' | 'D') => Key::Decide(Decision::Dismissed),
            KeyCode::Char('r' | 'R') => Key::Resolve,
            KeyCode::Char('s' | 'S') => Key::Skip,
            KeyCode::Char('n' | 'N') => Key::Note,
            KeyCode::Char('u' | 'U') => Key::Undo,
            KeyCode::Char('q' | 'Q') => Key::Quit,
            KeyCode::Char(c) if c.is_ascii_digit() => Key::Digit(c as usize - '0' as usize),
            KeyCode::Esc => Key::Cancel,
            _ => continue,
        });
    }
}

/// One step of the session, so `u` can take it back.
enum Step {
    Decided {
        position: usize,
        fingerprint: String,
        previous: Option<Review>,
    },
    Skipped {
        position: usize,
    },
}

/// Writes text in raw mode, where a line feed does not return the carriage.
fn show(text: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.replace('\n', "\r\n").as_bytes())
        .and_then(|()| stdout.flush())
        .context("writing to the terminal")
}

fn clear() -> Result<()> {
    // Clear the screen and home the cursor.
    show("\x1b[2J\x1b[H")
}

/// Reviews `analysis`'s unreviewed findings one at a time at the terminal,
/// writing each decision to `file` at `path` as it is made.
pub fn run(
    analysis: &Analysis,
    file: &mut ReviewFile,
    path: &Path,
    who: &str,
    palette: Palette,
) -> Result<()> {
    let queue: Vec<usize> = (0..analysis.findings.len())
        .filter(|&i| {
            !file
                .findings
                .contains_key(&analysis.findings[i].fingerprint)
        })
        .collect();
    if queue.is_empty() {
        eprintln!(
            "claimlint: nothing to review: {} findings, all reviewed in {}",
            analysis.findings.len(),
            path.display()
        );
        return Ok(());
    }
    let raw = RawMode::enable()?;
    let mut session = Session {
        analysis,
        file,
        path,
        who,
        palette,
        queue,
        steps: Vec::new(),
        position: 0,
        note: String::new(),
        message: String::new(),
    };
    while session.step(&raw)? {}
    drop(raw);
    clear()?;
    let decided = decided(&session.steps);
    eprintln!(
        "claimlint: {} decisions recorded in {}; {} findings left unreviewed",
        decided,
        path.display(),
        session.queue.len() - decided
    );
    Ok(())
}

/// One interactive review: the queue of findings and where the reviewer is.
struct Session<'a> {
    analysis: &'a Analysis,
    file: &'a mut ReviewFile,
    path: &'a Path,
    who: &'a str,
    palette: Palette,
    /// The unreviewed findings, by index, in report order.
    queue: Vec<usize>,
    /// What was done so far, for undo.
    steps: Vec<Step>,
    /// Where in `queue` the reviewer is.
    position: usize,
    /// The note typed for the next decision.
    note: String,
    /// A one-off message shown under the next screen.
    message: String,
}

/// A decision and, when resolving, the claim judged wrong.
type Choice = (Decision, Option<String>);

impl Session<'_> {
    /// Shows one screen and acts on one key; `false` when the reviewer quits.
    fn step(&mut self, raw: &RawMode) -> Result<bool> {
        clear()?;
        if self.position >= self.queue.len() {
            return self.at_end();
        }
        let index = self.queue[self.position];
        self.show_finding(index)?;
        let choice = match read_key()? {
            Key::Decide(decision) => Some((decision, None)),
            Key::Resolve => self.ask_wrong_claim(index)?,
            Key::Skip => {
                self.steps.push(Step::Skipped {
                    position: self.position,
                });
                self.position += 1;
                self.note.clear();
                None
            }
            Key::Note => {
                self.note = read_note(raw, &self.note)?;
                None
            }
            Key::Undo => {
                self.undo()?;
                self.note.clear();
                None
            }
            Key::Quit => return Ok(false),
            Key::Digit(_) | Key::Cancel => None,
        };
        if let Some(choice) = choice {
            self.record(index, choice)?;
        }
        Ok(true)
    }

    /// Every finding seen: offer undo or quit.
    fn at_end(&mut self) -> Result<bool> {
        show(&format!(
            "All {} findings seen; {} decisions recorded in {}.\n\n[u]ndo the last step  [q]uit\n",
            self.queue.len(),
            decided(&self.steps),
            self.path.display()
        ))?;
        match read_key()? {
            Key::Undo => self.undo()?,
            Key::Quit | Key::Cancel => return Ok(false),
            _ => {}
        }
        Ok(true)
    }

    fn show_finding(&mut self, index: usize) -> Result<()> {
        let palette = self.palette;
        show(&screen(
            self.analysis,
            self.file,
            index,
            self.position,
            self.queue.len(),
            palette,
        ))?;
        if !self.note.is_empty() {
            show(&format!("{} {}\n", palette.bold("note:"), self.note))?;
        }
        if !self.message.is_empty() {
            show(&format!("{}\n", palette.dim(&self.message)))?;
            self.message.clear();
        }
        show(&format!(
            "\n{}\n",
            palette.bold("[c]onfirm  [d]ismiss  [r]esolve  [s]kip  [n]ote  [u]ndo  [q]uit")
        ))
    }

    /// Asks which of the finding's claims is wrong; `None` if cancelled.
    fn ask_wrong_claim(&mut self, index: usize) -> Result<Option<Choice>> {
        let claims = &self.analysis.dataset.claims;
        let finding = &self.analysis.findings[index];
        show(&format!(
            "\nWhich claim is wrong? {}  (Esc cancels)\n",
            finding
                .claims
                .iter()
                .enumerate()
                .map(|(i, &c)| format!("[{}] {}", i + 1, claims[c].id))
                .collect::<Vec<_>>()
                .join("  ")
        ))?;
        Ok(match read_key()? {
            Key::Digit(n) if (1..=finding.claims.len()).contains(&n) => Some((
                Decision::Resolved,
                Some(claims[finding.claims[n - 1]].id.clone()),
            )),
            _ => {
                self.message = "resolve cancelled".into();
                None
            }
        })
    }

    /// Records the decision about finding `index` and moves on.
    fn record(&mut self, index: usize, (decision, wrong): Choice) -> Result<()> {
        let finding = &self.analysis.findings[index];
        let mut claims: Vec<String> = finding
            .claims
            .iter()
            .map(|&c| self.analysis.dataset.claims[c].id.clone())
            .collect();
        claims.sort();
        let previous = self.file.decide(
            &finding.fingerprint,
            Review {
                decision,
                wrong,
                note: std::mem::take(&mut self.note),
                who: self.who.to_string(),
                when: review::now(),
                rule: finding.rule.to_string(),
                claims,
            },
        );
        self.file.write(self.path)?;
        self.steps.push(Step::Decided {
            position: self.position,
            fingerprint: finding.fingerprint.clone(),
            previous,
        });
        self.position += 1;
        Ok(())
    }

    fn undo(&mut self) -> Result<()> {
        undo(
            &mut self.steps,
            self.file,
            self.path,
            &mut self.position,
            &mut self.message,
        )
    }
}

fn decided(steps: &[Step]) -> usize {
    steps
        .iter()
        .filter(|s| matches!(s, Step::Decided { .. }))
        .count()
}

fn undo(
    steps: &mut Vec<Step>,
    file: &mut ReviewFile,
    path: &Path,
    position: &mut usize,
    message: &mut String,
) -> Result<()> {
    match steps.pop() {
        Some(Step::Decided {
            position: at,
            fingerprint,
            previous,
        }) => {
            match previous {
                Some(review) => {
                    file.decide(&fingerprint, review);
                }
                None => {
                    file.findings.remove(&fingerprint);
                }
            }
            file.write(path)?;
            *position = at;
            *message = format!("undone: the decision about {fingerprint}");
        }
        Some(Step::Skipped { position: at }) => {
            *position = at;
            *message = "undone: skip".into();
        }
        None => *message = "nothing to undo".into(),
    }
    Ok(())
}

/// Reads a line in cooked mode, so the terminal does the editing.
fn read_note(_raw: &RawMode, current: &str) -> Result<String> {
    terminal::disable_raw_mode().context("leaving raw mode")?;
    let result = (|| {
        show(&format!(
            "\nnote (Enter keeps it{}): ",
            if current.is_empty() {
                ""
            } else {
                ", empty line keeps the old one"
            }
        ))?;
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .context("reading the note")?;
        let line = line.trim();
        Ok(if line.is_empty() {
            current.to_string()
        } else {
            line.to_string()
        })
    })();
    terminal::enable_raw_mode().context("returning to raw mode")?;
    result
}

/// The whole screen for one finding: header, the claims side by side, the
/// person's timeline, then what `check` says about it.
fn screen(
    analysis: &Analysis,
    file: &ReviewFile,
    index: usize,
    position: usize,
    total: usize,
    palette: Palette,
) -> String {
    let finding = &analysis.findings[index];
    let width = terminal::size().map_or(100, |(w, _)| w as usize).max(40);
    let mut out = format!(
        "{}\n\n",
        palette.dim(&format!(
            "claimlint review — finding {} of {} unreviewed",
            position + 1,
            total
        ))
    );
    let entity = &analysis.entities.list[finding.entity];
    out.push_str(&format!(
        "{}: {}\n{} {} ({})\n\n",
        palette.severity(
            finding.severity,
            &format!("{}[{}]", finding.severity, finding.rule)
        ),
        palette.bold(&finding.message),
        palette.dim("person:"),
        entity.name,
        entity.id
    ));
    out.push_str(&side_by_side(analysis, finding, width));
    out.push_str(&format!("\n{}\n", palette.bold("timeline:")));
    out.push_str(&timeline(analysis, finding));
    let reviews = Applied::new(file, &analysis.findings, &analysis.entities);
    let report = CheckReport {
        dataset: &analysis.dataset,
        entities: &analysis.entities,
        findings: &analysis.findings,
        reviews: &reviews,
        show_reviewed: true,
        statistics: false,
        verbose: false,
    };
    // The reasoning, favoured claim and fingerprint, as `check` puts them.
    let full = human::finding_text(&report, finding, palette);
    out.push('\n');
    for line in full
        .lines()
        .filter(|l| l.trim_start().starts_with('=') || l.contains("   ="))
    {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// A claim as lines of `label value`.
fn claim_lines(analysis: &Analysis, claim: &Claim) -> Vec<String> {
    let dataset = &analysis.dataset;
    let mut lines = vec![
        claim.id.clone(),
        format!("{} {}", claim.status.as_str(), claim.date_text()),
        format!("who: {}", claim.who),
    ];
    match dataset.source_of(claim) {
        Some(source) => lines.push(format!(
            "source: {}{}",
            source.id,
            source
                .reliability
                .map(|r| format!(" [{r}]"))
                .unwrap_or_default()
        )),
        None => lines.push("source: none".into()),
    }
    if let Some(reported) = &claim.reported {
        lines.push(format!("reported: {}", reported.text));
    } else if let Some(published) = dataset.source_of(claim).and_then(|s| s.published.as_ref()) {
        lines.push(format!("reported: {}", published.text));
    }
    lines.push(format!("certainty: {}", claim.certainty.as_str()));
    for (label, value) in [
        ("according to", &claim.according_to),
        ("by", &claim.by),
        ("place", &claim.place),
        ("evidence", &claim.evidence),
    ] {
        if let Some(value) = value {
            lines.push(format!("{label}: {value}"));
        }
    }
    lines.push(format!("at {}", claim.pos));
    if let Some(quote) = &claim.quote {
        lines.push(format!("“{quote}”"));
    }
    lines
}

/// Breaks `text` into lines of at most `width` characters, at spaces where it can.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word.drain(..width).collect());
        }
        let word: String = word.into_iter().collect();
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if needed > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The finding's claims in columns, one per claim, when the terminal is
/// wide enough; else one after another.
fn side_by_side(analysis: &Analysis, finding: &Finding, width: usize) -> String {
    let claims: Vec<Vec<String>> = finding
        .claims
        .iter()
        .map(|&c| claim_lines(analysis, &analysis.dataset.claims[c]))
        .collect();
    let n = claims.len().max(1);
    let gap = 3;
    let column = (width.saturating_sub(gap * (n - 1))) / n;
    let mut out = String::new();
    if column < MIN_COLUMN || n == 1 {
        let column = width.min(100);
        for (i, lines) in claims.iter().enumerate() {
            out.push_str(&format!("claim {}\n", i + 1));
            for line in lines {
                for part in wrap(line, column.saturating_sub(2).max(10)) {
                    out.push_str(&format!("  {part}\n"));
                }
            }
        }
        return out;
    }
    let wrapped: Vec<Vec<String>> = claims
        .iter()
        .enumerate()
        .map(|(i, lines)| {
            let mut all = vec![format!("claim {}", i + 1)];
            all.extend(lines.iter().flat_map(|l| wrap(l, column)));
            all
        })
        .collect();
    let rows = wrapped.iter().map(Vec::len).max().unwrap_or(0);
    for row in 0..rows {
        let mut line = String::new();
        for (i, col) in wrapped.iter().enumerate() {
            let cell = col.get(row).map_or("", String::as_str);
            line.push_str(cell);
            if i + 1 < wrapped.len() {
                let pad = column.saturating_sub(cell.chars().count()) + gap;
                line.push_str(&" ".repeat(pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The person's claims in date order; the finding's claims marked `▶`.
fn timeline(analysis: &Analysis, finding: &Finding) -> String {
    let entity = &analysis.entities.list[finding.entity];
    let claims = claimlint::render::timeline::ordered_claims(&analysis.dataset, &entity.claims);
    let mut out = String::new();
    for c in claims {
        let claim = &analysis.dataset.claims[c];
        let mark = if finding.claims.contains(&c) {
            "▶"
        } else {
            " "
        };
        out.push_str(&format!(
            "  {mark} {:<22} {:<10} {}\n",
            claim.date_text(),
            claim.status.as_str(),
            claim.id
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_claims_stand_side_by_side_when_there_is_room() {
        let dataset = claimlint::load::load_str(
            "t.json",
            r#"[{"id": "dead", "who": "Lavdrim Muhaxheri", "status": "killed", "date": "2014-08", "reported": "2014-09"},
                {"id": "alive", "who": "Lavdrim Muhaxheri", "status": "alive", "date": "2015-11", "reported": "2015-11"}]"#,
        );
        let mut analysis = claimlint::analyse_dataset(dataset, &claimlint::Options::default());
        let mut finding = analysis.findings[0].clone();
        finding.claims = vec![0, 1];
        analysis.findings = vec![finding];
        let wide = side_by_side(&analysis, &analysis.findings[0], 100);
        let first = wide.lines().next().unwrap();
        assert!(
            first.starts_with("claim 1") && first.contains("claim 2"),
            "{wide}"
        );
        assert!(
            wide.lines()
                .any(|l| l.contains("killed 2014-08") && l.contains("alive 2015-11")),
            "{wide}"
        );
        let narrow = side_by_side(&analysis, &analysis.findings[0], 40);
        assert!(narrow.lines().any(|l| l == "claim 2"), "{narrow}");
        let timeline = timeline(&analysis, &analysis.findings[0]);
        assert!(timeline.find("dead").unwrap() < timeline.find("alive").unwrap());
    }

    #[test]
    fn wrapping_keeps_words_and_cuts_long_ones() {
        assert_eq!(wrap("a bb ccc", 4), vec!["a bb", "ccc"]);
        assert_eq!(wrap("abcdefgh", 3), vec!["abc", "def", "gh"]);
    }
}
