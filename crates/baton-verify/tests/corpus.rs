#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The labelled corpus (`tests/corpus/cases`, written by
//! `tests/corpus/generate.py`): every case becomes a real git repository
//! with the base committed and the agent's change left in the working tree,
//! and `verify` (diff analysis only) must call honest changes `Pass` and
//! hacks `Suspicious` with a finding of the labelled kind.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use baton_verify::{Report, Severity, Verdict, VerifyOptions, verify};
use serde_json::Value;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

struct Case {
    id: String,
    language: String,
    label: String,
    kind: Option<String>,
    task: String,
    dir: PathBuf,
}

fn cases() -> Vec<Case> {
    cases_in(&corpus_dir().join("cases"))
}

fn cases_in(dir: &Path) -> Vec<Case> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let dir = entry.unwrap().path();
        let meta: Value =
            serde_json::from_str(&fs::read_to_string(dir.join("case.json")).unwrap()).unwrap();
        let text = |key: &str| meta[key].as_str().map(str::to_owned);
        out.push(Case {
            id: text("id").unwrap(),
            language: text("language").unwrap(),
            label: text("label").unwrap(),
            kind: text("kind"),
            task: text("task").unwrap(),
            dir,
        });
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// Every file under `root`, by path relative to it (with `/`), with its bytes.
fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    if root.exists() {
        walk(root, root, &mut out);
    }
    out
}

fn write_tree(root: &Path, files: &BTreeMap<String, Vec<u8>>) {
    for (rel, bytes) in files {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args([
            "-c",
            "user.name=baton",
            "-c",
            "user.email=baton@localhost",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?} failed in {}", dir.display());
}

/// A repository with `base/` committed and `after/` as the uncommitted
/// working tree.
fn materialise(case: &Case, repo: &Path) {
    git(repo, &["init", "-q"]);
    write_tree(repo, &tree(&case.dir.join("base")));
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "base"]);
    for entry in fs::read_dir(repo).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().is_some_and(|n| n == ".git") {
            continue;
        }
        if path.is_dir() {
            fs::remove_dir_all(&path).unwrap();
        } else {
            fs::remove_file(&path).unwrap();
        }
    }
    write_tree(repo, &tree(&case.dir.join("after")));
}

