//! Assertions removed or weakened in test code.
//!
//! Four signals: an assertion that cannot fail was added (`assert True`,
//! `assert!(true)`, `expect(true).toBe(true)`, `assert x == x`: High); an
//! assertion came back with only its expected value changed (Medium); an
//! assertion on a value was replaced by one that only checks the same value
//! exists or is truthy (`toEqual([…])` → `toBeDefined()`, `== (1, 2)` → `is
//! not None`, `assert_eq!(x, Some(3))` → `assert!(x.is_some())`: Medium);
//! the test code lost more assertions than it gained (Medium). Assertions
//! that merely moved (the same line removed and added) cancel out. When the
//! task asks for test changes, the latter three drop to Low: editing
//! expectations is then the job, but a tautology never is.

use std::collections::HashMap;

use super::lex::{code, is_assert, skeleton};
use super::{Context, Detector, evidence};
use crate::diff::{FileChange, Language, Status};
use crate::report::{Finding, FindingKind, Severity};

pub struct AssertionWeakened;

impl Detector for AssertionWeakened {
    fn kind(&self) -> FindingKind {
        FindingKind::AssertionWeakened
    }

    fn inspect(&self, cx: &Context) -> Vec<Finding> {
        let mut out = Vec::new();
        for file in &cx.diff.files {
            if file.status != Status::Deleted && cx.touches_tests(file) {
                inspect_file(cx, file, &mut out);
            }
        }
        out
    }
}

fn inspect_file(cx: &Context, file: &FileChange, out: &mut Vec<Finding>) {
    let lang = file.language;
    let kind = FindingKind::AssertionWeakened;
    let mut removed: Vec<(u32, &str)> = cx
        .removed(file, true)
        .filter(|(_, t)| is_assert(lang, t))
        .collect();
    let mut added: Vec<(u32, &str)> = cx
        .added(file, true)
        .filter(|(_, t)| is_assert(lang, t))
        .collect();

    edited_table_rows(cx, file, out);
    for (n, text) in &added {
        if let Some(why) = tautology(lang, code(lang, text)) {
            out.push(Finding::new(
                kind,
                &file.path,
                Some(*n),
                Severity::High,
                evidence([('+', *text)]),
                format!("This assertion cannot fail ({why}); it makes the test pass whatever the code does."),
            ));
        }
    }

    // Moved assertions: the same line on both sides cancels out.
    let mut counts: HashMap<&str, i64> = HashMap::new();
    for (_, t) in &removed {
        *counts.entry(t.trim()).or_default() += 1;
    }
    added.retain(|(_, t)| match counts.get_mut(t.trim()) {
        Some(c) if *c > 0 => {
            *c -= 1;
            false
        }
        _ => true,
    });
    removed.retain(|(_, t)| match counts.get_mut(t.trim()) {
        Some(c) if *c > 0 => {
            *c -= 1;
            true
        }
        Some(_) => false,
        None => true,
    });

    let weak = if cx.task_allows_test_changes {
        Severity::Low
    } else {
        Severity::Medium
    };
    // Same assertion, different literal: the expected value was edited.
    let mut unpaired_removed = Vec::new();
    for (n, old) in removed {
        let shape = skeleton(lang, old);
        let pair = added
            .iter()
            .position(|(_, new)| skeleton(lang, new) == shape);
        match pair {
            Some(i) => {
                let (_, new) = added.remove(i);
                out.push(Finding::new(
                    kind,
                    &file.path,
                    Some(n),
                    weak,
                    evidence([('-', old), ('+', new)]),
                    "The assertion is the same but its expected value changed: the test was \
                     edited to match the code's output instead of the code being fixed.",
                ));
            }
            None => unpaired_removed.push((n, old)),
        }
    }
    // The same value checked, but only for existence: weaker.
    pair_off(
        &mut unpaired_removed,
        &mut added,
        |old, new| {
            !is_weak(lang, old)
                && is_weak(lang, new)
                && subject(lang, old).is_some_and(|s| subject(lang, new) == Some(s))
        },
        |n, old, new| {
            out.push(Finding::new(
                kind,
                &file.path,
                Some(n),
                weak,
                evidence([('-', old), ('+', new)]),
                "The assertion now only checks that the value exists or is truthy, a weaker \
                 check than the exact value it compared before: any output passes.",
            ))
        },
    );
    // An exact check replaced by a bound or an existence check on another
    // line (`assert_eq!(cost, 1430)` → `assert!(cost > 0)`): the count is
    // the same, the test much weaker.
    pair_off(
        &mut unpaired_removed,
        &mut added,
        |old, new| is_exact(lang, old) && is_loose(lang, new),
        |n, old, new| {
            out.push(Finding::new(
                kind,
                &file.path,
                Some(n),
                weak,
                evidence([('-', old), ('+', new)]),
                "An exact check became a looser one (a bound, or that the value exists): \
                 wrong output that is in range now passes.",
            ))
        },
    );
    if unpaired_removed.len() > added.len() {
        let lost = unpaired_removed.len() - added.len();
        out.push(Finding::new(
            kind,
            &file.path,
            unpaired_removed.first().map(|(n, _)| *n),
            weak,
            evidence(unpaired_removed.iter().map(|(_, t)| ('-', *t))),
            format!(
                "The test code lost {lost} assertion(s) ({} removed, {} added): fewer checks \
                 make a test easier to pass.",
                unpaired_removed.len(),
                added.len()
            ),
        ));
    }
}

