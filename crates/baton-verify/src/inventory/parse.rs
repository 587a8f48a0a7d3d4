//! Reading each tool's test listing into ids.

use std::collections::BTreeSet;
use std::path::Path;

use super::packages::Packages;

/// `cargo test -- --list`: cargo's `Running unittests src/lib.rs (…)` and
/// `Doc-tests` lines, then the binary's `name: test` lines. Paths are
/// cargo's, relative to each package; `packages` puts the package's
/// directory in front, so a workspace's packages do not share ids.
pub(super) fn cargo(text: &str, packages: &Packages) -> BTreeSet<String> {
    let mut tests = BTreeSet::new();
    let mut target: Option<String> = None;
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(rest) = trimmed.strip_prefix("Running ") {
            let rest = rest.strip_prefix("unittests ").unwrap_or(rest);
            let (path, binary) = match rest.split_once(" (") {
                Some((path, binary)) => (path, binary.trim_end_matches(')')),
                None => (rest, ""),
            };
            let path = path.trim();
            target = Some(match packages.of_binary(binary) {
                Some(dir) => format!("{dir}/{path}"),
                None => path.to_owned(),
            });
        } else if trimmed.starts_with("Doc-tests ") {
            target = None;
        } else if let Some(name) = line.strip_suffix(": test") {
            let id = match &target {
                Some(target) => format!("{target}::{name}"),
                // A doc test names its file already, from the workspace's
                // root: `crates/core/src/lib.rs - add (line 3)`.
                None => strip_line_number(name).to_owned(),
            };
            tests.insert(id);
        }
    }
    tests
}

fn strip_line_number(name: &str) -> &str {
    match name.rsplit_once(" (line ") {
        Some((head, tail)) if tail.ends_with(')') => head,
        _ => name,
    }
}

/// `pytest --collect-only -q`: one node id a line, then a count.
pub(super) fn pytest(text: &str) -> BTreeSet<String> {
    text.lines()
        .map(str::trim_end)
        // Warnings are indented; collection errors start with a word in capitals.
        .filter(|line| {
            line.contains("::")
                && !line.starts_with(char::is_whitespace)
                && !line.starts_with("ERROR")
                && !line.starts_with("FAILED")
        })
        .map(str::to_owned)
        .collect()
}

/// `go test -list . ./...`: each package's names, then its `ok  \tPKG\t…`.
pub(super) fn go(text: &str) -> BTreeSet<String> {
    let mut tests = BTreeSet::new();
    let mut pending: Vec<&str> = Vec::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("ok ") {
            let package = rest.split_whitespace().next().unwrap_or_default();
            for name in pending.drain(..) {
                tests.insert(format!("{package}::{name}"));
            }
        } else if !line.contains(char::is_whitespace)
            && ["Test", "Example", "Fuzz"]
                .iter()
                .any(|p| line.starts_with(p))
        {
            pending.push(line);
        }
    }
    tests
}

/// `vitest list`: `FILE > describe > test` a line.
pub(super) fn vitest(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter_map(|line| line.trim().split_once(" > "))
        .map(|(file, name)| format!("{file}::{name}"))
        .collect()
}

/// `jest --listTests`: absolute test file paths, made relative to `dir`.
pub(super) fn jest(text: &str, dir: &Path) -> BTreeSet<String> {
    let canonical = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    text.lines()
        .map(str::trim)
        .filter(|line| line.starts_with('/'))
        .map(|line| {
            let path = Path::new(line);
            path.strip_prefix(&canonical)
                .or_else(|_| path.strip_prefix(dir))
                .unwrap_or(path)
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    fn ids(set: &BTreeSet<String>) -> Vec<&str> {
        set.iter().map(String::as_str).collect()
    }

    #[test]
    fn cargo_ids_carry_their_target() {
        let text = "   Compiling m v0.1.0\n     Running unittests src/lib.rs (target/debug/deps/m-1)\n\
                    tests::adds: test\ntests::slow: test\n\n2 tests, 0 benchmarks\n\
                    warning: x: test is not a test\n\
                    \x20    Running tests/api.rs (target/debug/deps/api-2)\ncreates: test\n\
                    \x20  Doc-tests m\nsrc/lib.rs - add (line 3): test\n";
        assert_eq!(
            ids(&cargo(text, &Packages::default())),
            [
                "src/lib.rs - add",
                "src/lib.rs::tests::adds",
                "src/lib.rs::tests::slow",
                "tests/api.rs::creates"
            ]
        );
    }

    #[test]
    fn pytest_go_vitest_jest_ids() {
        let py =
            "test_a.py::test_one\ntest_a.py::TestK::test_two[1-2]\n\n2 tests collected in 0.01s\n";
        assert_eq!(
            ids(&pytest(py)),
            ["test_a.py::TestK::test_two[1-2]", "test_a.py::test_one"]
        );
        let go_text = "TestAdd\nExampleAdd\nBenchmarkAdd\nok  \tex.com/m\t0.002s\n\
                       ?   \tex.com/m/none\t[no test files]\nTestB\nok  \tex.com/m/b\t0.001s\n";
        assert_eq!(
            ids(&go(go_text)),
            [
                "ex.com/m/b::TestB",
                "ex.com/m::ExampleAdd",
                "ex.com/m::TestAdd"
            ]
        );
        let vt = "a.test.js > math > adds\na.test.js > top\n";
        assert_eq!(
            ids(&vitest(vt)),
            ["a.test.js::math > adds", "a.test.js::top"]
        );
        let js = "/repo/src/a.test.js\n/repo/b.test.js\n";
        assert_eq!(
            ids(&jest(js, Path::new("/repo"))),
            ["b.test.js", "src/a.test.js"]
        );
    }
}
