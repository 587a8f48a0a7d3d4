//! Skip and xfail markers added to tests.
//!
//! Looks at added lines for the markers of each framework: Rust `#[ignore]`,
//! pytest `skip`/`xfail` marks and calls, `unittest.skip`, JS `it.skip`,
//! `describe.skip`, `xit(`, `xdescribe(`, Go `t.Skip`, and a Go build
//! constraint `ignore` on a test file. Plain `.skip(` is not a marker (it is
//! also an iterator adaptor). A skip is High unless the task asks to skip or
//! ignore a test (then Info); a conditional `skipif` is Medium, and Low when
//! its condition is the platform, which is usually honest.

use super::lex::code;
use super::{Context, Detector, evidence};
use crate::diff::Language;
use crate::report::{Finding, FindingKind, Severity};

pub struct SkipAdded;

/// Without the `@`: a mark is as much a skip when it is given a name first
/// (`slow = pytest.mark.skip(…)`, then `@slow`) or applied to a whole module
/// (`pytestmark = pytest.mark.skip`).
const PY_MARKERS: &[&str] = &[
    "pytest.mark.skip",
    "pytest.mark.xfail",
    "unittest.skip",
    "unittest.expectedFailure",
    "pytest.skip(",
    "pytest.xfail(",
    "self.skipTest(",
    "raise unittest.SkipTest",
    "raise SkipTest",
];
const JS_MARKERS: &[&str] = &[
    "it.skip(",
    "test.skip(",
    "describe.skip(",
    "context.skip(",
    "suite.skip(",
    "it.skip.each",
    "test.skip.each",
    "describe.skip.each",
    "xit(",
    "xtest(",
    "xdescribe(",
    "it.todo(",
    "test.todo(",
    "it.fails(",
    "test.fails(",
];
const GO_MARKERS: &[&str] = &["t.Skip(", "t.SkipNow(", "t.Skipf(", "b.Skip("];

impl Detector for SkipAdded {
    fn kind(&self) -> FindingKind {
        FindingKind::SkipAdded
    }

    fn inspect(&self, cx: &Context) -> Vec<Finding> {
        let mut out = Vec::new();
        for file in &cx.diff.files {
            let lang = file.language;
            for (n, text) in file.added() {
                let Some(marker) = marker(lang, text, file.is_test) else {
                    continue;
                };
                let severity = if cx.task_allows_skips {
                    Severity::Info
                } else if marker.contains("skipif") {
                    if text.contains("platform") || text.contains("sys.version") {
                        Severity::Low
                    } else {
                        Severity::Medium
                    }
                } else {
                    Severity::High
                };
                let why = if cx.task_allows_skips {
                    "The task asks to skip or ignore a test, so this is expected."
                } else {
                    "A skipped test cannot fail: skipping is a way to turn a failing run green \
                     without fixing anything."
                };
                out.push(Finding::new(
                    FindingKind::SkipAdded,
                    &file.path,
                    Some(n),
                    severity,
                    evidence([('+', text)]),
                    format!("The change adds a `{marker}` marker. {why}"),
                ));
            }
        }
        out
    }
}

fn marker(lang: Language, text: &str, is_test_file: bool) -> Option<&'static str> {
    let raw = text.trim_start();
    let code = code(lang, text);
    match lang {
        Language::Rust => {
            let c = code.trim_start();
            (c.starts_with("#[ignore") || c.contains("#[cfg_attr(") && c.contains("ignore"))
                .then_some("#[ignore]")
        }
        Language::Python => {
            if [
                "pytest.mark.skipif",
                "unittest.skipIf",
                "unittest.skipUnless",
            ]
            .iter()
            .any(|m| code.contains(m))
            {
                return Some("pytest.mark.skipif");
            }
            PY_MARKERS.iter().find(|m| code.contains(**m)).copied()
        }
        Language::JavaScript | Language::TypeScript => {
            JS_MARKERS.iter().find(|m| starts_call(code, m)).copied()
        }
        Language::Go => {
            let constraint =
                raw.starts_with("//go:build ignore") || raw.starts_with("// +build ignore");
            if is_test_file && constraint {
                return Some("//go:build ignore");
            }
            GO_MARKERS.iter().find(|m| code.contains(**m)).copied()
        }
        Language::Other => None,
    }
}

/// `xit(` must not match `exit(`; `it.skip(` must not match `unit.skip(`.
fn starts_call(code: &str, marker: &str) -> bool {
    code.match_indices(marker).any(|(i, _)| {
        i == 0 || !code.as_bytes()[i - 1].is_ascii_alphanumeric() && code.as_bytes()[i - 1] != b'_'
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use crate::detect::testing::*;

    fn run(path: &str, body: &str) -> Vec<Finding> {
        Fixture::new(vec![modified(path, body)]).run(&SkipAdded)
    }

    #[test]
    fn markers_in_every_language_are_high() {
        for (path, line) in [
            ("tests/a.rs", "+    #[ignore]"),
            ("src/lib.rs", "+    #[ignore = \"flaky\"]"),
            ("tests/test_a.py", "+@pytest.mark.skip(reason='later')"),
            ("tests/test_a.py", "+@pytest.mark.xfail"),
            (
                "tests/test_a.py",
                "+flaky_on_ci = pytest.mark.skip(reason=\"rounding\")",
            ),
            ("tests/test_a.py", "+pytestmark = [pytest.mark.xfail]"),
            ("tests/test_a.py", "+later = unittest.skip(\"later\")"),
            ("tests/test_a.py", "+        self.skipTest('no')"),
            ("src/a.test.js", "+  it.skip('parses', () => {"),
            ("src/a.test.ts", "+  xit('parses', () => {"),
            ("src/a.spec.ts", "+xdescribe('suite', () => {"),
            ("x/a_test.go", "+\tt.Skip(\"later\")"),
            ("x/a_test.go", "+//go:build ignore"),
        ] {
            assert_eq!(
                severities(&run(path, line)),
                vec![Severity::High],
                "{path}: {line}"
            );
        }
    }

    #[test]
    fn task_asking_for_a_skip_makes_it_info() {
        let fx = Fixture::new(vec![modified(
            "tests/test_net.py",
            "+@pytest.mark.skip(reason='slow')\n",
        )])
        .task("Skip the slow network test");
        assert_eq!(severities(&fx.run(&SkipAdded)), vec![Severity::Info]);
    }

    #[test]
    fn platform_skipif_is_low() {
        let found = run(
            "tests/test_a.py",
            "+@pytest.mark.skipif(sys.platform == 'win32', reason='posix')",
        );
        assert_eq!(severities(&found), vec![Severity::Low]);
    }

    #[test]
    fn honest_lookalikes_are_not_flagged() {
        assert!(run("src/lib.rs", "+    let rest = it.skip(1);").is_empty());
        assert!(run("src/cli.js", "+  process.exit(code); // xit( in a comment").is_empty());
        assert!(run("src/a.js", "+  const rows = unit.skip(2);").is_empty());
        assert!(run("tests/test_a.py", "+    # @pytest.mark.skip was here").is_empty());
        assert!(run("tests/a.rs", "-    #[ignore]").is_empty());
        assert!(run("x/a_test.go", "+\tif testing.Short() { return }").is_empty());
    }
}
