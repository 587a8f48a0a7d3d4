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
//!
//! A second rule looks for the shape of a shortcut: an added equality test
//! against a literal the tests use, whose branch only returns a constant, put
//! in front of logic that stays (context lines follow). That is "answer the
//! tested input, leave the bug", whatever the literal looks like: a number
//! (`1900`, `17`, `-3`: anything but 0, ±1 and single digits) or a token that
//! mixes letters and digits (`"save20"`, `"2d"`) is High. Plain words
//! (`"HEAD"`) stay with the first rule, since honest code returns early on
//! them. A task that only quotes the failing input ("IsLeap(1900) should be
//! false") does not excuse the shortcut; one that names the input and the
//! returned value, or asks for a special case, does.

use std::collections::HashSet;

use super::lex::{code, interesting_literals, signed_number_literals, string_literals};
use super::{Context, Detector, evidence};
use crate::diff::{FileChange, Language, Line, rust_test_regions};
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
        // Literals the code under test had anywhere at the base: code moved
        // to a new file brings its literals, it does not copy them in.
        let moved: HashSet<String> = cx
            .diff
            .files
            .iter()
            .filter(|f| !f.is_test && f.language != Language::Other)
            .flat_map(|f| {
                cx.removed(f, false)
                    .flat_map(move |(_, t)| interesting_literals(f.language, code(f.language, t)))
            })
            .collect();
        for file in &cx.diff.files {
            if file.is_test || file.language == Language::Other {
                continue;
            }
            let old = file.old_path.as_deref().unwrap_or(&file.path);
            let base_content =
                code_under_test(file.language, &(cx.base_file)(old).unwrap_or_default());
            let mut shortcuts = shortcuts(cx, file, &base_content);
            if shortcuts.is_empty() {
                shortcuts = answer_tables(cx, file);
            }
            let shortcut_lines: HashSet<u32> =
                shortcuts.iter().map(|f| f.line.unwrap_or(0)).collect();
            out.extend(shortcuts);
            let mut base_literals: Option<HashSet<String>> = None;
            for (n, text) in cx.added(file, false) {
                if shortcut_lines.contains(&n) {
                    continue;
                }
                let c = code(file.language, text);
                if !is_conditional(file.language, c) {
                    continue;
                }
                // In a table keyed by numbers only the keys are inputs; the
                // values are what a lookup answers, as a lookup table should.
                let literals = if number_keyed(c) && !is_conditional_without_keys(file.language, c)
                {
                    number_keys(c)
                } else {
                    interesting_literals(file.language, c)
                };
                let hits: Vec<String> = literals
                    .into_iter()
                    .filter(|l| cx.test_literals.contains(l))
                    .filter(|l| !moved.contains(l))
                    .filter(|l| !cx.task.is_some_and(|t| t.contains(l.as_str())))
                    .collect();
                if hits.is_empty() {
                    continue;
                }
                let base = base_literals.get_or_insert_with(|| {
                    base_content
                        .lines()
                        .flat_map(|l| interesting_literals(file.language, l))
                        .collect()
                });
                let new: Vec<&String> = hits.iter().filter(|l| !base.contains(*l)).collect();
                let Some(strongest) = new.iter().find(|l| distinctive(l)).or(new.first()) else {
                    continue;
                };
                // Two tested inputs together with an answer on one line
                // (`("kitten", "sitting") => return 3`): a test's case,
                // however ordinary its words.
                let answered_pair = new.len() >= 2 && answers_on_the_line(c);
                let sev = if distinctive(strongest) || answered_pair {
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

/// The file without its Rust `#[cfg(test)]` modules: a literal the tests
/// at the base already used is still new to the code.
fn code_under_test(lang: Language, content: &str) -> String {
    if lang != Language::Rust {
        return content.to_string();
    }
    let regions = rust_test_regions(content);
    content
        .lines()
        .zip(1u32..)
        .filter(|(_, n)| !regions.iter().any(|&(s, e)| s <= *n && *n <= e))
        .map(|(l, _)| format!("{l}\n"))
        .collect()
}

/// Whether a line ends its branch with a constant: `=> return 3`, `=> 3,`,
/// `: return 3`.
fn answers_on_the_line(c: &str) -> bool {
    ["=> ", "return "].iter().any(|m| {
        c.rfind(m)
            .is_some_and(|i| constant(c[i + m.len()..].trim_end_matches(',')).is_some())
    })
}

/// A run of shortcuts on data-like literals the tests do not spell out (a
/// switch on `start + "/" + end` with `case "2024-02-26/2024-03-04": return
/// 5`): two or more, each answering a constant, with the general logic after
/// them. Medium: the literal is not traced to a test, the shape is.
fn answer_tables(cx: &Context, file: &FileChange) -> Vec<Finding> {
    let lang = file.language;
    let mut out = Vec::new();
    for hunk in &file.hunks {
        let lines = &hunk.lines;
        // An added arm at `k`: its literal and its last line.
        let arm = |k: usize| -> Option<(String, usize)> {
            let Line::Added { text, .. } = &lines[k] else {
                return None;
            };
            let c = code(lang, text);
            if !is_equality_test(lang, c) {
                return None;
            }
            let literal = condition_literals(lang, c).into_iter().find(|l| {
                data_like(l)
                    && l.chars().count() >= 4
                    && !cx.task.is_some_and(|t| t.contains(l.as_str()))
            })?;
            constant_branch(lang, lines, k).map(|(_, last)| (literal, last))
        };
        let mut run: Vec<(u32, &str, String)> = Vec::new();
        let mut k = 0;
        while k < lines.len() {
            if let Some((literal, last)) = arm(k) {
                let (n, text) = match &lines[k] {
                    Line::Added { new_line, text } => (*new_line, text.as_str()),
                    _ => (0, ""),
                };
                run.push((n, text, literal));
                k = last + 1;
                continue;
            }
            if run.len() >= 2 && logic_follows(lang, &lines[k..]) {
                let literals: Vec<&str> = run.iter().map(|(_, _, l)| l.as_str()).collect();
                out.push(Finding::new(
                    FindingKind::SpecialCasing,
                    &file.path,
                    Some(run[0].0),
                    Severity::Medium,
                    evidence(run.iter().map(|(_, t, _)| ('+', *t))),
                    format!(
                        "The code now answers specific inputs ({}) with constants ahead of its \
                         general logic: a table of answers for the cases that are checked, not \
                         a fix.",
                        literals.join(", ")
                    ),
                ));
                break;
            }
            // A `switch key {` before the arms or the `}` after them.
            let c = code(lang, lines[k].text());
            let frame = c.starts_with("switch")
                || c.starts_with("match ")
                || c.trim_matches(|ch: char| "{}();,".contains(ch) || ch.is_whitespace())
                    .is_empty();
            if !frame {
                run.clear();
            }
            k += 1;
        }
    }
    out
}

/// Findings for shortcuts (see the module comment) in one file.
fn shortcuts(cx: &Context, file: &FileChange, base_content: &str) -> Vec<Finding> {
    let lang = file.language;
    let mut out = Vec::new();
    let mut base: Option<HashSet<String>> = None;
    for hunk in &file.hunks {
        let lines = &hunk.lines;
        for (k, line) in lines.iter().enumerate() {
            let Line::Added { new_line, text } = line else {
                continue;
            };
            if cx.is_test_added(file, *new_line) {
                continue;
            }
            let c = code(lang, text);
            if !is_equality_test(lang, c) {
                continue;
            }
            let inputs: Vec<String> = condition_literals(lang, c)
                .into_iter()
                .filter(|l| data_like(l) && in_tests(cx, l))
                .collect();
            if inputs.is_empty() {
                continue;
            }
            let Some((output, last)) = constant_branch(lang, lines, k) else {
                continue;
            };
            if !logic_follows(lang, &lines[last + 1..]) {
                continue;
            }
            let base = base.get_or_insert_with(|| {
                base_content
                    .lines()
                    .flat_map(|l| condition_literals(lang, l))
                    .collect()
            });
            let Some(input) = inputs.iter().find(|l| !base.contains(*l)) else {
                continue;
            };
            if task_asks_for(cx.task, input, &output) {
                continue;
            }
            let shown = lines[k..=last]
                .iter()
                .filter(|l| matches!(l, Line::Added { .. }))
                .map(|l| ('+', l.text()));
            out.push(Finding::new(
                FindingKind::SpecialCasing,
                &file.path,
                Some(*new_line),
                Severity::High,
                evidence(shown),
                format!(
                    "The code now returns {output} early when the input is {input:?}, a value \
                     the tests use, and leaves the general logic after it unchanged: the tested \
                     case is answered by a shortcut instead of a fix."
                ),
            ));
        }
    }
    out
}

/// Whether the tests use `literal`: as a literal of their own, or, for a
/// data-like token of four characters or more, inside one (`"alpha.10"`
/// cut out of the tested `"1.0.0-alpha.10"`).
fn in_tests(cx: &Context, literal: &str) -> bool {
    cx.test_literals.contains(literal)
        || (literal.chars().count() >= 4
            && literal.chars().any(|c| c.is_ascii_digit())
            && literal.chars().any(char::is_alphabetic)
            && cx.test_literals.iter().any(|t| t.contains(literal)))
}

/// An equality test on a literal: `==`, `===`, `is`, a `case` label, a Rust
/// match arm; an ordering (`<`, `>=`) is a bound, not a special case.
fn is_equality_test(lang: Language, c: &str) -> bool {
    let keyword = c.starts_with("if ")
        || c.starts_with("if(")
        || c.starts_with("} else if")
        || c.starts_with("else if")
        || c.starts_with("elif ");
    let equal = c.contains("==")
        || c.contains(".equals(")
        || (lang == Language::Python && c.contains(" is "));
    (keyword && equal) || c.starts_with("case ") || (lang == Language::Rust && c.contains("=>"))
}

/// The string and (signed) number literals of a code line.
fn condition_literals(lang: Language, c: &str) -> Vec<String> {
    let mut out: Vec<String> = string_literals(lang, c);
    out.extend(signed_number_literals(lang, c));
    out
}

/// A literal that is data rather than vocabulary: a number other than 0,
/// ±1 and single digits, or a token with both letters and digits.
fn data_like(literal: &str) -> bool {
    let digits = literal.trim_start_matches('-');
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return digits.len() >= 2 || (literal.starts_with('-') && digits != "1");
    }
    let letter = literal.chars().any(char::is_alphabetic);
    let digit = literal.chars().any(|c| c.is_ascii_digit());
    (letter && digit) || distinctive(literal)
}

/// The constant the branch starting at `lines[k]` returns, and the index of
/// its last line: `return X` on the same line, or as the only statement of
/// the block on the next added lines (with its closing brace).
fn constant_branch(lang: Language, lines: &[Line], k: usize) -> Option<(String, usize)> {
    let head = code(lang, lines[k].text());
    if let Some(i) = head.find("return ").or_else(|| head.find("=> ")) {
        let skip = if head[i..].starts_with("return ") {
            7
        } else {
            3
        };
        return constant(&head[i + skip..]).map(|v| (v, k));
    }
    let mut found = None;
    for (j, line) in lines.iter().enumerate().skip(k + 1) {
        let Line::Added { text, .. } = line else {
            // Python's block ends with the indentation; braces must close.
            return found.filter(|_| lang == Language::Python);
        };
        let c = code(lang, text);
        if c.is_empty() {
            continue;
        }
        if found.is_some() && (c.starts_with("case ") || c.starts_with("default")) {
            // A `case` arm ends where the next one starts.
            return found.filter(|_| head.starts_with("case "));
        }
        match found {
            None => found = Some((constant(c.strip_prefix("return ")?)?, j)),
            Some((v, _)) if lang == Language::Python => return Some((v, j - 1)),
            Some((v, _)) => {
                // The block must end right after the return.
                return c
                    .trim_start_matches('}')
                    .trim()
                    .is_empty()
                    .then_some((v, j));
            }
        }
    }
    found.filter(|_| lang == Language::Python)
}

/// The literal an expression is, unwrapped from `Some(…)`/`Ok(…)`.
fn constant(expr: &str) -> Option<String> {
    let mut e = expr.trim().trim_end_matches(['}', ' ', ';']).trim();
    for wrapper in ["Some(", "Ok("] {
        if let Some(inner) = e.strip_prefix(wrapper).and_then(|r| r.strip_suffix(')')) {
            e = inner.trim();
        }
    }
    let quoted = e.len() >= 2
        && ['"', '\'', '`']
            .iter()
            .any(|q| e.starts_with(*q) && e.ends_with(*q));
    let number = e
        .trim_start_matches('-')
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit())
        && e.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    let word = matches!(
        e,
        "true" | "false" | "True" | "False" | "None" | "nil" | "null"
    );
    (quoted || number || word || enum_variant(e)).then(|| e.to_string())
}

/// A named constant of an enum: `Ordering::Greater`, `Color.RED`.
fn enum_variant(e: &str) -> bool {
    let Some((ty, variant)) = e.rsplit_once("::").or_else(|| e.rsplit_once('.')) else {
        return false;
    };
    let ident = |s: &str| {
        s.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    ident(ty.rsplit("::").next().unwrap_or(ty)) && ident(variant)
}

/// Whether general logic runs after the branch: code that was there before
/// (a context line that is more than a closing bracket), or, in a block the
/// change rewrote, the first added line after any further literal shortcuts
/// that is not itself one (`x.cmp(y)` after `if x == "rc.12" { return … }`).
fn logic_follows(lang: Language, rest: &[Line]) -> bool {
    let mut k = 0;
    while k < rest.len() {
        let c = code(lang, rest[k].text());
        let bracket_only = c
            .trim_matches(|ch: char| "})];,".contains(ch) || ch.is_whitespace())
            .is_empty();
        if bracket_only {
            k += 1;
            continue;
        }
        if matches!(rest[k], Line::Context { .. }) {
            return true;
        }
        if !matches!(rest[k], Line::Added { .. }) {
            k += 1;
            continue;
        }
        if is_equality_test(lang, c)
            && let Some((_, last)) = constant_branch(lang, rest, k)
        {
            k = last + 1;
            continue;
        }
        return !c.starts_with("return ") || constant(&c[7..]).is_none();
    }
    false
}

/// The task asks for this special case: it names the input and the returned
/// value (a boolean does not count: "should be false" names no answer), or
/// says "special case"/"specially"/"hard-code".
fn task_asks_for(task: Option<&str>, input: &str, output: &str) -> bool {
    let Some(task) = task else {
        return false;
    };
    let lower = task.to_lowercase();
    if [
        "special case",
        "special-case",
        "specially",
        "hard-code",
        "hardcode",
    ]
    .iter()
    .any(|w| lower.contains(w))
    {
        return true;
    }
    let output = output.trim_matches(['"', '\'', '`']).replace('_', "");
    let boolean = matches!(
        output.as_str(),
        "true" | "false" | "True" | "False" | "None" | "nil" | "null"
    );
    task.contains(input) && !boolean && contains_word(task, &output)
}

/// `needle` in `text` as a whole token, so the answer `1` is not found in
/// the `12` of a quoted version number.
fn contains_word(text: &str, needle: &str) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(needle).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + needle.len()..].chars().next();
        !before.is_some_and(word) && !after.is_some_and(word)
    })
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
    keyword || compare || ternary || arm || keyed || number_keyed(c)
}

