//! The `baton` binary, end to end, with scripted models in temporary workspaces.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use serde_json::{Value, json};
use tempfile::TempDir;

/// A workspace with a couple of files and an isolated user config dir.
struct Sandbox {
    workspace: TempDir,
    config_home: TempDir,
}

impl Sandbox {
    fn new() -> Self {
        let workspace = tempfile::tempdir().unwrap();
        std::fs::write(workspace.path().join("notes.txt"), "alpha\nbeta\ngamma\n").unwrap();
        std::fs::create_dir(workspace.path().join("src")).unwrap();
        std::fs::write(
            workspace.path().join("src/lib.rs"),
            "pub fn answer() -> u32 { 42 }\n",
        )
        .unwrap();
        Self {
            workspace,
            config_home: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self) -> &Path {
        self.workspace.path()
    }

    fn script(&self, turns: Value) -> String {
        let path = self.path().join("script.json");
        std::fs::write(&path, turns.to_string()).unwrap();
        format!("scripted:{}", path.display())
    }

    /// `baton` with a clean environment: no keys, no user config.
    fn baton(&self) -> Command {
        let mut cmd = Command::cargo_bin("baton").unwrap();
        cmd.current_dir(self.path())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.config_home.path())
            .env("XDG_CONFIG_HOME", self.config_home.path())
            .timeout(Duration::from_secs(60));
        cmd
    }
}

fn json_lines(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}")))
        .collect()
}

fn of_type<'a>(events: &'a [Value], kind: &str) -> Vec<&'a Value> {
    events.iter().filter(|e| e["type"] == kind).collect()
}

fn read_and_answer(sandbox: &Sandbox) -> String {
    sandbox.script(json!({"price": {"input": 3.0, "output": 15.0}, "turns": [
        {"text": "Reading.", "tool_calls": [
            {"name": "read_file", "input": {"path": "notes.txt"}},
            {"name": "grep", "input": {"pattern": "answer"}}
        ], "usage": {"input_tokens": 1000, "output_tokens": 50}},
        {"text": "The notes list alpha, beta and gamma.", "usage": {"input_tokens": 1500, "output_tokens": 20}}
    ]}))
}

