//! `baton compact ID`: compact a recorded session's context now. The new
//! context goes into the session's log as a `compacted` event (after the
//! summary call's `model_finished`, so its cost counts), and the next
//! `baton resume` starts from it.

use std::path::Path;

use baton_agent::{
    Calibration, CompactError, CompactionOutcome, CompactionSettings, SessionLog, compact_messages,
};
use baton_config::Config;
use baton_models::ModelClient;
use baton_protocol::{Envelope, Event, Message, StopReason};

use crate::cli::CompactArgs;
use crate::exit;

fn fail(error: &dyn std::fmt::Display) -> u8 {
    errln!("baton compact: {error}");
    exit::USAGE
}

pub async fn run(args: CompactArgs) -> u8 {
    let env = |var: &str| std::env::var(var).ok();
    let config = match Config::load(&args.store.workspace, &env) {
        Ok(config) => config,
        Err(error) => return fail(&error),
    };
    let store = match crate::store::open_for(&config, args.store.store.as_deref()).await {
        Ok(store) => store,
        Err(error) => return fail(&error),
    };
    let code = compact(&store, &config, &args).await;
    store.close().await;
    code
}

async fn compact(store: &baton_store::Store, config: &Config, args: &CompactArgs) -> u8 {
    let id = match store.resolve(&args.id).await {
        Ok(id) => id,
        Err(error) => return fail(&error),
    };
    match store.session(&id).await {
        Ok(Some(row)) if row.status == baton_store::Status::Running && !row.interrupted => {
            return fail(&format!(
                "session {id} is running (process {}); compact it once it has stopped",
                row.owner_pid.unwrap_or_default()
            ));
        }
        Ok(_) => {}
        Err(error) => return fail(&error),
    }
    let log = match store.events(&id).await.map(SessionLog::from_events) {
        Ok(Ok(log)) => log,
        Ok(Err(error)) => return fail(&format!("cannot compact {id}: {error}")),
        Err(error) => return fail(&error),
    };
    let Some(root) = log.root_agent() else {
        return fail(&format!("session {id} has no root agent"));
    };
    // The session's own model summarises, unless --model says otherwise.
    let spec_model = match store.session(&id).await {
        Ok(Some(row)) => row.spec.and_then(|spec| {
            spec.get("model")
                .and_then(|m| m.as_str())
                .map(str::to_owned)
        }),
        _ => None,
    };
    let workspace_config = Config::load(Path::new(&log.workspace), &|var| std::env::var(var).ok())
        .unwrap_or_else(|_| config.clone());
    let (model, _) =
        match crate::run::resolve_model(&workspace_config, args.model.clone().or(spec_model)) {
            Ok(found) => found,
            Err(error) => return fail(&error),
        };
    let settings = crate::run::compaction(&workspace_config).unwrap_or_default();
    let (events, summary) = match compact_now(model.as_ref(), &root.messages, &settings).await {
        Ok(Forced::Done { events, summary }) => (events, summary),
        Ok(Forced::Unchanged { tokens }) => {
            outln!(
                "session {id} left as it was: compacting would not make its context ({tokens} tokens) smaller"
            );
            return exit::SUCCESS;
        }
        Err(error) => {
            return fail(&format!(
                "cannot compact {id}: {error} (a session that stopped mid-turn must be resumed first: baton resume {id})"
            ));
        }
    };
    let recorder = store.recorder(id.clone());
    for (seq, event) in (log.next_seq..).zip(events) {
        recorder.record(&Envelope {
            seq,
            ts_ms: crate::sessions::now_ms(),
            session: id.clone(),
            agent: root.id.clone(),
            parent: None,
            event,
        });
    }
    if let Err(error) = recorder.close().await {
        errln!("baton compact: the session store failed: {error}");
        return exit::FAILURE;
    }
    outln!("session {id}: {summary}; baton resume {id} \"…\" continues from here");
    exit::SUCCESS
}

/// What compacting a context on request produced.
pub enum Forced {
    /// Compacting would not have made it smaller.
    Unchanged { tokens: u64 },
    /// The events that record it (the summary call's `model_finished`, so
    /// its cost counts, then `compacted` with the new context), and a line
    /// that says what changed.
    Done { events: Vec<Event>, summary: String },
}

/// Compacts `messages` now, whatever their size: for `baton compact ID`
/// and a chat's `/compact`.
pub async fn compact_now(
    model: &dyn ModelClient,
    messages: &[Message],
    settings: &CompactionSettings,
) -> Result<Forced, CompactError> {
    let started = std::time::Instant::now();
    let compaction =
        compact_messages(model, messages, settings, Calibration::default(), true).await?;
    let strategy = match compaction.outcome {
        CompactionOutcome::Compacted(strategy) => strategy,
        CompactionOutcome::NotNeeded | CompactionOutcome::Refused => {
            return Ok(Forced::Unchanged {
                tokens: compaction.before_tokens,
            });
        }
    };
    let mut events = Vec::new();
    if compaction.usage.total_tokens() > 0 {
        events.push(Event::ModelFinished {
            model: model.info().name.clone(),
            stop_reason: StopReason::EndTurn,
            usage: compaction.usage,
            cost: compaction.cost,
            latency_ms: started.elapsed().as_millis() as u64,
            first_token_ms: None,
        });
    }
    let summary = format!(
        "{} → {} tokens ({strategy})",
        baton_trace::text::thousands(compaction.before_tokens),
        baton_trace::text::thousands(compaction.after_tokens),
    );
    events.push(Event::Compacted {
        before_tokens: compaction.before_tokens,
        after_tokens: compaction.after_tokens,
        strategy,
        context: compaction.context,
    });
    Ok(Forced::Done { events, summary })
}
