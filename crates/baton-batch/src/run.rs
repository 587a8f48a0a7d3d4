//! The driver: one task reads input, starts jobs, and writes their results.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use serde_json::{Map, Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::task::{Id, JoinSet};

use crate::resume::{Seen, scan_output};
use crate::{BatchError, BatchOptions, BatchSummary, Job, JobOutput, Key, Progress, StopReason};

/// Runs `job` over every input line not already done in the output.
///
/// See the [crate docs](crate) for what is skipped, what is written, and in
/// which order. Job failures and bad input lines are written to the output
/// and counted; only I/O on the two files (and bad options) is an error,
/// after which the output holds every result written so far.
pub async fn run_batch(
    job: Arc<dyn Job>,
    opts: BatchOptions,
    progress: &dyn Progress,
) -> Result<BatchSummary, BatchError> {
    check(&opts)?;
    let started = Instant::now();
    let lines = count_lines(&opts.input).await?;
    // Sized for the input up front: growing by doubling would, at the last
    // doubling, hold the old table and the new one at once, half as much
    // again at the peak.
    let capacity = usize::try_from(lines).unwrap_or(usize::MAX);
    let mut seen = scan_output(&opts.output, opts.seed, opts.retry_failed, capacity).await?;
    progress.start(Some(opts.limit.map_or(lines, |limit| limit.min(lines))));
    // Opened after `start` so a failure to open still finishes the bar.
    let result = match Batch::new(job, &opts, progress).await {
        Ok(batch) => batch.drive(&mut seen).await,
        Err(e) => Err(e),
    };
    progress.finish();
    let mut summary = result?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

fn check(opts: &BatchOptions) -> Result<(), BatchError> {
    let problem = if opts.concurrency == 0 {
        Some("concurrency must be at least 1".to_owned())
    } else if opts.budget_usd.is_some_and(|b| !b.is_finite() || b < 0.0) {
        Some(format!(
            "budget must be a non-negative amount, not {:?}",
            opts.budget_usd
        ))
    } else if opts.key_field.is_empty() {
        Some("the key field must be named".to_owned())
    } else if opts.input == opts.output {
        Some(format!(
            "input and output are the same file: {}",
            opts.input.display()
        ))
    } else {
        None
    };
    problem.map_or(Ok(()), |p| Err(BatchError::Options(p)))
}

/// Non-blank lines in `path`, streaming: the total the progress bar (and
/// its ETA) counts down from.
async fn count_lines(path: &Path) -> Result<u64, BatchError> {
    let err = |source| BatchError::Input {
        path: path.to_owned(),
        source,
    };
    let mut file = tokio::fs::File::open(path).await.map_err(err)?;
    let mut chunk = vec![0u8; 64 * 1024];
    let (mut lines, mut nonblank) = (0u64, false);
    loop {
        let n = file.read(&mut chunk).await.map_err(err)?;
        if n == 0 {
            return Ok(lines + u64::from(nonblank));
        }
        for &byte in &chunk[..n] {
            if byte == b'\n' {
                lines += u64::from(nonblank);
                nonblank = false;
            } else if !byte.is_ascii_whitespace() {
                nonblank = true;
            }
        }
    }
}

/// An input line, sorted out.
enum Input {
    Blank,
    /// A JSON object with a string key field.
    Record {
        key: Key,
        text: String,
        value: Value,
    },
    /// Anything else; keyed by the raw line.
    Invalid {
        key: Key,
        error: String,
    },
}

fn classify(raw: &[u8], key_field: &str) -> Input {
    let line = raw.strip_suffix(b"\n").unwrap_or(raw);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if line.iter().all(u8::is_ascii_whitespace) {
        return Input::Blank;
    }
    let invalid = |error: String| Input::Invalid {
        key: Key::of_raw_line(line),
        error,
    };
    let value: Value = match serde_json::from_slice(line) {
        Ok(value) => value,
        Err(e) => return invalid(format!("not JSON: {e}")),
    };
    let text = match value.as_object().map(|o| o.get(key_field)) {
        None => return invalid("not a JSON object".to_owned()),
        Some(Some(Value::String(text))) => text.clone(),
        Some(Some(_)) => return invalid(format!("field `{key_field}` is not a string")),
        Some(None) => return invalid(format!("no field `{key_field}`")),
    };
    Input::Record {
        key: Key::of_prompt(&text),
        text,
        value,
    }
}

/// What the driver keeps about a record while its job runs.
struct InFlight {
    key: Key,
    seed: u64,
    line: u64,
    text: String,
}

struct Batch<'a> {
    job: Arc<dyn Job>,
    opts: &'a BatchOptions,
    progress: &'a dyn Progress,
    input: BufReader<tokio::fs::File>,
    output: Output<'a>,
    summary: BatchSummary,
}

