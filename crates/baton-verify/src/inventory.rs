//! Test ids before and after a change, compared.
//!
//! [`list`] asks the runner for its tests without running them; [`compare`]
//! turns the difference between two listings into findings: tests removed,
//! renamed, or newly skipped.
//!
//! What each runner can tell (ids are `FILE::NAME` where the file is known):
//!
//! - cargo (and nextest): `cargo test -- --list` for every test, with the
//!   target each binary comes from (`src/lib.rs::tests::adds`,
//!   `tests/api.rs::creates`; doc tests as `src/lib.rs - add`, without their
//!   line number, which moves with every edit above it), and
//!   `cargo test -- --list --ignored` for the `#[ignore]`d ones. In a
//!   workspace, ids start with the package's directory
//!   (`crates/core/src/lib.rs::tests::adds`), from cargo's build messages.
//! - pytest: `--collect-only -q` for the node ids; skipped means the test
//!   carries a `skip`, `skipif` or `xfail` marker (`-m "skip or skipif or
//!   xfail"`), whatever the condition says: a `pytest.skip()` call inside a
//!   test is invisible until it runs.
//! - go: `go test -list . ./...`, ids `PACKAGE::TestName`. `t.Skip` happens
//!   at run time, so nothing is known as skipped.
//! - vitest: `vitest list`, ids `FILE::describe > test`. It leaves skipped
//!   tests out, so a newly skipped test shows as removed.
//! - jest: `jest --listTests` names test files only, so only a removed file
//!   shows.
//! - `npm test` and other commands: not listable ([`RunError::is_unsupported`]).

mod compare;
mod packages;
mod parse;

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

use crate::runner::{RunError, Runner, RunnerKind, capture_all, unsupported};

pub use compare::compare;

/// The tests a runner knows about, without running them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inventory {
    /// Every test id, skipped ones included.
    pub tests: BTreeSet<String>,
    /// The ids of tests that are ignored or carry a skip marker.
    pub skipped: BTreeSet<String>,
}

/// Lists the tests in `dir` with `runner`'s tool, under the same clean
/// environment, process group and `timeout` as [`crate::runner::run`] (per
/// listing command; cargo and pytest take two).
pub async fn list(dir: &Path, runner: &Runner, timeout: Duration) -> Result<Inventory, RunError> {
    match runner.family {
        RunnerKind::Cargo | RunnerKind::Nextest => {
            let base = cargo_list_command(runner);
            let all = capture_all(dir, &base, runner, timeout, &[0]).await?;
            let ignored_command = format!("{base} --ignored");
            let ignored = capture_all(dir, &ignored_command, runner, timeout, &[0]).await?;
            // Built by now, so this only reads cargo's record of the build.
            let built =
                capture_all(dir, &cargo_build_command(runner), runner, timeout, &[0]).await?;
            let root = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
            let packages = packages::Packages::from_build_messages(&built, &root);
            let tests = parse::cargo(&all, &packages);
            let skipped = parse::cargo(&ignored, &packages);
            Ok(Inventory { tests, skipped })
        }
        RunnerKind::Pytest => {
            let base = pytest_list_command(runner);
            // 5: nothing collected, which is an empty list, not a failure.
            let all = capture_all(dir, &base, runner, timeout, &[0, 5]).await?;
            let marked = format!("{base} -m 'skip or skipif or xfail'");
            let marked = capture_all(dir, &marked, runner, timeout, &[0, 5]).await?;
            Ok(Inventory {
                tests: parse::pytest(&all),
                skipped: parse::pytest(&marked),
            })
        }
        RunnerKind::Go => {
            let command = "go test -list . ./...";
            let text = capture_all(dir, command, runner, timeout, &[0]).await?;
            Ok(Inventory {
                tests: parse::go(&text),
                skipped: BTreeSet::new(),
            })
        }
        RunnerKind::Vitest => {
            let command = "npx --no-install vitest list";
            let text = capture_all(dir, command, runner, timeout, &[0]).await?;
            Ok(Inventory {
                tests: parse::vitest(&text),
                skipped: BTreeSet::new(),
            })
        }
        RunnerKind::Jest => {
            let command = "npx --no-install jest --listTests";
            let text = capture_all(dir, command, runner, timeout, &[0]).await?;
            Ok(Inventory {
                tests: parse::jest(&text, dir),
                skipped: BTreeSet::new(),
            })
        }
        RunnerKind::Npm | RunnerKind::Custom => Err(unsupported(dir, runner)),
    }
}

/// A configured command that is one plain invocation (no `&&`, `;`, pipes)
/// can be listed with its own arguments (`cargo test -p x`, `pytest tests/`);
/// anything else falls back to the tool's plain listing.
fn simple_command(runner: &Runner) -> Option<&str> {
    let command = runner.command.trim();
    let plain = !command.contains(['&', ';', '|', '<', '>', '`', '$', '\n']);
    (runner.kind == RunnerKind::Custom && plain).then_some(command)
}

fn cargo_list_command(runner: &Runner) -> String {
    match simple_command(runner) {
        Some(command) if runner.family == RunnerKind::Cargo => {
            if command.split_whitespace().any(|w| w == "--") {
                format!("{command} --list")
            } else {
                format!("{command} -- --list")
            }
        }
        _ => "cargo test -- --list".to_owned(),
    }
}

/// The listing's build, as JSON messages that say which package built
/// each test binary: the configured cargo arguments (`-p core`), if any.
fn cargo_build_command(runner: &Runner) -> String {
    let cargo = match simple_command(runner) {
        Some(command) if runner.family == RunnerKind::Cargo => command
            .split_once(" -- ")
            .map_or(command, |(cargo, _)| cargo)
            .trim_end_matches(" --"),
        _ => "cargo test",
    };
    format!("{cargo} --no-run --message-format=json")
}

fn pytest_list_command(runner: &Runner) -> String {
    let base = match simple_command(runner) {
        Some(command) => command,
        None if runner.kind == RunnerKind::Pytest => runner.command.as_str(),
        None => "python3 -m pytest",
    };
    format!("{base} --collect-only -q")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    #[test]
    fn listing_commands_follow_a_plain_configured_command() {
        assert_eq!(
            cargo_list_command(&Runner::custom("cargo test -p core")),
            "cargo test -p core -- --list"
        );
        assert_eq!(
            cargo_list_command(&Runner::custom("cargo test -- --test-threads 1")),
            "cargo test -- --test-threads 1 --list"
        );
        assert_eq!(
            cargo_list_command(&Runner::custom("cd a && cargo test")),
            "cargo test -- --list"
        );
        assert_eq!(
            cargo_build_command(&Runner::custom("cargo test -p core -- --test-threads 1")),
            "cargo test -p core --no-run --message-format=json"
        );
        assert_eq!(
            cargo_build_command(&Runner::custom("cargo test --")),
            "cargo test --no-run --message-format=json"
        );
        assert_eq!(
            pytest_list_command(&Runner::custom("pytest tests/unit")),
            "pytest tests/unit --collect-only -q"
        );
        assert_eq!(
            pytest_list_command(&Runner::new(RunnerKind::Pytest, "pytest")),
            "pytest --collect-only -q"
        );
    }
}
