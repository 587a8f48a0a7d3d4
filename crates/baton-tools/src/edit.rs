//! `edit_file`: exact string replacement.

use std::io;
use std::sync::Arc;

use async_trait::async_trait;
use baton_protocol::{ToolAnnotations, ToolOutput, ToolSpec};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::files::{number_lines, plural};
use crate::registry::{Tool, ToolContext, parse_input};
use crate::workspace::Workspace;

/// Editing loads the whole file; anything this big is not hand-written text.
const MAX_EDIT_BYTES: u64 = 32 * 1024 * 1024;
/// Lines of unchanged text shown around an edit.
const SNIPPET_CONTEXT: usize = 2;
const SNIPPET_MAX_LINES: usize = 20;
const MAX_SNIPPETS: usize = 3;
const MAX_LISTED_LINES: usize = 30;

pub struct EditFile {
    workspace: Arc<Workspace>,
    spec: ToolSpec,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EditArgs {
    path: String,
    old_string: String,
    new_string: String,
    #[serde(default)]
    replace_all: bool,
}

impl EditFile {
    pub fn new(workspace: Arc<Workspace>) -> Self {
        let spec = ToolSpec {
            name: "edit_file".into(),
            description: "Replace an exact piece of text in an existing file. `old_string` must \
                match the file's current text exactly, including indentation and whitespace \
                (copy it from `read_file` output, without the line-number prefix), and must \
                occur exactly once unless `replace_all` is true. Include enough surrounding \
                lines to make it unique. To delete text use an empty `new_string`; to create a \
                file use `write_file`. On failure the file is left unchanged."
                .into(),
            input_schema: json!({
                "type": "object",
                "properties": {
                    "path": {
                        "type": "string",
                        "description": "File path, relative to the workspace root (or absolute inside it)."
                    },
                    "old_string": {
                        "type": "string",
                        "description": "The exact text to replace. Must not be empty."
                    },
                    "new_string": {
                        "type": "string",
                        "description": "The text to put in its place. Must differ from old_string."
                    },
                    "replace_all": {
                        "type": "boolean",
                        "description": "Replace every occurrence instead of requiring exactly one. Default false."
                    }
                },
                "required": ["path", "old_string", "new_string"],
                "additionalProperties": false
            }),
            output_schema: None,
            annotations: ToolAnnotations {
                title: Some("Edit file".into()),
                ..ToolAnnotations::mutating(true, false)
            },
        };
        Self { workspace, spec }
    }
}

#[async_trait]
impl Tool for EditFile {
    fn spec(&self) -> &ToolSpec {
        &self.spec
    }

    async fn call(&self, input: Value, _ctx: ToolContext) -> ToolOutput {
        let args: EditArgs = match parse_input("edit_file", input) {
            Ok(args) => args,
            Err(output) => return output,
        };
        if args.old_string.is_empty() {
            return ToolOutput::error(
                "old_string is empty. To insert text, put a nearby existing line in old_string and \
                 repeat it in new_string with your addition; to create or replace a whole file use write_file.",
            );
        }
        if args.old_string == args.new_string {
            return ToolOutput::error(
                "old_string and new_string are identical, so there is nothing to change. The file was not changed.",
            );
        }
        let path = match self.workspace.resolve(&args.path) {
            Ok(path) => path,
            Err(error) => return ToolOutput::error(error.to_string()),
        };
        let shown = self.workspace.display(&path);
        match tokio::fs::metadata(&path).await {
            Ok(metadata) if metadata.is_dir() => {
                return ToolOutput::error(format!(
                    "`{shown}` is a directory; edit_file edits a single file."
                ));
            }
            Ok(metadata) if !metadata.is_file() => {
                return ToolOutput::error(format!("`{shown}` is not a regular file."));
            }
            Ok(metadata) if metadata.len() > MAX_EDIT_BYTES => {
                return ToolOutput::error(format!(
                    "`{shown}` is {} bytes, too large for edit_file (limit 32 MiB); use the shell (e.g. sed) instead.",
                    metadata.len()
                ));
            }
            Ok(_) => {}
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                return ToolOutput::error(format!(
                    "`{shown}` does not exist. edit_file only changes existing files; use write_file to create it."
                ));
            }
            Err(error) => return ToolOutput::error(format!("cannot read `{shown}`: {error}")),
        }
        let bytes = match tokio::fs::read(&path).await {
            Ok(bytes) => bytes,
            Err(error) => return ToolOutput::error(format!("cannot read `{shown}`: {error}")),
        };
        let Ok(content) = String::from_utf8(bytes) else {
            return ToolOutput::error(format!(
                "`{shown}` is not valid UTF-8 text, so edit_file cannot change it safely."
            ));
        };

