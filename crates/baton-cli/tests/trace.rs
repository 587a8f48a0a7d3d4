//! `baton trace` on a real run: the orchestra example (scripted strong and
//! cheap models), traced as a table, as JSON and as an HTML page, with the
//! numbers checked against the run's own `session_finished` totals.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

mod common;
use common::{baton_in as baton, orchestra_example, orchestra_json_run};

use std::path::PathBuf;

use serde_json::Value;

/// Runs the orchestra example with `--json` and returns the workspace, the
/// config home, the JSONL file and the `session_finished` event.
fn recorded_run() -> (tempfile::TempDir, tempfile::TempDir, PathBuf, Value) {
    let dir = orchestra_example();
    let home = tempfile::tempdir().unwrap();
    let stdout = orchestra_json_run(dir.path(), home.path());
    let path = home.path().join("run.jsonl");
    std::fs::write(&path, &stdout).unwrap();
    let last = String::from_utf8(stdout)
        .unwrap()
        .lines()
        .last()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .unwrap();
    assert_eq!(last["type"], "session_finished");
    (dir, home, path, last)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn the_json_trace_adds_up_to_the_session_totals() {
    let (dir, home, path, finished) = recorded_run();
    let output = baton(dir.path(), home.path())
        .args(["trace", "--json"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let trace: Value = serde_json::from_slice(&output.stdout).unwrap();
    let totals = &finished["totals"];
    let root = &trace["root"];
    assert_eq!(root["id"], "root");
    assert_eq!(root["role"], "orchestrator");
    assert_eq!(root["model"], "strong");
    let session_usd = totals["cost"]["total_usd"].as_f64().unwrap();
    let tree_usd = root["subtree"]["cost_usd"].as_f64().unwrap();
    assert!(close(tree_usd, session_usd), "{tree_usd} vs {session_usd}");
    assert!(close(
        trace["delegated_usd"].as_f64().unwrap(),
        totals["delegated_usd"].as_f64().unwrap()
    ));
    // The root alone is what it spent without its children.
    assert!(root["self"]["cost_usd"].as_f64().unwrap() < tree_usd);
    for field in ["input_tokens", "output_tokens", "cache_read_tokens"] {
        assert_eq!(root["subtree"][field], totals["usage"][field], "{field}");
    }
    assert_eq!(root["subtree"]["turns"], totals["turns"]);
    assert_eq!(root["subtree"]["tool_calls"], totals["tool_calls"]);
    assert_eq!(root["subtree"]["agents"], 3);
    let children = root["children"].as_array().unwrap();
    assert_eq!(children.len(), 2);
    for child in children {
        assert_eq!(child["model"], "cheap", "{child}");
        assert_eq!(child["role"], "explorer");
        assert_eq!(child["outcome"], "success");
        assert!(child["reason"].as_str().unwrap().starts_with("cascade:"));
        let calls = child["tool_calls"].as_array().unwrap();
        assert_eq!(calls.len(), 1);
        assert_eq!(calls[0]["tool"], "list");
        assert_eq!(calls[0]["error"], false);
        assert!(calls[0]["duration_ms"].is_u64());
    }
    // The root's two delegate calls are the calls that started its children.
    // The children run in parallel and are listed in the order they started,
    // which need not be the order of the calls, so compare them as sets.
    let mut delegates: Vec<&str> = root["tool_calls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["call_id"].as_str().unwrap())
        .collect();
    let mut started: Vec<&str> = children
        .iter()
        .map(|c| c["call_id"].as_str().unwrap())
        .collect();
    delegates.sort_unstable();
    started.sort_unstable();
    assert_eq!(delegates.len(), 2);
    assert_eq!(delegates, started);
}

#[test]
fn the_table_shows_each_agent_and_the_totals() {
    let (dir, home, path, finished) = recorded_run();
    let output = baton(dir.path(), home.path())
        .arg("trace")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 6, "{text}");
    assert!(
        lines[0].contains("· success · Describe this workspace"),
        "{text}"
    );
    assert!(lines[2].starts_with("root "), "{text}");
    let words =
        |line: &str| -> Vec<String> { line.split_whitespace().map(str::to_owned).collect() };
    assert_eq!(
        words(lines[2])[1..4],
        ["orchestrator", "strong", "4,600"],
        "{text}"
    );
    for line in &lines[3..5] {
        assert!(line.starts_with("  root."), "{text}");
        // id role model in out cache cost wall tools outcome reason…
        let w = words(line);
        assert_eq!(w[1..6], ["explorer", "cheap", "2,000", "70", "0"], "{text}");
        assert_eq!(w[9..11], ["success", "cascade:"], "{text}");
    }
    let usd = finished["totals"]["cost"]["total_usd"].as_f64().unwrap();
    let delegated = finished["totals"]["delegated_usd"].as_f64().unwrap();
    assert!(
        lines[5].contains(&format!("${usd:.4} (${delegated:.4} by sub-agents")),
        "{text}"
    );
    assert!(
        lines[5].contains("3 agents · 6 turns · 4 tool calls"),
        "{text}"
    );
}

#[test]
fn the_html_page_is_self_contained_with_a_bar_per_agent_and_call() {
    let (dir, home, path, finished) = recorded_run();
    let page_path = home.path().join("trace.html");
    let output = baton(dir.path(), home.path())
        .arg("trace")
        .arg(&path)
        .arg("--html")
        .arg(&page_path)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("3 agents, 4 tool calls"));
    let page = std::fs::read_to_string(&page_path).unwrap();
    assert!(page.starts_with("<!doctype html>"));
    assert!(page.contains("<svg"));
    assert_eq!(page.matches("class=\"agent ok\"").count(), 3);
    assert_eq!(page.matches("class=\"tool ok\"").count(), 4);
    let usd = finished["totals"]["cost"]["total_usd"].as_f64().unwrap();
    assert!(page.contains(&format!("<b>${usd:.4}</b>")));
    // Nothing loads from elsewhere: the only URL is the SVG namespace.
    let urls = page.matches("http://").count() + page.matches("https://").count();
    assert_eq!(urls, page.matches("http://www.w3.org/2000/svg").count());
    assert!(!page.contains("<script"));
    assert!(!page.contains("<link"));
}

#[test]
fn a_cut_off_run_is_traced_with_a_warning_and_bad_lines_are_named() {
    let (dir, home, path, _) = recorded_run();
    let text = std::fs::read_to_string(&path).unwrap();
    // Killed mid-write: the last event half written.
    let cut = &text[..text.len() - 40];
    let cut_path = home.path().join("cut.jsonl");
    std::fs::write(&cut_path, cut).unwrap();
    let output = baton(dir.path(), home.path())
        .args(["trace", "--json"])
        .arg(&cut_path)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines = text.lines().count();
    assert!(
        stderr.contains(&format!("ignored line {lines}, the last")),
        "{stderr}"
    );
    let trace: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(
        trace.get("outcome").is_none(),
        "no session_finished, no outcome"
    );

    // A broken line in the middle is an error naming the file and line.
    let mut broken: Vec<&str> = text.lines().collect();
    broken[4] = "{not json";
    let broken_path = home.path().join("broken.jsonl");
    std::fs::write(&broken_path, broken.join("\n")).unwrap();
    let output = baton(dir.path(), home.path())
        .arg("trace")
        .arg(&broken_path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("broken.jsonl: line 5 is not a baton event"),
        "{stderr}"
    );
}

#[test]
fn an_unknown_session_id_says_where_to_look() {
    let home = tempfile::tempdir().unwrap();
    let output = baton(home.path(), home.path())
        .args(["trace", "1a22964dd435ae7"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no session matches `1a22964dd435ae7`"),
        "{stderr}"
    );
    assert!(stderr.contains("baton sessions list"), "{stderr}");
    assert!(stderr.contains("baton run --json"), "{stderr}");
    let output = baton(home.path(), home.path())
        .args(["trace", "missing/run.jsonl"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no such file: missing/run.jsonl"));
}
