//! What the task text allows, by simple word rules.
//!
//! The text is split into sentences (at `.`, `;`, `!`, `?` followed by a
//! space) and words. A task "asks for test changes" when an editing verb
//! (`update`, `fix`, `add`, `rewrite`, `remove`, `rename`, …) governs a word
//! about tests (`test`, `tests`, `spec`, `fixture`, `testdata`, `golden`,
//! `expected output`, a `test_*` name, …): the word comes after the verb in
//! the same clause, so a coordinated list counts ("Update Validate, testdata/golden.txt
//! and the tests", "remove the legacy module and its tests"). The clause ends
//! at the sentence end, at a negation, or at a word that starts another
//! clause (`so`, `to`, `until`, `make`, `pass`, …): "Fix the parser so the
//! tests pass" allows nothing, and `make` is not an editing verb. "…, including
//! the tests" reattaches to an editing verb earlier in the sentence. A test
//! word followed within six words by `wrong`/`outdated`/`obsolete` counts too.
//!
//! It "asks to skip" when the verb is `skip`, `ignore`, `disable`, `xfail`,
//! … with a test word in its clause, or with `it`/`them` right next to it
//! after a test was named earlier ("test_x takes four minutes. Skip it"; "Mark
//! it #[ignore]"). Pronouns do not count for editing verbs: in "test_add
//! fails. Fix it." the `it` is the failure, not the test.
//!
//! A negation (`not`, `don't`, `never`, `without`, `no`) in the two words
//! before a verb cancels it, so "do not touch the tests" allows nothing.
//!
//! Known blind spot: "fix the failing test" counts as a test change, although
//! the author may have meant the code. Those findings then drop to Info and
//! the test inventory comparison still catches removed tests.

const TEST_WORDS: &[&str] = &[
    "test",
    "tests",
    "testcase",
    "testcases",
    "spec",
    "specs",
    "assertion",
    "assertions",
    "fixture",
    "fixtures",
    "snapshot",
    "snapshots",
    "testsuite",
    "testdata",
    "golden",
    "goldens",
    "expectation",
    "expectations",
    "suite",
    "suites",
];
/// `expected` is a test word only before one of these: "change the expected
/// output" is about a test, "add the expected header" is not.
const EXPECTED_NOUNS: &[&str] = &[
    "value", "values", "output", "outputs", "result", "results", "message", "messages", "error",
    "errors", "count", "string", "text", "json",
];
const EDIT_VERBS: &[&str] = &[
    "update",
    "fix",
    "change",
    "add",
    "write",
    "rewrite",
    "remove",
    "delete",
    "rename",
    "modify",
    "edit",
    "adjust",
    "correct",
    "extend",
    "improve",
    "refactor",
    "replace",
    "move",
    "migrate",
    "port",
    "split",
    "cover",
    "regenerate",
    "drop",
    "switch",
    "convert",
    "loosen",
    "relax",
];
/// "Mark the e2e suite as skipped": a skip named after the test it is for.
const SKIPPED: &[&str] = &["skipped", "ignored", "disabled", "xfailed", "quarantined"];
const SKIP_VERBS: &[&str] = &[
    "skip",
    "ignore",
    "disable",
    "xfail",
    "quarantine",
    "deactivate",
    "mute",
];
const WRONG: &[&str] = &["wrong", "outdated", "obsolete", "incorrect", "stale"];
const NEGATIONS: &[&str] = &[
    "not", "don", "dont", "never", "without", "no", "nor", "avoid",
];
const DELETION_WORDS: &[&str] = &[
    "refactor",
    "refactoring",
    "remove",
    "delete",
    "clean",
    "cleanup",
    "simplify",
    "drop",
    "deprecate",
    "strip",
    "prune",
    "dead",
];

