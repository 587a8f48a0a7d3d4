#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use baton_protocol::{Outcome, SessionId};
use baton_store::{Status, Store};
use common::*;

#[tokio::test]
async fn round_trip_two_sessions_with_summaries() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("baton.db")).await.unwrap();

    let mut a = Script::new("sess-a", 1_000);
    let a_events = vec![
        a.root(started("task a")),
        a.root(spawned("root", "test/model")),
        a.next("child", Some("root"), spawned("coder", "small/model")),
        a.next("child", Some("root"), delta("hello")),
        a.next("child", Some("root"), agent_finished(Outcome::Failure)),
        a.root(agent_finished(Outcome::Success)),
        a.root(finished(Outcome::Success, totals(300, 0.25, 4, 7))),
    ];
    let mut b = Script::new("sess-b", 5_000);
    let b_events = vec![b.root(started("task b")), b.root(delta("still going"))];

    // Two recorders interleaved, as two runs in one process would be.
    let rec_a = store.recorder(a.session.clone());
    let rec_b = store.recorder(b.session.clone());
    for (i, envelope) in a_events.iter().enumerate() {
        rec_a.record(envelope);
        if let Some(other) = b_events.get(i) {
            rec_b.record(other);
        }
    }
    rec_a.flush().await.unwrap();
    rec_b.clone().close().await.unwrap();

    assert_eq!(store.events(&a.session).await.unwrap(), a_events);
    assert_eq!(store.events(&b.session).await.unwrap(), b_events);

    let row = store.session(&a.session).await.unwrap().unwrap();
    assert_eq!(row.task, "task a");
    assert_eq!(row.model, "test/model");
    assert_eq!(row.workspace, "/work/space");
    assert_eq!(row.status, Status::Success);
    assert_eq!(row.started_ms, 1_000);
    assert_eq!(row.finished_ms, Some(a_events[6].ts_ms));
    assert_eq!(row.updated_ms, a_events[6].ts_ms);
    assert_eq!(row.tokens, 300);
    assert!((row.cost_usd - 0.25).abs() < 1e-12);
    assert_eq!((row.turns, row.tool_calls), (4, 7));
    assert_eq!(row.events, 7);
    let json_bytes: usize = a_events
        .iter()
        .map(|e| serde_json::to_string(e).unwrap().len())
        .sum();
    assert_eq!(row.bytes, json_bytes as u64);
    assert_eq!(row.owner_pid, None, "a finished session has no owner");
    assert!(!row.interrupted);

    let agents = store.agents(&a.session).await.unwrap();
    let summary: Vec<_> = agents
        .iter()
        .map(|a| {
            (
                a.agent.as_str(),
                a.parent.as_ref().map(|p| p.as_str()),
                a.role.as_str(),
                a.model.as_str(),
                a.status,
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("root", None, "root", "test/model", Status::Success),
            (
                "child",
                Some("root"),
                "coder",
                "small/model",
                Status::Failure
            ),
        ]
    );

    let running = store.session(&b.session).await.unwrap().unwrap();
    assert_eq!(running.status, Status::Running);
    assert_eq!(running.owner_pid, Some(std::process::id()));
    assert!(!running.interrupted, "its owner (this process) is alive");

    let listed: Vec<_> = store.sessions(10).await.unwrap();
    let ids: Vec<_> = listed.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["sess-b", "sess-a"], "newest first");
    assert_eq!(store.sessions(1).await.unwrap().len(), 1);

    assert_eq!(store.next_seq(&a.session).await.unwrap(), 7);
    assert_eq!(store.next_seq(&SessionId::new("nope")).await.unwrap(), 0);
    assert!(
        store
            .session(&SessionId::new("nope"))
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn flushed_events_are_visible_to_a_second_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("baton.db");
    let store = Store::open(&path).await.unwrap();
    let events = whole_session("s1", 1, 50, "x");
    let recorder = store.recorder(SessionId::new("s1"));
    for envelope in &events[..30] {
        recorder.record(envelope);
    }
    recorder.flush().await.unwrap();

    let other = Store::open(&path).await.unwrap();
    assert_eq!(
        other.events(&SessionId::new("s1")).await.unwrap(),
        events[..30]
    );

    for envelope in &events[30..] {
        recorder.record(envelope);
    }
    recorder.close().await.unwrap();
    assert_eq!(other.events(&SessionId::new("s1")).await.unwrap(), events);
}

#[tokio::test]
async fn a_burst_of_ten_thousand_events_is_all_stored_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("baton.db")).await.unwrap();
    let events = whole_session("burst", 1, 10_000, "token ");
    let recorder = store.recorder(SessionId::new("burst"));
    for envelope in &events {
        recorder.record(envelope);
    }
    recorder.flush().await.unwrap();
    let stored = store.events(&SessionId::new("burst")).await.unwrap();
    assert_eq!(stored.len(), events.len());
    assert_eq!(stored, events);
    let row = store
        .session(&SessionId::new("burst"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.events, events.len() as u64);
}

