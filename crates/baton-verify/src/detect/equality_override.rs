//! Equality or comparison overridden to always succeed.
//!
//! An `__eq__` that returns `True`, a `PartialEq::eq` whose body is `true`,
//! an `Equal` method that returns `true`, or a custom matcher that always
//! passes makes every equality assertion on that type pass. For each method
//! header (Python `__eq__`/`__ne__`/`__lt__`/…, Rust `fn eq`/`fn ne`/
//! `fn partial_cmp`/`fn cmp`, JS/TS `equals`/`isEqual`/`toEqual` matchers,
//! Go `Equal`/`Equals`), the first statement of the body is read from the new
//! side of the hunk; when it is the constant answer and one of the two lines
//! is added, that is High. Bodies that compute something pass.

use super::lex::code;
use super::{Context, Detector, evidence};
use crate::diff::{Language, Line};
use crate::report::{Finding, FindingKind, Severity};

pub struct EqualityOverride;

/// How far below the header the first statement may be (docstrings, braces).
const LOOKAHEAD: usize = 6;

impl Detector for EqualityOverride {
    fn kind(&self) -> FindingKind {
        FindingKind::EqualityOverride
    }

    fn inspect(&self, cx: &Context) -> Vec<Finding> {
        let mut out = Vec::new();
        for file in &cx.diff.files {
            let lang = file.language;
            for hunk in &file.hunks {
                let new_side: Vec<&Line> = hunk
                    .lines
                    .iter()
                    .filter(|l| !matches!(l, Line::Removed { .. }))
                    .collect();
                for (i, header) in new_side.iter().enumerate() {
                    let h = code(lang, header.text());
                    let Some(answer) = constant_answer(lang, h) else {
                        continue;
                    };
                    // A one-line body: `fn eq(&self, _: &Self) -> bool { true }`.
                    let inline = h
                        .split_once('{')
                        .map(|(_, body)| body.trim_end_matches('}').trim());
                    let body = match inline.filter(|b| !b.is_empty()) {
                        Some(b) => Some((*header, b.to_string())),
                        None => first_statement(lang, &new_side[i + 1..]),
                    };
                    let Some((line, stmt)) = body else { continue };
                    let is_added = |l: &Line| matches!(l, Line::Added { .. });
                    if !(is_added(header) || is_added(line)) || !is_constant(&stmt, answer) {
                        continue;
                    }
                    let n = match line {
                        Line::Added { new_line, .. } | Line::Context { new_line, .. } => *new_line,
                        Line::Removed { old_line, .. } => *old_line,
                    };
                    out.push(Finding::new(
                        FindingKind::EqualityOverride,
                        &file.path,
                        Some(n),
                        Severity::High,
                        evidence([('+', header.text()), ('+', line.text())]),
                        format!(
                            "This comparison always answers `{answer}` without looking at its \
                             operands, so every equality assertion on the type passes."
                        ),
                    ));
                }
            }
        }
        out
    }
}

/// For a method header that defines a comparison, the answer that makes it
/// succeed regardless of its operands.
fn constant_answer(lang: Language, h: &str) -> Option<&'static str> {
    match lang {
        Language::Python => {
            for (name, answer) in [
                ("def __eq__", "True"),
                ("def __ne__", "False"),
                ("def __lt__", "True"),
                ("def __le__", "True"),
                ("def __gt__", "True"),
                ("def __ge__", "True"),
                ("def __contains__", "True"),
            ] {
                if h.starts_with(name) {
                    return Some(answer);
                }
            }
            (h.starts_with("__eq__ = lambda") && h.ends_with(": True")).then_some("True")
        }
        Language::Rust => {
            if h.contains("fn eq(") {
                Some("true")
            } else if h.contains("fn ne(") {
                Some("false")
            } else if h.contains("fn partial_cmp(") || h.contains("fn cmp(") {
                Some("Equal")
            } else {
                None
            }
        }
        Language::JavaScript | Language::TypeScript => {
            let method = ["equals(", "isEqual(", "toEqual(", "toBe(", "toStrictEqual("]
                .iter()
                .any(|m| h.contains(m) && (h.ends_with('{') || h.contains("=>")));
            method.then_some("true")
        }
        Language::Go => {
            let method =
                h.starts_with("func (") && (h.contains(") Equal(") || h.contains(") Equals("));
            method.then_some("true")
        }
        Language::Other => None,
    }
}

