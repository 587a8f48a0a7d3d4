//! The ToolHub: every tool the agent can call, built-in or from an MCP
//! server, behind one [`Toolbox`].
//!
//! Servers start concurrently, each within its own timeout. A server that
//! fails is never dropped silently: it gets an `mcp_server` event, shows in
//! `baton mcp list`, and is retried (with backoff) when its tools are next
//! needed. A server whose transport closes is reconnected the same way; a
//! call in flight at that moment fails with a clear error and the session
//! goes on. Calls to one server run concurrently.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use async_trait::async_trait;
use baton_protocol::{Event, McpServerStatus, ToolOutput, ToolSpec};
use baton_tools::{ToolContext, Toolbox};
use futures::StreamExt;
use rmcp::model::{
    CallToolRequestParams, CancelledNotificationParam, ClientRequest, Request, ServerResult,
    SubscriptionFilter, Tool,
};
use rmcp::service::PeerRequestOptions;
use rmcp::{ServiceError, ServiceExt};
use serde_json::Value;
use tokio_util::sync::CancellationToken;

use crate::config::{McpServerConfig, ToolFilter, Transport};
use crate::connect::{ConnectError, Connection, StderrTail, connect, list_tools, needs_login};
use crate::convert::{cap_with_spill, output_from_mcp, spec_from_mcp};
use crate::input;
use crate::names::{BUILTIN_SERVER, Namer};
use crate::server::ToolServer;

/// Receives hub events (`mcp_server` status changes) after start-up.
pub type StatusSink = Arc<dyn Fn(Event) + Send + Sync>;
/// Reads environment variables (bearer tokens); passed in, not global.
pub type EnvLookup = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

const MAX_BACKOFF: Duration = Duration::from_secs(60);

#[derive(Clone)]
pub struct HubOptions {
    /// Where oversized results are written in full (inside the workspace,
    /// so the model can read them).
    pub spill_dir: Option<PathBuf>,
    /// Text beyond this many characters is cut from a result.
    pub max_result_chars: usize,
    pub env: EnvLookup,
    /// Where OAuth credentials are kept (`baton mcp login` writes them);
    /// `None` when there is no user config dir.
    pub credentials_dir: Option<PathBuf>,
    /// The workspace to name in `baton mcp -C DIR login NAME` hints, when
    /// it is not the current directory.
    pub login_workspace: Option<PathBuf>,
}

impl Default for HubOptions {
    fn default() -> Self {
        Self {
            spill_dir: None,
            max_result_chars: 40_000,
            env: Arc::new(|var| std::env::var(var).ok()),
            credentials_dir: crate::oauth::default_credentials_dir(&|var| std::env::var(var).ok()),
            login_workspace: None,
        }
    }
}

/// What `baton mcp list` shows about a server.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerReport {
    pub name: String,
    pub transport: String,
    pub state: ServerState,
    pub protocol: Option<String>,
    /// The name the server gives itself.
    pub server_info: Option<String>,
    /// (name the model sees, the server's own name)
    pub tools: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ServerState {
    Connected,
    Failed(String),
    /// An `oauth = true` server without usable credentials: the text says
    /// why and names the `baton mcp login` command.
    NeedsLogin(String),
    Disabled,
    NotStarted,
}

enum Kind {
    External(Transport),
    Builtin(Arc<dyn Toolbox>),
}

enum SlotState {
    NotStarted,
    Ready(Arc<Live>),
    Failed {
        error: String,
        at: Instant,
        failures: u32,
        /// Only `baton mcp login` can fix it (still retried: the user may
        /// sign in from another terminal while a session runs).
        needs_login: bool,
    },
    Disabled,
}

/// A connection plus the task watching its tool list.
struct Live {
    conn: Connection,
    watcher: CancellationToken,
}

impl Drop for Live {
    fn drop(&mut self) {
        self.watcher.cancel();
    }
}

struct Slot {
    name: String,
    kind: Kind,
    filter: ToolFilter,
    enabled: bool,
    startup_timeout: Duration,
    call_timeout: Duration,
    state: tokio::sync::Mutex<SlotState>,
    /// The last tool list seen, filtered; kept while disconnected so the
    /// model can still call (and so revive) the server.
    tools: Mutex<Vec<Tool>>,
    stderr: StderrTail,
}

