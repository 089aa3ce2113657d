//! The process's allocator, and the one setting of it that a benchmark
//! shows still pays (see `docs/benchmark.md`, "Allocator").
//!
//! The `libmimalloc-sys` crate names no constant for mimalloc's
//! `mi_option_purge_delay`, so this module is the documented wrapper around
//! it: the number, where it comes from, a guard against a renumbered
//! option, and a test that the number is the option meant.

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
pub fn keep_freed_memory() {
    // SAFETY: both calls take and return plain integers; mimalloc's options
    // are safe to read and set at any time, from any thread.
    unsafe {
        if libmimalloc_sys::mi_option_get(PURGE_DELAY) == PURGE_DELAY_DEFAULT_MS {
            libmimalloc_sys::mi_option_set(PURGE_DELAY, -1);
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
