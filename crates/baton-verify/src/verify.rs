//! `verify`: the whole check, from options to report.
//!
//! placeholder: replaced by verify-core. Only the signature is meant to
//! last; the body analyses nothing and answers an empty Pass report, so
//! nothing may rely on what it returns.

use std::path::PathBuf;
use std::time::Duration;

use crate::report::{Report, Severity, Verdict};

/// What to verify and how.
#[derive(Debug, Clone)]
pub struct VerifyOptions {
    /// The repository (or a directory inside it).
    pub dir: PathBuf,
    /// The base revision; `None` means `HEAD`.
    pub base: Option<String>,
    /// The task the agent was given, to tell asked-for test edits apart.
    pub task: Option<String>,
    /// Whether to run the tests (at the base and after the change).
    pub run_tests: bool,
    /// The test command, instead of the one detected.
    pub command: Option<String>,
    /// How long one test run may take.
    pub timeout: Duration,
    /// Findings at or above this severity make the verdict suspicious.
    pub threshold: Severity,
    /// Where long test output goes.
    pub spill_dir: Option<PathBuf>,
}

/// Why verification could not give a verdict.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    #[error("{0}")]
    Other(String),
}

/// Verifies the change in `opts.dir` against its base.
pub async fn verify(opts: &VerifyOptions) -> Result<Report, VerifyError> {
    // placeholder: replaced by verify-core
    let _ = opts;
    Ok(Report {
        verdict: Verdict::Pass,
        base: String::new(),
        findings: Vec::new(),
        tests: None,
        skipped: Vec::new(),
    })
}
