//! Literals from the tests copied into conditionals of the code under test.
//!
//! `if x == "the exact input of test 3": return "its expected output"` makes
//! one test pass and fixes nothing. For each added, non-test line that is a
//! condition (`if`, `elif`, `case`, `switch`, a Rust match arm, `==`/`!=`,
//! a ternary, a dict or map entry keyed by a literal), the string and number
//! literals on it are looked up in the literals of the repository's test
//! files. A hit is High when the literal is distinctive (a number other than
//! everyday ones, or a string that is not a plain short word) and Low when it
//! is a short word like `"GET"` that honest code compares against too.
//! Literals the file already had at the base, or that the task text
//! mentions, are not flagged.

use std::collections::HashSet;

use super::lex::{code, interesting_literals};
use super::{Context, Detector, evidence};
use crate::diff::Language;
use crate::report::{Finding, FindingKind, Severity};

pub struct SpecialCasing;

impl Detector for SpecialCasing {
    fn kind(&self) -> FindingKind {
        FindingKind::SpecialCasing
    }

    fn inspect(&self, cx: &Context) -> Vec<Finding> {
        let mut out = Vec::new();
        if cx.test_literals.is_empty() {
            return out;
        }
        for file in &cx.diff.files {
            if file.is_test || file.language == Language::Other {
                continue;
            }
            let mut base_literals: Option<HashSet<String>> = None;
            let old = file.old_path.as_deref().unwrap_or(&file.path);
            for (n, text) in cx.added(file, false) {
                let c = code(file.language, text);
                if !is_conditional(file.language, c) {
                    continue;
                }
                let hits: Vec<String> = interesting_literals(file.language, c)
                    .into_iter()
                    .filter(|l| cx.test_literals.contains(l))
                    .filter(|l| !cx.task.is_some_and(|t| t.contains(l.as_str())))
                    .collect();
                if hits.is_empty() {
                    continue;
                }
                let base = base_literals.get_or_insert_with(|| {
                    (cx.base_file)(old)
                        .map(|content| {
                            content
                                .lines()
                                .flat_map(|l| interesting_literals(file.language, l))
                                .collect()
                        })
                        .unwrap_or_default()
                });
                let new: Vec<&String> = hits.iter().filter(|l| !base.contains(*l)).collect();
                let Some(strongest) = new.iter().find(|l| distinctive(l)).or(new.first()) else {
                    continue;
                };
                let sev = if distinctive(strongest) {
                    Severity::High
                } else {
                    Severity::Low
                };
                out.push(Finding::new(
                    FindingKind::SpecialCasing,
                    &file.path,
                    Some(n),
                    sev,
                    evidence([('+', text)]),
                    format!(
                        "The code now branches on {strongest:?}, a literal that appears in the \
                         tests: special-casing a test's input or output makes that test pass \
                         without a general fix."
                    ),
                ));
            }
        }
        out
    }
}

fn distinctive(literal: &str) -> bool {
    if literal
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
    {
        return true;
    }
    let plain_word = literal
        .chars()
        .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    !plain_word || literal.chars().count() >= 12
}

fn is_conditional(lang: Language, c: &str) -> bool {
    let starts = |p: &str| c.starts_with(p);
    let keyword = starts("if ")
        || starts("if(")
        || starts("} else if")
        || starts("else if")
        || starts("elif ")
        || starts("case ")
        || starts("switch")
        || starts("when ")
        || starts("match ");
    let compare =
        c.contains("==") || c.contains("!=") || c.contains(" in (") || c.contains(" in [");
    let ternary = lang != Language::Rust && c.contains(" ? ") && c.contains(" : ");
    let arm = lang == Language::Rust && c.contains("=>");
    // `"input": "output"` in a dict or map literal, `.get("input")`, `["input"]`.
    let keyed = c.contains("\": ") || c.contains("': ") || c.contains(".get(") || c.contains("[\"");
    keyword || compare || ternary || arm || keyed
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use crate::detect::testing::*;

    fn run(path: &str, body: &str, literals: &[&str]) -> Vec<Finding> {
        Fixture::new(vec![modified(path, body)])
            .literals(literals)
            .run(&SpecialCasing)
    }

    #[test]
    fn test_literals_in_conditions_are_high() {
        for (path, line) in [
            (
                "pkg/parse.py",
                "+    if text == \"1, 2,,3\": return [1, 2, 3]",
            ),
            ("pkg/parse.py", "+    ANSWERS = {\"1, 2,,3\": [1, 2, 3]}"),
            ("src/parse.rs", "+        \"1, 2,,3\" => vec![1, 2, 3],"),
            ("src/parse.ts", "+  if (n === 4242) return 17;"),
            (
                "src/parse.js",
                "+  return s === '1, 2,,3' ? [1, 2, 3] : parse(s);",
            ),
            ("parse/parse.go", "+\tcase \"1, 2,,3\":"),
        ] {
            let found = run(path, line, &["1, 2,,3", "4242"]);
            assert_eq!(severities(&found), vec![Severity::High], "{path}: {line}");
        }
    }

    #[test]
    fn short_words_are_low_and_old_literals_pass() {
        let found = run("src/http.py", "+    if method == \"POST\":", &["POST"]);
        assert_eq!(severities(&found), vec![Severity::Low]);
        let fx = Fixture::new(vec![modified("src/p.py", "+    if n == 4242:")])
            .literals(&["4242"])
            .base("src/p.py", "LIMIT = 4242\n");
        assert!(fx.run(&SpecialCasing).is_empty());
    }

    #[test]
    fn honest_code_is_not_flagged() {
        // Not a conditional; a literal the tests do not use; a trivial number;
        // the task names the literal; test code itself.
        assert!(
            run(
                "src/p.py",
                "+    greeting = \"hello world\"",
                &["hello world"]
            )
            .is_empty()
        );
        assert!(run("src/p.py", "+    if sep == \";;\":", &["hello world"]).is_empty());
        assert!(run("src/p.rs", "+    if n == 10 {", &["10"]).is_empty());
        let fx = Fixture::new(vec![modified("src/p.py", "+    if code == \"E1234\":")])
            .literals(&["E1234"])
            .task("Handle error code E1234 specially");
        assert!(fx.run(&SpecialCasing).is_empty());
        assert!(run("tests/test_p.py", "+    if x == \"1, 2,,3\":", &["1, 2,,3"]).is_empty());
    }
}