        let plan = match plan_edit(
            &content,
            &args.old_string,
            &args.new_string,
            args.replace_all,
            &shown,
        ) {
            Ok(plan) => plan,
            Err(message) => return ToolOutput::error(message),
        };
        if let Err(error) = tokio::fs::write(&path, plan.content.as_bytes()).await {
            return ToolOutput::error(format!("cannot write `{shown}`: {error}"));
        }
        ToolOutput::text(plan.describe(&shown))
    }
}

/// The file after the edit, and where the new text landed.
#[derive(Debug)]
struct Plan {
    content: String,
    /// 1-based first and last line of each replacement in the new content.
    regions: Vec<(usize, usize)>,
    converted_to: Option<&'static str>,
}

/// Works out the edit without touching the disk; errors are messages for
/// the model about the file shown as `shown`.
fn plan_edit(
    content: &str,
    old: &str,
    new: &str,
    replace_all: bool,
    shown: &str,
) -> Result<Plan, String> {
    let mut old = old.to_owned();
    let mut new = new.to_owned();
    let mut converted_to = None;
    let mut offsets: Vec<usize> = content.match_indices(&old).map(|(at, _)| at).collect();
    if offsets.is_empty() {
        // read_file hides `\r`, so a model editing a CRLF file naturally
        // sends LF text; adapting both strings keeps the file's line endings.
        if let Some((old_adapted, new_adapted, ending)) = adapt_line_endings(content, &old, &new) {
            offsets = content
                .match_indices(&old_adapted)
                .map(|(at, _)| at)
                .collect();
            old = old_adapted;
            new = new_adapted;
            converted_to = Some(ending);
        }
    }
    if offsets.is_empty() {
        return Err(not_found(content, &old, shown));
    }
    if offsets.len() > 1 && !replace_all {
        let mut lines = line_numbers(content, &offsets);
        lines.dedup();
        return Err(format!(
            "old_string occurs {} times in `{shown}` (at lines {}), but it must match exactly one \
             place. Add more surrounding lines to old_string to make it unique, or set replace_all \
             to true to change every occurrence. The file was not changed.",
            offsets.len(),
            list_numbers(&lines),
        ));
    }

    let mut edited = String::with_capacity(content.len() + offsets.len() * new.len());
    let mut starts = Vec::with_capacity(offsets.len());
    let mut copied = 0;
    for &at in &offsets {
        edited.push_str(content.get(copied..at).unwrap_or_default());
        starts.push(edited.len());
        edited.push_str(&new);
        copied = at + old.len();
    }
    edited.push_str(content.get(copied..).unwrap_or_default());

    // A replacement ending in "\n" does not reach into the following line.
    let spanned = new.trim_end_matches('\n').matches('\n').count();
    let regions = line_numbers(&edited, &starts)
        .into_iter()
        .map(|first| (first, first + spanned))
        .collect();
    Ok(Plan {
        content: edited,
        regions,
        converted_to,
    })
}

