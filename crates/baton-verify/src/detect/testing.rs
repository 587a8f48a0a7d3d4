//! Building diffs and contexts for the detectors' unit tests.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{HashMap, HashSet};

use super::{Context, Detector};
use crate::diff::{Diff, FileChange, Hunk, Line, Status};
use crate::report::{Finding, Severity};

/// A change to one file from a body of `+added`, `-removed` and ` context`
/// lines (one hunk starting at line 1 on both sides).
pub fn file(path: &str, status: Status, body: &str) -> FileChange {
    let mut change = FileChange::new(path, None, status);
    let mut hunk = Hunk {
        old_start: 1,
        new_start: 1,
        lines: Vec::new(),
    };
    let (mut old, mut new) = (1, 1);
    for line in body.lines() {
        let (sign, text) = line.split_at(line.len().min(1));
        let text = text.to_string();
        match sign {
            "+" => {
                hunk.lines.push(Line::Added {
                    new_line: new,
                    text,
                });
                new += 1;
            }
            "-" => {
                hunk.lines.push(Line::Removed {
                    old_line: old,
                    text,
                });
                old += 1;
            }
            _ => {
                hunk.lines.push(Line::Context {
                    old_line: old,
                    new_line: new,
                    text,
                });
                old += 1;
                new += 1;
            }
        }
    }
    change.hunks.push(hunk);
    change
}

pub fn modified(path: &str, body: &str) -> FileChange {
    file(path, Status::Modified, body)
}

/// A new file: every line added.
pub fn added(path: &str, content: &str) -> FileChange {
    let body: String = content.lines().map(|l| format!("+{l}\n")).collect();
    file(path, Status::Added, &body)
}

/// A deleted file: every line removed.
pub fn deleted(path: &str, content: &str) -> FileChange {
    let body: String = content.lines().map(|l| format!("-{l}\n")).collect();
    file(path, Status::Deleted, &body)
}

/// Everything a [`Context`] borrows, owned, so tests can build one in a line.
#[derive(Default)]
pub struct Fixture {
    pub diff: Diff,
    pub task: Option<String>,
    pub base: HashMap<String, String>,
    pub after: HashMap<String, String>,
    pub literals: HashSet<String>,
}

impl Fixture {
    pub fn new(files: Vec<FileChange>) -> Fixture {
        Fixture {
            diff: Diff {
                files,
                skipped: Vec::new(),
            },
            ..Fixture::default()
        }
    }

    pub fn task(mut self, task: &str) -> Fixture {
        self.task = Some(task.to_string());
        self
    }

    pub fn base(mut self, path: &str, content: &str) -> Fixture {
        self.base.insert(path.to_string(), content.to_string());
        self
    }

    pub fn after(mut self, path: &str, content: &str) -> Fixture {
        self.after.insert(path.to_string(), content.to_string());
        self
    }

    pub fn literals(mut self, literals: &[&str]) -> Fixture {
        self.literals.extend(literals.iter().map(|s| s.to_string()));
        self
    }

    pub fn run(&self, detector: &dyn Detector) -> Vec<Finding> {
        let base = |p: &str| self.base.get(p).cloned();
        let after = |p: &str| self.after.get(p).cloned();
        let cx = Context::new(
            &self.diff,
            self.task.as_deref(),
            &base,
            &after,
            &self.literals,
        );
        let findings = detector.inspect(&cx);
        for f in &findings {
            assert_eq!(f.kind, detector.kind(), "a detector reports its own kind");
            assert!(!f.explanation.is_empty(), "every finding explains itself");
            assert!(
                f.evidence.lines().count() <= 5,
                "evidence is at most five lines"
            );
        }
        findings
    }
}

/// The severities of the findings, in order.
pub fn severities(findings: &[Finding]) -> Vec<Severity> {
    findings.iter().map(|f| f.severity).collect()
}
