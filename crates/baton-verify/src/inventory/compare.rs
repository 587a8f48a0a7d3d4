//! Two inventories into findings: removed, renamed, newly skipped.

use std::collections::{BTreeMap, BTreeSet};

use super::Inventory;
use crate::report::{Finding, FindingKind, Severity};

/// What changed between the test listings at the base and after the change.
///
/// A removed and an added test in the same file whose names are close (a
/// small edit, or one name inside the other) count as one rename; other
/// removals are removals. A test that ran at the base and is skipped now is
/// newly skipped.
pub fn compare(base: &Inventory, after: &Inventory) -> Vec<Finding> {
    let removed: Vec<&String> = base.tests.difference(&after.tests).collect();
    let added: Vec<&String> = after.tests.difference(&base.tests).collect();
    // Closest pairs first, so one near name does not take another's match.
    let mut candidates: Vec<(usize, &String, &String)> = removed
        .iter()
        .flat_map(|old| added.iter().map(move |new| (old, new)))
        .filter_map(|(old, new)| similarity(old, new).map(|d| (d, *old, *new)))
        .collect();
    candidates.sort();
    let mut renamed: BTreeMap<&String, &String> = BTreeMap::new();
    let mut taken: BTreeSet<&String> = BTreeSet::new();
    for (_, old, new) in candidates {
        if !renamed.contains_key(old) && !taken.contains(new) {
            renamed.insert(old, new);
            taken.insert(new);
        }
    }
    let mut findings = Vec::new();
    for old in &removed {
        match renamed.get(old) {
            Some(new) => {
                findings.push(Finding {
                    kind: FindingKind::TestRenamed,
                    file: file_of(old),
                    line: None,
                    evidence: format!("{old} -> {new}"),
                    severity: Severity::Medium,
                    explanation: format!(
                        "The test `{old}` is gone and `{new}` appeared next to it; \
                         a renamed test is harmless only if it still checks the same thing."
                    ),
                });
            }
            None => findings.push(Finding {
                kind: FindingKind::TestRemoved,
                file: file_of(old),
                line: None,
                evidence: (*old).clone(),
                severity: Severity::High,
                explanation: format!(
                    "The test `{old}` existed before the change and no longer exists, \
                     so whatever it checked is no longer checked."
                ),
            }),
        }
    }
    for id in &base.tests {
        if !base.skipped.contains(id) && after.skipped.contains(id) {
            findings.push(Finding {
                kind: FindingKind::TestNowSkipped,
                file: file_of(id),
                line: None,
                evidence: id.clone(),
                severity: Severity::High,
                explanation: format!(
                    "The test `{id}` ran before the change and is skipped or ignored now, \
                     so it cannot fail any more."
                ),
            });
        }
    }
    findings
}

/// The test's file (or module, or package) when the id names one: the part
/// before the first `::`, or before ` - ` for a Rust doc test; else the id.
fn file_of(id: &str) -> String {
    id.split_once("::")
        .or_else(|| id.split_once(" - "))
        .map_or(id, |(file, _)| file)
        .to_owned()
}

fn name_of(id: &str) -> &str {
    id.split_once("::")
        .or_else(|| id.split_once(" - "))
        .map_or(id, |(_, name)| name)
}

/// How far apart two ids' names are, when they are close enough to be a
/// rename: same file, and an edit of at most a third of the longer name, or
/// one name inside the other.
fn similarity(old: &str, new: &str) -> Option<usize> {
    if file_of(old) != file_of(new) {
        return None;
    }
    let (a, b) = (name_of(old), name_of(new));
    let distance = edit_distance(a, b);
    let longest = a.chars().count().max(b.chars().count());
    let contained = !a.is_empty() && !b.is_empty() && (a.contains(b) || b.contains(a));
    (contained || distance * 3 <= longest).then_some(distance)
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row.first().copied().unwrap_or_default();
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let above = row.get(j + 1).copied().unwrap_or_default();
            let left = row.get(j).copied().unwrap_or_default();
            let cost = usize::from(ca != *cb);
            let value = (above + 1).min(left + 1).min(diagonal + cost);
            diagonal = above;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = value;
            }
        }
    }
    row.last().copied().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    fn inventory(tests: &[&str], skipped: &[&str]) -> Inventory {
        Inventory {
            tests: tests.iter().map(|t| (*t).to_owned()).collect(),
            skipped: skipped.iter().map(|t| (*t).to_owned()).collect(),
        }
    }

    fn kinds(findings: &[Finding]) -> Vec<(FindingKind, &str, &str)> {
        findings
            .iter()
            .map(|f| (f.kind, f.file.as_str(), f.evidence.as_str()))
            .collect()
    }

    #[test]
    fn same_tests_compare_clean() {
        let a = inventory(&["t.py::test_a", "t.py::test_b"], &["t.py::test_b"]);
        assert!(compare(&a, &a.clone()).is_empty());
    }

    #[test]
    fn a_removed_test_is_high() {
        let base = inventory(&["t.py::test_parses_dates", "t.py::test_b"], &[]);
        let after = inventory(&["t.py::test_b"], &[]);
        let findings = compare(&base, &after);
        assert_eq!(
            kinds(&findings),
            [(FindingKind::TestRemoved, "t.py", "t.py::test_parses_dates")]
        );
        assert_eq!(findings[0].severity, Severity::High);
    }

    #[test]
    fn a_close_name_in_the_same_file_is_a_rename() {
        let base = inventory(&["src/lib.rs::tests::adds", "t.py::test_x"], &[]);
        let after = inventory(
            &[
                "src/lib.rs::tests::adds_numbers",
                "other.py::test_x2",
                "t.py::test_completely_unrelated",
            ],
            &[],
        );
        let findings = compare(&base, &after);
        assert_eq!(
            kinds(&findings),
            [
                (
                    FindingKind::TestRenamed,
                    "src/lib.rs",
                    "src/lib.rs::tests::adds -> src/lib.rs::tests::adds_numbers"
                ),
                // Same name nearly, but another file; and a far name in the same file.
                (FindingKind::TestRemoved, "t.py", "t.py::test_x"),
            ]
        );
        assert_eq!(findings[0].severity, Severity::Medium);
    }

    #[test]
    fn a_small_edit_is_a_rename_and_each_new_name_pairs_once() {
        let base = inventory(&["m::test_pars", "m::test_parse"], &[]);
        let after = inventory(&["m::test_parser"], &[]);
        let findings = compare(&base, &after);
        assert_eq!(
            kinds(&findings),
            [
                (FindingKind::TestRemoved, "m", "m::test_pars"),
                (
                    FindingKind::TestRenamed,
                    "m",
                    "m::test_parse -> m::test_parser"
                ),
            ]
        );
    }

    #[test]
    fn a_test_skipped_only_after_is_newly_skipped() {
        let base = inventory(&["t.py::a", "t.py::b", "t.py::c"], &["t.py::c"]);
        let after = inventory(&["t.py::a", "t.py::b", "t.py::c"], &["t.py::b", "t.py::c"]);
        let findings = compare(&base, &after);
        assert_eq!(
            kinds(&findings),
            [(FindingKind::TestNowSkipped, "t.py", "t.py::b")]
        );
        assert_eq!(findings[0].severity, Severity::High);
    }

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
        assert_eq!(file_of("src/lib.rs - add"), "src/lib.rs");
        assert_eq!(file_of("plain"), "plain");
    }
}