impl Slot {
    fn is_builtin(&self) -> bool {
        matches!(self.kind, Kind::Builtin(_))
    }

    fn describe_transport(&self) -> String {
        match &self.kind {
            Kind::Builtin(_) => "in-process".into(),
            Kind::External(Transport::Stdio { command, args, .. }) => {
                format!("stdio: {command} {}", args.join(" "))
                    .trim()
                    .to_owned()
            }
            Kind::External(Transport::Http { url, .. }) => format!("http: {url}"),
        }
    }
}

#[derive(Default)]
struct Index {
    specs: Vec<ToolSpec>,
    /// Model-facing name → (slot, the server's own tool name, position in `specs`).
    routes: HashMap<String, (usize, String, usize)>,
}

struct Inner {
    slots: Vec<Arc<Slot>>,
    index: RwLock<Index>,
    generation: AtomicU64,
    status: RwLock<Option<StatusSink>>,
    options: HubOptions,
}

/// Cheap to clone; clones share the connections.
#[derive(Clone)]
pub struct ToolHub {
    inner: Arc<Inner>,
}

impl ToolHub {
    /// Starts every enabled server concurrently and returns the hub with
    /// one `mcp_server` event per server, for the session's record.
    pub async fn start(
        builtins: Option<Arc<dyn Toolbox>>,
        servers: &BTreeMap<String, McpServerConfig>,
        options: HubOptions,
    ) -> (ToolHub, Vec<Event>) {
        let mut slots = Vec::new();
        if let Some(tools) = builtins {
            slots.push(Arc::new(Slot {
                name: BUILTIN_SERVER.into(),
                kind: Kind::Builtin(tools),
                filter: ToolFilter::allow_all(),
                enabled: true,
                startup_timeout: Duration::from_secs(10),
                call_timeout: Duration::from_secs(24 * 3600),
                state: tokio::sync::Mutex::new(SlotState::NotStarted),
                tools: Mutex::new(Vec::new()),
                stderr: StderrTail::default(),
            }));
        }
        for (name, config) in servers {
            let (kind, filter) = match (config.transport(name), ToolFilter::new(&config.tools)) {
                (Ok(transport), Ok(filter)) => (Kind::External(transport), filter),
                // Config validation rejects these before we get here.
                _ => continue,
            };
            slots.push(Arc::new(Slot {
                name: name.clone(),
                kind,
                filter,
                enabled: config.enabled,
                startup_timeout: config.startup_timeout(),
                call_timeout: config.call_timeout(),
                state: tokio::sync::Mutex::new(if config.enabled {
                    SlotState::NotStarted
                } else {
                    SlotState::Disabled
                }),
                tools: Mutex::new(Vec::new()),
                stderr: StderrTail::default(),
            }));
        }
        let hub = ToolHub {
            inner: Arc::new(Inner {
                slots,
                index: RwLock::new(Index::default()),
                generation: AtomicU64::new(0),
                status: RwLock::new(None),
                options,
            }),
        };
        let events = Arc::new(Mutex::new(Vec::new()));
        let collector = events.clone();
        hub.set_status_sink(Arc::new(move |event| {
            if let Ok(mut events) = collector.lock() {
                events.push(event);
            }
        }));
        let starts = hub.inner.slots.iter().enumerate().map(|(index, slot)| {
            let hub = hub.clone();
            let enabled = slot.enabled;
            async move {
                if enabled {
                    let _ = hub.connection(index).await;
                }
            }
        });
        futures::future::join_all(starts).await;
        hub.rebuild_index();
        *hub.inner.status.write().unwrap_or_else(|p| p.into_inner()) = None;
        let events = events.lock().map(|e| e.clone()).unwrap_or_default();
        (hub, events)
    }

    fn login_command(&self, server: &str) -> String {
        crate::oauth::login_command(server, self.inner.options.login_workspace.as_deref())
    }

    /// Where later status changes go (the session's event bus).
    pub fn set_status_sink(&self, sink: StatusSink) {
        *self.inner.status.write().unwrap_or_else(|p| p.into_inner()) = Some(sink);
    }

    fn emit(&self, event: Event) {
        let sink = self
            .inner
            .status
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        if let Some(sink) = sink {
            sink(event);
        }
    }

