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
        Trial::ignorable_test(
            "the_screen_fits_80x24_with_its_header_pinned_and_scrolls",
            the_screen_fits_80x24_with_its_header_pinned_and_scrolls,
        ),
        Trial::ignorable_test(
            "rejecting_a_claim_and_judging_names_from_the_screen",
            rejecting_a_claim_and_judging_names_from_the_screen,
        ),
        Trial::ignorable_test(
            "escape_sequences_in_the_data_are_shown_not_sent",
            escape_sequences_in_the_data_are_shown_not_sent,
        ),
        Trial::ignorable_test(
            "an_interrupted_review_restores_the_terminal_and_leaves_no_files",
            an_interrupted_review_restores_the_terminal_and_leaves_no_files,
        ),
        Trial::ignorable_test(
            "a_decision_written_meanwhile_by_another_process_is_kept",
            a_decision_written_meanwhile_by_another_process_is_kept,
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

impl Tmux {
    /// A new server running `claimlint ARGS` in `dir` on a `width` ×
    /// `height` terminal, then printing its exit code.
    fn start(name: &str, dir: &Path, args: &str, (width, height): (u16, u16)) -> Tmux {
        let tmux = Tmux {
            socket: format!("claimlint-test-{}-{name}", std::process::id()),
        };
        let command = format!(
            "{} {args} ; echo EXITED $?; sleep 30",
            env!("CARGO_BIN_EXE_claimlint")
        );
        let (width, height) = (width.to_string(), height.to_string());
        let started = tmux.cmd(&[
            "new-session",
            "-d",
            "-s",
            "review",
            "-x",
            &width,
            "-y",
            &height,
            "-c",
            dir.to_str().unwrap(),
            &command,
        ]);
        assert!(started.status.success(), "{started:?}");
        tmux
    }

    /// The screen's lines, trailing blanks kept as tmux gives them.
    fn lines(&self) -> Vec<String> {
        self.screen().lines().map(String::from).collect()
    }
}

/// A temporary directory holding `files` (paths under the crate root),
/// each under its own name.
fn copy_of(files: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for file in files {
        let from = common::root().join(file);
        std::fs::copy(&from, dir.path().join(from.file_name().unwrap())).unwrap();
    }
    dir
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
    let dir = copy_of(&["tests/data/two-findings.json"]);
    let tmux = Tmux::start(
        "decisions",
        dir.path(),
        "--color never review --reviewer tess .",
        (160, 50),
    );

    // The first finding: header, numbered claims, reasoning, the timeline.
    let screen = tmux.wait_for("[c]onfirm");
    assert!(screen.contains("finding 1 of 2 unreviewed"), "{screen}");
    assert!(screen.contains("error[event-after-report]"), "{screen}");
    assert!(
        screen.contains("timeline:") && screen.contains("▶"),
        "{screen}"
    );
    assert!(screen.contains("reasoning:"), "{screen}");
    assert!(screen.contains("source: orton-2017 [B]"), "{screen}");
    assert!(screen.contains("[1] killed 2017-09"), "{screen}");

    // A note, then confirm: the file has it at once.
    tmux.keys(&["n"]);
    tmux.wait_for("note (Enter keeps it");
    tmux.keys(&["a first look", "Enter"]);
    tmux.wait_for("note: a first look");
    tmux.keys(&["c"]);
    let screen = tmux.wait_for("finding 2 of 2");
    assert!(screen.contains("✓ recorded confirmed for "), "{screen}");
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
    let screen = tmux.wait_for("finding 2 of 2");
    assert!(screen.contains("✓ recorded resolved for "), "{screen}");
    // Back to the first and forward again: it shows its decision.
    tmux.keys(&["p"]);
    let screen = tmux.wait_for("finding 1 of 2");
    assert!(screen.contains("decided: resolved"), "{screen}");
    tmux.keys(&["s"]);
    tmux.wait_for("finding 2 of 2");
    // Skip the second, undo the skip, dismiss it.
    tmux.keys(&["s"]);
    tmux.wait_for("All 2 findings seen");
    tmux.keys(&["u"]);
    tmux.wait_for("finding 2 of 2");
    tmux.keys(&["d"]);
    tmux.wait_for("All 2 findings seen");
    tmux.keys(&["q"]);
    let screen = tmux.wait_for("EXITED 0");
    assert!(screen.contains("decisions recorded in"), "{screen}");

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
    let tmux = Tmux::start("example", dir.path(), "review claims/", (160, 50));
    // The first finding's header stays on the first lines however long the
    // finding is; the keys on the last.
    let screen = tmux.wait_for("[c]onfirm");
    let lines = tmux.lines();
    assert!(
        lines[0].starts_with("claimlint review — finding 1 of 8 unreviewed")
            && lines[0].contains("ad5ad3248255ae16"),
        "{screen}"
    );
    assert!(
        lines[1].starts_with("warning[alive-after-death]"),
        "{screen}"
    );
    assert!(lines[49].contains("[q]uit"), "{screen}");
    // Resolving names the wrong claim; the other findings resting only on
    // it leave the queue at once.
    tmux.keys(&["r"]);
    tmux.wait_for("Which claim is wrong?");
    tmux.keys(&["1"]);
    let screen = tmux.wait_for("✓ recorded resolved");
    assert!(
        screen.contains("claim `mainok-killed-2019-09` rejected (misreported); 2 more findings resting only on it settled"),
        "{screen}"
    );
    assert!(screen.contains("finding 2 of 6 unreviewed"), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED 0");
    Ok(Completion::Completed)
}

/// At 80 × 24 the header stays on top, the keys at the bottom, the body
/// scrolls between them, `?` lists the keys, and a resize lays it out again.
fn the_screen_fits_80x24_with_its_header_pinned_and_scrolls() -> Result<Completion, Failed> {
    if !tmux_available() {
        return no_tmux();
    }
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&common::root().join("claims"), &dir.path().join("claims"));
    let tmux = Tmux::start("fits", dir.path(), "--color never review claims/", (80, 24));
    let screen = tmux.wait_for("[q]uit");
    let lines = tmux.lines();
    assert_eq!(lines.len(), 24, "{screen}");
    assert!(
        lines[0].starts_with("claimlint review — finding 1 of 8"),
        "{screen}"
    );
    assert!(lines.iter().all(|l| l.chars().count() <= 80), "{screen}");
    assert!(lines[23].contains("[q]uit"), "{screen}");
    assert!(screen.contains("lines 1–"), "{screen}");
    // Words are never cut: a wrapped line ends at a word's end.
    assert!(screen.contains("2019-09-01/2019-09-20"), "{screen}");

    tmux.keys(&["PageDown"]);
    let screen = tmux.wait_for("lines 16–");
    assert!(
        tmux.lines()[0].starts_with("claimlint review — finding 1 of 8"),
        "{screen}"
    );

    tmux.keys(&["?"]);
    let screen = tmux.wait_for("any key returns");
    assert!(
        screen.contains("Keys") && screen.contains("reject a claim"),
        "{screen}"
    );
    tmux.keys(&["Escape"]);
    tmux.wait_for("[c]onfirm");

    tmux.keys(&["p"]);
    tmux.wait_for("this is the first finding");

    // Wider: laid out again, the header still on the first line.
    assert!(tmux
        .cmd(&["resize-window", "-t", "review", "-x", "160", "-y", "50"])
        .status
        .success());
    let start = Instant::now();
    loop {
        let lines = tmux.lines();
        if lines.len() == 50 && lines[49].contains("[q]uit") {
            assert!(lines[0].starts_with("claimlint review — finding 1 of 8"));
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "never laid out again: {}",
            tmux.screen()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED 0");
    Ok(Completion::Completed)
}

/// `x` rejects a claim picked by number with a reason picked by number;
/// `=` records the names of an ambiguous-alias finding as one person.
fn rejecting_a_claim_and_judging_names_from_the_screen() -> Result<Completion, Failed> {
    if !tmux_available() {
        return no_tmux();
    }
    let dir = copy_of(&[
        "tests/data/two-findings.json",
        "claims/fixtures/ambiguous-alias/fires.json",
    ]);
    let tmux = Tmux::start(
        "reject",
        dir.path(),
        "--color never review --reviewer tess .",
        (120, 40),
    );
    tmux.wait_for("[c]onfirm");
    // The ambiguous-alias finding offers same / not-same.
    let mut screen = tmux.screen();
    while !screen.contains("ambiguous-alias") {
        tmux.keys(&["s"]);
        std::thread::sleep(Duration::from_millis(300));
        screen = tmux.screen();
        assert!(
            !screen.contains("findings seen"),
            "no ambiguous-alias finding: {screen}"
        );
    }
    assert!(screen.contains("[=] same person"), "{screen}");
    tmux.keys(&["="]);
    let screen = tmux.wait_for("recorded `Usama al-Muhajir` = `Usama al-Mujahir`");
    assert!(screen.contains("[c]onfirm"), "{screen}");
    let file = review_file(dir.path());
    assert_eq!(file["entities"][0]["same"], true, "{file:#}");

    tmux.keys(&["u"]);
    tmux.wait_for("undone: the judgement");
    assert_eq!(review_file(dir.path())["entities"], serde_json::json!([]));

    tmux.keys(&["x"]);
    tmux.wait_for("Reject which claim?");
    tmux.keys(&["1"]);
    tmux.wait_for("[3] wrong-person");
    tmux.keys(&["3"]);
    let screen = tmux.wait_for("rejected (wrong-person)");
    let file = review_file(dir.path());
    let rejected = file["rejected"].as_object().unwrap();
    assert_eq!(rejected.len(), 1, "{file:#}\n{screen}");
    assert_eq!(rejected.values().next().unwrap()["reason"], "wrong-person");
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED 0");
    Ok(Completion::Completed)
}

/// A name holding escape sequences (a window title, a screen clear) is
/// shown escaped; the terminal never receives them.
fn escape_sequences_in_the_data_are_shown_not_sent() -> Result<Completion, Failed> {
    if !tmux_available() {
        return no_tmux();
    }
    let dir = tempfile::tempdir().unwrap();
    let name = r"Abu Test\u001b]2;pwned\u0007\u001b[2J al-Example";
    std::fs::write(
        dir.path().join("data.json"),
        format!(
            r#"{{"sources": [{{"id": "s", "published": "2020-01-01"}}],
                "claims": [
                  {{"id": "k", "who": "{name}", "status": "killed", "date": "2014", "source": "s"}},
                  {{"id": "a", "who": "{name}", "status": "alive", "date": "2016", "source": "s"}}]}}"#
        ),
    )
    .unwrap();
    let tmux = Tmux::start("escapes", dir.path(), "--color never review .", (120, 40));
    let screen = tmux.wait_for("[c]onfirm");
    assert!(
        screen.contains("Abu Test\\x1b]2;pwned\\x07\\x1b[2J al-Example"),
        "{screen}"
    );
    let title = tmux.cmd(&["display-message", "-p", "-t", "review", "#{pane_title}"]);
    assert!(
        !String::from_utf8_lossy(&title.stdout).contains("pwned"),
        "{title:?}"
    );
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED 0");
    Ok(Completion::Completed)
}

/// Another process records a decision while the screen is open; the next
/// decision made at the screen keeps it.
fn a_decision_written_meanwhile_by_another_process_is_kept() -> Result<Completion, Failed> {
    if !tmux_available() {
        return no_tmux();
    }
    let dir = copy_of(&["tests/data/two-findings.json"]);
    let tmux = Tmux::start(
        "meanwhile",
        dir.path(),
        "--color never review --reviewer tess .",
        (160, 50),
    );
    tmux.wait_for("finding 1 of 2");
    let (report, _, _) = common::run_in(dir.path(), &["check", "--format", "json", "."]);
    let report: Value = serde_json::from_str(&report).unwrap();
    let second = report["findings"][1]["fingerprint"]
        .as_str()
        .unwrap()
        .to_string();
    let (_, stderr, code) = common::run_in(
        dir.path(),
        &[
            "review",
            "--fingerprint",
            &second,
            "--decision",
            "dismissed",
            "--note",
            "elsewhere",
            ".",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    tmux.keys(&["c"]);
    tmux.wait_for("✓ recorded confirmed");
    let file = review_file(dir.path());
    assert_eq!(file["findings"].as_object().unwrap().len(), 2, "{file:#}");
    assert_eq!(file["findings"][&second]["note"], "elsewhere");
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED 0");
    Ok(Completion::Completed)
}

/// Interrupted (Ctrl-C while a note is typed, when the terminal is not in
/// raw mode and Ctrl-C is a signal): the terminal is restored, the process
/// exits as interrupted, the decisions made are kept and no temporary file
/// is left in the data directory.
fn an_interrupted_review_restores_the_terminal_and_leaves_no_files() -> Result<Completion, Failed> {
    if !tmux_available() {
        return no_tmux();
    }
    let dir = copy_of(&["tests/data/two-findings.json"]);
    let tmux = Tmux::start(
        "interrupt",
        dir.path(),
        "--color never review --reviewer tess .",
        (100, 30),
    );
    tmux.wait_for("finding 1 of 2");
    tmux.keys(&["c"]);
    tmux.wait_for("finding 2 of 2");
    tmux.keys(&["n"]);
    tmux.wait_for("note (Enter keeps it");
    tmux.keys(&["C-c"]);
    let screen = tmux.wait_for("EXITED 130");
    // Back on the normal screen: the review's screen is gone.
    assert!(!screen.contains("[c]onfirm"), "{screen}");
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["claimlint-review.json", "two-findings.json"]);
    assert_eq!(
        review_file(dir.path())["findings"]
            .as_object()
            .unwrap()
            .len(),
        1
    );
    Ok(Completion::Completed)
}
