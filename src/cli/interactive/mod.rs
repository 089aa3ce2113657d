//! The interactive `claimlint review`: one open finding at a time, in the
//! spirit of `cargo insta review`, in the terminal's alternate screen.
//!
//! Single keys, read in raw mode with crossterm, so a reviewer can go through
//! a long queue without pressing Enter after every decision; a note is the
//! one place that reads a whole line. Every decision is written at once,
//! under the review file's lock and merged with what is on disk then (what
//! another reviewer or a `git pull` wrote meanwhile), so quitting, a crash
//! or a second reviewer loses nothing. [`screen`] lays each screen out;
//! [`terminal`] holds the terminal and reads the keys.

mod screen;
mod terminal;

use std::collections::HashSet;
use std::path::Path;

use anyhow::{Context as _, Result};
use crossterm::terminal as crossterm_terminal;

use claimlint::finding::Finding;
use claimlint::model::Pos;
use claimlint::render::{printable, Palette};
use claimlint::review::{
    self, Applied, Decision, EntityJudgement, RejectReason, Rejection, Review, ReviewFile,
};
use claimlint::Analysis;

use screen::{Content, Line, Style};
pub use terminal::restore_terminal;
use terminal::{paint, read_key, write_raw, Key, Terminal};

/// What taking a step back restores in the review file.
enum Undo {
    Decision(String, Option<Review>),
    Rejection(String, Option<Rejection>),
    Judgement([String; 2], Option<EntityJudgement>),
}

/// One step of the session, so `u` can take it back.
struct Step {
    /// The finding it was taken at.
    at: Place,
    /// What it changed (nothing for a skip).
    undo: Vec<Undo>,
}

/// Where a finding stands in report order (primary claim's position, rule,
/// fingerprint): a place in the queue that survives a new analysis.
type Place = (Option<Pos>, &'static str, String);

fn place_of(analysis: &Analysis, finding: &Finding) -> Place {
    let primary = finding
        .claims
        .first()
        .map(|&c| analysis.dataset.claims[c].pos.clone());
    (primary, finding.rule, finding.fingerprint.clone())
}

/// Reviews `analysis`'s open findings one at a time at the terminal,
/// writing each decision into the review file at `path` as it is made.
/// `reanalyse` runs the analysis again with a review file's rejections and
/// judgements, after the reviewer changed them: the findings they settle
/// leave the queue at once.
pub fn run(
    analysis: Analysis,
    file: ReviewFile,
    path: &Path,
    who: &str,
    palette: Palette,
    reanalyse: &dyn Fn(&ReviewFile) -> Analysis,
) -> Result<()> {
    let mut session = Session {
        analysis,
        reanalyse,
        file,
        path,
        who,
        palette,
        queue: Vec::new(),
        touched: HashSet::new(),
        steps: Vec::new(),
        position: 0,
        note: String::new(),
        message: String::new(),
        scroll: 0,
    };
    session.queue = session.open_findings();
    if session.queue.is_empty() {
        eprintln!(
            "claimlint: nothing to review: {} findings, all reviewed in {}",
            session.analysis.findings.len(),
            path.display()
        );
        return Ok(());
    }
    let terminal = Terminal::enter()?;
    let outcome = (|| {
        while session.step()? {}
        Ok::<(), anyhow::Error>(())
    })();
    drop(terminal);
    outcome?;
    let decided = session.decided();
    let open = session
        .open_findings()
        .len()
        .saturating_sub(session.touched.len());
    eprintln!(
        "claimlint: {decided} decision{} recorded in {}; {open} finding{} left open",
        if decided == 1 { "" } else { "s" },
        path.display(),
        if open == 1 { "" } else { "s" }
    );
    Ok(())
}

/// One interactive review: the queue of findings and where the reviewer is.
struct Session<'a> {
    analysis: Analysis,
    reanalyse: &'a dyn Fn(&ReviewFile) -> Analysis,
    /// The review file as last read or written.
    file: ReviewFile,
    path: &'a Path,
    who: &'a str,
    palette: Palette,
    /// The findings to go through, by index, in report order: the open
    /// ones, and those decided in this session (to go back to).
    queue: Vec<usize>,
    /// The fingerprints of the findings decided in this session.
    touched: HashSet<String>,
    /// What was done so far, for undo.
    steps: Vec<Step>,
    /// Where in `queue` the reviewer is.
    position: usize,
    /// The note typed for the next decision.
    note: String,
    /// The confirmation of the last action, or what went wrong.
    message: String,
    /// How far the finding's body is scrolled.
    scroll: usize,
}

