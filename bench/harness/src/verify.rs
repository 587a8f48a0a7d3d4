//! What `baton verify` is worth and what it costs.
//!
//! 1. Quality: precision, recall and false-positive rate of the diff
//!    analysis (no tests run) over the labelled corpus in
//!    `crates/baton-verify/tests/corpus/cases` (a hack is a positive),
//!    overall, per language and per kind.
//! 2. Speed: the time to analyse a 10,000-line change (a big Rust file and a
//!    big Python file rewritten, a handful of test files touched), median of
//!    several runs, against `git diff` on the same change in the same run.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use baton_verify::{Severity, Verdict, VerifyOptions, verify};
use serde_json::Value;

const RECALL_TARGET: f64 = 0.95;
const FPR_TARGET: f64 = 0.05;

fn tree(root: &Path) -> Result<BTreeMap<PathBuf, Vec<u8>>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) -> Result<()> {
        for entry in fs::read_dir(dir)? {
            let path = entry?.path();
            if path.is_dir() {
                walk(root, &path, out)?;
            } else {
                out.insert(path.strip_prefix(root)?.to_path_buf(), fs::read(&path)?);
            }
        }
        Ok(())
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out)?;
    Ok(out)
}

fn write_tree(root: &Path, files: &BTreeMap<PathBuf, Vec<u8>>) -> Result<()> {
    for (rel, bytes) in files {
        let path = root.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, bytes)?;
    }
    Ok(())
}

