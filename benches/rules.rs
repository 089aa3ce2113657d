//! Speed of the rules and of the `check` report on a real dataset.
//!
//! ```text
//! cargo bench --bench rules -- DIR [RUNS]
//! RAYON_NUM_THREADS=1 cargo bench --bench rules -- DIR   # the work, not the wall
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

use claimlint::config::Config;
use claimlint::render::{self, CheckReport, Palette};
use claimlint::review::{Applied, ReviewFile};
use claimlint::{load, reconcile, rules};

// As in the binary: the allocator is part of what is measured.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let Some(dir) = args.first() else {
        // Also how `cargo test --all-targets` runs it: nothing to measure.
        eprintln!("usage: cargo bench --bench rules -- DIR [RUNS]");
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
    let options = load::LoadOptions {
        exclude: config.input.exclude.clone(),
        exclude_from: config.path.clone(),
    };
    let dataset = load::load(&paths, &options);
    let matching = claimlint::names::MatchConfig {
        threshold: config.matching.threshold,
        review_band: config.matching.review_band,
        // As `check` reconciles: merges are not explained.
        explain_merges: false,
    };
    let entities = reconcile::reconcile(&dataset, &matching, &[]);
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
        let (found, timings) = rules::run_timed(&rules::Context::new(&dataset, &entities, &config));
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
    let reviews = Applied::new(&review, &findings, &entities);
    let report = CheckReport {
        dataset: &dataset,
        entities: &entities,
        findings: &findings,
        reviews: &reviews,
        show_reviewed: false,
        statistics: false,
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