/// A decision and, when resolving, the claim judged wrong.
type Choice = (Decision, Option<String>);

impl Session<'_> {
    fn size() -> (usize, usize) {
        crossterm_terminal::size().map_or((80, 24), |(w, h)| {
            (usize::from(w).max(20), usize::from(h).max(6))
        })
    }

    fn decided(&self) -> usize {
        self.steps.iter().filter(|s| !s.undo.is_empty()).count()
    }

    /// The findings to go through: open, or decided in this session.
    fn open_findings(&self) -> Vec<usize> {
        let analysis = &self.analysis;
        let applied = Applied::new(
            &self.file,
            &analysis.findings,
            &analysis.dataset,
            &analysis.entities,
        );
        (0..analysis.findings.len())
            .filter(|&i| {
                applied.is_open(i) || self.touched.contains(&analysis.findings[i].fingerprint)
            })
            .collect()
    }

    /// The place of the finding the reviewer is at.
    fn here(&self) -> Place {
        let index = self.queue[self.position.min(self.queue.len() - 1)];
        place_of(&self.analysis, &self.analysis.findings[index])
    }

    /// Moves to the first finding at or after `place` (`after`: past it).
    fn go_to(&mut self, place: &Place, after: bool) {
        let analysis = &self.analysis;
        self.position = self
            .queue
            .iter()
            .take_while(|&&i| {
                let here = place_of(analysis, &analysis.findings[i]);
                if after {
                    here <= *place
                } else {
                    here < *place
                }
            })
            .count();
        self.scroll = 0;
    }

    /// Runs the analysis again with the review file as it is now (after a
    /// rejection or a judgement), rebuilds the queue and moves to the first
    /// finding after `place`.
    fn refresh(&mut self, place: &Place, after: bool) {
        self.analysis = (self.reanalyse)(&self.file);
        self.queue = self.open_findings();
        self.go_to(place, after);
    }

    /// Shows one screen and acts on one key; `false` when the reviewer quits.
    fn step(&mut self) -> Result<bool> {
        if self.position >= self.queue.len() {
            return self.at_end();
        }
        let index = self.queue[self.position];
        let finding = &self.analysis.findings[index];
        let ambiguous = finding.rule == "ambiguous-alias";
        let fingerprint = finding.fingerprint.clone();
        let prompt = keys_prompt(finding);
        self.draw(index, &prompt)?;
        let choice = match read_key()? {
            Key::Decide(decision) => Some((decision, None)),
            Key::Resolve => self
                .pick_claim(index, "Which claim is wrong?")?
                .map(|id| (Decision::Resolved, Some(id))),
            Key::Reject => {
                self.reject(index)?;
                None
            }
            Key::Same | Key::NotSame if !ambiguous => {
                self.message =
                    "same / not-same answer ambiguous-alias findings; this one is not".into();
                None
            }
            key @ (Key::Same | Key::NotSame) => {
                self.judge(index, key == Key::Same)?;
                None
            }
            Key::Next => {
                self.steps.push(Step {
                    at: self.here(),
                    undo: Vec::new(),
                });
                self.message = format!("skipped {fingerprint}");
                self.advance(1);
                None
            }
            Key::Previous => {
                if self.position == 0 {
                    self.message = "this is the first finding".into();
                } else {
                    self.advance(-1);
                }
                None
            }
            Key::Note => {
                self.note = self.read_note()?;
                None
            }
            Key::Undo => {
                self.undo()?;
                None
            }
            Key::Help => {
                self.show_help()?;
                None
            }
            Key::Quit => return Ok(false),
            Key::Scroll(by) => {
                self.scroll = self.scroll.saturating_add_signed(by);
                None
            }
            Key::Top => {
                self.scroll = 0;
                None
            }
            Key::Bottom => {
                self.scroll = usize::MAX / 2;
                None
            }
            Key::Digit(_) | Key::Enter | Key::Cancel | Key::Resized => None,
        };
        if let Some(choice) = choice {
            self.record(index, choice)?;
        }
        Ok(true)
    }

    fn advance(&mut self, by: isize) {
        self.position = self.position.saturating_add_signed(by);
        self.scroll = 0;
    }

    /// Draws the screen of finding `index`, with `footer` as its last line.
    fn draw(&mut self, index: usize, footer: &str) -> Result<()> {
        let (width, height) = Self::size();
        let analysis = &self.analysis;
        let finding = &analysis.findings[index];
        let applied = Applied::new(
            &self.file,
            &analysis.findings,
            &analysis.dataset,
            &analysis.entities,
        );
        let place = screen::Place {
            position: self.position + 1,
            total: self.queue.len(),
            decided: self.decided(),
            previous: applied.previous(index),
            current: applied.of(index),
        };
        let mut lines = vec![];
        if !self.note.is_empty() {
            lines.extend(screen::wrapped(
                &format!("note: {}", self.note),
                width,
                "",
                Style::Accent,
            ));
        }
        if !self.message.is_empty() {
            lines.extend(screen::wrapped(&self.message, width, "", Style::Accent));
        }
        lines.extend(screen::wrapped(footer, width, "", Style::Bold));
        let content = Content {
            header: screen::header(finding, &place, width),
            body: screen::body(analysis, finding, &place, width),
            footer: lines,
        };
        let (lines, scroll) = screen::fit(&content, width, height, self.scroll, self.palette);
        self.scroll = scroll;
        paint(&lines)
    }

    /// Every finding seen: offer previous, undo or quit.
    fn at_end(&mut self) -> Result<bool> {
        let (width, height) = Self::size();
        let mut body = screen::wrapped(
            &format!(
                "All {} findings seen; {} decisions recorded in {}.",
                self.queue.len(),
                self.decided(),
                self.path.display()
            ),
            width,
            "",
            Style::Bold,
        );
        if !self.message.is_empty() {
            body.extend(screen::wrapped(&self.message, width, "", Style::Accent));
        }
        let content = Content {
            header: vec![Line {
                text: "claimlint review".into(),
                style: Style::Dim,
            }],
            body,
            footer: screen::wrapped(
                "[p]revious  [u]ndo the last step  [q]uit",
                width,
                "",
                Style::Bold,
            ),
        };
        paint(&screen::fit(&content, width, height, 0, self.palette).0)?;
        match read_key()? {
            Key::Undo => self.undo()?,
            Key::Previous if !self.queue.is_empty() => {
                self.position = self.queue.len() - 1;
            }
            Key::Quit | Key::Cancel => return Ok(false),
            _ => {}
        }
        Ok(true)
    }

    /// Shows the keys until any key but a scroll or a resize.
    fn show_help(&mut self) -> Result<()> {
        let mut scroll = 0;
        loop {
            let (width, height) = Self::size();
            let content = Content {
                header: vec![Line {
                    text: "claimlint review — keys".into(),
                    style: Style::Dim,
                }],
                body: screen::help(width),
                footer: screen::wrapped("any key returns to the finding", width, "", Style::Bold),
            };
            let (lines, fitted) = screen::fit(&content, width, height, scroll, self.palette);
            scroll = fitted;
            paint(&lines)?;
            match read_key()? {
                Key::Resized => {}
                Key::Scroll(by) => scroll = scroll.saturating_add_signed(by),
                _ => return Ok(()),
            }
        }
    }

    /// Asks for one of the finding's claims by number; its id, `None` if
    /// cancelled.
    fn pick_claim(&mut self, index: usize, question: &str) -> Result<Option<String>> {
        let finding = &self.analysis.findings[index];
        let ids: Vec<String> = finding
            .claims
            .iter()
            .map(|&c| self.analysis.dataset.claims[c].id.clone())
            .collect();
        let listed: Vec<String> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| format!("[{}] {id}", i + 1))
            .collect();
        let prompt = format!("{question} {}  (Esc cancels)", listed.join("  "));
        Ok(match self.pick_number(index, &prompt, ids.len())? {
            Some(n) => Some(ids[n - 1].clone()),
            None => {
                self.message = "cancelled".into();
                None
            }
        })
    }

    /// Reads a number from 1 to `max` (digits, then Enter when a longer
    /// number could follow), showing `prompt`; `None` on Esc.
    fn pick_number(&mut self, index: usize, prompt: &str, max: usize) -> Result<Option<usize>> {
        let mut typed = 0usize;
        loop {
            let shown = if typed == 0 {
                prompt.to_string()
            } else {
                format!("{prompt}  {typed}")
            };
            self.draw(index, &shown)?;
            match read_key()? {
                Key::Digit(d) => {
                    let next = typed * 10 + d;
                    if (1..=max).contains(&next) {
                        typed = next;
                        if typed * 10 > max {
                            return Ok(Some(typed));
                        }
                    }
                }
                Key::Enter if typed > 0 => return Ok(Some(typed)),
                Key::Cancel | Key::Quit => return Ok(None),
                _ => {}
            }
        }
    }

    /// Rejects a claim of finding `index`, picked by number, with a reason.
    fn reject(&mut self, index: usize) -> Result<()> {
        let Some(claim) = self.pick_claim(index, "Reject which claim?")? else {
            return Ok(());
        };
        let reasons: Vec<String> = RejectReason::ALL
            .iter()
            .enumerate()
            .map(|(i, r)| format!("[{}] {r}", i + 1))
            .collect();
        let prompt = format!(
            "Why is `{}` wrong? {}  (Esc cancels)",
            printable(&claim),
            reasons.join("  ")
        );
        let Some(n) = self.pick_number(index, &prompt, RejectReason::ALL.len())? else {
            self.message = "cancelled".into();
            return Ok(());
        };
        let reason = RejectReason::ALL[n - 1];
        let rejection = Rejection {
            reason,
            note: std::mem::take(&mut self.note),
            who: self.who.to_string(),
            when: review::now(),
        };
        let at = self.here();
        let previous = self.update(|file| Ok(file.reject(&claim, rejection)))?;
        let before = self.queue.len();
        self.refresh(&at, false);
        self.message =
            format!(
            "recorded claim `{}` rejected ({reason}): {} finding{} resting only on it settled{}",
            printable(&claim),
            before.saturating_sub(self.queue.len()),
            if before.saturating_sub(self.queue.len()) == 1 { "" } else { "s" },
            super::review::replacing(previous.as_ref().map(Rejection::describe))
        );
        self.steps.push(Step {
            at,
            undo: vec![Undo::Rejection(claim, previous)],
        });
        Ok(())
    }

    /// Records the names of an ambiguous-alias finding as one person or two.
    fn judge(&mut self, index: usize, same: bool) -> Result<()> {
        let Some((name, candidates)) = self.ambiguity(index) else {
            self.message = "cannot tell which names this finding asks about".into();
            return Ok(());
        };
        let other = match candidates.as_slice() {
            [] => return Ok(()),
            [one] => one.clone(),
            many => {
                let listed: Vec<String> = many
                    .iter()
                    .enumerate()
                    .map(|(i, c)| format!("[{}] {c}", i + 1))
                    .collect();
                let prompt = format!(
                    "`{name}` {} which name? {}  (Esc cancels)",
                    if same {
                        "is the same person as"
                    } else {
                        "is not"
                    },
                    listed.join("  ")
                );
                let Some(n) = self.pick_number(index, &printable(&prompt), many.len())? else {
                    self.message = "cancelled".into();
                    return Ok(());
                };
                many[n - 1].clone()
            }
        };
        let judgement = EntityJudgement {
            names: [name, other],
            same,
            note: std::mem::take(&mut self.note),
            who: self.who.to_string(),
            when: review::now(),
        };
        let mut names = judgement.names.clone();
        names.sort();
        let described = judgement.describe();
        let records = self.analysis.dataset.entities.clone();
        let outcome = self.update(|file| {
            let before = review::judgements::conflicts(&file.entities, &records);
            let previous = file.judge(judgement);
            let new: Vec<String> = review::judgements::conflicts(&file.entities, &records)
                .into_iter()
                .filter(|c| !before.contains(c))
                .collect();
            if new.is_empty() {
                return Ok(Ok(previous));
            }
            // Put it back as it was: nothing is recorded.
            match &previous {
                Some(p) => {
                    file.judge(p.clone());
                }
                None => file.entities.retain(|j| j.names != names),
            }
            Ok(Err(new.join("; ")))
        })?;
        match outcome {
            Ok(previous) => {
                let at = self.here();
                self.refresh(&at, false);
                self.message = format!(
                    "recorded {}{}",
                    printable(&described),
                    super::review::replacing(previous.as_ref().map(EntityJudgement::describe))
                );
                self.steps.push(Step {
                    at,
                    undo: vec![Undo::Judgement(names, previous)],
                });
            }
            Err(conflict) => {
                self.message = format!(
                    "not recorded: {} would contradict {}",
                    printable(&described),
                    printable(&conflict)
                );
            }
        }
        Ok(())
    }

    /// The name an ambiguous-alias finding asks about, and its candidates.
    fn ambiguity(&self, index: usize) -> Option<(String, Vec<String>)> {
        let finding = &self.analysis.findings[index];
        self.analysis
            .entities
            .ambiguous
            .iter()
            .find(|a| finding.message.starts_with(&format!("`{}`", a.name)))
            .map(|a| (a.name.clone(), a.candidates.clone()))
    }

    /// Changes the review file under its lock, merged with what is on disk
    /// now, and keeps the result as the session's view of it.
    fn update<T>(&mut self, change: impl FnOnce(&mut ReviewFile) -> Result<T>) -> Result<T> {
        let (out, file) = super::review::update(self.path, &self.analysis, |file| {
            let out = change(file)?;
            Ok((out, file.clone()))
        })?;
        self.file = file;
        Ok(out)
    }

    /// Records the decision about finding `index` and moves on.
    fn record(&mut self, index: usize, (decision, wrong): Choice) -> Result<()> {
        let analysis = &self.analysis;
        let finding = &analysis.findings[index];
        let mut claims: Vec<String> = finding
            .claims
            .iter()
            .map(|&c| analysis.dataset.claims[c].id.clone())
            .collect();
        claims.sort();
        let note = std::mem::take(&mut self.note);
        let when = review::now();
        let review = Review {
            rests_on: review::rests_on(&analysis.dataset, finding, wrong.as_deref()),
            decision,
            wrong: wrong.clone(),
            note: note.clone(),
            who: self.who.to_string(),
            when: when.clone(),
            rule: finding.rule.to_string(),
            claims,
            rejected: None,
        };
        let fingerprint = finding.fingerprint.clone();
        let rule = finding.rule;
        let at = self.here();
        let who = self.who.to_string();
        let (previous, previous_rejection, file) =
            super::review::update(self.path, analysis, |file| {
                let previous = super::review::decide(file, analysis, finding, review);
                let previous_rejection = wrong.as_ref().map(|w| {
                    let rejection = Rejection {
                        reason: RejectReason::Misreported,
                        note,
                        who,
                        when,
                    };
                    (w.clone(), file.reject(w, rejection))
                });
                Ok((previous, previous_rejection, file.clone()))
            })?;
        self.file = file;
        self.touched.insert(fingerprint.clone());
        self.message = confirmation(
            &fingerprint,
            rule,
            decision,
            wrong.as_deref(),
            super::review::replaced_decision(&previous),
        );
        let (own, superseded) = previous;
        let mut undo = vec![Undo::Decision(fingerprint, own)];
        if let Some((earlier, review)) = superseded {
            undo.push(Undo::Decision(earlier, Some(review)));
        }
        if let Some((claim, before)) = previous_rejection {
            undo.push(Undo::Rejection(claim, before));
            // The rejection settles other findings: they leave the queue.
            let count = self.queue.len();
            self.refresh(&at, true);
            let settled = count.saturating_sub(self.queue.len());
            if settled > 0 {
                self.message.push_str(&format!(
                    "; {settled} more finding{} resting only on it settled",
                    if settled == 1 { "" } else { "s" }
                ));
            }
        } else {
            self.go_to(&at, true);
        }
        self.steps.push(Step { at, undo });
        Ok(())
    }

    fn undo(&mut self) -> Result<()> {
        let Some(step) = self.steps.pop() else {
            self.message = "nothing to undo".into();
            return Ok(());
        };
        if step.undo.is_empty() {
            self.go_to(&step.at, false);
            self.message = "undone: skip".into();
            return Ok(());
        }
        let mut said = Vec::new();
        let mut reanalyse = false;
        self.update(|file| {
            for undo in step.undo {
                said.push(undo_one(file, undo, &mut reanalyse));
            }
            Ok(())
        })?;
        self.touched.remove(&step.at.2);
        if reanalyse {
            self.refresh(&step.at, false);
        } else {
            self.queue = self.open_findings();
            self.go_to(&step.at, false);
        }
        self.message = printable(&format!("undone: {}", said.join(" and "))).into_owned();
        Ok(())
    }

    /// Reads a line in cooked mode at the bottom of the screen, so the
    /// terminal does the editing.
    fn read_note(&mut self) -> Result<String> {
        let (_, height) = Self::size();
        write_raw(&format!("\x1b[{height};1H\x1b[2K\x1b[?25h"))?;
        crossterm_terminal::disable_raw_mode().context("leaving raw mode")?;
        let result = (|| {
            write_raw(&format!(
                "note (Enter keeps it{}): ",
                if self.note.is_empty() {
                    ""
                } else {
                    "; an empty line keeps the old one"
                }
            ))?;
            let mut line = String::new();
            std::io::stdin()
                .read_line(&mut line)
                .context("reading the note")?;
            let line = line.trim();
            Ok(if line.is_empty() {
                self.note.clone()
            } else {
                line.to_string()
            })
        })();
        crossterm_terminal::enable_raw_mode().context("returning to raw mode")?;
        write_raw("\x1b[?25l\x1b[2J")?;
        result
    }
}

