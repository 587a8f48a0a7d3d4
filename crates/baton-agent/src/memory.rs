//! Project memory: the instructions a project keeps for agents, read from
//! its own files so that every agent (the orchestrator and the agents it
//! delegates to) starts out knowing them.
//!
//! - `AGENTS.md` in the workspace root and in each directory above it, up to
//!   the repository root; in a directory without `AGENTS.md`, `CLAUDE.md`
//!   instead (many projects already keep their instructions there).
//! - `.baton/memory.md` in the workspace root.
//!
//! Loading never fails: a file that cannot be used becomes a warning and the
//! rest is still read. Putting the text into a system prompt, and leaving it
//! out for roles that opt out, is the caller's job.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// The most of one file that goes into the prompt.
const FILE_CAP: usize = 32 * 1024;
/// The most of all files together; closer files get their share first.
const TOTAL_CAP: usize = 64 * 1024;

/// In each directory, the first of these that exists is read.
const INSTRUCTION_FILES: [&str; 2] = ["AGENTS.md", "CLAUDE.md"];

/// The project's memory, ready to go into a system prompt.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProjectMemory {
    /// The files whose text is included, in the order they appear.
    pub sources: Vec<PathBuf>,
    /// Files that were skipped or cut, one line each, for the user.
    pub warnings: Vec<String>,
    text: String,
}

impl ProjectMemory {
    /// `true` when no file contributed any text.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The files' text, each under a `## path` heading (the path relative to
    /// the workspace), outermost directory first.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// A block to append to a system prompt, or `None` when there is no
    /// project memory.
    pub fn prompt_section(&self) -> Option<String> {
        if self.is_empty() {
            return None;
        }
        Some(format!(
            "# Project memory\n\n\
             The project keeps these instructions for agents that work in it; each file is \
             headed by its path relative to the workspace. Follow them unless the task says \
             otherwise. Files further down are closer to the workspace: where two disagree, \
             the later one wins.\n\n{}",
            self.text
        ))
    }
}

/// Loads the project memory for `workspace`, walking up to the repository
/// root: the first directory, from the workspace upward, that contains
/// `.git` (a directory, or the file a worktree or submodule has). Outside a
/// repository the walk goes up to the filesystem root.
pub fn load_project_memory(workspace: &Path) -> ProjectMemory {
    load_project_memory_until(workspace, None)
}

/// [`load_project_memory`], with the walk also stopping after `stop_at` if
/// it is reached before the repository root. A `stop_at` that is not
/// `workspace` or one of its parents has no effect.
pub fn load_project_memory_until(workspace: &Path, stop_at: Option<&Path>) -> ProjectMemory {
    let workspace = resolve(workspace);
    let stop_at = stop_at.map(resolve);

    let mut found = Vec::new();
    let mut warnings = Vec::new();

    // Collected closest first; reversed below so that the outermost
    // directory comes first and closer instructions are read last.
    let mut up = PathBuf::new();
    for dir in workspace.ancestors() {
        for name in INSTRUCTION_FILES {
            let path = dir.join(name);
            match read_file(&path, &up.join(name), &mut warnings) {
                Presence::Absent => continue,
                Presence::Present(file) => found.extend(file),
            }
            // An AGENTS.md that exists but cannot be used still shadows
            // CLAUDE.md: where both exist, CLAUDE.md usually just points to
            // AGENTS.md.
            break;
        }
        let at_repository_root = std::fs::symlink_metadata(dir.join(".git")).is_ok();
        if at_repository_root || stop_at.as_deref() == Some(dir) {
            break;
        }
        up.push("..");
    }
    found.reverse();

    let memory_rel = Path::new(".baton").join("memory.md");
    if let Presence::Present(Some(file)) =
        read_file(&workspace.join(&memory_rel), &memory_rel, &mut warnings)
    {
        found.push(file);
    }

    apply_total_cap(&mut found, &mut warnings);

    let mut text = String::new();
    let mut sources = Vec::new();
    for file in found {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&format!("## {}\n\n{}", file.label.display(), file.body));
        for note in &file.notes {
            text.push_str(&format!("\n\n[{note}]"));
        }
        sources.push(file.path);
    }
    ProjectMemory {
        sources,
        warnings,
        text,
    }
}