#[tokio::test]
async fn a_resumed_session_continues_its_seqs_and_runs_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("baton.db");
    let id = SessionId::new("resumable");
    let first = whole_session("resumable", 100, 3, "a");
    {
        let store = Store::open(&path).await.unwrap();
        let recorder = store.recorder(id.clone());
        for envelope in &first {
            recorder.record(envelope);
        }
        recorder.close().await.unwrap();
        store.close().await;
    }

    // A later process picks the session up where its log ended.
    let store = Store::open(&path).await.unwrap();
    let next = store.next_seq(&id).await.unwrap();
    assert_eq!(next, first.len() as u64);
    let mut s = Script::resume("resumable", next, 10_000);
    let recorder = store.recorder(id.clone());
    let resumed_at = s.root(resumed("and now the tests"));
    recorder.record(&resumed_at);
    recorder.record(&s.root(delta("more")));
    recorder.flush().await.unwrap();
    let row = store.session(&id).await.unwrap().unwrap();
    assert_eq!(row.status, Status::Running);
    assert_eq!(row.finished_ms, None);
    assert_eq!(row.owner_pid, Some(std::process::id()));
    assert_eq!(row.task, "resumable", "resuming keeps the original task");

    let end = s.root(finished(Outcome::Cancelled, totals(99, 1.5, 9, 3)));
    recorder.record(&end);
    recorder.close().await.unwrap();
    let row = store.session(&id).await.unwrap().unwrap();
    assert_eq!(row.status, Status::Cancelled);
    assert_eq!(row.finished_ms, Some(end.ts_ms));
    assert_eq!(row.tokens, 99);
    assert_eq!(row.events, first.len() as u64 + 3);
    let seqs: Vec<u64> = store
        .events(&id)
        .await
        .unwrap()
        .iter()
        .map(|e| e.seq)
        .collect();
    assert_eq!(seqs, (0..first.len() as u64 + 3).collect::<Vec<_>>());
}

#[tokio::test]
async fn events_for_a_session_without_a_row_create_one() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("baton.db")).await.unwrap();
    // Resumed, but its beginning is not in this store (pruned, or another file).
    let mut s = Script::resume("orphan", 40, 7_000);
    let events = vec![s.root(resumed("go on")), s.root(delta("x"))];
    let recorder = store.recorder(s.session.clone());
    for envelope in &events {
        recorder.record(envelope);
    }
    recorder.close().await.unwrap();
    let row = store.session(&s.session).await.unwrap().unwrap();
    assert_eq!(row.status, Status::Running);
    assert_eq!(row.started_ms, 7_000);
    assert_eq!(row.events, 2);
    assert_eq!(store.events(&s.session).await.unwrap(), events);
    assert_eq!(store.next_seq(&s.session).await.unwrap(), 42);
}

#[tokio::test]
async fn a_duplicate_seq_is_reported_and_the_rest_still_written() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("baton.db")).await.unwrap();
    let events = whole_session("dup", 1, 2, "x");
    let recorder = store.recorder(SessionId::new("dup"));
    recorder.record(&events[0]);
    recorder.record(&events[1]);
    recorder.record(&events[1]);
    recorder.record(&events[2]);
    let err = recorder.flush().await.unwrap_err().to_string();
    assert!(err.contains("event 1 was already in the store"), "{err}");
    // The error sticks: a later flush still reports it.
    assert!(recorder.close().await.is_err());
    assert_eq!(
        store.events(&SessionId::new("dup")).await.unwrap(),
        events[..3]
    );
    let row = store
        .session(&SessionId::new("dup"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.events, 3);
}

#[tokio::test]
async fn a_flush_after_close_says_the_recorder_is_closed() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("baton.db")).await.unwrap();
    let recorder = store.recorder(SessionId::new("c"));
    let clone = recorder.clone();
    recorder.close().await.unwrap();
    // Never fails, even now.
    clone.record(&whole_session("c", 1, 0, "")[0]);
    let err = clone.flush().await.unwrap_err().to_string();
    assert!(err.contains("is closed"), "{err}");
}

#[tokio::test]
async fn a_running_session_whose_owner_is_gone_is_interrupted() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("baton.db")).await.unwrap();
    let id = SessionId::new("crashed");
    let recorder = store.recorder(id.clone());
    recorder.record(&Script::new("crashed", 1).root(started("t")));
    recorder.close().await.unwrap();
    assert!(!store.session(&id).await.unwrap().unwrap().interrupted);

    // A process that has exited: our own finished child.
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    assert!(store.set_owner_pid(&id, Some(dead)).await.unwrap());
    let row = store.session(&id).await.unwrap().unwrap();
    assert_eq!(row.status, Status::Running);
    assert!(row.interrupted);

    store.set_owner_pid(&id, None).await.unwrap();
    assert!(store.session(&id).await.unwrap().unwrap().interrupted);

    // Killed but not yet reaped (a zombie, as in a container whose first
    // process reaps nothing): dead all the same.
    let mut zombie = std::process::Command::new("sleep")
        .arg("30")
        .spawn()
        .unwrap();
    assert!(store.set_owner_pid(&id, Some(zombie.id())).await.unwrap());
    assert!(!store.session(&id).await.unwrap().unwrap().interrupted);
    zombie.kill().unwrap();
    let stat = format!("/proc/{}/stat", zombie.id());
    for _ in 0..200 {
        if std::fs::read_to_string(&stat).is_ok_and(|s| s.contains(") Z")) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(store.session(&id).await.unwrap().unwrap().interrupted);
    zombie.wait().unwrap();
}

