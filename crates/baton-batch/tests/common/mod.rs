#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, dead_code)]

//! Jobs and file helpers shared by the batch tests.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;
use baton_batch::{BatchOptions, BatchSummary, Job, JobOutput, NoProgress, run_batch};
use serde_json::{Value, json};

/// Answers every prompt with a record naming the prompt and the seed it got,
/// at a fixed cost; counts its calls.
pub struct Echo {
    pub cost: f64,
    pub calls: AtomicU64,
}

impl Echo {
    pub fn new(cost: f64) -> Self {
        Self {
            cost,
            calls: AtomicU64::new(0),
        }
    }

    pub fn calls(&self) -> u64 {
        self.calls.load(Ordering::SeqCst)
    }
}

#[async_trait]
impl Job for Echo {
    async fn run(&self, input: &Value, seed: u64) -> Result<JobOutput, String> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        let prompt = input["prompt"].as_str().unwrap_or_default();
        Ok(JobOutput {
            records: vec![json!({"prompt": prompt, "answer": format!("{prompt} / {seed}")})],
            cost_usd: self.cost,
        })
    }
}

/// Fails the first `failures` attempts at any prompt containing "flaky".
pub struct Flaky {
    pub failures: u64,
    pub attempts: Mutex<HashMap<String, u64>>,
}

impl Flaky {
    pub fn new(failures: u64) -> Self {
        Self {
            failures,
            attempts: Mutex::new(HashMap::new()),
        }
    }
}

#[async_trait]
impl Job for Flaky {
    async fn run(&self, input: &Value, seed: u64) -> Result<JobOutput, String> {
        let prompt = input["prompt"].as_str().unwrap_or_default().to_owned();
        let attempt = {
            let mut attempts = self.attempts.lock().unwrap();
            let n = attempts.entry(prompt.clone()).or_insert(0);
            *n += 1;
            *n
        };
        if prompt.contains("flaky") && attempt <= self.failures {
            return Err(format!("rate limited on attempt {attempt}"));
        }
        Ok(JobOutput {
            records: vec![json!({"answer": format!("{prompt}/{seed}")})],
            cost_usd: 0.5,
        })
    }
}

pub fn prompts(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("prompt number {i}")).collect()
}

pub fn write_input(dir: &Path, prompts: &[String]) -> PathBuf {
    let path = dir.join("in.jsonl");
    let text: String = prompts
        .iter()
        .map(|p| format!("{}\n", json!({"prompt": p, "id": p.len()})))
        .collect();
    std::fs::write(&path, text).unwrap();
    path
}

/// Every output line, parsed; panics on a line that is not JSON, which is
/// what a cut line left behind would be.
pub fn read_output(path: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(
        text.is_empty() || text.ends_with('\n'),
        "output ends with a newline"
    );
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Output lines sorted by key (and then by their text), for comparing runs
/// whose completion order differs.
pub fn sorted_output(path: &Path) -> Vec<Value> {
    let mut lines = read_output(path);
    lines.sort_by_key(|v| (v["key"].as_str().unwrap().to_owned(), v.to_string()));
    lines
}

pub fn options(input: &Path, output: &Path) -> BatchOptions {
    let mut opts = BatchOptions::new(input, output);
    opts.seed = 7;
    opts
}

pub async fn run(job: std::sync::Arc<dyn Job>, opts: BatchOptions) -> BatchSummary {
    // Not a timing assertion: a driver bug that deadlocks fails instead of
    // hanging the suite.
    tokio::time::timeout(
        std::time::Duration::from_secs(120),
        run_batch(job, opts, &NoProgress),
    )
    .await
    .expect("the batch finishes")
    .unwrap()
}
