//! `list`, `glob` and `grep` over a small tree with ignore rules.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

mod common;

use common::{Env, env, err, ok};
use serde_json::json;

/// A tree with ignored files, a fake `.git`, and a hidden directory worth seeing.
fn project() -> Env {
    let env = env();
    env.write(".gitignore", "target/\n*.log\n");
    env.write(".git/config", "[core]\nfn hidden() {}\n");
    env.write(".github/ci.yml", "run: cargo test\n");
    env.write("src/main.rs", "fn main() {\n    lib();\n}\n");
    env.write("src/lib.rs", "pub fn lib() {}\n");
    env.write("target/out.rs", "fn generated() {}\n");
    env.write("debug.log", "fn logged() {}\n");
    env.write("notes.md", "# Notes\nfn in markdown\n");
    env.write("a/b/c/d.txt", "deep\n");
    env
}

#[tokio::test]
async fn list_shows_a_sorted_tree_without_ignored_files() {
    let env = project();
    let text = ok(&env.call("list", json!({})).await);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "./",
            "  .github/",
            "    ci.yml",
            "  .gitignore",
            "  a/",
            "    b/",
            "  notes.md",
            "  src/",
            "    lib.rs",
            "    main.rs",
            "[directories at depth 2 are not expanded; list one of them, or use a larger depth, to see inside]",
        ]
    );

    let text = ok(&env.call("list", json!({"path": "a", "depth": 10})).await);
    assert_eq!(text, "a/\n  b/\n    c/\n      d.txt");
    assert_eq!(
        ok(&env.call("list", json!({"path": "src", "depth": 0})).await),
        "src/\n  lib.rs\n  main.rs"
    );

    let text = err(&env.call("list", json!({"path": "notes.md"})).await);
    assert!(text.contains("read_file"), "{text}");
    let text = err(&env.call("list", json!({"path": "missing"})).await);
    assert!(text.contains("does not exist"), "{text}");
}

#[tokio::test]
async fn list_and_glob_cap_their_output() {
    let env = env();
    for n in 0..1100 {
        env.write(&format!("many/f{n:04}.txt"), "");
    }
    let text = ok(&env.call("list", json!({"path": "many"})).await);
    assert_eq!(text.lines().count(), 1 + 1000 + 1);
    assert!(text.ends_with("[showing 1000 of 1100 entries; 100 were omitted. List a subdirectory or use a smaller depth.]"), "{}", text.lines().last().unwrap());

    let text = ok(&env.call("glob", json!({"pattern": "**/*.txt"})).await);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1001);
    assert_eq!(lines[0], "many/f0000.txt");
    assert_eq!(lines[999], "many/f0999.txt");
    assert!(
        lines[1000].contains("first 1000 of 1100 matches; 100 were omitted"),
        "{}",
        lines[1000]
    );
}

#[tokio::test]
async fn glob_matches_relative_paths_and_respects_gitignore() {
    let env = project();
    let text = ok(&env.call("glob", json!({"pattern": "**/*.rs"})).await);
    assert_eq!(text, "src/lib.rs\nsrc/main.rs");

    // `*` does not cross directories.
    assert_eq!(
        ok(&env.call("glob", json!({"pattern": "*.md"})).await),
        "notes.md"
    );
    assert_eq!(
        ok(&env
            .call("glob", json!({"pattern": "*.rs", "path": "src"}))
            .await),
        "src/lib.rs\nsrc/main.rs"
    );
    assert_eq!(
        ok(&env.call("glob", json!({"pattern": "**/*.{yml,txt}"})).await),
        ".github/ci.yml\na/b/c/d.txt"
    );

    let text = ok(&env.call("glob", json!({"pattern": "**/*.py"})).await);
    assert!(text.starts_with("No files"), "{text}");
    let text = err(&env.call("glob", json!({"pattern": "src/[a"})).await);
    assert!(text.contains("invalid glob"), "{text}");
    let text = err(&env
        .call("glob", json!({"pattern": "*", "path": "../"}))
        .await);
    assert!(text.contains("outside the workspace"), "{text}");
}

#[tokio::test]
async fn grep_finds_lines_sorted_and_skips_ignored_and_binary_files() {
    let env = project();
    env.write("bin.dat", b"fn binary() {}\0\x01\x02");
    let text = ok(&env.call("grep", json!({"pattern": r"fn \w+\("})).await);
    assert_eq!(
        text,
        "src/lib.rs:1:pub fn lib() {}\nsrc/main.rs:1:fn main() {\n[2 matches in 2 files]"
    );

    let text = ok(&env
        .call(
            "grep",
            json!({"pattern": "NOTES", "case_insensitive": true}),
        )
        .await);
    assert_eq!(text, "notes.md:1:# Notes\n[1 match in 1 file]");
    let text = ok(&env.call("grep", json!({"pattern": "NOTES"})).await);
    assert!(text.starts_with("No matches"), "{text}");

    let text = ok(&env
        .call("grep", json!({"pattern": "fn", "glob": "*.md"}))
        .await);
    assert_eq!(text, "notes.md:2:fn in markdown\n[1 match in 1 file]");
    let text = ok(&env
        .call("grep", json!({"pattern": "lib", "path": "src/main.rs"}))
        .await);
    assert_eq!(text, "src/main.rs:2:    lib();\n[1 match in 1 file]");
}

#[tokio::test]
async fn grep_reports_bad_patterns() {
    let env = project();
    let text = err(&env.call("grep", json!({"pattern": "fn ("})).await);
    assert!(text.contains("invalid regular expression"), "{text}");
    assert!(text.contains("unclosed group"), "{text}");
    let text = err(&env.call("grep", json!({"pattern": r"a\nb"})).await);
    assert!(text.contains("invalid regular expression"), "{text}");
}

#[tokio::test]
async fn grep_shows_context() {
    let env = env();
    env.write("f.txt", "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\n");
    env.write("g.txt", "x\nthree\n");
    let text = ok(&env
        .call("grep", json!({"pattern": "three|seven", "context": 1}))
        .await);
    assert_eq!(
        text,
        "f.txt-2-two\nf.txt:3:three\nf.txt-4-four\n--\nf.txt-6-six\nf.txt:7:seven\nf.txt-8-eight\n\
         --\ng.txt-1-x\ng.txt:2:three\n[3 matches in 2 files]"
    );
}

#[tokio::test]
async fn grep_stops_at_max_results() {
    let env = env();
    let body: String = (1..=50).map(|n| format!("hit {n}\n")).collect();
    env.write("a.txt", &body);
    env.write("b.txt", &body);
    let text = ok(&env
        .call(
            "grep",
            json!({"pattern": "hit", "max_results": 5, "context": 1}),
        )
        .await);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        &lines[..5],
        [
            "a.txt:1:hit 1",
            "a.txt:2:hit 2",
            "a.txt:3:hit 3",
            "a.txt:4:hit 4",
            "a.txt:5:hit 5"
        ]
    );
    assert_eq!(lines[5], "[5 matches in 1 file]");
    assert!(lines[6].contains("stopped at max_results=5"), "{text}");
    assert_eq!(lines.len(), 7);

    let text = ok(&env.call("grep", json!({"pattern": "hit"})).await);
    assert_eq!(
        text.lines().filter(|line| line.contains(":hit ")).count(),
        100
    );
    assert!(!text.contains("stopped at"), "{text}");
}
