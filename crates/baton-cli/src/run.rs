//! `baton run "task"`: set a session up, run it (and, with no task, go on
//! as a chat), and turn its outcome into an exit code.

use std::sync::Arc;

use baton_agent::SessionLog;
use baton_config::Config;
use baton_models::{ModelClient, build_client};
use baton_protocol::Outcome;
use baton_tools::Workspace;
use tokio_util::sync::CancellationToken;

use crate::cli::RunArgs;
use crate::exit;
use crate::prepare::{Prepared, Turn};

fn env(var: &str) -> Option<String> {
    std::env::var(var).ok()
}

/// A session to continue instead of starting one.
pub struct Resume {
    pub store: baton_store::Store,
    pub session: baton_protocol::SessionId,
    /// `None` when the session died before its root agent started: it
    /// runs again from the start, under the same id.
    pub log: Option<Arc<SessionLog>>,
    pub follow_up: Option<String>,
}

pub async fn run(args: RunArgs) -> u8 {
    if let Some(id) = args.resume.clone() {
        return crate::sessions::resume_run(id, args).await;
    }
    // With no task, it is a conversation: the tasks come from stdin.
    let chat = args.task.is_none();
    execute(args, None, chat).await
}

/// Runs a new session, or continues `resume`'s; with `chat`, then reads
/// follow-ups from stdin until it ends.
pub async fn execute(args: RunArgs, resume: Option<Resume>, chat: bool) -> u8 {
    let first = match &resume {
        None => args.task.clone().map(Turn::Start),
        // It died before its root agent started: run it again from the start.
        Some(Resume { log: None, .. }) => args.task.clone().map(Turn::Start),
        Some(Resume {
            log: Some(log),
            follow_up,
            ..
        }) => match (follow_up, log.finished) {
            (Some(text), _) => Some(Turn::Continue(Some(text.clone()))),
            (None, None) => Some(Turn::Continue(None)),
            // A finished session opened to chat waits for the first message.
            (None, Some(_)) => None,
        },
    };
    let mut session = match Prepared::new(&args, resume).await {
        Ok(session) => session,
        Err(error) => return usage_error(&error),
    };
    // Registered before the session starts, so no Ctrl-C can slip past it.
    let mut interrupts =
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt()) {
            Ok(interrupts) => interrupts,
            Err(error) => {
                errln!("baton: cannot listen for Ctrl-C: {error}");
                session.close().await;
                return exit::FAILURE;
            }
        };
    let mut code = exit::SUCCESS;
    if let Some(turn) = first {
        code = run_turn(&mut session, turn, &args, &mut interrupts).await;
    }
    if chat && code != exit::USAGE {
        code = crate::chat::converse(&mut session, &args, &mut interrupts, code).await;
    }
    session.close().await;
    code
}

/// One run of the agent, cancelled cleanly by the first Ctrl-C (the
/// closing line still shows usage and cost); a second one exits at once.
pub async fn run_turn(
    session: &mut Prepared,
    turn: Turn,
    args: &RunArgs,
    interrupts: &mut tokio::signal::unix::Signal,
) -> u8 {
    let cancel = CancellationToken::new();
    let running = session.turn(turn, args, &cancel);
    tokio::pin!(running);
    // Stops listening if the signal stream ever ends, rather than spin.
    let mut listening = true;
    let report = loop {
        tokio::select! {
            report = &mut running => break report,
            signal = interrupts.recv(), if listening => match signal {
                None => listening = false,
                Some(()) if cancel.is_cancelled() => {
                    std::process::exit(i32::from(exit::CANCELLED));
                }
                Some(()) => {
                    errln!("\ncancelling… (press Ctrl-C again to exit now)");
                    cancel.cancel();
                }
            }
        }
    };
    match report {
        Ok(report) => match report.outcome {
            Outcome::Success => exit::SUCCESS,
            Outcome::Failure => exit::FAILURE,
            Outcome::BudgetExhausted => exit::BUDGET,
            Outcome::Cancelled => exit::CANCELLED,
        },
        Err(error) => usage_error(&error),
    }
}

/// `[verify]` as the verify gate takes it.
pub fn verify_settings(
    config: &Config,
    workspace: &Workspace,
) -> Result<baton_agent::VerifySettings, String> {
    let threshold = crate::verify::parse_threshold(&config.verify.threshold)
        .map_err(|e| format!("[verify] threshold: {e}"))?;
    Ok(baton_agent::VerifySettings {
        dir: workspace.root().to_path_buf(),
        command: config.verify.command.clone(),
        timeout: std::time::Duration::from_secs_f64(config.verify.timeout_secs.max(0.001)),
        threshold,
        spill_dir: Some(workspace.root().join(".baton").join("verify")),
    })
}

/// `[critique]` as the critique gate takes it: the constitution loaded
/// (and checked) before the run starts.
pub fn critique_settings(config: &Config) -> Result<baton_agent::CritiqueSettings, String> {
    let constitution = match &config.critique.constitution {
        Some(path) => baton_constitution::Constitution::load(path),
        None => baton_constitution::Constitution::builtin(),
    }
    .map_err(|e| format!("[critique] constitution: {e}"))?;
    Ok(baton_agent::CritiqueSettings {
        constitution: Arc::new(constitution),
        rounds: config.critique.rounds,
        seed: fastrand::u64(..),
    })
}

/// `[compaction]` as the agent loop takes it.
pub fn compaction(config: &Config) -> Option<baton_agent::CompactionSettings> {
    let c = &config.compaction;
    c.enabled.then_some(baton_agent::CompactionSettings {
        threshold: c.threshold,
        keep_recent: c.keep_recent,
    })
}

/// The model to run: `--model`, else the configuration's default, else the
/// embedded model (with a notice saying so).
pub fn resolve_model(
    config: &Config,
    flag: Option<String>,
) -> Result<(Arc<dyn ModelClient>, Option<String>), String> {
    let mut notice = None;
    let name = match flag.map_or_else(|| config.default_model(&env), Ok) {
        Ok(name) => name,
        Err(baton_config::ConfigError::NoModel) if crate::local::FALLBACK_MODEL.is_some() => {
            let fallback = crate::local::FALLBACK_MODEL.unwrap_or_default().to_owned();
            notice = Some(format!(
                "no API key or model configured: using the embedded model {fallback} (tiny and offline; set ANTHROPIC_API_KEY or OPENAI_API_KEY for real work)"
            ));
            fallback
        }
        Err(error) => return Err(error.to_string()),
    };
    let local = crate::local::provider();
    match config
        .registry()
        .resolve(&name)
        .and_then(|resolved| build_client(&resolved, &env, local.as_deref()))
    {
        Ok(model) => Ok((model, notice)),
        Err(error) if notice.is_some() => Err(format!(
            "{error}\n(no API key is set either: export ANTHROPIC_API_KEY or OPENAI_API_KEY to use a hosted model instead)"
        )),
        Err(error) => Err(error.to_string()),
    }
}

pub fn usage_error(error: &dyn std::fmt::Display) -> u8 {
    errln!("baton: {error}");
    exit::USAGE
}
