//! Evaluate name clustering on the labelled alias development set.
//!
//! ```text
//! cargo run --release --example alias_eval -- /work/shared/data/alias-dev [--misses N]
//! ```
//!
//! Every name is clustered alone (its own group, no alias links), as the
//! matcher would see an unlinked dataset. Prints pairwise and B-cubed
//! precision/recall/F1, recall by name quality, the number of candidate
//! pairs, the run time, and the false merges. `--misses N` also prints N
//! missed true pairs with their match explanation, for tuning. On stderr:
//! `ALIAS_SPLITS=1` prints each name's true and predicted cluster,
//! `ALIAS_AMBIGUOUS=1` each answer left for review.

use anyhow::{Context, Result};
use claimlint::names::{cluster, Constraints, Decision, MatchConfig, NameSet};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Deserialize)]
struct ClusterLine {
    cluster: String,
    names: Vec<NameEntry>,
}

#[derive(Deserialize)]
struct NameEntry {
    name: String,
    quality: String,
}

struct Mention {
    name: String,
    quality: String,
    truth: usize,
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let mut dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/alias-dev");
    let mut misses = 0usize;
    let mut vetoes = 0usize;
    while let Some(arg) = args.next() {
        if arg == "--vetoes" {
            vetoes = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
        } else if arg == "--misses" {
            misses = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
        } else {
            dir = PathBuf::from(arg);
        }
    }
    let path = dir.join("clusters.jsonl");
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let mut mentions: Vec<Mention> = Vec::new();
    let mut cluster_ids: Vec<String> = Vec::new();
    for (line_number, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let parsed: ClusterLine = serde_json::from_str(line)
            .with_context(|| format!("{}:{}", path.display(), line_number + 1))?;
        let truth = cluster_ids.len();
        cluster_ids.push(parsed.cluster);
        for entry in parsed.names {
            mentions.push(Mention {
                name: entry.name,
                quality: entry.quality,
                truth,
            });
        }
    }

    let groups: Vec<Vec<&str>> = mentions.iter().map(|m| vec![m.name.as_str()]).collect();
    let cfg = MatchConfig::default();
    let started = Instant::now();
    let result = cluster(&groups, &Constraints::default(), &cfg);
    let elapsed = started.elapsed();
    let predicted = &result.cluster_of_group;
    if std::env::var_os("ALIAS_SPLITS").is_some() {
        for (k, m) in mentions.iter().enumerate() {
            eprintln!("{}\t{}\t{}", m.truth, predicted[k], m.name);
        }
    }

    // Pairwise counts over unordered mention pairs.
    let (mut true_pairs, mut predicted_pairs, mut both) = (0u64, 0u64, 0u64);
    let mut recall_by_quality: HashMap<&str, (u64, u64)> = HashMap::new();
    let mut missed: Vec<(usize, usize)> = Vec::new();
    for i in 0..mentions.len() {
        for j in i + 1..mentions.len() {
            let same_truth = mentions[i].truth == mentions[j].truth;
            let same_predicted = predicted[i] == predicted[j];
            true_pairs += u64::from(same_truth);
            predicted_pairs += u64::from(same_predicted);
            both += u64::from(same_truth && same_predicted);
            if same_truth && same_predicted && std::env::var_os("ALIAS_FOUND").is_some() {
                eprintln!("{} | {}", mentions[i].name, mentions[j].name);
            }
            if same_truth {
                // A pair counts toward the weaker quality of its two names.
                let quality = weaker(&mentions[i].quality, &mentions[j].quality);
                let entry = recall_by_quality.entry(quality).or_default();
                entry.0 += u64::from(same_predicted);
                entry.1 += 1;
                if !same_predicted {
                    missed.push((i, j));
                }
            }
        }
    }
    let ratio = |a: u64, b: u64| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    let f1 = |p: f64, r: f64| {
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    };
    let (p, r) = (ratio(both, predicted_pairs), ratio(both, true_pairs));