/// Makes `path` absolute and free of `..` so that walking its ancestors
/// visits the real parent directories.
fn resolve(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

struct Found {
    path: PathBuf,
    /// The path relative to the workspace, for the heading.
    label: PathBuf,
    body: String,
    /// Why the body is shorter than the file, for the model to see.
    notes: Vec<String>,
}

enum Presence {
    Absent,
    /// The file exists; `None` when it had nothing usable.
    Present(Option<Found>),
}

fn read_file(path: &Path, label: &Path, warnings: &mut Vec<String>) -> Presence {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => {}
        // A directory or other non-file under this name is not the file.
        Ok(_) => return Presence::Absent,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Presence::Absent,
        Err(error) => {
            warnings.push(format!(
                "{}: cannot be read ({error}); skipped",
                path.display()
            ));
            return Presence::Present(None);
        }
    }
    let (bytes, size) = match read_capped(path) {
        Ok(read) => read,
        Err(error) => {
            warnings.push(format!(
                "{}: cannot be read ({error}); skipped",
                path.display()
            ));
            return Presence::Present(None);
        }
    };
    let oversized = bytes.len() > FILE_CAP;
    let Some(text) = decode(bytes, oversized) else {
        warnings.push(format!("{}: not UTF-8 text; skipped", path.display()));
        return Presence::Present(None);
    };
    let mut notes = Vec::new();
    if oversized {
        warnings.push(format!(
            "{}: {size} bytes, over the {} KiB limit for one file; only the start is used",
            path.display(),
            FILE_CAP / 1024
        ));
        notes.push(format!(
            "cut here: the file is {size} bytes; only the first {} KiB are included",
            FILE_CAP / 1024
        ));
    }
    let body = text
        .trim_start_matches('\u{feff}')
        .trim_start_matches(['\n', '\r'])
        .trim_end();
    if body.is_empty() {
        return Presence::Present(None);
    }
    Presence::Present(Some(Found {
        path: path.to_path_buf(),
        label: label.to_path_buf(),
        body: body.to_owned(),
        notes,
    }))
}

/// Reads at most one byte past [`FILE_CAP`], so a huge file costs no more
/// than a slightly oversized one; returns the bytes and the file's size.
fn read_capped(path: &Path) -> io::Result<(Vec<u8>, u64)> {
    let file = File::open(path)?;
    let size = file.metadata()?.len();
    let mut bytes = Vec::new();
    file.take(FILE_CAP as u64 + 1).read_to_end(&mut bytes)?;
    let size = size.max(bytes.len() as u64);
    Ok((bytes, size))
}

/// The text of `bytes`, cut to [`FILE_CAP`] when `oversized`. A character
/// split by the cut is dropped; anything else that is not UTF-8 rejects the
/// file, since guessing its encoding could feed the model garbage.
fn decode(mut bytes: Vec<u8>, oversized: bool) -> Option<String> {
    if oversized {
        bytes.truncate(FILE_CAP);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(error) if oversized && error.utf8_error().error_len().is_none() => {
            let valid = error.utf8_error().valid_up_to();
            let mut bytes = error.into_bytes();
            bytes.truncate(valid);
            String::from_utf8(bytes).ok()
        }
        Err(_) => None,
    }
}