impl Plan {
    fn describe(&self, shown: &str) -> String {
        let count = self.regions.len();
        // Several replacements on one line are one place to look at.
        let mut regions = self.regions.clone();
        regions.dedup_by_key(|region| region.0);
        let firsts: Vec<usize> = regions.iter().map(|&(first, _)| first).collect();
        let mut out = format!(
            "Edited `{shown}`: replaced {count} {} at {} {}.",
            plural(count, "occurrence", "occurrences"),
            plural(firsts.len(), "line", "lines"),
            list_numbers(&firsts),
        );
        if let Some(ending) = self.converted_to {
            out.push_str(&format!(
                " (The file uses {ending} line endings, so old_string and new_string were converted to match.)"
            ));
        }
        let lines: Vec<&str> = self.content.lines().collect();
        if lines.is_empty() {
            out.push_str("\n\n(the file is now empty)");
            return out;
        }
        let windows = windows(&regions, lines.len());
        for &(start, end) in windows.iter().take(MAX_SNIPPETS) {
            out.push_str("\n\n");
            out.push_str(&snippet(&lines, start, end));
        }
        if windows.len() > MAX_SNIPPETS {
            out.push_str(&format!(
                "\n\n[{} more edited places not shown]",
                windows.len() - MAX_SNIPPETS
            ));
        }
        out
    }
}

/// Line ranges to show: each edited region with a little context, merged
/// where they touch so no line is shown twice.
fn windows(regions: &[(usize, usize)], line_count: usize) -> Vec<(usize, usize)> {
    let mut windows: Vec<(usize, usize)> = Vec::new();
    for &(first, last) in regions {
        let start = first.saturating_sub(SNIPPET_CONTEXT).max(1);
        let end = (last + SNIPPET_CONTEXT).min(line_count).max(start);
        match windows.last_mut() {
            Some(previous) if start <= previous.1 + 1 => previous.1 = previous.1.max(end),
            _ => windows.push((start, end)),
        }
    }
    windows
}

/// Lines `start..=end`, numbered as in the new file, at most
/// [`SNIPPET_MAX_LINES`] of them.
fn snippet(lines: &[&str], start: usize, end: usize) -> String {
    let end_shown = end.min(start + SNIPPET_MAX_LINES - 1);
    let shown = lines.get(start - 1..end_shown).unwrap_or_default();
    let mut out = number_lines(start, shown.iter().map(|line| shorten(line)));
    if end_shown < end {
        out.push_str(&format!("\n[… {} more lines]", end - end_shown));
    }
    out
}

fn shorten(line: &str) -> &str {
    match line.char_indices().nth(300) {
        Some((cut, _)) => line.get(..cut).unwrap_or(line),
        None => line,
    }
}

/// Converts `old` and `new` to the other line-ending convention if that
/// makes `old` match; returns the name of the convention used.
fn adapt_line_endings(
    content: &str,
    old: &str,
    new: &str,
) -> Option<(String, String, &'static str)> {
    let to_lf = |text: &str| text.replace("\r\n", "\n");
    let to_crlf = |text: &str| to_lf(text).replace('\n', "\r\n");
    if old.contains('\n') && content.contains("\r\n") {
        let candidate = to_crlf(old);
        if candidate != old && content.contains(&candidate) {
            return Some((candidate, to_crlf(new), "CRLF"));
        }
    }
    if old.contains("\r\n") {
        let candidate = to_lf(old);
        if content.contains(&candidate) {
            return Some((candidate, to_lf(new), "LF"));
        }
    }
    None
}

fn not_found(content: &str, old: &str, shown: &str) -> String {
    let squash = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let squashed = squash(old);
    if !squashed.is_empty() && squash(content).contains(&squashed) {
        return format!(
            "old_string was not found in `{shown}` exactly, but it does match when whitespace \
             is ignored: the indentation, spacing or line breaks differ. Read the file again \
             and copy old_string exactly, including leading spaces or tabs (without the \
             line-number prefix). The file was not changed."
        );
    }
    let mut message = format!(
        "old_string was not found in `{shown}`. The file may have changed since you read it: \
         read it again and copy old_string exactly from the current text. The file was not changed."
    );
    if let Some(first) = old.lines().map(str::trim).find(|line| !line.is_empty()) {
        let hits: Vec<usize> = content
            .lines()
            .enumerate()
            .filter(|(_, line)| line.contains(first))
            .map(|(index, _)| index + 1)
            .take(MAX_LISTED_LINES + 1)
            .collect();
        if !hits.is_empty() && first != old.trim() {
            message.push_str(&format!(
                " The first line of old_string does appear at {} {}; compare the lines after it.",
                plural(hits.len(), "line", "lines"),
                list_numbers(&hits),
            ));
        }
    }
    message
}

