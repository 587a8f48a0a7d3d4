//! The verify gate across a crash: an agent resumed mid-task is measured
//! from the working tree as it was when the task began (not from HEAD, nor
//! from what the crash left), and an answer given just before the crash is
//! still verified before it counts.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use baton_agent::{
    Agent, AgentConfig, EventBus, SessionLog, SessionSpec, VerifyGate, VerifySettings,
    resume_session, run_session,
};
use baton_models::scripted::ScriptedClient;
use baton_protocol::{AgentId, Envelope, Event, Outcome, PermissionMode, SessionId, VerifyVerdict};
use baton_tools::{ShellOptions, Workspace, builtin_tools};
use common::drain;
use serde_json::json;
use tokio_util::sync::CancellationToken;

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

/// A repository with a committed test, and someone's earlier uncommitted
/// work that weakens it: not the agent's doing, so not held against it.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("src")).unwrap();
    std::fs::create_dir_all(d.join("tests")).unwrap();
    std::fs::write(d.join("src/calc.py"), "def add(a, b):\n    return a + b\n").unwrap();
    std::fs::write(
        d.join("tests/test_calc.py"),
        "from src.calc import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n",
    )
    .unwrap();
    git(d, &["init", "-q"]);
    git(d, &["add", "-A"]);
    git(d, &["commit", "-qm", "base"]);
    std::fs::write(
        d.join("tests/test_calc.py"),
        "from src.calc import add\n\n\ndef test_add():\n    assert True\n",
    )
    .unwrap();
    dir
}

fn worker(dir: &Path) -> Agent {
    let script = json!({"cursor": "conversation", "turns": [
        {"tool_calls": [{"name": "write_file", "input": {
            "path": "src/util.py", "content": "def double(x):\n    return 2 * x\n"}}]},
        {"text": "done"},
        {"text": "done again"}]});
    let model = ScriptedClient::parse(&script.to_string(), Path::new("s.json"), "s").unwrap();
    let tools = builtin_tools(Workspace::new(dir).unwrap(), ShellOptions::default());
    let gate = VerifyGate::new(VerifySettings {
        dir: dir.to_path_buf(),
        // The tests "pass"; the verdict rests on what the change shows.
        command: Some("true".into()),
        timeout: Duration::from_secs(60),
        threshold: baton_verify::Severity::Medium,
        spill_dir: None,
    });
    let config = AgentConfig {
        role: "worker".into(),
        ..AgentConfig::default()
    };
    Agent::new(
        AgentId::new("root"),
        Arc::new(model),
        Arc::new(tools),
        config,
    )
    .with_gate(Arc::new(gate))
}

fn spec(dir: &Path) -> SessionSpec {
    SessionSpec {
        task: "add a double helper".into(),
        workspace: dir.to_path_buf(),
        permission: PermissionMode::Auto,
        startup: Vec::new(),
    }
}

fn verdicts(events: &[Envelope]) -> Vec<VerifyVerdict> {
    events
        .iter()
        .filter_map(|e| match &e.event {
            Event::VerifyFinished { verdict, .. } => Some(*verdict),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn a_resumed_agent_is_verified_from_where_its_task_began() {
    let repo = repository();
    let dir = repo.path();
    let bus = EventBus::new(SessionId::new("s"));
    let mut events = bus.channel();
    let report = run_session(&bus, &spec(dir), &worker(dir), &CancellationToken::new()).await;
    let full = drain(&mut events);
    assert_eq!(report.outcome, Outcome::Success, "{:?}", report.error);
    assert_eq!(verdicts(&full), [VerifyVerdict::Pass]);
    assert!(
        full.iter()
            .any(|e| matches!(&e.event, Event::GateBegan { gate, .. } if gate == "verify"))
    );

    // Crash after each event from the gate's snapshot up to the verdict;
    // the write itself is replayed, never redone, so the tree stays as the
    // crash left it.
    let began = full
        .iter()
        .position(|e| matches!(e.event, Event::GateBegan { .. }))
        .unwrap();
    let verified = full
        .iter()
        .position(|e| matches!(e.event, Event::VerifyFinished { .. }))
        .unwrap();
    let mut judged_after_resume = 0;
    for cut in began + 1..=verified {
        let log = Arc::new(SessionLog::from_events(full[..cut].iter().cloned()).unwrap());
        let bus = EventBus::resume(SessionId::new("s"), log.next_seq);
        let mut after = bus.channel();
        let resumed = resume_session(
            &bus,
            &spec(dir),
            &worker(dir),
            &log,
            None,
            &CancellationToken::new(),
        )
        .await
        .unwrap();
        let after = drain(&mut after);
        let at = format!("crash after {}", full[cut - 1].event.kind());
        assert_eq!(
            resumed.outcome,
            Outcome::Success,
            "{at}: {:?}",
            resumed.error
        );
        // Measured from HEAD, the weakened test would make it suspicious.
        let seen = verdicts(&after);
        assert!(!seen.is_empty(), "{at}: the answer went unverified");
        assert!(
            seen.iter().all(|v| *v == VerifyVerdict::Pass),
            "{at}: {seen:?}"
        );
        if full[..cut].iter().any(
            |e| matches!(&e.event, Event::MessageAppended { message } if message.text() == "done"),
        ) {
            judged_after_resume += 1;
        }
    }
    // The case that used to slip through: the answer on record, the crash
    // during verification.
    assert!(judged_after_resume > 0);

    // A follow-up is a new task, measured from where it starts: the
    // helper written by the first task is not counted against it.
    let log = Arc::new(SessionLog::from_events(full.iter().cloned()).unwrap());
    let bus = EventBus::resume(SessionId::new("s"), log.next_seq);
    let mut after = bus.channel();
    let follow = resume_session(
        &bus,
        &spec(dir),
        &worker(dir),
        &log,
        Some("now say done again"),
        &CancellationToken::new(),
    )
    .await
    .unwrap();
    let after = drain(&mut after);
    assert_eq!(follow.outcome, Outcome::Success, "{:?}", follow.error);
    let snapshots: Vec<&String> = full
        .iter()
        .chain(&after)
        .filter_map(|e| match &e.event {
            Event::GateBegan { state, .. } => Some(state),
            _ => None,
        })
        .collect();
    assert_eq!(snapshots.len(), 2);
    assert_ne!(snapshots[0], snapshots[1]);
}
