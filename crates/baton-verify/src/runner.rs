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
