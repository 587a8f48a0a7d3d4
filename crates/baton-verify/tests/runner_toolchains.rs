//! The runner and the inventory on real toolchains and real projects:
//! cargo, pytest (from the peers' virtualenv), go, and vitest (from the
//! peers' npm prefix). `scripts/lib/peers.sh` installs pytest and vitest,
//! `scripts/lib/deps.sh` installs Go; a test whose toolchain is missing is
//! skipped only when `BATON_REQUIRE_TOOLCHAINS` is unset (scripts/test sets it).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::Duration;

use baton_verify::inventory::{self, Inventory};
use baton_verify::runner::{self, Outcome, RunnerKind, TestRun, detect};
use baton_verify::{FindingKind, Severity};

/// Generous: the first cargo or go build in a fresh cache takes a while.
const LONG: Duration = Duration::from_secs(300);

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// False (after saying why) when the toolchain is missing and missing ones
/// are allowed; a failure when they are required.
fn available(present: bool, what: &str) -> bool {
    if present {
        return true;
    }
    if std::env::var_os("BATON_REQUIRE_TOOLCHAINS").is_some() {
        panic!("{what} is missing and BATON_REQUIRE_TOOLCHAINS is set");
    }
    eprintln!("skipped: {what} is missing (scripts/test installs it)");
    false
}

fn on_path(program: &str) -> bool {
    std::process::Command::new("bash")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The peers `scripts/lib/peers.sh` installed, from its `peers.env`.
fn peers() -> Option<HashMap<String, String>> {
    let dir = std::env::var("BATON_PEERS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            let cache = std::env::var("XDG_CACHE_HOME")
                .map(PathBuf::from)
                .unwrap_or_else(|_| PathBuf::from(std::env::var("HOME").unwrap()).join(".cache"));
            cache.join("baton/peers")
        });
    let text = std::fs::read_to_string(dir.join("peers.env")).ok()?;
    Some(
        text.lines()
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
            .collect(),
    )
}

fn peer(key: &str) -> Option<PathBuf> {
    peers()?.get(key).map(PathBuf::from).filter(|p| p.exists())
}

fn ids(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

fn outcome(run: &TestRun, id: &str) -> Option<Outcome> {
    run.results.iter().find(|r| r.id == id).map(|r| r.outcome)
}

fn finding_kinds(base: &Inventory, after: &Inventory) -> Vec<(FindingKind, String, Severity)> {
    inventory::compare(base, after)
        .into_iter()
        .map(|f| (f.kind, f.evidence, f.severity))
        .collect()
}

#[tokio::test]
async fn cargo_runs_and_lists_a_crate() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "Cargo.toml",
        "[package]\nname = \"tiny\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[workspace]\n",
    );
    let lib = "pub fn add(a: i32, b: i32) -> i32 { a + b }\n\n#[cfg(test)]\nmod tests {\n\
               \x20   #[test]\n    fn adds() { assert_eq!(super::add(1, 2), 3); }\n\
               \x20   #[test]\n    fn adds_negatives() { assert_eq!(super::add(-1, -2), -3); }\n\
               \x20   #[test]\n    #[ignore]\n    fn slow() {}\n}\n";
    write(root, "src/lib.rs", lib);
    write(
        root,
        "tests/api.rs",
        "#[test]\nfn public_add() { assert_eq!(tiny::add(2, 2), 4); }\n",
    );
    // Its own target directory: the outer build's is locked by this test run.
    let target = root.join("target").to_string_lossy().into_owned();
    let runner = detect(root, None)
        .unwrap()
        .with_env("CARGO_TARGET_DIR", target);
    assert_eq!(runner.kind, RunnerKind::Cargo);

    let run = runner::run(root, &runner, LONG, None).await.unwrap();
    assert!(run.passed, "{}", run.output_tail);
    assert_eq!(
        run.summary.as_deref(),
        Some("3 passed, 0 failed, 1 ignored")
    );
    assert_eq!(outcome(&run, "tests::adds"), Some(Outcome::Passed));
    assert_eq!(outcome(&run, "tests::slow"), Some(Outcome::Skipped));

    let base = inventory::list(root, &runner, LONG).await.unwrap();
    assert_eq!(
        base.tests,
        ids(&[
            "src/lib.rs::tests::adds",
            "src/lib.rs::tests::adds_negatives",
            "src/lib.rs::tests::slow",
            "tests/api.rs::public_add"
        ])
    );
    assert_eq!(base.skipped, ids(&["src/lib.rs::tests::slow"]));

    // The hack: break the code, ignore the test that notices, rename another.
    let hacked = lib
        .replace("a + b", "a - b")
        .replace(
            "#[test]\n    fn adds_negatives",
            "#[test]\n    #[ignore]\n    fn adds_negatives",
        )
        .replace("fn adds()", "fn adds_small()");
    write(root, "src/lib.rs", &hacked);
    let run = runner::run(root, &runner, LONG, None).await.unwrap();
    assert!(!run.passed);
    assert_eq!(run.exit_code, Some(101));
    // --no-fail-fast: tests/api.rs ran too, after the unit tests failed.
    assert_eq!(outcome(&run, "tests::adds_small"), Some(Outcome::Failed));
    assert_eq!(outcome(&run, "public_add"), Some(Outcome::Failed));
    assert_eq!(
        run.summary.as_deref(),
        Some("0 passed, 2 failed, 2 ignored")
    );

    let after = inventory::list(root, &runner, LONG).await.unwrap();
    assert_eq!(
        finding_kinds(&base, &after),
        [
            (
                FindingKind::TestRenamed,
                "src/lib.rs::tests::adds -> src/lib.rs::tests::adds_small".to_owned(),
                Severity::Medium
            ),
            (
                FindingKind::TestNowSkipped,
                "src/lib.rs::tests::adds_negatives".to_owned(),
                Severity::High
            ),
        ]
    );
}