    // B-cubed, per mention.
    let mut size_truth: HashMap<usize, f64> = HashMap::new();
    let mut size_predicted: HashMap<usize, f64> = HashMap::new();
    let mut size_both: HashMap<(usize, usize), f64> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        *size_truth.entry(m.truth).or_default() += 1.0;
        *size_predicted.entry(predicted[i]).or_default() += 1.0;
        *size_both.entry((m.truth, predicted[i])).or_default() += 1.0;
    }
    let (mut bp, mut br) = (0.0, 0.0);
    for (i, m) in mentions.iter().enumerate() {
        let overlap = size_both[&(m.truth, predicted[i])];
        bp += overlap / size_predicted[&predicted[i]];
        br += overlap / size_truth[&m.truth];
    }
    let n = mentions.len().max(1) as f64;
    let (bp, br) = (bp / n, br / n);

    println!(
        "alias-dev: {} names in {} clusters",
        mentions.len(),
        cluster_ids.len()
    );
    println!("candidate pairs: {}", result.candidate_pairs);
    println!("clustering time: {:.1} ms", elapsed.as_secs_f64() * 1000.0);
    println!("predicted clusters: {}", size_predicted.len());
    println!("pairwise  P {p:.4}  R {r:.4}  F1 {:.4}   ({both} of {true_pairs} true pairs, {predicted_pairs} predicted)", f1(p, r));
    println!("B-cubed   P {bp:.4}  R {br:.4}  F1 {:.4}", f1(bp, br));
    let mut qualities: Vec<_> = recall_by_quality.iter().collect();
    qualities.sort();
    for (quality, (found, total)) in qualities {
        println!(
            "recall of pairs involving {quality:<7} {:.4} ({found}/{total})",
            ratio(*found, *total)
        );
    }
    println!("ambiguity records: {}", result.ambiguous.len());
    if std::env::var_os("ALIAS_AMBIGUOUS").is_some() {
        for a in &result.ambiguous {
            eprintln!(
                "AMBIG\t{}\t{}\t{}",
                a.name,
                a.candidates.join(" ; "),
                a.explanation
            );
        }
    }

    // False merges: links that joined names of different true clusters.
    let truth_of: HashMap<&str, usize> =
        mentions.iter().map(|m| (m.name.trim(), m.truth)).collect();
    let mut false_merges: Vec<_> = result
        .merges
        .iter()
        .filter(|m| {
            matches!((truth_of.get(m.names[0].as_str()), truth_of.get(m.names[1].as_str())),
                (Some(a), Some(b)) if a != b)
        })
        .collect();
    false_merges.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.names.cmp(&b.names)));
    println!("false merges: {}", false_merges.len());
    for merge in false_merges.iter().take(15) {
        println!(
            "  {:.3}  {}  |  {}\n         {}",
            merge.score, merge.names[0], merge.names[1], merge.reason
        );
    }

    if misses > 0 {
        println!("missed true pairs (first {misses} sharing a token):");
        let all: Vec<&str> = mentions.iter().map(|m| m.name.as_str()).collect();
        let name_set = NameSet::new(&all);
        let mut shown = 0;
        for (i, j) in missed {
            let Some(result) = name_set.match_pair(i, j, &cfg) else {
                continue;
            };
            if result.decision == Decision::Different && result.score < 0.5 {
                continue;
            }
            println!(
                "  {:.3} {:?}  {}  |  {}\n         {}",
                result.score,
                result.decision,
                mentions[i].name,
                mentions[j].name,
                result.explanation
            );
            shown += 1;
            if shown >= misses {
                break;
            }
        }
    }
    if vetoes > 0 {
        print_vetoes(&mentions, &cfg, vetoes);
    }
    Ok(())
}

/// Evidence of difference between two names of one true person: each is a
/// cannot-link that can keep the person's other names apart too.
fn print_vetoes(mentions: &[Mention], cfg: &MatchConfig, limit: usize) {
    let all: Vec<&str> = mentions.iter().map(|m| m.name.as_str()).collect();
    let name_set = NameSet::new(&all);
    let mut found: Vec<(String, String, String)> = Vec::new();
    for i in 0..mentions.len() {
        for j in i + 1..mentions.len() {
            if mentions[i].truth != mentions[j].truth {
                continue;
            }
            let Some(result) = name_set.match_pair(i, j, cfg) else {
                continue;
            };
            if let Some((_, against)) =
                result
                    .explanation
                    .split_once("against: ")
                    .filter(|(_, rest)| {
                        !rest
                            .split(';')
                            .next()
                            .unwrap_or("")
                            .contains("not ruling out")
                    })
            {
                let why = against.split(';').next().unwrap_or("").to_string();
                found.push((why, mentions[i].name.clone(), mentions[j].name.clone()));
            }
        }
    }
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for (why, _, _) in &found {
        *counts.entry(why.as_str()).or_default() += 1;
    }
    println!("cannot-links inside true clusters: {}", found.len());
    for (why, n) in counts {
        println!("  {n:5}  {why}");
    }
    for (why, a, b) in found.iter().take(limit) {
        println!("  {a}  |  {b}\n         {why}");
    }
}

fn weaker<'a>(a: &'a str, b: &'a str) -> &'a str {
    let rank = |q: &str| match q {
        "primary" => 0,
        "good" => 1,
        _ => 2,
    };
    if rank(a) >= rank(b) {
        a
    } else {
        b
    }
}
