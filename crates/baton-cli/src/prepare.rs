//! Everything a session needs that outlives one run of its agent: the
//! model, the MCP servers, the bus with its front ends and store, and the
//! settings the agent is built from. `baton run` runs one turn on it; a
//! chat runs one per message, so the servers and the model stay loaded.

use std::sync::Arc;

use baton_agent::{
    Agent, AgentConfig, Budget, CritiqueSettings, Delegator, DenyAll, EventBus, Inspector, Limits,
    LiveLog, ModelChooser, PermissionPolicy, RoleDef, Roles, SessionLog, SessionReport,
    SessionSpec, VerifySettings, WithDelegate, default_system_prompt, load_project_memory,
    new_session_id, resume_session, run_session,
};
use baton_config::Config;
use baton_models::ModelClient;
use baton_protocol::{AgentId, Event, PermissionMode};
use baton_tools::{Toolbox, Workspace};
use tokio_util::sync::CancellationToken;

use crate::approve::TerminalApprover;
use crate::cli::RunArgs;
use crate::render::{JsonLines, Terminal};
use crate::run::{Resume, compaction, critique_settings, resolve_model, verify_settings};
use crate::store::StoreSink;

/// A session set up and ready to run turns.
pub struct Prepared {
    pub config: Config,
    pub workspace: Workspace,
    pub model: Arc<dyn ModelClient>,
    pub bus: EventBus,
    pub root: AgentId,
    pub permission: PermissionMode,
    /// The session as recorded so far, kept from the bus.
    pub live: Arc<LiveLog>,
    store: Option<baton_store::Store>,
    recorder: Option<Arc<StoreSink>>,
    hub: baton_mcp::ToolHub,
    /// Warnings and server status for the first turn's record.
    startup: Vec<Event>,
    role: Option<(RoleDef, Roles)>,
    chooser: Option<Arc<dyn ModelChooser>>,
    base_prompt: String,
    memory: Option<String>,
    verify: VerifySettings,
    critique: CritiqueSettings,
    policy: Arc<dyn Inspector>,
    limits: Limits,
    max_turns: Option<u32>,
    /// Whether a new session's spec still has to be recorded.
    new_session: bool,
}

/// What one turn does.
pub enum Turn {
    /// Start the session with this task.
    Start(String),
    /// Continue it: after an interruption (`None`), or with a follow-up.
    Continue(Option<String>),
}

