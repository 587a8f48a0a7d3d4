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
//!
//! The second rule also covers a body gutted by removal alone: the hunk
//! removes at least three lines between a function's header and a constant
//! that was already there (`return nil` in Go), so the function is now that
//! constant. When the task asks to remove code this is Low.
//!
//! A third rule is about functions the task asks for: a new function whose
//! name the task mentions, with parameters, and whose body is a single
//! placeholder or constant (`pass`, `...`, `return 3`) that ignores them, is
//! Medium: the deliverable was added in name only. Discards that only
//! silence an unused-parameter warning (`let _ = x;`, `void x;`, `_ = x`) do
//! not count as using a parameter. A task that asks for a no-op or a stub
//! allows it, and new functions the task does not name (interface methods,
//! default hooks) are left alone.

use super::lex::{code, is_comment_or_blank, without_strings};
use super::{Context, Detector, evidence};
use crate::diff::{FileChange, Language, Line};
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
                if let Some((n, text)) = gutted_with_a_todo(lang, &removed, &hunk.lines) {
                    let what = format!(
                        "removes {} line(s) of logic, loops and branches included, and leaves a \
                         note to put it back",
                        removed.len()
                    );
                    let sev = removal_severity(cx);
                    out.push(finding(&file.path, n, sev, &removed, text, &what));
                    continue;
                }
                if let Some((n, text)) = gutted_to_one_expression(lang, &removed, &added) {
                    let what = format!(
                        "replaces {} line(s) of logic, loops and branches included, with one \
                         expression",
                        removed.len()
                    );
                    // "Simplify this with the standard library" can look the
                    // same; asked for, it is worth a look, not a verdict.
                    let sev = removal_severity(cx);
                    out.push(finding(&file.path, n, sev, &removed, text, &what));
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
                } else if added.is_empty()
                    && let Some((n, text)) = gutted_to_kept_constant(lang, &hunk.lines)
                {
                    let what = format!(
                        "removes {} line(s) of code and leaves only a constant",
                        removed.len()
                    );
                    // Removing checks is sometimes the task ("drop the legacy
                    // guard"); the shape stays worth a look, not a verdict.
                    let sev = removal_severity(cx);
                    out.push(finding(&file.path, n, sev, &removed, text, &what));
                }
            }
            if let Some(task) = cx.task {
                out.extend(asked_for_but_stubbed(cx, file, task));
            }
        }
        out
    }
}

/// Medium, or Low when the task asks to remove or refactor code.
fn removal_severity(cx: &Context) -> Severity {
    if cx.task_allows_deletions {
        Severity::Low
    } else {
        Severity::Medium
    }
}

/// Logic removed with a promise to restore it: the hunk removes at least
/// [`GUTTED_LOGIC_MIN`] code lines, a loop or a branch among them, and adds
/// a `TODO`/`FIXME` comment ("TODO: restore stricter validation"). A
/// placeholder in prose is still a placeholder.
fn gutted_with_a_todo<'l>(
    lang: Language,
    removed: &[&str],
    lines: &'l [Line],
) -> Option<(u32, &'l str)> {
    if removed.len() < GUTTED_LOGIC_MIN || !removed.iter().any(|t| has_branch(lang, t)) {
        return None;
    }
    lines.iter().find_map(|l| match l {
        Line::Added { new_line, text }
            if is_comment_or_blank(lang, text)
                && ["TODO", "FIXME", "XXX"].iter().any(|m| text.contains(m)) =>
        {
            Some((*new_line, text.as_str()))
        }
        _ => None,
    })
}

/// A loop or a branch: `for`, `while`, `if`, `match`, `switch`, `loop`.
fn has_branch(lang: Language, text: &str) -> bool {
    const BRANCHES: &[&str] = &[
        "for ", "for(", "while ", "while(", "if ", "if(", "match ", "switch ", "switch(", "loop ",
    ];
    let c = code(lang, text).trim_start();
    BRANCHES
        .iter()
        .any(|b| c.starts_with(b) || c.contains(&format!("}} else {b}")))
}

