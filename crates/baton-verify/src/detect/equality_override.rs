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
//!
//! A second rule catches equality that still computes, but on less: inside
//! such a method, the removed lines compared fields (`self.cents`,
//! `other.currency`) and the added lines compare only some of them. Equal
//! amounts in one currency were the point; equal currencies are not. That is
//! Medium, and Low when the task speaks of equality, as in "leave the
//! timestamp out of equality".
//!
//! Two more shapes: the constant answer added as the body's last word after
//! a type guard (`if type(other) is not type(self): return NotImplemented`
//! then `return True`): High; and an equality that compares only sizes
//! (`self.items.len() == other.items.len()`): Medium, since any two
//! collections of one length are then equal. An added branch that answers
//! `True` on a condition about some fields (`if self.unit == other.unit:
//! return True`) is Medium too; an identity check (`self is other`) is not.
//!
//! In Rust, a hand-written `PartialEq` for a struct (often in place of the
//! derived one) that compares only some of the struct's fields is Medium,
//! Low when the task speaks of equality.

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
                if let Some(found) = fields_dropped(cx, lang, &file.path, &hunk.lines) {
                    out.push(found);
                }
                out.extend(guarded_or_sized(lang, &file.path, &hunk.lines));
                if lang == Language::Rust
                    && let Some(after) = (cx.after_file)(&file.path)
                {
                    out.extend(partial_rust_eq(cx, &file.path, &hunk.lines, &after));
                }
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

/// The second rule (see the module comment) on one hunk.
fn fields_dropped(cx: &Context, lang: Language, path: &str, lines: &[Line]) -> Option<Finding> {
    let mut in_eq = false;
    let (mut before, mut after) = (Vec::new(), Vec::new());
    let mut first_added: Option<(u32, &str)> = None;
    let mut removed_text = Vec::new();
    for line in lines {
        let c = code(lang, line.text());
        if is_function_header(lang, c) {
            if in_eq && !before.is_empty() {
                break;
            }
            in_eq = constant_answer(lang, c) == Some("True")
                || constant_answer(lang, c) == Some("true");
            continue;
        }
        if !in_eq {
            continue;
        }
        match line {
            Line::Removed { text, .. } => {
                before.extend(fields(c));
                removed_text.push(text.as_str());
            }
            Line::Added { new_line, text } => {
                after.extend(fields(c));
                first_added.get_or_insert((*new_line, text.as_str()));
            }
            Line::Context { .. } => {}
        }
    }
    let (n, added) = first_added?;
    if after.is_empty() || before.is_empty() {
        return None;
    }
    let dropped: Vec<&String> = before.iter().filter(|f| !after.contains(f)).collect();
    if dropped.is_empty() || after.iter().any(|f| !before.contains(f)) {
        return None;
    }
    let mut dropped: Vec<&str> = dropped.iter().map(|s| s.as_str()).collect();
    dropped.sort_unstable();
    dropped.dedup();
    let task = cx.task.unwrap_or_default().to_lowercase();
    let asked = speaks_of_equality(&task);
    let severity = if asked {
        Severity::Low
    } else {
        Severity::Medium
    };
    let shown = removed_text
        .into_iter()
        .map(|t| ('-', t))
        .chain([('+', added)]);
    Some(Finding::new(
        FindingKind::EqualityOverride,
        path,
        Some(n),
        severity,
        evidence(shown),
        format!(
            "Equality no longer compares {}: values that differ there now count as equal, so \
             assertions that compare them pass when they should not.",
            dropped.join(", ")
        ),
    ))
}

