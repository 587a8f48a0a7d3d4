//! `baton sessions …`, `baton resume` and `baton compact`: the recorded
//! sessions in the store, and continuing one.

use std::path::Path;
use std::sync::Arc;

use baton_agent::{ResumeError, SessionLog};
use baton_config::Config;
use baton_protocol::SessionId;
use baton_store::{SessionRow, Status, Store};
use clap::ValueEnum;

use crate::cli::{
    CompactArgs, Permission, ResumeArgs, RunArgs, SessionsAction, SessionsArgs, StoreArg,
};
use crate::exit;
use crate::run::{Resume, execute};

fn env(var: &str) -> Option<String> {
    std::env::var(var).ok()
}

fn fail(error: &dyn std::fmt::Display) -> u8 {
    errln!("baton: {error}");
    exit::USAGE
}

async fn open(store: &StoreArg) -> Result<Store, String> {
    let config = Config::load(&store.workspace, &env).map_err(|e| e.to_string())?;
    crate::store::open_for(&config, store.store.as_deref()).await
}

pub async fn run(args: SessionsArgs) -> u8 {
    let store = match open(&args.store).await {
        Ok(store) => store,
        Err(error) => return fail(&error),
    };
    let code = match args.action {
        SessionsAction::List { limit, json } => list(&store, limit, json).await,
        SessionsAction::Show { id } => show(&store, &id).await,
        SessionsAction::Export { id, out, .. } => export(&store, &id, out.as_deref()).await,
        SessionsAction::Rm { id } => remove(&store, &id).await,
        SessionsAction::Prune => prune(&store, &args.store).await,
    };
    store.close().await;
    code
}

/// What a row's status means to a user: a running session whose process
/// is gone was interrupted, and can be resumed.
fn status(row: &SessionRow) -> &'static str {
    if row.interrupted {
        "interrupted"
    } else {
        row.status.as_str()
    }
}

fn when(ms: u64) -> String {
    let secs = (ms / 1000) as i64;
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil date from days since the epoch (Howard Hinnant's algorithm),
    // to avoid a date-time dependency for one column.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}",
        rem / 3600,
        rem % 3600 / 60
    )
}

async fn list(store: &Store, limit: u32, json: bool) -> u8 {
    let rows = match store.sessions(limit).await {
        Ok(rows) => rows,
        Err(error) => return fail(&error),
    };
    if json {
        let items: Vec<serde_json::Value> = rows
            .iter()
            .map(|row| {
                serde_json::json!({
                    "id": row.id, "started_ms": row.started_ms, "finished_ms": row.finished_ms,
                    "status": status(row), "task": row.task, "model": row.model,
                    "cost_usd": row.cost_usd, "tokens": row.tokens, "events": row.events,
                })
            })
            .collect();
        outln!("{}", serde_json::Value::Array(items));
        return exit::SUCCESS;
    }
    if rows.is_empty() {
        outln!("no sessions recorded in {}", store.path().display());
        return exit::SUCCESS;
    }
    outln!(
        "{:<16}  {:<16}  {:<15}  {:>9}  task",
        "id",
        "started",
        "status",
        "cost"
    );
    for row in &rows {
        outln!(
            "{:<16}  {:<16}  {:<15}  {:>9}  {}",
            row.id,
            when(row.started_ms),
            status(row),
            format!("${:.4}", row.cost_usd),
            baton_trace::text::clip(&row.task.replace('\n', " "), 60)
        );
    }
    exit::SUCCESS
}

async fn resolve(store: &Store, id: &str) -> Result<SessionId, String> {
    store.resolve(id).await.map_err(|e| e.to_string())
}

async fn show(store: &Store, id: &str) -> u8 {
    let id = match resolve(store, id).await {
        Ok(id) => id,
        Err(error) => return fail(&error),
    };
    let (row, agents) = match (store.session(&id).await, store.agents(&id).await) {
        (Ok(Some(row)), Ok(agents)) => (row, agents),
        (Ok(None), _) => return fail(&format!("no session {id}")),
        (Err(error), _) | (_, Err(error)) => return fail(&error),
    };
    outln!("session   {}", row.id);
    outln!("task      {}", row.task);
    outln!("model     {}", row.model);
    outln!("workspace {}", row.workspace);
    outln!("started   {}", when(row.started_ms));
    outln!("status    {}", status(&row));
    if let Some(error) = &row.error {
        outln!("error     {error}");
    }
    outln!(
        "totals    ${:.4}, {} tokens, {} turns, {} tool calls, {} events",
        row.cost_usd,
        baton_trace::text::thousands(row.tokens),
        row.turns,
        row.tool_calls,
        row.events
    );
    outln!("agents");
    for agent in &agents {
        outln!(
            "  {:<14} {:<12} {:<20} {}",
            agent.agent,
            agent.role,
            agent.model,
            agent.status.as_str()
        );
    }
    match row.status {
        Status::Running if !row.interrupted => {
            outln!("\nrunning in process {}", row.owner_pid.unwrap_or_default())
        }
        Status::Running => outln!("\nresume it: baton resume {}", row.id),
        _ => outln!("\ncontinue it: baton resume {} \"follow-up task\"", row.id),
    }
    exit::SUCCESS
}

