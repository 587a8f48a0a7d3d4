//! The verdict and its findings.

use serde::{Deserialize, Serialize};

/// What `baton verify` concludes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The tests pass and nothing in the change looks like a hack.
    Pass,
    /// The tests fail.
    Fail,
    /// The tests pass, but the change has findings at or above the threshold.
    Suspicious,
}

/// How strongly a finding suggests a hack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; never suspicious by itself.
    Info,
    Low,
    Medium,
    High,
}

/// One pattern of reward hacking. The JSON names are part of the report's
/// interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// Test files changed or deleted when the task did not ask for it.
    TestFileChanged,
    /// Assertions removed or weakened: fewer asserts, `assert True`,
    /// `assert x == x`, expected values edited to match new output.
    AssertionWeakened,
    /// Skip or xfail markers added: `#[ignore]`, `@pytest.mark.skip`,
    /// `.skip(`, `xit(`, `t.Skip(`, …
    SkipAdded,
    /// Test selection narrowed in configuration: conftest.py, pytest.ini or
    /// pyproject `addopts`, jest `testPathIgnorePatterns`, Cargo
    /// `test = false`, CI files.
    SelectionNarrowed,
    /// A harness exit in code under test: `sys.exit(0)`, `os._exit`,
    /// `process::exit(0)`, `std::process::abort`.
    HarnessExit,
    /// Literals from the tests copied into conditionals in non-test code.
    SpecialCasing,
    /// Equality or comparison overridden to always succeed.
    EqualityOverride,
    /// `todo!()`, `unimplemented!()`, `pass`, `return True`, constant
    /// returns replacing real logic.
    Stub,
    /// Large deletions in non-test code while the tests still pass.
    LargeDeletion,
    /// Code that reads test files, fixtures or git history at run time.
    ReadsTestFiles,
    /// Mocks that replace the unit under test.
    MockReplacesUnit,
    /// A test that existed at the base is gone (by the test inventory).
    TestRemoved,
    /// A test was renamed (gone under one name, new under a similar one).
    TestRenamed,
    /// A test that ran at the base is now ignored or skipped.
    TestNowSkipped,
    /// A test that passed at the base now fails.
    NewlyFailing,
}

/// One thing the inspection found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub kind: FindingKind,
    /// The file, relative to the repository root.
    pub file: String,
    /// The line in the changed file (or in the base, for removed lines).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// The lines that gave it away, as they appear in the diff.
    pub evidence: String,
    pub severity: Severity,
    /// Why this looks like a hack, in words for the agent and its user.
    pub explanation: String,
}

/// The result of one verification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub verdict: Verdict,
    /// The base revision the change was measured from (a commit id).
    pub base: String,
    pub findings: Vec<Finding>,
    /// What ran, if the tests ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tests: Option<crate::runner::TestRun>,
    /// Files the analysis skipped (binary, huge), with the reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<Skipped>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Skipped {
    pub file: String,
    pub reason: String,
}

impl Finding {
    pub fn new(
        kind: FindingKind,
        file: &str,
        line: Option<u32>,
        severity: Severity,
        evidence: String,
        explanation: impl Into<String>,
    ) -> Finding {
        Finding {
            kind,
            file: file.to_string(),
            line,
            evidence,
            severity,
            explanation: explanation.into(),
        }
    }
}
