//! Directory input as a user sees it: the real binary on directories built
//! in a temporary folder (not a git repository), checking what was read
//! (`summary.claims`), the input errors, and the exit code.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// A claim record with this id (a plain, valid claim).
fn claim(id: &str) -> String {
    format!(r#"{{"id": "{id}", "who": "Person {id}", "status": "alive", "date": "2020"}}"#)
}

/// Writes `text` to `dir/path`, making the folders.
fn write(dir: &Path, path: &str, text: &str) {
    let path = dir.join(path);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// What a run printed and how it ended.
struct Run {
    json: Value,
    stderr: String,
    code: i32,
}

impl Run {
    fn claims(&self) -> u64 {
        self.json["summary"]["claims"].as_u64().unwrap_or(u64::MAX)
    }

    fn errors(&self) -> Vec<String> {
        let errors = self.json["input_errors"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        errors
            .iter()
            .map(|e| {
                format!(
                    "{}: {}",
                    e["file"].as_str().unwrap_or(""),
                    e["message"].as_str().unwrap_or("")
                )
            })
            .collect()
    }
}

/// `claimlint check --format json ARGS` in `dir`, killed (and failed) if
/// it has not finished in 60 seconds: a file that blocks must not hang the
/// test suite.
fn check(dir: &Path, args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimlint"))
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the claimlint binary runs");
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("claimlint {args:?} did not finish in 60 s (blocked on a file?)");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    Run {
        json: serde_json::from_str(&stdout).unwrap_or(Value::Null),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code().unwrap_or(-1),
    }
}

#[test]
fn gitignore_ignore_and_hidden_files_are_skipped_outside_git() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "data/ok.json", &format!("[{}]", claim("ok")));
    write(root, "data/.gitignore", "node_modules/\nscratch-*.json\n");
    write(root, "data/.ignore", "drafts/\n");
    // Each of these would be a duplicate id if it were read.
    let again = format!("[{}]", claim("ok"));
    write(root, "data/node_modules/pkg/package.json", &again);
    write(root, "data/sub/node_modules/x.json", &again);
    write(root, "data/scratch-1.json", &again);
    write(root, "data/drafts/d.json", &again);
    write(root, "data/.hidden/h.json", &again);
    write(root, "data/.h.json", &again);
    let run = check(root, &["data"]);
    assert_eq!(run.errors(), Vec::<String>::new(), "{}", run.stderr);
    assert_eq!((run.claims(), run.code), (1, 0), "{}", run.stderr);

    // Named explicitly, an ignored or hidden file is read.
    let run = check(
        root,
        &["data/ok.json", "data/.hidden/h.json", "data/scratch-1.json"],
    );
    assert_eq!(run.claims(), 1);
    let errors = run.errors();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors.iter().all(|e| e.contains("duplicate claim id `ok`")));
}

#[test]
fn exclude_takes_globs_and_names_at_any_depth() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "data/claimlint.toml",
        "[input]\nexclude = [\"fixtures\", \"*.bak.json\", \"/top-only.json\"]\n",
    );
    write(root, "data/ok.json", &format!("[{}]", claim("ok")));
    write(root, "data/sub/kept.json", &format!("[{}]", claim("kept")));
    write(
        root,
        "data/sub/top-only.json",
        &format!("[{}]", claim("nested")),
    );
    let again = format!("[{}]", claim("ok"));
    write(root, "data/fixtures/f.json", &again);
    write(root, "data/sub/fixtures/f.json", &again);
    write(root, "data/old.bak.json", &again);
    write(root, "data/top-only.json", &again);
    let run = check(root, &["data"]);
    assert_eq!(run.errors(), Vec::<String>::new(), "{}", run.stderr);
    // ok, kept, and the nested top-only.json (the pattern is anchored).
    assert_eq!((run.claims(), run.code), (3, 0));
}

#[test]
fn an_invalid_exclude_glob_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "data/claimlint.toml",
        "[input]\nexclude = [\"fixtures\", \"data[.json\"]\n",
    );
    write(root, "data/ok.json", &format!("[{}]", claim("ok")));
    let run = check(root, &["data"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("data/claimlint.toml:2:25: invalid `exclude` pattern `data[.json`: unclosed character class"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_file_reached_twice_through_a_symlink_is_read_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "data/a.json", &format!("[{}]", claim("a")));
    std::os::unix::fs::symlink("a.json", root.join("data/b.json")).unwrap();
    std::os::unix::fs::symlink("../data/a.json", root.join("data/c.json")).unwrap();
    let run = check(root, &["data", "data/a.json"]);
    assert_eq!(run.errors(), Vec::<String>::new(), "{}", run.stderr);
    assert_eq!((run.claims(), run.code), (1, 0));
}

#[test]
fn pipes_devices_and_links_to_them_are_reported_and_never_opened() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "data/ok.json", &format!("[{}]", claim("ok")));
    let made = Command::new("mkfifo")
        .arg(root.join("data/pipe.json"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    std::os::unix::fs::symlink("/dev/urandom", root.join("data/random.json")).unwrap();
    // A link with another name is not a data file: passed over in silence.
    std::os::unix::fs::symlink("/dev/urandom", root.join("data/random")).unwrap();
    let run = check(root, &["data"]);
    assert_eq!(run.claims(), 1);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.errors(),
        [
            "data/pipe.json: skipped: `data/pipe.json` is a named pipe (FIFO); only regular files are read",
            "data/random.json: skipped: `data/random.json` is a device; only regular files are read",
        ]
    );

    // Named explicitly, they are refused just the same.
    let run = check(root, &["data/ok.json", "data/pipe.json", "/dev/zero"]);
    assert_eq!((run.claims(), run.code), (1, 2));
    assert_eq!(
        run.errors(),
        [
            "/dev/zero: skipped: `/dev/zero` is a device; only regular files are read",
            "data/pipe.json: skipped: `data/pipe.json` is a named pipe (FIFO); only regular files are read",
        ]
    );
}

#[test]
fn a_file_of_junk_gives_a_hundred_errors_and_a_count() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let junk: String = (0..5000).map(|i| format!("junk line {i}\n")).collect();
    write(root, "data/log.jsonl", &junk);
    write(root, "data/ok.json", &format!("[{}]", claim("ok")));
    let run = check(root, &["data"]);
    assert_eq!((run.claims(), run.code), (1, 2));
    let errors = run.errors();
    assert_eq!(errors.len(), 101);
    assert!(
        errors[100].ends_with(
            "4900 more input errors in this file are not shown (only the first 100 are); it is probably not a claims file"
        ),
        "{}",
        errors[100]
    );
}
