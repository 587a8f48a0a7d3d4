//! The change as files, hunks and lines, parsed from `git diff`.
//!
//! The parser reads the output of
//! `git diff --no-color --no-ext-diff -M --src-prefix=a/ --dst-prefix=b/`.
//! Hunk lines are counted against the hunk header rather than recognised by
//! their first character alone, so a removed line that reads `--- x` is not
//! mistaken for the next file's header.

use crate::report::Skipped;

/// Files bigger than this are not analysed line by line (generated or vendored
/// code says nothing about the agent's intent and would dominate the time).
pub const MAX_FILE_BYTES: usize = 1024 * 1024;
/// Changes with more lines than this in one file are skipped for the same reason.
pub const MAX_CHANGED_LINES: usize = 50_000;

/// The whole change.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Diff {
    pub files: Vec<FileChange>,
    /// Files whose lines were not analysed (binary, huge), with the reason.
    /// They stay in `files` (without hunks) so that deletions still count.
    pub skipped: Vec<Skipped>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Added,
    Modified,
    Deleted,
    Renamed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    Rust,
    Python,
    JavaScript,
    TypeScript,
    Go,
    Other,
}

impl Language {
    pub fn of(path: &str) -> Language {
        let ext = path.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
        match ext {
            "rs" => Language::Rust,
            "py" | "pyi" => Language::Python,
            "js" | "jsx" | "mjs" | "cjs" => Language::JavaScript,
            "ts" | "tsx" | "mts" | "cts" => Language::TypeScript,
            "go" => Language::Go,
            _ => Language::Other,
        }
    }

    /// JavaScript and TypeScript share every pattern the detectors look for.
    pub fn is_js(self) -> bool {
        matches!(self, Language::JavaScript | Language::TypeScript)
    }
}

/// One file of the change.
#[derive(Debug, Clone, PartialEq)]
pub struct FileChange {
    /// The path after the change (for deletions: the deleted path).
    pub path: String,
    /// The path before a rename.
    pub old_path: Option<String>,
    pub status: Status,
    pub language: Language,
    /// Whether the path is a test file by its language's conventions. Test
    /// modules inside Rust source files are found by [`rust_test_regions`].
    pub is_test: bool,
    /// True when the lines were not analysed (binary or huge); see [`Diff::skipped`].
    pub skipped: bool,
    pub hunks: Vec<Hunk>,
}

impl FileChange {
    pub fn new(path: &str, old_path: Option<String>, status: Status) -> FileChange {
        let was_test = old_path.as_deref().is_some_and(is_test_path);
        FileChange {
            path: path.to_string(),
            language: Language::of(path),
            is_test: is_test_path(path) || was_test,
            old_path,
            status,
            skipped: false,
            hunks: Vec::new(),
        }
    }

    /// Added lines as `(new line number, text)`.
    pub fn added(&self) -> impl Iterator<Item = (u32, &str)> {
        self.hunks
            .iter()
            .flat_map(|h| h.lines.iter())
            .filter_map(|l| match l {
                Line::Added { new_line, text } => Some((*new_line, text.as_str())),
                _ => None,
            })
    }

    /// Removed lines as `(old line number, text)`.
    pub fn removed(&self) -> impl Iterator<Item = (u32, &str)> {
        self.hunks
            .iter()
            .flat_map(|h| h.lines.iter())
            .filter_map(|l| match l {
                Line::Removed { old_line, text } => Some((*old_line, text.as_str())),
                _ => None,
            })
    }

    fn changed_lines(&self) -> usize {
        self.hunks.iter().map(|h| h.lines.len()).sum()
    }
}

/// One `@@` section.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Hunk {
    pub old_start: u32,
    pub new_start: u32,
    pub lines: Vec<Line>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    Added {
        new_line: u32,
        text: String,
    },
    Removed {
        old_line: u32,
        text: String,
    },
    Context {
        old_line: u32,
        new_line: u32,
        text: String,
    },
}

