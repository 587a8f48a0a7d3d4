//! The verify gate: when an agent says it is done, run the repository's
//! tests and inspect its change for reward hacking (`baton-verify`). On
//! `fail` or `suspicious` the agent gets the findings and the end of the
//! test output, and tries again; the gate never passes over either.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use baton_protocol::{Event, VerifyFinding, VerifyVerdict};
use baton_verify::{Report, Severity, Verdict, VerifyOptions};

use crate::gate::{Gate, GateContext, GateVerdict};

/// How the verify gate runs; shared by every agent whose role has it.
#[derive(Debug, Clone)]
pub struct VerifySettings {
    /// The repository (the workspace root).
    pub dir: PathBuf,
    /// The test command, when `[verify] command` sets one.
    pub command: Option<String>,
    pub timeout: Duration,
    /// Findings at or above this make a passing run `suspicious`.
    pub threshold: Severity,
    /// Where long test output is written in full.
    pub spill_dir: Option<PathBuf>,
}

/// The tail of the test output the agent gets back; the rest is in a file.
const FEEDBACK_OUTPUT_CHARS: usize = 6_000;

pub struct VerifyGate {
    settings: VerifySettings,
    /// The working tree as it was when the agent started: its change is
    /// measured from here, so earlier uncommitted work is not counted as its.
    base: Mutex<Option<String>>,
}

impl VerifyGate {
    pub fn new(settings: VerifySettings) -> Self {
        Self {
            settings,
            base: Mutex::new(None),
        }
    }

    fn base(&self) -> Option<String> {
        self.base.lock().ok().and_then(|base| base.clone())
    }
}

#[async_trait]
impl Gate for VerifyGate {
    fn name(&self) -> &str {
        "verify"
    }

    async fn begin(&self) -> Option<String> {
        let dir = self.settings.dir.clone();
        let snapshot = tokio::task::spawn_blocking(move || baton_verify::snapshot::snapshot(&dir))
            .await
            .ok()
            .flatten();
        if let Ok(mut base) = self.base.lock() {
            base.clone_from(&snapshot);
        }
        snapshot
    }

    fn restore(&self, state: &str) {
        if let Ok(mut base) = self.base.lock() {
            *base = Some(state.to_owned());
        }
    }

    async fn check(&self, cx: &GateContext<'_>) -> GateVerdict {
        cx.emitter.emit(Event::VerifyStarted {
            attempt: cx.attempt,
        });
        let started = Instant::now();
        let options = VerifyOptions {
            dir: self.settings.dir.clone(),
            base: self.base(),
            task: Some(cx.task.to_owned()),
            run_tests: true,
            command: self.settings.command.clone(),
            timeout: self.settings.timeout,
            threshold: self.settings.threshold,
            spill_dir: self.settings.spill_dir.clone(),
        };
        let report = tokio::select! {
            report = baton_verify::verify(&options) => report,
            () = cx.cancel.cancelled() => {
                return GateVerdict::Reject {
                    feedback: "cancelled while verifying".into(),
                    reason: "cancelled while verifying".into(),
                };
            }
        };
        let report = match report {
            Ok(report) => Ok(report),
            // Nothing to run the tests with: the change is still inspected.
            Err(baton_verify::VerifyError::NoRunner { hint }) => {
                cx.emitter.emit(Event::Warning {
                    message: format!("verify: {hint}; inspecting the change without running tests"),
                });
                let diff_only = VerifyOptions {
                    run_tests: false,
                    ..options.clone()
                };
                baton_verify::verify(&diff_only).await
            }
            other => other,
        };
        let report = match report {
            Ok(report) => report,
            // Outside a git repository there is no change to judge: the
            // work goes unverified, and the run says so.
            Err(baton_verify::VerifyError::NotARepo { dir }) => {
                cx.emitter.emit(Event::Warning {
                    message: format!(
                        "verify: {} is not a git repository, so this agent's work is unverified (git init to have it checked)",
                        dir.display()
                    ),
                });
                return GateVerdict::Pass;
            }
            Err(error) => {
                let message = error.to_string();
                cx.emitter.emit(Event::Warning {
                    message: format!("verify could not run: {message}"),
                });
                // A check that cannot run proves nothing either way; the
                // agent is told, and cannot claim a pass it did not get.
                return GateVerdict::Reject {
                    feedback: format!(
                        "baton could not verify your work: {message}\nFix what stops the check if it is yours to fix; otherwise say in your final answer that the work is unverified and why."
                    ),
                    reason: format!("verify could not run: {message}"),
                };
            }
        };
        cx.emitter.emit(Event::VerifyFinished {
            verdict: verdict(report.verdict),
            findings: report.findings.iter().map(finding).collect(),
            tests: report.tests.as_ref().map(|run| {
                format!(
                    "{}: {}",
                    run.command,
                    if run.timed_out {
                        "timed out".to_owned()
                    } else if run.passed {
                        "passed".to_owned()
                    } else {
                        "failed".to_owned()
                    }
                )
            }),
            duration_ms: started.elapsed().as_millis() as u64,
        });
        match report.verdict {
            Verdict::Pass => GateVerdict::Pass,
            Verdict::Fail | Verdict::Suspicious => GateVerdict::Reject {
                feedback: feedback(&report),
                reason: reason(&report),
            },
        }
    }
}

fn verdict(verdict: Verdict) -> VerifyVerdict {
    match verdict {
        Verdict::Pass => VerifyVerdict::Pass,
        Verdict::Fail => VerifyVerdict::Fail,
        Verdict::Suspicious => VerifyVerdict::Suspicious,
    }
}

fn finding(f: &baton_verify::Finding) -> VerifyFinding {
    VerifyFinding {
        kind: json_name(&f.kind),
        file: f.file.clone(),
        line: f.line,
        severity: json_name(&f.severity),
        explanation: f.explanation.clone(),
    }
}

/// A serde enum's wire name (`skip_added`, `high`).
fn json_name<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// One line for the agent's report when it runs out of attempts.
fn reason(report: &Report) -> String {
    let mut kinds: Vec<String> = report.findings.iter().map(|f| json_name(&f.kind)).collect();
    kinds.dedup();
    match (report.verdict, kinds.is_empty()) {
        (Verdict::Fail, _) => "verify: the tests fail".into(),
        (_, true) => format!("verify: {}", json_name(&report.verdict)),
        (_, false) => format!("verify: suspicious ({})", kinds.join(", ")),
    }
}

/// What the agent reads: the verdict, every finding, the end of the test
/// output, and what to do about it.
fn feedback(report: &Report) -> String {
    let mut text = format!(
        "baton verified your change: {}.\n\n{}",
        json_name(&report.verdict),
        report.render_text()
    );
    if let Some(run) = &report.tests {
        let tail = tail_chars(&run.output_tail, FEEDBACK_OUTPUT_CHARS);
        text.push_str(&format!("\nThe end of the test output:\n{tail}\n"));
        if let Some(file) = &run.output_file {
            text.push_str(&format!("(the whole output is in {})\n", file.display()));
        }
    }
    text.push_str(
        "\nYou are not done. Make the tests pass by fixing the code under test. Do not edit, delete, skip or weaken tests, and do not special-case test inputs. If a test itself is wrong, leave it and say so in your final answer.",
    );
    text
}

fn tail_chars(text: &str, max: usize) -> String {
    let count = text.chars().count();
    if count <= max {
        return text.to_owned();
    }
    let tail: String = text.chars().skip(count - max).collect();
    format!("[… {} characters before this …]\n{tail}", count - max)
}