#[test]
fn version_prints_and_exits() {
    let output = Command::cargo_bin("baton")
        .unwrap()
        .arg("--version")
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        format!("baton {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn json_mode_emits_one_valid_event_per_line() {
    let sandbox = Sandbox::new();
    let model = read_and_answer(&sandbox);
    let output = sandbox
        .baton()
        .args([
            "run",
            "--json",
            "--permission",
            "read-only",
            "--model",
            &model,
            "summarize the notes",
        ])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let events = json_lines(&output.stdout);
    assert_eq!(events.first().unwrap()["type"], "session_started");
    assert_eq!(events.first().unwrap()["task"], "summarize the notes");
    let last = events.last().unwrap();
    assert_eq!(last["type"], "session_finished");
    assert_eq!(last["outcome"], "success");
    assert_eq!(last["totals"]["turns"], 2);
    assert_eq!(last["totals"]["tool_calls"], 2);
    assert_eq!(last["totals"]["usage"]["input_tokens"], 2500);
    let cost = last["totals"]["cost"]["total_usd"].as_f64().unwrap();
    assert!(
        (cost - (2500.0 * 3.0 + 70.0 * 15.0) / 1e6).abs() < 1e-12,
        "{cost}"
    );
    let seqs: Vec<u64> = events.iter().map(|e| e["seq"].as_u64().unwrap()).collect();
    assert_eq!(
        seqs,
        (0..events.len() as u64).collect::<Vec<_>>(),
        "seq counts up from 0 without gaps"
    );
    let session = &events[0]["session"];
    assert!(
        events
            .iter()
            .all(|e| &e["session"] == session && e["agent"] == "root")
    );

    let read = of_type(&events, "tool_call_finished")
        .into_iter()
        .find(|e| e["tool"] == "read_file")
        .unwrap();
    let text = read["output"]["content"][0]["text"].as_str().unwrap();
    assert!(text.contains("alpha") && text.contains("gamma"), "{text}");
    let grep = of_type(&events, "tool_call_finished")
        .into_iter()
        .find(|e| e["tool"] == "grep")
        .unwrap();
    assert!(
        grep["output"]["content"][0]["text"]
            .as_str()
            .unwrap()
            .contains("src/lib.rs"),
        "{grep}"
    );
    let answer: String = of_type(&events, "model_delta")
        .iter()
        .map(|e| e["text"].as_str().unwrap())
        .collect();
    assert_eq!(answer, "Reading.The notes list alpha, beta and gamma.");
    let finished = of_type(&events, "agent_finished");
    assert_eq!(
        finished[0]["report"],
        "The notes list alpha, beta and gamma."
    );
}

/// The field names of the JSONL stream are a public interface (docs/events.md).
#[test]
fn json_field_names_are_stable() {
    let sandbox = Sandbox::new();
    let model = read_and_answer(&sandbox);
    let output = sandbox
        .baton()
        .args(["run", "--json", "-p", "read-only", "--model", &model, "t"])
        .output()
        .unwrap();
    let events = json_lines(&output.stdout);
    let expected: &[(&str, &[&str])] = &[
        (
            "session_started",
            &["task", "model", "workspace", "permission", "version"],
        ),
        ("agent_spawned", &["role", "model", "task"]),
        ("turn_started", &["turn"]),
        ("model_delta", &["text"]),
        (
            "model_finished",
            &[
                "model",
                "stop_reason",
                "usage",
                "cost",
                "latency_ms",
                "first_token_ms",
            ],
        ),
        ("tool_call_started", &["call_id", "tool", "input"]),
        (
            "tool_call_finished",
            &["call_id", "tool", "output", "duration_ms"],
        ),
        (
            "agent_finished",
            &["outcome", "report", "usage", "cost", "turns"],
        ),
        ("session_finished", &["outcome", "totals"]),
    ];
    for (kind, fields) in expected {
        let event = of_type(&events, kind)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no {kind} event"));
        let keys: BTreeSet<&str> = event
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut want: BTreeSet<&str> = ["seq", "ts_ms", "session", "agent", "type"]
            .into_iter()
            .collect();
        want.extend(fields.iter());
        assert_eq!(keys, want, "{kind}");
    }
    let usage: BTreeSet<&str> = of_type(&events, "model_finished")[0]["usage"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        usage,
        [
            "input_tokens",
            "output_tokens",
            "cache_read_tokens",
            "cache_write_tokens"
        ]
        .into_iter()
        .collect()
    );
}

#[test]
fn human_mode_streams_the_answer_and_closes_with_totals() {
    let sandbox = Sandbox::new();
    let model = read_and_answer(&sandbox);
    let output = sandbox
        .baton()
        .args(["run", "-p", "read-only", "--model", &model, "summarize"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stdout.contains("The notes list alpha, beta and gamma."),
        "{stdout}"
    );
    assert!(stderr.contains("▸ read_file notes.txt"), "{stderr}");
    assert!(stderr.contains("▸ grep answer"), "{stderr}");
    let closing = stderr.lines().last().unwrap();
    assert!(
        closing.starts_with("✓ done · 2 turns · 2 tool calls · 2,500 in / 70 out tokens · $0.0086"),
        "{closing}"
    );
}

#[test]
fn read_only_mode_denies_writes_and_the_file_is_not_created() {
    let sandbox = Sandbox::new();
    let model = sandbox.script(json!([
        {"tool_calls": [{"name": "write_file", "input": {"path": "out.txt", "content": "x"}}]},
        {"text": "could not write"}
    ]));
    let output = sandbox
        .baton()
        .args([
            "run",
            "--json",
            "-p",
            "read-only",
            "--model",
            &model,
            "write",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    let events = json_lines(&output.stdout);
    assert_eq!(of_type(&events, "tool_call_denied").len(), 1);
    assert!(of_type(&events, "tool_call_started").is_empty());
    assert!(!sandbox.path().join("out.txt").exists());
}

#[test]
fn auto_mode_writes_and_edits_inside_the_workspace_only() {
    let sandbox = Sandbox::new();
    let model = sandbox.script(json!([
        {"tool_calls": [
            {"name": "write_file", "input": {"path": "out/new.txt", "content": "hello\n"}},
            {"name": "edit_file", "input": {"path": "notes.txt", "old_string": "beta", "new_string": "BETA"}},
            {"name": "write_file", "input": {"path": "../escape.txt", "content": "x"}}
        ]},
        {"text": "done"}
    ]));
    let output = sandbox
        .baton()
        .args(["run", "--json", "-p", "auto", "--model", &model, "edit"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(
        std::fs::read_to_string(sandbox.path().join("out/new.txt")).unwrap(),
        "hello\n"
    );
    assert_eq!(
        std::fs::read_to_string(sandbox.path().join("notes.txt")).unwrap(),
        "alpha\nBETA\ngamma\n"
    );
    assert!(!sandbox.path().parent().unwrap().join("escape.txt").exists());
    let events = json_lines(&output.stdout);
    let escape = of_type(&events, "tool_call_finished")
        .into_iter()
        .last()
        .unwrap();
    assert_eq!(escape["output"]["isError"], true);
    assert!(
        escape["output"]["content"][0]["text"]
            .as_str()
            .unwrap()
            .contains("outside the workspace")
    );
}

#[test]
fn malformed_tool_json_goes_back_to_the_model() {
    let sandbox = Sandbox::new();
    let model = sandbox.script(json!([
        {"tool_calls": [{"name": "read_file", "arguments": "{\"path\": \"notes.txt\""}]},
        {"tool_calls": [{"name": "read_file", "input": {"path": "notes.txt"}}]},
        {"text": "read it on the second try"}
    ]));
    let output = sandbox
        .baton()
        .args(["run", "--json", "-p", "auto", "--model", &model, "read"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let events = json_lines(&output.stdout);
    assert_eq!(
        of_type(&events, "tool_call_started").len(),
        1,
        "the malformed call never reached the tool"
    );
    assert_eq!(events.last().unwrap()["outcome"], "success");
}

#[test]
fn max_turns_ends_with_its_own_exit_code() {
    let sandbox = Sandbox::new();
    let model =
        sandbox.script(json!([{"tool_calls": [{"name": "list", "input": {}}], "repeat": 50}]));
    let output = sandbox
        .baton()
        .args([
            "run",
            "--json",
            "-p",
            "auto",
            "--max-turns",
            "2",
            "--model",
            &model,
            "loop",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(3));
    let events = json_lines(&output.stdout);
    assert_eq!(of_type(&events, "budget_exceeded")[0]["budget"], "turns");
    assert_eq!(events.last().unwrap()["outcome"], "budget_exhausted");
    assert_eq!(events.last().unwrap()["totals"]["turns"], 2);
}

#[test]
fn ctrl_c_cancels_cleanly_and_still_reports_usage() {
    let sandbox = Sandbox::new();
    let model = sandbox.script(json!({"price": {"input": 1.0, "output": 1.0}, "turns": [
        {"tool_calls": [{"name": "list", "input": {}}], "usage": {"input_tokens": 777, "output_tokens": 1}},
        {"text": "never", "latency_ms": 600000}
    ]}));
    let binary = assert_cmd::cargo::cargo_bin("baton");
    let mut child = std::process::Command::new(binary)
        .args(["run", "--json", "-p", "auto", "--model", &model, "wait"])
        .current_dir(sandbox.path())
        .env("XDG_CONFIG_HOME", sandbox.config_home.path())
        .env("XDG_DATA_HOME", sandbox.config_home.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let mut events = Vec::new();
    let mut interrupted = false;
    let deadline = Instant::now() + Duration::from_secs(30);
    while let Some(Ok(line)) = lines.next() {
        let event: Value = serde_json::from_str(&line).unwrap();
        if !interrupted && event["type"] == "turn_started" && event["turn"] == 2 {
            let status = std::process::Command::new("kill")
                .args(["-INT", &child.id().to_string()])
                .status()
                .unwrap();
            assert!(status.success());
            interrupted = true;
        }
        events.push(event);
        assert!(Instant::now() < deadline, "baton did not stop after SIGINT");
    }
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    let last = events.last().unwrap();
    assert_eq!(last["type"], "session_finished");
    assert_eq!(last["outcome"], "cancelled");
    assert_eq!(
        last["totals"]["usage"]["input_tokens"], 777,
        "usage so far survives the cancel"
    );
    assert!(last["totals"]["cost"]["total_usd"].as_f64().unwrap() > 0.0);
}

#[test]
fn invalid_config_names_the_file_line_and_field() {
    let sandbox = Sandbox::new();
    std::fs::write(
        sandbox.path().join("baton.toml"),
        "max_turns = 5\n\n[models.fast]\nprovider = \"openai\"\nmdoel = \"gpt-4o\"\n",
    )
    .unwrap();
    let output = sandbox
        .baton()
        .args(["run", "--model", "scripted:x.json", "t"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&sandbox.path().join("baton.toml").display().to_string()),
        "{stderr}"
    );
    assert!(stderr.contains("line 5"), "{stderr}");
    assert!(stderr.contains("unknown field `mdoel`"), "{stderr}");
}

#[test]
fn unknown_models_list_the_known_ones() {
    let sandbox = Sandbox::new();
    std::fs::write(sandbox.path().join("baton.toml"), "[models.fast]\nprovider = \"openai\"\nmodel = \"gpt-4.1-mini\"\n[models.smart]\nprovider = \"anthropic\"\nmodel = \"claude-opus-4-1\"\n").unwrap();
    let output = sandbox
        .baton()
        .args(["run", "--model", "gpt-9", "t"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("unknown model `gpt-9`; known models: fast, smart"),
        "{stderr}"
    );
}

#[test]
fn a_missing_key_names_the_variable() {
    let sandbox = Sandbox::new();
    let output = sandbox
        .baton()
        .args(["run", "--model", "anthropic:claude-sonnet-4-5", "t"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("set the ANTHROPIC_API_KEY environment variable"),
        "{stderr}"
    );
}

#[test]
fn with_nothing_configured_it_says_what_to_set() {
    let sandbox = Sandbox::new();
    let output = sandbox.baton().args(["run", "hello"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    // With the embedded engine, the fallback is the local model: say how to
    // pull it, and that a key is the other way out.
    #[cfg(feature = "local")]
    assert!(
        stderr.contains("baton models pull smollm2")
            && stderr.contains("ANTHROPIC_API_KEY")
            && stderr.contains("OPENAI_API_KEY"),
        "{stderr}"
    );
    #[cfg(not(feature = "local"))]
    assert!(
        stderr.contains("ANTHROPIC_API_KEY")
            && stderr.contains("OPENAI_API_KEY")
            && stderr.contains("--model scripted:FILE"),
        "{stderr}"
    );
}

#[test]
fn a_bad_script_is_explained() {
    let sandbox = Sandbox::new();
    std::fs::write(
        sandbox.path().join("bad.json"),
        r#"{"turns": [{"txet": "hi"}]}"#,
    )
    .unwrap();
    let output = sandbox
        .baton()
        .args(["run", "--model", "scripted:bad.json", "t"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("bad.json") && stderr.contains("unknown field `txet`"),
        "{stderr}"
    );
}

#[test]
fn a_provider_error_fails_the_run_with_its_message() {
    let sandbox = Sandbox::new();
    let model = sandbox.script(
        json!([{"error": {"status": 401, "message": "authentication_error: invalid x-api-key"}}]),
    );
    let output = sandbox
        .baton()
        .args(["run", "-p", "auto", "--model", &model, "t"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "✗ error: scripted returned HTTP 401: authentication_error: invalid x-api-key"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("✗ failed"), "{stderr}");
}

#[test]
fn models_lists_configured_models_and_prices() {
    let sandbox = Sandbox::new();
    std::fs::write(
        sandbox.path().join("baton.toml"),
        "model = \"cheap\"\n[models.cheap]\nprovider = \"openai\"\nmodel = \"my-model\"\nprice = { input = 0.5, output = 1.5 }\n",
    )
    .unwrap();
    let output = sandbox.baton().args(["models"]).output().unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("default model: cheap"), "{stdout}");
    let row = stdout.lines().find(|l| l.starts_with("cheap")).unwrap();
    assert!(
        row.contains("my-model") && row.contains("0.500") && row.contains("1.500"),
        "{row}"
    );
    assert!(
        stdout.contains("claude-sonnet-4-5") && stdout.contains("15.000"),
        "{stdout}"
    );
    let json_out = sandbox.baton().args(["models", "--json"]).output().unwrap();
    let value: Value = serde_json::from_slice(&json_out.stdout).unwrap();
    assert_eq!(value["configured"][0]["price"]["input"], 0.5);
}

/// The models directory the rest of the suite pulled into (scripts/test).
#[cfg(feature = "local")]
fn pulled_models_dir() -> std::path::PathBuf {
    let dir = baton_local::catalog::models_dir(&|var| std::env::var(var).ok())
        .expect("HOME or BATON_MODELS_DIR");
    let smollm2 = dir.join(baton_local::catalog::find("smollm2").unwrap().file);
    assert!(
        smollm2.exists(),
        "{} is missing: run `cargo run -- models pull` first (scripts/test does)",
        smollm2.display()
    );
    dir
}

#[cfg(feature = "local")]
#[test]
fn with_no_key_it_runs_offline_on_the_embedded_model() {
    let sandbox = Sandbox::new();
    let output = sandbox
        .baton()
        .env("BATON_MODELS_DIR", pulled_models_dir())
        .args(["run", "-p", "read-only", "What is the capital of France?"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("Paris"), "{stdout}");
    let notices: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("using the embedded model local:smollm2"))
        .collect();
    assert_eq!(notices.len(), 1, "says so in one line: {stderr}");
    assert!(
        stderr.lines().last().unwrap().contains("$0.0000"),
        "{stderr}"
    );
}

#[cfg(feature = "local")]
#[test]
fn a_missing_embedded_model_says_how_to_pull_it() {
    let sandbox = Sandbox::new();
    let empty = tempfile::tempdir().unwrap();
    let output = sandbox
        .baton()
        .env("BATON_MODELS_DIR", empty.path())
        .args(["run", "hello"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("not downloaded yet") && stderr.contains("baton models pull smollm2"),
        "{stderr}"
    );
}

#[cfg(feature = "local")]
#[test]
fn pull_names_the_models_it_knows() {
    let sandbox = Sandbox::new();
    let output = sandbox
        .baton()
        .args(["models", "pull", "llama-9000"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("unknown model `llama-9000`") && stderr.contains("smollm2, gemma3-270m"),
        "{stderr}"
    );
}

#[test]
fn output_to_a_closed_pipe_is_not_a_crash() {
    let sandbox = Sandbox::new();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("baton"))
        .arg("models")
        .current_dir(sandbox.path())
        .env("HOME", sandbox.config_home.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}
