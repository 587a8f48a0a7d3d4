//! `baton mcp serve`: baton's built-in tools and a `run_task` tool, over
//! stdio or Streamable HTTP.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::serve::ListenerExt;
use baton_agent::{
    Agent, AgentConfig, DenyAll, EventBus, PermissionPolicy, SessionSpec, Subscriber,
    default_system_prompt, new_session_id, run_session,
};
use baton_config::Config;
use baton_mcp::fixtures::ConformanceFixtures;
use baton_mcp::{ToolHub, ToolServer};
use baton_protocol::{
    AgentId, Envelope, Event, Outcome, PermissionMode, ToolAnnotations, ToolOutput, ToolSpec,
};
use baton_tools::{Tool, ToolContext, Toolbox, Workspace, builtin_tools};
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use rmcp::{ServerHandler, ServiceExt};
use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;

use crate::cli::{McpArgs, McpServeArgs};
use crate::exit;
use crate::render::summarize_input;

fn env(var: &str) -> Option<String> {
    std::env::var(var).ok()
}

pub async fn serve(args: &McpArgs, serve: &McpServeArgs) -> u8 {
    let workspace = match Workspace::new(&args.workspace) {
        Ok(workspace) => workspace,
        Err(error) => {
            errln!("baton: {error}");
            return exit::USAGE;
        }
    };
    let config = match Config::load(workspace.root(), &env) {
        Ok(config) => config,
        Err(error) => {
            errln!("baton: {error}");
            return exit::USAGE;
        }
    };
    // Tasks run with the built-ins and every configured MCP server.
    let (hub, events) = crate::tools::start_hub(&workspace, &config).await;
    for event in events {
        if let Event::McpServer {
            server,
            error: Some(error),
            ..
        } = event
        {
            errln!("baton mcp serve: MCP server `{server}` is unavailable to run_task: {error}");
        }
    }
    let mut offered = builtin_tools(workspace.clone(), crate::tools::shell_options(&config));
    if let Some(only) = &serve.tools {
        let unknown: Vec<&String> = only
            .iter()
            .filter(|name| offered.spec(name).is_none())
            .collect();
        if !unknown.is_empty() {
            let known: Vec<String> = offered.specs().into_iter().map(|s| s.name).collect();
            errln!(
                "baton: unknown tool(s) {unknown:?}; the built-in tools are: {}",
                known.join(", ")
            );
            return exit::USAGE;
        }
        offered.retain(|spec| only.contains(&spec.name));
    }
    offered.register(Arc::new(RunTask::new(
        workspace.clone(),
        config,
        hub.clone(),
        serve.model.clone(),
        serve.permission.into(),
    )));
    let server = ToolServer::new(Arc::new(offered), "baton")
        .with_instructions("baton's workspace tools, and run_task, which runs a whole baton agent on a task and reports progress.");

    let code = if serve.conformance_fixtures {
        // Test-only: the conformance suite's fixtures next to the real tools.
        let fixtures = ConformanceFixtures::new(server);
        match serve.http {
            None => serve_stdio(fixtures.session()).await,
            Some(address) => serve_http(move || fixtures.session(), address, serve).await,
        }
    } else {
        match serve.http {
            None => serve_stdio(server).await,
            Some(address) => serve_http(move || server.clone(), address, serve).await,
        }
    };
    hub.shutdown().await;
    code
}

async fn serve_stdio<S: ServerHandler>(server: S) -> u8 {
    // Non-blocking pipes when stdin and stdout are pipes (as when a client
    // starts us): tokio's stdin/stdout do every read and write on the
    // blocking thread pool, a thread hand-off per message each way.
    match server.serve(rmcp::transport::stdio_pipes()).await {
        Ok(running) => match running.waiting().await {
            Ok(_) => exit::SUCCESS,
            Err(error) => {
                errln!("baton mcp serve: {error}");
                exit::FAILURE
            }
        },
        Err(error) => {
            errln!("baton mcp serve: the client did not complete the handshake: {error}");
            exit::FAILURE
        }
    }
}