/// Pairs each removed assertion with the first added one `matches` accepts,
/// reports the pair, and takes both out of the running.
fn pair_off<'t>(
    removed: &mut Vec<(u32, &'t str)>,
    added: &mut Vec<(u32, &'t str)>,
    matches: impl Fn(&str, &str) -> bool,
    mut report: impl FnMut(u32, &'t str, &'t str),
) {
    removed.retain(|&(n, old)| {
        let Some(i) = added.iter().position(|(_, new)| matches(old, new)) else {
            return true;
        };
        let (_, new) = added.remove(i);
        report(n, old, new);
        false
    });
}

/// A row of a table-driven test (`{1024, "1.0 KiB"},`, `(4, "IV"),`) that
/// came back with only a value changed: the expectation was edited, the
/// same as an assertion's expected value. A row whose input changed too is
/// as much an edit; only the literals may differ.
fn edited_table_rows(cx: &Context, file: &FileChange, out: &mut Vec<Finding>) {
    let lang = file.language;
    let row = |t: &str| {
        let c = code(lang, t).trim();
        c.starts_with(['{', '(', '['])
            && c.ends_with([',', '}', ')', ']'])
            && c.contains(',')
            && !is_assert(lang, t)
    };
    let mut added: Vec<(u32, &str)> = cx.added(file, true).filter(|(_, t)| row(t)).collect();
    let removed: Vec<(u32, &str)> = cx.removed(file, true).filter(|(_, t)| row(t)).collect();
    for (n, old) in removed {
        let shape = skeleton(lang, old);
        let Some(i) = added
            .iter()
            .position(|(_, new)| skeleton(lang, new) == shape && new.trim() != old.trim())
        else {
            continue;
        };
        let (_, new) = added.remove(i);
        let severity = if cx.task_allows_test_changes {
            Severity::Low
        } else {
            Severity::Medium
        };
        out.push(Finding::new(
            FindingKind::AssertionWeakened,
            &file.path,
            Some(n),
            severity,
            evidence([('-', old), ('+', new)]),
            "A row of the test's table came back with a value changed: the expectation was \
             edited to match the code's output instead of the code being fixed.",
        ));
    }
}

/// Why an assertion cannot fail, if it cannot.
fn tautology(lang: Language, code: &str) -> Option<&'static str> {
    const TRUTHS: &[&str] = &["true", "True", "1", "!false", "not False", "not None"];
    let c = code.trim_end_matches(';').trim();
    let bare = match lang {
        Language::Python => c
            .strip_prefix("assert ")
            .map(|r| r.split(", ").next().unwrap_or(r)),
        Language::Rust => call_args(c, "assert!("),
        Language::JavaScript | Language::TypeScript => {
            call_args(c, "assert(").or_else(|| call_args(c, "assert.ok("))
        }
        Language::Go | Language::Other => None,
    };
    let bare = bare
        .or_else(|| call_args(c, "assertTrue("))
        .or_else(|| call_args(c, "assert.True("));
    if let Some(arg) = bare {
        let last = split_top(arg, ",").last().map(|s| s.trim()).unwrap_or("");
        let first = split_top(arg, ",").first().map(|s| s.trim()).unwrap_or("");
        if TRUTHS.contains(&first) || (c.contains("assert.True(") && TRUTHS.contains(&last)) {
            return Some("it asserts a constant truth");
        }
        let sides = split_top(first, "==");
        if sides.len() == 2 && same(sides[0], sides[1]) {
            return Some("both sides of the comparison are the same expression");
        }
    }
    for name in EQUALITY_CALLS {
        if let Some(args) = call_args(c, name) {
            let mut parts = split_top(args, ",");
            if name == "assert.Equal(" && !parts.is_empty() {
                parts.remove(0); // Go's testify takes `t` first.
            }
            if parts.len() >= 2 && same(parts[0], parts[1]) {
                return Some("both sides of the comparison are the same expression");
            }
        }
    }
    if let Some(actual) = call_args(c, "expect(") {
        let rest = &c[c.find("expect(").unwrap_or(0) + "expect(".len() + actual.len() + 1..];
        for m in [".toBe(", ".toEqual(", ".toStrictEqual("] {
            if let Some(expected) = call_args(rest, m)
                && same(actual, expected)
            {
                return Some("it compares a value with itself");
            }
        }
        if TRUTHS.contains(&actual.trim()) && rest.starts_with(".toBeTruthy(") {
            return Some("it asserts a constant truth");
        }
    }
    None
}