impl Prepared {
    /// Sets the session up, or says why it cannot run (a usage error).
    pub async fn new(args: &RunArgs, resume: Option<Resume>) -> Result<Prepared, String> {
        let workspace = Workspace::new(&args.workspace).map_err(|e| e.to_string())?;
        let config = Config::load(workspace.root(), &|var| std::env::var(var).ok())
            .map_err(|e| e.to_string())?;
        let (model, notice) = resolve_model(&config, args.model.clone())?;
        let mut warnings: Vec<String> = notice.into_iter().collect();
        let permission: PermissionMode = args.permission.map_or(config.permission, Into::into);

        let memory = if config.memory.enabled {
            let memory = load_project_memory(workspace.root());
            warnings.extend(memory.warnings.iter().cloned());
            memory.prompt_section()
        } else {
            None
        };
        let base_prompt = config
            .system_prompt
            .clone()
            .unwrap_or_else(|| default_system_prompt(workspace.root()));
        // `--role orchestrator` (or `role = …` in baton.toml) makes the root
        // agent a role, with a `delegate` tool when the role may delegate.
        let role = match args.role.clone().or_else(|| config.role.clone()) {
            None => None,
            Some(name) => {
                let roles = crate::orchestra::roles(&config, workspace.root())?;
                let Some(def) = roles.get(&name).cloned() else {
                    let known: Vec<&str> = roles.names().collect();
                    return Err(format!(
                        "there is no role `{name}`; the roles are: {} (add one in .baton/agents/NAME.md or [roles.NAME])",
                        known.join(", ")
                    ));
                };
                Some((def, roles))
            }
        };
        let chooser: Option<Arc<dyn ModelChooser>> = match &role {
            Some((def, _)) if def.can_delegate => Some(Arc::new(
                crate::orchestra::RouterChooser::new(&config, workspace.root(), model.clone())?,
            )),
            _ => None,
        };
        let verify = verify_settings(&config, &workspace)?;
        let critique = critique_settings(&config)?;
        let budget_usd = args.budget_usd.or(config.budget.usd);
        let limits = Limits {
            usd: budget_usd,
            tokens: args.budget_tokens.or(config.budget.tokens),
            turns: None,
            wall_ms: args
                .budget_time
                .or(config.budget.seconds)
                .map(|secs| (secs * 1000.0).ceil() as u64),
        };
        if budget_usd.is_some() && model.info().price.is_none() {
            warnings.push(format!(
                "the money budget cannot be enforced: `{}` has no price; give it one under [models] in baton.toml",
                model.info().name
            ));
        }
        let approver: Arc<dyn baton_agent::Approver> = if TerminalApprover::available() {
            Arc::new(TerminalApprover)
        } else {
            Arc::new(DenyAll {
                reason: "there is no terminal to ask for approval; rerun with --permission auto to allow changes, or --permission read-only".into(),
            })
        };
        if permission == PermissionMode::Ask && !TerminalApprover::available() {
            warnings.push(
                "no terminal: tool calls that need approval will be refused (use --permission auto or read-only)".to_owned(),
            );
        }
        let policy: Arc<dyn Inspector> = Arc::new(PermissionPolicy::new(permission, approver));

        let (store, seed, session) = match resume {
            Some(Resume {
                store,
                session,
                log,
                ..
            }) => (Some(store), log.map(Arc::unwrap_or_clone), Some(session)),
            None => match crate::store::store_path(&config, args.store.as_deref()) {
                None => (None, None, None),
                Some(path) => match crate::store::open(&path).await {
                    Ok(store) => (Some(store), None, None),
                    Err(error) => {
                        warnings.push(format!(
                            "this run is not recorded, so it cannot be resumed: {error}"
                        ));
                        (None, None, None)
                    }
                },
            },
        };
        let (hub, hub_events) = crate::tools::start_hub(&workspace, &config).await;
        let bus = match &seed {
            Some(log) => EventBus::resume(log.session.clone(), log.next_seq),
            None => EventBus::new(session.unwrap_or_else(new_session_id)),
        };
        let new_session = seed.is_none();
        let live = Arc::new(LiveLog::new(seed));
        bus.subscribe(live.clone());
        let recorder = store.as_ref().map(|store| {
            let sink = Arc::new(StoreSink(store.recorder(bus.session().clone())));
            bus.subscribe(sink.clone());
            bus.set_durable(sink.clone());
            sink
        });
        if args.json {
            bus.subscribe(Arc::new(JsonLines::new()));
        } else {
            bus.subscribe(Arc::new(Terminal::new(model.info().price.is_some())));
        }
        let root = AgentId::new("root");
        // Never a prompt inside a run: a server that needs signing in is
        // named with the command by its `mcp_server` event (status
        // needs_login), and the run goes on without its tools.
        let status_bus = bus.clone();
        let status_agent = root.clone();
        hub.set_status_sink(Arc::new(move |event| {
            status_bus.emit(&status_agent, None, event)
        }));
        let startup = warnings
            .into_iter()
            .map(|message| Event::Warning { message })
            .chain(hub_events)
            .collect();
        Ok(Prepared {
            config,
            workspace,
            model,
            bus,
            root,
            permission,
            live,
            store,
            recorder,
            hub,
            startup,
            role,
            chooser,
            base_prompt,
            memory,
            verify,
            critique,
            policy,
            limits,
            max_turns: args.max_turns,
            new_session,
        })
    }

    /// Runs the agent once: to the end of the task, or of the follow-up.
    pub async fn turn(
        &mut self,
        turn: Turn,
        args: &RunArgs,
        cancel: &CancellationToken,
    ) -> Result<SessionReport, String> {
        let spec = SessionSpec {
            task: match &turn {
                Turn::Start(task) => task.clone(),
                Turn::Continue(_) => String::new(),
            },
            workspace: self.workspace.root().to_path_buf(),
            permission: self.permission,
            startup: std::mem::take(&mut self.startup),
        };
        match turn {
            Turn::Start(task) => {
                if let (Some(store), true) = (&self.store, self.new_session) {
                    let recorded = store
                        .set_spec(self.bus.session(), &run_spec(args, &task, &self.workspace))
                        .await;
                    if let Err(error) = recorded {
                        self.bus.emit(
                            &self.root,
                            None,
                            Event::Warning {
                                message: format!("the session store failed: {error}"),
                            },
                        );
                    }
                    self.new_session = false;
                }
                let agent = self.agent(None);
                Ok(run_session(&self.bus, &spec, &agent, cancel).await)
            }
            Turn::Continue(follow_up) => {
                let log = Arc::new(
                    self.live
                        .snapshot()
                        .map_err(|e| format!("cannot continue {}: {e}", self.bus.session()))?,
                );
                let agent = self.agent(Some(log.clone()));
                resume_session(&self.bus, &spec, &agent, &log, follow_up.as_deref(), cancel)
                    .await
                    .map_err(|e| format!("cannot resume {}: {e}", log.session))
            }
        }
    }