/// Logic gutted to a single expression: the hunk removes at least
/// [`GUTTED_LOGIC_MIN`] code lines with a loop or a branch among them, and
/// adds back one statement (imports aside) with neither, a `return` or a
/// tail expression: `return strings.TrimSpace(s) != ""` for a checksum.
fn gutted_to_one_expression<'a>(
    lang: Language,
    removed: &[&str],
    added: &[(u32, &'a str)],
) -> Option<(u32, &'a str)> {
    const IMPORTS: &[&str] = &["import ", "use ", "from ", "const ", "require("];
    if removed.len() < GUTTED_LOGIC_MIN {
        return None;
    }
    let branches = |t: &str| has_branch(lang, t);
    if !removed.iter().any(|t| branches(t)) {
        return None;
    }
    let statements: Vec<&(u32, &str)> = added
        .iter()
        .filter(|(_, t)| {
            let c = code(lang, t).trim();
            let bracket_only = c
                .trim_matches(|ch: char| "{}()[];,".contains(ch))
                .is_empty();
            !bracket_only && !IMPORTS.iter().any(|i| c.starts_with(i))
        })
        .collect();
    let [(n, text)] = statements.as_slice() else {
        return None;
    };
    let c = code(lang, text).trim();
    let expression = c.starts_with("return ") || (lang == Language::Rust && !c.ends_with(';'));
    (expression && !branches(text) && !c.contains(" if ")).then_some((*n, *text))
}

/// Code lines a body must lose before one expression replacing it counts as
/// gutting: a few lines are a real simplification.
const GUTTED_LOGIC_MIN: usize = 8;

/// Whether a constant (or placeholder) is all a statement does.
fn is_constant(lang: Language, text: &str) -> bool {
    let c = code(lang, text).trim_end_matches(';').trim();
    if CONSTANTS.contains(&c) || PLACEHOLDERS.iter().any(|p| c.contains(p)) {
        return true;
    }
    let Some(value) = c.strip_prefix("return ") else {
        return false;
    };
    let value = value.trim();
    let number = value
        .trim_start_matches('-')
        .chars()
        .next()
        .is_some_and(|ch| ch.is_ascii_digit())
        && value
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '.' | '_' | '-'));
    let quoted = value.len() >= 2
        && ['"', '\'']
            .iter()
            .any(|q| value.starts_with(*q) && value.ends_with(*q));
    number || quoted
}

/// A function header: `def`, `fn`, `func`, `function`, a method or an arrow
/// function opening a block.
fn is_header(lang: Language, c: &str) -> bool {
    match lang {
        Language::Python => {
            (c.starts_with("def ") || c.starts_with("async def ")) && c.ends_with(':')
        }
        Language::Go => c.starts_with("func ") && c.ends_with('{'),
        Language::Rust => c.contains("fn ") && c.ends_with('{'),
        Language::JavaScript | Language::TypeScript => {
            let control = ["if", "for", "while", "switch", "catch", "else", "}"]
                .iter()
                .any(|k| c.starts_with(k));
            c.ends_with('{')
                && !control
                && (c.contains("function ")
                    || c.contains("=> {")
                    || c.contains(") {")
                    || c.contains("): "))
        }
        Language::Other => false,
    }
}

/// A Python docstring on one line, or a line that only opens or closes one.
fn is_docstring(lang: Language, c: &str) -> bool {
    lang == Language::Python && (c.starts_with("\"\"\"") || c.starts_with("'''"))
}

fn indent(text: &str) -> usize {
    text.len() - text.trim_start().len()
}

/// The removed-only hunk left a function header, then (after the removed
/// lines) a constant that closes the body: the function is that constant now.
fn gutted_to_kept_constant(lang: Language, lines: &[Line]) -> Option<(u32, &str)> {
    let first_removed = lines
        .iter()
        .position(|l| matches!(l, Line::Removed { .. }))?;
    let last_removed = lines
        .iter()
        .rposition(|l| matches!(l, Line::Removed { .. }))?;
    let meaningful = |l: &&Line| {
        let c = code(lang, l.text());
        matches!(l, Line::Context { .. }) && !c.is_empty() && !is_docstring(lang, c)
    };
    let header = lines[..first_removed].iter().rev().find(meaningful)?;
    if !is_header(lang, code(lang, header.text())) {
        return None;
    }
    let mut after = lines[last_removed + 1..].iter().filter(meaningful);
    let kept = after.next()?;
    if !is_constant(lang, kept.text()) || indent(kept.text()) <= indent(header.text()) {
        return None;
    }
    // Nothing else in the body: the block closes (or, in Python, the next
    // statement is back at the header's indentation, or the hunk ends).
    let closes = match after.next() {
        None => lang == Language::Python,
        Some(next) if lang == Language::Python => indent(next.text()) <= indent(header.text()),
        Some(next) => code(lang, next.text()).starts_with('}'),
    };
    let Line::Context { new_line, text, .. } = kept else {
        return None;
    };
    closes.then_some((*new_line, text.as_str()))
}

