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

/// A plain test (passes unless it panics) for the test targets that run
/// under libtest-mimic (`harness = false` in Cargo.toml) because one of
/// their tests can be ignored at run time.
pub fn trial(name: &str, test: fn()) -> libtest_mimic::Trial {
    libtest_mimic::Trial::test(name, move || {
        test();
        Ok(())
    })
}

/// The outcome of a test whose outside tool is missing: ignored, with the
/// reason shown beside the test's name, when `skip_var` is `1`; otherwise a
/// failure saying how to get the tool, so a missing tool never passes quietly.
pub fn tool_missing(
    tool: &str,
    skip_var: &str,
    how_to_get_it: &str,
) -> Result<libtest_mimic::Completion, libtest_mimic::Failed> {
    if std::env::var_os(skip_var).is_some_and(|v| v == "1") {
        Ok(libtest_mimic::Completion::ignored_with(format!(
            "no {tool}, and {skip_var}=1"
        )))
    } else {
        Err(format!(
            "{tool} is needed {how_to_get_it} ({skip_var}=1 reports this test as ignored instead)"
        )
        .into())
    }
}

/// Copies the directory `from` to `to` (created), files and subdirectories;
/// for running commands that write on a copy of the bundled data.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