impl<'a> Batch<'a> {
    async fn new(
        job: Arc<dyn Job>,
        opts: &'a BatchOptions,
        progress: &'a dyn Progress,
    ) -> Result<Self, BatchError> {
        let input =
            tokio::fs::File::open(&opts.input)
                .await
                .map_err(|source| BatchError::Input {
                    path: opts.input.clone(),
                    source,
                })?;
        let file = tokio::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&opts.output)
            .await
            .map_err(|source| BatchError::Output {
                action: "open",
                path: opts.output.clone(),
                source,
            })?;
        Ok(Self {
            job,
            opts,
            progress,
            input: BufReader::new(input),
            output: Output {
                file,
                path: &opts.output,
                buf: Vec::new(),
            },
            summary: BatchSummary {
                read: 0,
                skipped_done: 0,
                skipped_duplicate: 0,
                succeeded: 0,
                failed: 0,
                invalid: 0,
                cost_usd: 0.0,
                stopped: None,
                elapsed: std::time::Duration::ZERO,
            },
        })
    }

    async fn drive(mut self, seen: &mut Seen) -> Result<BatchSummary, BatchError> {
        // Dropping the set (on an error return) aborts the jobs in flight.
        let mut tasks: JoinSet<Result<JobOutput, String>> = JoinSet::new();
        let mut in_flight: HashMap<Id, InFlight> = HashMap::new();
        let mut raw = Vec::new();
        let (mut line, mut started, mut eof) = (0u64, 0u64, false);
        loop {
            // Top up to the concurrency limit; `tasks.len()` also counts jobs
            // finished but not yet written, so no more than `concurrency`
            // jobs ever run at once.
            while !eof && self.summary.stopped.is_none() && tasks.len() < self.opts.concurrency {
                raw.clear();
                let n = self
                    .input
                    .read_until(b'\n', &mut raw)
                    .await
                    .map_err(|source| BatchError::Input {
                        path: self.opts.input.clone(),
                        source,
                    })?;
                if n == 0 {
                    eof = true;
                    break;
                }
                line += 1;
                let (key, text, value) = match classify(&raw, &self.opts.key_field) {
                    Input::Blank => continue,
                    Input::Record { key, text, value } => (key, text, value),
                    Input::Invalid { key, error } => {
                        self.invalid(seen, key, line, error).await?;
                        continue;
                    }
                };
                if self.skipped(seen, key) {
                    continue;
                }
                // Checked only for a record that needs work, so `stopped` is
                // set only when work is left undone.
                if self
                    .opts
                    .budget_usd
                    .is_some_and(|cap| self.summary.cost_usd >= cap)
                {
                    self.summary.stopped = Some(StopReason::Budget);
                    break;
                }
                if self.opts.limit.is_some_and(|limit| started >= limit) {
                    self.summary.stopped = Some(StopReason::Limit);
                    break;
                }
                seen.insert(key, true);
                started += 1;
                let seed = key.seed(self.opts.seed);
                let job = Arc::clone(&self.job);
                let handle = tasks.spawn(async move { job.run(&value, seed).await });
                in_flight.insert(
                    handle.id(),
                    InFlight {
                        key,
                        seed,
                        line,
                        text,
                    },
                );
            }
            let (id, result) = match tasks.join_next_with_id().await {
                None => break,
                Some(Ok((id, result))) => (id, result),
                Some(Err(e)) => (e.id(), Err(format!("job panicked or was cancelled: {e}"))),
            };
            let Some(record) = in_flight.remove(&id) else {
                continue;
            };
            self.finish(record, result).await?;
        }
        Ok(self.summary)
    }

    /// Writes an invalid input line's error, unless that line was met before.
    async fn invalid(
        &mut self,
        seen: &mut Seen,
        key: Key,
        line: u64,
        error: String,
    ) -> Result<(), BatchError> {
        if self.skipped(seen, key) {
            return Ok(());
        }
        seen.insert(key, true);
        let record = json!({"line": line, "error": error, "invalid": true});
        self.output
            .write(key, key.seed(self.opts.seed), [record])
            .await?;
        self.summary.read += 1;
        self.summary.invalid += 1;
        self.progress.advance(0.0, true);
        Ok(())
    }

    /// Counts `key` as skipped if it was met before, in the output or
    /// earlier in this input.
    fn skipped(&mut self, seen: &mut Seen, key: Key) -> bool {
        match seen.get_mut(&key) {
            None => return false,
            Some(met) if *met => self.summary.skipped_duplicate += 1,
            Some(met) => {
                *met = true;
                self.summary.skipped_done += 1;
            }
        }
        self.summary.read += 1;
        self.progress.skip();
        true
    }

    async fn finish(
        &mut self,
        record: InFlight,
        result: Result<JobOutput, String>,
    ) -> Result<(), BatchError> {
        let InFlight {
            key,
            seed,
            line,
            text,
        } = record;
        self.summary.read += 1;
        match result {
            Ok(out) => {
                // A NaN or negative cost would make the budget never trip.
                let cost = if out.cost_usd.is_finite() {
                    out.cost_usd.max(0.0)
                } else {
                    0.0
                };
                if out.records.is_empty() {
                    self.output
                        .write(key, seed, [json!({"empty": true})])
                        .await?;
                } else {
                    self.output.write(key, seed, out.records).await?;
                }
                self.summary.succeeded += 1;
                self.summary.cost_usd += cost;
                self.progress.advance(cost, false);
            }
            Err(error) => {
                let record = json!({"line": line, "input": text, "error": error});
                self.output.write(key, seed, [record]).await?;
                self.summary.failed += 1;
                self.progress.advance(0.0, true);
            }
        }
        Ok(())
    }
}

