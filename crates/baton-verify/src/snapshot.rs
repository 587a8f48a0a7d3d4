//! A commit of the working tree as it is, made without touching the
//! index, HEAD, or any branch: the base a gate measures an agent's change
//! from, so whatever was uncommitted before the agent started is not
//! counted as its work.

use std::path::Path;
use std::process::Command;

/// Snapshots `dir`'s working tree (tracked and untracked, minus ignored
/// files) as a dangling commit whose parent is HEAD, and returns its id.
/// `None` when `dir` is not in a git repository or git fails: the caller
/// then falls back to the default base.
pub fn snapshot(dir: &Path) -> Option<String> {
    let (tree, head) = working_tree_with_head(dir)?;
    let mut args = vec![
        "-c",
        "user.name=baton",
        "-c",
        "user.email=baton@localhost",
        "commit-tree",
        tree.as_str(),
        "-m",
        "baton: before the agent's change",
    ];
    if let Some(head) = &head {
        args.extend(["-p", head.as_str()]);
    }
    let output = Command::new("git")
        .current_dir(dir)
        .args(&args)
        .output()
        .ok()?;
    let id = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    (output.status.success() && !id.is_empty()).then_some(id)
}

/// The working tree as a git tree object (tracked and untracked files,
/// minus ignored ones), written through a throwaway index so the real one
/// is untouched. `git diff BASE TREE` is then exactly the change in the
/// working tree since BASE, new files included.
pub fn working_tree(dir: &Path) -> Option<String> {
    working_tree_with_head(dir).map(|(tree, _)| tree)
}

fn working_tree_with_head(dir: &Path) -> Option<(String, Option<String>)> {
    let index = tempfile_path(dir)?;
    let git = |args: &[&str]| -> Option<String> {
        let output = Command::new("git")
            .current_dir(dir)
            .env("GIT_INDEX_FILE", &index)
            .args(args)
            .output()
            .ok()?;
        output
            .status
            .success()
            .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
    };
    let head = git(&["rev-parse", "--verify", "-q", "HEAD"]);
    if let Some(head) = &head {
        git(&["read-tree", head])?;
    }
    let tree = git(&["add", "-A", "--", ":/"]).and_then(|_| git(&["write-tree"]));
    let _ = std::fs::remove_file(&index);
    tree.filter(|id| !id.is_empty()).map(|tree| (tree, head))
}

/// A path for a throwaway index inside the repository's git directory
/// (the index must be on the same file system as the objects it names).
fn tempfile_path(dir: &Path) -> Option<std::path::PathBuf> {
    let output = Command::new("git")
        .current_dir(dir)
        .args(["rev-parse", "--absolute-git-dir"])
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let git_dir = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    let unique = format!(
        "baton-snapshot-{}-{}.index",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    );
    Some(Path::new(&git_dir).join(unique))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    fn git(dir: &Path, args: &[&str]) -> String {
        let output = Command::new("git")
            .current_dir(dir)
            .args([
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        String::from_utf8_lossy(&output.stdout).trim().to_owned()
    }

    #[test]
    fn the_snapshot_holds_uncommitted_work_and_touches_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        git(d, &["init", "-q"]);
        std::fs::write(d.join("a.txt"), "one\n").unwrap();
        git(d, &["add", "a.txt"]);
        git(d, &["commit", "-q", "-m", "base"]);
        std::fs::write(d.join("a.txt"), "two\n").unwrap();
        std::fs::write(d.join("new.txt"), "new\n").unwrap();
        std::fs::write(d.join(".gitignore"), "ignored.txt\n").unwrap();
        std::fs::write(d.join("ignored.txt"), "x\n").unwrap();
        let status_before = git(d, &["status", "--porcelain"]);
        let head_before = git(d, &["rev-parse", "HEAD"]);

        let id = snapshot(d).unwrap();
        assert_eq!(git(d, &["show", &format!("{id}:a.txt")]), "two");
        assert_eq!(git(d, &["show", &format!("{id}:new.txt")]), "new");
        assert!(
            Command::new("git")
                .current_dir(d)
                .args(["cat-file", "-e", &format!("{id}:ignored.txt")])
                .status()
                .unwrap()
                .code()
                != Some(0)
        );
        assert_eq!(git(d, &["rev-parse", &format!("{id}^")]), head_before);
        // Nothing moved: not HEAD, not the index, not the working tree.
        assert_eq!(git(d, &["rev-parse", "HEAD"]), head_before);
        assert_eq!(git(d, &["status", "--porcelain"]), status_before);
        // The change since the snapshot is only what comes after it.
        assert_eq!(
            git(d, &["diff", "--name-only", &id, &working_tree(d).unwrap()]),
            ""
        );
        std::fs::write(d.join("b.txt"), "later\n").unwrap();
        std::fs::write(d.join("a.txt"), "three\n").unwrap();
        let names = git(d, &["diff", "--name-only", &id, &working_tree(d).unwrap()]);
        assert_eq!(names, "a.txt\nb.txt");
        // And so is the change verify sees: not new.txt or .gitignore, which
        // were there before the snapshot though git does not track them.
        let diff = crate::repo::Repo::open(d).unwrap().diff(&id).unwrap();
        let paths: Vec<&str> = diff.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["a.txt", "b.txt"]);
        assert_eq!(git(d, &["status", "--porcelain"]).lines().count(), 4);
    }

    #[test]
    fn outside_a_repository_there_is_no_snapshot() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(snapshot(dir.path()), None);
    }
}
