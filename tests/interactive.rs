//! The interactive `claimlint review`, driven through a real terminal (tmux).
//!
//! tmux comes from `scripts/install-test-deps.sh`; without it these tests
//! fail with a clear message, or report as ignored, with that reason, when
//! `CLAIMLINT_SKIP_TMUX=1` is set. That is decided at run time, so this
//! target runs under libtest-mimic (`harness = false`): `main` lists the tests.

mod common;

use libtest_mimic::{Completion, Failed, Trial};

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::Value;

fn main() -> std::process::ExitCode {
    let tests = vec![
        Trial::ignorable_test(
            "interactive_review_records_decisions_with_undo_notes_and_resolve",
            interactive_review_records_decisions_with_undo_notes_and_resolve,
        ),
        Trial::ignorable_test(
            "the_documented_interactive_example_runs_on_the_bundled_data",
            the_documented_interactive_example_runs_on_the_bundled_data,
        ),
    ];
    libtest_mimic::run(&libtest_mimic::Arguments::from_args(), tests).exit_code()
}

/// A tmux server of our own (its own socket), killed when dropped.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn cmd(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux runs")
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", "review"]).stdout)
            .into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "review"];
        args.extend_from_slice(keys);
        assert!(self.cmd(&args).status.success());
    }

    /// Waits until the screen shows `text`.
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "never saw {text:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]);
    }
}

fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn review_file(dir: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("claimlint-review.json")).unwrap())
        .unwrap()
}

/// The outcome when tmux is missing: see `common::tool_missing`.
fn no_tmux() -> Result<Completion, Failed> {
    common::tool_missing(
        "tmux",
        "CLAIMLINT_SKIP_TMUX",
        "to test the interactive review: run scripts/install-test-deps.sh",
    )
}

fn interactive_review_records_decisions_with_undo_notes_and_resolve() -> Result<Completion, Failed>
{
    if !tmux_available() {
        return no_tmux();
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        common::root().join("tests/data/two-findings.json"),
        dir.path().join("fires.json"),
    )
    .unwrap();
    let tmux = Tmux {
        socket: format!("claimlint-test-{}-decisions", std::process::id()),
    };
    let command = format!(
        "{} --color never review --reviewer tess . ; echo EXITED $?; sleep 30",
        env!("CARGO_BIN_EXE_claimlint")
    );
    let started = tmux.cmd(&[
        "new-session",
        "-d",
        "-s",
        "review",
        "-x",
        "160",
        "-y",
        "50",
        "-c",
        dir.path().to_str().unwrap(),
        &command,
    ]);
    assert!(started.status.success(), "{started:?}");

    // The first finding: side by side claims, the timeline, the reasoning.
    let screen = tmux.wait_for("[c]onfirm");
    assert!(screen.contains("finding 1 of 2 unreviewed"), "{screen}");
    assert!(screen.contains("error[event-after-report]"), "{screen}");
    assert!(
        screen.contains("timeline:") && screen.contains("▶"),
        "{screen}"
    );
    assert!(screen.contains("reasoning:"), "{screen}");
    assert!(screen.contains("source: orton-2017 [B]"), "{screen}");

    // A note, then confirm: the file has it at once.
    tmux.keys(&["n"]);
    tmux.wait_for("note (Enter keeps it");
    tmux.keys(&["a first look", "Enter"]);
    tmux.wait_for("note: a first look");
    tmux.keys(&["c"]);
    tmux.wait_for("finding 2 of 2");
    let file = review_file(dir.path());
    let first = file["findings"]
        .as_object()
        .unwrap()
        .values()
        .next()
        .unwrap()
        .clone();
    assert_eq!(first["decision"], "confirmed");
    assert_eq!(first["note"], "a first look");
    assert_eq!(first["who"], "tess");

    // Undo takes it back, in the file too.
    tmux.keys(&["u"]);
    let screen = tmux.wait_for("finding 1 of 2");
    assert!(screen.contains("undone"), "{screen}");
    assert!(review_file(dir.path())["findings"]
        .as_object()
        .unwrap()
        .is_empty());

    // Resolve: choose the wrong claim by number.
    tmux.keys(&["r"]);
    tmux.wait_for("Which claim is wrong?");
    tmux.keys(&["1"]);
    tmux.wait_for("finding 2 of 2");
    // Skip the second, undo the skip, dismiss it.
    tmux.keys(&["s"]);
    tmux.wait_for("All 2 findings seen");
    tmux.keys(&["u"]);
    tmux.wait_for("finding 2 of 2");
    tmux.keys(&["d"]);
    tmux.wait_for("All 2 findings seen");
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED 0");

    let file = review_file(dir.path());
    let decisions: Vec<(String, Option<String>)> = file["findings"]
        .as_object()
        .unwrap()
        .values()
        .map(|r| {
            (
                r["decision"].as_str().unwrap().to_string(),
                r["wrong"].as_str().map(String::from),
            )
        })
        .collect();
    assert_eq!(decisions.len(), 2, "{file:#}");
    assert!(
        decisions.contains(&("dismissed".into(), None)),
        "{decisions:?}"
    );
    assert!(
        decisions
            .iter()
            .any(|(d, w)| d == "resolved" && w.is_some()),
        "{decisions:?}"
    );

    // And check passes now.
    let (_, _, code) = common::run_in(dir.path(), &["check", "."]);
    assert_eq!(code, 0);
    Ok(Completion::Completed)
}

/// `claimlint review claims/`, the interactive example of README.md and
/// `review --help`, run as written in a terminal on a copy of the bundled
/// data (tests/cli.rs checks that this is still the documented example):
/// it opens on the first unreviewed finding and quits cleanly.
fn the_documented_interactive_example_runs_on_the_bundled_data() -> Result<Completion, Failed> {
    if !tmux_available() {
        return no_tmux();
    }
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&common::root().join("claims"), &dir.path().join("claims"));
    let tmux = Tmux {
        socket: format!("claimlint-test-{}-example", std::process::id()),
    };
    let command = format!(
        "{} review claims/ ; echo EXITED $?; sleep 30",
        env!("CARGO_BIN_EXE_claimlint")
    );
    let started = tmux.cmd(&[
        "new-session",
        "-d",
        "-s",
        "review",
        "-x",
        "160",
        "-y",
        "50",
        "-c",
        dir.path().to_str().unwrap(),
        &command,
    ]);
    assert!(started.status.success(), "{started:?}");
    // The first finding is long enough that its header has scrolled off
    // the 50 lines by now: its fingerprint, at the bottom, identifies it.
    let screen = tmux.wait_for("[c]onfirm");
    assert!(
        screen.contains("= fingerprint: c4c291e1b8b1e807"),
        "{screen}"
    );
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED 0");
    Ok(Completion::Completed)
}
