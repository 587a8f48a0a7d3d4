//! Finding and running a repository's tests.
//!
//! [`detect`] picks the runner (the configured command wins); [`run`] runs it
//! under `bash -c` in its own process group with a clean environment and a
//! timeout that kills the whole group, and reads the outcome from the exit
//! code (and, for a summary and per-test results, from the output).

mod detect;
mod parse;
pub(crate) mod process;

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use detect::{NoRunner, detect};
pub use parse::{Outcome, TestResult};

/// How much of the output a [`TestRun`] keeps inline.
pub const OUTPUT_TAIL_BYTES: usize = 20 * 1024;

/// The test tools baton knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunnerKind {
    Cargo,
    Nextest,
    Pytest,
    Npm,
    Vitest,
    Jest,
    Go,
    /// A configured command.
    Custom,
}

impl RunnerKind {
    pub fn name(self) -> &'static str {
        match self {
            Self::Cargo => "cargo",
            Self::Nextest => "nextest",
            Self::Pytest => "pytest",
            Self::Npm => "npm",
            Self::Vitest => "vitest",
            Self::Jest => "jest",
            Self::Go => "go",
            Self::Custom => "custom",
        }
    }
}

impl std::fmt::Display for RunnerKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A test command and how to read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Runner {
    pub kind: RunnerKind,
    /// The shell command line, as run.
    pub command: String,
    /// The tool the command runs: `kind`, except for a configured command,
    /// where it is guessed from the text (`cargo test -p x` → Cargo) so its
    /// output can be read and its tests listed; Custom when unknown.
    pub family: RunnerKind,
    /// Directories put before `PATH` for the command.
    path_prefix: Vec<PathBuf>,
    /// Variables set for the command, over the clean environment.
    env: Vec<(String, String)>,
}

impl Runner {
    /// A runner of a known kind.
    pub fn new(kind: RunnerKind, command: impl Into<String>) -> Self {
        Self {
            kind,
            command: command.into(),
            family: kind,
            path_prefix: Vec::new(),
            env: Vec::new(),
        }
    }

    /// A configured command; its family is guessed from the text.
    pub fn custom(command: impl Into<String>) -> Self {
        let command = command.into();
        Self {
            family: detect::guess_family(&command),
            ..Self::new(RunnerKind::Custom, command)
        }
    }

    /// Puts `dir` before the others on the command's `PATH` (a virtualenv's
    /// `bin`, a toolchain baton installed). Later calls go further forward.
    pub fn with_path_prefix(mut self, dir: impl Into<PathBuf>) -> Self {
        self.path_prefix.insert(0, dir.into());
        self
    }

    /// Sets a variable for the command, on top of the clean environment.
    pub fn with_env(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }
}

/// One run of the test command.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TestRun {
    /// `cargo`, `nextest`, `pytest`, `npm`, `vitest`, `jest`, `go`, or `custom`.
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
    /// The runner's own count ("12 passed, 1 failed"), or why it ended
    /// ("timed out after 60s; …").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Per-test outcomes, as far as the output names them: every test for
    /// cargo, nextest and `pytest -v`; failures (and `-v` passes and skips)
    /// for pytest and go; none for the node runners.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub results: Vec<TestResult>,
}

/// The test command could not be run (or, for a listing, did not succeed).
#[derive(Debug, Error)]
#[error("`{command}` in {}: {problem}", dir.display())]
pub struct RunError {
    pub command: String,
    pub dir: PathBuf,
    pub problem: Problem,
}

/// What went wrong in a [`RunError`].
#[derive(Debug, Error)]
pub enum Problem {
    #[error("could not start it under bash: {0}")]
    Spawn(#[source] std::io::Error),
    #[error("could not read its output or save it: {0}")]
    Io(#[source] std::io::Error),
    #[error("timed out after {}s; its process group was killed", .0.as_secs_f64())]
    TimedOut(Duration),
    /// A listing command failed (the code does not compile, the tool is
    /// missing, …).
    #[error("it failed (exit code {}); the end of its output:\n{tail}",
        code.map_or_else(|| "none".to_owned(), |c| c.to_string()))]
    Failed { code: Option<i32>, tail: String },
    /// baton cannot list this runner's tests.
    #[error("listing tests is not supported for {0} runners")]
    Unsupported(RunnerKind),
}