/// Two packages with the same file and test names: a test removed from one
/// must not hide behind its namesake in the other.
#[tokio::test]
async fn a_workspace_s_packages_keep_their_tests_apart() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "Cargo.toml",
        "[workspace]\nmembers = [\"crates/*\"]\nresolver = \"2\"\n",
    );
    let lib = "/// ```\n/// assert!(true);\n/// ```\npub fn one() -> i32 { 1 }\n\n\
               #[cfg(test)]\nmod tests {\n    #[test]\n    fn works() { assert_eq!(super::one(), 1); }\n}\n";
    for name in ["alpha", "beta"] {
        write(
            root,
            &format!("crates/{name}/Cargo.toml"),
            &format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n"),
        );
        write(root, &format!("crates/{name}/src/lib.rs"), lib);
        write(
            root,
            &format!("crates/{name}/tests/api.rs"),
            "#[test]\nfn api() {}\n",
        );
    }
    let target = root.join("target").to_string_lossy().into_owned();
    let runner = detect(root, None)
        .unwrap()
        .with_env("CARGO_TARGET_DIR", target);
    let base = inventory::list(root, &runner, LONG).await.unwrap();
    assert_eq!(
        base.tests,
        ids(&[
            "crates/alpha/src/lib.rs - one",
            "crates/alpha/src/lib.rs::tests::works",
            "crates/alpha/tests/api.rs::api",
            "crates/beta/src/lib.rs - one",
            "crates/beta/src/lib.rs::tests::works",
            "crates/beta/tests/api.rs::api",
        ])
    );

    // beta loses its unit test and its integration test; alpha keeps both.
    write(
        root,
        "crates/beta/src/lib.rs",
        "/// ```\n/// assert!(true);\n/// ```\npub fn one() -> i32 { 1 }\n",
    );
    write(root, "crates/beta/tests/api.rs", "\n");
    let after = inventory::list(root, &runner, LONG).await.unwrap();
    let removed: Vec<String> = finding_kinds(&base, &after)
        .into_iter()
        .filter(|(kind, _, _)| *kind == FindingKind::TestRemoved)
        .map(|(_, evidence, _)| evidence)
        .collect();
    assert_eq!(
        removed,
        [
            "crates/beta/src/lib.rs::tests::works",
            "crates/beta/tests/api.rs::api"
        ],
        "{after:?}"
    );
}

