//! The git side: the repository, the base revision, the change, a worktree at the base.
//!
//! Everything goes through the `git` command line, run in the repository's
//! top-level directory, so paths are always relative to the root.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::detect::lex::test_side_literals;
use crate::diff::{self, Diff, FileChange, Hunk, Language, Line, Status, is_test_path};
use crate::report::Skipped;
use crate::verify::VerifyError;

/// A git repository, by its top-level directory.
#[derive(Debug, Clone)]
pub struct Repo {
    root: PathBuf,
}

impl Repo {
    /// Opens the repository that contains `dir`.
    pub fn open(dir: &Path) -> Result<Repo, VerifyError> {
        let out = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(["rev-parse", "--show-toplevel"])
            .output()
            .map_err(|e| VerifyError::Git {
                command: "git rev-parse".into(),
                message: e.to_string(),
            })?;
        if !out.status.success() {
            return Err(VerifyError::NotARepo {
                dir: dir.to_path_buf(),
            });
        }
        let root = String::from_utf8_lossy(&out.stdout).trim().to_string();
        Ok(Repo {
            root: PathBuf::from(root),
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Runs git in the root; stdout on success.
    fn git(&self, args: &[&str]) -> Result<String, VerifyError> {
        let out = Command::new("git")
            .arg("-C")
            .arg(&self.root)
            .args(["-c", "core.quotePath=false"])
            .args(args)
            .output()
            .map_err(|e| VerifyError::Git {
                command: format!("git {}", args.join(" ")),
                message: e.to_string(),
            })?;
        if !out.status.success() {
            return Err(VerifyError::Git {
                command: format!("git {}", args.join(" ")),
                message: String::from_utf8_lossy(&out.stderr).trim().to_string(),
            });
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    fn commit_of(&self, rev: &str) -> Option<String> {
        let spec = format!("{rev}^{{commit}}");
        self.git(&["rev-parse", "--verify", "--quiet", &spec])
            .ok()
            .map(|s| s.trim().to_string())
    }

    /// The commit the change is measured from.
    ///
    /// An explicit `rev` must name a commit. Without one: on a feature branch
    /// (HEAD not on the default branch), the merge-base with the default
    /// branch (`origin/HEAD`'s target, else `main`, else `master`), so the
    /// branch's commits count as the change; otherwise HEAD, so the change
    /// is the uncommitted work.
    pub fn resolve_base(&self, rev: Option<&str>) -> Result<String, VerifyError> {
        if let Some(rev) = rev {
            return self.commit_of(rev).ok_or_else(|| VerifyError::UnknownBase {
                rev: rev.to_string(),
            });
        }
        let head = self.commit_of("HEAD").ok_or(VerifyError::NoCommits)?;
        let default = self
            .git(&["symbolic-ref", "--quiet", "refs/remotes/origin/HEAD"])
            .ok()
            .map(|s| s.trim().to_string())
            .into_iter()
            .chain(["main".to_string(), "master".to_string()])
            .find_map(|r| self.commit_of(&r));
        let Some(default) = default else {
            return Ok(head);
        };
        match self.git(&["merge-base", "HEAD", &default]) {
            Ok(base) if base.trim() != head => Ok(base.trim().to_string()),
            _ => Ok(head),
        }
    }

    /// The change from `base` to the working tree, untracked (not ignored)
    /// files included as added.
    ///
    /// The working tree is first written as a tree object through a
    /// throwaway index ([`crate::snapshot::working_tree`]), so the diff is
    /// between two trees: exact even when `base` is itself a snapshot that
    /// holds files the real index does not track.
    pub fn diff(&self, base: &str) -> Result<Diff, VerifyError> {
        if let Some(tree) = crate::snapshot::working_tree(&self.root) {
            let text = self.git(&[
                "diff",
                "--no-color",
                "--no-ext-diff",
                "--no-textconv",
                "-M",
                "--src-prefix=a/",
                "--dst-prefix=b/",
                base,
                &tree,
                "--",
            ])?;
            return Ok(diff::parse_unified(&text));
        }
        let text = self.git(&[
            "diff",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            "-M",
            "--src-prefix=a/",
            "--dst-prefix=b/",
            base,
            "--",
        ])?;
        let mut diff = diff::parse_unified(&text);
        for path in self
            .git(&["ls-files", "-z", "--others", "--exclude-standard"])?
            .split('\0')
        {
            if !path.is_empty() {
                self.add_untracked(&mut diff, path);
            }
        }
        Ok(diff)
    }

    fn add_untracked(&self, diff: &mut Diff, path: &str) {
        let mut change = FileChange::new(path, None, Status::Added);
        let skip = |diff: &mut Diff, mut change: FileChange, reason: String| {
            change.skipped = true;
            diff.skipped.push(Skipped {
                file: path.to_string(),
                reason,
            });
            diff.files.push(change);
        };
        let bytes = match std::fs::read(self.root.join(path)) {
            Ok(b) => b,
            Err(e) => return skip(diff, change, format!("unreadable: {e}")),
        };
        if bytes.len() > diff::MAX_FILE_BYTES {
            return skip(
                diff,
                change,
                format!("larger than {} KiB", diff::MAX_FILE_BYTES / 1024),
            );
        }
        if bytes.iter().take(8000).any(|b| *b == 0) {
            return skip(diff, change, "binary file".to_string());
        }
        let text = String::from_utf8_lossy(&bytes);
        if text.lines().count() > diff::MAX_CHANGED_LINES {
            return skip(
                diff,
                change,
                format!("more than {} changed lines", diff::MAX_CHANGED_LINES),
            );
        }
        let lines = text
            .lines()
            .enumerate()
            .map(|(i, l)| Line::Added {
                new_line: i as u32 + 1,
                text: l.to_string(),
            })
            .collect();
        change.hunks.push(Hunk {
            old_start: 0,
            new_start: 1,
            lines,
        });
        diff.files.push(change);
    }

    /// A file's content at `rev` (`None` when absent or not UTF-8 text).
    pub fn file_at(&self, rev: &str, path: &str) -> Option<String> {
        let out = Command::new("git")
            .arg("-C")
            .arg(&self.root)
            .args(["show", &format!("{rev}:{path}")])
            .output()
            .ok()?;
        if !out.status.success() {
            return None;
        }
        String::from_utf8(out.stdout).ok()
    }

    /// A file's content in the working tree.
    pub fn current_file(&self, path: &str) -> Option<String> {
        std::fs::read_to_string(self.root.join(path)).ok()
    }

    /// Test files in the working tree (tracked and untracked, not ignored).
    pub fn test_files(&self) -> Result<Vec<String>, VerifyError> {
        let out = self.git(&[
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ])?;
        Ok(out
            .split('\0')
            .filter(|p| !p.is_empty() && is_test_path(p))
            .map(String::from)
            .collect())
    }

    /// Literals of the test files, after the change and (for test files the
    /// change touched) at the base, for the special-casing detector. Rust
    /// keeps unit tests in `#[cfg(test)]` modules of source files: those of
    /// the Rust files the change touched count too. Files over the size
    /// limit are left out.
    pub fn test_literals(&self, base: &str, diff: &Diff) -> Result<HashSet<String>, VerifyError> {
        let mut out = HashSet::new();
        let mut collect = |path: &str, content: &str| {
            if content.len() <= diff::MAX_FILE_BYTES && Language::of(path) != Language::Other {
                for line in content.lines() {
                    out.extend(test_side_literals(Language::of(path), line));
                }
            }
        };
        for path in self.test_files()? {
            if let Some(c) = self.current_file(&path) {
                collect(&path, &c);
            }
        }
        for file in diff
            .files
            .iter()
            .filter(|f| f.is_test && f.status != Status::Added)
        {
            let old = file.old_path.as_deref().unwrap_or(&file.path);
            if let Some(c) = self.file_at(base, old) {
                collect(old, &c);
            }
        }
        for file in diff
            .files
            .iter()
            .filter(|f| f.language == Language::Rust && !f.is_test)
        {
            let old = file.old_path.as_deref().unwrap_or(&file.path);
            let versions = [self.current_file(&file.path), self.file_at(base, old)];
            for content in versions.iter().flatten() {
                if content.len() > diff::MAX_FILE_BYTES {
                    continue;
                }
                let lines: Vec<&str> = content.lines().collect();
                for (start, end) in diff::rust_test_regions(content) {
                    let (s, e) = (start as usize, (end as usize).min(lines.len()));
                    for line in lines.get(s.saturating_sub(1)..e).unwrap_or_default() {
                        out.extend(test_side_literals(Language::Rust, line));
                    }
                }
            }
        }
        Ok(out)
    }

    /// A checkout of `rev` in a temporary directory, removed on drop.
    pub fn worktree_at(&self, rev: &str) -> Result<TempWorktree, VerifyError> {
        let dir = tempfile::Builder::new()
            .prefix("baton-verify-base-")
            .tempdir()
            .map_err(|e| VerifyError::Io {
                what: "creating a temporary directory".into(),
                source: e,
            })?;
        let path = dir.path().join("wt");
        let path_str = path.to_string_lossy().into_owned();
        self.git(&["worktree", "add", "--detach", "--quiet", &path_str, rev])?;
        Ok(TempWorktree {
            repo: self.root.clone(),
            path,
            _dir: dir,
        })
    }
}

/// A `git worktree` at some revision; removed (and unregistered) on drop.
#[derive(Debug)]
pub struct TempWorktree {
    repo: PathBuf,
    path: PathBuf,
    _dir: tempfile::TempDir,
}

impl TempWorktree {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempWorktree {
    fn drop(&mut self) {
        // Best effort: the directory goes with `_dir` anyway; this also
        // removes git's record of the worktree.
        let _ = Command::new("git")
            .arg("-C")
            .arg(&self.repo)
            .args(["worktree", "remove", "--force"])
            .arg(&self.path)
            .output();
    }
}

#[cfg(test)]
#[path = "repo_tests.rs"]
mod tests;