/// Serves Streamable HTTP; `new_session` makes the handler for each session.
async fn serve_http<S, F>(new_session: F, address: std::net::SocketAddr, serve: &McpServeArgs) -> u8
where
    S: ServerHandler,
    F: Fn() -> S + Send + Sync + 'static,
{
    let token = match &serve.token_env {
        Some(var) => match env(var).filter(|t| !t.trim().is_empty()) {
            Some(token) => Some(token),
            None => {
                errln!("baton: --token-env {var}: the variable is not set");
                return exit::USAGE;
            }
        },
        None => None,
    };
    let stop = CancellationToken::new();
    // Host and Origin are checked by rmcp: loopback names plus --allow-host,
    // and only the --allow-origin origins (DNS-rebinding protection).
    let mut hosts = vec![
        "localhost".to_owned(),
        "127.0.0.1".to_owned(),
        "::1".to_owned(),
    ];
    hosts.extend(serve.allow_hosts.iter().cloned());
    let config = StreamableHttpServerConfig::default()
        .with_allowed_hosts(hosts)
        .with_allowed_origins(serve.allow_origins.clone())
        .with_cancellation_token(stop.child_token())
        // A call that sends nothing before its result is answered with a
        // plain JSON body instead of an SSE stream: cheaper for both sides.
        // rmcp falls back to SSE by itself as soon as a handler sends
        // anything first (run_task's progress), so nothing is lost.
        .with_json_response(true);
    let service: StreamableHttpService<S, LocalSessionManager> = StreamableHttpService::new(
        move || Ok(new_session()),
        Arc::new(LocalSessionManager::default()),
        config,
    );
    let mut router = axum::Router::new().nest_service("/mcp", service);
    if let Some(token) = token {
        let expected = Arc::new(format!("Bearer {token}"));
        router = router.layer(axum::middleware::from_fn(
            move |request: Request, next: Next| {
                let expected = expected.clone();
                async move { require_bearer(request, next, &expected).await }
            },
        ));
    }
    let listener = match tokio::net::TcpListener::bind(address).await {
        Ok(listener) => listener,
        Err(error) => {
            errln!("baton: cannot listen on {address}: {error}");
            return exit::FAILURE;
        }
    };
    let bound = listener
        .local_addr()
        .map_or_else(|_| address.to_string(), |a| a.to_string());
    errln!("baton mcp serve: listening on http://{bound}/mcp");
    let shutdown = stop.clone();
    tokio::spawn(async move {
        let _ = tokio::signal::ctrl_c().await;
        shutdown.cancel();
    });
    // Small writes (an SSE event, a short JSON body) go out at once rather
    // than waiting on Nagle's algorithm for the previous segment's ACK.
    let listener = listener.tap_io(|tcp| {
        if let Err(error) = tcp.set_nodelay(true) {
            tracing::debug!(%error, "cannot set TCP_NODELAY");
        }
    });
    match axum::serve(listener, router)
        .with_graceful_shutdown(stop.cancelled_owned())
        .await
    {
        Ok(()) => exit::SUCCESS,
        Err(error) => {
            errln!("baton mcp serve: {error}");
            exit::FAILURE
        }
    }
}

