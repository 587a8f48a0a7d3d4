//! The crash harness: a scripted multi-agent session whose tools change
//! files, killed with SIGKILL at random moments (one per seed), then
//! resumed with `baton resume`. Every seed checks that each side effect
//! happened exactly once, that calls finished before the kill never ran
//! again, that the final answer is reached, and that the totals agree with
//! the model calls and tool calls the store recorded.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use baton_protocol::{Envelope, Event, Outcome, Usage};

const SEEDS: u64 = 50;
const RECORDED: [&str; 5] = ["alpha-1", "alpha-2", "beta-1", "beta-2", "root-note"];

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let server =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/peers/python/side_effects.py");
    let toml = format!(
        r#"model = "strong"
role = "orchestrator"
permission = "auto"

[models.strong]
provider = "scripted"
model = "strong.json"
price = {{ input = 3.0, output = 15.0 }}

[models.cheap]
provider = "scripted"
model = "cheap.json"
price = {{ input = 0.25, output = 1.25 }}

[routing]
policy = "fixed"
model = "cheap"

[mcp_servers.fx]
command = "python3"
args = [{server:?}, {dir:?}]
"#,
        server = server.display().to_string(),
        dir = dir.path().display().to_string(),
    );
    std::fs::write(dir.path().join("baton.toml"), toml).unwrap();
    let strong = serde_json::json!({"cursor": "conversation", "turns": [
        {"text": "Two workers.", "latency_ms": 30, "tool_calls": [
            {"name": "delegate", "input": {"task": "alpha", "role": "worker"}},
            {"name": "delegate", "input": {"task": "beta", "role": "worker"}}]},
        {"latency_ms": 30, "tool_calls": [{"name": "fx__charge", "input": {"line": "root-charge"}}]},
        {"latency_ms": 30, "tool_calls": [{"name": "fx__record", "input": {"line": "root-note"}}]},
        {"text": "done", "latency_ms": 30}]});
    let cheap = serde_json::json!({"cursor": "conversation", "turns": [
        {"latency_ms": 25, "tool_calls": [{"name": "fx__record", "input": {"line": "{{task}}-1"}}]},
        {"latency_ms": 25, "tool_calls": [{"name": "fx__record", "input": {"line": "{{task}}-2"}}]},
        {"text": "{{task}} ok", "latency_ms": 25}]});
    std::fs::write(dir.path().join("strong.json"), strong.to_string()).unwrap();
    std::fs::write(dir.path().join("cheap.json"), cheap.to_string()).unwrap();
    dir
}

/// `baton ARGS --store STORE` in `dir`, with nothing from outside the test.
fn baton(dir: &Path, home: &Path, store: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_baton"));
    command
        .current_dir(dir)
        .env("XDG_CONFIG_HOME", home)
        .env("XDG_DATA_HOME", home)
        .env_remove("ANTHROPIC_API_KEY")
        .env_remove("OPENAI_API_KEY")
        .env("NO_COLOR", "1")
        .args(args)
        .arg("--store")
        .arg(store);
    command
}

fn run_command(dir: &Path, home: &Path, store: &Path) -> Command {
    baton(dir, home, store, &["run", "--json", "Write the lines."])
}

fn lines(path: PathBuf) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(str::to_owned)
        .collect()
}

fn count(list: &[String], line: &str) -> usize {
    list.iter().filter(|l| *l == line).count()
}