/// Words that start another clause: the editing verb before them no longer
/// governs what follows ("fix the parser so the tests pass").
const CLAUSE_BREAKS: &[&str] = &[
    "so", "that", "to", "until", "because", "since", "while", "when", "if", "unless", "then",
    "but", "make", "makes", "making", "pass", "passes", "run", "runs", "keep", "ensure", "which",
    "where", "who",
];
/// After `to`, these make it a preposition ("add 2000 to the test table"),
/// not the start of a purpose clause ("fix it to make the tests pass").
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "our", "this", "that", "these", "those", "each", "every",
];
/// Words that attach a test word to the sentence's editing verb across a
/// clause break ("rename a to b everywhere, including the tests").
const INCLUDING: &[&str] = &["including", "incl", "plus"];
/// Verbs whose object is followed by a `to` that belongs to them ("rename
/// calcTotal to computeTotal …, and the tests"): that `to` starts no clause.
const VERBS_WITH_TO: &[&str] = &[
    "rename", "move", "change", "migrate", "port", "convert", "update", "switch",
];
const PRONOUNS: &[&str] = &["it", "them"];
/// How far a verb reaches: long enough for a list of a few items, each with
/// a word or two of description.
const SCOPE: usize = 28;

/// What the task text allows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TaskIntent {
    pub test_changes: bool,
    pub skips: bool,
    pub deletions: bool,
}

impl TaskIntent {
    pub fn from_task(task: Option<&str>) -> TaskIntent {
        let Some(task) = task else {
            return TaskIntent::default();
        };
        let sentences = sentences(&task.to_lowercase());
        let mut intent = TaskIntent {
            deletions: sentences.iter().any(|words| asks_for_deletion(words)),
            ..TaskIntent::default()
        };
        // Whether a test was named before the current sentence, for "Skip it".
        let mut test_named = false;
        for words in &sentences {
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            for (i, word) in words.iter().enumerate() {
                if is_test_word(word) {
                    let after = &words[i + 1..(i + 7).min(words.len())];
                    let negated = words[i.saturating_sub(4)..i]
                        .iter()
                        .any(|w| NEGATIONS.contains(w));
                    if !negated && after.iter().any(|w| WRONG.contains(w)) {
                        intent.test_changes = true;
                    }
                    let including = words[i.saturating_sub(3)..i]
                        .iter()
                        .any(|w| INCLUDING.contains(w));
                    if including
                        && (0..i)
                            .any(|v| EDIT_VERBS.contains(&words[v]) && !negated_verb(&words, v))
                    {
                        intent.test_changes = true;
                    }
                }
                let edit = EDIT_VERBS.contains(word);
                let skip = SKIP_VERBS.contains(word);
                if !(edit || skip) || negated_verb(&words, i) || used_as_noun(&words, i) {
                    continue;
                }
                if governs_test_word(&words, i) {
                    intent.test_changes = true;
                    intent.skips |= skip;
                }
                // "Skip it" / "mark it #[ignore]" after a test was named: a
                // skip can only be of a test, so the pronoun is one.
                let near = &words[i.saturating_sub(2)..(i + 3).min(words.len())];
                let named = test_named || words[..i].iter().any(|w| is_test_word(w));
                if skip && named && near.iter().any(|w| PRONOUNS.contains(w)) {
                    intent.skips = true;
                    intent.test_changes = true;
                }
            }
            // "mark <a test> as skipped", with the test named before it.
            for (i, word) in words.iter().enumerate() {
                if SKIPPED.contains(word)
                    && i > 0
                    && words[i - 1] == "as"
                    && !words[i.saturating_sub(5)..i]
                        .iter()
                        .any(|w| NEGATIONS.contains(w))
                    && (test_named || words[..i].iter().any(|w| is_test_word(w)))
                {
                    intent.skips = true;
                    intent.test_changes = true;
                }
            }
            test_named |= words.iter().any(|w| is_test_word(w));
        }
        intent
    }
}

