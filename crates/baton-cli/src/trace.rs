//! `baton trace FILE.jsonl`: a run's agent tree as a table, JSON or an HTML
//! page. The model and renderings are `baton-trace`'s; this reads the file
//! and reports errors in terms of it.

use std::io::BufReader;
use std::path::Path;

use baton_trace::jsonl::{self, JsonlError};

use crate::cli::TraceArgs;
use crate::exit;

pub async fn run(args: &TraceArgs) -> u8 {
    let path = &args.source;
    let shown = path.display();
    if !path.exists() && looks_like_session_id(path) {
        return match from_store(args).await {
            Ok(trace) => render(args, &trace),
            Err(error) => {
                errln!("baton trace: {error}");
                exit::USAGE
            }
        };
    }
    let file = match std::fs::File::open(path) {
        Ok(file) if path.is_dir() => {
            drop(file);
            errln!("baton trace: {shown} is a directory; {}", WHAT_TO_PASS);
            return exit::USAGE;
        }
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            errln!("baton trace: no such file: {shown}; {WHAT_TO_PASS}");
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
    render(args, &loaded.trace)
}

/// A recorded session's trace, by id or unique prefix.
async fn from_store(args: &TraceArgs) -> Result<baton_trace::Trace, String> {
    let config =
        baton_config::Config::load(std::path::Path::new("."), &|var| std::env::var(var).ok())
            .map_err(|e| e.to_string())?;
    let store = crate::store::open_for(&config, args.store.as_deref()).await?;
    let wanted = args.source.to_string_lossy();
    let id = store.resolve(&wanted).await.map_err(|e| {
        format!(
            "{e} (baton sessions list shows the recorded ones); or pass the JSON lines of a run: baton run --json \"…\" > run.jsonl"
        )
    })?;
    let events = store.events(&id).await.map_err(|e| e.to_string())?;
    store.close().await;
    baton_trace::Trace::from_events(events).map_err(|e| format!("session {id}: {e}"))
}

fn render(args: &TraceArgs, trace: &baton_trace::Trace) -> u8 {
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

const WHAT_TO_PASS: &str = "pass a session id (baton sessions list) or the JSON lines of a run: baton run --json \"…\" > run.jsonl, then baton trace run.jsonl";

/// Session ids are short hex strings; a path has a separator or an extension.
fn looks_like_session_id(path: &Path) -> bool {
    let text = path.to_string_lossy();
    !text.is_empty()
        && text.len() <= 64
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}
