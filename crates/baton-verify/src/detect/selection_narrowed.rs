//! Test selection narrowed in configuration.
//!
//! By file: `conftest.py` hooks that drop tests; pytest options (`-k`,
//! `--ignore`, `--deselect`, `-m "not …"`) in pytest.ini, pyproject.toml,
//! setup.cfg or tox.ini; jest/vitest ignore patterns; a `test` script in
//! package.json that filters or swallows failures; Cargo `test = false`,
//! `harness = false`, `autotests = false` (outside `[[bench]]`, where
//! `harness = false` is how criterion works); CI files and Makefiles that drop
//! a test command or filter it (`-run`, `--skip`, `|| true`). Swallowing the
//! exit status (`|| true`) is High; the rest is Medium.

use super::{Context, Detector, evidence};
use crate::diff::FileChange;
use crate::report::{Finding, FindingKind, Severity};

pub struct SelectionNarrowed;

const TEST_COMMANDS: &[&str] = &[
    "cargo test",
    "cargo nextest",
    "pytest",
    "npm test",
    "npm run test",
    "yarn test",
    "pnpm test",
    "go test",
    "jest",
    "vitest",
    "make test",
    "tox",
    "unittest",
];
const FILTERS: &[&str] = &[
    " -k ",
    "--ignore",
    "--deselect",
    " -run ",
    " -run=",
    "--skip",
    "--exclude",
    "--testPathIgnorePatterns",
    "--passWithNoTests",
    "-m \"not",
    "-m 'not",
];
/// Build constraints about the platform, not about which tests to run.
const GO_PLATFORM_TAGS: &[&str] = &[
    "linux", "darwin", "windows", "freebsd", "openbsd", "netbsd", "unix", "js", "wasm", "wasip1",
    "amd64", "arm64", "386", "arm", "riscv64", "cgo", "go1", "race",
];
/// Build output: ignoring it drops compiled copies of tests, not tests.
const BUILD_DIRS: &[&str] = &["dist", "build", "out", "coverage", "next", "target"];
const SWALLOW: &[&str] = &[
    "|| true",
    "|| exit 0",
    "; exit 0",
    "|| :",
    "continue-on-error: true",
];

impl Detector for SelectionNarrowed {
    fn kind(&self) -> FindingKind {
        FindingKind::SelectionNarrowed
    }

    fn inspect(&self, cx: &Context) -> Vec<Finding> {
        let mut out = Vec::new();
        for file in &cx.diff.files {
            inspect_file(cx, file, &mut out);
        }
        out
    }
}

