//! Test files changed or deleted when the task did not ask for it.
//!
//! A deleted test file (or one renamed to a path that is no longer a test) is
//! High; edits that remove or change test lines are Medium; pure additions
//! (new tests) are Info, as is everything when the task asks for test
//! changes. Rust `#[cfg(test)]` modules inside source files count as tests.
//!
//! Removed lines that the change puts back are not a rewrite: a line removed
//! and added again verbatim (moved), and an import line whose names are all
//! still imported by an added line (`from m import a` becoming `from m
//! import a, b` to test a new function). Losing nothing, they weaken nothing.

use std::collections::HashMap;

use super::lex::code;
use super::{Context, Detector, evidence};
use crate::diff::{FileChange, Language, Status, is_test_path};
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
    let added_lines: Vec<&str> = cx.added(file, true).map(|(_, t)| t).collect();
    let removed = kept_out(
        file.language,
        cx.removed(file, true)
            .filter(|(_, t)| !t.trim().is_empty())
            .collect(),
        &added_lines,
    );
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

/// The removed lines without those the added lines put back: moved lines
/// (each added copy cancels one removed copy) and imports whose names are
/// all still imported.
fn kept_out<'t>(
    lang: Language,
    removed: Vec<(u32, &'t str)>,
    added: &[&str],
) -> Vec<(u32, &'t str)> {
    let mut copies: HashMap<&str, usize> = HashMap::new();
    for a in added {
        *copies.entry(a.trim()).or_default() += 1;
    }
    let imported: Vec<(String, Vec<String>)> =
        added.iter().filter_map(|a| import(lang, a)).collect();
    removed
        .into_iter()
        .filter(|(_, t)| {
            if let Some(c) = copies.get_mut(t.trim())
                && *c > 0
            {
                *c -= 1;
                return false;
            }
            let Some((from, names)) = import(lang, t) else {
                return true;
            };
            !names.iter().all(|n| {
                imported
                    .iter()
                    .any(|(f, ns)| *f == from && ns.iter().any(|m| m == n))
            })
        })
        .collect()
}

/// An import line as (module, imported names): Python `from m import a, b`
/// and `import m`, JS/TS `import { a } from 'm'` and `const { a } =
/// require('m')`, Rust `use m::{a, b};`. Go imports name only a package, so
/// the package is both.
fn import(lang: Language, text: &str) -> Option<(String, Vec<String>)> {
    let c = code(lang, text).trim_end_matches(';').trim();
    let names = |list: &str| -> Vec<String> {
        list.trim_matches(|ch: char| {
            ch == '{' || ch == '}' || ch == '(' || ch == ')' || ch.is_whitespace()
        })
        .split(',')
        .map(|n| n.split(" as ").next().unwrap_or("").trim().to_string())
        .filter(|n| !n.is_empty())
        .collect()
    };
    match lang {
        Language::Python => {
            if let Some((module, list)) = c
                .strip_prefix("from ")
                .and_then(|r| r.split_once(" import "))
            {
                return Some((module.trim().to_string(), names(list)));
            }
            let module = c.strip_prefix("import ")?;
            Some((String::new(), names(module)))
        }
        Language::JavaScript | Language::TypeScript => {
            let (list, module) = if let Some(rest) = c.strip_prefix("import ") {
                rest.rsplit_once(" from ")?
            } else {
                let (lhs, rhs) = c.split_once('=')?;
                let lhs = lhs
                    .trim()
                    .trim_start_matches("const ")
                    .trim_start_matches("let ");
                let rhs = rhs.trim();
                (lhs, rhs.strip_prefix("require(")?.strip_suffix(')')?)
            };
            let module = module
                .trim()
                .trim_matches(|ch| ch == '\'' || ch == '"' || ch == '`');
            Some((module.to_string(), names(list)))
        }
        Language::Rust => {
            let path = c.strip_prefix("use ")?;
            let (module, list) = match path.split_once("::{") {
                Some((m, l)) => (m, l),
                None => path.rsplit_once("::")?,
            };
            Some((module.to_string(), names(list)))
        }
        Language::Go => {
            let spec = c.strip_prefix("import ").unwrap_or(c).trim();
            let path = spec.rsplit(' ').next()?.trim_matches('"');
            (spec.ends_with('"') && !path.is_empty())
                .then(|| (path.to_string(), vec![path.to_string()]))
        }
        Language::Other => None,
    }
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
    fn imports_kept_and_lines_moved_are_not_rewrites() {
        // A new function imported next to the old one: only additions.
        let py = "-from shop.tax import vat\n+from shop.tax import vat, duty\n+def test_duty():\n+    assert duty(10) == 1\n";
        let fx = Fixture::new(vec![modified("tests/test_tax.py", py)]);
        assert_eq!(severities(&fx.run(&TestFileChanged)), vec![Severity::Info]);
        let ts = "-import { parse } from '../src/csv';\n+import { parse, stringify } from '../src/csv';\n+it('stringifies', () => expect(stringify([])).toBe(''));\n";
        let fx = Fixture::new(vec![modified("test/csv.test.ts", ts)]);
        assert_eq!(severities(&fx.run(&TestFileChanged)), vec![Severity::Info]);
        // A test moved below another one: at most the Info of an addition.
        let moved = "-it('a', () => expect(a()).toBe(1));\n it('b', () => expect(b()).toBe(2));\n+it('a', () => expect(a()).toBe(1));\n";
        let fx = Fixture::new(vec![modified("src/ab.test.js", moved)]);
        assert_eq!(severities(&fx.run(&TestFileChanged)), vec![Severity::Info]);
    }

    #[test]
    fn imports_dropped_or_narrowed_still_count() {
        // The test no longer imports (and so no longer tests) `duty`.
        let py = "-from shop.tax import vat, duty\n+from shop.tax import vat\n";
        let fx = Fixture::new(vec![modified("tests/test_tax.py", py)]);
        assert_eq!(
            severities(&fx.run(&TestFileChanged)),
            vec![Severity::Medium]
        );
        let rs = "-use crate::money::{add, sub};\n+use crate::money::add;\n";
        let fx = Fixture::new(vec![modified("tests/money.rs", rs)]);
        assert_eq!(
            severities(&fx.run(&TestFileChanged)),
            vec![Severity::Medium]
        );
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
