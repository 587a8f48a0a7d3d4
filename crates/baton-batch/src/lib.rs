//! A streaming, resumable batch runner over JSON lines.
//!
//! [`run_batch`] reads an input JSONL file one line at a time, hands each
//! record to a [`Job`] with a per-record seed, and appends what the job
//! returns to an output JSONL file as soon as each record is done. It is the
//! machinery under `baton cai sft`, `baton cai prefs` and
//! `baton cai eval-labeller`, and knows nothing of what the jobs do.
//!
//! # Memory
//!
//! Neither file is ever held whole: input is read line by line, at most
//! `concurrency` records are in flight, and each result is written (and
//! flushed) when it arrives. What grows with the input is the set of keys
//! seen, 16 bytes (plus a byte of state and the hash table's slack) per
//! distinct prompt: about 2.3 MB for 100,000 prompts (`bench/batch.sh`
//! measures it).
//!
//! # Keys, seeds and order
//!
//! A record's key is a hash of its `key_field` text after
//! [normalising](normalise): whitespace runs made one space, trimmed,
//! lowercased. Its seed is a hash of the batch's global seed and the key, so
//! the same prompt gets the same seed whatever its position in the file, the
//! concurrency, or how many times the run was interrupted. Both are written
//! into every output line (`"key"` as 32 hex digits, `"seed"`), first.
//!
//! **Output order is completion order**, which under concurrency is not
//! input order; sort by `key` to compare runs.
//!
//! # Output lines
//!
//! - each record the job returns, as a JSON object with `key` and `seed` put
//!   first (a job's own `key`/`seed` fields are replaced; a record that is
//!   not an object is written as `{"key", "seed", "output": <record>}`);
//! - `{"key", "seed", "empty": true}` when the job returned no record, so the
//!   input still counts as done on resume;
//! - `{"key", "seed", "line", "input", "error"}` when the job failed;
//! - `{"key", "seed", "line", "error", "invalid": true}` for an input line
//!   that is not a JSON object or has no string `key_field`; its key hashes
//!   the raw line.
//!
//! A consumer of the data keeps the lines with neither `error` nor `empty`.
//! The records of one input are written with one write and one flush.
//!
//! # Resuming
//!
//! Before starting, the existing output is scanned (streaming) for the keys
//! already done **with the seed this run would give them**, so re-running
//! with the same seed skips them and a different seed redoes them. A last
//! line cut off mid-write (the process killed) is dropped and the file cut
//! back to the last newline before anything is appended; a last line that is
//! a whole JSON object but lacks only its newline is kept and the newline
//! added.
//!
//! Failed records are not done: with [`BatchOptions::retry_failed`] (the
//! default) re-running retries them, on the view that failures are mostly
//! transient (rate limits, timeouts) and the failure line stays in the file
//! as a record of the attempt. Invalid input lines are always done, since
//! retrying them cannot give another answer.
//!
//! # Deduplication
//!
//! An input whose key was already met earlier in the same input is skipped
//! and counted in [`BatchSummary::skipped_duplicate`]; one already done in
//! the output counts in [`BatchSummary::skipped_done`].
//!
//! # Stopping early
//!
//! With a budget, the running total of [`JobOutput::cost_usd`] is checked
//! before each record starts: once it reaches the cap no new record starts,
//! the ones in flight finish (so the total can pass the cap by up to
//! `concurrency - 1` records), and the summary says [`StopReason::Budget`].
//! The budget is per run: the cost of earlier runs on the same output is not
//! counted. A `limit` caps the records run (not skipped) this run.
//! `stopped` is set only when work was actually left undone.

mod key;
mod progress;
mod resume;
mod run;

use std::path::PathBuf;
use std::time::Duration;

use async_trait::async_trait;

pub use key::{Key, normalise};
#[cfg(feature = "indicatif")]
pub use progress::IndicatifProgress;
pub use progress::{NoProgress, Progress};
pub use run::run_batch;

/// One unit of work: turn an input record into output records.
#[async_trait]
pub trait Job: Send + Sync {
    /// Does the work for one input line (already parsed JSON object) with a
    /// per-record seed. An `Err` is written as a failure line, not fatal.
    async fn run(&self, input: &serde_json::Value, seed: u64) -> Result<JobOutput, String>;
}

/// What a [`Job`] made of one input.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JobOutput {
    /// Written one per line, in this order.
    pub records: Vec<serde_json::Value>,
    /// What producing them cost, counted against the budget.
    pub cost_usd: f64,
}

/// What [`run_batch`] runs on.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchOptions {
    /// JSON lines, one input record (a JSON object) per line.
    pub input: PathBuf,
    /// JSON lines, appended to; created if missing.
    pub output: PathBuf,
    /// The global seed every record's seed is derived from.
    pub seed: u64,
    /// Records in flight at once; at least 1.
    pub concurrency: usize,
    /// Stop starting records once this much has been spent in this run.
    pub budget_usd: Option<f64>,
    /// The field holding the text that identifies a record.
    pub key_field: String,
    /// Run at most this many records (skipped ones do not count).
    pub limit: Option<u64>,
    /// Whether failure lines in the output are run again (`true`) or count
    /// as done.
    pub retry_failed: bool,
}

impl BatchOptions {
    /// Options with the defaults: seed 0, concurrency 4, no budget, key
    /// field `prompt`, no limit, failures retried.
    pub fn new(input: impl Into<PathBuf>, output: impl Into<PathBuf>) -> Self {
        Self {
            input: input.into(),
            output: output.into(),
            seed: 0,
            concurrency: 4,
            budget_usd: None,
            key_field: "prompt".to_owned(),
            limit: None,
            retry_failed: true,
        }
    }
}

/// Why a batch ended with work left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopReason {
    /// The budget was reached.
    Budget,
    /// `limit` records were run.
    Limit,
}

impl StopReason {
    /// The word the CLI prints: `budget` or `limit`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Budget => "budget",
            Self::Limit => "limit",
        }
    }
}

/// What one [`run_batch`] call did.
///
/// `read` = `skipped_done + skipped_duplicate + succeeded + failed + invalid`:
/// blank lines are not counted, nor the input left unread after a stop.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchSummary {
    /// Input lines taken (blank lines aside).
    pub read: u64,
    /// Inputs already done in the output.
    pub skipped_done: u64,
    /// Inputs whose key was met earlier in this input.
    pub skipped_duplicate: u64,
    /// Inputs the job succeeded on.
    pub succeeded: u64,
    /// Inputs the job failed on (written as failure lines).
    pub failed: u64,
    /// Input lines that were not a JSON object with a string key field.
    pub invalid: u64,
    /// What this run's jobs cost.
    pub cost_usd: f64,
    /// Set when the run stopped with inputs left to do.
    pub stopped: Option<StopReason>,
    /// Wall time of the run, the output scan included.
    pub elapsed: Duration,
}

/// Why a batch could not run or go on. Job failures and bad input lines are
/// not errors: they are written to the output.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// The options make no sense (zero concurrency, a negative budget, …).
    #[error("invalid batch options: {0}")]
    Options(String),
    /// The input file could not be read.
    #[error("cannot read input {path}: {source}")]
    Input {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The output file could not be read, repaired or written.
    #[error("cannot {action} output {path}: {source}")]
    Output {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}