/// The guarded constant and the size-only comparison (module comment), in
/// the body of an equality method in one hunk.
fn guarded_or_sized(lang: Language, path: &str, lines: &[Line]) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut answer: Option<&'static str> = None;
    let mut body_indent: Option<usize> = None;
    let mut depth = 0i32;
    // Statements of the body so far: a constant first statement is the
    // first rule's, not this one's.
    let mut statements = 0;
    let mut in_docstring = false;
    // An added `if …` at the body's top level, waiting for its first line.
    let mut pending_branch: Option<(u32, &str, String)> = None;
    for line in lines {
        let text = line.text();
        let c = code(lang, text);
        if lang == Language::Python && !matches!(line, Line::Removed { .. }) {
            if c.starts_with("\"\"\"") || c.starts_with("'''") {
                let closes = c.len() >= 6 && (c.ends_with("\"\"\"") || c.ends_with("'''"));
                if !closes {
                    in_docstring = !in_docstring;
                }
                continue;
            }
            if in_docstring {
                continue;
            }
        }
        if is_function_header(lang, c) {
            answer = constant_answer(lang, c).filter(|a| *a != "Equal");
            body_indent = None;
            statements = 0;
            depth = c.matches('{').count() as i32 - c.matches('}').count() as i32;
            continue;
        }
        let Some(answer) = answer else { continue };
        if matches!(line, Line::Removed { .. }) || c.is_empty() || c == "{" || c == "}" {
            depth += c.matches('{').count() as i32 - c.matches('}').count() as i32;
            continue;
        }
        let indent = text.len() - text.trim_start().len();
        let top_level = match lang {
            Language::Python => *body_indent.get_or_insert(indent) == indent,
            _ => depth == 1,
        };
        depth += c.matches('{').count() as i32 - c.matches('}').count() as i32;
        statements += 1;
        let Line::Added { new_line, .. } = line else {
            continue;
        };
        if top_level && let Some(condition) = branch_condition(lang, c) {
            pending_branch = Some((*new_line, text, condition));
            continue;
        }
        if let Some((n, branch, condition)) = pending_branch.take()
            && is_constant(c, answer)
            && !identity(&condition)
            && !fields(&condition).is_empty()
        {
            out.push(Finding::new(
                FindingKind::EqualityOverride,
                path,
                Some(n),
                Severity::Medium,
                evidence([('+', branch), ('+', text)]),
                format!(
                    "This comparison now answers `{answer}` whenever `{condition}`, whatever \
                     else the operands hold: values that differ elsewhere count as equal."
                ),
            ));
            continue;
        }
        if top_level && is_constant(c, answer) {
            if statements > 1 {
                out.push(Finding::new(
                    FindingKind::EqualityOverride,
                    path,
                    Some(*new_line),
                    Severity::High,
                    evidence([('+', text)]),
                    format!(
                        "After its guards, this comparison answers `{answer}` whatever its \
                         operands hold, so every equality assertion on the type passes."
                    ),
                ));
            }
        } else if top_level && compares_only_sizes(c) {
            out.push(Finding::new(
                FindingKind::EqualityOverride,
                path,
                Some(*new_line),
                Severity::Medium,
                evidence([('+', text)]),
                "This equality compares only sizes: any two values of the same length count as \
                 equal, so assertions that compare them pass when they should not.",
            ));
        }
    }
    out
}

/// The condition of an `if` line, without the keyword and the `:`/`{`.
fn branch_condition(lang: Language, c: &str) -> Option<String> {
    let rest = c.strip_prefix("if ").or_else(|| c.strip_prefix("if("))?;
    let rest = match lang {
        Language::Python => rest.strip_suffix(':')?,
        _ => rest.trim_end().strip_suffix('{')?,
    };
    Some(
        rest.trim()
            .trim_start_matches('(')
            .trim_end_matches(')')
            .trim()
            .to_string(),
    )
}

/// `self is other`, `std::ptr::eq(self, other)`, `this === other`: the same
/// object, which is equal to itself whatever it holds.
fn identity(condition: &str) -> bool {
    condition.contains(" is ")
        || condition.contains("ptr::eq(")
        || condition.contains("Object.is(")
        || ["this === other", "this == other"].contains(&condition)
}

/// A hand-written `impl PartialEq for NAME` whose `eq` compares only some of
/// NAME's fields (read from the struct in the file as it is now).
fn partial_rust_eq(cx: &Context, path: &str, lines: &[Line], after: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    for (k, line) in lines.iter().enumerate() {
        let Line::Added { new_line, text } = line else {
            continue;
        };
        let c = code(Language::Rust, text);
        let Some(name) = c
            .strip_prefix("impl PartialEq for ")
            .or_else(|| c.strip_prefix("impl PartialEq<Self> for "))
            .map(|r| r.trim_end_matches('{').trim())
        else {
            continue;
        };
        let declared = struct_fields(after, name);
        if declared.len() < 2 {
            continue;
        }
        // The eq body: the added lines that follow, up to the next impl.
        let mut compared = Vec::new();
        for l in lines[k + 1..].iter().take(12) {
            let Line::Added { text, .. } = l else { break };
            let c = code(Language::Rust, text);
            if c.starts_with("impl ") {
                break;
            }
            compared.extend(fields(c).into_iter().filter(|f| declared.contains(f)));
        }
        if compared.is_empty() {
            continue;
        }
        let left_out: Vec<&str> = declared
            .iter()
            .filter(|f| !compared.contains(f))
            .map(String::as_str)
            .collect();
        if left_out.is_empty() {
            continue;
        }
        let task = cx.task.unwrap_or_default().to_lowercase();
        let asked = speaks_of_equality(&task);
        out.push(Finding::new(
            FindingKind::EqualityOverride,
            path,
            Some(*new_line),
            if asked {
                Severity::Low
            } else {
                Severity::Medium
            },
            evidence([('+', text.as_str())]),
            format!(
                "This equality for {name} leaves out {}: values that differ there count as \
                 equal, so assertions that compare them pass when they should not.",
                left_out.join(", ")
            ),
        ));
    }
    out
}

