//! Reading a runner's output: per-test outcomes where the output names them,
//! and the closing summary ("12 passed, 1 failed").

use serde::{Deserialize, Serialize};

use super::RunnerKind;

/// How one test ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Passed,
    Failed,
    Skipped,
}

/// One test's outcome, as the runner's output named it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestResult {
    /// The test as the runner names it: `tests::adds` (cargo),
    /// `test_x.py::test_adds` (pytest), `TestAdds` (go).
    pub id: String,
    pub outcome: Outcome,
}

/// Collects outcomes and the summary, one line at a time.
#[derive(Debug)]
pub(crate) struct Parser {
    family: RunnerKind,
    pub results: Vec<TestResult>,
    /// cargo prints one `test result:` line per test binary; they add up.
    counts: Counts,
    summary: Option<String>,
    go_ok: u32,
    go_failed: u32,
}

#[derive(Debug, Default)]
struct Counts {
    seen: bool,
    passed: u64,
    failed: u64,
    ignored: u64,
}

impl Parser {
    pub fn new(family: RunnerKind) -> Self {
        Self {
            family,
            results: Vec::new(),
            counts: Counts::default(),
            summary: None,
            go_ok: 0,
            go_failed: 0,
        }
    }

    pub fn line(&mut self, line: &str) {
        match self.family {
            RunnerKind::Cargo => self.cargo(line),
            RunnerKind::Nextest => self.nextest(line),
            RunnerKind::Pytest => self.pytest(line),
            RunnerKind::Go => self.go(line),
            RunnerKind::Vitest => self.after_label(line, "Tests"),
            RunnerKind::Jest => self.after_label(line, "Tests:"),
            RunnerKind::Npm | RunnerKind::Custom => self.node_test(line),
        }
    }

    pub fn summary(&self) -> Option<String> {
        if self.counts.seen {
            let c = &self.counts;
            let mut text = format!("{} passed, {} failed", c.passed, c.failed);
            if c.ignored > 0 {
                // Each tool's own word for it.
                let word = if self.family == RunnerKind::Cargo {
                    "ignored"
                } else {
                    "skipped"
                };
                text.push_str(&format!(", {} {word}", c.ignored));
            }
            return Some(text);
        }
        if self.family == RunnerKind::Go && self.go_ok + self.go_failed > 0 {
            return Some(format!(
                "{} packages passed, {} failed",
                self.go_ok, self.go_failed
            ));
        }
        self.summary.clone()
    }

    fn push(&mut self, id: &str, outcome: Outcome) {
        self.results.push(TestResult {
            id: id.to_owned(),
            outcome,
        });
    }

    /// libtest: `test tests::adds ... ok`, and per binary
    /// `test result: ok. 2 passed; 0 failed; 1 ignored; …`.
    fn cargo(&mut self, line: &str) {
        if let Some(rest) = line.strip_prefix("test result: ") {
            self.counts.seen = true;
            for part in rest.split(['.', ';']) {
                let mut words = part.split_whitespace();
                let (Some(n), Some(what)) = (words.next(), words.next()) else {
                    continue;
                };
                let Ok(n) = n.parse::<u64>() else { continue };
                match what {
                    "passed" => self.counts.passed += n,
                    "failed" => self.counts.failed += n,
                    "ignored" => self.counts.ignored += n,
                    _ => {}
                }
            }
        } else if let Some(rest) = line.strip_prefix("test ")
            && let Some((id, result)) = rest.split_once(" ... ")
        {
            let outcome = match result.split([',', ' ']).next().unwrap_or_default() {
                "ok" => Outcome::Passed,
                "FAILED" => Outcome::Failed,
                "ignored" => Outcome::Skipped,
                _ => return,
            };
            self.push(id.trim(), outcome);
        }
    }

    /// nextest: `        PASS [   0.004s] crate::bin tests::adds`, and
    /// `     Summary [   0.01s] 3 tests run: 2 passed, 1 failed, 1 skipped`.
    fn nextest(&mut self, line: &str) {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix("Summary ") {
            let text = rest.split_once("] ").map_or(rest, |(_, t)| t);
            self.summary = Some(text.trim().to_owned());
            return;
        }
        let Some((status, rest)) = trimmed.split_once(' ') else {
            return;
        };
        let outcome = match status {
            "PASS" => Outcome::Passed,
            "FAIL" | "TIMEOUT" | "SIGSEGV" | "SIGABRT" => Outcome::Failed,
            "SKIP" => Outcome::Skipped,
            _ => return,
        };
        // After the `[ time ]` comes `binary-id test-name`.
        let Some((_, names)) = rest.split_once("] ") else {
            return;
        };
        if let Some(id) = names.split_whitespace().last() {
            self.push(id, outcome);
        }
    }

    /// pytest: the closing `==== 1 failed, 2 passed in 0.03s ====`; with
    /// `-v`, `test_x.py::test_a PASSED [ 50%]`; and in the short summary,
    /// `FAILED test_x.py::test_b - assert 1 == 2`.
    fn pytest(&mut self, line: &str) {
        if line.starts_with('=') && line.ends_with('=') && line.contains(" in ") {
            let inner = line.trim_matches(|c| c == '=' || c == ' ');
            let words = inner.rsplit_once(" in ").map_or(inner, |(w, _)| w);
            if words.split(", ").all(|w| {
                w.split_once(' ')
                    .is_some_and(|(n, _)| n.parse::<u64>().is_ok())
            }) {
                self.summary = Some(words.to_owned());
            }
            return;
        }
        let outcome_of = |word: &str| match word {
            "PASSED" | "XPASS" => Some(Outcome::Passed),
            "FAILED" | "ERROR" => Some(Outcome::Failed),
            "SKIPPED" | "XFAIL" => Some(Outcome::Skipped),
            _ => None,
        };
        let mut words = line.split_whitespace();
        let (Some(first), Some(second)) = (words.next(), words.next()) else {
            return;
        };
        if first.contains("::")
            && let Some(outcome) = outcome_of(second)
        {
            self.push(first, outcome);
        } else if second.contains("::")
            && let Some(outcome @ Outcome::Failed) = outcome_of(first)
            && !self.results.iter().any(|r| r.id == second)
        {
            self.push(second, outcome);
        }
    }

