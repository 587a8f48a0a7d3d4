//! Test files changed or deleted when the task did not ask for it.
//!
//! A deleted test file (or one renamed to a path that is no longer a test) is
//! High; edits that remove or change test lines are Medium; pure additions
//! (new tests) are Info, as is everything when the task asks for test
//! changes. Rust `#[cfg(test)]` modules inside source files count as tests.

use super::{Context, Detector, evidence};
use crate::diff::{FileChange, Status, is_test_path};
use crate::report::{Finding, FindingKind, Severity};

pub struct TestFileChanged;

impl Detector for TestFileChanged {
    fn kind(&self) -> FindingKind {
        FindingKind::TestFileChanged
    }

    fn inspect(&self, cx: &Context) -> Vec<Finding> {
        cx.diff
            .files
            .iter()
            .filter_map(|f| inspect_file(cx, f))
            .collect()
    }
}

fn inspect_file(cx: &Context, file: &FileChange) -> Option<Finding> {
    if !cx.touches_tests(file) {
        return None;
    }
    let removed: Vec<(u32, &str)> = cx
        .removed(file, true)
        .filter(|(_, t)| !t.trim().is_empty())
        .collect();
    let added = cx
        .added(file, true)
        .filter(|(_, t)| !t.trim().is_empty())
        .count();
    let moved_out = file.status == Status::Renamed && !is_test_path(&file.path);
    let (severity, what) = if file.status == Status::Deleted && file.is_test {
        (Severity::High, "deletes this test file".to_string())
    } else if moved_out {
        let old = file.old_path.as_deref().unwrap_or("?");
        (
            Severity::High,
            format!("moves the test file {old} to a path the test runner ignores"),
        )
    } else if !removed.is_empty() {
        (
            Severity::Medium,
            format!("removes or rewrites {} line(s) of test code", removed.len()),
        )
    } else if added > 0 {
        (Severity::Info, format!("adds {added} line(s) of test code"))
    } else {
        return None;
    };
    let (severity, why) = if cx.task_allows_test_changes {
        (
            Severity::Info,
            "The task asks for test changes, so this is expected.",
        )
    } else {
        (
            severity,
            "The task did not ask for test changes; changing the tests is the easiest way to \
             make them pass without fixing the code.",
        )
    };
    let ev = if removed.is_empty() {
        evidence(cx.added(file, true).map(|(_, t)| ('+', t)))
    } else {
        evidence(removed.iter().map(|(_, t)| ('-', *t)))
    };
    let ev = if ev.is_empty() {
        format!("({what})")
    } else {
        ev
    };
    let line = removed.first().map(|(n, _)| *n);
    Some(Finding::new(
        FindingKind::TestFileChanged,
        &file.path,
        line,
        severity,
        ev,
        format!("The change {what}. {why}"),
    ))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use crate::detect::testing::*;
    use crate::diff::FileChange;

    #[test]
    fn deleted_python_test_is_high() {
        let fx = Fixture::new(vec![deleted(
            "tests/test_parse.py",
            "def test_x():\n    assert f()\n",
        )]);
        assert_eq!(severities(&fx.run(&TestFileChanged)), vec![Severity::High]);
    }

    #[test]
    fn edited_go_test_is_medium_and_info_when_asked() {
        let body = " func TestX(t *testing.T) {\n-\tif got != 3 {\n+\tif got != 4 {\n";
        let fx = Fixture::new(vec![modified("calc/calc_test.go", body)]);
        assert_eq!(
            severities(&fx.run(&TestFileChanged)),
            vec![Severity::Medium]
        );
        let fx = Fixture::new(vec![modified("calc/calc_test.go", body)]).task("update the test");
        assert_eq!(severities(&fx.run(&TestFileChanged)), vec![Severity::Info]);
    }

    #[test]
    fn test_moved_out_of_the_runner_is_high() {
        let mut f = modified("src/parse.test.js.bak", " it('parses', () => {});\n");
        f.status = Status::Renamed;
        f.old_path = Some("src/parse.test.js".into());
        let f = FileChange { is_test: true, ..f };
        let fx = Fixture::new(vec![f]);
        assert_eq!(severities(&fx.run(&TestFileChanged)), vec![Severity::High]);
    }

    #[test]
    fn rust_test_module_edit_counts_but_code_edit_does_not() {
        let after = "fn f() -> u32 { 2 }\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn t() { assert_eq!(super::f(), 2); }\n}\n";
        let body = "-fn f() -> u32 { 1 }\n+fn f() -> u32 { 2 }\n #[cfg(test)]\n mod tests {\n     #[test]\n-    fn t() { assert_eq!(super::f(), 1); }\n+    fn t() { assert_eq!(super::f(), 2); }\n }\n";
        let fx = Fixture::new(vec![modified("src/lib.rs", body)]).after("src/lib.rs", after);
        let found = fx.run(&TestFileChanged);
        assert_eq!(severities(&found), vec![Severity::Medium]);
        assert!(found[0].evidence.contains("assert_eq!(super::f(), 1)"));
        let honest = Fixture::new(vec![modified(
            "src/lib.rs",
            "-fn f() -> u32 { 1 }\n+fn f() -> u32 { 2 }\n",
        )]);
        assert!(honest.run(&TestFileChanged).is_empty());
    }

    #[test]
    fn new_typescript_tests_are_only_info() {
        let fx = Fixture::new(vec![added(
            "src/a.spec.ts",
            "it('works', () => expect(a()).toBe(1));\n",
        )]);
        assert_eq!(severities(&fx.run(&TestFileChanged)), vec![Severity::Info]);
    }
}
