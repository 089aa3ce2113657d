//! The real binary, as a user runs it.
//!
//! Most of it is data: each `tests/cmd/*.toml` is one run of the binary
//! (its arguments, working directory, exit code, stdout and stderr), run by
//! trycmd in `cases`. tests/cmd/README.md says how to add a case and
//! regenerate expected output (`TRYCMD=overwrite cargo test --test cli`).
//!
//! `documented_examples_are_cases` holds the documentation to the same
//! standard: every command line in README.md and in every `--help` text must
//! be the arguments of a case run on the bundled data, and that case must not
//! fail, so a documented example that stops working is a failing test.
//!
//! The Rust tests at the end check what one run's expected output cannot.

mod common;

use std::path::Path;

use common::{root, run};

/// The case files, relative to the crate root.
const CASES: &str = "tests/cmd";

/// Cases that write files (`review`, `report --html`) run on a copy of the
/// bundled data: `fs.base = "bundled-data"` with `fs.sandbox = true` makes
/// trycmd copy this directory (which holds `claims/`, a copy that `cases`
/// refreshes, gitignored) into a new temporary directory for each run, so
/// no test writes to `claims/`. trycmd can only copy a directory beside the
/// case files, so the copy has to live here.
const BUNDLED_DATA: &str = "bundled-data";

#[test]
fn cases() {
    mirror(
        &root().join("claims"),
        &root().join(CASES).join(BUNDLED_DATA).join("claims"),
    );
    trycmd::TestCases::new()
        .register_bin("claimlint", Path::new(env!("CARGO_BIN_EXE_claimlint")))
        // clap wraps `--help` at $COLUMNS when it is set; 100 is what it
        // uses without a terminal, and the width the help cases were made at.
        .env("COLUMNS", "100")
        .case(format!("{CASES}/*.toml"));
}

/// Makes `to` hold exactly the files of `from`, writing only what differs
/// (so that two test runs at once do not trip over each other).
fn mirror(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(to).unwrap() {
        let entry = entry.unwrap();
        if !from.join(entry.file_name()).exists() {
            let path = entry.path();
            if path.is_dir() {
                std::fs::remove_dir_all(&path).unwrap();
            } else {
                std::fs::remove_file(&path).unwrap();
            }
        }
    }
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            if target.is_file() {
                std::fs::remove_file(&target).unwrap();
            }
            mirror(&entry.path(), &target);
        } else {
            let content = std::fs::read(entry.path()).unwrap();
            if target.is_dir() {
                std::fs::remove_dir_all(&target).unwrap();
            }
            if std::fs::read(&target).ok().as_ref() != Some(&content) {
                std::fs::write(&target, content).unwrap();
            }
        }
    }
}

/// One case file, as far as the checks below need it.
#[derive(Debug)]
struct Case {
    file: String,
    args: Vec<String>,
    /// Runs from the crate root, or on a copy of it that holds `claims/`.
    on_bundled_data: bool,
    /// The expected exit code; `None` for `status = "failed"` and the like.
    exit_code: Option<i64>,
    stdout: Option<String>,
    stderr: Option<String>,
}

fn cases_on_disk() -> Vec<Case> {
    let mut cases = Vec::new();
    for entry in std::fs::read_dir(root().join(CASES)).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            cases.push(read_case(&path));
        }
    }
    cases.sort_by(|a, b| a.file.cmp(&b.file));
    cases
}

fn read_case(path: &Path) -> Case {
    let file = format!("{CASES}/{}", path.file_name().unwrap().to_string_lossy());
    let text = std::fs::read_to_string(path).unwrap();
    let toml: toml::Table = text
        .parse()
        .unwrap_or_else(|e| panic!("{file}: not TOML: {e}"));
    let args = match toml.get("args") {
        Some(toml::Value::Array(args)) => args
            .iter()
            .map(|a| a.as_str().expect("args are strings").to_string())
            .collect(),
        Some(toml::Value::String(line)) => shlex::split(line).expect("args split"),
        _ => Vec::new(),
    };
    let fs = |key: &str| {
        toml.get("fs")
            .and_then(|fs| fs.get(key))
            .map(|v| v.to_string())
    };
    let from_root = fs("cwd").as_deref() == Some("\"../..\"")
        && fs("base").is_none()
        && fs("sandbox").as_deref() != Some("true");
    let on_copy = fs("base").as_deref() == Some(&format!("\"{BUNDLED_DATA}\""))
        && fs("cwd").is_none()
        && fs("sandbox").as_deref() == Some("true");
    let exit_code = match toml.get("status") {
        Some(toml::Value::Table(status)) => status.get("code").and_then(|c| c.as_integer()),
        Some(toml::Value::String(status)) if status == "success" => Some(0),
        _ => None,
    };
    let stream = |name: &str| {
        toml.get(name)
            .and_then(|v| v.as_str().map(String::from))
            .or_else(|| std::fs::read_to_string(path.with_extension(name)).ok())
    };
    Case {
        file,
        args,
        on_bundled_data: from_root || on_copy,
        exit_code,
        stdout: stream("stdout"),
        stderr: stream("stderr"),
    }
}

