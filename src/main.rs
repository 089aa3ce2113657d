//! Thin entry point: parse arguments, run, map the outcome to an exit code.
//! The command line (`cli/`) belongs to the binary, not the library.

mod cli;

use std::process::ExitCode;

use clap::Parser;

// Reconciling a million names allocates tens of millions of small strings;
// mimalloc is markedly faster than glibc's allocator at that and returns
// less fragmented memory (see docs/benchmark.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` in the bundled v3 `mimalloc.h`
/// (the sys crate names no constant for it), and its default (`options.c`).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
const PURGE_DELAY_DEFAULT_MS: std::os::raw::c_long = 1000;

/// Keep freed memory for reuse instead of handing it back to the kernel
/// a second later. A run frees large buffers (the loader's per-block claims,
/// the matcher's parsed spellings) and allocates as much again moments
/// later; purged pages come back zeroed by the kernel (0.2-0.4 s of a
/// million-claim run, measured). A batch process gives everything back
/// when it exits anyway. The option is only changed while it still has its
/// documented default, so a renumbered option in another mimalloc (or a
/// user's `MIMALLOC_PURGE_DELAY`) is left alone.
fn keep_freed_memory() {
    // SAFETY: both calls take and return plain integers; mimalloc's options
    // are safe to read and set at any time, from any thread.
    unsafe {
        if libmimalloc_sys::mi_option_get(PURGE_DELAY) == PURGE_DELAY_DEFAULT_MS {
            libmimalloc_sys::mi_option_set(PURGE_DELAY, -1);
        }
    }
}

fn main() -> ExitCode {
    keep_freed_memory();
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
            eprintln!("error: {err:#}");
            ExitCode::from(cli::EXIT_BAD_INPUT)
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_purge_delay_option_is_the_one_named() {
        // The constant is read from a header: if the numbering moves, the
        // option found there no longer has the purge delay's default.
        // SAFETY: reads an integer option.
        let value = unsafe { libmimalloc_sys::mi_option_get(super::PURGE_DELAY) };
        assert!(
            value == super::PURGE_DELAY_DEFAULT_MS || value == -1,
            "{value}"
        );
    }
}
