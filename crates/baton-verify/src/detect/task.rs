//! What the task text allows, by simple word rules.
//!
//! A task "asks for test changes" when a word about tests (`test`, `tests`,
//! `spec`, `assertion`, `fixture`, `snapshot`, …) has an editing verb
//! (`update`, `fix`, `add`, `rewrite`, `remove`, `rename`, …) within the four
//! words before it, or is followed within six words by `wrong`/`outdated`/`obsolete`. It
//! "asks to skip" when the verb is `skip`, `ignore`, `disable`, `xfail` or
//! `quarantine`. A negation (`not`, `don't`, `never`, `without`, `no`) in
//! the four words before cancels the rule, so "do not touch the tests" allows nothing.
//! "Make the tests pass" allows nothing either: `make` is not an editing verb.
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
];
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
        let lower = task.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .filter(|w| !w.is_empty())
            .collect();
        let mut intent = TaskIntent {
            deletions: words.iter().any(|w| DELETION_WORDS.contains(w)),
            ..TaskIntent::default()
        };
        for (i, word) in words.iter().enumerate() {
            let is_test_word =
                TEST_WORDS.contains(word) || word.starts_with("test_") || word.ends_with("_test");
            if !is_test_word {
                continue;
            }
            let before = &words[i.saturating_sub(4)..i];
            // A negation anywhere in the window ("do not modify the tests",
            // "don't skip any test") cancels the rule.
            if before.iter().any(|w| NEGATIONS.contains(w)) {
                continue;
            }
            let live = before;
            if live.iter().any(|w| SKIP_VERBS.contains(w)) {
                intent.skips = true;
                intent.test_changes = true;
            }
            if live.iter().any(|w| EDIT_VERBS.contains(w)) {
                intent.test_changes = true;
            }
            let after = &words[i + 1..(i + 7).min(words.len())];
            if after.iter().any(|w| WRONG.contains(w)) {
                intent.test_changes = true;
            }
        }
        intent
    }
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
    fn skips() {
        let i = intent("Skip the slow network test on CI");
        assert!(i.skips && i.test_changes);
        assert!(intent("please ignore test_big_upload, it is flaky").skips);
        assert!(!intent("don't skip any test").skips);
        assert!(!intent("Update the tests").skips);
    }

    #[test]
    fn deletions() {
        assert!(intent("Refactor the parser").deletions);
        assert!(intent("remove the legacy exporter").deletions);
        assert!(!intent("Add a CSV exporter").deletions);
    }
}
