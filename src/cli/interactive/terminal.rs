//! The terminal the interactive review runs in: raw mode and the
//! alternate screen for as long as a [`Terminal`] lives (and restored by the
//! interruption handler too), single keys read as what they ask for, and a
//! laid-out screen painted without scrolling the terminal.

use std::io::Write as _;
use std::sync::atomic::Ordering;

use anyhow::{Context as _, Result};
use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use crossterm::terminal;

use claimlint::review::Decision;

use super::super::interrupt::IN_SCREEN;

/// The terminal in raw mode and the alternate screen for as long as it
/// lives, whatever way we leave.
pub struct Terminal;

impl Terminal {
    pub fn enter() -> Result<Terminal> {
        terminal::enable_raw_mode().context("cannot switch the terminal to raw mode")?;
        IN_SCREEN.store(true, Ordering::SeqCst);
        // The alternate screen, the cursor hidden.
        write_raw("\x1b[?1049h\x1b[?25l")?;
        Ok(Terminal)
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// Leaves the alternate screen, shows the cursor and leaves raw mode (also
/// from the interruption handler).
pub fn restore_terminal() {
    if IN_SCREEN.swap(false, Ordering::SeqCst) {
        let _ = write_raw("\x1b[?25h\x1b[?1049l");
        let _ = terminal::disable_raw_mode();
    }
}

pub fn write_raw(text: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .context("writing to the terminal")
}

/// What a key asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Decide(Decision),
    Resolve,
    Reject,
    Same,
    NotSame,
    Next,
    Previous,
    Note,
    Undo,
    Help,
    Quit,
    Scroll(isize),
    Top,
    Bottom,
    Digit(usize),
    Enter,
    Cancel,
    /// The terminal changed size: lay the screen out again.
    Resized,
}

/// Lines a page key scrolls by; negative is up.
pub const PAGE: isize = 15;

pub fn read_key() -> Result<Key> {
    loop {
        let key = match event::read().context("reading a key")? {
            Event::Key(key) => key,
            Event::Resize(..) => return Ok(Key::Resized),
            _ => continue,
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
            KeyCode::Char('x' | 'X') => Key::Reject,
            KeyCode::Char('=') => Key::Same,
            KeyCode::Char('-') => Key::NotSame,
            KeyCode::Char('s' | 'S') | KeyCode::Right => Key::Next,
            KeyCode::Char('p' | 'P') | KeyCode::Left => Key::Previous,
            KeyCode::Char('n' | 'N') => Key::Note,
            KeyCode::Char('u' | 'U') => Key::Undo,
            KeyCode::Char('?' | 'h') => Key::Help,
            KeyCode::Char('q' | 'Q') => Key::Quit,
            KeyCode::Char('j') | KeyCode::Down => Key::Scroll(1),
            KeyCode::Char('k') | KeyCode::Up => Key::Scroll(-1),
            KeyCode::Char(' ') | KeyCode::PageDown => Key::Scroll(PAGE),
            KeyCode::PageUp => Key::Scroll(-PAGE),
            KeyCode::Home | KeyCode::Char('g') => Key::Top,
            KeyCode::End | KeyCode::Char('G') => Key::Bottom,
            KeyCode::Char(c) if c.is_ascii_digit() => Key::Digit(c as usize - '0' as usize),
            KeyCode::Enter => Key::Enter,
            KeyCode::Esc => Key::Cancel,
            _ => continue,
        });
    }
}

/// Home, each line cleared to its end; no newline after the last, so the
/// screen never scrolls.
pub fn paint(lines: &[String]) -> Result<()> {
    let mut out = String::from("\x1b[H");
    out.push_str(&lines.join("\x1b[K\r\n"));
    out.push_str("\x1b[K\x1b[J");
    write_raw(&out)
}