impl Line {
    pub fn text(&self) -> &str {
        match self {
            Line::Added { text, .. } | Line::Removed { text, .. } | Line::Context { text, .. } => {
                text
            }
        }
    }
}

/// Whether `path` is a test file by the usual conventions: a `tests`,
/// `test`, `__tests__` or `testdata` directory, `test_*.py`, `*_test.py`,
/// `conftest.py`, `*_test.go`, `*.test.*`, `*.spec.*`, and Rust `tests.rs`
/// (the file of a `#[cfg(test)] mod tests;`).
pub fn is_test_path(path: &str) -> bool {
    let mut parts: Vec<&str> = path.split('/').collect();
    let name = parts.pop().unwrap_or("");
    if parts
        .iter()
        .any(|d| matches!(*d, "tests" | "test" | "__tests__" | "testdata" | "spec"))
    {
        return true;
    }
    let stem = name.split('.').next().unwrap_or("");
    match Language::of(name) {
        Language::Python => {
            stem.starts_with("test_") || stem.ends_with("_test") || stem == "conftest"
        }
        Language::Go => stem.ends_with("_test"),
        Language::Rust => stem == "tests",
        Language::JavaScript | Language::TypeScript => {
            // `*.test.ts`, `*.spec.js`, `*.test.tsx`, …: a middle component.
            let mut pieces = name.split('.');
            pieces.next();
            let middle: Vec<&str> = pieces.collect();
            middle.len() >= 2
                && middle[..middle.len() - 1]
                    .iter()
                    .any(|p| *p == "test" || *p == "spec")
        }
        Language::Other => false,
    }
}

/// The 1-based inclusive line ranges of `#[cfg(test)]` modules in a Rust
/// source file. Braces are counted outside string and char literals and
/// comments, well enough for ordinary code.
pub fn rust_test_regions(content: &str) -> Vec<(u32, u32)> {
    let mut regions = Vec::new();
    let mut armed = false;
    let mut in_region = false;
    let mut in_block_comment = false;
    let mut depth = 0i64;
    let mut opened = false;
    let mut start = 0u32;
    for (idx, line) in content.lines().enumerate() {
        let number = idx as u32 + 1;
        if in_region {
            depth += brace_delta(line, &mut in_block_comment);
            opened |= line.contains('{');
            if opened && depth <= 0 {
                regions.push((start, number));
                in_region = false;
            }
            continue;
        }
        let mut rest = line.trim();
        if let Some(after) = rest.strip_prefix("#[cfg(test)]") {
            armed = true;
            start = number;
            rest = after.trim_start();
        }
        if !armed || rest.is_empty() || rest.starts_with("#[") || rest.starts_with("//") {
            continue;
        }
        armed = false;
        let item = rest
            .trim_start_matches("pub(crate) ")
            .trim_start_matches("pub ");
        if item.ends_with(';') && !line.contains('{') {
            // `mod tests;` lives in its own file (`tests.rs`); any other
            // one-line item (`use`, `const`) is test code on this line.
            if !item.starts_with("mod ") {
                regions.push((start, number));
            }
            continue;
        }
        depth = brace_delta(line, &mut in_block_comment);
        opened = line.contains('{');
        if opened && depth <= 0 {
            regions.push((start, number));
        } else {
            in_region = true;
        }
    }
    if in_region {
        regions.push((start, content.lines().count() as u32));
    }
    regions
}

fn brace_delta(line: &str, in_block_comment: &mut bool) -> i64 {
    let bytes = line.as_bytes();
    let mut delta = 0;
    let mut i = 0;
    let mut in_str = false;
    while i < bytes.len() {
        let b = bytes[i];
        let next = bytes.get(i + 1).copied();
        if *in_block_comment {
            if b == b'*' && next == Some(b'/') {
                *in_block_comment = false;
                i += 1;
            }
        } else if in_str {
            if b == b'\\' {
                i += 1;
            } else if b == b'"' {
                in_str = false;
            }
        } else {
            match b {
                b'/' if next == Some(b'/') => break,
                b'/' if next == Some(b'*') => {
                    *in_block_comment = true;
                    i += 1;
                }
                b'"' => in_str = true,
                b'\'' if bytes.get(i + 2) == Some(&b'\'') => i += 2,
                b'{' => delta += 1,
                b'}' => delta -= 1,
                _ => {}
            }
        }
        i += 1;
    }
    delta
}

