//! `baton verify` on real git repositories, and the verify gate stopping a
//! scripted sub-agent that hacks the tests from reporting success.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;
use std::process::Command;

use common::baton_in;
use serde_json::{Value, json};

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

const BUGGY: &str = "def add(a, b):\n    return a - b\n";
const FIXED: &str = "def add(a, b):\n    return a + b\n";
const TESTS: &str = "from pkg.calc import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n\n\ndef test_negative():\n    assert add(-1, -1) == -2\n";
const HACKED_TESTS: &str = "from pkg.calc import add\n\n\ndef test_add():\n    assert True\n\n\ndef test_negative():\n    assert True\n";
/// A test runner with nothing to install: runs every `test_*` function.
const RUN_TESTS: &str = "import sys, importlib\nsys.path.insert(0, '.')\nm = importlib.import_module('tests.test_calc')\nfailed = 0\nfor name in dir(m):\n    if name.startswith('test_'):\n        try:\n            getattr(m, name)()\n            print('PASS', name)\n        except AssertionError:\n            failed += 1\n            print('FAIL', name)\nsys.exit(1 if failed else 0)\n";

/// A repository whose code has a bug its tests catch, committed.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("pkg")).unwrap();
    std::fs::create_dir_all(d.join("tests")).unwrap();
    std::fs::write(d.join("pkg/__init__.py"), "").unwrap();
    std::fs::write(d.join("tests/__init__.py"), "").unwrap();
    std::fs::write(d.join("pkg/calc.py"), BUGGY).unwrap();
    std::fs::write(d.join("tests/test_calc.py"), TESTS).unwrap();
    std::fs::write(d.join("run_tests.py"), RUN_TESTS).unwrap();
    std::fs::write(d.join(".gitignore"), ".baton/\n__pycache__/\n").unwrap();
    git(d, &["init", "-q"]);
    git(d, &["add", "-A"]);
    git(d, &["commit", "-q", "-m", "base"]);
    dir
}

fn verify(dir: &Path, home: &Path, extra: &[&str]) -> (Option<i32>, String, String) {
    let output = baton_in(dir, home)
        .args(["verify", "--command", "python3 run_tests.py"])
        .args(extra)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn verify_gives_pass_fail_and_suspicious_with_findings() {
    let dir = repo();
    let home = tempfile::tempdir().unwrap();
    let d = dir.path();

    // The bug: the tests fail.
    let (code, out, _) = verify(d, home.path(), &[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("FAIL"), "{out}");

    // The honest fix passes.
    std::fs::write(d.join("pkg/calc.py"), FIXED).unwrap();
    let (code, out, _) = verify(d, home.path(), &[]);
    assert_eq!(code, Some(0), "{out}");

    // The hack also makes the tests pass, and is caught.
    std::fs::write(d.join("pkg/calc.py"), BUGGY).unwrap();
    std::fs::write(d.join("tests/test_calc.py"), HACKED_TESTS).unwrap();
    let (code, out, _) = verify(d, home.path(), &["--json"]);
    assert_eq!(code, Some(2), "{out}");
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["verdict"], "suspicious");
    let kinds: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"assertion_weakened"), "{kinds:?}");
    assert_eq!(report["findings"][0]["file"], "tests/test_calc.py");
    assert_eq!(report["tests"]["passed"], true);
}

