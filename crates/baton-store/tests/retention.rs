#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;
use std::time::Duration;

use baton_protocol::SessionId;
use baton_store::{Retention, Store};
use common::*;

/// Records whole (finished) sessions, `(id, start_ms, deltas)`.
async fn fill(store: &Store, sessions: &[(&str, u64, usize)]) {
    for (id, start, deltas) in sessions {
        let recorder = store.recorder(SessionId::new(*id));
        for envelope in whole_session(id, *start, *deltas, "some streamed text ") {
            recorder.record(&envelope);
        }
        recorder.close().await.unwrap();
    }
}

async fn ids(store: &Store) -> Vec<String> {
    let rows = store.sessions(100).await.unwrap();
    rows.into_iter().map(|r| r.id.to_string()).collect()
}

fn removed(report: &baton_store::PruneReport) -> Vec<&str> {
    report.removed.iter().map(|id| id.as_str()).collect()
}

async fn open(dir: &Path) -> Store {
    Store::open(dir.join("baton.db")).await.unwrap()
}

#[tokio::test]
async fn by_age() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path()).await;
    fill(&store, &[("old", 1_000, 2), ("new", 90_000, 2)]).await;
    let retention = Retention {
        max_age: Some(Duration::from_secs(60)),
        ..Retention::default()
    };
    let report = store.prune(&retention, 100_000, &[]).await.unwrap();
    assert_eq!(removed(&report), ["old"]);
    assert_eq!(ids(&store).await, ["new"]);
    assert!(
        store
            .events(&SessionId::new("old"))
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn by_count_keeps_the_newest() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path()).await;
    fill(
        &store,
        &[
            ("s1", 100, 1),
            ("s2", 200, 1),
            ("s3", 300, 1),
            ("s4", 400, 1),
        ],
    )
    .await;
    let retention = Retention {
        max_sessions: Some(2),
        ..Retention::default()
    };
    let mut report = store.prune(&retention, 1_000, &[]).await.unwrap();
    report.removed.sort();
    assert_eq!(removed(&report), ["s1", "s2"]);
    assert_eq!(ids(&store).await, ["s4", "s3"]);
    // Already within bounds: nothing more goes.
    let again = store.prune(&retention, 1_000, &[]).await.unwrap();
    assert!(again.removed.is_empty());
}

#[tokio::test]
async fn by_size_drops_the_oldest_until_it_fits() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path()).await;
    fill(&store, &[("s1", 100, 20), ("s2", 200, 20), ("s3", 300, 20)]).await;
    let rows = store.sessions(10).await.unwrap();
    let each = rows[0].bytes;
    assert!(rows.iter().all(|r| r.bytes == each), "same-sized sessions");
    let retention = Retention {
        max_bytes: Some(2 * each),
        ..Retention::default()
    };
    let report = store.prune(&retention, 1_000, &[]).await.unwrap();
    assert_eq!(removed(&report), ["s1"]);
    assert_eq!(report.bytes_freed, each);
    assert_eq!(ids(&store).await, ["s3", "s2"]);
}

#[tokio::test]
async fn keep_and_live_sessions_are_never_pruned() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path()).await;
    fill(&store, &[("kept", 100, 1), ("plain", 200, 1)]).await;
    // Still running in this (live) process, and old.
    let live = store.recorder(SessionId::new("live"));
    live.record(&Script::new("live", 50).root(started("t")));
    live.flush().await.unwrap();
    // Running, but nobody owns it any more: crashed.
    let crashed = store.recorder(SessionId::new("crashed"));
    crashed.record(&Script::new("crashed", 60).root(started("t")));
    crashed.close().await.unwrap();
    store
        .set_owner_pid(&SessionId::new("crashed"), None)
        .await
        .unwrap();

    let everything = Retention {
        max_age: Some(Duration::from_millis(1)),
        max_sessions: Some(0),
        max_bytes: Some(0),
    };
    let mut report = store
        .prune(&everything, 1_000_000, &[SessionId::new("kept")])
        .await
        .unwrap();
    report.removed.sort();
    assert_eq!(removed(&report), ["crashed", "plain"]);
    let mut left = ids(&store).await;
    left.sort();
    assert_eq!(left, ["kept", "live"]);
    live.close().await.unwrap();
}

#[tokio::test]
async fn pruning_a_big_session_shrinks_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("baton.db");
    let store = Store::open(&path).await.unwrap();
    let big = "x".repeat(1_000);
    let recorder = store.recorder(SessionId::new("big"));
    for envelope in whole_session("big", 100, 4_000, &big) {
        recorder.record(&envelope);
    }
    recorder.close().await.unwrap();
    fill(&store, &[("small", 200, 2)]).await;

    let on_disk = |path: &Path| {
        let wal = path.with_extension("db-wal");
        std::fs::metadata(path).unwrap().len() + std::fs::metadata(&wal).map_or(0, |m| m.len())
    };
    let before = on_disk(&path);
    assert!(before > 4_000_000, "{before}");
    let retention = Retention {
        max_sessions: Some(1),
        ..Retention::default()
    };
    let report = store.prune(&retention, 1_000, &[]).await.unwrap();
    assert_eq!(removed(&report), ["big"]);
    assert!(report.bytes_freed > 4_000_000);
    let after = on_disk(&path);
    assert!(after < before / 10, "before {before}, after {after}");
    assert_eq!(store.integrity_check().await.unwrap(), "ok");
    assert_eq!(
        store.events(&SessionId::new("small")).await.unwrap().len(),
        6
    );
}
