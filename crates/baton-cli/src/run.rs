//! `baton run "task"`: wire config, model, tools and front ends together,
//! run one session, and turn its outcome into an exit code.

use std::sync::Arc;

use baton_agent::{
    Agent, AgentConfig, Budget, Delegator, DenyAll, EventBus, Inspector, Limits, PermissionPolicy,
    SessionLog, SessionSpec, WithDelegate, default_system_prompt, load_project_memory,
    new_session_id, resume_session, run_session,
};
use baton_config::Config;
use baton_models::{ModelClient, build_client};
use baton_protocol::{AgentId, Event, Outcome, PermissionMode};
use baton_tools::{Toolbox, Workspace};
use tokio_util::sync::CancellationToken;

use crate::approve::TerminalApprover;
use crate::cli::RunArgs;
use crate::exit;
use crate::render::{JsonLines, Terminal};

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
    execute(args, None).await
}

/// Runs a new session, or continues `resume`'s.
pub async fn execute(args: RunArgs, resume: Option<Resume>) -> u8 {
    let workspace = match Workspace::new(&args.workspace) {
        Ok(workspace) => workspace,
        Err(error) => return usage_error(&error),
    };
    let config = match Config::load(workspace.root(), &env) {
        Ok(config) => config,
        Err(error) => return usage_error(&error),
    };
    let (model, notice) = match resolve_model(&config, args.model.clone()) {
        Ok(found) => found,
        Err(error) => return usage_error(&error),
    };
    let mut warnings: Vec<String> = notice.into_iter().collect();
    let permission: PermissionMode = args.permission.map_or(config.permission, Into::into);

    let memory = if config.memory.enabled {
        let memory = load_project_memory(workspace.root());
        warnings.extend(memory.warnings.iter().cloned());
        memory.prompt_section()
    } else {
        None
    };

    let mut session = None;
    let (store, resume) = match resume {
        Some(Resume {
            store,
            session: id,
            log,
            follow_up,
        }) => {
            session = Some(id);
            (Some(store), log.map(|log| (log, follow_up)))
        }
        None => match crate::store::store_path(&config, args.store.as_deref()) {
            None => (None, None),
            Some(path) => match crate::store::open(&path).await {
                Ok(store) => (Some(store), None),
                Err(error) => {
                    warnings.push(format!(
                        "this run is not recorded, so it cannot be resumed: {error}"
                    ));
                    (None, None)
                }
            },
        },
    };
    let (hub, hub_events) = crate::tools::start_hub(&workspace, &config).await;
    // Never a prompt inside a run: a server that needs signing in is named
    // with the command by its `mcp_server` event (status needs_login), and
    // the run goes on without its tools.
    let bus = match &resume {
        Some((log, _)) => EventBus::resume(log.session.clone(), log.next_seq),
        None => EventBus::new(session.unwrap_or_else(new_session_id)),
    };
    let recorder = store.as_ref().map(|store| {
        let sink = Arc::new(crate::store::StoreSink(
            store.recorder(bus.session().clone()),
        ));
        bus.subscribe(sink.clone());
        bus.set_durable(sink.clone());
        sink
    });
    if let (Some(store), None) = (&store, &resume)
        && let Err(error) = store
            .set_spec(bus.session(), &run_spec(&args, &workspace))
            .await
    {
        warnings.push(format!("the session store failed: {error}"));
    }
    if args.json {
        bus.subscribe(Arc::new(JsonLines::new()));
    } else {
        bus.subscribe(Arc::new(Terminal::new(model.info().price.is_some())));
    }

    let approver: Arc<dyn baton_agent::Approver> = if TerminalApprover::available() {
        Arc::new(TerminalApprover)
    } else {
        Arc::new(DenyAll {
            reason: "there is no terminal to ask for approval; rerun with --permission auto to allow changes, or --permission read-only".into(),
        })
    };
    let root = AgentId::new("root");
    let base_prompt = config
        .system_prompt
        .clone()
        .unwrap_or_else(|| default_system_prompt(workspace.root()));
    // `--role orchestrator` (or `role = …` in baton.toml) makes the root
    // agent a role, with a `delegate` tool when the role may delegate.
    let role = match args.role.clone().or_else(|| config.role.clone()) {
        None => None,
        Some(name) => {
            let roles = match crate::orchestra::roles(&config, workspace.root()) {
                Ok(roles) => roles,
                Err(error) => return usage_error(&error),
            };
            let Some(def) = roles.get(&name).cloned() else {
                let known: Vec<&str> = roles.names().collect();
                return usage_error(&format!(
                    "there is no role `{name}`; the roles are: {} (add one in .baton/agents/NAME.md or [roles.NAME])",
                    known.join(", ")
                ));
            };
            Some((def, roles))
        }
    };
    let agent_config = AgentConfig {
        role: role
            .as_ref()
            .map_or("main".into(), |(def, _)| def.name.clone()),
        system_prompt: Some(match &role {
            Some((def, _)) => baton_agent::system_prompt(
                &def.instructions,
                &base_prompt,
                memory.as_deref().filter(|_| def.memory),
            ),
            None => match &memory {
                Some(memory) => format!("{base_prompt}\n\n{memory}"),
                None => base_prompt.clone(),
            },
        }),
        max_turns: args.max_turns.unwrap_or_else(|| {
            role.as_ref()
                .map_or(config.max_turns, |(def, _)| def.max_turns)
        }),
        max_tokens: config.max_tokens,
        compaction: compaction(&config),
        gate_attempts: config.verify.attempts,
        ..AgentConfig::default()
    };
    let verify_settings = match verify_settings(&config, &workspace) {
        Ok(settings) => Some(settings),
        Err(error) => return usage_error(&error),
    };
    let critique_settings = match critique_settings(&config) {
        Ok(settings) => Some(settings),
        Err(error) => return usage_error(&error),
    };
    let budget_usd = args.budget_usd.or(config.budget.usd);
    let budget = Budget::root(Limits {
        usd: budget_usd,
        tokens: args.budget_tokens.or(config.budget.tokens),
        turns: None,
        wall_ms: args
            .budget_time
            .or(config.budget.seconds)
            .map(|secs| (secs * 1000.0).ceil() as u64),
    });
    if budget_usd.is_some() && model.info().price.is_none() {
        warnings.push(format!(
            "the money budget cannot be enforced: `{}` has no price; give it one under [models] in baton.toml",
            model.info().name
        ));
    }
    let policy: Arc<dyn Inspector> = Arc::new(PermissionPolicy::new(permission, approver));
    let hub_tools: Arc<dyn Toolbox> = Arc::new(hub.clone());
    let tools: Arc<dyn Toolbox> = match &role {
        Some((def, roles)) if def.can_delegate => {
            let chooser = match crate::orchestra::RouterChooser::new(
                &config,
                workspace.root(),
                model.clone(),
            ) {
                Ok(chooser) => chooser,
                Err(error) => return usage_error(&error),
            };
            let mut settings = crate::orchestra::delegation(
                &config,
                roles.clone(),
                Arc::new(chooser),
                hub_tools.clone(),
                bus.clone(),
                base_prompt,
                vec![policy.clone()],
            );
            settings.resume = resume.as_ref().map(|(log, _)| log.clone());
            settings.compaction = compaction(&config);
            settings.verify = verify_settings.clone();
            settings.critique = critique_settings.clone();
            settings.gate_attempts = config.verify.attempts;
            settings.memory = memory.clone();
            Arc::new(WithDelegate::new(
                hub_tools,
                Delegator::new(settings, root.clone(), budget.clone(), 0),
            ))
        }
        _ => hub_tools,
    };
    let mut agent = Agent::new(root.clone(), model, tools, agent_config)
        .with_budget(budget)
        .with_inspector(policy);
    if let (Some((def, _)), Some(settings)) = (&role, &critique_settings)
        && def.gates.iter().any(|gate| gate == "critique")
    {
        let critic = agent.model().clone();
        agent = agent.with_gate(Arc::new(baton_agent::CritiqueGate::new(
            critic,
            settings.clone(),
        )));
    }
    if let (Some((def, _)), Some(settings)) = (&role, &verify_settings)
        && def.gates.iter().any(|gate| gate == "verify")
    {
        agent = agent.with_gate(Arc::new(baton_agent::VerifyGate::new(settings.clone())));
    }

    if permission == PermissionMode::Ask && !TerminalApprover::available() {
        warnings.push(
            "no terminal: tool calls that need approval will be refused (use --permission auto or read-only)".to_owned(),
        );
    }

    let cancel = CancellationToken::new();
    // Registered before the session starts, so no Ctrl-C can slip past it.
    let interrupts = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())
    {
        Ok(interrupts) => interrupts,
        Err(error) => {
            errln!("baton: cannot listen for Ctrl-C: {error}");
            return exit::FAILURE;
        }
    };
    let interrupt = tokio::spawn(watch_ctrl_c(interrupts, cancel.clone()));
    let spec = SessionSpec {
        task: args.task,
        workspace: workspace.root().to_path_buf(),
        permission,
        startup: warnings
            .into_iter()
            .map(|message| Event::Warning { message })
            .chain(hub_events)
            .collect(),
    };
    let status_bus = bus.clone();
    let status_agent = root.clone();
    hub.set_status_sink(Arc::new(move |event| {
        status_bus.emit(&status_agent, None, event)
    }));
    let report = match &resume {
        Some((log, follow_up)) => {
            match resume_session(&bus, &spec, &agent, log, follow_up.as_deref(), &cancel).await {
                Ok(report) => report,
                Err(error) => {
                    interrupt.abort();
                    hub.shutdown().await;
                    return usage_error(&format!("cannot resume {}: {error}", log.session));
                }
            }
        }
        None => run_session(&bus, &spec, &agent, &cancel).await,
    };
    interrupt.abort();
    hub.shutdown().await;
    if let (Some(store), Some(recorder)) = (&store, recorder) {
        if let Err(error) = recorder.0.clone().close().await {
            errln!("baton: the session store failed: {error}; this session may not resume");
        }
        // Retention runs after each run, so the store never grows without bound.
        let now = crate::sessions::now_ms();
        let keep = [report.session.clone()];
        if let Err(error) = store
            .prune(&crate::store::retention(&config), now, &keep)
            .await
        {
            errln!("baton: pruning old sessions failed: {error}");
        }
    }

    match report.outcome {
        Outcome::Success => exit::SUCCESS,
        Outcome::Failure => exit::FAILURE,
        Outcome::BudgetExhausted => exit::BUDGET,
        Outcome::Cancelled => exit::CANCELLED,
    }
}