    pub async fn report(&self) -> Vec<ServerReport> {
        let index = self
            .inner
            .index
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .routes
            .clone();
        let mut reports = Vec::new();
        for (position, slot) in self.inner.slots.iter().enumerate() {
            if slot.is_builtin() {
                continue;
            }
            let (state, protocol, server_info) = match &*slot.state.lock().await {
                SlotState::Ready(live) => (
                    ServerState::Connected,
                    Some(live.conn.version.to_string()),
                    Some(live.conn.server_name.clone()).filter(|n| !n.is_empty()),
                ),
                SlotState::Failed {
                    error,
                    needs_login: true,
                    ..
                } => (ServerState::NeedsLogin(error.clone()), None, None),
                SlotState::Failed { error, .. } => (ServerState::Failed(error.clone()), None, None),
                SlotState::Disabled => (ServerState::Disabled, None, None),
                SlotState::NotStarted => (ServerState::NotStarted, None, None),
            };
            let mut tools: Vec<(String, String)> = index
                .iter()
                .filter(|(_, (server, _, _))| *server == position)
                .map(|(exposed, (_, original, _))| (exposed.clone(), original.clone()))
                .collect();
            tools.sort();
            reports.push(ServerReport {
                name: slot.name.clone(),
                transport: slot.describe_transport(),
                state,
                protocol,
                server_info,
                tools,
            });
        }
        reports
    }

    /// The live connection for a slot, connecting (or reconnecting, after
    /// the backoff) when there is none.
    async fn connection(&self, index: usize) -> Result<Arc<Live>, String> {
        let slot = self.inner.slots.get(index).ok_or("no such server")?.clone();
        let mut state = slot.state.lock().await;
        match &*state {
            SlotState::Ready(live) if !live.conn.peer.is_transport_closed() => {
                return Ok(live.clone());
            }
            SlotState::Ready(live) => {
                let rejected = live
                    .conn
                    .auth_rejected
                    .as_ref()
                    .is_some_and(|flag| flag.load(Ordering::SeqCst));
                let error = if rejected {
                    needs_login(
                        &self.login_command(&slot.name),
                        "the server refused the stored sign-in even after refreshing it",
                    )
                } else {
                    format!("the connection closed{}", slot.stderr.describe())
                };
                self.emit(Event::McpServer {
                    server: slot.name.clone(),
                    status: McpServerStatus::Disconnected,
                    tools: 0,
                    error: Some(error.clone()),
                });
                // No failures yet: the backoff is zero, so it reconnects now.
                *state = SlotState::Failed {
                    error,
                    at: Instant::now(),
                    failures: 0,
                    needs_login: rejected,
                };
            }
            SlotState::Failed {
                error,
                at,
                failures,
                ..
            } => {
                let wait = backoff(*failures);
                if at.elapsed() < wait {
                    return Err(format!(
                        "{error} (next retry in {}s)",
                        (wait - at.elapsed()).as_secs().max(1)
                    ));
                }
            }
            SlotState::Disabled => {
                return Err("the server is disabled in the configuration (enabled = false)".into());
            }
            SlotState::NotStarted => {}
        }
        let failures = match &*state {
            SlotState::Failed { failures, .. } => *failures,
            _ => 0,
        };
        match self.open(&slot).await {
            Ok(live) => {
                let count = slot.tools.lock().map(|t| t.len()).unwrap_or(0);
                *state = SlotState::Ready(live.clone());
                drop(state);
                if !slot.is_builtin() {
                    self.emit(Event::McpServer {
                        server: slot.name.clone(),
                        status: McpServerStatus::Connected,
                        tools: count as u32,
                        error: None,
                    });
                }
                self.rebuild_index();
                Ok(live)
            }
            Err(error) => {
                let needs_login = matches!(error, ConnectError::NeedsLogin(_));
                let error = error.message().to_owned();
                *state = SlotState::Failed {
                    error: error.clone(),
                    at: Instant::now(),
                    failures: failures + 1,
                    needs_login,
                };
                drop(state);
                self.emit(Event::McpServer {
                    server: slot.name.clone(),
                    status: if needs_login {
                        McpServerStatus::NeedsLogin
                    } else {
                        McpServerStatus::Failed
                    },
                    tools: 0,
                    error: Some(error.clone()),
                });
                Err(error)
            }
        }
    }

