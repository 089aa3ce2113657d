//! The interactive `claimlint review`, driven through a real terminal (tmux).
//!
//! tmux comes from `scripts/install-test-deps.sh`; without it this test
//! fails with a clear message unless `CLAIMLINT_SKIP_TMUX=1` is set.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::Value;

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

#[test]
fn interactive_review_records_decisions_with_undo_notes_and_resolve() {
    if !tmux_available() {
        if std::env::var_os("CLAIMLINT_SKIP_TMUX").is_some_and(|v| v == "1") {
            eprintln!("skipped: no tmux, and CLAIMLINT_SKIP_TMUX=1");
            return;
        }
        panic!("tmux is needed to test the interactive review: run scripts/install-test-deps.sh (CLAIMLINT_SKIP_TMUX=1 skips)");
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        common::root().join("tests/data/two-findings.json"),
        dir.path().join("fires.json"),
    )
    .unwrap();
    let tmux = Tmux {
        socket: format!("claimlint-test-{}", std::process::id()),
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
}
