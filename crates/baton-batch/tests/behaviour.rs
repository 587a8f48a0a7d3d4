#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Determinism, deduplication, the budget, the concurrency limit, progress.

mod common;

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use baton_batch::{Job, JobOutput, Key, Progress, StopReason, run_batch};
use common::*;
use serde_json::{Value, json};

#[tokio::test]
async fn the_same_seed_gives_the_same_output_at_any_concurrency() {
    let dir = tempfile::tempdir().unwrap();
    let prompts = prompts(60);
    let input = write_input(dir.path(), &prompts);
    let (one, eight, other) = (
        dir.path().join("1.jsonl"),
        dir.path().join("8.jsonl"),
        dir.path().join("s.jsonl"),
    );

    let mut opts = options(&input, &one);
    opts.concurrency = 1;
    run(Arc::new(Echo::new(0.0)), opts).await;
    let mut opts = options(&input, &eight);
    opts.concurrency = 8;
    run(Arc::new(Echo::new(0.0)), opts).await;
    let mut opts = options(&input, &other);
    opts.seed = 8;
    run(Arc::new(Echo::new(0.0)), opts).await;

    let (a, b, c) = (
        sorted_output(&one),
        sorted_output(&eight),
        sorted_output(&other),
    );
    assert_eq!(a.len(), 60);
    assert_eq!(a, b);
    for line in &a {
        let key = Key::of_prompt(line["prompt"].as_str().unwrap());
        assert_eq!(line["key"], json!(key.to_string()));
        assert_eq!(line["seed"], json!(key.seed(7)));
        assert!(
            line["answer"]
                .as_str()
                .unwrap()
                .ends_with(&key.seed(7).to_string())
        );
    }
    let seeds = |lines: &[Value]| lines.iter().map(|l| l["seed"].clone()).collect::<Vec<_>>();
    assert_ne!(
        seeds(&a),
        seeds(&c),
        "another global seed gives other record seeds"
    );
    let keys = |lines: &[Value]| lines.iter().map(|l| l["key"].clone()).collect::<Vec<_>>();
    assert_eq!(keys(&a), keys(&c), "keys do not depend on the seed");
}

#[tokio::test]
async fn duplicates_are_done_once() {
    let dir = tempfile::tempdir().unwrap();
    let prompts: Vec<String> = [
        "Hello world",
        "other",
        "  hello \t WORLD ",
        "hello world",
        "Other!",
    ]
    .map(String::from)
    .to_vec();
    let input = write_input(dir.path(), &prompts);
    let output = dir.path().join("out.jsonl");
    let job = Arc::new(Echo::new(0.0));

    let summary = run(job.clone(), options(&input, &output)).await;
    assert_eq!(
        (summary.read, summary.succeeded, summary.skipped_duplicate),
        (5, 3, 2)
    );
    assert_eq!(job.calls(), 3);
    let answered: Vec<String> = sorted_output(&output)
        .iter()
        .map(|l| l["prompt"].as_str().unwrap().to_owned())
        .collect();
    // The first spelling met is the one run; punctuation makes "Other!" new.
    let mut expected = vec!["Hello world", "other", "Other!"];
    expected.sort_by_key(|p| Key::of_prompt(p));
    assert_eq!(answered, expected);

    // On a re-run, the first copy is done and the rest still duplicates.
    let again = run(job.clone(), options(&input, &output)).await;
    assert_eq!(
        (again.skipped_done, again.skipped_duplicate, again.succeeded),
        (3, 2, 0)
    );
}

#[tokio::test]
async fn the_budget_stops_new_work() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_input(dir.path(), &prompts(50));
    let output = dir.path().join("out.jsonl");

    let mut opts = options(&input, &output);
    opts.concurrency = 1;
    opts.budget_usd = Some(10.0);
    let summary = run(Arc::new(Echo::new(1.0)), opts).await;
    assert_eq!(summary.succeeded, 10);
    assert_eq!(summary.cost_usd, 10.0);
    assert_eq!(summary.stopped, Some(StopReason::Budget));
    assert_eq!(read_output(&output).len(), 10);

    // In flight when the cap is reached, up to `concurrency - 1` more finish.
    let output = dir.path().join("out4.jsonl");
    let mut opts = options(&input, &output);
    opts.concurrency = 4;
    opts.budget_usd = Some(10.0);
    let summary = run(Arc::new(Echo::new(1.0)), opts).await;
    assert!((10..=13).contains(&summary.succeeded), "{summary:?}");
    assert_eq!(summary.stopped, Some(StopReason::Budget));

    // A budget that covers everything stops nothing.
    let output = dir.path().join("all.jsonl");
    let mut opts = options(&input, &output);
    opts.budget_usd = Some(50.0);
    let summary = run(Arc::new(Echo::new(1.0)), opts).await;
    assert_eq!((summary.succeeded, summary.stopped), (50, None));
}