async fn require_bearer(request: Request, next: Next, expected: &str) -> Response {
    let presented = request
        .headers()
        .get(http_header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    if presented == Some(expected) {
        return next.run(request).await;
    }
    (
        http_header::StatusCode::UNAUTHORIZED,
        [(http_header::WWW_AUTHENTICATE, "Bearer")],
        "a valid bearer token is required\n",
    )
        .into_response()
}

mod http_header {
    pub use axum::http::StatusCode;
    pub use axum::http::header::{AUTHORIZATION, WWW_AUTHENTICATE};
}

/// Runs a whole baton session as one tool call, reporting its steps as
/// progress notifications.
struct RunTask {
    spec: ToolSpec,
    workspace: Workspace,
    config: Config,
    hub: ToolHub,
    model: Option<String>,
    permission: PermissionMode,
}

impl RunTask {
    fn new(
        workspace: Workspace,
        config: Config,
        hub: ToolHub,
        model: Option<String>,
        permission: PermissionMode,
    ) -> Self {
        let spec = ToolSpec {
            name: "run_task".into(),
            description: format!(
                "Runs a baton agent on a task in the workspace {} and returns its final answer. The agent plans, reads and searches files, and (when the server allows: permission {permission}) edits them and runs commands. Progress notifications report each step.",
                workspace.root().display()
            ),
            input_schema: json!({
                "type": "object",
                "properties": {
                    "task": {"type": "string", "description": "What the agent should do."},
                    "max_turns": {"type": "integer", "minimum": 1, "description": "The most model calls the agent may make."}
                },
                "required": ["task"],
                "additionalProperties": false
            }),
            output_schema: None,
            annotations: ToolAnnotations {
                title: Some("Run a baton task".into()),
                open_world_hint: Some(true),
                ..ToolAnnotations::mutating(permission != PermissionMode::ReadOnly, false)
            },
        };
        Self {
            spec,
            workspace,
            config,
            hub,
            model,
            permission,
        }
    }
}

#[async_trait]
impl Tool for RunTask {
    fn spec(&self) -> &ToolSpec {
        &self.spec
    }

    async fn call(&self, input: Value, ctx: ToolContext) -> ToolOutput {
        let Some(task) = input["task"].as_str().filter(|t| !t.trim().is_empty()) else {
            return ToolOutput::error("give the task as a non-empty string in `task`");
        };
        let (model, notice) = match crate::run::resolve_model(&self.config, self.model.clone()) {
            Ok(found) => found,
            Err(error) => return ToolOutput::error(error),
        };
        let bus = EventBus::new(new_session_id());
        bus.subscribe(Arc::new(ProgressReporter {
            ctx: ctx.clone(),
            step: AtomicU64::new(0),
        }));
        let agent_config = AgentConfig {
            system_prompt: Some(
                self.config
                    .system_prompt
                    .clone()
                    .unwrap_or_else(|| default_system_prompt(self.workspace.root())),
            ),
            max_turns: input["max_turns"]
                .as_u64()
                .map_or(self.config.max_turns, |n| n.clamp(1, 1000) as u32),
            max_tokens: self.config.max_tokens,
            ..AgentConfig::default()
        };
        let approver = Arc::new(DenyAll {
            reason: "this task runs under `baton mcp serve`, where nobody can approve; the server was started read-only (use --permission auto to allow changes)".into(),
        });
        let agent = Agent::new(
            AgentId::new("root"),
            model,
            Arc::new(self.hub.clone()),
            agent_config,
        )
        .with_inspector(Arc::new(PermissionPolicy::new(self.permission, approver)));
        let spec = SessionSpec {
            task: task.to_owned(),
            workspace: self.workspace.root().to_path_buf(),
            permission: self.permission,
            startup: notice
                .into_iter()
                .map(|message| Event::Warning { message })
                .collect(),
        };
        let report = run_session(&bus, &spec, &agent, &ctx.cancel).await;
        let mut text = report.agent.answer.clone();
        if let Some(error) = &report.error {
            text = format!("{text}\n\n[the task ended with an error: {error}]")
                .trim()
                .to_owned();
        }
        if text.is_empty() {
            text = format!("[the task ended ({}) without an answer]", report.outcome);
        }
        let totals = &report.totals;
        ToolOutput {
            content: vec![baton_protocol::ToolResultContent::text(text)],
            is_error: report.outcome != Outcome::Success,
            structured_content: Some(json!({
                "outcome": report.outcome,
                "session": report.session,
                "turns": totals.turns,
                "tool_calls": totals.tool_calls,
                "usage": totals.usage,
                "cost_usd": totals.cost.total_usd,
            })),
        }
    }
}

/// Turns a task's events into progress notifications for the MCP client.
struct ProgressReporter {
    ctx: ToolContext,
    step: AtomicU64,
}

impl Subscriber for ProgressReporter {
    fn on_event(&self, envelope: &Envelope) {
        let message = match &envelope.event {
            Event::TurnStarted { turn } => format!("turn {turn}"),
            Event::ToolCallStarted { tool, input, .. } => {
                format!("{tool} {}", summarize_input(input))
                    .trim()
                    .to_owned()
            }
            Event::Warning { message } => format!("warning: {message}"),
            _ => return,
        };
        let step = self.step.fetch_add(1, Ordering::Relaxed) + 1;
        self.ctx.report_progress(step as f64, None, Some(message));
    }
}
