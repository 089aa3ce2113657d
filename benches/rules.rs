//! Speed of the rules and of the `check` report on a real dataset.
//!
//! ```text
//! cargo bench --bench rules -- DIR [RUNS]
//! RAYON_NUM_THREADS=1 cargo bench --bench rules -- DIR   # the work, not the wall
//! cargo bench --bench rules -- --one-person 10000 [RUNS]  # one person, 10,000 claims
//! ```
//!
//! Loads and reconciles DIR once (a `scripts/bench.sh` dataset, e.g.
//! `target/bench-data/n100000-s1-…`), then runs every rule RUNS times
//! (default 5) and renders the JSON and human reports as many times into a
//! sink, printing the best time of each: the rules phase, each rule, and
//! each renderer, with the CPU time of the phase and of each renderer
//! (all threads; Linux only). The phases before the rules take most of a `check` run,
//! so timing them once here leaves the rules and rendering measurable on a
//! busy machine. A plain timing harness, with no benchmarking dependency.

use std::io::Write as _;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use claimlint::checker::Context;
use claimlint::config::Config;
use claimlint::render::{self, CheckReport, Palette};
use claimlint::review::{Applied, ReviewFile};
use claimlint::{load, reconcile, rules};

// As in the binary: the allocator is part of what is measured.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let single = std::env::args().any(|a| a == "--one-person");
    let mut args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    if single {
        let Some(claims) = args.first().and_then(|n| n.parse().ok()) else {
            eprintln!("usage: cargo bench --bench rules -- --one-person CLAIMS [RUNS]");
            std::process::exit(2);
        };
        args[0] = one_person(claims).to_string_lossy().into_owned();
    }
    let Some(dir) = args.first() else {
        // Also how `cargo test --all-targets` runs it: nothing to measure.
        eprintln!("usage: cargo bench --bench rules -- DIR [RUNS] | --one-person CLAIMS [RUNS]");
        return;
    };
    let runs: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(5);
    let paths = vec![PathBuf::from(dir)];
    let config = match Config::discover(None, &paths) {
        Ok(config) => config,
        Err(err) => {
            eprintln!("{err:#}");
            std::process::exit(2);
        }
    };
    let started = Instant::now();
    // As `check` reads and reconciles: merges are not explained.
    let options = config.options();
    let dataset = load::load(&paths, &options.load);
    let entities = reconcile::reconcile(&dataset, &options.settings.matching, &[]);
    println!(
        "{} claims, {} entities: loaded and reconciled in {:.1} s; best of {runs} runs:",
        dataset.claims.len(),
        entities.list.len(),
        started.elapsed().as_secs_f64()
    );

    let mut phase = Duration::MAX;
    let mut phase_cpu = Duration::MAX;
    let mut per_rule: Vec<(&str, Duration)> = Vec::new();
    let mut findings = Vec::new();
    for _ in 0..runs {
        let (started, cpu) = (Instant::now(), cpu_time());
        let (found, timings) =
            rules::run_timed(&Context::new(&dataset, &entities, &options.settings));
        phase = phase.min(started.elapsed());
        phase_cpu = phase_cpu.min(cpu_time().saturating_sub(cpu));
        if per_rule.is_empty() {
            per_rule = timings;
        } else {
            for (best, (_, took)) in per_rule.iter_mut().zip(timings) {
                best.1 = best.1.min(took);
            }
        }
        findings = found;
    }
    println!(
        "  rules      {:>8.1} ms (cpu {:.1} ms)",
        ms(phase),
        ms(phase_cpu)
    );
    per_rule.sort_by_key(|rule| std::cmp::Reverse(rule.1));
    for (rule, took) in &per_rule {
        println!("    {rule:<30} {:>8.1} ms", ms(*took));
    }

    let review = ReviewFile::default();
    let reviews = Applied::new(&review, &findings, &dataset, &entities);
    let report = CheckReport {
        dataset: &dataset,
        entities: &entities,
        findings: &findings,
        reviews: &reviews,
        show_reviewed: false,
        statistics: false,
        verbose: false,
    };
    let renderers: [(&str, &Renderer); 2] = [
        ("json", &|out| {
            let _ = render::json::write(&report, out);
        }),
        ("human", &|out| {
            let _ = out.write_all(render::human::render(&report, Palette::PLAIN).as_bytes());
        }),
    ];
    for (name, render) in renderers {
        let (mut best, mut best_cpu) = (Duration::MAX, Duration::MAX);
        for _ in 0..runs {
            let (started, cpu) = (Instant::now(), cpu_time());
            let mut sink = std::io::BufWriter::new(std::io::sink());
            render(&mut sink);
            let _ = sink.flush();
            best = best.min(started.elapsed());
            best_cpu = best_cpu.min(cpu_time().saturating_sub(cpu));
        }
        println!(
            "  render {name:<5} {:>8.1} ms (cpu {:.1} ms)",
            ms(best),
            ms(best_cpu)
        );
    }
    // Freeing a million claims is not part of what is measured.
    std::mem::forget((findings, entities, dataset));
}

