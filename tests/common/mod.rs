//! Shared test helpers: the real binary, and insta settings that keep every
//! snapshot in the top-level `snapshots/` folder.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// insta settings: snapshots in `snapshots/`, absolute paths redacted.
pub fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root().join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    let root = root().display().to_string();
    settings.add_filter(&regex_escape(&root), "[ROOT]");
    settings
}

fn regex_escape(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            if "\\.+*?()|[]{}^$".contains(c) {
                vec!['\\', c]
            } else {
                vec![c]
            }
        })
        .collect()
}

/// The claimlint binary, run from the crate root with colour off.
pub fn claimlint() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimlint"));
    cmd.current_dir(root());
    cmd.env_remove("NO_COLOR");
    cmd
}

/// Runs the binary; returns (stdout, stderr, exit code).
pub fn run(args: &[&str]) -> (String, String, i32) {
    run_in(&root(), args)
}

pub fn run_in(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let output = claimlint()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the claimlint binary runs");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code().unwrap_or(-1),
    )
}