/// The value an assertion checks: `expect(X)`, `assert X == …`,
/// `self.assertEqual(X, …)`, `assert_eq!(X, …)`, `assert.Equal(t, want, X)`,
/// with the weak forms (`assert X is not None`, `assert!(X.is_some())`,
/// `assert.NotNil(t, X)`) reduced to the same X. Whitespace is dropped.
fn subject(lang: Language, text: &str) -> Option<String> {
    let c = code(lang, text).trim_end_matches(';').trim();
    let first_arg =
        |name: &str| call_args(c, name).and_then(|a| split_top(a, ",").first().copied());
    let found: Option<&str> = match lang {
        Language::JavaScript | Language::TypeScript => call_args(c, "expect("),
        Language::Python => {
            if let Some(rest) = c.strip_prefix("assert ") {
                let rest = rest.split(", ").next().unwrap_or(rest);
                let rest = rest.strip_suffix(" is not None").unwrap_or(rest);
                let ops = [" == ", " != ", " is ", " in ", " < ", " > ", " <= ", " >= "];
                Some(
                    ops.iter()
                        .fold(rest, |r, op| r.split(op).next().unwrap_or(r)),
                )
            } else {
                [
                    "assertEqual(",
                    "assertIsNotNone(",
                    "assertTrue(",
                    "assertIsNot(",
                    "assertIn(",
                ]
                .iter()
                .find_map(|n| first_arg(n))
            }
        }
        Language::Rust => {
            let plain = call_args(c, "assert!(").map(|a| {
                let a = a.trim().trim_start_matches('!');
                [".is_some()", ".is_ok()", ".is_empty()"]
                    .iter()
                    .find_map(|m| a.strip_suffix(m))
                    .unwrap_or_else(|| split_top(a, "==").first().copied().unwrap_or(a))
            });
            plain
                .or_else(|| first_arg("assert_eq!("))
                .or_else(|| first_arg("assert_ne!("))
        }
        Language::Go => ["assert.", "require."].iter().find_map(|p| {
            let start = c.find(p)?;
            let open = c[start..].find('(')? + start + 1;
            let args = call_args(&c[open - 1..], "(")?;
            split_top(args, ",").last().copied()
        }),
        Language::Other => None,
    };
    let s: String = found?.chars().filter(|ch| !ch.is_whitespace()).collect();
    (!s.is_empty()).then_some(s)
}