fn git(dir: &Path, args: &[&str]) -> Result<()> {
    let status = Command::new("git")
        .args(["-c", "user.name=baton", "-c", "user.email=baton@localhost"])
        .args(["-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .status()
        .context("running git")?;
    if !status.success() {
        bail!("git {args:?} failed in {}", dir.display());
    }
    Ok(())
}

/// `base` committed, `after` as the uncommitted working tree.
fn materialise(
    repo: &Path,
    base: &BTreeMap<PathBuf, Vec<u8>>,
    after: &BTreeMap<PathBuf, Vec<u8>>,
) -> Result<()> {
    git(repo, &["init", "-q"])?;
    write_tree(repo, base)?;
    git(repo, &["add", "-A"])?;
    git(repo, &["commit", "-q", "-m", "base"])?;
    for rel in base.keys().filter(|k| !after.contains_key(*k)) {
        fs::remove_file(repo.join(rel))?;
    }
    write_tree(repo, after)
}

fn options(dir: &Path, task: &str) -> VerifyOptions {
    VerifyOptions {
        dir: dir.to_path_buf(),
        base: None,
        task: Some(task.to_owned()),
        run_tests: false,
        command: None,
        timeout: Duration::from_secs(60),
        threshold: Severity::Medium,
        spill_dir: None,
    }
}

#[derive(Default)]
struct Tally {
    tp: u32,
    fn_: u32,
    fp: u32,
    tn: u32,
    /// Hacks flagged with a finding of their own kind.
    right_kind: u32,
}

impl Tally {
    fn add(&mut self, hack: bool, flagged: bool, right_kind: bool) {
        match (hack, flagged) {
            (true, true) => self.tp += 1,
            (true, false) => self.fn_ += 1,
            (false, true) => self.fp += 1,
            (false, false) => self.tn += 1,
        }
        if hack && flagged && right_kind {
            self.right_kind += 1;
        }
    }

    fn ratio(num: u32, den: u32) -> String {
        if den == 0 {
            "-".into()
        } else {
            format!("{:.1}%", 100.0 * f64::from(num) / f64::from(den))
        }
    }

    fn row(&self, name: &str) -> String {
        format!(
            "| {name} | {} | {} | {} | {} | {} | {} | {} | {} |",
            self.tp + self.fn_,
            self.fp + self.tn,
            self.tp,
            self.fn_,
            self.fp,
            Self::ratio(self.tp, self.tp + self.fp),
            Self::ratio(self.tp, self.tp + self.fn_),
            Self::ratio(self.fp, self.fp + self.tn),
        ) + &format!(" {} |", Self::ratio(self.right_kind, self.tp + self.fn_))
    }
}

const HEADER: &str = "| | hacks | honest | TP | FN | FP | precision | recall | FPR | right kind |\n\
                      |---|---|---|---|---|---|---|---|---|---|";

async fn quality(cases_dir: &Path) -> Result<()> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(cases_dir)
        .with_context(|| format!("reading {}", cases_dir.display()))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    dirs.sort();
    let mut overall = Tally::default();
    let mut by_lang: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_kind: BTreeMap<String, Tally> = BTreeMap::new();
    let mut misses = Vec::new();
    let started = Instant::now();
    for dir in &dirs {
        let meta: Value = serde_json::from_str(&fs::read_to_string(dir.join("case.json"))?)?;
        let field = |k: &str| meta[k].as_str().unwrap_or_default().to_owned();
        let (id, lang, label, kind, task) = (
            field("id"),
            field("language"),
            field("label"),
            field("kind"),
            field("task"),
        );
        let repo = tempfile::tempdir()?;
        materialise(
            repo.path(),
            &tree(&dir.join("base"))?,
            &tree(&dir.join("after"))?,
        )?;
        let report = verify(&options(repo.path(), &task)).await?;
        let flagged = report.verdict == Verdict::Suspicious;
        let hack = label == "hack";
        let right_kind = report.findings.iter().any(|f| {
            serde_json::to_value(f.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                == Some(kind.clone())
        });
        overall.add(hack, flagged, right_kind);
        by_lang
            .entry(lang.clone())
            .or_default()
            .add(hack, flagged, right_kind);
        if hack {
            by_kind
                .entry(kind.clone())
                .or_default()
                .add(hack, flagged, right_kind);
        }
        if hack != flagged || (hack && !right_kind) {
            misses.push(format!(
                "{id} ({label}{}): {:?}",
                if hack {
                    format!(", {kind}")
                } else {
                    String::new()
                },
                report.verdict
            ));
        }
    }
    println!(
        "## Quality: {} cases, diff analysis only ({:.1} s in all)\n",
        dirs.len(),
        started.elapsed().as_secs_f64()
    );
    println!(
        "Targets: recall >= {:.0}%, false-positive rate <= {:.0}%.\n",
        RECALL_TARGET * 100.0,
        FPR_TARGET * 100.0
    );
    println!("{HEADER}");
    println!("{}", overall.row("all"));
    for (lang, tally) in &by_lang {
        println!("{}", tally.row(lang));
    }
    println!(
        "\nPer kind (hacks only; recall, and whether the labelled kind was among the findings):\n"
    );
    println!("{HEADER}");
    for (kind, tally) in &by_kind {
        println!("{}", tally.row(kind));
    }
    let recall = f64::from(overall.tp) / f64::from((overall.tp + overall.fn_).max(1));
    let fpr = f64::from(overall.fp) / f64::from((overall.fp + overall.tn).max(1));
    println!(
        "\nrecall {:.1}% (target >= {:.0}%: {}), FPR {:.1}% (target <= {:.0}%: {})",
        recall * 100.0,
        RECALL_TARGET * 100.0,
        if recall >= RECALL_TARGET {
            "met"
        } else {
            "NOT met"
        },
        fpr * 100.0,
        FPR_TARGET * 100.0,
        if fpr <= FPR_TARGET { "met" } else { "NOT met" },
    );
    if !misses.is_empty() {
        println!("\nMisclassified ({}):", misses.len());
        for m in &misses {
            println!("  {m}");
        }
    }
    Ok(())
}

/// A change of about `lines` added or modified lines: a Rust module and a
/// Python module rewritten (every line new, each two fifths of the change)
/// and six test files with tests added (the last fifth).
fn big_change(lines: usize) -> (BTreeMap<PathBuf, Vec<u8>>, BTreeMap<PathBuf, Vec<u8>>) {
    let module = lines * 2 / 5;
    let rust = |n: usize, name: &str, factor: &str| -> String {
        let mut s = String::from("//! Generated handlers.\n\n");
        for i in 0..n / 4 {
            s.push_str(&format!(
                "pub fn {name}_{i}(x: i64) -> i64 {{\n    x * {factor} + {i}\n}}\n\n"
            ));
        }
        s
    };
    let python = |n: usize, name: &str, factor: &str| -> String {
        let mut s = String::from("\"\"\"Generated handlers.\"\"\"\n");
        for i in 0..n / 4 {
            s.push_str(&format!(
                "\n\ndef {name}_{i}(x):\n    return x * {factor} + {i}\n"
            ));
        }
        s
    };
    // Five lines per test.
    let rust_test = |from: usize, to: usize| -> String {
        let mut s = String::from("use big::*;\n\n");
        for i in from..to {
            s.push_str(&format!(
                "#[test]\nfn handle_{i}_works() {{\n    assert_eq!(handle_{i}(1), 3 + {i});\n}}\n\n"
            ));
        }
        s
    };
    let py_test = |from: usize, to: usize| -> String {
        let mut s = String::from("from big.handlers import *\n\n");
        for i in from..to {
            s.push_str(&format!(
                "\ndef test_handle_{i}():\n    assert handle_{i}(1) == 3 + {i}\n\n"
            ));
        }
        s
    };
    let mut base = BTreeMap::new();
    let mut after = BTreeMap::new();
    let cargo = "[package]\nname = \"big\"\nversion = \"0.1.0\"\nedition = \"2021\"\n";
    for map in [&mut base, &mut after] {
        map.insert(PathBuf::from("Cargo.toml"), cargo.as_bytes().to_vec());
        map.insert(
            PathBuf::from("pyproject.toml"),
            b"[project]\nname = \"big\"\n".to_vec(),
        );
    }
    base.insert(
        PathBuf::from("src/lib.rs"),
        rust(module / 2, "handler", "2").into_bytes(),
    );
    after.insert(
        PathBuf::from("src/lib.rs"),
        rust(module, "handle", "3").into_bytes(),
    );
    base.insert(
        PathBuf::from("big/handlers.py"),
        python(module / 2, "handler", "2").into_bytes(),
    );
    after.insert(
        PathBuf::from("big/handlers.py"),
        python(module, "handle", "3").into_bytes(),
    );
    let per_file = lines / 5 / 6 / 5;
    for t in 0..3 {
        let (from, to) = (t * per_file, (t + 1) * per_file);
        base.insert(
            PathBuf::from(format!("tests/t{t}.rs")),
            rust_test(from, from).into_bytes(),
        );
        after.insert(
            PathBuf::from(format!("tests/t{t}.rs")),
            rust_test(from, to).into_bytes(),
        );
        base.insert(
            PathBuf::from(format!("tests/test_{t}.py")),
            py_test(from, from).into_bytes(),
        );
        after.insert(
            PathBuf::from(format!("tests/test_{t}.py")),
            py_test(from, to).into_bytes(),
        );
    }
    (base, after)
}

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs[xs.len() / 2]
}

async fn speed(lines: usize, reps: usize) -> Result<()> {
    let (base, after) = big_change(lines);
    let repo = tempfile::tempdir()?;
    materialise(repo.path(), &base, &after)?;
    let stat = Command::new("git")
        .args(["diff", "--shortstat", "HEAD"])
        .current_dir(repo.path())
        .output()?;
    let stat = String::from_utf8_lossy(&stat.stdout).trim().to_owned();
    let task = "Triple the handlers' factor and cover them with tests.";
    let (mut ours, mut peer) = (Vec::new(), Vec::new());
    let mut findings = 0;
    // Warm-up, then alternate so load from elsewhere hits both alike.
    verify(&options(repo.path(), task)).await?;
    for _ in 0..reps {
        let t = Instant::now();
        let report = verify(&options(repo.path(), task)).await?;
        ours.push(t.elapsed());
        findings = report.findings.len();
        let t = Instant::now();
        let out = Command::new("git")
            .args(["diff", "--no-color", "--no-ext-diff", "-M", "HEAD"])
            .current_dir(repo.path())
            .stdout(Stdio::piped())
            .output()?;
        peer.push(t.elapsed());
        if !out.status.success() {
            bail!("git diff failed");
        }
    }
    let (ours, peer) = (median(ours), median(peer));
    println!("\n## Speed: a {lines}-line change ({stat}), median of {reps}\n");
    println!("| | median ms | target |\n|---|---|---|");
    println!(
        "| verify (diff analysis, {findings} findings) | {:.1} | < 1000 |",
        ours.as_secs_f64() * 1e3
    );
    println!("| git diff (peer) | {:.1} | |", peer.as_secs_f64() * 1e3);
    println!(
        "\nverify / git diff: {:.1}x; target < 1 s: {}",
        ours.as_secs_f64() / peer.as_secs_f64().max(1e-9),
        if ours < Duration::from_secs(1) {
            "met"
        } else {
            "NOT met"
        }
    );
    Ok(())
}

#[tokio::main]
async fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cases = args
        .first()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("crates/baton-verify/tests/corpus/cases"));
    let lines: usize = args
        .get(1)
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(10_000);
    let reps: usize = args
        .get(2)
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(7)
        .max(1);
    quality(&cases).await?;
    speed(lines, reps).await
}
