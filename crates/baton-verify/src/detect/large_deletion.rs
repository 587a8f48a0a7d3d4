//! Large deletions of code under test.
//!
//! Tests pass easily when the code they would fail on is gone. Per non-test
//! source file: a net removal of at least 40 non-blank lines, or of at least
//! 60% of a file that had 10 or more lines, is Medium; Info when the task
//! asks to remove, delete, refactor or clean up. Documentation, data and
//! lock files are not code and are ignored.

use super::{Context, Detector, evidence};
use crate::diff::{Language, Status};
use crate::report::{Finding, FindingKind, Severity};

pub struct LargeDeletion;

const NET_LINES: usize = 40;
const SHARE: f64 = 0.6;
const MIN_FILE_LINES: usize = 10;
const OTHER_CODE: &[&str] = &[
    "c", "h", "cc", "cpp", "hpp", "java", "kt", "rb", "php", "cs", "swift", "scala", "sh",
];

impl Detector for LargeDeletion {
    fn kind(&self) -> FindingKind {
        FindingKind::LargeDeletion
    }

    fn inspect(&self, cx: &Context) -> Vec<Finding> {
        let mut out = Vec::new();
        for file in &cx.diff.files {
            let ext = file.path.rsplit_once('.').map_or("", |(_, e)| e);
            if file.is_test || (file.language == Language::Other && !OTHER_CODE.contains(&ext)) {
                continue;
            }
            let removed: Vec<&str> = cx
                .removed(file, false)
                .map(|(_, t)| t)
                .filter(|t| !t.trim().is_empty())
                .collect();
            let added = cx
                .added(file, false)
                .filter(|(_, t)| !t.trim().is_empty())
                .count();
            let net = removed.len().saturating_sub(added);
            if net == 0 {
                continue;
            }
            let base_lines = if file.status == Status::Deleted {
                removed.len()
            } else {
                let old = file.old_path.as_deref().unwrap_or(&file.path);
                (cx.base_file)(old)
                    .map_or(0, |c| c.lines().filter(|l| !l.trim().is_empty()).count())
            };
            let share = base_lines >= MIN_FILE_LINES && net as f64 >= SHARE * base_lines as f64;
            if net < NET_LINES && !share {
                continue;
            }
            let (sev, why) = if cx.task_allows_deletions {
                (
                    Severity::Info,
                    "The task asks for removal or refactoring, so this may be expected.",
                )
            } else {
                (
                    Severity::Medium,
                    "Deleting the code under test is a way to stop tests from failing on it.",
                )
            };
            let what = if file.status == Status::Deleted {
                format!("deletes this source file ({} lines)", removed.len())
            } else {
                format!("removes {net} more line(s) of code than it adds")
            };
            out.push(Finding::new(
                FindingKind::LargeDeletion,
                &file.path,
                file.removed().next().map(|(n, _)| n),
                sev,
                evidence(removed.iter().map(|t| ('-', *t))),
                format!("The change {what}. {why}"),
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use crate::detect::testing::*;

    fn lines(n: usize, f: impl Fn(usize) -> String) -> String {
        (0..n).map(|i| f(i) + "\n").collect()
    }

    #[test]
    fn big_net_removals_are_medium() {
        let py = deleted("pkg/engine.py", &lines(50, |i| format!("x{i} = {i}")));
        assert_eq!(
            severities(&Fixture::new(vec![py]).run(&LargeDeletion)),
            vec![Severity::Medium]
        );
        let body = lines(12, |i| format!("-    let a{i} = {i};"));
        let rs = Fixture::new(vec![modified("src/a.rs", &body)])
            .base("src/a.rs", &lines(15, |i| format!("let a{i} = {i};")));
        assert_eq!(severities(&rs.run(&LargeDeletion)), vec![Severity::Medium]);
    }

    #[test]
    fn asked_for_or_honest_deletions() {
        let go = || deleted("legacy/old.go", &lines(60, |i| format!("var v{i} = {i}")));
        let fx = Fixture::new(vec![go()]).task("Remove the legacy package");
        assert_eq!(severities(&fx.run(&LargeDeletion)), vec![Severity::Info]);
        // A rewrite that replaces as much as it removes; docs; a test file.
        let mut body = lines(50, |i| format!("-  const a{i} = {i};"));
        body.push_str(&lines(45, |i| format!("+  const b{i} = {i};")));
        assert!(
            Fixture::new(vec![modified("src/a.js", &body)])
                .run(&LargeDeletion)
                .is_empty()
        );
        let docs = deleted("docs/guide.md", &lines(200, |i| format!("line {i}")));
        assert!(Fixture::new(vec![docs]).run(&LargeDeletion).is_empty());
        let t = deleted("tests/test_big.py", &lines(200, |i| format!("x{i} = 1")));
        assert!(Fixture::new(vec![t]).run(&LargeDeletion).is_empty());
    }
}