fn sessions(dir: &Path, home: &Path, store: &Path) -> Vec<String> {
    let output = baton(dir, home, store, &["sessions", "list", "--json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let list: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect()
}

fn export(dir: &Path, home: &Path, store: &Path, id: &str) -> Vec<Envelope> {
    let output = baton(
        dir,
        home,
        store,
        &["sessions", "export", id, "--format", "jsonl"],
    )
    .output()
    .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Runs to the end once, killed or not, and returns how long it took.
fn full_run_time() -> Duration {
    let dir = workspace();
    let home = tempfile::tempdir().unwrap();
    let store = home.path().join("baton.db");
    let started = Instant::now();
    let output = run_command(dir.path(), home.path(), &store)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut written = lines(dir.path().join("lines.txt"));
    written.sort();
    assert_eq!(
        written,
        [
            "alpha-1",
            "alpha-2",
            "beta-1",
            "beta-2",
            "root-charge",
            "root-note"
        ]
    );
    started.elapsed()
}

#[test]
fn kill_nine_anywhere_then_resume_repeats_no_side_effect() {
    let full = full_run_time();
    let mut resumed = 0;
    let mut reran = 0;
    let mut interrupted = 0;
    let mut killed_twice = 0;
    let mut unrecorded = 0;
    for seed in 0..SEEDS {
        let mut rng = fastrand::Rng::with_seed(seed);
        let kill_after = full.mul_f64(rng.f64() * 1.1);
        let dir = workspace();
        let home = tempfile::tempdir().unwrap();
        let store = home.path().join("baton.db");
        let at = format!("seed {seed} (killed after {kill_after:?} of {full:?})");

        let mut child = run_command(dir.path(), home.path(), &store)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(kill_after);
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();

        let ids = sessions(dir.path(), home.path(), &store);
        let id = match ids.as_slice() {
            // Killed before the session was on record: nothing has
            // happened yet, so running it again is the recovery.
            [] => {
                unrecorded += 1;
                assert!(lines(dir.path().join("executions.log")).is_empty(), "{at}");
                let output = run_command(dir.path(), home.path(), &store)
                    .output()
                    .unwrap();
                assert!(output.status.success(), "{at}: {output:?}");
                sessions(dir.path(), home.path(), &store).remove(0)
            }
            [id] => id.clone(),
            more => panic!("{at}: {more:?}"),
        };
        let before = export(dir.path(), home.path(), &store, &id);
        let finished = before
            .iter()
            .any(|e| matches!(e.event, Event::SessionFinished { .. }));
        if !finished {
            resumed += 1;
            // Every third seed is killed again while it resumes.
            if seed % 3 == 0 {
                let again = full.mul_f64(rng.f64() * 0.8);
                let mut child = baton(dir.path(), home.path(), &store, &["resume", &id, "--json"])
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .unwrap();
                std::thread::sleep(again);
                child.kill().unwrap();
                child.wait().unwrap();
                killed_twice += 1;
            }
            let done = export(dir.path(), home.path(), &store, &id)
                .iter()
                .any(|e| matches!(e.event, Event::SessionFinished { .. }));
            if !done {
                let output = baton(dir.path(), home.path(), &store, &["resume", &id, "--json"])
                    .output()
                    .unwrap();
                assert!(
                    output.status.success(),
                    "{at}: resume failed: {}",
                    String::from_utf8_lossy(&output.stderr)
                );
            }
        }
        let events = export(dir.path(), home.path(), &store, &id);

        // The final answer was reached.
        let last = events.iter().rev().find_map(|e| match &e.event {
            Event::SessionFinished {
                outcome, totals, ..
            } => Some((*outcome, *totals)),
            _ => None,
        });
        let (outcome, totals) = last.unwrap_or_else(|| panic!("{at}: no session_finished"));
        assert_eq!(outcome, Outcome::Success, "{at}");
        let answer = events.iter().rev().find_map(|e| match &e.event {
            Event::AgentFinished { report, .. } if e.agent.as_str() == "root" => {
                Some(report.clone())
            }
            _ => None,
        });
        assert_eq!(answer.as_deref(), Some("done"), "{at}");

        // Seqs run 0, 1, 2, … across both processes.
        for (i, e) in events.iter().enumerate() {
            assert_eq!(e.seq, i as u64, "{at}");
        }

        // Which calls the resume re-ran, and which it called interrupted,
        // by the line they write.
        let mut line_of: HashMap<(String, String), String> = HashMap::new();
        let mut rerun_lines = Vec::new();
        let mut interrupted_lines = Vec::new();
        for e in &events {
            match &e.event {
                Event::ToolCallStarted { call_id, input, .. } => {
                    if let Some(line) = input.get("line").and_then(|l| l.as_str()) {
                        line_of.insert((e.agent.to_string(), call_id.to_string()), line.into());
                    }
                }
                Event::AgentResumed {
                    rerun: r,
                    interrupted: i,
                    ..
                } => {
                    for (ids, out) in [(r, &mut rerun_lines), (i, &mut interrupted_lines)] {
                        for call in ids {
                            if let Some(line) =
                                line_of.get(&(e.agent.to_string(), call.to_string()))
                            {
                                out.push(line.clone());
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        reran += rerun_lines.len();
        interrupted += interrupted_lines.len();

        // Every side effect exactly once; a call finished before the kill
        // never ran again.
        let written = lines(dir.path().join("lines.txt"));
        let executed = lines(dir.path().join("executions.log"));
        for line in RECORDED {
            assert_eq!(
                count(&written, line),
                1,
                "{at}: `{line}` in lines.txt: {written:?}"
            );
            let runs = count(&executed, line);
            let allowed = 1 + count(&rerun_lines, line);
            assert!(
                runs >= 1 && runs <= allowed,
                "{at}: `{line}` ran {runs} times"
            );
        }
        // `charge` is not idempotent: after a kill mid-call it is never run
        // again (the model is told its outcome is unknown), so it happened
        // at most once, and exactly once unless it was interrupted.
        let charged = count(&written, "root-charge");
        assert!(count(&executed, "root-charge") <= 1, "{at}: charged twice");
        if interrupted_lines.iter().any(|l| l == "root-charge") {
            assert!(charged <= 1, "{at}");
        } else {
            assert_eq!(charged, 1, "{at}");
        }

        // Totals count every model call and tool call of both processes.
        let mut usage = Usage::default();
        let mut cost = 0.0;
        let mut turns = 0;
        let mut tool_calls = 0;
        for e in &events {
            match &e.event {
                Event::ModelFinished {
                    usage: u, cost: c, ..
                } => {
                    usage += *u;
                    cost += c.total_usd;
                    turns += 1;
                }
                Event::ToolCallFinished { .. } => tool_calls += 1,
                _ => {}
            }
        }
        assert_eq!(totals.usage, usage, "{at}");
        assert_eq!(totals.turns, turns, "{at}");
        assert_eq!(totals.tool_calls, tool_calls, "{at}");
        assert!((totals.cost.total_usd - cost).abs() < 1e-9, "{at}");
    }
    eprintln!(
        "{SEEDS} seeds: {unrecorded} killed before the session was recorded, {resumed} resumed ({killed_twice} killed again mid-resume), {reran} calls re-run, {interrupted} interrupted"
    );
    // The seeds reached the interesting cases, not only clean finishes.
    assert!(
        unrecorded + resumed >= SEEDS / 2,
        "only {} of {SEEDS} kills landed mid-run",
        unrecorded + resumed
    );
    assert!(
        resumed >= SEEDS / 4,
        "only {resumed} of {SEEDS} seeds resumed"
    );
}