fn inspect_file(cx: &Context, file: &FileChange, out: &mut Vec<Finding>) {
    let name = file.path.rsplit('/').next().unwrap_or(&file.path);
    let is_ci = file.path.starts_with(".github/workflows/")
        || name == ".gitlab-ci.yml"
        || file.path.starts_with(".circleci/")
        || name == "azure-pipelines.yml"
        || name == "Jenkinsfile";
    let is_make = matches!(
        name,
        "Makefile" | "makefile" | "GNUmakefile" | "justfile" | "Justfile"
    ) || name.ends_with(".mk")
        || name.ends_with(".sh");
    let is_pytest_cfg = matches!(
        name,
        "pytest.ini" | "pyproject.toml" | "setup.cfg" | "tox.ini"
    );
    let is_js_cfg = name.starts_with("jest.config") || name.starts_with("vitest.config");
    let mut push = |n: u32, sev: Severity, sign: char, text: &str, why: &str| {
        out.push(Finding::new(
            FindingKind::SelectionNarrowed,
            &file.path,
            Some(n),
            sev,
            evidence([(sign, text)]),
            format!("{why} Fewer tests run, so fewer can fail."),
        ));
    };
    if name == "Cargo.toml" {
        let after = (cx.after_file)(&file.path);
        for (n, text) in file.added() {
            let t = text.trim().replace(' ', "");
            if [
                "test=false",
                "harness=false",
                "autotests=false",
                "doctest=false",
            ]
            .contains(&t.as_str())
                && !section_of(after.as_deref(), file, n).starts_with("[[bench")
            {
                push(
                    n,
                    Severity::Medium,
                    '+',
                    text,
                    "Cargo is told not to build or run these tests.",
                );
            }
        }
        return;
    }
    if name == "conftest.py" {
        for (n, text) in file.added() {
            if [
                "collect_ignore",
                "pytest_collection_modifyitems",
                "pytest_ignore_collect",
                "deselect",
            ]
            .iter()
            .any(|m| text.contains(m))
            {
                push(
                    n,
                    Severity::Medium,
                    '+',
                    text,
                    "conftest.py now drops tests from collection.",
                );
            }
        }
        return;
    }
    if is_pytest_cfg || is_js_cfg {
        for (n, text) in file.added() {
            let js_hit = is_js_cfg
                && [
                    "testPathIgnorePatterns",
                    "modulePathIgnorePatterns",
                    "exclude",
                    "testMatch",
                ]
                .iter()
                .any(|m| text.contains(m))
                && !(text.contains("testMatch") && widens(file, n, "testMatch"));
            let py_hit = is_pytest_cfg
                && (FILTERS.iter().any(|f| text.contains(f.trim_start()))
                    || text.contains("norecursedirs")
                    || (text.contains("testpaths") && !widens(file, n, "testpaths")));
            if js_hit || py_hit {
                push(
                    n,
                    Severity::Medium,
                    '+',
                    text,
                    "The test configuration now leaves tests out.",
                );
            }
        }
        return;
    }
    if name == "package.json" {
        let base = (cx.base_file)(file.old_path.as_deref().unwrap_or(&file.path));
        let after = (cx.after_file)(&file.path);
        for (n, pattern, entry) in new_jest_ignores(base.as_deref(), after.as_deref()) {
            // Build output holds copies of the tests, not tests of its own;
            // and a task may name what to ignore.
            let dir = pattern
                .trim_start_matches("<rootDir>")
                .trim_matches(|c: char| c == '/' || c == '.' || c == '*');
            if BUILD_DIRS.contains(&dir) {
                continue;
            }
            let asked = !dir.is_empty()
                && cx.task.is_some_and(|t| {
                    let t = t.to_lowercase();
                    t.contains(dir) && ["ignore", "exclude", "skip"].iter().any(|v| t.contains(v))
                });
            let severity = if asked {
                Severity::Low
            } else {
                Severity::Medium
            };
            push(
                n,
                severity,
                '+',
                &entry,
                "The jest configuration in package.json now ignores these tests.",
            );
        }
        for (n, text) in file.added() {
            let t = text.trim_start();
            if !(t.starts_with("\"test\"") || t.starts_with("\"test:")) {
                continue;
            }
            if SWALLOW.iter().any(|s| text.contains(s)) || text.contains("echo ") {
                push(
                    n,
                    Severity::High,
                    '+',
                    text,
                    "The test script now succeeds whatever the tests do.",
                );
            } else if FILTERS.iter().any(|f| text.contains(f.trim())) {
                push(
                    n,
                    Severity::Medium,
                    '+',
                    text,
                    "The test script now filters the tests it runs.",
                );
            } else if file
                .removed()
                .any(|(_, r)| r.trim_start().starts_with(&t[..t.find(':').unwrap_or(0)]))
            {
                push(n, Severity::Low, '+', text, "The test script changed.");
            }
        }
        return;
    }
    // A Go test file behind a build tag only builds with `-tags`: plain
    // `go test` no longer sees its tests. (`//go:build ignore` is a skip;
    // a platform tag is how portable tests are written.)
    if file.path.ends_with("_test.go") {
        for (n, text) in file.added() {
            let t = text.trim();
            let tags = t
                .strip_prefix("//go:build ")
                .or_else(|| t.strip_prefix("// +build "));
            let Some(tags) = tags else { continue };
            let words: Vec<&str> = tags
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .filter(|w| !w.is_empty())
                .collect();
            if words
                .iter()
                .all(|w| GO_PLATFORM_TAGS.contains(w) || *w == "ignore")
            {
                continue;
            }
            push(
                n,
                Severity::Medium,
                '+',
                text,
                "This test file now builds only with a build tag that `go test` is not given.",
            );
        }
        return;
    }
    if !(is_ci || is_make) {
        return;
    }
    for (n, text) in file.added() {
        let runs_tests = TEST_COMMANDS.iter().any(|c| text.contains(c));
        if SWALLOW.iter().any(|s| text.contains(s))
            && (runs_tests || text.contains("continue-on-error"))
        {
            push(
                n,
                Severity::High,
                '+',
                text,
                "A test step now succeeds whatever the tests do.",
            );
        } else if runs_tests && FILTERS.iter().any(|f| text.contains(f)) {
            push(
                n,
                Severity::Medium,
                '+',
                text,
                "A test command now filters the tests it runs.",
            );
        }
    }
    // A test command removed without one added back.
    let added_tests = file
        .added()
        .filter(|(_, t)| TEST_COMMANDS.iter().any(|c| t.contains(c)))
        .count();
    let removed: Vec<(u32, &str)> = file
        .removed()
        .filter(|(_, t)| TEST_COMMANDS.iter().any(|c| t.contains(c)))
        .collect();
    if removed.len() > added_tests {
        let (n, text) = removed[0];
        push(
            n,
            Severity::Medium,
            '-',
            text,
            "A test command was removed from the build or CI.",
        );
    }
}