/// Counts the calls running at once. Calls wait at a barrier as wide as the
/// limit, so the limit is reached in every wave, and then yield before
/// leaving: on the one-thread runtime every call already started is counted
/// before any finishes, so one call too many shows as `max` above the limit.
struct Gate {
    barrier: tokio::sync::Barrier,
    now: AtomicUsize,
    max: AtomicUsize,
}

#[async_trait]
impl Job for Gate {
    async fn run(&self, _: &Value, _: u64) -> Result<JobOutput, String> {
        let now = self.now.fetch_add(1, Ordering::SeqCst) + 1;
        self.max.fetch_max(now, Ordering::SeqCst);
        self.barrier.wait().await;
        tokio::task::yield_now().await;
        self.now.fetch_sub(1, Ordering::SeqCst);
        Ok(JobOutput {
            records: vec![json!({})],
            cost_usd: 0.0,
        })
    }
}

#[tokio::test]
async fn no_more_than_the_concurrency_limit_runs_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_input(dir.path(), &prompts(40));
    let output = dir.path().join("out.jsonl");
    let limit = 4;
    let gate = Arc::new(Gate {
        barrier: tokio::sync::Barrier::new(limit),
        now: AtomicUsize::new(0),
        max: AtomicUsize::new(0),
    });
    let mut opts = options(&input, &output);
    opts.concurrency = limit;
    let summary = run(gate.clone(), opts).await;
    assert_eq!(summary.succeeded, 40);
    assert_eq!(gate.max.load(Ordering::SeqCst), limit);
}

#[derive(Default)]
struct Recorded {
    total: Mutex<Option<Option<u64>>>,
    advanced: AtomicU64,
    failed: AtomicU64,
    skipped: AtomicU64,
    cost: Mutex<f64>,
    finished: AtomicU64,
}

impl Progress for Recorded {
    fn start(&self, total: Option<u64>) {
        *self.total.lock().unwrap() = Some(total);
    }
    fn advance(&self, cost_usd: f64, failed: bool) {
        self.advanced.fetch_add(1, Ordering::SeqCst);
        self.failed.fetch_add(u64::from(failed), Ordering::SeqCst);
        *self.cost.lock().unwrap() += cost_usd;
    }
    fn skip(&self) {
        self.skipped.fetch_add(1, Ordering::SeqCst);
    }
    fn finish(&self) {
        self.finished.fetch_add(1, Ordering::SeqCst);
    }
}

#[tokio::test]
async fn progress_hears_about_every_input() {
    let dir = tempfile::tempdir().unwrap();
    let mut prompts: Vec<String> = (0..10).map(|i| format!("flaky {i}")).collect();
    prompts.extend((0..10).map(|i| format!("fine {i}")));
    prompts.push("fine 0".to_owned());
    let input = write_input(dir.path(), &prompts);
    std::fs::write(
        &input,
        std::fs::read_to_string(&input).unwrap() + "\n\nbroken\n",
    )
    .unwrap();
    let output = dir.path().join("out.jsonl");

    let progress = Recorded::default();
    let job = Arc::new(Flaky::new(1));
    let summary = run_batch(job, options(&input, &output), &progress)
        .await
        .unwrap();
    assert_eq!(
        *progress.total.lock().unwrap(),
        Some(Some(22)),
        "blank lines are not counted"
    );
    assert_eq!(progress.advanced.load(Ordering::SeqCst), 21);
    assert_eq!(
        progress.failed.load(Ordering::SeqCst),
        11,
        "10 failures, 1 invalid line"
    );
    assert_eq!(progress.skipped.load(Ordering::SeqCst), 1);
    assert_eq!(*progress.cost.lock().unwrap(), summary.cost_usd);
    assert_eq!(progress.finished.load(Ordering::SeqCst), 1);
}

#[cfg(feature = "indicatif")]
#[tokio::test]
async fn the_indicatif_bar_counts_down_skipped_inputs() {
    use baton_batch::IndicatifProgress;
    let dir = tempfile::tempdir().unwrap();
    let input = write_input(dir.path(), &prompts(10));
    let output = dir.path().join("out.jsonl");
    let mut opts = options(&input, &output);
    opts.limit = Some(4);
    run(Arc::new(Echo::new(0.25)), opts).await;

    let bar = IndicatifProgress::with_target(indicatif::ProgressDrawTarget::hidden());
    let job = Arc::new(Echo::new(0.25));
    run_batch(job, options(&input, &output), &bar)
        .await
        .unwrap();
    assert_eq!((bar.bar().position(), bar.bar().length()), (6, Some(6)));
    assert_eq!(bar.bar().message(), "$1.5000");
    assert!(bar.bar().is_finished());
}

#[test]
fn a_batch_can_run_on_any_thread() {
    fn send<T: Send>(_: &T) {}
    let progress = baton_batch::NoProgress;
    let opts = options("in.jsonl".as_ref(), "out.jsonl".as_ref());
    let batch = run_batch(Arc::new(Echo::new(0.0)), opts, &progress);
    // Fails to compile if the future cannot move to a spawned task.
    send(&batch);
}