/// Cleaning up lint or style (`clean up the flake8 errors`) asks for tidier
/// code, not less of it; the other deletion words ask for removal wherever
/// they are.
fn asks_for_deletion(words: &[String]) -> bool {
    const STYLE: &[&str] = &[
        "lint",
        "linter",
        "flake8",
        "pylint",
        "eslint",
        "clippy",
        "warning",
        "warnings",
        "style",
        "format",
        "formatting",
        "typo",
        "typos",
        "whitespace",
    ];
    let style = words.iter().any(|w| STYLE.contains(&w.as_str()));
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    words.iter().enumerate().any(|(i, w)| {
        let cleaning = matches!(*w, "clean" | "cleanup");
        // "after the dependency cleanup" names an event, it asks for nothing.
        let noun = matches!(*w, "cleanup" | "refactor" | "refactoring") && used_as_noun(&words, i);
        DELETION_WORDS.contains(w) && !(style && cleaning) && !noun
    })
}

fn is_test_word(word: &str) -> bool {
    TEST_WORDS.contains(&word) || word.starts_with("test_") || word.ends_with("_test")
}

/// "After the carrier contract change, tests/x.py fails": a determiner a
/// few words before, with nothing verb-like between, makes the word a noun.
fn used_as_noun(words: &[&str], verb: usize) -> bool {
    const OPENERS: &[&str] = &["and", "then", "please", "to", "also", "just"];
    for back in 1..=3 {
        let Some(at) = verb.checked_sub(back) else {
            return false;
        };
        let w = words[at];
        if OPENERS.contains(&w) {
            return false;
        }
        let article = matches!(w, "the" | "a" | "an" | "its" | "their" | "our");
        if article || matches!(w, "after" | "since" | "before") {
            return true;
        }
    }
    false
}

/// A negation in the two words before the verb ("do not update", "don't
/// skip", "never edit"). Further back it belongs to another phrase: "… is not
/// valid, and update the test".
fn negated_verb(words: &[&str], verb: usize) -> bool {
    words[verb.saturating_sub(2)..verb]
        .iter()
        .any(|w| NEGATIONS.contains(w))
}

/// Whether a test word follows the verb in its clause.
fn governs_test_word(words: &[&str], verb: usize) -> bool {
    for (i, word) in words.iter().enumerate().skip(verb + 1).take(SCOPE) {
        let verbs_to = *word == "to"
            && ((i - verb <= 3 && VERBS_WITH_TO.contains(&words[verb]))
                || words
                    .get(i + 1)
                    .is_some_and(|next| DETERMINERS.contains(next) || is_test_word(next)));
        if NEGATIONS.contains(word) || (CLAUSE_BREAKS.contains(word) && !verbs_to) {
            return false;
        }
        let expected = *word == "expected"
            && words
                .get(i + 1)
                .is_some_and(|next| EXPECTED_NOUNS.contains(next));
        if is_test_word(word) || expected {
            return true;
        }
    }
    false
}