/// Keeps the bodies within [`TOTAL_CAP`] together. The closest files are
/// the most specific, so they are kept whole first and the outermost ones
/// are cut or left out.
fn apply_total_cap(found: &mut Vec<Found>, warnings: &mut Vec<String>) {
    let mut left = TOTAL_CAP;
    let mut keep = vec![true; found.len()];
    for (index, file) in found.iter_mut().enumerate().rev() {
        if file.body.len() <= left {
            left -= file.body.len();
            continue;
        }
        if left == 0 {
            keep[index] = false;
            warnings.push(format!(
                "{}: left out, project memory is limited to {} KiB in all",
                file.path.display(),
                TOTAL_CAP / 1024
            ));
            continue;
        }
        let mut end = left;
        while !file.body.is_char_boundary(end) {
            end -= 1;
        }
        file.body.truncate(end);
        file.notes.push(format!(
            "cut here: project memory is limited to {} KiB in all",
            TOTAL_CAP / 1024
        ));
        warnings.push(format!(
            "{}: cut, project memory is limited to {} KiB in all",
            file.path.display(),
            TOTAL_CAP / 1024
        ));
        left = 0;
    }
    let mut keep = keep.into_iter();
    found.retain(|_| keep.next().unwrap_or(true));
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use std::fs;

    use super::*;

    /// A temporary directory, resolved the way the loader resolves paths
    /// (on macOS the temporary directory sits behind a symlink).
    fn root() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = fs::canonicalize(dir.path()).unwrap();
        (dir, path)
    }

    fn write(path: &Path, text: &str) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    fn position(memory: &ProjectMemory, needle: &str) -> usize {
        memory
            .text()
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in {:?}", memory.text()))
    }

    #[test]
    fn agents_md_is_read_from_the_workspace_and_its_parents_outermost_first() {
        let (_dir, root) = root();
        let workspace = root.join("a").join("ws");
        write(&root.join("AGENTS.md"), "outermost rule");
        write(&root.join("a").join("AGENTS.md"), "middle rule");
        write(&workspace.join("AGENTS.md"), "workspace rule");

        let memory = load_project_memory_until(&workspace, Some(&root));

        assert_eq!(
            memory.sources,
            [
                root.join("AGENTS.md"),
                root.join("a").join("AGENTS.md"),
                workspace.join("AGENTS.md"),
            ]
        );
        assert!(memory.warnings.is_empty(), "{:?}", memory.warnings);
        let outer = position(&memory, "## ../../AGENTS.md\n\noutermost rule");
        let middle = position(&memory, "## ../AGENTS.md\n\nmiddle rule");
        let inner = position(&memory, "## AGENTS.md\n\nworkspace rule");
        assert!(outer < middle && middle < inner, "{}", memory.text());
    }

    #[test]
    fn claude_md_is_read_only_where_there_is_no_agents_md() {
        let (_dir, root) = root();
        let workspace = root.join("ws");
        write(&root.join("CLAUDE.md"), "parent claude");
        write(&workspace.join("AGENTS.md"), "workspace agents");
        write(&workspace.join("CLAUDE.md"), "workspace claude");

        let memory = load_project_memory_until(&workspace, Some(&root));

        assert_eq!(
            memory.sources,
            [root.join("CLAUDE.md"), workspace.join("AGENTS.md")]
        );
        assert!(memory.text().contains("## ../CLAUDE.md\n\nparent claude"));
        assert!(memory.text().contains("workspace agents"));
        assert!(!memory.text().contains("workspace claude"));
    }

    #[test]
    fn baton_memory_md_is_read_after_the_instruction_files() {
        let (_dir, root) = root();
        write(&root.join(".baton").join("memory.md"), "remembered fact");
        write(&root.join("AGENTS.md"), "agents rule");

        let memory = load_project_memory_until(&root, Some(&root));

        assert_eq!(
            memory.sources,
            [
                root.join("AGENTS.md"),
                root.join(".baton").join("memory.md")
            ]
        );
        let agents = position(&memory, "agents rule");
        let remembered = position(&memory, "## .baton/memory.md\n\nremembered fact");
        assert!(agents < remembered);
    }

    #[test]
    fn baton_memory_md_is_read_only_in_the_workspace_root() {
        let (_dir, root) = root();
        let workspace = root.join("ws");
        write(&root.join(".baton").join("memory.md"), "parent memory");
        fs::create_dir_all(&workspace).unwrap();

        let memory = load_project_memory_until(&workspace, Some(&root));

        assert!(memory.is_empty(), "{}", memory.text());
    }

    #[test]
    fn the_walk_stops_at_the_repository_root() {
        let (_dir, root) = root();
        let repo = root.join("repo");
        let workspace = repo.join("sub");
        write(&root.join("AGENTS.md"), "above the repository");
        fs::create_dir_all(repo.join(".git")).unwrap();
        write(&repo.join("AGENTS.md"), "repository rule");
        write(&workspace.join("AGENTS.md"), "sub rule");

        // `stop_at` is above the repository, so only `.git` can stop the walk.
        let memory = load_project_memory_until(&workspace, Some(&root));
        assert_eq!(
            memory.sources,
            [repo.join("AGENTS.md"), workspace.join("AGENTS.md")]
        );
        assert!(!memory.text().contains("above the repository"));

        // The same without any ceiling: the repository inside the temporary
        // directory keeps the walk from reaching the machine's own files.
        assert_eq!(load_project_memory(&workspace), memory);
    }

    #[test]
    fn a_git_file_also_marks_the_repository_root() {
        let (_dir, root) = root();
        let repo = root.join("worktree");
        write(&root.join("AGENTS.md"), "above the worktree");
        write(&repo.join(".git"), "gitdir: /elsewhere\n");
        write(&repo.join("AGENTS.md"), "worktree rule");

        let memory = load_project_memory_until(&repo, Some(&root));

        assert_eq!(memory.sources, [repo.join("AGENTS.md")]);
    }

    #[test]
    fn an_oversized_file_is_cut_at_a_character_boundary_with_a_warning() {
        let (_dir, root) = root();
        // "é" is two bytes and starts at odd offsets after the "a", so the
        // 32 KiB mark falls inside a character.
        let text = format!("a{}", "é".repeat(20_000));
        write(&root.join("AGENTS.md"), &text);

        let memory = load_project_memory_until(&root, Some(&root));

        assert_eq!(memory.sources, [root.join("AGENTS.md")]);
        assert_eq!(memory.warnings.len(), 1, "{:?}", memory.warnings);
        assert!(memory.warnings[0].contains("AGENTS.md"));
        assert!(memory.warnings[0].contains("40001 bytes"));
        let kept = format!("a{}", "é".repeat((FILE_CAP - 2) / 2));
        assert_eq!(kept.len(), FILE_CAP - 1);
        let expected = format!(
            "## AGENTS.md\n\n{kept}\n\n[cut here: the file is 40001 bytes; only the first 32 KiB \
             are included]"
        );
        assert_eq!(memory.text(), expected);
    }

    #[test]
    fn the_total_is_capped_by_cutting_the_outermost_files_first() {
        let (_dir, root) = root();
        let workspace = root.join("a").join("ws");
        let chunk = 30 * 1024;
        // Letters that no heading or note contains, to count each file's
        // share. One `w` more leaves an odd number of bytes for the middle
        // file, whose two-byte characters must not be split.
        write(&root.join("AGENTS.md"), &"q".repeat(chunk));
        write(&root.join("a").join("AGENTS.md"), &"é".repeat(chunk / 2));
        write(&workspace.join("AGENTS.md"), &"w".repeat(chunk + 1));
        write(
            &workspace.join(".baton").join("memory.md"),
            &"z".repeat(chunk),
        );

        let memory = load_project_memory_until(&workspace, Some(&root));

        // memory.md and the workspace file whole, the middle one cut to what
        // is left, the outermost one left out.
        assert_eq!(
            memory.sources,
            [
                root.join("a").join("AGENTS.md"),
                workspace.join("AGENTS.md"),
                workspace.join(".baton").join("memory.md"),
            ]
        );
        assert_eq!(memory.warnings.len(), 2, "{:?}", memory.warnings);
        assert!(memory.warnings[0].contains("cut"));
        assert!(memory.warnings[1].contains("left out"));
        let count = |c: char| memory.text().chars().filter(|&ch| ch == c).count();
        assert_eq!(count('z'), chunk);
        assert_eq!(count('w'), chunk + 1);
        assert_eq!(count('é'), (TOTAL_CAP - 2 * chunk - 1) / 2);
        assert_eq!(count('q'), 0);
        assert!(
            memory
                .text()
                .contains("é\n\n[cut here: project memory is limited to 64 KiB in all]")
        );
    }

    #[test]
    fn nothing_to_read_is_empty() {
        let (_dir, root) = root();

        let memory = load_project_memory_until(&root, Some(&root));

        assert!(memory.is_empty());
        assert!(memory.sources.is_empty());
        assert!(memory.warnings.is_empty());
        assert_eq!(memory.prompt_section(), None);
    }

    #[test]
    fn directories_with_the_files_names_are_ignored() {
        let (_dir, root) = root();
        fs::create_dir_all(root.join("AGENTS.md")).unwrap();
        fs::create_dir_all(root.join(".baton").join("memory.md")).unwrap();

        let memory = load_project_memory_until(&root, Some(&root));

        assert!(memory.is_empty());
        assert!(memory.warnings.is_empty(), "{:?}", memory.warnings);

        // Not being a file, it does not shadow CLAUDE.md either.
        write(&root.join("CLAUDE.md"), "claude rule");
        let memory = load_project_memory_until(&root, Some(&root));
        assert_eq!(memory.sources, [root.join("CLAUDE.md")]);
    }

    #[test]
    fn a_file_that_is_not_utf8_is_skipped_with_a_warning() {
        let (_dir, root) = root();
        let workspace = root.join("ws");
        fs::create_dir_all(&workspace).unwrap();
        fs::write(workspace.join("AGENTS.md"), b"caf\xe9 rule").unwrap();
        write(&workspace.join("CLAUDE.md"), "claude rule");
        write(&root.join("AGENTS.md"), "parent rule");

        let memory = load_project_memory_until(&workspace, Some(&root));

        assert_eq!(memory.sources, [root.join("AGENTS.md")]);
        assert_eq!(memory.warnings.len(), 1, "{:?}", memory.warnings);
        assert!(memory.warnings[0].contains("not UTF-8"));
        // The unusable AGENTS.md still shadows CLAUDE.md.
        assert!(!memory.text().contains("claude rule"));
    }

    #[test]
    fn blank_files_contribute_nothing() {
        let (_dir, root) = root();
        write(&root.join("AGENTS.md"), "\n  \n");

        let memory = load_project_memory_until(&root, Some(&root));

        assert!(memory.is_empty());
        assert!(memory.sources.is_empty());
    }

    #[test]
    fn the_prompt_section_introduces_the_text() {
        let (_dir, root) = root();
        write(
            &root.join("AGENTS.md"),
            "Run `make check` before finishing.",
        );

        let memory = load_project_memory_until(&root, Some(&root));
        let section = memory.prompt_section().unwrap();

        assert!(section.starts_with("# Project memory\n\n"));
        assert!(section.ends_with("## AGENTS.md\n\nRun `make check` before finishing."));
        assert!(!memory.is_empty());
    }
}