/// Writes `target/bench-data/one-person-N/claims.json`: `claims` claims
/// about one person (issue 18, req. 7), of mixed statuses (deaths, signs of
/// life, custody, injuries, roles), dated by day, month or year (some
/// undated, some marked `?`), from a dozen graded sources, some naming an
/// agent or a place, a few refuting an earlier claim. Every rule that
/// compares a person's claims sees all of them at once: the case where
/// findings used to grow with the square of one person's claims. Returns
/// the directory. Deterministic (splitmix64), so runs compare.
fn one_person(claims: usize) -> PathBuf {
    let dir = PathBuf::from(format!("target/bench-data/one-person-{claims}"));
    let mut state = 0x9e37_79b9_7f4a_7c15_u64 ^ claims as u64;
    let mut next = move |n: u64| -> u64 {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        (z ^ (z >> 31)) % n
    };
    const STATUSES: [&str; 10] = [
        "killed",
        "died",
        "alive",
        "active",
        "active",
        "captured",
        "released",
        "injured",
        "role",
        "designated",
    ];
    const AGENTS: [&str; 4] = [
        "US airstrike",
        "Russian airstrike",
        "Peshmerga",
        "rival faction",
    ];
    const PLACES: [&str; 4] = ["Raqqa", "Raqqa, Syria", "near Mosul", "Idlib"];
    let grades = ["A", "B", "C", "D", "E", "F"];
    let mut out = String::from("{\"sources\": [\n");
    for s in 0..12 {
        out.push_str(&format!(
            "  {{\"id\": \"src-{s}\", \"published\": \"{}\", \"reliability\": \"{}\"{}}}{}\n",
            2010 + s,
            grades[s % grades.len()],
            if s > 8 {
                ", \"cites\": [\"src-0\"]"
            } else {
                ""
            },
            if s < 11 { "," } else { "" }
        ));
    }
    out.push_str("],\n\"claims\": [\n");
    for i in 0..claims {
        let status = STATUSES[next(STATUSES.len() as u64) as usize];
        let (year, month, day) = (2010 + next(12), 1 + next(12), 1 + next(28));
        let date = match next(10) {
            0 => String::new(),
            1 => format!(", \"date\": \"{year}\""),
            2 | 3 => format!(", \"date\": \"{year}-{month:02}\""),
            4 => format!(", \"date\": \"{year}-{month:02}-{day:02}?\""),
            _ => format!(", \"date\": \"{year}-{month:02}-{day:02}\""),
        };
        let mut extra = String::new();
        if status == "role" {
            extra.push_str(", \"role\": \"commander\", \"org\": \"Group\"");
        }
        if matches!(status, "killed" | "captured") && next(2) == 0 {
            extra.push_str(&format!(", \"by\": \"{}\"", AGENTS[next(4) as usize]));
        }
        if next(3) == 0 {
            extra.push_str(&format!(", \"place\": \"{}\"", PLACES[next(4) as usize]));
        }
        if i > 0 && next(50) == 0 {
            extra.push_str(&format!(", \"refutes\": [\"c{}\"]", next(i as u64)));
        }
        out.push_str(&format!(
            "  {{\"id\": \"c{i}\", \"who\": \"Abu Bakr al-Testi\", \"status\": \"{status}\"{date}, \"source\": \"src-{}\", \"reported\": \"2023\"{extra}}}{}\n",
            next(12),
            if i + 1 < claims { "," } else { "" }
        ));
    }
    out.push_str("]}\n");
    std::fs::create_dir_all(&dir).expect("creating target/bench-data");
    std::fs::write(dir.join("claims.json"), out).expect("writing the one-person dataset");
    dir
}

/// Writes one report into the sink it is given.
type Renderer<'r> = dyn Fn(&mut dyn std::io::Write) + 'r;

/// CPU time of every thread of the process so far (Linux, from
/// `/proc/self/task/*/schedstat`; zero elsewhere): on a shared machine the
/// work done varies less than the wall time.
fn cpu_time() -> Duration {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return Duration::ZERO;
    };
    let nanos: u64 = tasks
        .flatten()
        .filter_map(|task| std::fs::read_to_string(task.path().join("schedstat")).ok())
        .filter_map(|stat| stat.split_whitespace().next()?.parse::<u64>().ok())
        .sum();
    Duration::from_nanos(nanos)
}

fn ms(took: Duration) -> f64 {
    took.as_secs_f64() * 1000.0
}
