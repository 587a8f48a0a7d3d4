//! `verify`: the whole check, from options to report.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

use crate::detect::{self, Context};
use crate::repo::Repo;
use crate::report::{Report, Severity, Verdict};
use crate::{inventory, runner};

/// What to verify and how.
#[derive(Debug, Clone)]
pub struct VerifyOptions {
    /// A directory inside the repository.
    pub dir: PathBuf,
    /// The base revision; `None` for the default (see [`Repo::resolve_base`]).
    pub base: Option<String>,
    /// The task the agent was given; it decides which test changes are expected.
    pub task: Option<String>,
    /// Run the tests (and compare the test inventories); `false` analyses the diff only.
    pub run_tests: bool,
    /// The test command; `None` detects it.
    pub command: Option<String>,
    pub timeout: Duration,
    /// Findings at or above this severity make the verdict Suspicious.
    pub threshold: Severity,
    /// Where to write the full test output when it is longer than the tail.
    pub spill_dir: Option<PathBuf>,
}

impl VerifyOptions {
    pub fn new(dir: impl Into<PathBuf>) -> VerifyOptions {
        VerifyOptions {
            dir: dir.into(),
            base: None,
            task: None,
            run_tests: true,
            command: None,
            timeout: Duration::from_secs(600),
            threshold: Severity::Medium,
            spill_dir: None,
        }
    }
}

/// Why a verification could not be done. Each message says what to do.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    #[error("not a git repository: {}; run baton verify inside a git checkout (or `git init` one)", dir.display())]
    NotARepo { dir: PathBuf },
    #[error(
        "unknown base revision {rev}; check the name with `git log --oneline` or `git branch -a`"
    )]
    UnknownBase { rev: String },
    #[error("the repository has no commits yet; commit a base first, or pass --base")]
    NoCommits,
    #[error("cannot run the tests: {hint}")]
    NoRunner { hint: String },
    #[error("the tests could not be run: {message}; check the test command (`[verify] command`)")]
    Tests { message: String },
    #[error("`{command}` failed: {message}")]
    Git { command: String, message: String },
    #[error("{what}: {source}")]
    Io {
        what: String,
        #[source]
        source: std::io::Error,
    },
}

/// Verifies the change in `opts.dir`: the diff analysis, and the tests when
/// `opts.run_tests` is set.
pub async fn verify(opts: &VerifyOptions) -> Result<Report, VerifyError> {
    let repo = Repo::open(&opts.dir)?;
    let base = repo.resolve_base(opts.base.as_deref())?;
    let mut report = analyze(&repo, &base, opts.task.as_deref())?;
    if opts.run_tests {
        let runner = runner::detect(repo.root(), opts.command.as_deref()).map_err(|e| {
            VerifyError::NoRunner {
                hint: e.to_string(),
            }
        })?;
        let run = runner::run(
            repo.root(),
            &runner,
            opts.timeout,
            opts.spill_dir.as_deref(),
        )
        .await
        .map_err(|e| VerifyError::Tests {
            message: e.to_string(),
        })?;
        // The inventories are a second opinion: when listing fails (a base
        // that does not build, say) the run and the diff analysis still stand.
        let after = inventory::list(repo.root(), &runner, opts.timeout).await;
        let worktree = repo.worktree_at(&base)?;
        let before = inventory::list(worktree.path(), &runner, opts.timeout).await;
        drop(worktree);
        if let (Ok(before), Ok(after)) = (before, after) {
            report.findings.extend(inventory::compare(&before, &after));
            sort(&mut report.findings);
        }
        report.tests = Some(run);
    }
    report.verdict = verdict(&report, opts.threshold);
    Ok(report)
}

/// The diff analysis alone, with the default threshold (Medium).
pub fn analyze_repo(
    dir: &std::path::Path,
    base: Option<&str>,
    task: Option<&str>,
) -> Result<Report, VerifyError> {
    let repo = Repo::open(dir)?;
    let base = repo.resolve_base(base)?;
    let mut report = analyze(&repo, &base, task)?;
    report.verdict = verdict(&report, Severity::Medium);
    Ok(report)
}

fn analyze(repo: &Repo, base: &str, task: Option<&str>) -> Result<Report, VerifyError> {
    let diff = repo.diff(base)?;
    let literals = repo.test_literals(base, &diff)?;
    // Detectors ask for the same files again and again, and each base
    // lookup is a `git show`: remember every answer.
    let base_cache: RefCell<HashMap<String, Option<String>>> = RefCell::default();
    let after_cache: RefCell<HashMap<String, Option<String>>> = RefCell::default();
    let base_file = |p: &str| cached(&base_cache, p, || repo.file_at(base, p));
    let after_file = |p: &str| cached(&after_cache, p, || repo.current_file(p));
    let cx = Context::new(&diff, task, &base_file, &after_file, &literals);
    let findings = detect::analyze(&cx);
    Ok(Report {
        verdict: Verdict::Pass,
        base: base.to_string(),
        findings,
        tests: None,
        skipped: diff.skipped.clone(),
    })
}

fn cached(
    cache: &RefCell<HashMap<String, Option<String>>>,
    path: &str,
    load: impl FnOnce() -> Option<String>,
) -> Option<String> {
    if let Some(hit) = cache.borrow().get(path) {
        return hit.clone();
    }
    let value = load();
    cache.borrow_mut().insert(path.to_owned(), value.clone());
    value
}

fn sort(findings: &mut [crate::report::Finding]) {
    findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.file.cmp(&b.file))
            .then(a.line.cmp(&b.line))
    });
}

/// Failing tests decide; otherwise any finding at or above the threshold.
fn verdict(report: &Report, threshold: Severity) -> Verdict {
    if report.tests.as_ref().is_some_and(|t| !t.passed) {
        Verdict::Fail
    } else if report.findings.iter().any(|f| f.severity >= threshold) {
        Verdict::Suspicious
    } else {
        Verdict::Pass
    }
}