    /// The root agent for one turn. Built afresh each time, with a fresh
    /// budget that `Agent::resume` charges with what the session spent
    /// before, so nothing is counted twice.
    fn agent(&self, log: Option<Arc<SessionLog>>) -> Agent {
        let role = self.role.as_ref();
        let memory = self.memory.as_deref();
        let agent_config = AgentConfig {
            role: role.map_or("main".into(), |(def, _)| def.name.clone()),
            system_prompt: Some(match role {
                Some((def, _)) => baton_agent::system_prompt(
                    &def.instructions,
                    &self.base_prompt,
                    memory.filter(|_| def.memory),
                ),
                None => match memory {
                    Some(memory) => format!("{}\n\n{memory}", self.base_prompt),
                    None => self.base_prompt.clone(),
                },
            }),
            max_turns: self
                .max_turns
                .unwrap_or_else(|| role.map_or(self.config.max_turns, |(def, _)| def.max_turns)),
            max_tokens: self.config.max_tokens,
            compaction: compaction(&self.config),
            gate_attempts: self.config.verify.attempts,
            ..AgentConfig::default()
        };
        let mut limits = self.limits;
        // The wall-time budget, like the others, is the whole session's.
        if let (Some(limit), Some(log)) = (limits.wall_ms, &log) {
            limits.wall_ms = Some(limit.saturating_sub(log.wall_ms()));
        }
        let budget = Budget::root(limits);
        let hub_tools: Arc<dyn Toolbox> = Arc::new(self.hub.clone());
        let tools: Arc<dyn Toolbox> = match (role, &self.chooser) {
            (Some((_, roles)), Some(chooser)) => {
                let mut settings = crate::orchestra::delegation(
                    &self.config,
                    roles.clone(),
                    chooser.clone(),
                    hub_tools.clone(),
                    self.bus.clone(),
                    self.base_prompt.clone(),
                    vec![self.policy.clone()],
                );
                settings.resume = log;
                settings.compaction = compaction(&self.config);
                settings.verify = Some(self.verify.clone());
                settings.critique = Some(self.critique.clone());
                settings.gate_attempts = self.config.verify.attempts;
                settings.memory = self.memory.clone();
                Arc::new(WithDelegate::new(
                    hub_tools,
                    Delegator::new(settings, self.root.clone(), budget.clone(), 0),
                ))
            }
            _ => hub_tools,
        };
        let mut agent = Agent::new(self.root.clone(), self.model.clone(), tools, agent_config)
            .with_budget(budget)
            .with_inspector(self.policy.clone());
        let gates = role
            .map(|(def, _)| def.gates.as_slice())
            .unwrap_or_default();
        if gates.iter().any(|gate| gate == "critique") {
            let critic = agent.model().clone();
            agent = agent.with_gate(Arc::new(baton_agent::CritiqueGate::new(
                critic,
                self.critique.clone(),
            )));
        }
        if gates.iter().any(|gate| gate == "verify") {
            agent = agent.with_gate(Arc::new(baton_agent::VerifyGate::new(self.verify.clone())));
        }
        agent
    }

    /// Stops the servers, makes the record durable and applies retention.
    pub async fn close(self) {
        self.hub.shutdown().await;
        let Some(store) = self.store else {
            return;
        };
        if let Some(recorder) = self.recorder
            && let Err(error) = recorder.0.clone().close().await
        {
            errln!("baton: the session store failed: {error}; this session may not resume");
        }
        // Retention runs after each run, so the store never grows without bound.
        let now = crate::sessions::now_ms();
        let keep = [self.bus.session().clone()];
        if let Err(error) = store
            .prune(&crate::store::retention(&self.config), now, &keep)
            .await
        {
            errln!("baton: pruning old sessions failed: {error}");
        }
    }
}

/// What `baton resume` needs to run the session again as it was started:
/// the flags that shaped it. Paths are made absolute, since a resume may
/// run from another directory.
fn run_spec(args: &RunArgs, task: &str, workspace: &Workspace) -> serde_json::Value {
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
        "task": task,
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
