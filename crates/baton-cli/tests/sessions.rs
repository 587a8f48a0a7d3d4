//! `baton sessions`, `baton resume`, `baton compact` and `baton trace ID`
//! against a real store file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use common::baton_in;
use serde_json::{Value, json};

fn script(dir: &Path) -> String {
    let turns = json!({"cursor": "conversation", "price": {"input": 3.0, "output": 15.0}, "turns": [
        {"text": "Looking.", "tool_calls": [{"name": "list_dir", "input": {"path": "."}}]},
        {"text": "First answer."},
        {"text": "Follow-up answer."}]});
    let path = dir.join("script.json");
    std::fs::write(&path, turns.to_string()).unwrap();
    format!("scripted:{}", path.display())
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn list(dir: &Path, home: &Path) -> Vec<Value> {
    let output = baton_in(dir, home)
        .args(["sessions", "list", "--json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    serde_json::from_slice::<Value>(&output.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn a_session_is_listed_shown_exported_traced_continued_compacted_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let model = script(dir.path());
    let output = baton_in(dir.path(), home.path())
        .args([
            "run",
            "--json",
            "-p",
            "auto",
            "--model",
            &model,
            "Describe it",
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let streamed = stdout(&output);

    let sessions = list(dir.path(), home.path());
    assert_eq!(sessions.len(), 1);
    let id = sessions[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(sessions[0]["status"], "success");
    assert_eq!(sessions[0]["task"], "Describe it");
    assert!(sessions[0]["cost_usd"].as_f64().unwrap() > 0.0);

    // The export is the --json stream, line for line.
    let export = baton_in(dir.path(), home.path())
        .args(["sessions", "export", &id[..6], "--format", "jsonl"])
        .output()
        .unwrap();
    assert!(export.status.success(), "{}", stderr(&export));
    assert_eq!(stdout(&export), streamed);

    let show = baton_in(dir.path(), home.path())
        .args(["sessions", "show", &id])
        .output()
        .unwrap();
    let shown = stdout(&show);
    assert!(
        show.status.success() && shown.contains("Describe it"),
        "{shown}"
    );
    assert!(shown.contains(&format!("baton resume {id}")), "{shown}");

    let trace = baton_in(dir.path(), home.path())
        .args(["trace", &id])
        .output()
        .unwrap();
    assert!(trace.status.success(), "{}", stderr(&trace));
    assert!(
        stdout(&trace).contains(&format!("session {id}")),
        "{}",
        stdout(&trace)
    );

    // A finished session needs a follow-up to continue.
    let again = baton_in(dir.path(), home.path())
        .args(["resume", &id])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("give a follow-up task"),
        "{}",
        stderr(&again)
    );

    // With one, it continues the same conversation, in the same session.
    let follow = baton_in(dir.path(), home.path())
        .args(["resume", &id, "And then?", "--json"])
        .output()
        .unwrap();
    assert!(follow.status.success(), "{}", stderr(&follow));
    let events: Vec<Value> = stdout(&follow)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(events[0]["type"], "session_resumed");
    assert_eq!(events[0]["follow_up"], "And then?");
    let first_seq = streamed.lines().count() as u64;
    assert_eq!(events[0]["seq"], first_seq);
    let answer = events
        .iter()
        .rev()
        .find(|e| e["type"] == "agent_finished")
        .unwrap();
    assert_eq!(answer["report"], "Follow-up answer.");
    let finished = events.last().unwrap();
    assert_eq!(finished["type"], "session_finished");
    // Totals cover both runs: three model calls.
    assert_eq!(finished["totals"]["turns"], 3);
    assert_eq!(list(dir.path(), home.path()).len(), 1);

    // `baton compact` records a smaller context the next resume starts from.
    let compact = baton_in(dir.path(), home.path())
        .args(["compact", &id, "--model", &model])
        .output()
        .unwrap();
    assert!(compact.status.success(), "{}", stderr(&compact));
    let export = baton_in(dir.path(), home.path())
        .args(["sessions", "export", &id])
        .output()
        .unwrap();
    let compacted: Vec<Value> = stdout(&export)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|e| e["type"] == "compacted")
        .collect();
    assert_eq!(compacted.len(), 1, "{}", stdout(&compact));
    assert!(compacted[0]["after_tokens"].as_u64() < compacted[0]["before_tokens"].as_u64());

    let rm = baton_in(dir.path(), home.path())
        .args(["sessions", "rm", &id])
        .output()
        .unwrap();
    assert!(rm.status.success(), "{}", stderr(&rm));
    assert!(list(dir.path(), home.path()).is_empty());
    let gone = baton_in(dir.path(), home.path())
        .args(["resume", &id])
        .output()
        .unwrap();
    assert_eq!(gone.status.code(), Some(2));
    assert!(stderr(&gone).contains(&id), "{}", stderr(&gone));
}

#[test]
fn prune_keeps_what_the_config_says() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let model = script(dir.path());
    for task in ["one", "two", "three"] {
        let output = baton_in(dir.path(), home.path())
            .args(["run", "-p", "auto", "--model", &model, task])
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
    }
    assert_eq!(list(dir.path(), home.path()).len(), 3);
    std::fs::write(
        dir.path().join("baton.toml"),
        "[store]\nkeep_sessions = 1\n",
    )
    .unwrap();
    let prune = baton_in(dir.path(), home.path())
        .args(["sessions", "prune"])
        .output()
        .unwrap();
    assert!(prune.status.success(), "{}", stderr(&prune));
    assert!(
        stdout(&prune).contains("removed 2 sessions"),
        "{}",
        stdout(&prune)
    );
    let left = list(dir.path(), home.path());
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["task"], "three");
}

#[test]
fn a_store_that_is_not_a_database_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let bogus = dir.path().join("bogus.db");
    std::fs::write(
        &bogus,
        "this is not a database, just text that goes on for a while\n".repeat(200),
    )
    .unwrap();
    let output = baton_in(dir.path(), home.path())
        .args(["sessions", "list", "--store"])
        .arg(&bogus)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let error = stderr(&output);
    assert!(error.contains("bogus.db"), "{error}");
    // A run still goes ahead, unrecorded, and says so.
    let model = script(dir.path());
    let run = baton_in(dir.path(), home.path())
        .args(["run", "-p", "auto", "--model", &model, "--store"])
        .arg(&bogus)
        .arg("go")
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stderr(&run).contains("not recorded"), "{}", stderr(&run));
}

#[test]
fn the_time_budget_spans_every_run_of_a_session() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    // Each answer takes two seconds; the budget is four for the session, so
    // the first run fits with room to spare on a loaded machine, and the
    // follow-up, left at most two seconds less the first run's overhead,
    // cannot.
    let turns = json!({"turns": [
        {"text": "First.", "latency_ms": 2000},
        {"text": "Second.", "latency_ms": 2000}]});
    let path = dir.path().join("slow.json");
    std::fs::write(&path, turns.to_string()).unwrap();
    let model = format!("scripted:{}", path.display());
    let first = baton_in(dir.path(), home.path())
        .args([
            "run",
            "-p",
            "auto",
            "--budget-time",
            "4",
            "--model",
            &model,
            "Go",
        ])
        .output()
        .unwrap();
    assert!(first.status.success(), "{}", stderr(&first));
    // The follow-up has less than two seconds left, not four.
    let second = baton_in(dir.path(), home.path())
        .args(["resume", "--last", "And on?"])
        .output()
        .unwrap();
    assert_eq!(second.status.code(), Some(3), "{}", stderr(&second));
    assert!(
        stderr(&second).contains("time budget ran out"),
        "{}",
        stderr(&second)
    );
}