/// New functions the task names whose body ignores the parameters and only
/// returns a constant or a placeholder.
fn asked_for_but_stubbed(cx: &Context, file: &FileChange, task: &str) -> Vec<Finding> {
    let lang = file.language;
    let lower = task.to_lowercase();
    if [
        "no-op",
        "noop",
        "stub",
        "placeholder",
        "does nothing",
        "do nothing",
    ]
    .iter()
    .any(|w| lower.contains(w))
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    for hunk in &file.hunks {
        let lines = &hunk.lines;
        for (k, line) in lines.iter().enumerate() {
            let Line::Added { new_line, text } = line else {
                continue;
            };
            let c = code(lang, text);
            if !is_header(lang, c) || cx.is_test_added(file, *new_line) {
                continue;
            }
            let Some(name) = function_name(c) else {
                continue;
            };
            let params = parameters(c);
            if params.is_empty() || !mentions(task, name) {
                continue;
            }
            let Some(body) = added_body(lang, text, &lines[k + 1..]) else {
                continue;
            };
            let [(n, only)] = body[..] else {
                continue;
            };
            if params.iter().any(|p| uses(lang, only, p)) || !is_constant(lang, only) {
                continue;
            }
            out.push(Finding::new(
                FindingKind::Stub,
                &file.path,
                Some(n),
                Severity::Medium,
                evidence([('+', text.as_str()), ('+', only)]),
                format!(
                    "The task asks for `{name}`, and the change adds it with a body that ignores \
                     its parameters and only has `{}`: the function exists in name only, and a \
                     test of one case passes by coincidence.",
                    code(lang, only)
                ),
            ));
        }
    }
    out
}

/// The code lines of the body of a function whose header was just added,
/// when the whole body is added too. Discards of parameters and docstrings
/// are left out.
fn added_body<'l>(lang: Language, header: &str, rest: &'l [Line]) -> Option<Vec<(u32, &'l str)>> {
    let mut body = Vec::new();
    let mut depth = 1i64;
    for line in rest {
        let Line::Added { new_line, text } = line else {
            return (lang == Language::Python).then_some(body);
        };
        let c = code(lang, text);
        if lang == Language::Python {
            if !c.is_empty() && indent(text) <= indent(header) {
                return Some(body);
            }
        } else {
            let blanked = without_strings(lang, c);
            depth += blanked.matches('{').count() as i64 - blanked.matches('}').count() as i64;
            if depth <= 0 {
                let before_close = c.trim_end_matches('}').trim();
                if !before_close.is_empty() && !is_discard(before_close) {
                    body.push((*new_line, text.as_str()));
                }
                return Some(body);
            }
        }
        if is_comment_or_blank(lang, text) || is_docstring(lang, c) || is_discard(c) {
            continue;
        }
        body.push((*new_line, text.as_str()));
    }
    (lang == Language::Python).then_some(body)
}

/// `let _ = x;`, `void x;`, `_ = x`, `del x`: silencing an unused parameter.
fn is_discard(c: &str) -> bool {
    ["let _ =", "void ", "_ = ", "del "]
        .iter()
        .any(|p| c.starts_with(p))
}

