//! The batch runner under `baton cai`: throughput and peak memory as the
//! input grows.
//!
//! For each size (10,000 and 100,000 prompts by default) the driver writes a
//! prompt JSONL file, then runs each side in a fresh child process (this
//! binary re-executed), so each peak RSS (`VmHWM`) is that run's alone:
//!
//! - `batch`: `run_batch` at concurrency 8 with an in-process job that
//!   answers like a scripted model (a ~1 KB response made from the prompt
//!   and the record's seed), then a second `run_batch` on the same output,
//!   which finds everything done (the resume scan);
//! - `bare` (the peer): the least a streaming runner does, in a plain
//!   loop: read a line, parse it, call the same job, write the line, flush.
//!   No keys, seeds, dedup, resume or concurrency.
//!
//! Flat memory shows as a 100k/10k RSS ratio near 1.0. What still grows is
//! the set of keys seen (a 16-byte key and a flag per distinct prompt, in a
//! hash table with power-of-two slots): the report computes its size and
//! gives the ratio without it too, and the growth per extra prompt.

use std::io::{BufRead, BufWriter, Write};
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use async_trait::async_trait;
use baton_batch::{BatchOptions, Job, JobOutput, NoProgress, run_batch};
use serde_json::{Value, json};

const CONCURRENCY: usize = 8;

/// Answers like a scripted model: about 1 KB of text built from the prompt
/// and the seed, at a made-up price.
struct Scripted;

#[async_trait]
impl Job for Scripted {
    async fn run(&self, input: &Value, seed: u64) -> Result<JobOutput, String> {
        let prompt = input["prompt"].as_str().ok_or("no prompt")?;
        Ok(JobOutput {
            records: vec![respond(prompt, seed)],
            cost_usd: 0.000_02,
        })
    }
}

fn respond(prompt: &str, seed: u64) -> Value {
    let mut response = String::with_capacity(1100);
    let mut n = 0;
    while response.len() < 1000 {
        n += 1;
        response.push_str(&format!(
            "Step {n}: considering \"{prompt}\" carefully (sample {seed:x}), the answer is to \
             weigh each constraint in turn. "
        ));
    }
    json!({"prompt": prompt, "response": response, "model": "scripted:bench"})
}

/// The key set's bytes for `n` prompts: hashbrown keeps at most 7/8 of its
/// slots full, in a power of two of them, each 17 bytes of entry and a
/// control byte.
fn key_set_kib(n: usize) -> f64 {
    let slots = (n * 8).div_ceil(7).next_power_of_two();
    (slots * 18) as f64 / 1024.0
}

fn write_prompts(path: &Path, n: usize) -> Result<()> {
    let mut out = BufWriter::new(std::fs::File::create(path)?);
    let verbs = [
        "summarise",
        "critique",
        "rewrite",
        "explain",
        "translate",
        "outline",
    ];
    let nouns = [
        "a contract",
        "a poem",
        "an error log",
        "a recipe",
        "a lecture",
        "a patch",
    ];
    for i in 0..n {
        let prompt = format!(
            "Request {i}: please {} {} for a reader who has {} minutes, keeping it honest.",
            verbs[i % verbs.len()],
            nouns[(i / verbs.len()) % nouns.len()],
            i % 90 + 1
        );
        writeln!(out, "{}", json!({"prompt": prompt, "id": i}))?;
    }
    out.flush()?;
    Ok(())
}

fn peak_rss_kib() -> Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    let line = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .context("no VmHWM")?;
    line.split_whitespace()
        .nth(1)
        .context("empty VmHWM")?
        .parse()
        .context("VmHWM")
}

/// Child: `batch <input> <output>`; prints `secs resume_secs rss_kib`.
async fn child_batch(input: &Path, output: &Path) -> Result<()> {
    let mut opts = BatchOptions::new(input, output);
    opts.concurrency = CONCURRENCY;
    opts.seed = 1;
    let job: Arc<dyn Job> = Arc::new(Scripted);
    let started = Instant::now();
    let first = run_batch(Arc::clone(&job), opts.clone(), &NoProgress).await?;
    let secs = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let again = run_batch(job, opts, &NoProgress).await?;
    let resume_secs = started.elapsed().as_secs_f64();
    if first.failed + first.invalid > 0 || again.succeeded > 0 || again.skipped_done != first.read {
        bail!("unexpected summaries: {first:?} then {again:?}");
    }
    println!(
        "{secs} {resume_secs} {} {}",
        peak_rss_kib()?,
        first.succeeded
    );
    Ok(())
}

