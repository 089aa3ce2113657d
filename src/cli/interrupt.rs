//! An interrupted `claimlint review` (or `report --html`) leaves nothing behind: on SIGINT,
//! SIGTERM or SIGHUP the temporary file of a write in progress is removed
//! (and the terminal restored) before the process exits as the signal asks.

use std::sync::Once;

/// Whether the interactive review has the terminal in its alternate screen
/// and raw mode, for the handler to restore.
pub static IN_SCREEN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Installs the handler, once per process.
pub fn remove_temporary_files_on_interrupt() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(install);
}

#[cfg(unix)]
fn install() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use signal_hook::iterator::Signals;
    let Ok(mut signals) = Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    // A thread, not the handler itself: removing files is not safe inside a
    // signal handler, and the thread is woken through a pipe.
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            claimlint::review::remove_temporary_files();
            if IN_SCREEN.load(std::sync::atomic::Ordering::SeqCst) {
                super::interactive::restore_terminal();
            }
            std::process::exit(128 + signal);
        }
    });
}

#[cfg(not(unix))]
fn install() {}