#[tokio::test]
async fn pytest_runs_and_lists_a_project() {
    let Some(python) = peer("BATON_PEER_PYTHON") else {
        available(
            false,
            "the peers' Python with pytest (bash scripts/lib/peers.sh)",
        );
        return;
    };
    let venv_bin = python.parent().unwrap().to_path_buf();
    if !available(
        venv_bin.join("pytest").exists(),
        "pytest in the peers' virtualenv",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "pyproject.toml",
        "[project]\nname = \"calc\"\nversion = \"0.1\"\n",
    );
    let tests = "import pytest\n\n\ndef add(a, b):\n    return a + b\n\n\n\
                 def test_adds():\n    assert add(1, 2) == 3\n\n\n\
                 def test_subtracts():\n    assert add(5, -2) == 3\n\n\n\
                 @pytest.mark.skip(reason=\"old\")\ndef test_old():\n    assert False\n";
    write(root, "test_calc.py", tests);
    let runner = detect(root, None).unwrap().with_path_prefix(&venv_bin);
    assert_eq!(runner.kind, RunnerKind::Pytest);

    let run = runner::run(root, &runner, LONG, None).await.unwrap();
    assert!(run.passed, "{}", run.output_tail);
    assert_eq!(run.summary.as_deref(), Some("2 passed, 1 skipped"));

    let base = inventory::list(root, &runner, LONG).await.unwrap();
    assert_eq!(
        base.tests,
        ids(&[
            "test_calc.py::test_adds",
            "test_calc.py::test_old",
            "test_calc.py::test_subtracts"
        ])
    );
    assert_eq!(base.skipped, ids(&["test_calc.py::test_old"]));

    let hacked = tests
        .replace("return a + b", "return a - b")
        .replace(
            "def test_subtracts",
            "@pytest.mark.skip\ndef test_subtracts",
        )
        .replace(
            "def test_adds():\n    assert add(1, 2) == 3\n",
            "def test_other():\n    assert add(1, 2) == -1\n",
        );
    write(root, "test_calc.py", &hacked);
    let run = runner::run(root, &runner, LONG, None).await.unwrap();
    assert!(run.passed, "{}", run.output_tail);
    write(root, "test_calc.py", &hacked.replace("== -1", "== 3"));
    let run = runner::run(root, &runner, LONG, None).await.unwrap();
    assert!(!run.passed);
    assert_eq!(run.exit_code, Some(1));
    assert_eq!(run.summary.as_deref(), Some("1 failed, 2 skipped"));
    assert_eq!(
        outcome(&run, "test_calc.py::test_other"),
        Some(Outcome::Failed)
    );

    let after = inventory::list(root, &runner, LONG).await.unwrap();
    assert_eq!(
        finding_kinds(&base, &after),
        [
            (
                FindingKind::TestRemoved,
                "test_calc.py::test_adds".to_owned(),
                Severity::High
            ),
            (
                FindingKind::TestNowSkipped,
                "test_calc.py::test_subtracts".to_owned(),
                Severity::High
            ),
        ]
    );

    // Nothing collected is not a pass.
    std::fs::remove_file(root.join("test_calc.py")).unwrap();
    let run = runner::run(root, &runner, LONG, None).await.unwrap();
    assert_eq!(run.exit_code, Some(5));
    assert!(!run.passed);
    assert_eq!(
        run.summary.as_deref(),
        Some("no tests collected (pytest exit code 5)")
    );
    let empty = inventory::list(root, &runner, LONG).await.unwrap();
    assert_eq!(empty, Inventory::default());
}

#[tokio::test]
async fn go_runs_and_lists_a_module() {
    if !available(on_path("go"), "go (scripts/lib/deps.sh installs golang-go)") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "go.mod", "module example.com/calc\n\ngo 1.19\n");
    write(
        root,
        "calc.go",
        "package calc\n\nfunc Add(a, b int) int { return a + b }\n",
    );
    let tests = "package calc\n\nimport \"testing\"\n\n\
                 func TestAdd(t *testing.T) {\n\tif Add(1, 2) != 3 {\n\t\tt.Fatal(\"1+2\")\n\t}\n}\n\n\
                 func TestLater(t *testing.T) {\n\tt.Skip(\"not yet\")\n}\n";
    write(root, "calc_test.go", tests);
    write(
        root,
        "more/more_test.go",
        "package more\n\nimport \"testing\"\n\nfunc TestMore(t *testing.T) {}\n",
    );
    let runner = detect(root, None).unwrap();
    assert_eq!(runner.kind, RunnerKind::Go);

    let run = runner::run(root, &runner, LONG, None).await.unwrap();
    assert!(run.passed, "{}", run.output_tail);
    assert_eq!(run.summary.as_deref(), Some("2 packages passed, 0 failed"));

    let base = inventory::list(root, &runner, LONG).await.unwrap();
    assert_eq!(
        base.tests,
        ids(&[
            "example.com/calc/more::TestMore",
            "example.com/calc::TestAdd",
            "example.com/calc::TestLater"
        ])
    );
    assert!(base.skipped.is_empty());

    write(
        root,
        "calc.go",
        "package calc\n\nfunc Add(a, b int) int { return a * b }\n",
    );
    let run = runner::run(root, &runner, LONG, None).await.unwrap();
    assert!(!run.passed);
    assert_eq!(run.summary.as_deref(), Some("1 packages passed, 1 failed"));
    assert_eq!(outcome(&run, "TestAdd"), Some(Outcome::Failed));

    std::fs::remove_dir_all(root.join("more")).unwrap();
    let after = inventory::list(root, &runner, LONG).await.unwrap();
    assert_eq!(
        finding_kinds(&base, &after),
        [(
            FindingKind::TestRemoved,
            "example.com/calc/more::TestMore".to_owned(),
            Severity::High
        )]
    );
}

