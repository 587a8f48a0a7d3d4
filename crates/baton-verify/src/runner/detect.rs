//! Which test runner a repository uses, from its files (or the configured
//! command).

use std::path::{Path, PathBuf};

use thiserror::Error;

use super::{Runner, RunnerKind};

/// No test runner could be found, and none was configured.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error(
    "no test runner found in {}: looked for Cargo.toml, pyproject.toml/pytest.ini/conftest.py, \
     package.json with a test script, go.mod; set one in baton.toml: [verify] command = \"…\"",
    dir.display()
)]
pub struct NoRunner {
    pub dir: PathBuf,
}

/// The runner for `dir`: `command` when given (from `[verify] command` or
/// `--command`), else the first toolchain whose files are there, in the
/// order Cargo, Python, Node, Go.
pub fn detect(dir: &Path, command: Option<&str>) -> Result<Runner, NoRunner> {
    if let Some(command) = command.map(str::trim).filter(|c| !c.is_empty()) {
        return Ok(Runner::custom(command));
    }
    if dir.join("Cargo.toml").is_file() {
        // nextest only when the project set it up and it is installed: its
        // config can change what runs, so it is what the project means.
        if dir.join(".config/nextest.toml").is_file() && on_path("cargo-nextest") {
            return Ok(Runner::new(RunnerKind::Nextest, "cargo nextest run"));
        }
        // Every test binary runs even after one fails, so the verdict and
        // the per-test results see all of them.
        return Ok(Runner::new(RunnerKind::Cargo, "cargo test --no-fail-fast"));
    }
    if is_python(dir) {
        let command = if on_path("pytest") {
            "pytest"
        } else {
            "python3 -m pytest"
        };
        return Ok(Runner::new(RunnerKind::Pytest, command));
    }
    if let Some(script) = npm_test_script(dir) {
        // Running vitest or jest directly gives parseable output and a
        // listing; `--no-install` so a missing tool fails instead of fetching.
        if mentions(&script, "vitest") {
            return Ok(Runner::new(
                RunnerKind::Vitest,
                "npx --no-install vitest run",
            ));
        }
        if mentions(&script, "jest") {
            return Ok(Runner::new(RunnerKind::Jest, "npx --no-install jest"));
        }
        return Ok(Runner::new(RunnerKind::Npm, "npm test"));
    }
    if dir.join("go.mod").is_file() {
        return Ok(Runner::new(RunnerKind::Go, "go test ./..."));
    }
    Err(NoRunner {
        dir: dir.to_path_buf(),
    })
}

/// What a configured command runs, guessed from its text.
pub(crate) fn guess_family(command: &str) -> RunnerKind {
    let words: Vec<&str> = command.split_whitespace().collect();
    let has = |a: &str, b: &str| words.windows(2).any(|w| w[0] == a && w[1] == b);
    if has("cargo", "nextest") {
        RunnerKind::Nextest
    } else if has("cargo", "test") {
        RunnerKind::Cargo
    } else if words.iter().any(|w| mentions(w, "pytest")) {
        RunnerKind::Pytest
    } else if words.iter().any(|w| mentions(w, "vitest")) {
        RunnerKind::Vitest
    } else if words.iter().any(|w| mentions(w, "jest")) {
        RunnerKind::Jest
    } else if has("go", "test") {
        RunnerKind::Go
    } else if has("npm", "test") || has("npm", "t") || has("npm", "run") && has("run", "test") {
        RunnerKind::Npm
    } else {
        RunnerKind::Custom
    }
}

/// Whether `text` names `tool` as a word (`vitest`, `./node_modules/.bin/jest`,
/// `python -m pytest`), not inside another word (`jest` in `jester`).
fn mentions(text: &str, tool: &str) -> bool {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .any(|word| word == tool)
}

fn is_python(dir: &Path) -> bool {
    [
        "pyproject.toml",
        "pytest.ini",
        "setup.cfg",
        "conftest.py",
        "tox.ini",
    ]
    .iter()
    .any(|name| dir.join(name).is_file())
        || has_test_py(dir)
        || has_test_py(&dir.join("tests"))
}

fn has_test_py(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|entry| {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        (name.starts_with("test_") && name.ends_with(".py")) || name.ends_with("_test.py")
    })
}

/// The `test` script of `package.json`, unless it is npm's placeholder.
fn npm_test_script(dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(dir.join("package.json")).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    let script = json
        .get("scripts")?
        .get("test")?
        .as_str()?
        .trim()
        .to_owned();
    // `npm init` writes a test script that only fails.
    if script.is_empty() || script.contains("Error: no test specified") {
        return None;
    }
    Some(script)
}

fn on_path(program: &str) -> bool {
    let Some(path) = std::env::var_os("PATH") else {
        return false;
    };
    std::env::split_paths(&path).any(|dir| is_executable(&dir.join(program)))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    #[test]
    fn the_family_is_guessed_from_the_command() {
        for (command, family) in [
            ("cargo test --workspace", RunnerKind::Cargo),
            ("cargo nextest run", RunnerKind::Nextest),
            ("python -m pytest -x tests", RunnerKind::Pytest),
            ("uv run pytest", RunnerKind::Pytest),
            ("npx vitest run", RunnerKind::Vitest),
            ("./node_modules/.bin/jest --ci", RunnerKind::Jest),
            ("go test ./pkg/...", RunnerKind::Go),
            ("npm test", RunnerKind::Npm),
            ("npm run test", RunnerKind::Npm),
            ("make check", RunnerKind::Custom),
            ("sleep 600", RunnerKind::Custom),
            ("./jester", RunnerKind::Custom),
        ] {
            assert_eq!(guess_family(command), family, "{command}");
        }
    }
}
