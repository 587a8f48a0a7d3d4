//! `baton route train` and `baton route eval` end to end, on synthetic
//! RouteLLM-style CSV files made here (CI has no shared data).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use tempfile::TempDir;

fn baton(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("baton").unwrap();
    cmd.current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", dir)
        .timeout(Duration::from_secs(120));
    cmd
}

/// Two subjects; questions mentioning a proof need the strong model. The
/// prompts are multi-line quoted fields, like the real data.
fn write_data(dir: &Path) {
    let topics = ["geometry", "algebra", "biology", "history", "law", "music"];
    for (file, offset) in [("mmlu_a.csv", 0), ("mmlu_b.csv", 1)] {
        let mut text = String::from("prompt,weak-model,strong-model\n");
        for i in 0..400 {
            let hard = (i * 7 + offset) % 3 == 0;
            let topic = topics[(i * 5 + offset) % topics.len()];
            let verb = if hard {
                "prove the theorem"
            } else {
                "name the term"
            };
            let (weak, strong) = if hard {
                ("False", "True")
            } else {
                ("True", "True")
            };
            text.push_str(&format!(
                "\"Question {file} {i} on {topic}: {verb}.\nA. one\nB. two\nAnswer:\",{weak},{strong}\n"
            ));
        }
        std::fs::write(dir.join(file), text).unwrap();
    }
}

fn number_after(text: &str, label: &str) -> f64 {
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with(label))
        .unwrap_or_else(|| panic!("no `{label}` line in:\n{text}"));
    line[line.find(')').unwrap() + 1..]
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn eval_prints_the_metrics_and_writes_the_plot() {
    let dir = TempDir::new().unwrap();
    write_data(dir.path());
    let output = baton(dir.path())
        .args(["route", "eval", "--data", ".", "--plot", "out/curve.svg"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("(2 files, 800 prompts)"), "{stdout}");
    assert!(
        stdout.contains("weak: weak-model   strong: strong-model"),
        "{stdout}"
    );
    for label in ["CPT(50%)", "CPT(80%)", "random routers (50 seeded runs)"] {
        assert!(stdout.contains(label), "{label} missing:\n{stdout}");
    }
    let learned = number_after(&stdout, "APGR");
    assert!(learned > 0.7, "learned APGR {learned}:\n{stdout}");
    let svg = std::fs::read_to_string(dir.path().join("out/curve.svg")).unwrap();
    // Without --plot the curve goes to route-eval.svg; --no-plot writes none.
    baton(dir.path())
        .args(["route", "eval", "--data", "."])
        .assert()
        .success();
    assert!(dir.path().join("route-eval.svg").exists());
    std::fs::remove_file(dir.path().join("route-eval.svg")).unwrap();
    baton(dir.path())
        .args(["route", "eval", "--data", ".", "--no-plot"])
        .assert()
        .success();
    assert!(!dir.path().join("route-eval.svg").exists());
    assert!(
        svg.starts_with("<svg") && svg.contains("<polyline"),
        "{svg}"
    );
}

#[test]
fn train_writes_a_model_file() {
    let dir = TempDir::new().unwrap();
    write_data(dir.path());
    baton(dir.path())
        .args(["route", "train", "--data", "."])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "trained on 800 prompts from 2 files",
        ));
    let bytes = std::fs::read(dir.path().join(".baton/router.bin")).unwrap();
    let mut lines = bytes.splitn(3, |b| *b == b'\n');
    assert_eq!(lines.next().unwrap(), b"baton-route-logreg");
    let header: serde_json::Value = serde_json::from_slice(lines.next().unwrap()).unwrap();
    assert_eq!(header["examples"], 800);
}

#[test]
fn missing_data_says_what_to_pass() {
    let dir = TempDir::new().unwrap();
    baton(dir.path())
        .args(["route", "eval"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "../shared/data/routing/mmlu does not exist",
        ))
        .stderr(predicates::str::contains("pass --data DIR"));
}

#[test]
fn a_bad_csv_is_named_with_its_line() {
    let dir = TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("broken.csv"),
        "prompt,w,s\n\"fine\nprompt\",True,False\n\"bad\",True,perhaps\n",
    )
    .unwrap();
    baton(dir.path())
        .args(["route", "train", "--data", "."])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "broken.csv:4: `perhaps` is not a correctness value for s",
        ));
}