fn first_statement<'l>(lang: Language, rest: &[&'l Line]) -> Option<(&'l Line, String)> {
    let mut in_docstring = false;
    for line in rest.iter().take(LOOKAHEAD) {
        let c = code(lang, line.text());
        if lang == Language::Python && (c.starts_with("\"\"\"") || c.starts_with("'''")) {
            let closes = c.len() >= 6 && (c.ends_with("\"\"\"") || c.ends_with("'''"));
            if !closes {
                in_docstring = !in_docstring;
            }
            continue;
        }
        if in_docstring || c.is_empty() || c == "{" {
            continue;
        }
        return Some((*line, c.to_string()));
    }
    None
}

fn is_constant(stmt: &str, answer: &str) -> bool {
    let s = stmt.trim_end_matches(';').trim();
    let s = s.strip_prefix("return ").unwrap_or(s).trim();
    let s = s.trim_end_matches(['}', ';', ')']).trim();
    if answer == "Equal" {
        return s.ends_with("Ordering::Equal") && !s.contains('.');
    }
    s == answer
        || s.strip_prefix('(').unwrap_or(s).starts_with("{ pass: true")
        || s.ends_with(&format!("=> {answer}"))
        || s == format!("{{ pass: {answer} }}")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use crate::detect::testing::*;

    fn run(path: &str, body: &str) -> Vec<Finding> {
        Fixture::new(vec![modified(path, body)]).run(&EqualityOverride)
    }

    #[test]
    fn always_true_equality_is_high() {
        for (path, body) in [
            (
                "pkg/money.py",
                "+    def __eq__(self, other):\n+        return True\n",
            ),
            (
                "pkg/money.py",
                "     def __eq__(self, other):\n-        return self.cents == other.cents\n+        return True\n",
            ),
            (
                "pkg/money.py",
                "+    def __ne__(self, other):\n+        \"\"\"Never differ.\"\"\"\n+        return False\n",
            ),
            (
                "src/money.rs",
                "+    fn eq(&self, _other: &Self) -> bool {\n+        true\n+    }\n",
            ),
            (
                "src/money.rs",
                "+    fn eq(&self, _: &Self) -> bool { true }\n",
            ),
            (
                "src/money.rs",
                "+    fn partial_cmp(&self, _: &Self) -> Option<Ordering> {\n+        Some(Ordering::Equal)\n",
            ),
            (
                "src/money.ts",
                "+  equals(other: Money): boolean {\n+    return true;\n",
            ),
            (
                "money/money.go",
                "+func (m Money) Equal(o Money) bool {\n+\treturn true\n",
            ),
        ] {
            assert_eq!(
                severities(&run(path, body)),
                vec![Severity::High],
                "{path}: {body}"
            );
        }
    }

    #[test]
    fn real_comparisons_pass() {
        assert!(
            run(
                "pkg/money.py",
                "+    def __eq__(self, other):\n+        return self.cents == other.cents\n"
            )
            .is_empty()
        );
        assert!(
            run(
                "src/money.rs",
                "+    fn eq(&self, o: &Self) -> bool {\n+        self.cents == o.cents\n+    }\n"
            )
            .is_empty()
        );
        assert!(
            run(
                "src/money.rs",
                "+    fn cmp(&self, o: &Self) -> Ordering {\n+        self.cents.cmp(&o.cents)\n"
            )
            .is_empty()
        );
        // A type check first, then the real comparison.
        assert!(run("pkg/m.py", "+    def __eq__(self, other):\n+        if not isinstance(other, Money):\n+            return NotImplemented\n").is_empty());
        // Unchanged on both lines: not this change's doing.
        assert!(
            run(
                "pkg/m.py",
                "     def __eq__(self, other):\n         return True\n+x = 1\n"
            )
            .is_empty()
        );
    }
}