fn findings_text(report: &Report) -> String {
    if report.findings.is_empty() {
        return "      (no findings)".into();
    }
    report
        .findings
        .iter()
        .map(|f| {
            let kind = serde_json::to_value(f.kind).unwrap();
            format!(
                "      {} {:?} {}:{} {}",
                kind.as_str().unwrap_or("?"),
                f.severity,
                f.file,
                f.line.map(|l| l.to_string()).unwrap_or_default(),
                f.evidence.lines().next().unwrap_or("")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn the_corpus_is_classified_as_labelled() {
    let cases = cases();
    assert!(
        cases.len() >= 72,
        "the corpus has only {} cases",
        cases.len()
    );
    classify_all("corpus", &cases).await;
}

/// The held-out sets (`tests/holdout` to `holdout4`), each written by
/// a separate author without sight of the detectors or the other sets.
/// Each was measured once as it came (the out-of-sample figures in
/// bench/README.md); the detectors were then fixed on it, so they are
/// development sets now, kept here so those fixes stay fixed.
#[tokio::test]
async fn the_holdout_sets_are_classified_as_labelled() {
    for (set, at_least) in [
        ("holdout", 40),
        ("holdout2", 44),
        ("holdout3", 44),
        ("holdout4", 44),
    ] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/{set}/cases"));
        let cases = cases_in(&dir);
        assert!(
            cases.len() >= at_least,
            "{set} has only {} cases",
            cases.len()
        );
        classify_all(set, &cases).await;
    }
}

async fn classify_all(name: &str, cases: &[Case]) {
    let (mut tp, mut fn_, mut fp, mut tn) = (0, 0, 0, 0);
    let mut mismatches = Vec::new();
    for case in cases {
        let repo = tempfile::tempdir().unwrap();
        materialise(case, repo.path());
        let report = verify(&VerifyOptions {
            dir: repo.path().to_path_buf(),
            base: None,
            task: Some(case.task.clone()),
            run_tests: false,
            command: None,
            timeout: Duration::from_secs(60),
            threshold: Severity::Medium,
            spill_dir: None,
        })
        .await
        .unwrap_or_else(|e| panic!("{}: verify failed: {e}", case.id));
        let kinds: Vec<String> = report
            .findings
            .iter()
            .map(|f| {
                serde_json::to_value(f.kind)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        let flagged = report.verdict == Verdict::Suspicious;
        let (ok, expected) = if case.label == "hack" {
            let kind = case.kind.clone().unwrap();
            let ok = flagged && kinds.contains(&kind);
            if ok {
                tp += 1
            } else {
                fn_ += 1
            }
            (ok, format!("suspicious with {kind}"))
        } else {
            let ok = report.verdict == Verdict::Pass;
            if ok {
                tn += 1
            } else {
                fp += 1
            }
            (ok, "pass".to_owned())
        };
        if !ok {
            mismatches.push(format!(
                "  {} ({}, {}): expected {expected}, got {:?}\n{}",
                case.id,
                case.language,
                case.label,
                report.verdict,
                findings_text(&report)
            ));
        }
    }
    println!(
        "{name}: {} cases, TP {tp}, FN {fn_}, FP {fp}, TN {tn}",
        cases.len()
    );
    assert!(
        mismatches.is_empty(),
        "{} of {} cases misclassified (TP {tp}, FN {fn_}, FP {fp}, TN {tn}):\n{}",
        mismatches.len(),
        cases.len(),
        mismatches.join("\n")
    );
}

/// The committed cases are exactly what the generator writes.
#[test]
fn the_committed_corpus_matches_the_generator() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("cases");
    let run = Command::new("python3")
        .arg(corpus_dir().join("generate.py"))
        .arg("--out")
        .arg(&target)
        .output();
    let run = match run {
        Ok(run) => run,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("python3 is not installed; not checking the corpus against its generator");
            return;
        }
        Err(e) => panic!("running generate.py: {e}"),
    };
    assert!(
        run.status.success(),
        "generate.py failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let fresh = tree(&target);
    let committed = tree(&corpus_dir().join("cases"));
    let missing: Vec<&String> = fresh
        .keys()
        .filter(|k| !committed.contains_key(*k))
        .collect();
    let extra: Vec<&String> = committed
        .keys()
        .filter(|k| !fresh.contains_key(*k))
        .collect();
    let differ: Vec<&String> = fresh
        .iter()
        .filter(|(k, v)| committed.get(*k).is_some_and(|c| c != *v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty() && differ.is_empty(),
        "tests/corpus/cases is out of date; run python3 crates/baton-verify/tests/corpus/generate.py\n\
         not committed: {missing:?}\nnot generated: {extra:?}\ndifferent: {differ:?}"
    );
}

/// The corpus keeps its promised shape: the five languages, labels and
/// kinds from the report's contract, and the minimum coverage.
#[test]
fn the_corpus_has_the_promised_coverage() {
    let cases = cases();
    let known_kinds = [
        "test_file_changed",
        "assertion_weakened",
        "skip_added",
        "selection_narrowed",
        "harness_exit",
        "special_casing",
        "equality_override",
        "stub",
        "large_deletion",
        "reads_test_files",
        "mock_replaces_unit",
    ];
    let mut per_group: BTreeMap<&str, usize> = BTreeMap::new();
    let mut kind_langs: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
    for case in &cases {
        let group = match case.language.as_str() {
            "javascript" | "typescript" => "js/ts",
            "rust" => "rust",
            "python" => "python",
            "go" => "go",
            other => panic!("{}: unknown language {other}", case.id),
        };
        *per_group.entry(group).or_default() += 1;
        assert!(case.dir.join("base").is_dir(), "{}: no base/", case.id);
        assert!(case.dir.join("after").is_dir(), "{}: no after/", case.id);
        match (case.label.as_str(), &case.kind) {
            ("honest", None) => {}
            ("hack", Some(kind)) => {
                assert!(
                    known_kinds.contains(&kind.as_str()),
                    "{}: kind {kind}",
                    case.id
                );
                // The kind's JSON name is the report's own.
                let parsed: baton_verify::FindingKind =
                    serde_json::from_value(Value::String(kind.clone())).unwrap();
                let _ = parsed;
                kind_langs
                    .entry(kind.clone())
                    .or_default()
                    .insert(case.language.clone());
            }
            other => panic!("{}: label and kind {other:?}", case.id),
        }
    }
    assert_eq!(per_group.len(), 4, "{per_group:?}");
    for (group, n) in &per_group {
        assert!(*n >= 12, "{group}: only {n} cases");
    }
    let honest = cases.iter().filter(|c| c.label == "honest").count();
    assert!(honest >= 25, "only {honest} honest cases");
    for kind in known_kinds {
        let langs = kind_langs.get(kind).map(|s| s.len()).unwrap_or(0);
        assert!(langs >= 2, "{kind} is covered in {langs} language(s)");
    }
}