/// Parses `git diff` output.
pub fn parse_unified(text: &str) -> Diff {
    let mut diff = Diff::default();
    let mut current: Option<FileChange> = None;
    // Lines still expected in the current hunk, old side and new side.
    let (mut old_left, mut new_left) = (0u32, 0u32);
    let (mut old_no, mut new_no) = (0u32, 0u32);
    let mut bytes = 0usize;
    for line in text.lines() {
        if old_left > 0 || new_left > 0 {
            let Some(file) = current.as_mut() else { break };
            let Some(hunk) = file.hunks.last_mut() else {
                break;
            };
            bytes += line.len() + 1;
            let text = line.get(1..).unwrap_or("").to_string();
            match line.as_bytes().first() {
                Some(b'+') => {
                    hunk.lines.push(Line::Added {
                        new_line: new_no,
                        text,
                    });
                    new_no += 1;
                    new_left = new_left.saturating_sub(1);
                }
                Some(b'-') => {
                    hunk.lines.push(Line::Removed {
                        old_line: old_no,
                        text,
                    });
                    old_no += 1;
                    old_left = old_left.saturating_sub(1);
                }
                Some(b'\\') => {}
                _ => {
                    // A context line; an empty line is a context line whose
                    // leading space was stripped by some tool on the way.
                    hunk.lines.push(Line::Context {
                        old_line: old_no,
                        new_line: new_no,
                        text,
                    });
                    old_no += 1;
                    new_no += 1;
                    old_left = old_left.saturating_sub(1);
                    new_left = new_left.saturating_sub(1);
                }
            }
            continue;
        }
        if let Some(rest) = line.strip_prefix("diff --git ") {
            if let Some(file) = current.take() {
                finish(&mut diff, file, bytes);
            }
            bytes = 0;
            let path = header_path(rest);
            current = Some(FileChange::new(&path, None, Status::Modified));
            continue;
        }
        let Some(file) = current.as_mut() else {
            continue;
        };
        if line.starts_with("new file mode") {
            file.status = Status::Added;
        } else if line.starts_with("deleted file mode") {
            file.status = Status::Deleted;
        } else if let Some(from) = line.strip_prefix("rename from ") {
            file.old_path = Some(unquote(from));
            file.status = Status::Renamed;
        } else if let Some(to) = line.strip_prefix("rename to ") {
            set_path(file, &unquote(to));
        } else if let Some(old) = line.strip_prefix("--- ") {
            if old != "/dev/null" && file.status == Status::Renamed {
                file.old_path = Some(strip_side(&unquote(old)));
            }
        } else if let Some(new) = line.strip_prefix("+++ ") {
            if new != "/dev/null" {
                set_path(file, &strip_side(&unquote(new)));
            }
        } else if line.starts_with("Binary files ") || line.starts_with("GIT binary patch") {
            file.skipped = true;
        } else if let Some(header) = line.strip_prefix("@@ ") {
            let (o, ol, n, nl) = parse_hunk_header(header);
            old_no = o;
            new_no = n;
            old_left = ol;
            new_left = nl;
            file.hunks.push(Hunk {
                old_start: o,
                new_start: n,
                lines: Vec::new(),
            });
        }
    }
    if let Some(file) = current.take() {
        finish(&mut diff, file, bytes);
    }
    diff
}

fn set_path(file: &mut FileChange, path: &str) {
    let old = file.old_path.clone();
    let mut fresh = FileChange::new(path, old, file.status);
    fresh.skipped = file.skipped;
    fresh.hunks = std::mem::take(&mut file.hunks);
    *file = fresh;
}