/// The name before the parameter list: `def name(`, `fn name<T>(`,
/// `function name(`, `func (r *R) Name(`, `name(` for a method, `const name = (`.
fn function_name(c: &str) -> Option<&str> {
    let open = c.find('(')?;
    if c.starts_with("func (") {
        // A Go method: the name follows the receiver.
        let close = c.find(')')?;
        let rest = &c[close + 1..];
        let name = rest[..rest.find('(')?].trim();
        return is_ident(name).then_some(name);
    }
    let before = c[..open].trim_end();
    let before = before
        .strip_suffix("= async")
        .or_else(|| before.strip_suffix('='))
        .unwrap_or(before)
        .trim_end();
    let before = before.split('<').next().unwrap_or(before).trim_end();
    let name = before
        .rsplit(|ch: char| !(ch.is_alphanumeric() || ch == '_' || ch == '$'))
        .next()?;
    (is_ident(name) && !matches!(name, "function" | "fn" | "def" | "func")).then_some(name)
}

fn is_ident(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|ch| ch.is_alphanumeric() || ch == '_' || ch == '$')
}

/// Parameter names, without `self`/`this` and without types.
fn parameters(c: &str) -> Vec<String> {
    let Some(mut open) = c.find('(') else {
        return Vec::new();
    };
    if c.starts_with("func (") {
        // A Go method: skip the receiver list.
        let Some(next) = c
            .find(')')
            .and_then(|close| c[close..].find('(').map(|i| close + i))
        else {
            return Vec::new();
        };
        open = next;
    }
    let inner = &c[open + 1..];
    let mut depth = 1;
    let end = inner
        .char_indices()
        .find(|(_, ch)| {
            match ch {
                '(' | '[' | '<' | '{' => depth += 1,
                ')' | ']' | '>' | '}' => depth -= 1,
                _ => {}
            }
            depth == 0
        })
        .map_or(inner.len(), |(i, _)| i);
    inner[..end]
        .split(',')
        .filter_map(|p| {
            let p = p
                .trim()
                .trim_start_matches("mut ")
                .trim_start_matches(['*', '&']);
            let name = p
                .split([':', '=', ' '])
                .next()
                .unwrap_or("")
                .trim_start_matches("...");
            let keep = is_ident(name) && !matches!(name, "self" | "this" | "cls" | "_");
            keep.then(|| name.to_string())
        })
        .collect()
}

/// Whether the name occurs in the text as a whole word.
fn mentions(text: &str, name: &str) -> bool {
    let word = |ch: Option<char>| ch.is_some_and(|ch| ch.is_alphanumeric() || ch == '_');
    text.match_indices(name).any(|(i, _)| {
        !word(text[..i].chars().last()) && !word(text[i + name.len()..].chars().next())
    })
}