/// An assertion that only checks that something exists or is truthy.
fn is_weak(lang: Language, text: &str) -> bool {
    let c = code(lang, text).trim_end_matches(';').trim();
    match lang {
        Language::JavaScript | Language::TypeScript => [
            ".toBeDefined()",
            ".toBeTruthy()",
            ".not.toBeNull()",
            ".not.toBeUndefined()",
            ".not.toBeFalsy()",
            ".toBeInstanceOf(",
            // A partial match: the fields it does not name may hold anything.
            ".toMatchObject(",
            "expect.objectContaining(",
        ]
        .iter()
        .any(|m| c.contains(m)),
        Language::Python => {
            c.contains("assertIsNotNone(")
                || (c.contains("assertTrue(")
                    && call_args(c, "assertTrue(").is_some_and(|a| split_top(a, ",").len() == 1))
                || c.strip_prefix("assert ").is_some_and(|rest| {
                    let rest = rest.split(", ").next().unwrap_or(rest);
                    rest.ends_with(" is not None")
                        || ![" == ", " != ", " is ", " in ", " < ", " > ", " <= ", " >= "]
                            .iter()
                            .any(|op| rest.contains(op))
                })
        }
        Language::Rust => {
            [".is_some())", ".is_ok())", ".is_empty())"]
                .iter()
                .any(|m| c.starts_with("assert!(") && c.ends_with(m))
                || (c.starts_with("assert_ne!(") && c.ends_with(", None)"))
        }
        Language::Go => ["NotNil(", "NotEmpty(", "NotZero(", "True("]
            .iter()
            .any(|m| c.contains(&format!("assert.{m}")) || c.contains(&format!("require.{m}"))),
        Language::Other => false,
    }
}

/// The same expression on both sides, unless it builds a value
/// (`Version("1.2") == Version("1.2")`, `Point::new(1, 2)`, `new Money(5)`):
/// two values built alike being equal is what a test of equality checks.
fn same(a: &str, b: &str) -> bool {
    let a = a.trim();
    !a.is_empty() && a == b.trim() && !constructs(a)
}

fn constructs(expr: &str) -> bool {
    let callee = expr.split('(').next().unwrap_or("").trim();
    let name = callee.rsplit(['.', ':']).next().unwrap_or(callee);
    expr.contains('(')
        && (name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            || callee.ends_with("::new")
            || callee.starts_with("new "))
}

/// Equality assertions that take the two sides as arguments.
const EQUALITY_CALLS: [&str; 6] = [
    "assert_eq!(",
    "assertEqual(",
    "assert.equal(",
    "assert.strictEqual(",
    "assert.deepEqual(",
    "assert.Equal(",
];

/// An assertion of an exact value: equality in any framework's spelling.
fn is_exact(lang: Language, text: &str) -> bool {
    let c = code(lang, text);
    EQUALITY_CALLS
        .iter()
        .chain(&[".toBe(", ".toEqual(", ".toStrictEqual("])
        .any(|m| c.contains(m))
        || (lang == Language::Python && c.trim_start().starts_with("assert ") && c.contains(" == "))
        || (lang == Language::Go && c.contains(" != ") && c.trim_start().starts_with("if "))
}

/// An assertion that only bounds a value or checks it exists: `x > 0`,
/// `toBeGreaterThan(0)`, `is_ok()`, truthiness.
fn is_loose(lang: Language, text: &str) -> bool {
    if is_weak(lang, text) {
        return true;
    }
    let c = code(lang, text);
    if is_exact(lang, text) {
        return false;
    }
    [
        " > ",
        " < ",
        " >= ",
        " <= ",
        ".toBeGreaterThan",
        ".toBeLessThan",
        "assertGreater",
        "assertLess",
        "assert.Greater",
        "assert.Less",
    ]
    .iter()
    .any(|m| c.contains(m))
}

/// The text between `name` (which ends with `(`) and its matching `)`.
pub(super) fn call_args<'s>(s: &'s str, name: &str) -> Option<&'s str> {
    let start = s.find(name)? + name.len();
    let mut depth = 1;
    let mut quote = None;
    for (i, c) in s[start..].char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '"' | '\'' | '`' => quote = Some(c),
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(&s[start..start + i]);
                    }
                }
                _ => {}
            },
        }
    }
    None
}

