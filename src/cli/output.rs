//! Where results go: stdout for results, stderr for progress and notes,
//! colour only when asked for or on a terminal.

use std::io::{IsTerminal, Write};

use anyhow::{Context as _, Result};

use claimlint::render::Palette;

use super::args::ColorChoice;

/// The palette `--color` asks for: an explicit choice wins, then `NO_COLOR`,
/// then whether stdout is a terminal.
pub fn palette(choice: ColorChoice) -> Palette {
    let enabled = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    };
    // Text for a person is wrapped to the terminal's width; a pipe gets
    // whole lines.
    let width = std::io::stdout()
        .is_terminal()
        .then(|| crossterm::terminal::size().ok())
        .flatten()
        .map(|(columns, _)| usize::from(columns));
    Palette { enabled, width }
}

/// Writes `text` to stdout and flushes it.
pub fn write_stdout(text: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .context("writing to stdout")?;
    stdout.flush().context("writing to stdout")?;
    Ok(())
}

/// Streams a report to stdout through a buffer: a large dataset's report is
/// never built in memory.
pub fn stream_stdout(write: &dyn Fn(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    write(&mut stdout).context("writing to stdout")?;
    stdout.flush().context("writing to stdout")?;
    Ok(())
}

/// A spinner on stderr naming the phase of a long run. Shown only for human
/// output with stderr on a terminal: never in pipes, CI logs or JSON.
pub struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    /// Starts the spinner, if the output is for a person at a terminal.
    pub fn start(for_people: bool) -> Progress {
        if !for_people || !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        Progress(Some(bar))
    }

    /// A callback that names each phase on the spinner, for
    /// [`claimlint::Options::on_phase`].
    pub fn observer(&self) -> Option<Box<dyn Fn(&'static str) + Send + Sync>> {
        let bar = self.0.clone()?;
        Some(Box::new(move |phase| bar.set_message(phase)))
    }

    /// Clears the spinner.
    pub fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
