//! `list`, `glob` and `grep`: finding files and text, respecting ignore files.

mod grep;

pub use grep::Grep;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use async_trait::async_trait;
use baton_protocol::{ToolAnnotations, ToolOutput, ToolSpec};
use globset::{GlobBuilder, GlobMatcher};
use ignore::{Walk, WalkBuilder};
use serde::Deserialize;
use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;

use crate::registry::{Tool, ToolContext, parse_input};
use crate::workspace::Workspace;

const MAX_ENTRIES: usize = 1000;
/// Past this many entries `list` stops counting what it omits, so a huge
/// tree cannot stall the call.
const MAX_COUNTED: usize = 100_000;
const MAX_DEPTH: usize = 10;

/// A sorted walk that honours `.gitignore`/`.ignore` (even outside a git
/// repository) and hides `.git`, but shows other dotfiles such as `.github`.
fn walk(base: &Path, max_depth: Option<usize>) -> Walk {
    let mut builder = WalkBuilder::new(base);
    builder
        .hidden(false)
        .require_git(false)
        .follow_links(false)
        .max_depth(max_depth)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(|entry| entry.file_name() != ".git");
    builder.build()
}

/// Resolves an existing path; `if_file` is the advice given when a
/// directory is required but the path is a file.
fn resolve_existing(
    workspace: &Workspace,
    path: Option<&str>,
    if_file: Option<&str>,
) -> Result<PathBuf, ToolOutput> {
    let path = workspace
        .resolve(path.unwrap_or("."))
        .map_err(|error| ToolOutput::error(error.to_string()))?;
    match std::fs::metadata(&path) {
        Ok(metadata) => match if_file {
            Some(advice) if !metadata.is_dir() => Err(ToolOutput::error(format!(
                "`{}` is a file, not a directory; {advice}",
                workspace.display(&path)
            ))),
            _ => Ok(path),
        },
        Err(error) if error.kind() == io::ErrorKind::NotFound => Err(ToolOutput::error(format!(
            "`{}` does not exist; use `list` on a parent directory to see what is there.",
            workspace.display(&path)
        ))),
        Err(error) => Err(ToolOutput::error(format!(
            "cannot open `{}`: {error}",
            workspace.display(&path)
        ))),
    }
}

/// Runs blocking filesystem work off the async runtime.
async fn blocking(work: impl FnOnce() -> ToolOutput + Send + 'static) -> ToolOutput {
    tokio::task::spawn_blocking(work)
        .await
        .unwrap_or_else(|error| ToolOutput::error(format!("the search failed: {error}")))
}

fn cancelled() -> ToolOutput {
    ToolOutput::error("cancelled")
}

fn spec(name: &str, title: &str, description: &str, schema: Value) -> ToolSpec {
    ToolSpec {
        name: name.into(),
        description: description.into(),
        input_schema: schema,
        output_schema: None,
        annotations: ToolAnnotations {
            title: Some(title.into()),
            ..ToolAnnotations::read_only()
        },
    }
}

pub struct List {
    workspace: Arc<Workspace>,
    spec: ToolSpec,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListArgs {
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    depth: Option<usize>,
}

impl List {
    pub fn new(workspace: Arc<Workspace>) -> Self {
        let spec = spec(
            "list",
            "List directory",
            "List a directory as an indented tree, two levels deep by default. Directories end \
             with `/`. Files ignored by .gitignore/.ignore and the `.git` directory are left \
             out. Use it to get oriented; use `glob` to find files by name pattern anywhere.",
            json!({
                "type": "object",
                "properties": {
                    "path": {
                        "type": "string",
                        "description": "Directory to list, relative to the workspace root. Default \".\"."
                    },
                    "depth": {
                        "type": "integer",
                        "minimum": 1,
                        "maximum": MAX_DEPTH,
                        "description": "How many levels to descend. Default 2, maximum 10."
                    }
                },
                "required": [],
                "additionalProperties": false
            }),
        );
        Self { workspace, spec }
    }
}

#[async_trait]
impl Tool for List {
    fn spec(&self) -> &ToolSpec {
        &self.spec
    }