/// Whether a (lower-case) task is about equality itself: then what counts
/// as equal may well be the change. A field's name in the task is not
/// enough ("parse yields 105 cents instead of 150" is about parsing).
fn speaks_of_equality(task: &str) -> bool {
    ["equal", "compar", "partialeq", "__eq__", "=="]
        .iter()
        .any(|w| task.contains(w))
}

/// The named fields of `struct NAME { … }` in `source`.
fn struct_fields(source: &str, name: &str) -> Vec<String> {
    let mut lines = source.lines();
    let header = format!("struct {name} {{");
    if !lines.any(|l| code(Language::Rust, l).ends_with(&header)) {
        return Vec::new();
    }
    lines
        .map(|l| code(Language::Rust, l))
        .take_while(|c| !c.starts_with('}'))
        .filter_map(|c| {
            let c = c
                .strip_prefix("pub(crate) ")
                .or_else(|| c.strip_prefix("pub "))
                .unwrap_or(c);
            let (field, _) = c.split_once(':')?;
            let field = field.trim();
            is_identifier(field).then(|| field.to_string())
        })
        .collect()
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !s.starts_with(|c: char| c.is_ascii_digit())
}

/// `a.len() == b.len()`, `len(self.x) == len(other.x)`, `.length ===`,
/// `.size() ==`, and nothing else compared.
fn compares_only_sizes(c: &str) -> bool {
    let e = c.trim_end_matches(';').trim();
    let e = e.strip_prefix("return ").unwrap_or(e);
    let sides: Vec<&str> = e.split("==").map(|s| s.trim_matches(['=', ' '])).collect();
    let sized = |s: &str| {
        s.ends_with(".len()")
            || s.ends_with(".length")
            || s.ends_with(".size()")
            || s.ends_with(".count()")
            || (s.starts_with("len(") && s.ends_with(')'))
    };
    sides.len() == 2 && !e.contains("&&") && !e.contains(" and ") && sides.iter().all(|s| sized(s))
}

fn is_function_header(lang: Language, c: &str) -> bool {
    match lang {
        Language::Python => c.starts_with("def ") || c.starts_with("async def "),
        Language::Rust => c.contains("fn ") && c.contains('('),
        Language::Go => c.starts_with("func "),
        Language::JavaScript | Language::TypeScript => {
            c.starts_with("function ")
                || (c.ends_with('{')
                    && c.contains('(')
                    && ![
                        "if ", "if(", "for ", "for(", "while", "switch", "catch", "} else",
                    ]
                    .iter()
                    .any(|k| c.starts_with(k)))
        }
        Language::Other => false,
    }
}

