//! `grep`: regex search over the workspace with ripgrep's engine.

use std::io;
use std::path::Path;
use std::sync::Arc;

use async_trait::async_trait;
use baton_protocol::{ToolOutput, ToolSpec};
use globset::GlobMatcher;
use grep_regex::RegexMatcherBuilder;
use grep_searcher::{
    BinaryDetection, Searcher, SearcherBuilder, Sink, SinkContext, SinkContextKind, SinkMatch,
};
use serde::Deserialize;
use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;

use super::{blocking, cancelled, compile_glob, resolve_existing, spec, walk};
use crate::files::plural;
use crate::registry::{Tool, ToolContext, parse_input};
use crate::workspace::Workspace;

const DEFAULT_RESULTS: usize = 200;
const MAX_RESULTS: usize = 2000;
const MAX_CONTEXT: usize = 10;
/// Matched lines are cut here: minified files would otherwise flood the output.
const MAX_MATCH_CHARS: usize = 500;

pub struct Grep {
    workspace: Arc<Workspace>,
    spec: ToolSpec,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GrepArgs {
    pattern: String,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    glob: Option<String>,
    #[serde(default)]
    case_insensitive: bool,
    #[serde(default)]
    max_results: Option<usize>,
    #[serde(default)]
    context: Option<usize>,
}

impl Grep {
    pub fn new(workspace: Arc<Workspace>) -> Self {
        let spec = spec(
            "grep",
            "Search file contents",
            "Search file contents with a regular expression (Rust regex syntax, like ripgrep; \
             a match cannot span lines). Searches `path` (a file or directory, default the \
             workspace root), skipping binary files and files ignored by .gitignore/.ignore. \
             Each match is printed as `path:line:text`, sorted by path and line; with `context`, \
             surrounding lines are printed as `path-line-text` and groups are separated by `--`. \
             Use `glob` to restrict the files searched, e.g. `*.rs`.",
            json!({
                "type": "object",
                "properties": {
                    "pattern": {
                        "type": "string",
                        "description": "Regular expression to search for, e.g. \"fn\\s+main\". Escape regex metacharacters to search for literal text."
                    },
                    "path": {
                        "type": "string",
                        "description": "File or directory to search, relative to the workspace root. Default \".\"."
                    },
                    "glob": {
                        "type": "string",
                        "description": "Only search files whose name matches this glob, e.g. \"*.rs\" or \"*.{ts,tsx}\". A glob containing `/` is matched against the path relative to `path`."
                    },
                    "case_insensitive": {
                        "type": "boolean",
                        "description": "Ignore case. Default false."
                    },
                    "max_results": {
                        "type": "integer",
                        "minimum": 1,
                        "maximum": MAX_RESULTS,
                        "description": "Maximum number of matching lines to return. Default 200, maximum 2000."
                    },
                    "context": {
                        "type": "integer",
                        "minimum": 0,
                        "maximum": MAX_CONTEXT,
                        "description": "Lines of context to show before and after each match. Default 0, maximum 10."
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
impl Tool for Grep {
    fn spec(&self) -> &ToolSpec {
        &self.spec
    }

    async fn call(&self, input: Value, ctx: ToolContext) -> ToolOutput {
        let args: GrepArgs = match parse_input("grep", input) {
            Ok(args) => args,
            Err(output) => return output,
        };
        // The line terminator lets the searcher scan whole buffers instead of
        // line by line; it also rejects patterns that need to match `\n`.
        let matcher = match RegexMatcherBuilder::new()
            .case_insensitive(args.case_insensitive)
            .line_terminator(Some(b'\n'))
            .build(&args.pattern)
        {
            Ok(matcher) => matcher,
            Err(error) => {
                return ToolOutput::error(format!(
                    "invalid regular expression `{}`: {error}. Fix the pattern (escape characters such as ( [ {{ . * + ? with a backslash to match them literally) and try again.",
                    args.pattern
                ));
            }
        };
        let filter = match args
            .glob
            .as_deref()
            .map(str::trim)
            .filter(|glob| !glob.is_empty())
        {
            Some(glob) => match compile_glob(glob) {
                Ok(matcher) => Some((matcher, glob.contains('/'))),
                Err(output) => return output,
            },
            None => None,
        };
        let base = match resolve_existing(&self.workspace, args.path.as_deref(), None) {
            Ok(base) => base,
            Err(output) => return output,
        };
        let query = GrepQuery {
            matcher,
            filter,
            max_results: args
                .max_results
                .unwrap_or(DEFAULT_RESULTS)
                .clamp(1, MAX_RESULTS),
            context: args.context.unwrap_or(0).min(MAX_CONTEXT),
            pattern: args.pattern,
        };
        let workspace = self.workspace.clone();
        blocking(move || grep_files(&workspace, &base, &query, &ctx.cancel)).await
    }
}

struct GrepQuery {
    matcher: grep_regex::RegexMatcher,
    /// The file filter, and whether it matches whole relative paths rather
    /// than file names.
    filter: Option<(GlobMatcher, bool)>,
    max_results: usize,
    context: usize,
    pattern: String,
}

fn grep_files(
    workspace: &Workspace,
    base: &Path,
    query: &GrepQuery,
    cancel: &CancellationToken,
) -> ToolOutput {
    let mut searcher = SearcherBuilder::new()
        .binary_detection(BinaryDetection::quit(b'\0'))
        .line_number(true)
        .before_context(query.context)
        .after_context(query.context)
        .build();
    let mut lines = Vec::new();
    let mut matches = 0usize;
    let mut files = 0usize;
    let mut capped = false;
    // The walk is sorted by name, so results come out sorted by path and
    // stopping at the cap keeps exactly the first matches in that order.
    for entry in walk(base, None) {
        if cancel.is_cancelled() {
            return cancelled();
        }
        let Ok(entry) = entry else { continue };
        if !entry.file_type().is_some_and(|kind| kind.is_file()) {
            continue;
        }
        if let Some((glob, whole_path)) = &query.filter {
            let candidate = if *whole_path {
                entry.path().strip_prefix(base).unwrap_or(entry.path())
            } else {
                Path::new(entry.file_name())
            };
            if !glob.is_match(candidate) {
                continue;
            }
        }
        let shown = workspace.display(entry.path());
        let before = matches;
        let group_start = lines.len();
        let mut sink = Collector {
            path: &shown,
            lines: &mut lines,
            matches: &mut matches,
            max: query.max_results,
            capped: &mut capped,
            pending_before: 0,
        };
        // An unreadable file is skipped like an ignored one.
        if searcher
            .search_path(&query.matcher, entry.path(), &mut sink)
            .is_err()
        {
            continue;
        }
        if matches > before {
            files += 1;
            if query.context > 0 && group_start > 0 {
                lines.insert(group_start, "--".to_owned());
            }
        } else {
            lines.truncate(group_start);
        }
        if capped {
            break;
        }
    }
    if matches == 0 {
        return ToolOutput::text(format!(
            "No matches for `{}` in `{}`.",
            query.pattern,
            workspace.display(base)
        ));
    }
    let mut text = lines.join("\n");
    text.push_str(&format!(
        "\n[{matches} {} in {files} {}]",
        plural(matches, "match", "matches"),
        plural(files, "file", "files")
    ));
    if capped {
        text.push_str(&format!(
            "\n[stopped at max_results={}; there are more matches. Narrow the pattern, path or glob, or raise max_results (up to {MAX_RESULTS}).]",
            query.max_results
        ));
    }
    ToolOutput::text(text)
}

/// Collects printed lines for one file.
struct Collector<'a> {
    path: &'a str,
    lines: &'a mut Vec<String>,
    matches: &'a mut usize,
    max: usize,
    capped: &'a mut bool,
    /// Lines of leading context printed since the last match; they belong
    /// to the next match and must go if that match is over the cap.
    pending_before: usize,
}

impl Collector<'_> {
    fn push(&mut self, separator: char, first_line: Option<u64>, bytes: &[u8]) {
        let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
        let first = first_line.unwrap_or(0);
        for (index, line) in bytes.split(|&byte| byte == b'\n').enumerate() {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            let text = String::from_utf8_lossy(line);
            let text = match text.char_indices().nth(MAX_MATCH_CHARS) {
                Some((cut, _)) => format!("{}… [truncated]", text.get(..cut).unwrap_or_default()),
                None => text.into_owned(),
            };
            let number = first + index as u64;
            self.lines
                .push(format!("{}{separator}{number}{separator}{text}", self.path));
        }
    }
}

impl Sink for Collector<'_> {
    type Error = io::Error;

    fn matched(&mut self, _: &Searcher, found: &SinkMatch<'_>) -> Result<bool, io::Error> {
        if *self.matches >= self.max {
            *self.capped = true;
            let keep = self.lines.len().saturating_sub(self.pending_before);
            self.lines.truncate(keep);
            if self.lines.last().is_some_and(|line| line == "--") {
                self.lines.pop();
            }
            return Ok(false);
        }
        *self.matches += 1;
        self.pending_before = 0;
        self.push(':', found.line_number(), found.bytes());
        Ok(true)
    }

    fn context(&mut self, _: &Searcher, context: &SinkContext<'_>) -> Result<bool, io::Error> {
        let before = self.lines.len();
        self.push('-', context.line_number(), context.bytes());
        if matches!(context.kind(), SinkContextKind::Before) {
            self.pending_before += self.lines.len() - before;
        }
        Ok(true)
    }

    fn context_break(&mut self, _: &Searcher) -> Result<bool, io::Error> {
        self.lines.push("--".to_owned());
        self.pending_before = 0;
        Ok(true)
    }
}
