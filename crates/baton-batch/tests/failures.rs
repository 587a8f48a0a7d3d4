#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Failed jobs and bad input lines are written down, not fatal.

mod common;

use std::sync::Arc;

use baton_batch::{BatchError, BatchOptions, Job, JobOutput, Key, run_batch};
use common::*;
use serde_json::{Value, json};

#[tokio::test]
async fn failures_are_recorded_then_retried() {
    let dir = tempfile::tempdir().unwrap();
    let prompts: Vec<String> = (0..20)
        .map(|i| {
            if i % 5 == 0 {
                format!("flaky {i}")
            } else {
                format!("ok {i}")
            }
        })
        .collect();
    let input = write_input(dir.path(), &prompts);
    let output = dir.path().join("out.jsonl");
    let job = Arc::new(Flaky::new(1));

    let first = run(job.clone(), options(&input, &output)).await;
    assert_eq!((first.succeeded, first.failed), (16, 4));
    assert_eq!(first.cost_usd, 8.0, "failures cost nothing");
    let failures: Vec<Value> = read_output(&output)
        .into_iter()
        .filter(|l| l.get("error").is_some())
        .collect();
    assert_eq!(failures.len(), 4);
    for failure in &failures {
        let text = failure["input"].as_str().unwrap();
        let key = Key::of_prompt(text);
        assert!(text.starts_with("flaky"));
        assert_eq!(failure["key"], json!(key.to_string()));
        assert_eq!(failure["seed"], json!(key.seed(7)));
        assert_eq!(failure["error"], json!("rate limited on attempt 1"));
        let line = failure["line"].as_u64().unwrap() as usize;
        assert_eq!(prompts[line - 1], text, "`line` is the 1-based input line");
    }

    let second = run(job.clone(), options(&input, &output)).await;
    assert_eq!(
        (second.skipped_done, second.succeeded, second.failed),
        (16, 4, 0)
    );
    let answered = read_output(&output)
        .iter()
        .filter(|l| l.get("answer").is_some())
        .count();
    assert_eq!(answered, 20);
}

#[tokio::test]
async fn failures_can_count_as_done() {
    let dir = tempfile::tempdir().unwrap();
    let prompts = vec!["flaky a".to_owned(), "ok b".to_owned()];
    let input = write_input(dir.path(), &prompts);
    let output = dir.path().join("out.jsonl");
    let job = Arc::new(Flaky::new(1));
    run(job.clone(), options(&input, &output)).await;

    let mut opts = options(&input, &output);
    opts.retry_failed = false;
    let second = run(job.clone(), opts).await;
    assert_eq!(
        (second.skipped_done, second.succeeded, second.failed),
        (2, 0, 0)
    );
}

#[tokio::test]
async fn a_panicking_job_is_a_failure() {
    struct Boom;
    #[async_trait::async_trait]
    impl Job for Boom {
        async fn run(&self, input: &Value, _: u64) -> Result<JobOutput, String> {
            if input["prompt"] == json!("boom") {
                panic!("kaboom");
            }
            Ok(JobOutput {
                records: vec![json!({"ok": true})],
                cost_usd: 0.0,
            })
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let input = write_input(
        dir.path(),
        &["a".to_owned(), "boom".to_owned(), "b".to_owned()],
    );
    let output = dir.path().join("out.jsonl");
    let summary = run(Arc::new(Boom), options(&input, &output)).await;
    assert_eq!((summary.succeeded, summary.failed), (2, 1));
    let failure = read_output(&output)
        .into_iter()
        .find(|l| l.get("error").is_some())
        .unwrap();
    assert_eq!(failure["input"], json!("boom"));
    assert!(failure["error"].as_str().unwrap().contains("panicked"));
}

#[tokio::test]
async fn bad_input_lines_are_reported_once_with_their_line_number() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let text = [
        r#"{"prompt":"fine"}"#,
        "",
        "not json at all",
        r#"{"text":"no prompt"}"#,
        "  ",
        r#"{"prompt":7}"#,
        "[1,2]",
        r#"{"prompt":"also fine"}"#,
    ]
    .join("\n");
    std::fs::write(&input, text).unwrap();
    let output = dir.path().join("out.jsonl");

    let first = run(Arc::new(Echo::new(0.0)), options(&input, &output)).await;
    assert_eq!((first.read, first.succeeded, first.invalid), (6, 2, 4));
    let mut bad: Vec<(u64, String)> = read_output(&output)
        .into_iter()
        .filter(|l| l["invalid"] == json!(true))
        .map(|l| {
            (
                l["line"].as_u64().unwrap(),
                l["error"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    bad.sort();
    let lines: Vec<u64> = bad.iter().map(|(n, _)| *n).collect();
    assert_eq!(lines, [3, 4, 6, 7]);
    assert!(bad[0].1.starts_with("not JSON"), "{}", bad[0].1);
    assert!(bad[1].1.contains("no field `prompt`"), "{}", bad[1].1);

    // Retrying a bad line cannot help: it is not written again.
    let second = run(Arc::new(Echo::new(0.0)), options(&input, &output)).await;
    assert_eq!(
        (second.skipped_done, second.invalid, second.succeeded),
        (6, 0, 0)
    );
    assert_eq!(read_output(&output).len(), 6);
}

type Change = fn(&mut BatchOptions);

#[tokio::test]
async fn nonsense_options_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_input(dir.path(), &prompts(1));
    let output = dir.path().join("out.jsonl");
    let cases: [(&str, Change); 4] = [
        ("concurrency", |o| o.concurrency = 0),
        ("budget", |o| o.budget_usd = Some(-1.0)),
        ("key field", |o| o.key_field.clear()),
        ("same file", |o| o.output = o.input.clone()),
    ];
    for (what, change) in cases {
        let mut opts = options(&input, &output);
        change(&mut opts);
        let job = Arc::new(Echo::new(0.0));
        match run_batch(job, opts, &baton_batch::NoProgress).await {
            Err(BatchError::Options(message)) => assert!(message.contains(what), "{message}"),
            other => panic!("{what}: {other:?}"),
        }
    }
    assert!(!output.exists(), "nothing was written");

    let missing = options(&dir.path().join("missing.jsonl"), &output);
    let result = run_batch(Arc::new(Echo::new(0.0)), missing, &baton_batch::NoProgress).await;
    assert!(
        matches!(result, Err(BatchError::Input { .. })),
        "{result:?}"
    );
}