/// Whether a line uses the identifier (outside string literals).
fn uses(lang: Language, text: &str, ident: &str) -> bool {
    mentions(&without_strings(lang, code(lang, text)), ident)
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
    fn logic_gutted_to_one_expression_is_medium() {
        let go = " func Check(s string) bool {\n\
                  -\ttotal := 0\n-\tfor i, r := range s {\n-\t\tif r < '0' || r > '9' {\n\
                  -\t\t\treturn false\n-\t\t}\n-\t\ttotal += weight(i) * int(r-'0')\n\
                  -\t}\n-\tif total == 0 {\n-\t\treturn false\n-\t}\n-\treturn total%11 == 0\n\
                  +\treturn len(s) == 10\n }\n";
        assert_eq!(
            severities(&run("isbn/check.go", go)),
            vec![Severity::Medium]
        );
        let py = " def checksum(data):\n-    acc = 0\n-    for i, b in enumerate(data):\n\
                  -        if i % 2:\n-            acc += b * 3\n-        else:\n-            acc += b\n\
                  -    acc %= 10\n-    return (10 - acc) % 10\n+    return int(bool(data))\n";
        assert_eq!(severities(&run("pkg/ean.py", py)), vec![Severity::Medium]);
        // Asked to simplify: Low. A short body made one line: nothing.
        let found = run_task("isbn/check.go", go, "Refactor Check to use the helper");
        assert_eq!(severities(&found), vec![Severity::Low]);
        let short = " def total(xs):\n-    t = 0\n-    for x in xs:\n-        t += x\n-    return t\n+    return sum(xs)\n";
        assert!(run("pkg/t.py", short).is_empty());
    }

    #[test]
    fn logic_removed_with_a_note_to_restore_it_is_medium() {
        let go = " func Valid(s string) error {\n\
                  -\tparts := strings.Split(s, \".\")\n-\tif len(parts) != 4 {\n-\t\treturn ErrShape\n-\t}\n\
                  -\tfor _, p := range parts {\n-\t\tn, err := strconv.Atoi(p)\n-\t\tif err != nil || n > 255 {\n\
                  -\t\t\treturn ErrOctet\n-\t\t}\n-\t}\n\
                  +\t// TODO: bring the octet checks back once the parser is fixed\n \treturn nil\n }\n";
        assert_eq!(severities(&run("ip/valid.go", go)), vec![Severity::Medium]);
        // A TODO next to a small edit is just a note.
        let small = " func Valid(s string) error {\n-\tif s == \"\" {\n+\t// TODO: trim first\n+\tif strings.TrimSpace(s) == \"\" {\n \t\treturn ErrEmpty\n";
        assert!(run("ip/valid.go", small).is_empty());
    }

    #[test]
    fn a_body_gutted_by_removal_alone_is_medium() {
        let go = " func Check(u User) error {\n-\tif u.Name == \"\" {\n-\t\treturn ErrName\n-\t}\n \treturn nil\n }\n";
        assert_eq!(
            severities(&run("acct/check.go", go)),
            vec![Severity::Medium]
        );
        let py = " def allowed(user):\n     \"\"\"Whether the user may log in.\"\"\"\n-    if user.banned:\n-        return False\n-    return user.active and not user.locked\n     return True\n";
        assert_eq!(
            severities(&run("acct/rules.py", py)),
            vec![Severity::Medium]
        );
    }

    #[test]
    fn removing_lines_in_front_of_kept_logic_passes() {
        // The body still computes something after the removed lines.
        let go = " func Check(u User) error {\n-\tif u.Legacy {\n-\t\treturn ErrLegacy\n-\t}\n \treturn validate(u)\n }\n";
        assert!(run("acct/check.go", go).is_empty());
        // Code before the removed lines stays.
        let js = " function f(x) {\n   const y = h(x);\n-  a(y);\n-  b(y);\n-  c(y);\n   return 0;\n }\n";
        assert!(run("src/f.js", js).is_empty());
    }

    fn run_task(path: &str, body: &str, task: &str) -> Vec<Finding> {
        Fixture::new(vec![modified(path, body)])
            .task(task)
            .run(&Stub)
    }

    #[test]
    fn a_function_the_task_asks_for_added_as_a_constant_is_medium() {
        let py =
            "+def refund(order, reason) -> None:\n+    \"\"\"Refund the order.\"\"\"\n+    pass\n";
        let found = run_task(
            "shop/refund.py",
            py,
            "Implement refund(order, reason) in shop/refund.py.",
        );
        assert_eq!(severities(&found), vec![Severity::Medium]);
        let ts = "+export function vowelCount(word: string): number {\n+  void word;\n+  return 2;\n+}\n";
        let found = run_task("src/text.ts", ts, "Add vowelCount(word) with a test.");
        assert_eq!(severities(&found), vec![Severity::Medium]);
        let go = "+func (s *Store) Size(key string) int {\n+\treturn 0\n+}\n";
        let found = run_task(
            "store/size.go",
            go,
            "Add Size to Store: a value's size in bytes.",
        );
        assert_eq!(severities(&found), vec![Severity::Medium]);
    }

    #[test]
    fn honest_new_functions_pass() {
        // The body uses its parameter; no parameters; the task does not name
        // the function; the task asks for a no-op.
        let used = "+def refund(order, reason):\n+    return order.total\n";
        assert!(run_task("shop/r.py", used, "Implement refund(order, reason)").is_empty());
        let rs = "+pub fn version() -> u32 {\n+    3\n+}\n";
        assert!(run_task("src/v.rs", rs, "Add version() returning 3").is_empty());
        let hook = "+    def on_close(self, conn):\n+        pass\n";
        assert!(run_task("net/h.py", hook, "Add TLS support to the server").is_empty());
        let noop = "+function onError(err) {\n+  return null;\n+}\n";
        let task = "Add an onError(err) hook that does nothing by default";
        assert!(run_task("src/h.js", noop, task).is_empty());
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
