#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;
use crate::report::{FindingKind, Verdict};
use crate::verify::{VerifyOptions, verify};

/// Runs git with an identity and branch name fixed, so the tests work on a
/// machine with no git configuration.
fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.invalid")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn write(dir: &Path, path: &str, content: &[u8]) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, content).unwrap();
}

/// A repository with one commit on `main`: a module and its test.
fn repo_with_tests() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q"]);
    write(d, "calc.py", b"def add(a, b):\n    return a + b\n");
    write(
        d,
        "tests/test_calc.py",
        b"from calc import add\n\ndef test_add():\n    assert add(2, 2) == 4\n",
    );
    git(d, &["add", "-A"]);
    git(d, &["commit", "-qm", "base"]);
    dir
}

#[test]
fn not_a_repository_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = Repo::open(dir.path()).unwrap_err();
    assert!(matches!(err, VerifyError::NotARepo { .. }));
    assert!(
        err.to_string().starts_with("not a git repository: "),
        "{err}"
    );
}

#[test]
fn unknown_base_is_a_clear_error() {
    let dir = repo_with_tests();
    let repo = Repo::open(dir.path()).unwrap();
    let err = repo.resolve_base(Some("no-such-branch")).unwrap_err();
    assert!(
        err.to_string()
            .contains("unknown base revision no-such-branch"),
        "{err}"
    );
    assert!(err.to_string().contains("git log"), "{err}");
}

#[test]
fn default_base_is_head_for_uncommitted_work() {
    let dir = repo_with_tests();
    let repo = Repo::open(dir.path()).unwrap();
    let head = git(dir.path(), &["rev-parse", "HEAD"]);
    assert_eq!(repo.resolve_base(None).unwrap(), head);
}

#[test]
fn default_base_is_the_merge_base_on_a_feature_branch() {
    let dir = repo_with_tests();
    let d = dir.path();
    let fork = git(d, &["rev-parse", "HEAD"]);
    git(d, &["checkout", "-qb", "feature"]);
    write(d, "calc.py", b"def add(a, b):\n    return a + b + 0\n");
    git(d, &["commit", "-qam", "feature work"]);
    let repo = Repo::open(d).unwrap();
    assert_eq!(repo.resolve_base(None).unwrap(), fork);
    // The branch's commit is part of the change.
    let diff = repo.diff(&fork).unwrap();
    assert_eq!(diff.files.len(), 1);
    assert_eq!(diff.files[0].path, "calc.py");
}

#[test]
fn untracked_files_are_added_and_binaries_skipped() {
    let dir = repo_with_tests();
    let d = dir.path();
    write(d, "notes.py", b"x = 1\ny = 2\n");
    write(d, "logo.png", b"\x89PNG\0\0\0binary");
    write(d, ".gitignore", b"build/\n");
    write(d, "build/out.py", b"ignored = True\n");
    let repo = Repo::open(d).unwrap();
    let base = repo.resolve_base(None).unwrap();
    let diff = repo.diff(&base).unwrap();
    let paths: Vec<&str> = diff.files.iter().map(|f| f.path.as_str()).collect();
    assert!(paths.contains(&"notes.py"), "{paths:?}");
    assert!(!paths.contains(&"build/out.py"), "{paths:?}");
    let notes = diff.files.iter().find(|f| f.path == "notes.py").unwrap();
    assert_eq!(notes.status, Status::Added);
    assert_eq!(notes.added().count(), 2);
    assert_eq!(diff.skipped.len(), 1);
    assert_eq!(diff.skipped[0].file, "logo.png");
}

#[test]
fn tracked_binary_changes_are_skipped() {
    let dir = repo_with_tests();
    let d = dir.path();
    write(d, "data.bin", b"\0\x01\x02");
    git(d, &["add", "-A"]);
    git(d, &["commit", "-qm", "data"]);
    write(d, "data.bin", b"\0\x01\x03");
    let repo = Repo::open(d).unwrap();
    let diff = repo.diff(&repo.resolve_base(None).unwrap()).unwrap();
    assert_eq!(diff.skipped.len(), 1, "{diff:?}");
    assert_eq!(diff.skipped[0].reason, "binary file");
}

#[test]
fn file_lookups_and_worktree() {
    let dir = repo_with_tests();
    let d = dir.path();
    write(d, "calc.py", b"def add(a, b):\n    return 4\n");
    let repo = Repo::open(d).unwrap();
    let base = repo.resolve_base(None).unwrap();
    assert!(repo.file_at(&base, "calc.py").unwrap().contains("a + b"));
    assert!(repo.current_file("calc.py").unwrap().contains("return 4"));
    assert_eq!(repo.file_at(&base, "missing.py"), None);
    let literals = repo
        .test_literals(&base, &repo.diff(&base).unwrap())
        .unwrap();
    // Every number is kept (the detector judges distinctiveness on the code
    // side); the import and function names are not literals.
    let mut found: Vec<&str> = literals.iter().map(String::as_str).collect();
    found.sort_unstable();
    assert_eq!(found, vec!["2", "4"]);
    let wt = repo.worktree_at(&base).unwrap();
    let path = wt.path().to_path_buf();
    assert!(
        std::fs::read_to_string(path.join("calc.py"))
            .unwrap()
            .contains("a + b")
    );
    drop(wt);
    assert!(!path.exists());
    assert!(!git(d, &["worktree", "list"]).contains(&*path.to_string_lossy()));
}

#[tokio::test]
async fn verify_without_tests_judges_the_diff() {
    let dir = repo_with_tests();
    let d = dir.path();
    let mut opts = VerifyOptions::new(d);
    opts.run_tests = false;
    opts.task = Some("Fix add for negative numbers".into());
    // Honest: nothing changed yet.
    assert_eq!(verify(&opts).await.unwrap().verdict, Verdict::Pass);
    // A cheat: the test is deleted.
    std::fs::remove_file(d.join("tests/test_calc.py")).unwrap();
    let report = verify(&opts).await.unwrap();
    assert_eq!(report.verdict, Verdict::Suspicious);
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.kind == FindingKind::TestFileChanged)
    );
    // The same deletion, asked for by the task, is only Info.
    opts.task = Some("Delete the obsolete test for add".into());
    assert_eq!(verify(&opts).await.unwrap().verdict, Verdict::Pass);
}

#[test]
fn rust_unit_test_modules_of_changed_files_give_literals() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q"]);
    let src = "pub fn f(s: &str) -> u32 { s.len() as u32 + 7 }\n\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn t() { assert_eq!(super::f(\"abc9\"), 11); }\n}\n";
    write(d, "src/lib.rs", src.as_bytes());
    git(d, &["add", "-A"]);
    git(d, &["commit", "-qm", "base"]);
    let after = src.replace("+ 7", "+ 8 /* \"outside\" */");
    write(d, "src/lib.rs", after.as_bytes());
    let repo = Repo::open(d).unwrap();
    let base = repo.resolve_base(None).unwrap();
    let literals = repo
        .test_literals(&base, &repo.diff(&base).unwrap())
        .unwrap();
    assert!(
        literals.contains("abc9") && literals.contains("11"),
        "{literals:?}"
    );
    // Code outside the test module is not a test literal.
    assert!(
        !literals.contains("7") && !literals.contains("8"),
        "{literals:?}"
    );
}
