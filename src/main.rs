//! Thin entry point: parse arguments, run, map the outcome to an exit code.
//! The command line (`cli/`) belongs to the binary, not the library.

mod allocator;
mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    allocator::keep_freed_memory();
    let cli = cli::args::Cli::parse();
    match cli::run(&cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            // A closed pipe (`claimlint check | head`) is not an error.
            if err
                .chain()
                .filter_map(|e| e.downcast_ref::<std::io::Error>())
                .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            // Messages quote the data: shown, never sent to the terminal.
            for (i, line) in format!("{err:#}").lines().enumerate() {
                let prefix = if i == 0 { "error: " } else { "" };
                eprintln!("{prefix}{}", claimlint::render::printable(line));
            }
            ExitCode::from(cli::EXIT_BAD_INPUT)
        }
    }
}