    async fn open(&self, slot: &Arc<Slot>) -> Result<Arc<Live>, ConnectError> {
        let conn = match &slot.kind {
            Kind::External(transport) => {
                let env = self.inner.options.env.clone();
                connect(
                    &slot.name,
                    &self.login_command(&slot.name),
                    transport,
                    &move |var| env(var),
                    self.inner.options.credentials_dir.as_deref(),
                    &slot.stderr,
                    slot.startup_timeout,
                )
                .await?
            }
            Kind::Builtin(tools) => {
                let (server_io, client_io) = tokio::io::duplex(1 << 20);
                let server = ToolServer::new(tools.clone(), "baton-builtin");
                tokio::spawn(async move {
                    if let Ok(running) = server.serve(server_io).await {
                        let _ = running.waiting().await;
                    }
                });
                crate::connect::connect_stream(client_io, slot.startup_timeout).await?
            }
        };
        let tools = match list_tools(&conn.peer, slot.startup_timeout).await {
            Ok(tools) => tools,
            // The first authenticated request is where a token the server
            // no longer accepts shows.
            Err(_)
                if conn
                    .auth_rejected
                    .as_ref()
                    .is_some_and(|flag| flag.load(Ordering::SeqCst)) =>
            {
                return Err(ConnectError::NeedsLogin(needs_login(
                    &self.login_command(&slot.name),
                    "the server refused the stored sign-in even after refreshing it",
                )));
            }
            Err(error) => return Err(error.into()),
        };
        let tools: Vec<Tool> = tools
            .into_iter()
            .filter(|t| slot.filter.allows(&t.name))
            .collect();
        *slot.tools.lock().map_err(|_| "poisoned tool list")? = tools;
        let live = Arc::new(Live {
            conn,
            watcher: CancellationToken::new(),
        });
        self.watch_tool_list(slot.clone(), &live).await;
        Ok(live)
    }

    /// Re-reads a server's tools whenever it announces a change: a plain
    /// notification on legacy sessions, a `subscriptions/listen` stream on
    /// 2026-07-28 ones. The subscription is opened before the connection is
    /// used, so no change made by the first calls can be missed.
    async fn watch_tool_list(&self, slot: Arc<Slot>, live: &Arc<Live>) {
        let changed = live.conn.handler.tools_changed.clone();
        let stop = live.watcher.clone();
        let peer = live.conn.peer.clone();
        if !live.conn.version.has_initialize() {
            match peer
                .listen(SubscriptionFilter::builder().tools_list_changed().build())
                .await
            {
                Ok(mut subscription) => {
                    let forward = changed.clone();
                    let stop_listen = stop.clone();
                    tokio::spawn(async move {
                        loop {
                            tokio::select! {
                                () = stop_listen.cancelled() => break,
                                next = subscription.next() => match next {
                                    Ok(Some(_)) => forward.notify_one(),
                                    _ => break,
                                },
                            }
                        }
                    });
                }
                Err(error) => {
                    tracing::debug!(server = %slot.name, %error, "no tools/list_changed subscription")
                }
            }
        }
        let hub = Arc::downgrade(&self.inner);
        tokio::spawn(async move {
            loop {
                tokio::select! {
                    () = stop.cancelled() => return,
                    () = changed.notified() => {}
                }
                let Some(inner) = hub.upgrade() else { return };
                let hub = ToolHub { inner };
                match list_tools(&peer, slot.startup_timeout).await {
                    Ok(tools) => {
                        let tools: Vec<Tool> = tools
                            .into_iter()
                            .filter(|t| slot.filter.allows(&t.name))
                            .collect();
                        if let Ok(mut slot_tools) = slot.tools.lock() {
                            *slot_tools = tools;
                        }
                        hub.rebuild_index();
                    }
                    Err(error) => {
                        tracing::warn!(server = %slot.name, %error, "could not re-read the tool list")
                    }
                }
            }
        });
    }