/// Lower-case text as sentences of words. A sentence ends at `.`, `;`, `!`
/// or `?` followed by whitespace (or the end), so `shop/notify.py` and
/// `tests/a.py::test_x` stay inside their sentence.
fn sentences(lower: &str) -> Vec<Vec<String>> {
    let mut out = vec![Vec::new()];
    let mut word = String::new();
    let mut chars = lower.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
            continue;
        }
        if !word.is_empty()
            && let Some(last) = out.last_mut()
        {
            last.push(std::mem::take(&mut word));
        }
        // A colon introduces what the verb before it is about ("Rename it
        // everywhere: the module, its callers and the tests"), so it
        // ends nothing.
        let ends =
            matches!(c, '.' | ';' | '!' | '?') && chars.peek().is_none_or(|n| n.is_whitespace());
        if ends && out.last().is_some_and(|s| !s.is_empty()) {
            out.push(Vec::new());
        }
    }
    if !word.is_empty()
        && let Some(last) = out.last_mut()
    {
        last.push(word);
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    fn intent(task: &str) -> TaskIntent {
        TaskIntent::from_task(Some(task))
    }

    #[test]
    fn edits_to_tests() {
        assert!(intent("Update the tests for the new API").test_changes);
        assert!(intent("The test for parse() is wrong; please correct it").test_changes);
        assert!(intent("add a regression test").test_changes);
        assert!(!intent("Fix the parser so the tests pass").test_changes);
        assert!(!intent("Make the tests pass").test_changes);
        assert!(!intent("Fix the bug. Do not modify the tests.").test_changes);
        assert!(!TaskIntent::from_task(None).test_changes);
    }

    #[test]
    fn a_verb_governs_a_list_of_objects() {
        assert!(
            intent("Update Format, docs/cli.md and the snapshots to the new layout.").test_changes
        );
        assert!(
            intent("Drop the old YAML loader and its specs; 2.0 reads TOML only.").test_changes
        );
        assert!(intent("lexer.ts is unused; delete it together with its test.").test_changes);
        assert!(
            intent("Rename fetch_all to fetch_every everywhere, including the tests.").test_changes
        );
        assert!(intent("Change the expected output of the report for the new header").test_changes);
        // "rename X to Y" keeps its `to`; a purpose clause still ends it.
        assert!(intent("Move parse_row to rows.rs with its callers and the tests").test_changes);
        assert!(intent("Rename Sum to Total in the code and the tests").test_changes);
        assert!(
            intent("Rename `camelize` to `toCamelCase` everywhere: src/s.ts, its callers, and the tests.")
                .test_changes
        );
        assert!(intent("Switch those two assertions to toBeCloseTo(x, 10).").test_changes);
        assert!(intent("Fix IsLeap and add 2000 and 2400 to the test table.").test_changes);
        assert!(
            intent(
                "Remove the old module, the `old` cargo feature (and its place in `default`), \
                 the old branch in load(), and the compatibility tests in tests/old.rs."
            )
            .test_changes
        );
        // A verb used as a noun governs nothing.
        assert!(
            !intent("After the carrier contract change, tests/test_dim.py fails. Fix rates.py.")
                .test_changes
        );
        assert!(!intent("Fix the parser which the tests exercise").test_changes);
        assert!(intent("Make sure that you update the tests").test_changes);
        assert!(!intent("Fix parse_row to get the tests passing").test_changes);
        assert!(!intent("Add the expected header to every response").test_changes);
        // The clause ends before the test word: the verb is about the code.
        assert!(!intent("Fix the tokenizer to make the tests pass").test_changes);
        assert!(!intent("Rewrite the cache, then run the tests").test_changes);
        assert!(!intent("Update the docs, not the tests").test_changes);
        assert!(!intent("Remove the dead helper. Keep every test as it is.").test_changes);
        assert!(intent("Say `code X is not valid`, and update the test to match").test_changes);
        // "including" without an editing verb asks for nothing.
        assert!(!intent("All suites fail, including the tests for auth").test_changes);
    }

    #[test]
    fn skips() {
        let i = intent("Skip the slow network test on CI");
        assert!(i.skips && i.test_changes);
        assert!(intent("please ignore test_big_upload, it is flaky").skips);
        assert!(!intent("don't skip any test").skips);
        assert!(!intent("Update the tests").skips);
        assert!(
            intent("Mark the e2e checkout suite in test/e2e/checkout.test.ts as skipped.").skips
        );
        assert!(!intent("The login test is flaky, not to be marked as skipped.").skips);
    }

    #[test]
    fn a_skip_of_a_named_test_by_pronoun() {
        assert!(intent("test_huge_upload needs a network. Skip it in short mode.").skips);
        assert!(intent("The fuzz spec takes an hour; mark it xfail on CI").skips);
        // No test was named, or the verb is an editing verb: the pronoun is
        // the code or the failure.
        assert!(!intent("The importer chokes on BOMs. Skip it for BOM files.").skips);
        let fix = intent("test_add fails because Money has no equality. Fix it.");
        assert!(!fix.test_changes && !fix.skips);
        assert!(!intent("test_upload is slow. Do not skip it.").skips);
    }

    #[test]
    fn deletions() {
        assert!(intent("Refactor the parser").deletions);
        assert!(intent("remove the legacy exporter").deletions);
        assert!(!intent("Add a CSV exporter").deletions);
        assert!(intent("Clean up the old importer module").deletions);
        assert!(!intent("npm test crashes after the dependency cleanup. Fix it.").deletions);
        assert!(!intent("Clean up the flake8 warnings in render.py").deletions);
        assert!(intent("Fix the lint errors and delete the unused helper").deletions);
    }
}