/// `[verify]` as the verify gate takes it.
fn verify_settings(
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
fn critique_settings(config: &Config) -> Result<baton_agent::CritiqueSettings, String> {
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

/// What `baton resume` needs to run the session again as it was started:
/// the flags that shaped it. Paths are made absolute, since a resume may
/// run from another directory.
fn run_spec(args: &RunArgs, workspace: &Workspace) -> serde_json::Value {
    let model = args
        .model
        .as_ref()
        .map(|model| match model.split_once(':') {
            Some(("scripted", path)) if std::path::Path::new(path).is_relative() => {
                std::path::absolute(path)
                    .map_or(model.clone(), |abs| format!("scripted:{}", abs.display()))
            }
            _ => model.clone(),
        });
    serde_json::json!({
        "task": args.task,
        "workspace": workspace.root(),
        "model": model,
        "role": args.role,
        "permission": args.permission.map(|p| PermissionMode::from(p).as_str()),
        "max_turns": args.max_turns,
        "budget_usd": args.budget_usd,
        "budget_tokens": args.budget_tokens,
        "budget_time": args.budget_time,
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

/// The first Ctrl-C cancels the run cleanly (the closing line still shows
/// usage and cost); a second one exits at once.
async fn watch_ctrl_c(mut interrupts: tokio::signal::unix::Signal, cancel: CancellationToken) {
    if interrupts.recv().await.is_none() {
        return;
    }
    errln!("\ncancelling… (press Ctrl-C again to exit now)");
    cancel.cancel();
    if interrupts.recv().await.is_some() {
        std::process::exit(i32::from(exit::CANCELLED));
    }
}

fn usage_error(error: &dyn std::fmt::Display) -> u8 {
    errln!("baton: {error}");
    exit::USAGE
}
