//! The bench's summary: each pair's criterion medians and their ratio, and the
//! alternating measurement (`AB_ROUNDS=N`). Shared by every bench that compares with an
//! anchor (`#[path = "tokio1/summary.rs"] mod summary;`).

use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime};

use criterion::Criterion;

/// The environment variable asking for the alternating measurement: its value is the
/// number of rounds.
pub(crate) const ROUNDS_ENV: &str = "AB_ROUNDS";

/// A bench's `main`: runs its criterion groups, prints each pair's medians and ratio from
/// this run, and returns the rounds of alternation [`ROUNDS_ENV`] asks for, if any.
pub(crate) fn run(benches: fn(), pairs: impl FnOnce() -> Vec<Pair>) -> Option<usize> {
    let started = SystemTime::now();
    benches();
    Criterion::default().configure_from_args().final_summary();
    print_medians(&pairs(), started);
    std::env::var(ROUNDS_ENV)
        .ok()
        .and_then(|rounds| rounds.parse().ok())
}

/// One pair to compare: criterion's ids of the peer and of ours, and the number of writes
/// per iteration when the figure to show is the time per write.
pub(crate) struct Pair {
    pub(crate) group: String,
    pub(crate) peer: String,
    pub(crate) ours: String,
    pub(crate) writes: Option<usize>,
}

/// Medians and ratios of the pairs this run measured (criterion's files from earlier
/// runs, or from a filtered-out benchmark, are left out).
pub(crate) fn print_medians(pairs: &[Pair], started: SystemTime) {
    let Some(root) = criterion_dir() else {
        return;
    };
    let mut lines = Vec::new();
    for pair in pairs {
        let median = |id: &str| median_ns(&root.join(&pair.group).join(id), started);
        let (Some(peer_ns), Some(ours_ns)) = (median(&pair.peer), median(&pair.ours)) else {
            continue;
        };
        lines.push(format!(
            "{:<14} {:<38} {:>15}   {:<32} {:>15}   {:>5.2}x",
            pair.group,
            pair.peer,
            show(peer_ns, pair.writes),
            pair.ours,
            show(ours_ns, pair.writes),
            peer_ns / ours_ns
        ));
    }
    if lines.is_empty() {
        return;
    }
    println!("\nmedians, and peer / ours (above 1.00x: ours is faster):");
    for line in lines {
        println!("{line}");
    }
}

/// Times `peer` and `ours` in alternation, `rounds` times (who goes first alternates as
/// well), and prints both medians and the median and quartiles of the per-round ratio.
pub(crate) fn interleaved(
    label: &str,
    writes: Option<usize>,
    rounds: usize,
    peer: &mut dyn FnMut(),
    ours: &mut dyn FnMut(),
) {
    let time = |f: &mut dyn FnMut()| {
        let started = Instant::now();
        f();
        started.elapsed().as_nanos() as f64
    };
    // One untimed call each, to fill caches and buffers.
    peer();
    ours();
    let (mut peer_ns, mut ours_ns, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds.max(1) {
        let (p, o) = if round % 2 == 0 {
            let p = time(peer);
            (p, time(ours))
        } else {
            let o = time(ours);
            (time(peer), o)
        };
        peer_ns.push(p);
        ours_ns.push(o);
        ratios.push(p / o);
    }
    let (q1, ratio, q3) = quartiles(&mut ratios);
    println!(
        "{label:<20} peer {:>15}   ours {:>15}   {ratio:>5.2}x (quartiles {q1:.2}x-{q3:.2}x)",
        show(quartiles(&mut peer_ns).1, writes),
        show(quartiles(&mut ours_ns).1, writes),
    );
}

fn quartiles(values: &mut [f64]) -> (f64, f64, f64) {
    values.sort_by(f64::total_cmp);
    // Quartiles by index: the first, the middle and the third quarter of the sorted run.
    let last = values.len().saturating_sub(1);
    let at = |numerator: usize| values[last * numerator / 4];
    (at(1), at(2), at(3))
}

fn show(ns: f64, writes: Option<usize>) -> String {
    match writes {
        Some(writes) => format!("{:.2} ns/write", ns / writes as f64),
        None => format!("{:.1} ms", ns / 1e6),
    }
}

/// Where criterion writes: `$CRITERION_HOME`, else `<target>/criterion`, the target
/// folder being `$CARGO_TARGET_DIR` or the one this binary was built in
/// (`<target>/<profile>/deps/tokio1-<hash>`).
fn criterion_dir() -> Option<PathBuf> {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return Some(PathBuf::from(home));
    }
    let target = match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => std::env::current_exe()
            .ok()?
            .ancestors()
            .nth(3)?
            .to_path_buf(),
    };
    Some(target.join("criterion"))
}

/// The median point estimate (ns) of one benchmark, if this run wrote it.
fn median_ns(bench: &Path, started: SystemTime) -> Option<f64> {
    let file = bench.join("new").join("estimates.json");
    let modified = std::fs::metadata(&file).ok()?.modified().ok()?;
    if modified < started {
        return None;
    }
    let json = std::fs::read_to_string(&file).ok()?;
    // {"mean":{...},"median":{"confidence_interval":{...},"point_estimate":N,...},...}
    let median = &json[json.find("\"median\"")?..];
    let key = "\"point_estimate\":";
    let value = &median[median.find(key)? + key.len()..];
    let end = value.find([',', '}'])?;
    value[..end].trim().parse().ok()
}
