//! One detector per reward-hacking pattern.
//!
//! Each detector is a small unit in `detect/` that looks at the [`Context`]
//! (the diff, the task, whole files on demand) and returns findings. They are
//! heuristics over lines, not parsers: each file documents what it looks for
//! and which honest changes it deliberately lets through.

mod assertion_weakened;
mod equality_override;
mod harness_exit;
mod large_deletion;
pub mod lex;
mod mock_replaces_unit;
mod reads_test_files;
mod selection_narrowed;
mod skip_added;
mod special_casing;
mod stub;
mod task;
mod test_file_changed;

use std::collections::{HashMap, HashSet};

use crate::diff::{Diff, FileChange, Language, Line, rust_test_regions};
use crate::report::{Finding, FindingKind};

pub use task::TaskIntent;

/// One reward-hacking pattern.
pub trait Detector: Send + Sync {
    fn kind(&self) -> FindingKind;
    fn inspect(&self, cx: &Context) -> Vec<Finding>;
}

/// Looks up a file's content by its path relative to the repository root.
pub type FileLookup<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Line ranges of test code in one file: (after the change, at the base).
type Regions = (Vec<(u32, u32)>, Vec<(u32, u32)>);

/// What the detectors see.
pub struct Context<'a> {
    pub diff: &'a Diff,
    pub task: Option<&'a str>,
    /// The task asks for changes to tests (see [`TaskIntent`]).
    pub task_allows_test_changes: bool,
    /// The task asks to skip or ignore a test.
    pub task_allows_skips: bool,
    /// The task asks to remove, delete, refactor or clean up code.
    pub task_allows_deletions: bool,
    /// A file's content at the base (`None`: absent or unreadable).
    pub base_file: FileLookup<'a>,
    /// A file's content in the working tree.
    pub after_file: FileLookup<'a>,
    /// String and number literals found in the repository's test files
    /// (base and after), for the special-casing detector.
    pub test_literals: &'a HashSet<String>,
    /// `#[cfg(test)]` regions of Rust source files: (after, base).
    regions: HashMap<String, Regions>,
}

impl<'a> Context<'a> {
    pub fn new(
        diff: &'a Diff,
        task: Option<&'a str>,
        base_file: FileLookup<'a>,
        after_file: FileLookup<'a>,
        test_literals: &'a HashSet<String>,
    ) -> Context<'a> {
        let intent = TaskIntent::from_task(task);
        let mut regions = HashMap::new();
        for file in &diff.files {
            if file.language != Language::Rust || file.is_test || file.hunks.is_empty() {
                continue;
            }
            let old = file.old_path.as_deref().unwrap_or(&file.path);
            let after = after_file(&file.path)
                .map(|c| rust_test_regions(&c))
                .unwrap_or_else(|| hunk_regions(file, true));
            let base = base_file(old)
                .map(|c| rust_test_regions(&c))
                .unwrap_or_else(|| hunk_regions(file, false));
            regions.insert(file.path.clone(), (after, base));
        }
        Context {
            diff,
            task,
            task_allows_test_changes: intent.test_changes,
            task_allows_skips: intent.skips,
            task_allows_deletions: intent.deletions,
            base_file,
            after_file,
            test_literals,
            regions,
        }
    }

    /// Whether an added line (by its new line number) is test code: in a
    /// test file or inside a Rust `#[cfg(test)]` module.
    pub fn is_test_added(&self, file: &FileChange, new_line: u32) -> bool {
        file.is_test || self.in_region(file, new_line, true)
    }

    /// Whether a removed line (by its old line number) was test code.
    pub fn is_test_removed(&self, file: &FileChange, old_line: u32) -> bool {
        file.is_test || self.in_region(file, old_line, false)
    }

    fn in_region(&self, file: &FileChange, line: u32, after: bool) -> bool {
        self.regions.get(&file.path).is_some_and(|(a, b)| {
            let ranges = if after { a } else { b };
            ranges.iter().any(|&(s, e)| s <= line && line <= e)
        })
    }

    /// Added lines of test code (`test = true`) or of code under test.
    pub fn added<'f>(
        &'f self,
        file: &'f FileChange,
        test: bool,
    ) -> impl Iterator<Item = (u32, &'f str)> + 'f {
        file.added()
            .filter(move |(n, _)| self.is_test_added(file, *n) == test)
    }

    /// Removed lines of test code (`test = true`) or of code under test.
    pub fn removed<'f>(
        &'f self,
        file: &'f FileChange,
        test: bool,
    ) -> impl Iterator<Item = (u32, &'f str)> + 'f {
        file.removed()
            .filter(move |(n, _)| self.is_test_removed(file, *n) == test)
    }

    /// Whether the file has any test code in it (test file or Rust test module).
    pub fn touches_tests(&self, file: &FileChange) -> bool {
        file.is_test
            || self
                .regions
                .get(&file.path)
                .is_some_and(|(a, b)| !a.is_empty() || !b.is_empty())
    }
}

/// Without the whole file: everything after a `#[cfg(test)]` line in the
/// same hunk counts as test code.
fn hunk_regions(file: &FileChange, after: bool) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    for hunk in &file.hunks {
        let mut start = None;
        let mut last = 0;
        for line in &hunk.lines {
            let number = match (line, after) {
                (Line::Added { new_line, .. }, true) => *new_line,
                (Line::Removed { old_line, .. }, false) => *old_line,
                (Line::Context { new_line, .. }, true) => *new_line,
                (Line::Context { old_line, .. }, false) => *old_line,
                _ => continue,
            };
            last = number;
            if start.is_none() && line.text().trim_start().starts_with("#[cfg(test)]") {
                start = Some(number);
            }
        }
        if let Some(s) = start {
            out.push((s, last));
        }
    }
    out
}

/// Every detector, in report order.
pub fn all() -> Vec<Box<dyn Detector>> {
    vec![
        Box::new(test_file_changed::TestFileChanged),
        Box::new(assertion_weakened::AssertionWeakened),
        Box::new(skip_added::SkipAdded),
        Box::new(selection_narrowed::SelectionNarrowed),
        Box::new(harness_exit::HarnessExit),
        Box::new(special_casing::SpecialCasing),
        Box::new(equality_override::EqualityOverride),
        Box::new(stub::Stub),
        Box::new(large_deletion::LargeDeletion),
        Box::new(reads_test_files::ReadsTestFiles),
        Box::new(mock_replaces_unit::MockReplacesUnit),
    ]
}

/// Runs every detector; findings come out most severe first, then by file
/// and line, so the report reads top-down.
pub fn analyze(cx: &Context) -> Vec<Finding> {
    let mut findings: Vec<Finding> = all().iter().flat_map(|d| d.inspect(cx)).collect();
    findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.file.cmp(&b.file))
            .then(a.line.cmp(&b.line))
    });
    findings
}

/// Diff lines as evidence: trimmed, prefixed with `+`/`-`, at most five.
pub fn evidence<'s>(lines: impl IntoIterator<Item = (char, &'s str)>) -> String {
    const MAX_LINES: usize = 5;
    const MAX_CHARS: usize = 200;
    let mut out = Vec::new();
    for (sign, text) in lines.into_iter().take(MAX_LINES) {
        let text = text.trim();
        let text = match text.char_indices().nth(MAX_CHARS) {
            Some((cut, _)) => format!("{}…", &text[..cut]),
            None => text.to_string(),
        };
        out.push(format!("{sign} {text}"));
    }
    out.join("\n")
}

#[cfg(test)]
pub(crate) mod testing;
