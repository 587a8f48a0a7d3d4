//! `baton trace FILE.jsonl`: a run's agent tree as a table, JSON or an HTML
//! page. The model and renderings are `baton-trace`'s; this reads the file
//! and reports errors in terms of it.

use std::io::BufReader;
use std::path::Path;

use baton_trace::jsonl::{self, JsonlError};

use crate::cli::TraceArgs;
use crate::exit;

pub fn run(args: &TraceArgs) -> u8 {
    let path = &args.source;
    let shown = path.display();
    let file = match std::fs::File::open(path) {
        Ok(file) if path.is_dir() => {
            drop(file);
            errln!("baton trace: {shown} is a directory; {}", WHAT_TO_PASS);
            return exit::USAGE;
        }
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            if looks_like_session_id(path) {
                errln!(
                    "baton trace: {shown} is not a file. Reading a session by its id needs the session store, which baton does not have yet; {WHAT_TO_PASS}"
                );
            } else {
                errln!("baton trace: no such file: {shown}; {WHAT_TO_PASS}");
            }
            return exit::USAGE;
        }
        Err(error) => {
            errln!("baton trace: cannot open {shown}: {error}");
            return exit::USAGE;
        }
    };
    let loaded = match jsonl::read(BufReader::new(file)) {
        Ok(loaded) => loaded,
        Err(error) => {
            let hint = match error {
                JsonlError::Parse { .. } => format!("; {WHAT_TO_PASS}"),
                _ => String::new(),
            };
            errln!("baton trace: {shown}: {error}{hint}");
            return exit::USAGE;
        }
    };
    for warning in &loaded.warnings {
        errln!("baton trace: {shown}: warning: {warning}");
    }
    let trace = &loaded.trace;
    if args.json {
        match serde_json::to_string_pretty(trace) {
            Ok(json) => outln!("{json}"),
            Err(error) => {
                errln!("baton trace: cannot write JSON: {error}");
                return exit::FAILURE;
            }
        }
    } else {
        use std::io::Write as _;
        let _ = std::io::stdout().write_all(baton_trace::text::render(trace).as_bytes());
    }
    if let Some(out) = &args.html {
        if let Err(error) = std::fs::write(out, baton_trace::html::render(trace)) {
            errln!("baton trace: cannot write {}: {error}", out.display());
            return exit::FAILURE;
        }
        errln!(
            "baton trace: wrote {} ({} agents, {} tool calls)",
            out.display(),
            trace.totals.agents,
            trace.totals.tool_calls
        );
    }
    exit::SUCCESS
}

const WHAT_TO_PASS: &str =
    "pass the JSON lines of a run: baton run --json \"…\" > run.jsonl, then baton trace run.jsonl";

/// Session ids are short hex strings; a path has a separator or an extension.
fn looks_like_session_id(path: &Path) -> bool {
    let text = path.to_string_lossy();
    !text.is_empty()
        && text.len() <= 64
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}