/// Splits on `sep` outside brackets and quotes.
pub(super) fn split_top<'s>(s: &'s str, sep: &str) -> Vec<&'s str> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut quote = None;
    let mut last = 0;
    let mut i = 0;
    let bytes = s.as_bytes();
    while i < bytes.len() {
        let c = bytes[i];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                b'"' | b'\'' | b'`' => quote = Some(c),
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => depth -= 1,
                _ if depth == 0 && s[i..].starts_with(sep) => {
                    // `==` must not match inside `===` or `!==`.
                    let longer = sep == "=="
                        && (s[i + 2..].starts_with('=')
                            || (i > 0 && matches!(bytes[i - 1], b'!' | b'=' | b'<' | b'>')));
                    if !longer {
                        parts.push(&s[last..i]);
                        last = i + sep.len();
                        i += sep.len();
                        continue;
                    }
                }
                _ => {}
            },
        }
        i += 1;
    }
    parts.push(&s[last..]);
    parts
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use crate::detect::testing::*;

    fn run(path: &str, body: &str) -> Vec<Finding> {
        Fixture::new(vec![modified(path, body)]).run(&AssertionWeakened)
    }

    #[test]
    fn equal_values_built_alike_are_a_test_of_equality() {
        for (path, line) in [
            (
                "tests/test_v.py",
                "+    assert Version(\"1.2\") == Version(\"1.2\")",
            ),
            (
                "tests/v.rs",
                "+    assert_eq!(Point::new(1, 2), Point::new(1, 2));",
            ),
            (
                "test/v.test.ts",
                "+  expect(new Money(5)).toEqual(new Money(5));",
            ),
        ] {
            assert!(run(path, line).is_empty(), "{path}: {line}");
        }
        // A function of the same input is still the same expression.
        assert_eq!(
            severities(&run("tests/test_v.py", "+    assert parse(s) == parse(s)")),
            vec![Severity::High]
        );
    }

    #[test]
    fn an_edited_row_of_a_test_table_is_weakened() {
        for (path, body) in [
            (
                "size/size_test.go",
                "-\t\t{2048, \"2.0 KiB\"},\n+\t\t{2048, \"2048 B\"},",
            ),
            (
                "tests/test_r.py",
                "-    (40, \"XL\"),\n+    (40, \"XXXX\"),",
            ),
            ("test/fmt.test.ts", "-  [0.5, '50%'],\n+  [0.5, '0.5%'],"),
        ] {
            assert_eq!(
                severities(&run(path, body)),
                vec![Severity::Medium],
                "{path}"
            );
        }
        // Asked for: Low. A row added or moved: nothing.
        let found = Fixture::new(vec![modified(
            "size/size_test.go",
            "-\t\t{2048, \"2.0 KiB\"},\n+\t\t{2048, \"2 KiB\"},",
        )])
        .task("Drop the .0 in sizes and update the test table")
        .run(&AssertionWeakened);
        assert_eq!(severities(&found), vec![Severity::Low]);
        assert!(run("size/size_test.go", "+\t\t{4096, \"4.0 KiB\"},").is_empty());
    }

    #[test]
    fn an_exact_check_replaced_by_a_bound_elsewhere_is_weakened() {
        for (path, body) in [
            (
                "tests/pricing.rs",
                "-    assert_eq!(price(3, Zone::Far), 1290);\n+    let p = price(3, Zone::Far);\n+    assert!(p > 0);",
            ),
            (
                "test/d.test.ts",
                "-  expect(parse('P1D')).toEqual({ days: 1, hours: 0 });\n+  expect(parse('P1D')).toMatchObject({ days: 1 });",
            ),
            (
                "test/total.test.js",
                "-  expect(total(cart)).toBe(42.5);\n+  const t = total(cart);\n+  expect(t).toBeGreaterThan(0);",
            ),
            (
                "tests/test_total.py",
                "-    assert total(cart) == 42.5\n+    t = total(cart)\n+    assert t >= 0",
            ),
        ] {
            assert_eq!(
                severities(&run(path, body)),
                vec![Severity::Medium],
                "{path}"
            );
        }
        // An exact check for another exact check is not weaker.
        assert!(
            run(
                "tests/pricing.rs",
                "-    assert_eq!(price(3), 1290);\n+    let p = price(3);\n+    assert_eq!(p, 1290);"
            )
            .is_empty()
        );
    }

    #[test]
    fn tautologies_are_high_in_every_language() {
        for (path, line) in [
            ("tests/test_a.py", "+    assert True"),
            ("tests/test_a.py", "+    assert result == result"),
            ("tests/test_a.py", "+    self.assertEqual(x, x)"),
            ("tests/a.rs", "+    assert!(true);"),
            ("tests/a.rs", "+    assert_eq!(out, out);"),
            ("src/a.test.js", "+  expect(true).toBe(true);"),
            ("src/a.test.ts", "+  expect(v).toEqual(v);"),
            ("pkg/a_test.go", "+\tassert.Equal(t, got, got)"),
        ] {
            let found = run(path, line);
            assert_eq!(severities(&found), vec![Severity::High], "{path}: {line}");
        }
    }

    #[test]
    fn fewer_assertions_is_medium() {
        let body = " def test_parse():\n     r = parse('1,2')\n-    assert r == [1, 2]\n-    assert len(r) == 2\n";
        let found = run("tests/test_p.py", body);
        assert_eq!(severities(&found), vec![Severity::Medium]);
        assert!(found[0].explanation.contains("lost 2"));
    }

    #[test]
    fn edited_expected_value_is_medium_and_low_when_asked() {
        let body = "-    assert_eq!(add(2, 2), 4);\n+    assert_eq!(add(2, 2), 5);\n";
        assert_eq!(
            severities(&run("tests/add.rs", body)),
            vec![Severity::Medium]
        );
        let fx = Fixture::new(vec![modified("tests/add.rs", body)])
            .task("update the tests to the new rounding");
        assert_eq!(severities(&fx.run(&AssertionWeakened)), vec![Severity::Low]);
    }

    #[test]
    fn an_exact_check_replaced_by_an_existence_check_is_weakened() {
        for (path, body) in [
            (
                "src/money.test.ts",
                "-  expect(format(1234)).toBe('1,234');\n+  expect(format(1234)).toBeTruthy();\n",
            ),
            (
                "tests/test_geo.py",
                "-    assert centroid(pts) == (1.0, 2.0)\n+    assert centroid(pts) is not None\n",
            ),
            (
                "tests/test_geo.py",
                "-    self.assertEqual(load('a.cfg'), {'k': 1})\n+    self.assertIsNotNone(load('a.cfg'))\n",
            ),
            (
                "tests/geo.rs",
                "-    assert_eq!(centroid(&pts), Some((1.0, 2.0)));\n+    assert!(centroid(&pts).is_some());\n",
            ),
            (
                "geo/geo_test.go",
                "-\tassert.Equal(t, Point{1, 2}, Centroid(pts))\n+\tassert.NotNil(t, Centroid(pts))\n",
            ),
        ] {
            let found = run(path, body);
            assert_eq!(severities(&found), vec![Severity::Medium], "{path}: {body}");
            assert!(found[0].explanation.contains("weaker"), "{found:?}");
        }
        let fx = Fixture::new(vec![modified(
            "src/money.test.ts",
            "-  expect(rate()).toBe(0.2);\n+  expect(rate()).toBeDefined();\n",
        )])
        .task("The rate is random now; update the tests to only check that it exists");
        assert_eq!(severities(&fx.run(&AssertionWeakened)), vec![Severity::Low]);
    }

    #[test]
    fn existence_checks_that_replace_nothing_pass() {
        // Added next to the exact check; a different value; stricter.
        let added = "   expect(f(2)).toBe(4);\n+  expect(g()).toBeDefined();\n";
        assert!(run("src/f.test.js", added).is_empty());
        let other = "-    assert total(a) == 3\n+    assert parse(a) is not None\n+    assert total(a) == 3.0\n";
        let found = run("tests/test_t.py", other);
        assert!(
            found.iter().all(|f| !f.explanation.contains("weaker")),
            "{found:?}"
        );
        let stricter = "-    assert!(find(&v).is_some());\n+    assert_eq!(find(&v), Some(2));\n";
        assert!(run("tests/find.rs", stricter).is_empty());
    }

    #[test]
    fn honest_changes_are_not_flagged() {
        // Moved assertions, a stricter assertion, a new test, `===` in JS.
        let moved = "-  expect(a()).toBe(1);\n+  it('b', () => {});\n+  expect(a()).toBe(1);\n";
        assert!(run("src/a.test.js", moved).is_empty());
        let added = "+    assert parse('x') == ['x']\n+    assert len(parse('')) == 0\n";
        assert!(run("tests/test_p.py", added).is_empty());
        assert!(run("src/a.test.js", "+  assert(a === a2);\n").is_empty());
        let go = " func TestX(t *testing.T) {\n+\tif got := f(); got != want {\n+\t\tt.Errorf(\"got %v\", got)\n";
        assert!(run("x/x_test.go", go).is_empty());
        // Assertions in non-test code are not this detector's business.
        assert!(run("src/lib.rs", "-    assert!(x > 0);\n").is_empty());
    }
}