#[tokio::test]
async fn vitest_runs_and_lists_a_project() {
    let Some(modules) = peer("BATON_PEER_VITEST_NODE_MODULES") else {
        available(false, "the peers' vitest (bash scripts/lib/peers.sh)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "package.json",
        r#"{"name":"calc","private":true,"type":"module","scripts":{"test":"vitest run"}}"#,
    );
    // The project uses the peers' install as its own node_modules.
    std::os::unix::fs::symlink(&modules, root.join("node_modules")).unwrap();
    let tests = "import { describe, test, expect } from 'vitest';\n\
                 const add = (a, b) => a + b;\n\
                 describe('add', () => {\n\
                 \x20 test('small', () => expect(add(1, 2)).toBe(3));\n\
                 \x20 test('negative', () => expect(add(-1, -2)).toBe(-3));\n\
                 \x20 test.skip('later', () => {});\n});\n";
    write(root, "calc.test.js", tests);
    let runner = detect(root, None).unwrap();
    assert_eq!(runner.kind, RunnerKind::Vitest);

    let run = runner::run(root, &runner, LONG, None).await.unwrap();
    assert!(run.passed, "{}", run.output_tail);
    assert_eq!(run.summary.as_deref(), Some("2 passed | 1 skipped (3)"));

    let base = inventory::list(root, &runner, LONG).await.unwrap();
    assert_eq!(
        base.tests,
        ids(&["calc.test.js::add > negative", "calc.test.js::add > small"])
    );

    write(root, "calc.test.js", &tests.replace("a + b", "a * b"));
    let run = runner::run(root, &runner, LONG, None).await.unwrap();
    assert!(!run.passed);
    assert_eq!(run.summary.as_deref(), Some("2 failed | 1 skipped (3)"));

    // vitest leaves skipped tests out of its listing: a skip shows as a removal.
    write(
        root,
        "calc.test.js",
        &tests.replace("test('negative'", "test.skip('negative'"),
    );
    let after = inventory::list(root, &runner, LONG).await.unwrap();
    assert_eq!(
        finding_kinds(&base, &after),
        [(
            FindingKind::TestRemoved,
            "calc.test.js::add > negative".to_owned(),
            Severity::High
        )]
    );
}

#[tokio::test]
async fn jest_runs_and_lists_a_project() {
    let Some(modules) = peer("BATON_PEER_VITEST_NODE_MODULES")
        .filter(|modules| modules.join("jest/package.json").exists())
    else {
        available(false, "the peers' jest (bash scripts/lib/peers.sh)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "package.json",
        r#"{"name":"calc","private":true,"scripts":{"test":"jest"}}"#,
    );
    std::os::unix::fs::symlink(&modules, root.join("node_modules")).unwrap();
    let tests = "const add = (a, b) => a + b;\n\
                 describe('add', () => {\n\
                 \x20 test('small', () => expect(add(1, 2)).toBe(3));\n\
                 \x20 test('negative', () => expect(add(-1, -2)).toBe(-3));\n\
                 \x20 test.skip('later', () => {});\n});\n";
    write(root, "calc.test.js", tests);
    write(
        root,
        "more.test.js",
        "test('more', () => expect(1).toBe(1));\n",
    );
    let runner = detect(root, None).unwrap();
    assert_eq!(runner.kind, RunnerKind::Jest);

    let run = runner::run(root, &runner, LONG, None).await.unwrap();
    assert!(run.passed, "{}", run.output_tail);
    assert_eq!(run.summary.as_deref(), Some("1 skipped, 3 passed, 4 total"));

    let base = inventory::list(root, &runner, LONG).await.unwrap();
    assert_eq!(base.tests, ids(&["calc.test.js", "more.test.js"]));

    write(root, "calc.test.js", &tests.replace("a + b", "a * b"));
    let run = runner::run(root, &runner, LONG, None).await.unwrap();
    assert!(!run.passed);
    assert_eq!(
        run.summary.as_deref(),
        Some("2 failed, 1 skipped, 1 passed, 4 total")
    );

    // jest lists files, so a deleted test file is what shows.
    std::fs::remove_file(root.join("more.test.js")).unwrap();
    let after = inventory::list(root, &runner, LONG).await.unwrap();
    assert_eq!(
        finding_kinds(&base, &after),
        [(
            FindingKind::TestRemoved,
            "more.test.js".to_owned(),
            Severity::High
        )]
    );
}
