//! Stubs: logic replaced by a placeholder or a constant.
//!
//! Two signals in code under test. A placeholder added (`todo!()`,
//! `unimplemented!()`, `panic!("not implemented")`, `raise
//! NotImplementedError`, `throw new Error("not implemented")`) is Medium, High
//! when the same hunk removed real lines (logic replaced by a placeholder).
//! A hunk that removes at least three lines of code and adds back at most two,
//! one of them a constant (`return True`, `pass`, `...`, `true`, `Ok(())`,
//! `return nil`, …), is Medium: a body gutted to a constant. New functions
//! with a placeholder body and no removed lines (an abstract method, a
//! `Protocol` stub) are not flagged by the second rule.

use super::lex::{code, is_comment_or_blank};
use super::{Context, Detector, evidence};
use crate::diff::{Language, Line};
use crate::report::{Finding, FindingKind, Severity};

pub struct Stub;

/// Removed code lines from which a constant replacement counts as gutting.
const GUTTED_MIN: usize = 3;

const PLACEHOLDERS: &[&str] = &[
    "todo!(",
    "unimplemented!(",
    "panic!(\"not implemented",
    "panic!(\"TODO",
    "raise NotImplementedError",
    "throw new Error(\"not implemented",
    "throw new Error('not implemented",
    "throw new Error(\"TODO",
    "panic(\"not implemented",
];

const CONSTANTS: &[&str] = &[
    "return True",
    "return False",
    "return None",
    "return 0",
    "return \"\"",
    "return ''",
    "return []",
    "return {}",
    "pass",
    "...",
    "return true",
    "return false",
    "return null",
    "return undefined",
    "return nil",
    "return 0, nil",
    "return nil, nil",
    "return \"\", nil",
    "true",
    "false",
    "None",
    "Ok(())",
    "Ok(true)",
    "Ok(false)",
    "Vec::new()",
    "vec![]",
    "Default::default()",
    "String::new()",
    "0",
    "return;",
    "return",
];

impl Detector for Stub {
    fn kind(&self) -> FindingKind {
        FindingKind::Stub
    }

    fn inspect(&self, cx: &Context) -> Vec<Finding> {
        let mut out = Vec::new();
        for file in &cx.diff.files {
            let lang = file.language;
            if file.is_test || lang == Language::Other {
                continue;
            }
            for hunk in &file.hunks {
                let mut removed = Vec::new();
                let mut added = Vec::new();
                for line in &hunk.lines {
                    match line {
                        Line::Removed { old_line, text }
                            if !is_comment_or_blank(lang, text)
                                && !cx.is_test_removed(file, *old_line) =>
                        {
                            removed.push(text.as_str());
                        }
                        Line::Added { new_line, text }
                            if !is_comment_or_blank(lang, text)
                                && !cx.is_test_added(file, *new_line) =>
                        {
                            added.push((*new_line, text.as_str()));
                        }
                        _ => {}
                    }
                }
                let replaced = removed.len() >= GUTTED_MIN;
                let placeholder = added.iter().find(|(_, t)| {
                    let c = code(lang, t);
                    PLACEHOLDERS.iter().any(|p| c.contains(p))
                });
                if let Some((n, text)) = placeholder {
                    let sev = if replaced {
                        Severity::High
                    } else {
                        Severity::Medium
                    };
                    let what = if replaced {
                        format!(
                            "replaces {} line(s) of code with a placeholder",
                            removed.len()
                        )
                    } else {
                        "adds a placeholder".to_string()
                    };
                    out.push(finding(&file.path, *n, sev, &removed, text, &what));
                    continue;
                }
                if !replaced || added.len() > 2 {
                    continue;
                }
                let constant = added.iter().find(|(_, t)| {
                    let c = code(lang, t).trim_end_matches(';').trim();
                    CONSTANTS.contains(&c) || CONSTANTS.contains(&code(lang, t))
                });
                if let Some((n, text)) = constant {
                    let what =
                        format!("replaces {} line(s) of code with a constant", removed.len());
                    out.push(finding(
                        &file.path,
                        *n,
                        Severity::Medium,
                        &removed,
                        text,
                        &what,
                    ));
                }
            }
        }
        out
    }
}

fn finding(
    path: &str,
    n: u32,
    sev: Severity,
    removed: &[&str],
    added: &str,
    what: &str,
) -> Finding {
    let lines = removed
        .iter()
        .take(4)
        .map(|t| ('-', *t))
        .chain([('+', added)]);
    Finding::new(
        FindingKind::Stub,
        path,
        Some(n),
        sev,
        evidence(lines),
        format!(
            "The change {what}. A stub satisfies a test that only checks the easy case while \
             the real behaviour is gone."
        ),
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use crate::detect::testing::*;

    fn run(path: &str, body: &str) -> Vec<Finding> {
        Fixture::new(vec![modified(path, body)]).run(&Stub)
    }

    const PY_GUTTED: &str = " def is_valid(s):\n-    if not s:\n-        return False\n-    parts = s.split('.')\n-    return all(p.isdigit() for p in parts)\n+    return True\n";

    #[test]
    fn gutted_bodies_in_each_language() {
        assert_eq!(
            severities(&run("pkg/v.py", PY_GUTTED)),
            vec![Severity::Medium]
        );
        let rust = " fn parse(s: &str) -> Result<u32, E> {\n-    let n = s.trim();\n-    let v = n.parse()?;\n-    check(v)?;\n-    Ok(v)\n+    todo!()\n";
        assert_eq!(severities(&run("src/p.rs", rust)), vec![Severity::High]);
        let js = " function valid(s) {\n-  if (!s) return false;\n-  const p = s.split('.');\n-  return p.every(isDigits);\n+  return true;\n";
        assert_eq!(severities(&run("src/v.js", js)), vec![Severity::Medium]);
        let go = " func Parse(s string) (int, error) {\n-\tn, err := strconv.Atoi(s)\n-\tif err != nil {\n-\t\treturn 0, err\n-\t}\n+\treturn 0, nil\n";
        assert_eq!(severities(&run("p/p.go", go)), vec![Severity::Medium]);
        let ts = "+  throw new Error(\"not implemented\");\n";
        assert_eq!(severities(&run("src/v.ts", ts)), vec![Severity::Medium]);
    }

    #[test]
    fn honest_changes_pass() {
        // A new abstract method, a new early return added above kept logic,
        // test code, a comment.
        assert!(run("pkg/base.py", "+    def area(self):\n+        ...\n").is_empty());
        let early =
            " def f(x):\n+    if x is None:\n+        return None\n     y = g(x)\n     return y\n";
        assert!(run("pkg/f.py", early).is_empty());
        assert!(run("tests/test_v.py", PY_GUTTED).is_empty());
        assert!(run("src/p.rs", "+    // todo!() later\n").is_empty());
        // A rewrite that keeps real logic.
        let rewrite = "-    a = 1\n-    b = 2\n-    return a + b\n+    return sum([1, 2])\n";
        assert!(run("pkg/f.py", rewrite).is_empty());
    }
}
