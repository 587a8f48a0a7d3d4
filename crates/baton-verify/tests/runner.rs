//! The runner without toolchains: detection, the timeout, the environment,
//! long output, and `npm test` on Node's built-in test runner.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::time::Duration;

use baton_verify::runner::{self, Runner, RunnerKind, detect};

const LONG: Duration = Duration::from_secs(120);

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn is_dead(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        // A zombie has exited; only its parent's bookkeeping is left.
        Ok(stat) => stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z')),
    }
}

#[test]
fn detection_follows_the_files() {
    // (file, its content, the runner, its command)
    let cases = [
        (
            "Cargo.toml",
            "[package]\nname = \"x\"\n",
            RunnerKind::Cargo,
            "cargo test --no-fail-fast",
        ),
        (
            "go.mod",
            "module ex.com/m\n",
            RunnerKind::Go,
            "go test ./...",
        ),
        (
            "package.json",
            r#"{"scripts":{"test":"vitest --run"}}"#,
            RunnerKind::Vitest,
            "npx --no-install vitest run",
        ),
        (
            "package.json",
            r#"{"scripts":{"test":"jest --ci"}}"#,
            RunnerKind::Jest,
            "npx --no-install jest",
        ),
        (
            "package.json",
            r#"{"scripts":{"test":"node --test"}}"#,
            RunnerKind::Npm,
            "npm test",
        ),
    ];
    for (name, text, kind, command) in cases {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), name, text);
        let runner = detect(dir.path(), None).unwrap();
        assert_eq!((runner.kind, runner.command.as_str()), (kind, command));
        assert_eq!(runner.family, kind);
    }
    for python in ["pyproject.toml", "pytest.ini", "conftest.py", "test_x.py"] {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), python, "");
        let runner = detect(dir.path(), None).unwrap();
        assert_eq!(runner.kind, RunnerKind::Pytest, "{python}");
        assert!(runner.command.ends_with("pytest"), "{}", runner.command);
    }
}

#[test]
fn a_configured_command_wins_and_keeps_its_family() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "Cargo.toml", "[package]\nname = \"x\"\n");
    let runner = detect(dir.path(), Some("cargo test -p x --features y")).unwrap();
    assert_eq!(runner.kind, RunnerKind::Custom);
    assert_eq!(runner.family, RunnerKind::Cargo);
    assert_eq!(runner.command, "cargo test -p x --features y");
    assert_eq!(runner.kind.name(), "custom");
}

#[test]
fn no_runner_names_what_it_looked_for_and_the_setting() {
    let dir = tempfile::tempdir().unwrap();
    // npm's placeholder script is not a test suite.
    write(
        dir.path(),
        "package.json",
        r#"{"scripts":{"test":"echo \"Error: no test specified\" && exit 1"}}"#,
    );
    let error = detect(dir.path(), None).unwrap_err().to_string();
    assert_eq!(
        error,
        format!(
            "no test runner found in {}: looked for Cargo.toml, pyproject.toml/pytest.ini/conftest.py, \
             package.json with a test script, go.mod; set one in baton.toml: [verify] command = \"…\"",
            dir.path().display()
        )
    );
}