/// Child: `bare <input> <output>`; prints `secs 0 rss_kib`.
async fn child_bare(input: &Path, output: &Path) -> Result<()> {
    let started = Instant::now();
    let reader = std::io::BufReader::new(std::fs::File::open(input)?);
    let mut out = BufWriter::new(std::fs::File::create(output)?);
    let mut done = 0u64;
    for line in reader.lines() {
        let value: Value = serde_json::from_str(&line?)?;
        let result = Scripted.run(&value, 1).await.map_err(anyhow::Error::msg)?;
        for record in result.records {
            serde_json::to_writer(&mut out, &record)?;
            out.write_all(b"\n")?;
        }
        out.flush()?;
        done += 1;
    }
    println!(
        "{} 0 {} {done}",
        started.elapsed().as_secs_f64(),
        peak_rss_kib()?
    );
    Ok(())
}

struct Measured {
    secs: f64,
    resume_secs: f64,
    rss_kib: u64,
    done: u64,
}

fn measure(side: &str, input: &Path, output: &Path) -> Result<Measured> {
    let exe = std::env::current_exe()?;
    let out = Command::new(exe)
        .arg(side)
        .arg(input)
        .arg(output)
        .output()?;
    if !out.status.success() {
        bail!(
            "{side} child failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let text = String::from_utf8(out.stdout)?;
    let fields: Vec<&str> = text.split_whitespace().collect();
    let [secs, resume_secs, rss_kib, done] = fields[..] else {
        bail!("{side} child printed {text:?}");
    };
    Ok(Measured {
        secs: secs.parse()?,
        resume_secs: resume_secs.parse()?,
        rss_kib: rss_kib.parse()?,
        done: done.parse()?,
    })
}

fn drive(sizes: &[usize]) -> Result<()> {
    let dir = tempfile::tempdir()?;
    println!("baton-batch: in-process scripted job (~1 KB per answer), concurrency {CONCURRENCY}");
    println!(
        "{:>8} | {:>10} {:>9} {:>8} {:>9} {:>10} | {:>10} {:>8}",
        "prompts",
        "batch p/s",
        "resume s",
        "RSS MiB",
        "keys MiB",
        "output MiB",
        "bare p/s",
        "RSS MiB"
    );
    let mut peaks = Vec::new();
    for &n in sizes {
        let input = dir.path().join(format!("prompts-{n}.jsonl"));
        write_prompts(&input, n)?;
        let output = dir.path().join(format!("batch-{n}.jsonl"));
        let batch = measure("batch", &input, &output)?;
        let out_mib = std::fs::metadata(&output)?.len() as f64 / (1024.0 * 1024.0);
        let bare_out = dir.path().join(format!("bare-{n}.jsonl"));
        let bare = measure("bare", &input, &bare_out)?;
        if batch.done != n as u64 || bare.done != n as u64 {
            bail!(
                "{n} prompts, but batch did {} and bare {}",
                batch.done,
                bare.done
            );
        }
        let mib = |kib: u64| kib as f64 / 1024.0;
        println!(
            "{n:>8} | {:>10.0} {:>9.3} {:>8.1} {:>9.2} {:>10.1} | {:>10.0} {:>8.1}",
            n as f64 / batch.secs,
            batch.resume_secs,
            mib(batch.rss_kib),
            key_set_kib(n) / 1024.0,
            out_mib,
            n as f64 / bare.secs,
            mib(bare.rss_kib)
        );
        peaks.push((n, batch.rss_kib, bare.rss_kib));
        for file in [input, output, bare_out] {
            std::fs::remove_file(file)?;
        }
    }
    if let (Some(first), Some(last)) = (peaks.first(), peaks.last())
        && first.0 != last.0
    {
        let (big, small) = (last.1 as f64, first.1 as f64);
        let less_keys = (big - key_set_kib(last.0)) / (small - key_set_kib(first.0));
        println!(
            "peak RSS ratio {}/{}: batch {:.3} ({:.3} less the key set), bare {:.3} \
             (flat memory ≈ 1.0)",
            last.0,
            first.0,
            big / small,
            less_keys,
            last.2 as f64 / first.2 as f64
        );
        println!(
            "batch peak RSS grows {:.1} bytes per extra prompt",
            (big - small) * 1024.0 / (last.0 - first.0) as f64
        );
    }
    Ok(())
}

#[tokio::main]
async fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("batch") if args.len() == 3 => {
            child_batch(Path::new(&args[1]), Path::new(&args[2])).await
        }
        Some("bare") if args.len() == 3 => {
            child_bare(Path::new(&args[1]), Path::new(&args[2])).await
        }
        _ => {
            let sizes: Vec<usize> = if args.is_empty() {
                vec![10_000, 100_000]
            } else {
                args.iter().map(|a| a.parse()).collect::<Result<_, _>>()?
            };
            drive(&sizes)
        }
    }
}