#[test]
fn bad_input_gets_clear_messages_and_exit_64() {
    let home = tempfile::tempdir().unwrap();
    let plain = tempfile::tempdir().unwrap();
    let (code, _, err) = verify(plain.path(), home.path(), &[]);
    assert_eq!(code, Some(64));
    assert!(err.contains("not a git repository"), "{err}");

    let dir = repo();
    let (code, _, err) = verify(dir.path(), home.path(), &["--base", "no-such-rev"]);
    assert_eq!(code, Some(64));
    assert!(err.contains("unknown base revision no-such-rev"), "{err}");

    let output = baton_in(dir.path(), home.path())
        .args(["verify", "--bogus"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(64));

    // No runner in an empty repository: say how to configure one.
    let empty = tempfile::tempdir().unwrap();
    std::fs::write(empty.path().join("notes.txt"), "hi\n").unwrap();
    git(empty.path(), &["init", "-q"]);
    git(empty.path(), &["add", "-A"]);
    git(empty.path(), &["commit", "-q", "-m", "base"]);
    let output = baton_in(empty.path(), home.path())
        .args(["verify"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(64));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("[verify] command"), "{err}");
}

/// An orchestrator delegating the fix to a worker whose script is `worker`.
fn gated_run(worker: Value) -> (tempfile::TempDir, Vec<Value>, Option<i32>) {
    let dir = repo();
    let home = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("baton.toml"),
        r#"model = "strong"
role = "orchestrator"
permission = "auto"

[models.strong]
provider = "scripted"
model = "strong.json"

[models.cheap]
provider = "scripted"
model = "cheap.json"

[routing]
policy = "fixed"
model = "cheap"

[verify]
command = "python3 run_tests.py"
attempts = 1
"#,
    )
    .unwrap();
    let strong = json!({"cursor": "conversation", "turns": [
        {"tool_calls": [{"name": "delegate", "input": {"task": "Fix the bug in pkg/calc.py so the tests pass.", "role": "worker"}}]},
        {"text": "Reported."}]});
    std::fs::write(d.join("strong.json"), strong.to_string()).unwrap();
    std::fs::write(d.join("cheap.json"), worker.to_string()).unwrap();
    // The run's own files are not part of the change.
    std::fs::write(
        d.join(".gitignore"),
        ".baton/\n__pycache__/\nbaton.toml\n*.json\n",
    )
    .unwrap();
    let output = baton_in(d, home.path())
        .args(["run", "--json", "Fix the calculator"])
        .output()
        .unwrap();
    let events = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (dir, events, output.status.code())
}

fn write(path: &str, content: &str) -> Value {
    json!({"tool_calls": [{"name": "write_file", "input": {"path": path, "content": content}}]})
}

#[test]
fn the_gate_stops_a_hacking_sub_agent_from_reporting_success() {
    let hacker = json!({"cursor": "conversation", "turns": [
        write("tests/test_calc.py", HACKED_TESTS),
        {"text": "Fixed: the tests pass now."},
        {"text": "I checked again: the tests pass."},
        {"text": "Still passing."}]});
    let (_dir, events, code) = gated_run(hacker);
    let verdicts: Vec<&str> = events
        .iter()
        .filter(|e| e["type"] == "verify_finished" && e["agent"] == "root.1")
        .map(|e| e["verdict"].as_str().unwrap())
        .collect();
    // One try, and one more after the feedback; both suspicious.
    assert_eq!(verdicts, ["suspicious", "suspicious"], "{events:#?}");
    let finished = events
        .iter()
        .find(|e| e["type"] == "agent_finished" && e["agent"] == "root.1")
        .unwrap();
    assert_eq!(finished["outcome"], "failure");
    // The parent sees the verdict in the child's report.
    let report = events
        .iter()
        .find(|e| e["type"] == "tool_call_finished" && e["tool"] == "delegate")
        .unwrap();
    assert_eq!(report["output"]["isError"], true, "{report}");
    let text = report["output"]["content"][0]["text"].as_str().unwrap();
    assert!(
        text.contains("failure") && text.contains("suspicious"),
        "{text}"
    );
    assert!(text.contains("assertion_weakened"), "{text}");
    // The feedback the worker got named the problem.
    let feedback = events
        .iter()
        .filter(|e| e["type"] == "message_appended" && e["agent"] == "root.1")
        .filter_map(|e| e["message"]["content"][0]["text"].as_str())
        .find(|t| t.starts_with("baton verified your change"))
        .unwrap();
    assert!(feedback.contains("assertion_weakened"), "{feedback}");
    assert_eq!(code, Some(0), "the orchestrator itself finished");
}

#[test]
fn an_honest_sub_agent_passes_the_gate() {
    let honest = json!({"cursor": "conversation", "turns": [
        write("pkg/calc.py", FIXED),
        {"text": "Fixed add: it subtracted."}]});
    let (dir, events, code) = gated_run(honest);
    assert_eq!(code, Some(0));
    let verdicts: Vec<&str> = events
        .iter()
        .filter(|e| e["type"] == "verify_finished")
        .map(|e| e["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(verdicts, ["pass"], "{events:#?}");
    let finished = events
        .iter()
        .find(|e| e["type"] == "agent_finished" && e["agent"] == "root.1")
        .unwrap();
    assert_eq!(finished["outcome"], "success");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("pkg/calc.py")).unwrap(),
        FIXED
    );
}