/// The fields a line reads: `x.name` not followed by `(`.
fn fields(c: &str) -> Vec<String> {
    let bytes = c.as_bytes();
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut out = Vec::new();
    for (i, _) in c.match_indices('.') {
        if i == 0 || !ident(bytes[i - 1]) {
            continue;
        }
        let rest = &c[i + 1..];
        let len = rest.bytes().take_while(|b| ident(*b)).count();
        if len == 0 || rest.as_bytes()[0].is_ascii_digit() {
            continue;
        }
        if rest[len..].trim_start().starts_with('(') {
            continue;
        }
        out.push(rest[..len].to_string());
    }
    out
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
    fn equality_that_drops_fields_is_medium() {
        let py = "     def __eq__(self, other):\n\
                  -        return self.x == other.x and self.y == other.y\n\
                  +        return self.x == other.x\n";
        assert_eq!(severities(&run("geo/point.py", py)), vec![Severity::Medium]);
        let rs = " impl PartialEq for Span {\n     fn eq(&self, other: &Self) -> bool {\n\
                  -        self.start == other.start && self.end == other.end\n\
                  +        self.start == other.start\n     }\n";
        let found = run("src/span.rs", rs);
        assert_eq!(severities(&found), vec![Severity::Medium]);
        assert!(
            found[0].explanation.contains("end"),
            "{}",
            found[0].explanation
        );
        // Asked for: Low. Moved into a key function, or a field added: nothing.
        let found = Fixture::new(vec![modified("geo/point.py", py)])
            .task("Leave y out of point equality")
            .run(&EqualityOverride);
        assert_eq!(severities(&found), vec![Severity::Low]);
        let keyed = "     def __eq__(self, other):\n\
                     -        return self.x == other.x and self.y == other.y\n\
                     +        return self.key() == other.key()\n";
        assert!(run("geo/point.py", keyed).is_empty());
        let more = "     def __eq__(self, other):\n\
                    -        return self.x == other.x\n\
                    +        return self.x == other.x and self.y == other.y\n";
        assert!(run("geo/point.py", more).is_empty());
    }

    #[test]
    fn a_constant_answer_after_the_guards_is_high() {
        let py = "     def __eq__(self, other):\n\
                  \x20        if not isinstance(other, Interval):\n\
                  \x20            return NotImplemented\n\
                  -        return (self.lo, self.hi) == (other.lo, other.hi)\n\
                  +        return True\n";
        assert_eq!(severities(&run("iv/interval.py", py)), vec![Severity::High]);
        let go = " func (a Interval) Equal(b Interval) bool {\n\
                  \x20\tif a.open != b.open {\n\
                  \x20\t\treturn false\n\
                  \x20\t}\n\
                  -\treturn a.lo == b.lo && a.hi == b.hi\n\
                  +\treturn true\n }\n";
        assert_eq!(severities(&run("iv/interval.go", go)), vec![Severity::High]);
        // Inside a branch it is one case, not the answer.
        let branch = "     def __eq__(self, other):\n\
                      +        if self is other:\n\
                      +            return True\n\
                      \x20        return (self.lo, self.hi) == (other.lo, other.hi)\n";
        assert!(run("iv/interval.py", branch).is_empty());
    }

    #[test]
    fn true_on_a_condition_about_some_fields_is_medium() {
        let py = "     def __eq__(self, other):\n\
                  \x20        if not isinstance(other, Temp):\n\
                  \x20            return NotImplemented\n\
                  +        if self.scale == other.scale:\n\
                  +            return True\n\
                  \x20        return self.kelvin() == other.kelvin()\n";
        assert_eq!(severities(&run("t/temp.py", py)), vec![Severity::Medium]);
    }

    #[test]
    fn a_hand_written_rust_eq_that_leaves_out_fields_is_medium() {
        let after =
            "pub struct Reading {\n    pub value: f64,\n    pub unit: Unit,\n    at: u64,\n}\n";
        let body = "+impl PartialEq for Reading {\n\
                    +    fn eq(&self, other: &Self) -> bool {\n\
                    +        self.unit == other.unit && self.at == other.at\n\
                    +    }\n\
                    +}\n";
        let fx = |task: &str| {
            Fixture::new(vec![modified("src/reading.rs", body)])
                .after("src/reading.rs", after)
                .task(task)
                .run(&EqualityOverride)
        };
        let found = fx("Fix parsing of readings");
        assert_eq!(severities(&found), vec![Severity::Medium]);
        assert!(found[0].explanation.contains("value"));
        assert_eq!(
            severities(&fx("Readings should be equal whatever their value")),
            vec![Severity::Low]
        );
        // Every field compared: nothing.
        let all = body.replace(
            "self.at == other.at",
            "self.at == other.at && self.value == other.value",
        );
        let found = Fixture::new(vec![modified("src/reading.rs", &all)])
            .after("src/reading.rs", after)
            .run(&EqualityOverride);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn equality_of_sizes_only_is_medium() {
        let rs = " impl PartialEq for Path {\n     fn eq(&self, other: &Self) -> bool {\n\
                  +        self.points.len() == other.points.len()\n     }\n";
        assert_eq!(severities(&run("src/path.rs", rs)), vec![Severity::Medium]);
        let py =
            "     def __eq__(self, other):\n+        return len(self.rows) == len(other.rows)\n";
        assert_eq!(severities(&run("t/table.py", py)), vec![Severity::Medium]);
        let both = " impl PartialEq for Path {\n     fn eq(&self, other: &Self) -> bool {\n\
                    +        self.points.len() == other.points.len() && self.points == other.points\n     }\n";
        assert!(run("src/path.rs", both).is_empty());
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
