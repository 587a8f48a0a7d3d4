//! `baton run "task"`: wire config, model, tools and front ends together,
//! run one session, and turn its outcome into an exit code.

use std::sync::Arc;

use baton_agent::{
    Agent, AgentConfig, Budget, Delegator, DenyAll, EventBus, Inspector, Limits, PermissionPolicy,
    SessionSpec, WithDelegate, default_system_prompt, new_session_id, run_session,
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

pub async fn run(args: RunArgs) -> u8 {
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

    let (hub, hub_events) = crate::tools::start_hub(&workspace, &config).await;
    // Never a prompt inside a run: a server that needs signing in is named
    // with the command by its `mcp_server` event (status needs_login), and
    // the run goes on without its tools.
    let bus = EventBus::new(new_session_id());
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
            Some((def, _)) => format!("{}\n\n{base_prompt}", def.instructions),
            None => base_prompt.clone(),
        }),
        max_turns: args.max_turns.unwrap_or_else(|| {
            role.as_ref()
                .map_or(config.max_turns, |(def, _)| def.max_turns)
        }),
        max_tokens: config.max_tokens,
        ..AgentConfig::default()
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
            let settings = crate::orchestra::delegation(
                &config,
                roles.clone(),
                Arc::new(chooser),
                hub_tools.clone(),
                bus.clone(),
                base_prompt,
                vec![policy.clone()],
            );
            Arc::new(WithDelegate::new(
                hub_tools,
                Delegator::new(settings, root.clone(), budget.clone(), 0),
            ))
        }
        _ => hub_tools,
    };
    let agent = Agent::new(root.clone(), model, tools, agent_config)
        .with_budget(budget)
        .with_inspector(policy);

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
    let report = run_session(&bus, &spec, &agent, &cancel).await;
    interrupt.abort();
    hub.shutdown().await;

    match report.outcome {
        Outcome::Success => exit::SUCCESS,
        Outcome::Failure => exit::FAILURE,
        Outcome::BudgetExhausted => exit::BUDGET,
        Outcome::Cancelled => exit::CANCELLED,
    }
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
