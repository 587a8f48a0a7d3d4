//! The official MCP conformance suite (`@modelcontextprotocol/conformance`,
//! pinned in `scripts/lib/peers.sh`; see `tests/peers/CONFORMANCE.md`)
//! against baton: its server scenarios against `baton mcp serve
//! --conformance-fixtures`, its client scenarios against baton's ToolHub
//! (`baton mcp conformance-client`), for the 2025-11-25 and 2026-07-28
//! revisions, with `tests/peers/conformance-baseline.yml` as the list of
//! expected failures. Only loopback is used.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

mod common;
use common::peers;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// One whole `--requirements` run takes a few seconds; this bounds a hang.
const SUITE_TIMEOUT: Duration = Duration::from_secs(300);

fn baton() -> PathBuf {
    assert_cmd::cargo::cargo_bin("baton")
}

fn baseline() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/peers/conformance-baseline.yml")
}

/// A child process killed when the test ends, however it ends.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `baton mcp serve --conformance-fixtures` on a free loopback port
/// and returns it with its URL once it listens.
fn serve_fixtures(workspace: &Path) -> (KillOnDrop, String) {
    let mut child = Command::new(baton())
        .args(["mcp", "serve", "-C"])
        .arg(workspace)
        .args(["--http", "127.0.0.1:0", "--conformance-fixtures"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let guard = KillOnDrop(child);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(url) = line.split("listening on ").nth(1) {
                let _ = tx.send(url.trim().to_owned());
            }
        }
    });
    let url = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("baton mcp serve --http did not start within 30 s");
    (guard, url)
}

/// Runs the suite with `args` (plus the baseline and an output directory),
/// bounded by [`SUITE_TIMEOUT`]; returns whether it exited 0 and its output.
fn suite(args: &[&str], out: &Path) -> (bool, String) {
    let peers = peers();
    let log = out.join("suite.log");
    let log_file = std::fs::File::create(&log).unwrap();
    let child = Command::new(&peers["BATON_PEER_NODE22"])
        .arg(&peers["BATON_PEER_CONFORMANCE"])
        .args(args)
        .arg("--expected-failures")
        .arg(baseline())
        .arg("-o")
        .arg(out.join("results"))
        .current_dir(out)
        .stdin(Stdio::null())
        .stdout(log_file.try_clone().unwrap())
        .stderr(log_file)
        .spawn()
        .unwrap();
    let mut child = KillOnDrop(child);
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.0.try_wait().unwrap() {
            break Some(status);
        }
        if started.elapsed() > SUITE_TIMEOUT {
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let output = std::fs::read_to_string(&log).unwrap_or_default();
    match status {
        Some(status) => (status.success(), output),
        None => (
            false,
            format!("{output}\n[the suite ran over {SUITE_TIMEOUT:?}; killed]"),
        ),
    }
}

#[test]
fn server_scenarios_pass_for_both_revisions() {
    let workspace = tempfile::tempdir().unwrap();
    let (_server, url) = serve_fixtures(workspace.path());
    for revision in ["2026-07-28", "2025-11-25"] {
        let out = tempfile::tempdir().unwrap();
        let (passed, output) = suite(
            &["server", "--url", &url, "--requirements", revision],
            out.path(),
        );
        assert!(
            passed,
            "server scenarios failed for {revision} (beyond tests/peers/conformance-baseline.yml):\n{output}"
        );
        // Guard against a vacuous pass (e.g. a suite that ran nothing).
        assert!(output.contains("Total: "), "{output}");
    }
}

/// The client scenarios that apply to each revision, without `auth/*`
/// (baton's OAuth client is not written yet) and the skills extension.
const CLIENT_SCENARIOS: &[(&str, &[&str])] = &[
    (
        "2026-07-28",
        &[
            "tools_call",
            "request-metadata",
            "sep-2322-client-request-state",
            "http-standard-headers",
            "http-custom-headers",
            "http-invalid-tool-headers",
            "json-schema-ref-no-deref",
            "json-schema-2020-12-preservation",
        ],
    ),
    (
        "2025-11-25",
        &[
            "initialize",
            "tools_call",
            "elicitation-sep1034-client-defaults",
            "sse-retry",
            "json-schema-2020-12-preservation",
        ],
    ),
];

#[test]
fn client_scenarios_pass_for_both_revisions() {
    // The suite splits --command like a shell; quote the path.
    let command = format!("'{}' mcp conformance-client", baton().display());
    let mut failures = Vec::new();
    for (revision, scenarios) in CLIENT_SCENARIOS {
        for scenario in *scenarios {
            let out = tempfile::tempdir().unwrap();
            let (passed, output) = suite(
                &[
                    "client",
                    "--command",
                    &command,
                    "--scenario",
                    scenario,
                    "--spec-version",
                    revision,
                ],
                out.path(),
            );
            if !passed {
                failures.push(format!("--- {scenario} at {revision}:\n{output}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "client scenarios failed (beyond tests/peers/conformance-baseline.yml):\n{}",
        failures.join("\n")
    );
}