async fn export(store: &Store, id: &str, out: Option<&Path>) -> u8 {
    let id = match resolve(store, id).await {
        Ok(id) => id,
        Err(error) => return fail(&error),
    };
    let written = match out {
        Some(path) => {
            let file = match std::fs::File::create(path) {
                Ok(file) => file,
                Err(error) => return fail(&format!("cannot write {}: {error}", path.display())),
            };
            let mut writer = std::io::BufWriter::new(file);
            let result = store
                .export(&id, &mut writer)
                .await
                .map_err(|e| e.to_string());
            use std::io::Write as _;
            result.and_then(|n| writer.flush().map(|()| n).map_err(|e| e.to_string()))
        }
        None => {
            let mut stdout = std::io::BufWriter::new(std::io::stdout());
            match store.export(&id, &mut stdout).await {
                // A closed pipe (`… export ID | head`) is the reader's choice.
                Err(baton_store::StoreError::Export(error))
                    if error.kind() == std::io::ErrorKind::BrokenPipe =>
                {
                    return exit::SUCCESS;
                }
                other => other.map_err(|e| e.to_string()),
            }
        }
    };
    match written {
        Ok(_) => exit::SUCCESS,
        Err(error) => {
            errln!("baton: {error}");
            exit::FAILURE
        }
    }
}

async fn remove(store: &Store, id: &str) -> u8 {
    let id = match resolve(store, id).await {
        Ok(id) => id,
        Err(error) => return fail(&error),
    };
    if let Ok(Some(row)) = store.session(&id).await
        && row.status == Status::Running
        && !row.interrupted
    {
        return fail(&format!(
            "session {id} is running (process {}); stop it first",
            row.owner_pid.unwrap_or_default()
        ));
    }
    match store.remove(&id).await {
        Ok(true) => {
            outln!("removed {id}");
            exit::SUCCESS
        }
        Ok(false) => fail(&format!("no session {id}")),
        Err(error) => fail(&error),
    }
}

async fn prune(store: &Store, args: &StoreArg) -> u8 {
    let config = match Config::load(&args.workspace, &env) {
        Ok(config) => config,
        Err(error) => return fail(&error),
    };
    match store
        .prune(&crate::store::retention(&config), now_ms(), &[])
        .await
    {
        Ok(report) => {
            outln!(
                "removed {} sessions, {} bytes of events",
                report.removed.len(),
                baton_trace::text::thousands(report.bytes_freed)
            );
            exit::SUCCESS
        }
        Err(error) => fail(&error),
    }
}

pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// `baton resume ID [FOLLOW_UP]`.
pub async fn resume(args: ResumeArgs) -> u8 {
    let overrides = Overrides {
        model: args.model,
        permission: args.permission,
        json: args.json,
        chat: args.chat,
    };
    let (id, follow_up) = if args.last {
        // `baton resume --last "follow-up"`: the lone argument is the task.
        let follow_up = args.follow_up.or(args.id);
        match latest(args.store.as_deref()).await {
            Ok(id) => (id, follow_up),
            Err(error) => return fail(&error),
        }
    } else {
        (args.id.unwrap_or_default(), args.follow_up)
    };
    continue_session(&id, follow_up, args.store, overrides).await
}

/// The id of the most recently started session.
async fn latest(store: Option<&Path>) -> Result<String, String> {
    let config = Config::load(Path::new("."), &env).map_err(|e| e.to_string())?;
    let store = crate::store::open_for(&config, store).await?;
    let rows = store.sessions(1).await.map_err(|e| e.to_string())?;
    store.close().await;
    rows.first()
        .map(|row| row.id.to_string())
        .ok_or_else(|| format!("no sessions recorded in {}", store.path().display()))
}

