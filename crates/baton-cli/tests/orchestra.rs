//! `baton run` as an orchestrator: the example in examples/orchestra, with
//! scripted strong and cheap models priced like a real pair.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

mod common;
use common::{baton_in as baton, orchestra_example, orchestra_json_run};

use serde_json::Value;

#[test]
fn the_orchestrator_delegates_to_cheaper_models_and_the_costs_roll_up() {
    let dir = orchestra_example();
    let home = tempfile::tempdir().unwrap();
    let stdout = orchestra_json_run(dir.path(), home.path());
    let events: Vec<Value> = String::from_utf8(stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let children: Vec<&Value> = events
        .iter()
        .filter(|e| e["type"] == "agent_spawned" && e["agent"] != "root")
        .collect();
    assert_eq!(children.len(), 2);
    for child in &children {
        assert_eq!(child["parent"], "root");
        assert_eq!(child["role"], "explorer");
        assert_eq!(
            child["model"], "cheap",
            "the cascade starts at the cheapest"
        );
        assert!(
            child["reason"].as_str().unwrap().starts_with("cascade:"),
            "{child}"
        );
    }
    let child_cost: f64 = events
        .iter()
        .filter(|e| e["type"] == "agent_finished" && e["agent"] != "root")
        .map(|e| e["cost"]["total_usd"].as_f64().unwrap())
        .sum();
    let all_cost: f64 = events
        .iter()
        .filter(|e| e["type"] == "model_finished")
        .map(|e| e["cost"]["total_usd"].as_f64().unwrap())
        .sum();
    let totals = &events.last().unwrap()["totals"];
    assert!(child_cost > 0.0);
    assert!(
        (totals["delegated_usd"].as_f64().unwrap() - child_cost).abs() < 1e-9,
        "{totals}"
    );
    assert!(
        (totals["cost"]["total_usd"].as_f64().unwrap() - all_cost).abs() < 1e-9,
        "{totals}"
    );
    assert_eq!(
        totals["turns"], 6,
        "two for the orchestrator, two per explorer"
    );

    // The terminal shows the tree and the delegated share.
    let output = baton(dir.path(), home.path())
        .args(["run", "-p", "read-only", "Describe this workspace"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("↳ root.1 explorer on cheap (cascade:"),
        "{stderr}"
    );
    assert!(stderr.contains("by sub-agents)"), "{stderr}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        !stdout.contains("Found baton.toml"),
        "children's text stays off stdout: {stdout}"
    );
}

#[test]
fn unknown_roles_are_refused_with_the_list() {
    let dir = orchestra_example();
    let home = tempfile::tempdir().unwrap();
    let output = baton(dir.path(), home.path())
        .args(["run", "--role", "wizard", "x"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains(
            "there is no role `wizard`; the roles are: explorer, orchestrator, reviewer, worker"
        ),
        "{stderr}"
    );
}