    async fn call(&self, input: Value, ctx: ToolContext) -> ToolOutput {
        let args: ListArgs = match parse_input("list", input) {
            Ok(args) => args,
            Err(output) => return output,
        };
        let advice = Some("use `read_file` to read it.");
        let base = match resolve_existing(&self.workspace, args.path.as_deref(), advice) {
            Ok(base) => base,
            Err(output) => return output,
        };
        let depth = args.depth.unwrap_or(2).clamp(1, MAX_DEPTH);
        let workspace = self.workspace.clone();
        blocking(move || list_tree(&workspace, &base, depth, &ctx.cancel)).await
    }
}

fn list_tree(
    workspace: &Workspace,
    base: &Path,
    depth: usize,
    cancel: &CancellationToken,
) -> ToolOutput {
    let shown = workspace.display(base);
    let mut out = vec![format!("{}/", shown.trim_end_matches('/'))];
    let mut seen = 0usize;
    let mut unexpanded = false;
    for entry in walk(base, Some(depth)) {
        if cancel.is_cancelled() {
            return cancelled();
        }
        // Unreadable entries are skipped: one bad directory should not hide the rest.
        let Ok(entry) = entry else { continue };
        let level = entry.depth();
        if level == 0 {
            continue;
        }
        seen += 1;
        if seen > MAX_COUNTED {
            break;
        }
        if seen > MAX_ENTRIES {
            continue;
        }
        let file_type = entry.file_type();
        let is_dir = file_type.is_some_and(|kind| kind.is_dir());
        let is_link = file_type.is_some_and(|kind| kind.is_symlink());
        unexpanded |= is_dir && level == depth;
        let name = entry.file_name().to_string_lossy();
        let suffix = if is_dir {
            "/"
        } else if is_link {
            " (symlink)"
        } else {
            ""
        };
        out.push(format!("{}{name}{suffix}", "  ".repeat(level)));
    }
    if seen == 0 {
        return ToolOutput::text(format!(
            "`{shown}` is empty (or everything in it is ignored)."
        ));
    }
    let mut text = out.join("\n");
    if seen > MAX_ENTRIES {
        let more = if seen > MAX_COUNTED { "more than " } else { "" };
        text.push_str(&format!(
            "\n[showing {MAX_ENTRIES} of {more}{} entries; {more}{} were omitted. List a subdirectory or use a smaller depth.]",
            seen.min(MAX_COUNTED),
            seen.min(MAX_COUNTED) - MAX_ENTRIES
        ));
    }
    if unexpanded {
        text.push_str(&format!(
            "\n[directories at depth {depth} are not expanded; list one of them, or use a larger depth, to see inside]"
        ));
    }
    ToolOutput::text(text)
}

pub struct Glob {
    workspace: Arc<Workspace>,
    spec: ToolSpec,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GlobArgs {
    pattern: String,
    #[serde(default)]
    path: Option<String>,
}

impl Glob {
    pub fn new(workspace: Arc<Workspace>) -> Self {
        let spec = spec(
            "glob",
            "Find files",
            "Find files whose path matches a glob pattern, e.g. `**/*.rs`, `src/**/*.{ts,tsx}` \
             or `*.md`. The pattern is matched against paths relative to `path` (default the \
             workspace root); `*` does not cross `/`, so use `**/` to search subdirectories. \
             Files ignored by .gitignore/.ignore are skipped. Returns matching file paths \
             relative to the workspace root, sorted, at most 1000.",
            json!({
                "type": "object",
                "properties": {
                    "pattern": {
                        "type": "string",
                        "description": "Glob pattern, e.g. \"**/*.rs\"."
                    },
                    "path": {
                        "type": "string",
                        "description": "Directory to search from, relative to the workspace root. Default \".\"."
                    }
                },
                "required": ["pattern"],
                "additionalProperties": false
            }),
        );
        Self { workspace, spec }
    }
}

#[async_trait]
impl Tool for Glob {
    fn spec(&self) -> &ToolSpec {
        &self.spec
    }

    async fn call(&self, input: Value, ctx: ToolContext) -> ToolOutput {
        let args: GlobArgs = match parse_input("glob", input) {
            Ok(args) => args,
            Err(output) => return output,
        };
        let pattern = args.pattern.trim();
        let pattern = pattern.strip_prefix("./").unwrap_or(pattern);
        if pattern.is_empty() {
            return ToolOutput::error("pattern is empty; give a glob such as **/*.rs.");
        }
        if pattern.starts_with('/') {
            return ToolOutput::error(format!(
                "the pattern `{pattern}` is absolute, but patterns are matched against paths relative \
                 to `path`; use a relative pattern such as **/*.rs, and set `path` to narrow the search."
            ));
        }
        let matcher = match compile_glob(pattern) {
            Ok(matcher) => matcher,
            Err(output) => return output,
        };
        let advice = Some("`path` must be a directory to search in.");
        let base = match resolve_existing(&self.workspace, args.path.as_deref(), advice) {
            Ok(base) => base,
            Err(output) => return output,
        };
        let workspace = self.workspace.clone();
        let pattern = pattern.to_owned();
        blocking(move || glob_files(&workspace, &base, &pattern, &matcher, &ctx.cancel)).await
    }
}

fn compile_glob(pattern: &str) -> Result<GlobMatcher, ToolOutput> {
    GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
        .map(|glob| glob.compile_matcher())
        .map_err(|error| {
            ToolOutput::error(format!(
                "invalid glob pattern `{pattern}`: {error}. Use glob syntax such as **/*.rs or src/**/*.{{ts,tsx}}."
            ))
        })
}

fn glob_files(
    workspace: &Workspace,
    base: &Path,
    pattern: &str,
    matcher: &GlobMatcher,
    cancel: &CancellationToken,
) -> ToolOutput {
    let mut found = Vec::new();
    for entry in walk(base, None) {
        if cancel.is_cancelled() {
            return cancelled();
        }
        let Ok(entry) = entry else { continue };
        if entry.file_type().is_none_or(|kind| kind.is_dir()) {
            continue;
        }
        let Ok(relative) = entry.path().strip_prefix(base) else {
            continue;
        };
        if matcher.is_match(relative) {
            found.push(workspace.display(entry.path()));
        }
    }
    if found.is_empty() {
        return ToolOutput::text(format!(
            "No files under `{}` match `{pattern}`.",
            workspace.display(base)
        ));
    }
    found.sort();
    let total = found.len();
    found.truncate(MAX_ENTRIES);
    let mut text = found.join("\n");
    if total > MAX_ENTRIES {
        text.push_str(&format!(
            "\n[showing the first {MAX_ENTRIES} of {total} matches; {} were omitted. Use a narrower pattern or path.]",
            total - MAX_ENTRIES
        ));
    }
    ToolOutput::text(text)
}