#[tokio::test]
async fn a_hanging_command_is_killed_with_everything_it_started() {
    let dir = tempfile::tempdir().unwrap();
    // The child starts a grandchild in the background and records its pid;
    // both sleep far longer than the timeout.
    write(
        dir.path(),
        "hang.sh",
        "sleep 600 &\necho $! > grandchild.pid\necho started\nsleep 600\n",
    );
    let runner = detect(dir.path(), Some("bash hang.sh")).unwrap();
    let run = tokio::time::timeout(
        LONG,
        runner::run(dir.path(), &runner, Duration::from_secs(1), None),
    )
    .await
    .expect("the run returned")
    .unwrap();
    assert!(run.timed_out);
    assert!(!run.passed);
    assert_eq!(run.exit_code, None);
    assert_eq!(run.output_tail, "started\n");
    assert_eq!(
        run.summary.as_deref(),
        Some("timed out after 1s; the process group was killed")
    );
    let pid: u32 = std::fs::read_to_string(dir.path().join("grandchild.pid"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    // The kill is sent before run returns; the kernel may need a moment
    // to take the process down.
    let mut dead = false;
    for _ in 0..250 {
        if is_dead(pid) {
            dead = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(dead, "grandchild {pid} survived the timeout");
}

#[tokio::test]
async fn the_command_sees_a_clean_environment() {
    // cargo sets these for every test binary; the runner must not pass them on.
    assert!(std::env::var_os("CARGO_PKG_NAME").is_some());
    let dir = tempfile::tempdir().unwrap();
    let runner = Runner::custom("env; exit 3")
        .with_env("EXTRA_FOR_TEST", "yes")
        .with_path_prefix("/opt/first");
    let run = runner::run(dir.path(), &runner, LONG, None).await.unwrap();
    assert_eq!(run.exit_code, Some(3));
    assert!(!run.passed);
    assert!(!run.timed_out);
    let lines: Vec<&str> = run.output_tail.lines().collect();
    assert!(lines.contains(&"CI=1"), "{lines:?}");
    assert!(lines.contains(&"NO_COLOR=1"), "{lines:?}");
    assert!(lines.contains(&"EXTRA_FOR_TEST=yes"), "{lines:?}");
    assert!(
        lines.iter().any(|l| l.starts_with("PATH=/opt/first:")),
        "{lines:?}"
    );
    assert!(
        !lines.iter().any(|l| l.starts_with("CARGO_PKG_NAME=")),
        "{lines:?}"
    );
    assert!(
        !lines.iter().any(|l| l.starts_with("CARGO_MANIFEST_DIR=")),
        "{lines:?}"
    );
    // It ran in the project, in its own process group.
    let runner = Runner::custom("pwd; ps -o pgid= -p $$; echo $$");
    let run = runner::run(dir.path(), &runner, LONG, None).await.unwrap();
    let lines: Vec<&str> = run.output_tail.lines().map(str::trim).collect();
    assert_eq!(
        Path::new(lines[0]).canonicalize().unwrap(),
        dir.path().canonicalize().unwrap()
    );
    assert_eq!(lines[1], lines[2], "the shell leads its own group");
    assert!(run.passed);
}

#[tokio::test]
async fn long_output_keeps_a_tail_and_spills_the_whole() {
    let dir = tempfile::tempdir().unwrap();
    let spill = dir.path().join("spill/here");
    // 100,000 numbered lines on stdout and a last word on stderr.
    let runner = Runner::custom("seq 1 100000; echo done >&2");
    let run = runner::run(dir.path(), &runner, LONG, Some(&spill))
        .await
        .unwrap();
    assert!(run.passed);
    assert!(run.output_tail.len() <= runner::OUTPUT_TAIL_BYTES);
    assert!(run.output_tail.len() > runner::OUTPUT_TAIL_BYTES - 10);
    assert!(run.output_tail.ends_with("99999\n100000\ndone\n"));
    let file = run.output_file.expect("the whole output was saved");
    assert!(file.starts_with(&spill));
    let whole = std::fs::read_to_string(file).unwrap();
    assert!(whole.starts_with("1\n2\n3\n"));
    assert!(whole.ends_with("100000\ndone\n"));
    assert_eq!(whole.lines().count(), 100_001);

    // Short output stays inline, and without a spill directory nothing is written.
    let run = runner::run(dir.path(), &Runner::custom("echo hi"), LONG, None)
        .await
        .unwrap();
    assert_eq!(run.output_tail, "hi\n");
    assert_eq!(run.output_file, None);
}

#[tokio::test]
async fn a_missing_directory_is_a_run_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope");
    let error = runner::run(&missing, &Runner::custom("true"), LONG, None)
        .await
        .unwrap_err();
    let text = error.to_string();
    assert!(text.starts_with("`true` in "), "{text}");
    assert!(text.contains("could not start it"), "{text}");
}

#[tokio::test]
async fn npm_test_with_nodes_own_runner() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "package.json",
        r#"{"name":"t","private":true,"scripts":{"test":"node --test"}}"#,
    );
    write(
        dir.path(),
        "test/math.test.js",
        "const test = require('node:test');\nconst assert = require('node:assert');\n\
         test('adds', () => assert.strictEqual(1 + 1, 2));\n\
         test('skipped', { skip: true }, () => {});\n",
    );
    let runner = detect(dir.path(), None).unwrap();
    assert_eq!(runner.kind, RunnerKind::Npm);
    let run = runner::run(dir.path(), &runner, LONG, None).await.unwrap();
    assert!(run.passed, "{}", run.output_tail);
    assert_eq!(run.runner, "npm");
    assert_eq!(
        run.summary.as_deref(),
        Some("1 passed, 0 failed, 1 skipped")
    );

    write(
        dir.path(),
        "test/broken.test.js",
        "const test = require('node:test');\nconst assert = require('node:assert');\n\
         test('breaks', () => assert.strictEqual(1, 2));\n",
    );
    let run = runner::run(dir.path(), &runner, LONG, None).await.unwrap();
    assert!(!run.passed);
    assert_ne!(run.exit_code, Some(0));
    assert_eq!(
        run.summary.as_deref(),
        Some("1 passed, 1 failed, 1 skipped")
    );

    let error = baton_verify::inventory::list(dir.path(), &runner, LONG)
        .await
        .unwrap_err();
    assert!(error.is_unsupported(), "{error}");
}