impl RunError {
    fn new(command: &str, dir: &Path, problem: Problem) -> Self {
        Self {
            command: command.to_owned(),
            dir: dir.to_path_buf(),
            problem,
        }
    }

    /// Whether the runner's tests cannot be listed at all (rather than the
    /// listing failing), so an inventory comparison is simply skipped.
    pub fn is_unsupported(&self) -> bool {
        matches!(self.problem, Problem::Unsupported(_))
    }
}

/// Runs the tests: `bash -c COMMAND` in `dir`, killed with its whole process
/// group after `timeout`. Output longer than [`OUTPUT_TAIL_BYTES`] is written
/// whole to a file in `spill_dir` (created), when given.
pub async fn run(
    dir: &Path,
    runner: &Runner,
    timeout: Duration,
    spill_dir: Option<&Path>,
) -> Result<TestRun, RunError> {
    let mut parser = parse::Parser::new(runner.family);
    let options = process::Options {
        cap: OUTPUT_TAIL_BYTES,
        spill_dir,
        label: runner.kind.name(),
    };
    let finished = process::execute(
        dir,
        &runner.command,
        runner,
        timeout,
        options,
        &mut |line| parser.line(line),
    )
    .await
    .map_err(|e| {
        let problem = if e.kind() == std::io::ErrorKind::NotFound {
            Problem::Spawn(e)
        } else {
            Problem::Io(e)
        };
        RunError::new(&runner.command, dir, problem)
    })?;
    let (exit_code, timed_out) = match &finished.ending {
        process::Ending::Exited(status) => (status.code(), false),
        process::Ending::TimedOut => (None, true),
        process::Ending::Lost(_) => (None, false),
    };
    let summary = match &finished.ending {
        process::Ending::TimedOut => Some(format!(
            "timed out after {}s; the process group was killed",
            timeout.as_secs_f64()
        )),
        process::Ending::Lost(error) => Some(format!(
            "lost track of the test command ({error}); the process group was killed"
        )),
        process::Ending::Exited(_)
            if runner.family == RunnerKind::Pytest && exit_code == Some(5) =>
        {
            Some("no tests collected (pytest exit code 5)".to_owned())
        }
        process::Ending::Exited(status) if status.code().is_none() => {
            Some("killed by a signal".to_owned())
        }
        process::Ending::Exited(_) => parser.summary(),
    };
    Ok(TestRun {
        runner: runner.kind.name().to_owned(),
        command: runner.command.clone(),
        exit_code,
        // Only a clean exit passes: pytest's 5 (nothing collected), a
        // signal or a timeout all fail.
        passed: exit_code == Some(0),
        timed_out,
        duration_ms: u64::try_from(finished.duration.as_millis()).unwrap_or(u64::MAX),
        output_tail: finished.tail,
        output_file: finished.spill_file,
        summary,
        results: parser.results,
    })
}

/// Runs a listing command to its end and returns all its output, or why not.
pub(crate) async fn capture_all(
    dir: &Path,
    command: &str,
    runner: &Runner,
    timeout: Duration,
    ok_codes: &[i32],
) -> Result<String, RunError> {
    let mut text = String::new();
    let options = process::Options {
        cap: usize::MAX / 4,
        spill_dir: None,
        label: "list",
    };
    let finished = process::execute(dir, command, runner, timeout, options, &mut |line| {
        text.push_str(line);
        text.push('\n');
    })
    .await
    .map_err(|e| {
        let problem = if e.kind() == std::io::ErrorKind::NotFound {
            Problem::Spawn(e)
        } else {
            Problem::Io(e)
        };
        RunError::new(command, dir, problem)
    })?;
    match finished.ending {
        process::Ending::Exited(status) if status.code().is_some_and(|c| ok_codes.contains(&c)) => {
            Ok(text)
        }
        process::Ending::TimedOut => Err(RunError::new(command, dir, Problem::TimedOut(timeout))),
        process::Ending::Lost(error) => Err(RunError::new(command, dir, Problem::Io(error))),
        process::Ending::Exited(status) => {
            let tail = last_lines(&finished.tail, 30);
            Err(RunError::new(
                command,
                dir,
                Problem::Failed {
                    code: status.code(),
                    tail,
                },
            ))
        }
    }
}

fn last_lines(text: &str, count: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(count)..].join("\n")
}

pub(crate) fn unsupported(dir: &Path, runner: &Runner) -> RunError {
    RunError::new(&runner.command, dir, Problem::Unsupported(runner.family))
}