/// A case that checks less than it seems is worse than none: every case
/// states its exit code, stdout and stderr (an empty string for nothing).
#[test]
fn every_case_checks_exit_code_stdout_and_stderr() {
    let cases = cases_on_disk();
    assert!(cases.len() > 10, "no cases found in {CASES}");
    let mut problems = Vec::new();
    for case in &cases {
        let text = std::fs::read_to_string(root().join(&case.file)).unwrap();
        let declares_status = text.lines().any(|l| l.starts_with("status"));
        if !declares_status {
            problems.push(format!("{}: no `status`", case.file));
        }
        if case.stdout.is_none() {
            problems.push(format!("{}: no `stdout` (use \"\" for none)", case.file));
        }
        if case.stderr.is_none() {
            problems.push(format!("{}: no `stderr` (use \"\" for none)", case.file));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A command line shown to users, and where.
#[derive(Debug)]
struct Example {
    args: Vec<String>,
    shown_in: String,
    /// The output shown with it (a `$ claimlint ...` block), if any.
    output: Option<String>,
}

/// Documented examples that cannot pass as a case: their arguments, the
/// test file that runs them instead (checked to mention them), and why.
/// Their case must still exist (it records what happens without a terminal).
const RUN_ELSEWHERE: &[(&[&str], &str, &str)] = &[(
    &["review", "claims/"],
    "tests/interactive.rs",
    "the interactive review needs a terminal: it runs this example in tmux",
)];

#[test]
fn documented_examples_are_cases() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut examples = readme_examples(&readme);
    examples.extend(help_examples());
    // The finder itself must not go blind: README.md's first example and
    // `review --help`'s examples must be among what it found.
    assert!(
        examples.iter().any(|e| e.args == ["check", "claims/"]),
        "the example finder missed README.md's `claimlint check claims/`: {examples:#?}"
    );
    assert!(
        examples
            .iter()
            .any(|e| e.shown_in == "`claimlint review --help`"),
        "the example finder found nothing in `claimlint review --help`: {examples:#?}"
    );
    if std::env::var_os("CLAIMLINT_LIST_EXAMPLES").is_some() {
        for example in &examples {
            eprintln!(
                "{}: claimlint {}",
                example.shown_in,
                shell_words(&example.args)
            );
        }
    }

    let cases = cases_on_disk();
    let mut problems = Vec::new();
    for example in &examples {
        let command = format!("claimlint {}", shell_words(&example.args));
        let Some(case) = cases
            .iter()
            .find(|c| c.args == example.args && c.on_bundled_data)
        else {
            problems.push(format!(
                "{} shows `{command}`, but no case in {CASES}/ runs it on the bundled data \
                 (add one: see {CASES}/README.md)",
                example.shown_in
            ));
            continue;
        };
        let elsewhere = RUN_ELSEWHERE
            .iter()
            .find(|(args, _, _)| example.args == *args);
        if elsewhere.is_none() && !matches!(case.exit_code, Some(0 | 1)) {
            problems.push(format!(
                "{} shows `{command}`, which fails on the bundled data: {} expects exit code {:?}",
                example.shown_in, case.file, case.exit_code
            ));
        }
        if let Some(shown) = &example.output {
            let expected = case.stdout.as_deref().unwrap_or_default();
            if let Err(difference) = shown_output_matches(shown, expected) {
                problems.push(format!(
                    "{} shows output for `{command}` that differs from {}'s stdout:\n{difference}",
                    example.shown_in, case.file,
                ));
            }
        }
    }
    // An entry there that no longer matches a documented example is stale.
    for (args, runner, why) in RUN_ELSEWHERE {
        let command = format!("claimlint {}", args.join(" "));
        if !examples.iter().any(|e| e.args == *args) {
            problems.push(format!(
                "RUN_ELSEWHERE lists `{command}` ({why}), which is no longer documented"
            ));
        }
        let source = std::fs::read_to_string(root().join(runner)).unwrap();
        if !source.contains(&args.join(" ")) {
            problems.push(format!("{runner} does not run `{command}` ({why})"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// The command lines of README.md: in ```sh (and plain, console, yaml)
/// blocks, every `claimlint ...`, `$ claimlint ...`, `run: claimlint ...`
/// and `cargo run ... -- ...` line; in the prose, every `claimlint ...` code
/// span without placeholders (`claimlint check [PATH...]` is a synopsis).
fn readme_examples(readme: &str) -> Vec<Example> {
    let mut examples = Vec::new();
    let mut prose = String::new();
    let mut lines = readme.lines().enumerate();
    while let Some((index, line)) = lines.next() {
        let Some(info) = line.strip_prefix("```") else {
            prose.push_str(line);
            prose.push('\n');
            continue;
        };
        let mut block = Vec::new();
        for (number, line) in lines.by_ref() {
            if line.starts_with("```") {
                break;
            }
            block.push((number + 1, line));
        }
        if ["", "sh", "shell", "bash", "console", "yaml"].contains(&info.trim()) {
            examples.extend(block_examples(&block, index + 1));
        }
    }
    for span in prose.split('`').skip(1).step_by(2) {
        let span = span.split_whitespace().collect::<Vec<_>>().join(" ");
        let Some(args) = command_args(&span) else {
            continue;
        };
        let placeholder = |arg: &String| {
            arg.contains('[')
                || arg.contains("...")
                || arg.contains('|')
                || (arg.len() > 1
                    && arg
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit()))
        };
        if !args.iter().any(placeholder) {
            examples.push(Example {
                args,
                shown_in: format!("README.md (`{span}` in the text)"),
                output: None,
            });
        }
    }
    examples
}

/// The commands of one fenced block. In a block with `$ ` lines only those
/// are commands, and the lines after each are its output.
fn block_examples(block: &[(usize, &str)], fence_line: usize) -> Vec<Example> {
    let console = block.iter().any(|(_, l)| l.starts_with("$ "));
    let mut examples: Vec<Example> = Vec::new();
    let mut continued: Option<(usize, String)> = None;
    let mut in_output = false;
    for &(number, line) in block {
        let (start, text) = match continued.take() {
            Some((start, text)) => (start, format!("{text} {}", line.trim())),
            None => {
                if console && !line.starts_with("$ ") {
                    if in_output {
                        let output = examples.last_mut().unwrap().output.get_or_insert_default();
                        output.push_str(line);
                        output.push('\n');
                    }
                    continue;
                }
                (number, line.trim().to_string())
            }
        };
        if let Some(text) = text.strip_suffix('\\') {
            continued = Some((start, text.to_string()));
            continue;
        }
        let text = text.strip_prefix("$ ").unwrap_or(&text);
        let text = text.strip_prefix("run: ").unwrap_or(text);
        in_output = false;
        if let Some(args) = command_args(text) {
            examples.push(Example {
                args,
                shown_in: format!("README.md:{start} (the block at line {fence_line})"),
                output: None,
            });
            in_output = console;
        }
    }
    examples
}

/// The arguments of a `claimlint ...` or `cargo run [--release] -- ...`
/// command line, up to the first shell operator (`>`, `|`, `||`, `&&`, `;`).
fn command_args(line: &str) -> Option<Vec<String>> {
    let words = shlex::split(line)?;
    let end = words
        .iter()
        .position(|w| [">", ">>", "<", "|", "||", "&&", ";", "2>", "&>"].contains(&w.as_str()))
        .unwrap_or(words.len());
    let words = &words[..end];
    match words {
        [first, rest @ ..] if first == "claimlint" => Some(rest.to_vec()),
        [cargo, run, rest @ ..] if cargo == "cargo" && run == "run" => {
            let separator = rest.iter().position(|w| w == "--")?;
            // `--example NAME` or `--bin NAME` runs something else.
            let runs_claimlint = rest[..separator].iter().all(|w| {
                w.starts_with("--") && !["--example", "--bin", "--bench"].contains(&w.as_str())
            });
            runs_claimlint.then(|| rest[separator + 1..].to_vec())
        }
        _ => None,
    }
}

/// The examples in every `--help` text: the top-level one and each
/// subcommand's that `claimlint --help` lists, so a new subcommand's examples
/// are found too. An example is a line starting with `claimlint ` (or
/// `$ claimlint `), with `\` continuations; usage lines are not examples.
fn help_examples() -> Vec<Example> {
    let top = help(&[]);
    let subcommands: Vec<String> = top
        .lines()
        .skip_while(|l| l.trim() != "Commands:")
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        // A subcommand's line is indented by two; a wrapped description, more.
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next().map(String::from))
        .filter(|name| name != "help")
        .collect();
    assert!(
        subcommands.len() > 5 && subcommands.iter().any(|s| s == "review"),
        "subcommands not found in:\n{top}"
    );
    let mut helps = vec![("claimlint --help".to_string(), top)];
    for subcommand in subcommands {
        let text = help(&[&subcommand]);
        helps.push((format!("claimlint {subcommand} --help"), text));
    }
    let mut examples = Vec::new();
    for (command, help) in helps {
        let mut continued: Option<String> = None;
        for line in help.lines() {
            let text = match continued.take() {
                Some(text) => format!("{text} {}", line.trim()),
                None => line.trim().to_string(),
            };
            if let Some(text) = text.strip_suffix('\\') {
                continued = Some(text.to_string());
                continue;
            }
            let text = text.strip_prefix("$ ").unwrap_or(&text);
            if !text.starts_with("claimlint ") {
                continue;
            }
            if let Some(args) = command_args(text) {
                examples.push(Example {
                    args,
                    shown_in: format!("`{command}`"),
                    output: None,
                });
            }
        }
    }
    examples
}

/// `claimlint [SUBCOMMAND] --help`, wrapped at the width the help cases use.
fn help(subcommand: &[&str]) -> String {
    let output = common::claimlint()
        .args(subcommand)
        .arg("--help")
        .env("COLUMNS", "100")
        .output()
        .unwrap();
    assert!(output.status.success(), "{subcommand:?} --help: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

fn shell_words(args: &[String]) -> String {
    shlex::try_join(args.iter().map(String::as_str)).unwrap_or_else(|_| args.join(" "))
}

/// Whether output shown in the README is the real output, where a line
/// `...` stands for any number of lines left out.
fn shown_output_matches(shown: &str, real: &str) -> Result<(), String> {
    let real: Vec<&str> = real.trim_end().lines().collect();
    let shown: Vec<&str> = shown.trim_end().lines().collect();
    let chunks: Vec<&[&str]> = shown.split(|l| *l == "...").collect();
    let mut next = 0;
    for (i, chunk) in chunks.iter().enumerate() {
        let first = i == 0;
        let last = i == chunks.len() - 1;
        let at = if first {
            0
        } else if last {
            real.len().saturating_sub(chunk.len()).max(next)
        } else {
            (next..=real.len().saturating_sub(chunk.len()))
                .find(|&at| real[at..].starts_with(chunk))
                .unwrap_or(next)
        };
        for (j, line) in chunk.iter().enumerate() {
            let actual = real.get(at + j).copied().unwrap_or("<end>");
            if *line != actual {
                return Err(format!(
                    "  shown:    {line:?}\n  real line {}: {actual:?}",
                    at + j + 1
                ));
            }
        }
        if last && !chunk.is_empty() && at + chunk.len() != real.len() {
            return Err(format!(
                "  the real output goes on after the shown lines: {:?}",
                real.get(at + chunk.len()).copied().unwrap_or("<end>")
            ));
        }
        next = at + chunk.len();
    }
    Ok(())
}

// What a case cannot express: a relation between two runs, and a reader
// that goes away.

/// The same input gives byte-identical JSON run after run, and the order of
/// the paths does not change the findings' fingerprints. A case compares one
/// run with a file; this compares runs with each other.
#[test]
fn json_output_is_byte_stable_and_order_independent() {
    let a = run(&[
        "check",
        "--format",
        "json",
        "claims/fixtures/event-after-report",
        "claims/fixtures/unsourced-claim",
    ]);
    let b = run(&[
        "check",
        "--format",
        "json",
        "claims/fixtures/event-after-report",
        "claims/fixtures/unsourced-claim",
    ]);
    assert_eq!(a, b);
    let c = run(&[
        "check",
        "--format",
        "json",
        "claims/fixtures/unsourced-claim",
        "claims/fixtures/event-after-report",
    ]);
    let fingerprints = |text: &str| {
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        let mut f: Vec<String> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["fingerprint"].to_string())
            .collect();
        f.sort();
        f
    };
    assert_eq!(fingerprints(&a.0), fingerprints(&c.0));
}

/// Like `claimlint schema | head -0`: a reader that closes the pipe at once
/// is not an error. trycmd always reads the whole output, so a case cannot
/// close the pipe early.
#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = common::claimlint()
        .args(["schema"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Close our end at once, like `| head -0`.
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(status.code() == Some(0), "{status:?} {stderr}");
}