    /// go: `--- FAIL: TestX (0.00s)` (and PASS/SKIP under `-v`), and per
    /// package `ok  example.com/m  0.002s` or `FAIL  example.com/m  0.003s` (tab-separated).
    fn go(&mut self, line: &str) {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix("--- ") {
            let Some((status, rest)) = rest.split_once(": ") else {
                return;
            };
            let outcome = match status {
                "PASS" => Outcome::Passed,
                "FAIL" => Outcome::Failed,
                "SKIP" => Outcome::Skipped,
                _ => return,
            };
            if let Some(id) = rest.split_whitespace().next() {
                self.push(id, outcome);
            }
        } else if line.starts_with("ok  \t") || line.starts_with("ok \t") {
            self.go_ok += 1;
        } else if line.starts_with("FAIL\t") {
            self.go_failed += 1;
        }
    }

    /// vitest `      Tests  1 failed | 2 passed (3)`, jest `Tests:       1 failed, 2 passed, 3 total`.
    fn after_label(&mut self, line: &str, label: &str) {
        if let Some(rest) = line.trim_start().strip_prefix(label)
            && rest.starts_with(' ')
            && rest.trim_start().starts_with(|c: char| c.is_ascii_digit())
        {
            self.summary = Some(rest.trim().to_owned());
        }
    }

    /// `node --test` (what `npm test` often runs): `# pass 2` (TAP) or
    /// `ℹ pass 2` (spec), plus `fail` and `skipped`.
    fn node_test(&mut self, line: &str) {
        let Some(rest) = line.strip_prefix("# ").or_else(|| line.strip_prefix("ℹ ")) else {
            return;
        };
        let mut words = rest.split_whitespace();
        let (Some(what), Some(n), None) = (words.next(), words.next(), words.next()) else {
            return;
        };
        let Ok(n) = n.parse::<u64>() else { return };
        match what {
            "pass" => {
                self.counts.passed = n;
                self.counts.seen = true;
            }
            "fail" => {
                self.counts.failed = n;
                self.counts.seen = true;
            }
            "skipped" => self.counts.ignored = n,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    fn parse(family: RunnerKind, text: &str) -> Parser {
        let mut parser = Parser::new(family);
        text.lines().for_each(|l| parser.line(l));
        parser
    }

    #[test]
    fn cargo_outcomes_and_summed_binaries() {
        let p = parse(
            RunnerKind::Cargo,
            "test tests::adds ... ok\ntest tests::bad ... FAILED\n\
             test tests::slow ... ignored, too slow\n\
             test result: FAILED. 1 passed; 1 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.00s\n\
             test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s\n",
        );
        assert_eq!(
            p.summary().as_deref(),
            Some("3 passed, 1 failed, 1 ignored")
        );
        let outcomes: Vec<_> = p
            .results
            .iter()
            .map(|r| (r.id.as_str(), r.outcome))
            .collect();
        assert_eq!(
            outcomes,
            [
                ("tests::adds", Outcome::Passed),
                ("tests::bad", Outcome::Failed),
                ("tests::slow", Outcome::Skipped)
            ]
        );
    }

    #[test]
    fn pytest_summary_and_failures() {
        let p = parse(
            RunnerKind::Pytest,
            "..F\n=== short test summary info ===\n\
             FAILED test_a.py::test_bad - assert 1 == 2\n\
             ===== 1 failed, 2 passed, 1 skipped in 0.03s =====\n",
        );
        assert_eq!(
            p.summary().as_deref(),
            Some("1 failed, 2 passed, 1 skipped")
        );
        assert_eq!(p.results[0].id, "test_a.py::test_bad");
        assert_eq!(p.results[0].outcome, Outcome::Failed);
    }

    #[test]
    fn go_nextest_vitest_jest_node() {
        let go = parse(
            RunnerKind::Go,
            "--- FAIL: TestBad (0.00s)\nFAIL\nFAIL\tex.com/m\t0.003s\nok  \tex.com/m/b\t0.002s\n",
        );
        assert_eq!(go.summary().as_deref(), Some("1 packages passed, 1 failed"));
        assert_eq!(go.results[0].id, "TestBad");
        let nextest = parse(
            RunnerKind::Nextest,
            "        PASS [   0.004s] m tests::adds\n     Summary [   0.01s] 2 tests run: 1 passed, 1 failed, 0 skipped\n",
        );
        assert_eq!(nextest.results[0].id, "tests::adds");
        assert_eq!(
            nextest.summary().as_deref(),
            Some("2 tests run: 1 passed, 1 failed, 0 skipped")
        );
        let vitest = parse(RunnerKind::Vitest, "      Tests  1 failed | 2 passed (3)\n");
        assert_eq!(vitest.summary().as_deref(), Some("1 failed | 2 passed (3)"));
        let jest = parse(
            RunnerKind::Jest,
            "Tests:       1 failed, 2 passed, 3 total\n",
        );
        assert_eq!(
            jest.summary().as_deref(),
            Some("1 failed, 2 passed, 3 total")
        );
        let node = parse(
            RunnerKind::Npm,
            "# tests 3\n# pass 2\n# fail 1\n# skipped 0\n",
        );
        assert_eq!(node.summary().as_deref(), Some("2 passed, 1 failed"));
    }
}