#[tokio::test]
async fn a_spec_is_kept_with_its_session() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("baton.db")).await.unwrap();
    let id = SessionId::new("spec");
    let spec = serde_json::json!({"task": "fix it", "max_turns": 5});
    // Before any event: the row is created, and session_started fills it in.
    store.set_spec(&id, &spec).await.unwrap();
    let recorder = store.recorder(id.clone());
    recorder.record(&Script::new("spec", 1).root(started("fix it")));
    recorder.close().await.unwrap();
    let row = store.session(&id).await.unwrap().unwrap();
    assert_eq!(row.spec, Some(spec));
    assert_eq!(row.task, "fix it");
}

#[tokio::test]
async fn resolve_matches_unique_prefixes_only() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("baton.db")).await.unwrap();
    for (i, id) in ["abc123", "abd456", "abd789", "ab"].iter().enumerate() {
        let recorder = store.recorder(SessionId::new(*id));
        recorder.record(&Script::new(id, i as u64).root(started("t")));
        recorder.close().await.unwrap();
    }
    assert_eq!(store.resolve("abc").await.unwrap().as_str(), "abc123");
    assert_eq!(store.resolve("abd7").await.unwrap().as_str(), "abd789");
    assert_eq!(store.resolve("abc123").await.unwrap().as_str(), "abc123");
    // An exact id wins even when it is also a prefix of others.
    assert_eq!(store.resolve("ab").await.unwrap().as_str(), "ab");

    let err = store.resolve("abd").await.unwrap_err().to_string();
    assert!(err.contains("several sessions"), "{err}");
    assert!(err.contains("abd456") && err.contains("abd789"), "{err}");
    assert!(!err.contains("abc123"), "{err}");

    for missing in ["zzz", "ABC", "a%", ""] {
        let err = store.resolve(missing).await.unwrap_err().to_string();
        assert!(err.contains("no session matches"), "{missing}: {err}");
    }
}

#[tokio::test]
async fn remove_takes_agents_and_events_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("baton.db")).await.unwrap();
    for id in ["gone", "stays"] {
        let recorder = store.recorder(SessionId::new(id));
        for envelope in whole_session(id, 1, 5, "x") {
            recorder.record(&envelope);
        }
        recorder.close().await.unwrap();
    }
    let gone = SessionId::new("gone");
    assert!(store.remove(&gone).await.unwrap());
    assert!(!store.remove(&gone).await.unwrap());
    assert!(store.session(&gone).await.unwrap().is_none());
    assert!(store.events(&gone).await.unwrap().is_empty());
    assert!(store.agents(&gone).await.unwrap().is_empty());
    assert_eq!(store.next_seq(&gone).await.unwrap(), 0);
    let stays = SessionId::new("stays");
    assert_eq!(store.events(&stays).await.unwrap().len(), 9);
    assert_eq!(store.agents(&stays).await.unwrap().len(), 1);
}

#[tokio::test]
async fn export_writes_the_stored_lines() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("baton.db")).await.unwrap();
    let events = whole_session("exp", 1, 3, "line\nbreak \"quoted\"");
    let recorder = store.recorder(SessionId::new("exp"));
    for envelope in &events {
        recorder.record(envelope);
    }
    recorder.close().await.unwrap();
    let mut out = Vec::new();
    let n = store
        .export(&SessionId::new("exp"), &mut out)
        .await
        .unwrap();
    assert_eq!(n, events.len() as u64);
    let expected: String = events
        .iter()
        .map(|e| serde_json::to_string(e).unwrap() + "\n")
        .collect();
    assert_eq!(String::from_utf8(out).unwrap(), expected);

    let err = store.export(&SessionId::new("nope"), &mut Vec::new()).await;
    assert!(err.unwrap_err().to_string().contains("no session matches"));
}

#[test]
fn default_path_prefers_xdg_data_home() {
    let xdg = |name: &str| match name {
        "XDG_DATA_HOME" => Some("/data".to_owned()),
        "HOME" => Some("/home/u".to_owned()),
        _ => None,
    };
    assert_eq!(
        Store::default_path(&xdg).unwrap(),
        std::path::Path::new("/data/baton/baton.db")
    );
    let home = |name: &str| (name == "HOME").then(|| "/home/u".to_owned());
    assert_eq!(
        Store::default_path(&home).unwrap(),
        std::path::Path::new("/home/u/.local/share/baton/baton.db")
    );
    assert_eq!(Store::default_path(&|_| None), None);
}
