//! The shell tool: exit statuses, output capture, and that nothing it
//! starts survives the call.
#![cfg(target_os = "linux")]

mod common;

use std::time::Duration;

use baton_tools::ShellOptions;
use common::{Env, env, env_with, err, ok};
use serde_json::json;
use tokio_util::sync::CancellationToken;

/// Generous bound for a call that should return promptly; it only fails a
/// hung test, it measures nothing.
const PROMPT: Duration = Duration::from_secs(20);

/// Dead means gone from /proc, or a zombie nobody has reaped yet (common in
/// containers whose init does not reap).
fn is_dead(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z')),
    }
}

async fn wait_until(mut condition: impl FnMut() -> bool) -> bool {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while tokio::time::Instant::now() < deadline {
        if condition() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    condition()
}

#[allow(clippy::unwrap_used)] // a missing pid file is a test failure
fn background_pid(env: &Env) -> u32 {
    env.read("bg.pid").trim().parse().unwrap()
}

#[tokio::test]
async fn exit_codes_become_status_lines_and_errors() {
    let env = env();
    let output = env.call("shell", json!({"command": "echo hi"})).await;
    assert_eq!(ok(&output), "hi\n[exit code 0]");
    let structured = output.structured_content.unwrap();
    assert_eq!(
        structured,
        json!({"exit_code": 0, "timed_out": false, "truncated_bytes": 0})
    );

    let output = env
        .call("shell", json!({"command": "echo oops; exit 3"}))
        .await;
    assert_eq!(err(&output), "oops\n[exit code 3]");
    assert_eq!(output.structured_content.unwrap()["exit_code"], 3);

    let output = env.call("shell", json!({"command": "kill -9 $$"})).await;
    assert_eq!(err(&output), "(no output)\n[killed by signal 9]");
    assert_eq!(output.structured_content.unwrap()["exit_code"], json!(null));

    let text = err(&env.call("shell", json!({"command": "  "})).await);
    assert!(text.contains("command is empty"), "{text}");
}

#[tokio::test]
async fn stdout_and_stderr_are_interleaved_in_one_stream() {
    let env = env();
    let output = env
        .call(
            "shell",
            json!({"command": "echo out; echo err >&2; echo out2; printf tail"}),
        )
        .await;
    assert_eq!(ok(&output), "out\nerr\nout2\ntail\n[exit code 0]");
}

#[tokio::test]
async fn runs_in_the_workspace_root_with_empty_stdin() {
    let env = env();
    let root = env.dir.path().canonicalize().unwrap();
    let output = env
        .call("shell", json!({"command": "pwd; cat; echo done"}))
        .await;
    assert_eq!(
        ok(&output),
        format!("{}\ndone\n[exit code 0]", root.display())
    );
}

#[tokio::test]
async fn long_output_keeps_the_tail() {
    let env = env_with(ShellOptions {
        output_cap_bytes: 100,
        ..ShellOptions::default()
    });
    let output = env.call("shell", json!({"command": "seq 1 10000"})).await;
    let text = ok(&output);
    // `seq 1 10000` prints 48894 bytes.
    assert!(
        text.starts_with("[… 48794 earlier bytes omitted …]\n"),
        "{text}"
    );
    assert!(text.ends_with("9999\n10000\n[exit code 0]"), "{text}");
    assert_eq!(output.structured_content.unwrap()["truncated_bytes"], 48794);
}

#[tokio::test]
async fn timeout_kills_the_whole_process_group() {
    let env = env();
    let command = "sleep 300 & echo $! > bg.pid; echo waiting; sleep 300";
    let call = env.call("shell", json!({"command": command, "timeout_secs": 1}));
    let output = tokio::time::timeout(PROMPT, call)
        .await
        .expect("the call returned");
    let text = err(&output);
    assert_eq!(
        text,
        "waiting\n[timed out after 1s; the process group was killed]"
    );
    assert_eq!(output.structured_content.unwrap()["timed_out"], true);
    let pid = background_pid(&env);
    assert!(
        wait_until(|| is_dead(pid)).await,
        "background process {pid} survived the timeout"
    );
}

#[tokio::test]
async fn timeout_is_capped_at_the_maximum() {
    let env = env_with(ShellOptions {
        max_timeout: Duration::from_secs(1),
        ..ShellOptions::default()
    });
    let call = env.call(
        "shell",
        json!({"command": "sleep 300", "timeout_secs": 500}),
    );
    let output = tokio::time::timeout(PROMPT, call)
        .await
        .expect("the call returned");
    let text = err(&output);
    assert!(
        text.starts_with("[timeout_secs is above the maximum; using 1s]"),
        "{text}"
    );
    assert!(
        text.ends_with("[timed out after 1s; the process group was killed]"),
        "{text}"
    );
}

#[tokio::test]
async fn background_jobs_do_not_hang_the_call_or_outlive_it() {
    let env = env();
    let command = "sleep 300 & echo $! > bg.pid; echo started";
    let call = env.call("shell", json!({"command": command, "timeout_secs": 300}));
    let output = tokio::time::timeout(PROMPT, call)
        .await
        .expect("the call returned");
    assert_eq!(ok(&output), "started\n[exit code 0]");
    assert_eq!(output.structured_content.unwrap()["timed_out"], false);
    let pid = background_pid(&env);
    assert!(
        wait_until(|| is_dead(pid)).await,
        "background process {pid} outlived the call"
    );
}

#[tokio::test]
async fn cancellation_kills_the_group_and_returns_promptly() {
    let env = env();
    let cancel = CancellationToken::new();
    let command = "sleep 300 & echo $! > bg.pid; sleep 300";
    let call = env.call_with("shell", json!({"command": command}), cancel.clone());
    let watcher = async {
        let started = wait_until(|| {
            std::fs::read_to_string(env.path("bg.pid")).is_ok_and(|pid| pid.ends_with('\n'))
        })
        .await;
        assert!(started, "the command never started");
        cancel.cancel();
    };
    let (output, ()) = tokio::time::timeout(PROMPT, async { tokio::join!(call, watcher) })
        .await
        .expect("the call returned after cancellation");
    let text = err(&output);
    assert!(
        text.ends_with("[cancelled; the process group was killed]"),
        "{text}"
    );
    let structured = output.structured_content.unwrap();
    assert_eq!(structured["exit_code"], json!(null));
    assert_eq!(structured["timed_out"], false);
    let pid = background_pid(&env);
    assert!(
        wait_until(|| is_dead(pid)).await,
        "background process {pid} survived cancellation"
    );
}
