//! Finding and running a repository's tests.

use serde::{Deserialize, Serialize};

/// One run of the test command.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TestRun {
    /// `cargo`, `pytest`, `npm`, `vitest`, `jest`, `go`, or `custom`.
    pub runner: String,
    /// The command as run.
    pub command: String,
    /// The exit code; `None` when it was killed (timeout).
    pub exit_code: Option<i32>,
    pub passed: bool,
    pub timed_out: bool,
    pub duration_ms: u64,
    /// The end of the output (stdout and stderr interleaved), capped.
    pub output_tail: String,
    /// The whole output, when it was longer than the tail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_file: Option<std::path::PathBuf>,
}

// placeholder: replaced by the runner branch
/// How to run a repository's tests.
#[derive(Debug, Clone)]
pub struct Runner {
    pub command: String,
}

// placeholder: replaced by the runner branch
/// No test command could be found.
#[derive(Debug, thiserror::Error)]
#[error("no test command found; set `[verify] command` in baton's config")]
pub struct NoRunner;

// placeholder: replaced by the runner branch
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct RunError(pub String);

// placeholder: replaced by the runner branch
pub fn detect(_dir: &std::path::Path, command: Option<&str>) -> Result<Runner, NoRunner> {
    command
        .map(|c| Runner {
            command: c.to_string(),
        })
        .ok_or(NoRunner)
}

// placeholder: replaced by the runner branch
pub async fn run(
    _dir: &std::path::Path,
    _runner: &Runner,
    _timeout: std::time::Duration,
    _spill_dir: Option<&std::path::Path>,
) -> Result<TestRun, RunError> {
    Err(RunError("the test runner is not built yet".into()))
}
