#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Interrupted runs pick up exactly where they stopped.

mod common;

use std::collections::BTreeSet;
use std::sync::Arc;

use baton_batch::{Key, StopReason};
use common::*;
use serde_json::json;

fn keys(lines: &[serde_json::Value]) -> Vec<String> {
    lines
        .iter()
        .map(|l| l["key"].as_str().unwrap().to_owned())
        .collect()
}

fn all_keys(prompts: &[String]) -> BTreeSet<String> {
    prompts
        .iter()
        .map(|p| Key::of_prompt(p).to_string())
        .collect()
}

#[tokio::test]
async fn a_stopped_run_resumes_with_exactly_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let prompts = prompts(100);
    let input = write_input(dir.path(), &prompts);
    let output = dir.path().join("out.jsonl");

    let job = Arc::new(Echo::new(0.01));
    let mut opts = options(&input, &output);
    opts.limit = Some(40);
    let first = run(job.clone(), opts).await;
    assert_eq!(
        (first.succeeded, first.stopped),
        (40, Some(StopReason::Limit))
    );
    assert_eq!(read_output(&output).len(), 40);

    let second = run(job.clone(), options(&input, &output)).await;
    assert_eq!(second.skipped_done, 40);
    assert_eq!(second.succeeded, 60);
    assert_eq!(second.read, 100);
    assert_eq!(second.stopped, None);
    assert_eq!(job.calls(), 100, "no input is run twice");

    let lines = read_output(&output);
    let got = keys(&lines);
    assert_eq!(got.len(), 100);
    assert_eq!(got.into_iter().collect::<BTreeSet<_>>(), all_keys(&prompts));

    let third = run(job.clone(), options(&input, &output)).await;
    assert_eq!((third.skipped_done, third.succeeded), (100, 0));
    assert_eq!(job.calls(), 100);
}

#[tokio::test]
async fn a_line_cut_mid_write_is_dropped_and_its_record_redone() {
    let dir = tempfile::tempdir().unwrap();
    let prompts = prompts(100);
    let input = write_input(dir.path(), &prompts);
    let output = dir.path().join("out.jsonl");

    let mut opts = options(&input, &output);
    opts.limit = Some(30);
    opts.concurrency = 3;
    run(Arc::new(Echo::new(0.0)), opts).await;
    // The process killed while writing its 30th line: half of it made it.
    let text = std::fs::read_to_string(&output).unwrap();
    let cut = text.len() - text.lines().last().unwrap().len() / 2;
    std::fs::write(&output, &text[..cut]).unwrap();
    let survivors = text[..cut].lines().count() - 1;
    assert_eq!(survivors, 29);

    let job = Arc::new(Echo::new(0.0));
    let second = run(job.clone(), options(&input, &output)).await;
    assert_eq!(second.skipped_done, 29);
    assert_eq!(second.succeeded, 71);
    assert_eq!(job.calls(), 71);
    // `read_output` fails on any line that does not parse.
    let lines = read_output(&output);
    assert_eq!(lines.len(), 100);
    assert_eq!(
        keys(&lines).into_iter().collect::<BTreeSet<_>>(),
        all_keys(&prompts)
    );
}

#[tokio::test]
async fn a_whole_last_line_missing_its_newline_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let prompts = prompts(10);
    let input = write_input(dir.path(), &prompts);
    let output = dir.path().join("out.jsonl");

    let mut opts = options(&input, &output);
    opts.limit = Some(4);
    run(Arc::new(Echo::new(0.0)), opts).await;
    let text = std::fs::read_to_string(&output).unwrap();
    std::fs::write(&output, text.trim_end_matches('\n')).unwrap();

    let job = Arc::new(Echo::new(0.0));
    let second = run(job.clone(), options(&input, &output)).await;
    assert_eq!((second.skipped_done, second.succeeded), (4, 6));
    assert_eq!(read_output(&output).len(), 10);
}

#[tokio::test]
async fn another_seed_redoes_the_work() {
    let dir = tempfile::tempdir().unwrap();
    let prompts = prompts(12);
    let input = write_input(dir.path(), &prompts);
    let output = dir.path().join("out.jsonl");

    run(Arc::new(Echo::new(0.0)), options(&input, &output)).await;
    let mut opts = options(&input, &output);
    opts.seed = 8;
    let second = run(Arc::new(Echo::new(0.0)), opts).await;
    assert_eq!((second.skipped_done, second.succeeded), (0, 12));
    // Both runs are now done: each seed finds its own lines.
    let third = run(Arc::new(Echo::new(0.0)), options(&input, &output)).await;
    assert_eq!((third.skipped_done, third.succeeded), (12, 0));
}

#[tokio::test]
async fn no_records_still_marks_the_input_done() {
    struct Nothing;
    #[async_trait::async_trait]
    impl baton_batch::Job for Nothing {
        async fn run(
            &self,
            _: &serde_json::Value,
            _: u64,
        ) -> Result<baton_batch::JobOutput, String> {
            Ok(baton_batch::JobOutput::default())
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let prompts = prompts(5);
    let input = write_input(dir.path(), &prompts);
    let output = dir.path().join("out.jsonl");

    let first = run(Arc::new(Nothing), options(&input, &output)).await;
    assert_eq!(first.succeeded, 5);
    for line in read_output(&output) {
        assert_eq!(line["empty"], json!(true));
    }
    let second = run(Arc::new(Echo::new(0.0)), options(&input, &output)).await;
    assert_eq!((second.skipped_done, second.succeeded), (5, 0));
}