/// The output file, appended to one input's records at a time.
struct Output<'a> {
    file: tokio::fs::File,
    path: &'a Path,
    buf: Vec<u8>,
}

impl Output<'_> {
    /// Writes `records` as lines with `key` and `seed` first, in one write,
    /// then flushes: once this returns the lines survive the process dying.
    async fn write(
        &mut self,
        key: Key,
        seed: u64,
        records: impl IntoIterator<Item = Value>,
    ) -> Result<(), BatchError> {
        let path = self.path;
        let err = |action| {
            move |source| BatchError::Output {
                action,
                path: path.to_owned(),
                source,
            }
        };
        self.buf.clear();
        for record in records {
            encode(&mut self.buf, key, seed, record).map_err(err("encode"))?;
        }
        self.file.write_all(&self.buf).await.map_err(err("write"))?;
        self.file.flush().await.map_err(err("write"))
    }
}

fn encode(buf: &mut Vec<u8>, key: Key, seed: u64, record: Value) -> std::io::Result<()> {
    let mut fields = match record {
        Value::Object(fields) => fields,
        other => Map::from_iter([("output".to_owned(), other)]),
    };
    fields.remove("key");
    fields.remove("seed");
    write!(buf, "{{\"key\":\"{key}\",\"seed\":{seed}")?;
    for (name, value) in &fields {
        buf.push(b',');
        serde_json::to_writer(&mut *buf, name)?;
        buf.push(b':');
        serde_json::to_writer(&mut *buf, value)?;
    }
    buf.extend_from_slice(b"}\n");
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    #[test]
    fn records_are_written_key_and_seed_first() {
        let key = Key::of_prompt("p");
        let mut buf = Vec::new();
        let record = json!({"seed": 1, "key": "theirs", "answer": "a\nb", "n": 2});
        encode(&mut buf, key, 7, record).unwrap();
        encode(&mut buf, key, 7, json!("bare")).unwrap();
        encode(&mut buf, key, 7, json!({})).unwrap();
        let text = String::from_utf8(buf).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with(&format!("{{\"key\":\"{key}\",\"seed\":7,")));
        let first: Value = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(
            first,
            json!({"key": key.to_string(), "seed": 7, "answer": "a\nb", "n": 2})
        );
        let second: Value = serde_json::from_str(lines[1]).unwrap();
        assert_eq!(
            second,
            json!({"key": key.to_string(), "seed": 7, "output": "bare"})
        );
        let third: Value = serde_json::from_str(lines[2]).unwrap();
        assert_eq!(third, json!({"key": key.to_string(), "seed": 7}));
    }

    #[test]
    fn input_lines_are_sorted_out() {
        assert!(matches!(classify(b"  \r\n", "prompt"), Input::Blank));
        let Input::Record { key, text, .. } = classify(b"{\"prompt\":\" Hi \"}\r\n", "prompt")
        else {
            panic!("a record");
        };
        assert_eq!((key, text.as_str()), (Key::of_prompt("hi"), " Hi "));
        for (raw, why) in [
            (&b"{\"prompt\":"[..], "not JSON"),
            (b"[1]", "not a JSON object"),
            (b"{\"prompt\":3}", "not a string"),
            (b"{\"text\":\"x\"}", "no field `prompt`"),
        ] {
            let Input::Invalid { key, error } = classify(raw, "prompt") else {
                panic!("{raw:?} is invalid");
            };
            assert_eq!(key, Key::of_raw_line(raw));
            assert!(error.contains(why), "{error}");
        }
    }
}