fn finish(diff: &mut Diff, mut file: FileChange, bytes: usize) {
    let reason = if file.skipped {
        Some("binary file".to_string())
    } else if bytes > MAX_FILE_BYTES {
        Some(format!("change larger than {} KiB", MAX_FILE_BYTES / 1024))
    } else if file.changed_lines() > MAX_CHANGED_LINES {
        Some(format!("more than {MAX_CHANGED_LINES} changed lines"))
    } else {
        None
    };
    if let Some(reason) = reason {
        file.skipped = true;
        file.hunks.clear();
        diff.skipped.push(Skipped {
            file: file.path.clone(),
            reason,
        });
    }
    diff.files.push(file);
}

/// `-12,3 +14,5 @@ fn x()` → (12, 3, 14, 5); a missing count means 1.
fn parse_hunk_header(header: &str) -> (u32, u32, u32, u32) {
    let mut parts = header.split_whitespace();
    let old = parts.next().unwrap_or("-0").trim_start_matches('-');
    let new = parts.next().unwrap_or("+0").trim_start_matches('+');
    let range = |s: &str| {
        let mut it = s.splitn(2, ',');
        let start = it.next().and_then(|v| v.parse().ok()).unwrap_or(0);
        let len = it.next().map_or(Some(1), |v| v.parse().ok()).unwrap_or(0);
        (start, len)
    };
    let (o, ol) = range(old);
    let (n, nl) = range(new);
    (o, ol, n, nl)
}

/// The path from `a/x b/x` (or the quoted form); renames are corrected by the
/// `rename to` and `+++` lines that follow.
fn header_path(rest: &str) -> String {
    if rest.starts_with('"') {
        // `"a/x y" "b/x y"`: the second quoted string is the new side.
        let second = rest.rfind(" \"").map_or(rest, |i| &rest[i + 1..]);
        return strip_side(&unquote(second));
    }
    if rest.len() >= 5 && (rest.len() - 1).is_multiple_of(2) {
        let half = (rest.len() - 1) / 2;
        if rest.is_char_boundary(half) && rest.is_char_boundary(half + 1) {
            let (a, b) = (&rest[..half], &rest[half + 1..]);
            if a.get(2..) == b.get(2..) {
                return strip_side(b);
            }
        }
    }
    rest.rsplit_once(" b/")
        .map_or_else(|| rest.to_string(), |(_, b)| b.to_string())
}

fn strip_side(path: &str) -> String {
    let path = path.strip_suffix('\t').unwrap_or(path);
    path.strip_prefix("a/")
        .or_else(|| path.strip_prefix("b/"))
        .unwrap_or(path)
        .to_string()
}

/// Undoes git's C-style quoting (`"tab\there \303\251"`); plain paths pass
/// through unchanged.
pub fn unquote(s: &str) -> String {
    let s = s.strip_suffix('\t').unwrap_or(s);
    let Some(inner) = s.strip_prefix('"').and_then(|r| r.strip_suffix('"')) else {
        return s.to_string();
    };
    let mut out = Vec::with_capacity(inner.len());
    let bytes = inner.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' || i + 1 >= bytes.len() {
            out.push(bytes[i]);
            i += 1;
            continue;
        }
        let c = bytes[i + 1];
        i += 2;
        match c {
            b'n' => out.push(b'\n'),
            b't' => out.push(b'\t'),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'v' => out.push(11),
            b'r' => out.push(b'\r'),
            b'0'..=b'7' => {
                let mut value = u32::from(c - b'0');
                let mut digits = 1;
                while digits < 3 && i < bytes.len() && (b'0'..=b'7').contains(&bytes[i]) {
                    value = value * 8 + u32::from(bytes[i] - b'0');
                    i += 1;
                    digits += 1;
                }
                out.push((value & 0xff) as u8);
            }
            other => out.push(other),
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
#[path = "diff_tests.rs"]
mod tests;