/// Whether the added `key` setting (`testpaths`, jest's `testMatch`) on line
/// `at` keeps every entry the removed one had (`["tests"]` → `["tests",
/// "tests_integration"]`): more tests, not fewer. An ini value may go on
/// over indented lines below.
fn widens(file: &FileChange, at: u32, key: &str) -> bool {
    let paths = |lines: Vec<&str>| -> Vec<String> {
        lines
            .into_iter()
            .enumerate()
            .flat_map(|(i, line)| {
                let value = if i == 0 {
                    line.split_once(['=', ':']).map_or(line, |(_, v)| v)
                } else {
                    line
                };
                value
                    .split(|c: char| c == ',' || c == '[' || c == ']' || c.is_whitespace())
                    .map(|p| p.trim_matches(['"', '\'']).to_owned())
                    .collect::<Vec<_>>()
            })
            .filter(|p| !p.is_empty())
            .collect()
    };
    let new = paths(setting(file.added().collect(), at));
    let Some((old_at, _)) = file.removed().find(|(_, r)| r.contains(key)) else {
        return false;
    };
    paths(setting(file.removed().collect(), old_at))
        .iter()
        .all(|p| new.contains(p))
}

/// A setting's line (numbered `from`) and its indented continuation lines.
fn setting(lines: Vec<(u32, &str)>, from: u32) -> Vec<&str> {
    let mut out = Vec::new();
    for (n, text) in lines.into_iter().filter(|(n, _)| *n >= from) {
        let continues = text.starts_with([' ', '\t']) && !text.trim().is_empty();
        if out.is_empty() || (continues && n == from + out.len() as u32) {
            out.push(text);
        } else {
            break;
        }
    }
    out
}

/// Entries added to jest's ignore lists in package.json (`"jest":
/// {"testPathIgnorePatterns": […]}`), with the line each is on: read from
/// the parsed files, so an entry on a line of its own is found too.
fn new_jest_ignores(base: Option<&str>, after: Option<&str>) -> Vec<(u32, String, String)> {
    const KEYS: &[&str] = &["testPathIgnorePatterns", "modulePathIgnorePatterns"];
    let parse = |text: Option<&str>| {
        text.and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok())
            .unwrap_or_default()
    };
    let entries = |json: &serde_json::Value, key: &str| -> Vec<String> {
        json["jest"][key]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let (old, new) = (parse(base), parse(after));
    let mut out = Vec::new();
    for key in KEYS {
        let before = entries(&old, key);
        for entry in entries(&new, key) {
            if before.contains(&entry) || entry.contains("node_modules") {
                continue;
            }
            let quoted = serde_json::Value::String(entry.clone()).to_string();
            let line = after
                .and_then(|t| t.lines().position(|l| l.contains(&quoted)))
                .map_or(1, |i| i as u32 + 1);
            out.push((line, entry, format!("\"{key}\": {quoted}")));
        }
    }
    out
}