/// 1-based line numbers of byte offsets, which must be ascending.
fn line_numbers(text: &str, offsets: &[usize]) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut line = 1;
    let mut scanned = 0;
    offsets
        .iter()
        .map(|&at| {
            let gap = bytes.get(scanned..at).unwrap_or_default();
            line += gap.iter().filter(|&&byte| byte == b'\n').count();
            scanned = at.max(scanned);
            line
        })
        .collect()
}

fn list_numbers(numbers: &[usize]) -> String {
    let mut out: Vec<String> = numbers
        .iter()
        .take(MAX_LISTED_LINES)
        .map(ToString::to_string)
        .collect();
    if numbers.len() > MAX_LISTED_LINES {
        out.push("…".to_owned());
    }
    out.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_replacement_reports_its_line() {
        let plan = plan_edit("a\nb\nc\n", "b", "B\nB2", false, "f").unwrap();
        assert_eq!(plan.content, "a\nB\nB2\nc\n");
        assert_eq!(plan.regions, vec![(2, 3)]);
        let text = plan.describe("f.txt");
        assert!(text.contains("replaced 1 occurrence at line 2"), "{text}");
        assert!(text.contains("2\tB\n3\tB2\n4\tc"), "{text}");
    }

    #[test]
    fn ambiguous_matches_list_their_lines() {
        let error = plan_edit("x\ny\nx\n", "x", "z", false, "f").unwrap_err();
        assert!(error.contains("occurs 2 times"), "{error}");
        assert!(error.contains("lines 1, 3"), "{error}");
        let plan = plan_edit("x\ny\nx\n", "x", "z", true, "f").unwrap();
        assert_eq!(plan.content, "z\ny\nz\n");
        assert_eq!(plan.regions, vec![(1, 1), (3, 3)]);
    }

    #[test]
    fn crlf_files_stay_crlf() {
        let plan = plan_edit(
            "one\r\ntwo\r\nthree\r\n",
            "one\ntwo",
            "1\n2\nextra",
            false,
            "f",
        )
        .unwrap();
        assert_eq!(plan.content, "1\r\n2\r\nextra\r\nthree\r\n");
        assert_eq!(plan.converted_to, Some("CRLF"));
        // A single-line edit in a CRLF file matches exactly and keeps every other byte.
        let plan = plan_edit("a\r\nb\r\n", "b", "c", false, "f").unwrap();
        assert_eq!(plan.content, "a\r\nc\r\n");
        assert_eq!(plan.converted_to, None);
    }

    #[test]
    fn whitespace_differences_get_a_hint() {
        let error = plan_edit(
            "fn f() {\n    body();\n}\n",
            "fn f() {\n  body();\n}",
            "x",
            false,
            "f",
        )
        .unwrap_err();
        assert!(error.contains("whitespace is ignored"), "{error}");
        let error = plan_edit("abc\n", "xyz", "q", false, "f").unwrap_err();
        assert!(error.contains("was not found"), "{error}");
        assert!(!error.contains("whitespace is ignored"), "{error}");
    }

    #[test]
    fn nearby_edits_share_one_snippet() {
        assert_eq!(
            windows(&[(1, 1), (3, 3), (20, 21)], 30),
            vec![(1, 5), (18, 23)]
        );
        // Adjacent windows merge; a gap keeps them apart.
        assert_eq!(windows(&[(5, 5), (10, 10)], 10), vec![(3, 10)]);
        assert_eq!(windows(&[(5, 5), (11, 11)], 20), vec![(3, 7), (9, 13)]);
    }

    #[test]
    fn line_numbers_of_offsets() {
        assert_eq!(line_numbers("a\nb\nc", &[0, 2, 4]), vec![1, 2, 3]);
        assert_eq!(line_numbers("", &[]), Vec::<usize>::new());
    }
}
