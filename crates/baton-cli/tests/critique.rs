//! The critique gate inside `baton run`: a role with `gates = ["critique"]`
//! has its answer critiqued against the constitution and revised.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::baton_in;
use serde_json::{Value, json};

#[test]
fn a_role_with_the_critique_gate_revises_its_answer_in_baton_run() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let d = dir.path();
    // One model answers, critiques and revises, in that order.
    let script = json!({"turns": [
        {"text": "Use a mutex."},
        {"text": "It does not say what the mutex protects, or why."},
        {"text": "Guard the shared counter with a mutex, so two threads never update it at once."},
        {"text": "NO ISSUES"}
    ]});
    std::fs::write(d.join("model.json"), script.to_string()).unwrap();
    std::fs::write(
        d.join("baton.toml"),
        r#"model = "m"
role = "writer"
permission = "read-only"

[models.m]
provider = "scripted"
model = "model.json"

[roles.writer]
description = "Writes short technical answers."
instructions = "Answer the question."
tools = ["read-only"]
gates = ["critique"]

[critique]
rounds = 2
"#,
    )
    .unwrap();
    let output = baton_in(d, home.path())
        .args(["run", "--json", "How do I share a counter between threads?"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let events: Vec<Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let kinds: Vec<&str> = events
        .iter()
        .map(|e| e["type"].as_str().unwrap())
        .filter(|k| ["critique", "revision", "agent_finished"].contains(k))
        .collect();
    assert_eq!(
        kinds,
        ["critique", "revision", "critique", "agent_finished"]
    );
    let first = events.iter().find(|e| e["type"] == "critique").unwrap();
    assert_eq!(first["found_nothing"], false);
    assert!(!first["principle"].as_str().unwrap().is_empty());
    let finished = events
        .iter()
        .find(|e| e["type"] == "agent_finished")
        .unwrap();
    assert_eq!(
        finished["report"],
        "Guard the shared counter with a mutex, so two threads never update it at once."
    );

    // A constitution that does not load stops the run before it starts.
    std::fs::write(d.join("bad.toml"), "[[principle]]\nid = \"x\"\n").unwrap();
    let toml = std::fs::read_to_string(d.join("baton.toml")).unwrap();
    std::fs::write(
        d.join("baton.toml"),
        toml.replace("rounds = 2", "rounds = 2\nconstitution = \"bad.toml\""),
    )
    .unwrap();
    let output = baton_in(d, home.path())
        .args(["run", "How?"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("[critique] constitution") && err.contains("bad.toml"),
        "{err}"
    );
}
