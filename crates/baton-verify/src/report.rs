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

impl Report {
    /// The report for a terminal: the verdict, each finding with its
    /// evidence, the test run, the skipped files.
    pub fn render_text(&self) -> String {
        let mut out = String::new();
        let verdict = match self.verdict {
            Verdict::Pass => "PASS",
            Verdict::Fail => "FAIL",
            Verdict::Suspicious => "SUSPICIOUS",
        };
        let base = self.base.get(..12).unwrap_or(&self.base);
        out.push_str(&format!(
            "verdict: {verdict} (base {base}, {} finding(s))\n",
            self.findings.len()
        ));
        for f in &self.findings {
            let kind = serde_json::to_value(f.kind)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default();
            let place = match f.line {
                Some(n) => format!("{}:{n}", f.file),
                None => f.file.clone(),
            };
            out.push_str(&format!(
                "\n{:<6} {kind} {place} — {}\n",
                severity_label(f.severity),
                f.explanation
            ));
            for line in f.evidence.lines() {
                out.push_str(&format!("         {line}\n"));
            }
        }
        if let Some(t) = &self.tests {
            let status = if t.timed_out {
                "timed out".to_string()
            } else if t.passed {
                "passed".to_string()
            } else {
                format!(
                    "failed (exit {})",
                    t.exit_code.map_or("none".into(), |c| c.to_string())
                )
            };
            out.push_str(&format!(
                "\ntests: `{}` {status} in {} ms\n",
                t.command, t.duration_ms
            ));
            if !t.passed && !t.output_tail.is_empty() {
                for line in t.output_tail.lines() {
                    out.push_str(&format!("  | {line}\n"));
                }
            }
            if let Some(p) = &t.output_file {
                out.push_str(&format!("  full output: {}\n", p.display()));
            }
        }
        if !self.skipped.is_empty() {
            out.push_str("\nskipped:\n");
            for s in &self.skipped {
                out.push_str(&format!("  {}: {}\n", s.file, s.reason));
            }
        }
        out
    }
}

fn severity_label(s: Severity) -> &'static str {
    match s {
        Severity::Info => "INFO",
        Severity::Low => "LOW",
        Severity::Medium => "MEDIUM",
        Severity::High => "HIGH",
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    #[test]
    fn text_report_lists_findings_with_evidence_and_skips() {
        let report = Report {
            verdict: Verdict::Suspicious,
            base: "0123456789abcdef".into(),
            findings: vec![Finding::new(
                FindingKind::SkipAdded,
                "tests/test_a.py",
                Some(3),
                Severity::High,
                "+ @pytest.mark.skip".into(),
                "A skipped test cannot fail.",
            )],
            tests: None,
            skipped: vec![Skipped {
                file: "logo.png".into(),
                reason: "binary file".into(),
            }],
        };
        let text = report.render_text();
        assert!(text.starts_with("verdict: SUSPICIOUS (base 0123456789ab, 1 finding(s))"));
        assert!(text.contains("HIGH   skip_added tests/test_a.py:3 — A skipped test cannot fail."));
        assert!(text.contains("         + @pytest.mark.skip"));
        assert!(text.contains("logo.png: binary file"));
    }
}
