#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Several processes on one store file. The test binary re-runs itself as
//! the child: the `child` test does the child's work when `CHILD_DB` is set,
//! and nothing otherwise.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use baton_protocol::SessionId;
use baton_store::Store;
use common::*;

const CHILD_DB: &str = "BATON_STORE_TEST_CHILD_DB";
const CHILD_SESSION: &str = "BATON_STORE_TEST_CHILD_SESSION";
const CHILD_EVENTS: &str = "BATON_STORE_TEST_CHILD_EVENTS";
/// Set: after the last flush, record more and wait to be killed.
const CHILD_HANG: &str = "BATON_STORE_TEST_CHILD_HANG";

fn events_for(session: &str, n: usize) -> Vec<baton_protocol::Envelope> {
    let mut s = Script::new(session, 1_000);
    let mut events = vec![s.root(started(session))];
    for i in 1..n {
        events.push(s.root(delta(&format!("{session} event {i} "))));
    }
    events
}

#[tokio::test]
async fn child() {
    let Ok(db) = std::env::var(CHILD_DB) else {
        return;
    };
    let session = std::env::var(CHILD_SESSION).unwrap();
    let n: usize = std::env::var(CHILD_EVENTS).unwrap().parse().unwrap();
    let hang = std::env::var(CHILD_HANG).is_ok();
    let store = Store::open(&db).await.unwrap();
    let recorder = store.recorder(SessionId::new(session.as_str()));
    let events = events_for(&session, n);
    // Flushing every 100 events makes many small transactions, so the two
    // processes' writes interleave.
    for chunk in events.chunks(100) {
        for envelope in chunk {
            recorder.record(envelope);
        }
        recorder.flush().await.unwrap();
        println!("FLUSHED {}", chunk.last().unwrap().seq + 1);
    }
    if hang {
        let more = Script::resume(&session, n as u64, 99_000).root(delta("never flushed"));
        recorder.record(&more);
        std::io::stdout().flush().unwrap();
        // Blocks until the parent kills us; it never writes to our stdin.
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).unwrap();
        return;
    }
    recorder.close().await.unwrap();
}

fn spawn_child(db: &Path, session: &str, events: usize, hang: bool) -> Child {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command
        .args(["--exact", "child", "--nocapture", "--test-threads=1"])
        .env(CHILD_DB, db)
        .env(CHILD_SESSION, session)
        .env(CHILD_EVENTS, events.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if hang {
        command.env(CHILD_HANG, "1");
    }
    command.spawn().unwrap()
}

fn flushed(line: &str) -> Option<u64> {
    line.strip_prefix("FLUSHED ")?.trim().parse().ok()
}

#[tokio::test]
async fn two_processes_write_one_file_at_once() {
    let dir = tempfile::tempdir().unwrap();
    // Neither creates the file first: both race through creation and
    // migration too.
    let db = dir.path().join("shared/baton.db");
    let n = 3_000;
    let children = [
        spawn_child(&db, "proc-one", n, false),
        spawn_child(&db, "proc-two", n, false),
    ];
    for child in children {
        let output = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "child failed: {}\n{stdout}\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(stdout.lines().filter_map(flushed).max(), Some(n as u64));
    }

    let store = Store::open(&db).await.unwrap();
    assert_eq!(store.integrity_check().await.unwrap(), "ok");
    for session in ["proc-one", "proc-two"] {
        let stored = store.events(&SessionId::new(session)).await.unwrap();
        assert_eq!(stored, events_for(session, n), "{session}");
        let row = store
            .session(&SessionId::new(session))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(row.events, n as u64);
        // Its writer is gone without finishing the session.
        assert!(row.interrupted, "{session}");
    }
}

#[tokio::test]
async fn flushed_events_survive_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("baton.db");
    let n = 1_000;
    let mut child = spawn_child(&db, "killed", n, true);
    let stdout = child.stdout.take().unwrap();
    let mut last = 0;
    for line in BufReader::new(stdout).lines() {
        if let Some(seq) = flushed(&line.unwrap()) {
            last = seq;
            if seq == n as u64 {
                break;
            }
        }
    }
    assert_eq!(
        last, n as u64,
        "the child stopped before flushing everything"
    );
    // SIGKILL: no destructors, no checkpoint, no closing of the database.
    child.kill().unwrap();
    child.wait().unwrap();

    let store = Store::open(&db).await.unwrap();
    assert_eq!(store.integrity_check().await.unwrap(), "ok");
    let stored = store.events(&SessionId::new("killed")).await.unwrap();
    // Everything flushed is there; the unflushed event may or may not be.
    assert!(stored.len() >= n, "{} of {n}", stored.len());
    assert_eq!(stored[..n], events_for("killed", n));
    let row = store
        .session(&SessionId::new("killed"))
        .await
        .unwrap()
        .unwrap();
    assert!(row.interrupted);
}