/// The `[section]` header above `line` in the new file (or in the hunk).
fn section_of(after: Option<&str>, file: &FileChange, line: u32) -> String {
    let header = |t: &str| t.trim().starts_with('[').then(|| t.trim().to_string());
    if let Some(content) = after {
        return content
            .lines()
            .take(line as usize)
            .filter_map(header)
            .last()
            .unwrap_or_default();
    }
    file.hunks
        .iter()
        .flat_map(|h| h.lines.iter())
        .take_while(|l| !matches!(l, crate::diff::Line::Added { new_line, .. } if *new_line > line))
        .filter(|l| !matches!(l, crate::diff::Line::Removed { .. }))
        .filter_map(|l| header(l.text()))
        .last()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use crate::detect::testing::*;

    fn run(path: &str, body: &str) -> Vec<Finding> {
        Fixture::new(vec![modified(path, body)]).run(&SelectionNarrowed)
    }

    #[test]
    fn narrowing_in_each_ecosystem() {
        for (path, body, sev) in [
            (
                "conftest.py",
                "+collect_ignore = ['tests/test_slow.py']",
                Severity::Medium,
            ),
            (
                "pytest.ini",
                " [pytest]\n+addopts = -k 'not parse'",
                Severity::Medium,
            ),
            (
                "pyproject.toml",
                "+addopts = \"--deselect tests/test_a.py::test_x\"",
                Severity::Medium,
            ),
            (
                "jest.config.js",
                "+  testPathIgnorePatterns: ['parser'],",
                Severity::Medium,
            ),
            (
                "package.json",
                "-    \"test\": \"jest\",\n+    \"test\": \"jest || true\",",
                Severity::High,
            ),
            (
                "package.json",
                "-    \"test\": \"jest\",\n+    \"test\": \"jest --passWithNoTests src/ok\",",
                Severity::Medium,
            ),
            ("Cargo.toml", " [lib]\n+test = false", Severity::Medium),
            (
                ".github/workflows/ci.yml",
                "       - run: cargo build\n-      - run: cargo test",
                Severity::Medium,
            ),
            (
                ".gitlab-ci.yml",
                "-  script: pytest\n+  script: pytest || true",
                Severity::High,
            ),
            (
                "Makefile",
                " test:\n-\tgo test ./...\n+\tgo test -run TestOnlyThis ./...",
                Severity::Medium,
            ),
        ] {
            assert_eq!(severities(&run(path, body)), vec![sev], "{path}: {body}");
        }
    }

    #[test]
    fn a_go_test_file_behind_a_build_tag_is_narrowed() {
        assert_eq!(
            severities(&run(
                "cache/lru_test.go",
                "+//go:build slow\n+\n package cache"
            )),
            vec![Severity::Medium]
        );
        assert_eq!(
            severities(&run("cache/lru_test.go", "+// +build integration")),
            vec![Severity::Medium]
        );
        assert!(run("cache/lru_unix_test.go", "+//go:build linux || darwin").is_empty());
        assert!(run("cache/lru.go", "+//go:build slow").is_empty());
    }

    #[test]
    fn honest_config_changes_pass() {
        // criterion benches need `harness = false`.
        assert!(
            run(
                "Cargo.toml",
                " [[bench]]\n name = \"parse\"\n+harness = false"
            )
            .is_empty()
        );
        // Adding a dependency, a new CI step, a lint script.
        assert!(run("Cargo.toml", " [dependencies]\n+serde = \"1\"").is_empty());
        assert!(
            run(
                ".github/workflows/ci.yml",
                "       - run: cargo test\n+      - run: cargo clippy"
            )
            .is_empty()
        );
        assert!(run("package.json", "+    \"lint\": \"eslint . || true\",").is_empty());
        assert!(run("pyproject.toml", " [tool.black]\n+line-length = 100").is_empty());
        assert!(
            run(
                "jest.config.js",
                "-  testMatch: ['**/*.test.js'],\n+  testMatch: ['**/*.test.js', '**/*.spec.js'],"
            )
            .is_empty()
        );
        // More test paths is more tests, on one line or on several.
        assert!(
            run(
                "pytest.ini",
                " [pytest]\n-testpaths = tests/unit\n+testpaths =\n+    tests/unit\n+    tests/integration"
            )
            .is_empty()
        );
        assert!(
            run(
                "pytest.ini",
                " [pytest]\n-testpaths = tests\n+testpaths = tests integration"
            )
            .is_empty()
        );
        assert_eq!(
            severities(&run(
                "pyproject.toml",
                "-testpaths = [\"tests\", \"slow\"]\n+testpaths = [\"tests\"]"
            )),
            vec![Severity::Medium]
        );
    }

    #[test]
    fn jest_ignores_added_in_package_json_are_found_on_their_own_line() {
        let base = "{\n  \"name\": \"m\",\n  \"jest\": {\n    \"testPathIgnorePatterns\": [\n      \"/node_modules/\"\n    ]\n  }\n}\n";
        let after = "{\n  \"name\": \"m\",\n  \"jest\": {\n    \"testPathIgnorePatterns\": [\n      \"/node_modules/\",\n      \"<rootDir>/src/parser\"\n    ]\n  }\n}\n";
        let fx = Fixture::new(vec![modified(
            "package.json",
            "       \"/node_modules/\"\n+      \"<rootDir>/src/parser\"",
        )])
        .base("package.json", base)
        .after("package.json", after);
        let found = fx.run(&SelectionNarrowed);
        assert_eq!(severities(&found), vec![Severity::Medium]);
        assert_eq!(found[0].line, Some(6));
        // The same file with only a version bump: nothing.
        let bumped = base.replace("\"m\"", "\"m2\"");
        let fx = Fixture::new(vec![modified(
            "package.json",
            "-  \"name\": \"m\",\n+  \"name\": \"m2\",",
        )])
        .base("package.json", base)
        .after("package.json", &bumped);
        assert!(fx.run(&SelectionNarrowed).is_empty());
    }
}