/// Restores in `file` what `undo` names; what it undid, in words. Sets
/// `reanalyse` when a rejection or judgement changed.
fn undo_one(file: &mut ReviewFile, undo: Undo, reanalyse: &mut bool) -> String {
    match undo {
        Undo::Decision(fp, previous) => {
            match previous {
                Some(review) => {
                    file.decide(&fp, review);
                }
                None => {
                    file.findings.remove(&fp);
                }
            }
            format!("the decision about {fp}")
        }
        Undo::Rejection(id, previous) => {
            *reanalyse = true;
            match previous {
                Some(rejection) => {
                    file.reject(&id, rejection);
                }
                None => {
                    file.rejected.remove(&id);
                }
            }
            format!("the rejection of `{id}`")
        }
        Undo::Judgement(names, previous) => {
            *reanalyse = true;
            match previous {
                Some(judgement) => {
                    file.judge(judgement);
                }
                None => file.entities.retain(|j| j.names != names),
            }
            format!("the judgement of `{}` and `{}`", names[0], names[1])
        }
    }
}

/// The footer's last line: the keys for this finding.
fn keys_prompt(finding: &Finding) -> String {
    screen::keys(finding.rule == "ambiguous-alias").to_string()
}

/// The one-line confirmation of a decision.
fn confirmation(
    fingerprint: &str,
    rule: &str,
    decision: Decision,
    wrong: Option<&str>,
    previous: Option<String>,
) -> String {
    let wrong = wrong
        .map(|w| format!(", claim `{}` rejected (misreported)", printable(w)))
        .unwrap_or_default();
    format!(
        "✓ recorded {decision} for {fingerprint} ({rule}){wrong}{}",
        super::review::replacing(previous)
    )
}