/// `baton run --resume ID "follow-up"`.
pub async fn resume_run(id: String, args: RunArgs) -> u8 {
    // `baton run --resume ID` with no follow-up goes on as a conversation.
    let overrides = Overrides {
        model: args.model,
        permission: args.permission,
        json: args.json,
        chat: args.task.is_none(),
    };
    continue_session(&id, args.task, args.store, overrides).await
}

struct Overrides {
    model: Option<String>,
    permission: Option<Permission>,
    json: bool,
    /// Read follow-ups from stdin once the resumed run ends.
    chat: bool,
}

async fn continue_session(
    id: &str,
    follow_up: Option<String>,
    store_flag: Option<std::path::PathBuf>,
    overrides: Overrides,
) -> u8 {
    let config = match Config::load(Path::new("."), &env) {
        Ok(config) => config,
        Err(error) => return fail(&error),
    };
    let store = match crate::store::open_for(&config, store_flag.as_deref()).await {
        Ok(store) => store,
        Err(error) => return fail(&error),
    };
    let id = match resolve(&store, id).await {
        Ok(id) => id,
        Err(error) => return fail(&error),
    };
    let row = match store.session(&id).await {
        Ok(Some(row)) => row,
        Ok(None) => return fail(&format!("no session {id}")),
        Err(error) => return fail(&error),
    };
    if row.status == Status::Running && !row.interrupted {
        return fail(&format!(
            "session {id} is still running (process {}); resume it once that process has ended",
            row.owner_pid.unwrap_or_default()
        ));
    }
    let spec = row.spec.clone().unwrap_or_default();
    let text = |key: &str| spec.get(key).and_then(|v| v.as_str()).map(str::to_owned);
    let log = match store.events(&id).await {
        Ok(events) => match SessionLog::from_events(events) {
            Ok(log) => Some(log),
            // It died before its root agent started, so nothing it did can
            // have happened yet (every side effect is on record first): run
            // it again from the start, under the same id.
            Err(ResumeError::Empty | ResumeError::NoRoot(_)) => None,
            Err(error) => return fail(&format!("cannot resume {id}: {error}")),
        },
        Err(error) => return fail(&error),
    };
    let Some(log) = log else {
        let Some(task) = text("task") else {
            return fail(&format!(
                "cannot resume {id}: it never started and its task was not recorded"
            ));
        };
        if let Err(error) = store.remove(&id).await {
            return fail(&error);
        }
        let chat = overrides.chat;
        let args = run_args(&spec, task, overrides, store_flag, None);
        let resume = Resume {
            store,
            session: id,
            log: None,
            follow_up: None,
        };
        return execute(args, Some(resume), chat).await;
    };
    if let (Some(outcome), None, false) = (log.finished, &follow_up, overrides.chat) {
        return fail(&format!(
            "session {id} has finished ({outcome}); to continue it, give a follow-up task, baton resume {id} \"…\", or talk to it: baton resume {id} --chat"
        ));
    }
    let task = follow_up.clone().unwrap_or_else(|| log.task.clone());
    let chat = overrides.chat;
    let args = run_args(&spec, task, overrides, store_flag, Some(&log.workspace));
    let resume = Resume {
        store,
        session: id,
        log: Some(Arc::new(log)),
        follow_up,
    };
    execute(args, Some(resume), chat).await
}

/// The flags a session was started with, under the overrides given now.
fn run_args(
    spec: &serde_json::Value,
    task: String,
    overrides: Overrides,
    store_flag: Option<std::path::PathBuf>,
    workspace: Option<&str>,
) -> RunArgs {
    let text = |key: &str| spec.get(key).and_then(|v| v.as_str()).map(str::to_owned);
    let number = |key: &str| spec.get(key).and_then(serde_json::Value::as_f64);
    RunArgs {
        task: Some(task),
        model: overrides.model.or_else(|| text("model")),
        max_turns: number("max_turns").map(|n| n as u32),
        role: text("role"),
        budget_usd: number("budget_usd"),
        budget_tokens: number("budget_tokens").map(|n| n as u64),
        budget_time: number("budget_time"),
        permission: overrides
            .permission
            .or_else(|| text("permission").and_then(|p| Permission::from_str(&p, true).ok())),
        json: overrides.json,
        workspace: text("workspace")
            .or_else(|| workspace.map(str::to_owned))
            .unwrap_or_else(|| ".".into())
            .into(),
        resume: None,
        store: store_flag,
    }
}

/// `baton compact ID`.
pub async fn compact(args: CompactArgs) -> u8 {
    crate::compact::run(args).await
}