    fn rebuild_index(&self) {
        let mut index = Index::default();
        for (position, slot) in self.inner.slots.iter().enumerate() {
            let tools = slot.tools.lock().map(|t| t.clone()).unwrap_or_default();
            let mut namer = Namer::new(&slot.name);
            for tool in &tools {
                let exposed = if slot.is_builtin() {
                    tool.name.to_string()
                } else {
                    namer.name(&tool.name)
                };
                if index.routes.contains_key(&exposed) {
                    continue;
                }
                index.routes.insert(
                    exposed.clone(),
                    (position, tool.name.to_string(), index.specs.len()),
                );
                index.specs.push(spec_from_mcp(tool, &exposed));
            }
        }
        *self.inner.index.write().unwrap_or_else(|p| p.into_inner()) = index;
        self.inner.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// Failed servers whose backoff has passed are retried in the
    /// background, so their tools appear on a later turn.
    fn retry_failed(&self) {
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        for (index, slot) in self.inner.slots.iter().enumerate() {
            let due = match slot.state.try_lock().as_deref() {
                Ok(SlotState::Failed { at, failures, .. }) => at.elapsed() >= backoff(*failures),
                _ => false,
            };
            if due {
                let hub = self.clone();
                runtime.spawn(async move {
                    let _ = hub.connection(index).await;
                });
            }
        }
    }

    /// Closes every connection; child processes are stopped.
    pub async fn shutdown(&self) {
        for slot in &self.inner.slots {
            let mut state = slot.state.lock().await;
            if let SlotState::Ready(live) = &*state {
                live.conn.service.cancellation_token().cancel();
                *state = SlotState::NotStarted;
            }
        }
    }

    async fn call_server(
        &self,
        position: usize,
        tool: &str,
        input: Value,
        ctx: &ToolContext,
    ) -> ToolOutput {
        let Some(slot) = self.inner.slots.get(position).cloned() else {
            return ToolOutput::error("internal error: the tool's server is gone");
        };
        let label = if slot.is_builtin() {
            format!("`{tool}`")
        } else {
            format!("`{tool}` on MCP server `{}`", slot.name)
        };
        let live = match self.connection(position).await {
            Ok(live) => live,
            Err(error) => return ToolOutput::error(format!("{label} is unavailable: {error}")),
        };
        let Value::Object(arguments) = input else {
            return ToolOutput::error(format!("the arguments for {label} must be a JSON object"));
        };
        let mut params = CallToolRequestParams::new(tool.to_owned()).with_arguments(arguments);
        let mut rounds = 0;
        loop {
            let response = match self.call_round(&live, &slot, params.clone(), ctx).await {
                Round::Cancelled => return ToolOutput::error(format!("{label} was cancelled")),
                Round::Failed(error) => {
                    return ToolOutput::error(self.call_error(&slot, &live, &label, error));
                }
                Round::Answered(response) => *response,
            };
            match response {
                ServerResult::CallToolResult(result) => {
                    let mut output = output_from_mcp(result);
                    cap_with_spill(
                        &mut output,
                        self.inner.options.max_result_chars,
                        self.inner.options.spill_dir.as_deref(),
                        ctx.call_id.as_str(),
                    );
                    return output;
                }
                // 2026-07-28: the server needs answers first; retry with them
                // and its requestState, echoed untouched.
                ServerResult::InputRequiredResult(asked) => {
                    rounds += 1;
                    if rounds > input::MAX_INPUT_ROUNDS {
                        return ToolOutput::error(format!(
                            "{label} still asked for input after {} rounds; baton gave up",
                            input::MAX_INPUT_ROUNDS
                        ));
                    }
                    let requests = asked.input_requests.unwrap_or_default();
                    if requests.is_empty() {
                        // Only a requestState: the server is shedding load.
                        // Pause a little longer each round before retrying.
                        let pause = Duration::from_millis(50 << rounds.min(4));
                        tokio::select! {
                            () = tokio::time::sleep(pause) => {}
                            () = ctx.cancel.cancelled() => {
                                return ToolOutput::error(format!("{label} was cancelled"));
                            }
                        }
                    }
                    let answers = match input::answer(&live.conn.handler, &live.conn.peer, requests)
                        .await
                    {
                        Ok(answers) => answers,
                        Err(error) => return ToolOutput::error(format!("{label} failed: {error}")),
                    };
                    params.input_responses = (!answers.is_empty()).then_some(answers);
                    params.request_state = asked.request_state;
                }
                other => {
                    return ToolOutput::error(format!(
                        "{label} answered with something other than a tool result ({})",
                        kind_of(&other)
                    ));
                }
            }
        }
    }

    /// One `tools/call` request: progress forwarded to the call's sink,
    /// `notifications/cancelled` sent when the call is cancelled.
    async fn call_round(
        &self,
        live: &Live,
        slot: &Slot,
        params: CallToolRequestParams,
        ctx: &ToolContext,
    ) -> Round {
        let options =
            PeerRequestOptions::with_timeout(slot.call_timeout).reset_timeout_on_progress();
        let peer = live.conn.peer.clone();
        let handle = match peer
            .send_cancellable_request(
                ClientRequest::CallToolRequest(Request::new(params)),
                options,
            )
            .await
        {
            Ok(handle) => handle,
            Err(error) => return Round::Failed(error),
        };
        let request_id = handle.id.clone();
        let progress = match &ctx.progress {
            Some(sink) => {
                let mut updates = live
                    .conn
                    .handler
                    .progress
                    .subscribe(handle.progress_token.clone())
                    .await;
                let sink = sink.clone();
                Some(tokio::spawn(async move {
                    while let Some(update) = updates.next().await {
                        sink(update.progress, update.total, update.message);
                    }
                }))
            }
            None => None,
        };
        let response = tokio::select! {
            response = handle.await_response() => Some(response),
            () = ctx.cancel.cancelled() => None,
        };
        if let Some(task) = progress {
            task.abort();
        }
        match response {
            None => {
                let notice = CancelledNotificationParam::new(
                    Some(request_id),
                    Some("cancelled by the user".into()),
                );
                let _ = peer.notify_cancelled(notice).await;
                Round::Cancelled
            }
            Some(Ok(result)) => Round::Answered(Box::new(result)),
            Some(Err(error)) => Round::Failed(error),
        }
    }

    fn call_error(&self, slot: &Slot, live: &Live, label: &str, error: ServiceError) -> String {
        let rejected = live
            .conn
            .auth_rejected
            .as_ref()
            .is_some_and(|flag| flag.load(Ordering::SeqCst));
        if rejected {
            return format!(
                "{label} failed: {}",
                needs_login(
                    &self.login_command(&slot.name),
                    "the server refused baton's OAuth token even after refreshing it"
                )
            );
        }
        match error {
            ServiceError::TransportClosed => format!(
                "{label} failed: the server's connection closed while the call was running{}; the call's outcome is unknown. baton will reconnect on the next call",
                slot.stderr.describe()
            ),
            ServiceError::Timeout { timeout } => {
                format!(
                    "{label} timed out after {}s without progress (call_timeout); it was cancelled",
                    timeout.as_secs()
                )
            }
            ServiceError::McpError(data) => format!(
                "{label} was rejected by the server: {} (code {})",
                data.message, data.code.0
            ),
            other => format!("{label} failed: {other}"),
        }
    }
}

/// How one request of a call ended.
enum Round {
    Answered(Box<ServerResult>),
    Failed(ServiceError),
    Cancelled,
}

fn kind_of(result: &ServerResult) -> String {
    serde_json::to_value(result)
        .ok()
        .and_then(|v| {
            v.as_object()
                .map(|o| o.keys().cloned().collect::<Vec<_>>().join(","))
        })
        .unwrap_or_default()
}

fn backoff(failures: u32) -> Duration {
    if failures == 0 {
        return Duration::ZERO;
    }
    Duration::from_secs(1u64 << failures.saturating_sub(1).min(6)).min(MAX_BACKOFF)
}

#[async_trait]
impl Toolbox for ToolHub {
    fn specs(&self) -> Vec<ToolSpec> {
        self.inner
            .index
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .specs
            .clone()
    }

    fn generation(&self) -> u64 {
        self.retry_failed();
        self.inner.generation.load(Ordering::SeqCst)
    }

    fn spec(&self, name: &str) -> Option<ToolSpec> {
        let index = self.inner.index.read().unwrap_or_else(|p| p.into_inner());
        let (_, _, at) = index.routes.get(name)?;
        index.specs.get(*at).cloned()
    }

    async fn call(&self, name: &str, input: Value, ctx: ToolContext) -> ToolOutput {
        let route = self
            .inner
            .index
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .routes
            .get(name)
            .cloned();
        match route {
            Some((position, tool, _)) => self.call_server(position, &tool, input, &ctx).await,
            None => ToolOutput::error(format!("unknown tool `{name}`")),
        }
    }
}