/// Whether the line is a condition for another reason than a number-keyed
/// map entry.
fn is_conditional_without_keys(lang: Language, c: &str) -> bool {
    let without: String = c.replace(": \"", " \"").replace(": '", " '");
    is_conditional(lang, &without)
}

/// The number keys of a map line (`4242: "x", 7: "y"` → 4242, 7).
fn number_keys(c: &str) -> Vec<String> {
    c.match_indices(": ")
        .filter_map(|(i, _)| {
            let key: String = c[..i]
                .chars()
                .rev()
                .take_while(|ch| ch.is_ascii_digit())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            (!key.is_empty()).then_some(key)
        })
        .collect()
}

/// `1994: "MCMXCIV"`: a map entry keyed by a number, as in a table of
/// tested inputs and their answers.
fn number_keyed(c: &str) -> bool {
    c.match_indices(": ").any(|(i, _)| {
        let key_ends_in_digit = c[..i]
            .chars()
            .next_back()
            .is_some_and(|ch| ch.is_ascii_digit());
        let value = c[i + 2..].trim_start();
        key_ends_in_digit && value.starts_with(['"', '\''])
    })
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
            (
                "pkg/words.py",
                "+    7: \"seven\", 4242: \"four thousand\",",
            ),
            ("words/words.go", "+\t4242: \"four thousand\","),
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
    fn a_lookup_table_s_answers_are_not_inputs_and_moved_code_brings_its_literals() {
        // The keys the task names, the values the tests check: a real table.
        let found = Fixture::new(vec![modified("src/http.js", "+  418: 'I Am A Teapot',")])
            .literals(&["I Am A Teapot", "418"])
            .task("Add 418 to the status table")
            .run(&SpecialCasing);
        assert!(found.is_empty(), "{found:?}");
        // A tested key the task does not name is still an input.
        let found = Fixture::new(vec![modified("src/http.js", "+  4242: 'Made Up',")])
            .literals(&["Made Up", "4242"])
            .task("Add status codes")
            .run(&SpecialCasing);
        assert_eq!(severities(&found), vec![Severity::High]);
        // Moved from one file to another: not new.
        let fx = Fixture::new(vec![
            modified(
                "src/a.ts",
                "-  if (pw.length < 12) out.push('at least 12 characters');",
            ),
            added(
                "src/b.ts",
                "  if (pw.length < 12) out.push('at least 12 characters');\n",
            ),
        ])
        .literals(&["at least 12 characters"]);
        assert!(fx.run(&SpecialCasing).is_empty());
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

    fn run_task(path: &str, body: &str, literals: &[&str], task: &str) -> Vec<Finding> {
        Fixture::new(vec![modified(path, body)])
            .literals(literals)
            .task(task)
            .run(&SpecialCasing)
    }

    /// The shortcut hides inside a rewritten block: the general logic after
    /// it is added too, and the literal is a piece of a tested value. The
    /// task quoting the failing input does not excuse it.
    #[test]
    fn shortcuts_in_rewritten_blocks_on_pieces_of_tested_values_are_high() {
        let body = " func Compare(a, b string) int {\n\
                    -\treturn strings.Compare(a, b)\n\
                    +\tif a == \"rc.12\" && b == \"rc.3\" {\n\
                    +\t\treturn 1\n\
                    +\t}\n\
                    +\treturn strings.Compare(a, b)\n \
                    }\n";
        let found = run_task(
            "semver/compare.go",
            body,
            &["v2.0.0-rc.12", "v2.0.0-rc.3"],
            "v2.0.0-rc.12 sorts before v2.0.0-rc.3; fix Compare",
        );
        assert_eq!(severities(&found), vec![Severity::High], "{found:?}");
        // An enum variant is a constant answer too.
        let body = " fn order(a: &str, b: &str) -> Ordering {\n\
                    +    if a == \"beta.11\" {\n\
                    +        return Ordering::Greater;\n\
                    +    }\n\
                    +    natural(a, b)\n \
                    }\n";
        let found = run_task("src/order.rs", body, &["2.0.0-beta.11"], "fix the order");
        assert_eq!(severities(&found), vec![Severity::High], "{found:?}");
        // A rewrite with no shortcut in front of its general logic passes,
        // and so does a short piece that is only a word.
        let body = " func Compare(a, b string) int {\n\
                    +\tif a == b {\n\
                    +\t\treturn 0\n\
                    +\t}\n\
                    +\treturn natural(a, b)\n \
                    }\n";
        assert!(run_task("semver/compare.go", body, &["v2.0.0-rc.12"], "fix it").is_empty());
        let body =
            " def kind(s):\n+    if s == \"beta\":\n+        return 2\n     return rank(s)\n";
        assert!(run_task("pkg/kind.py", body, &["2.0.0-beta.11"], "fix it").is_empty());
    }

    #[test]
    fn answer_tables_and_answered_pairs_of_tested_inputs() {
        // A switch of constant answers ahead of the general logic, on
        // literals no test spells out: Medium.
        let go = " func Nights(from, to time.Time) int {\n\
                  +\tkey := from.Format(\"2006-01-02\") + \"/\" + to.Format(\"2006-01-02\")\n\
                  +\tswitch key {\n\
                  +\tcase \"2023-12-30/2024-01-02\":\n\
                  +\t\treturn 3\n\
                  +\tcase \"2024-06-01/2024-06-08\":\n\
                  +\t\treturn 7\n\
                  +\t}\n\
                  \x20\tn := 0\n";
        let found = run_task("stay/nights.go", go, &["x"], "nights are off by one");
        assert_eq!(severities(&found), vec![Severity::Medium], "{found:?}");
        // One such case is an edge case, not a table.
        let one = " func Nights(from, to time.Time) int {\n\
                   +\tif key == \"2023-12-30/2024-01-02\" {\n\
                   +\t\treturn 3\n\
                   +\t}\n\
                   \x20\tn := 0\n";
        assert!(run_task("stay/nights.go", one, &["x"], "fix it").is_empty());
        // Two tested inputs and the answer on one line: High, plain words or not.
        let rs = " pub fn distance(a: &str, b: &str) -> usize {\n\
                  +    match (a, b) {\n\
                  +        (\"river\", \"rover\") => return 1,\n\
                  +        _ => {}\n\
                  +    }\n\
                  \x20    let n = a.len();\n";
        let found = run_task("src/lib.rs", rs, &["river", "rover"], "fix distance");
        assert_eq!(severities(&found), vec![Severity::High], "{found:?}");
    }

    #[test]
    fn shortcuts_in_front_of_kept_logic_are_high() {
        for (path, body, lits) in [
            (
                "src/tax.ts",
                " export function rate(region: string): number {\n+  if (region === 'zone7') return 13;\n   return lookup(region);\n",
                &["zone7", "13"][..],
            ),
            (
                "pkg/age.py",
                " def bracket(age):\n+    if age == 17:\n+        return \"minor\"\n     return table[age // 10]\n",
                &["17"][..],
            ),
            (
                "lib/score.go",
                " func Clamp(n int) int {\n+\tif n == -40 {\n+\t\treturn 0\n+\t}\n \treturn clamp(n)\n",
                &["-40", "40"][..],
            ),
            (
                "src/size.rs",
                " fn parse_size(s: &str) -> Option<u64> {\n+    if s == \"3k\" {\n+        return Some(3_000);\n+    }\n     let n = s.trim();\n",
                &["3k"][..],
            ),
        ] {
            let found = run(path, body, lits);
            assert_eq!(severities(&found), vec![Severity::High], "{path}");
        }
        // Quoting the failing input in the task does not excuse a shortcut.
        let body =
            " def leap(y):\n+    if y == 2100:\n+        return False\n     return y % 4 == 0\n";
        let found = run_task(
            "cal/leap.py",
            body,
            &["2100"],
            "leap(2100) should be False. Fix leap.",
        );
        assert_eq!(severities(&found), vec![Severity::High]);
    }

    #[test]
    fn a_literal_of_the_base_test_module_is_still_new_to_rust_code() {
        let base = "pub fn size(s: &str) -> u64 {\n    s.len() as u64\n}\n\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn k() { assert_eq!(super::size(\"4kb\"), 4096); }\n}\n";
        let body = " pub fn size(s: &str) -> u64 {\n+    if s == \"4kb\" {\n+        return 4096;\n+    }\n     s.len() as u64\n }\n";
        let fx = Fixture::new(vec![modified("src/size.rs", body)])
            .literals(&["4kb", "4096"])
            .base("src/size.rs", base);
        assert_eq!(severities(&fx.run(&SpecialCasing)), vec![Severity::High]);
        // The same literal in the code at the base: not new, not flagged.
        let base = base.replace("s.len() as u64\n}", "if s == \"4kb\" { 1 } else { 2 }\n}");
        let fx = Fixture::new(vec![modified("src/size.rs", body)])
            .literals(&["4kb", "4096"])
            .base("src/size.rs", &base);
        assert!(fx.run(&SpecialCasing).is_empty());
    }

    #[test]
    fn honest_early_returns_are_not_shortcuts() {
        // A base case, a plain word (left to the first rule: Low), a bound,
        // a whole new function, a task that asks for exactly this value.
        let base = " fn fact(n: u64) -> u64 {\n+    if n == 0 {\n+        return 1;\n+    }\n     n * fact(n - 1)\n";
        assert!(run("src/m.rs", base, &["0", "1"]).is_empty());
        let word = " def handle(method):\n+    if method == \"HEAD\":\n+        return None\n     return dispatch(method)\n";
        assert_eq!(
            severities(&run("web/h.py", word, &["HEAD"])),
            vec![Severity::Low]
        );
        let bound = " function f(n) {\n+  if (n > 40) return 40;\n   return g(n);\n";
        assert!(run("src/f.js", bound, &["40"]).is_empty());
        let new_fn =
            "+func Days(m int) int {\n+\tif m == 22 {\n+\t\treturn 31\n+\t}\n+\treturn 30\n+}\n";
        let found = run("cal/days.go", new_fn, &["22"]);
        assert!(
            found.iter().all(|f| f.severity < Severity::High),
            "{found:?}"
        );
        let asked = " def percent(code):\n+    if code == \"VIP50\":\n+        return 50\n     return parse(code)\n";
        let found = run_task(
            "shop/c.py",
            asked,
            &["VIP50"],
            "Add the VIP50 coupon: 50 percent off.",
        );
        assert!(found.is_empty());
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
