//! Opening a connection to one MCP server, over a child process's stdio or
//! Streamable HTTP, with rmcp's automatic lifecycle: `server/discover` for
//! 2026-07-28 servers, falling back to `initialize` for older ones.

use std::collections::{HashMap, VecDeque};
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use http::{HeaderName, HeaderValue};
use rmcp::model::{ProtocolVersion, Tool};
use rmcp::service::ClientInitializeError;
use rmcp::service::{Peer, RunningService};
use rmcp::transport::StreamableHttpClientTransport;
use rmcp::transport::streamable_http_client::StreamableHttpClientTransportConfig;
use rmcp::{ClientLifecycleMode, ClientServiceExt, RoleClient};
use tokio::io::AsyncBufReadExt;

use crate::child::{ChildTransport, CloseReason};
use crate::config::Transport;
use crate::handler::HubHandler;
use crate::oauth::{FileCredentialStore, Prepared, prepare};

/// Lines of a server's stderr kept to explain failures.
const STDERR_LINES: usize = 20;

pub(crate) type Service = RunningService<RoleClient, HubHandler>;

/// A live connection.
pub(crate) struct Connection {
    pub service: Service,
    pub peer: Peer<RoleClient>,
    pub handler: HubHandler,
    /// The negotiated protocol version.
    pub version: ProtocolVersion,
    pub server_name: String,
    /// For OAuth servers: set once the server refused the token even after
    /// a refresh (only a new sign-in helps).
    pub auth_rejected: Option<Arc<AtomicBool>>,
}

/// Why a connection could not be opened.
#[derive(Debug)]
pub(crate) enum ConnectError {
    Failed(String),
    /// An `oauth = true` server without usable credentials; the text says
    /// why and which command signs in.
    NeedsLogin(String),
}

impl From<String> for ConnectError {
    fn from(error: String) -> Self {
        ConnectError::Failed(error)
    }
}

impl From<&str> for ConnectError {
    fn from(error: &str) -> Self {
        ConnectError::Failed(error.to_owned())
    }
}

impl ConnectError {
    pub fn message(&self) -> &str {
        match self {
            ConnectError::Failed(message) | ConnectError::NeedsLogin(message) => message,
        }
    }
}

/// The message for a server that needs `baton mcp login`; `login` is the
/// exact command.
pub(crate) fn needs_login(login: &str, why: &str) -> String {
    format!("{why}; sign in with `{login}`")
}

/// What explains a server's failures: the tail of its stderr, shared with
/// the task reading it, and why baton closed the connection, if it did.
#[derive(Clone, Default)]
pub(crate) struct StderrTail {
    lines: Arc<Mutex<VecDeque<String>>>,
    closed: Arc<Mutex<CloseReason>>,
}

impl StderrTail {
    /// A fresh close reason for a new connection, so an old one is never
    /// blamed for a later failure.
    fn new_connection(&self) -> CloseReason {
        let reason = CloseReason::default();
        if let Ok(mut closed) = self.closed.lock() {
            *closed = reason.clone();
        }
        reason
    }

    fn push(&self, line: String) {
        if let Ok(mut lines) = self.lines.lock() {
            if lines.len() == STDERR_LINES {
                lines.pop_front();
            }
            lines.push_back(line);
        }
    }

    /// Why baton closed the connection and the last lines of stderr, or
    /// nothing when there is neither.
    pub fn describe(&self) -> String {
        let closed = self.closed.lock().ok().and_then(|reason| reason.get());
        let lines = self
            .lines
            .lock()
            .map(|l| l.iter().cloned().collect::<Vec<_>>())
            .unwrap_or_default();
        let mut text = closed
            .map(|reason| format!("; {reason}"))
            .unwrap_or_default();
        if !lines.is_empty() {
            text.push_str(&format!("; its stderr ended with:\n{}", lines.join("\n")));
        }
        text
    }
}

/// Newest first: rmcp's discover step retries down the list, and servers
/// that only know `initialize` are reached through the legacy fallback.
fn lifecycle() -> ClientLifecycleMode {
    ClientLifecycleMode::Auto {
        preferred_versions: ProtocolVersion::KNOWN_VERSIONS
            .iter()
            .rev()
            .cloned()
            .collect(),
        legacy_version: Some(ProtocolVersion::V_2025_11_25),
    }
}

pub(crate) async fn connect(
    server: &str,
    login: &str,
    transport: &Transport,
    env: &(dyn Fn(&str) -> Option<String> + Sync),
    credentials_dir: Option<&Path>,
    stderr: &StderrTail,
    timeout: Duration,
) -> Result<Connection, ConnectError> {
    let handler = HubHandler::new();
    let mut stderr_reader = None;
    let mut auth_rejected = None;
    let started = match transport {
        Transport::Stdio {
            command,
            args,
            env: vars,
            cwd,
        } => {
            let mut cmd = tokio::process::Command::new(command);
            cmd.args(args).envs(vars);
            if let Some(cwd) = cwd {
                cmd.current_dir(cwd);
            }
            let (process, child_stderr) = ChildTransport::spawn(cmd, stderr.new_connection())
                .map_err(|e| format!("cannot start `{command}`: {e}"))?;
            if let Some(child_stderr) = child_stderr {
                let tail = stderr.clone();
                stderr_reader = Some(tokio::spawn(async move {
                    let mut lines = tokio::io::BufReader::new(child_stderr).lines();
                    while let Ok(Some(line)) = lines.next_line().await {
                        tracing::debug!(target: "mcp_stderr", "{line}");
                        tail.push(line);
                    }
                }));
            }
            tokio::time::timeout(
                timeout,
                handler.clone().serve_with_lifecycle(process, lifecycle()),
            )
            .await
        }
        Transport::Http {
            url,
            headers,
            bearer_token_env,
            oauth,
        } => {
            let mut custom = HashMap::new();
            for (name, value) in headers {
                let name = HeaderName::try_from(name.as_str())
                    .map_err(|e| format!("bad header name `{name}`: {e}"))?;
                let value = HeaderValue::try_from(value.as_str())
                    .map_err(|e| format!("bad value for header `{name}`: {e}"))?;
                custom.insert(name, value);
            }
            let mut config =
                StreamableHttpClientTransportConfig::with_uri(url.as_str()).custom_headers(custom);
            if let Some(var) = bearer_token_env {
                let token = env(var).filter(|t| !t.trim().is_empty()).ok_or_else(|| {
                    format!("the bearer token variable {var} is not set; export it or remove bearer_token_env")
                })?;
                config = config.auth_header(token);
            }
            if *oauth {
                let dir = credentials_dir
                    .ok_or_else(|| crate::oauth::OAuthError::NoConfigDir.to_string())?;
                let store =
                    FileCredentialStore::new(dir, server, url).map_err(|e| e.to_string())?;
                // Discovery and a refresh are network round trips: they
                // count against the start-up time too.
                let began = tokio::time::Instant::now();
                let prepared = tokio::time::timeout(timeout, prepare(url, store))
                    .await
                    .map_err(|_| {
                        format!(
                            "the OAuth metadata or token endpoint gave no answer within {}s (startup_timeout)",
                            timeout.as_secs()
                        )
                    })??;
                let client = match prepared {
                    Prepared::Ready(client) => client,
                    Prepared::NeedsLogin(why) => {
                        return Err(ConnectError::NeedsLogin(needs_login(login, &why)));
                    }
                };
                auth_rejected = Some(client.rejected());
                let transport = StreamableHttpClientTransport::with_client(client, config);
                tokio::time::timeout(
                    timeout.saturating_sub(began.elapsed()),
                    handler.clone().serve_with_lifecycle(transport, lifecycle()),
                )
                .await
            } else {
                let deadline = tokio::time::Instant::now() + timeout;
                let transport = StreamableHttpClientTransport::from_config(config.clone());
                let first = tokio::time::timeout_at(
                    deadline,
                    handler.clone().serve_with_lifecycle(transport, lifecycle()),
                )
                .await;
                match first {
                    // Some 2025-era servers answer `server/discover` with a result
                    // of the wrong shape (often `{}`) instead of "method not
                    // found", so rmcp's probe cannot tell them legacy. Over HTTP a
                    // fresh transport costs nothing: go straight to `initialize`.
                    Ok(Err(ClientInitializeError::ExpectedInitResult(_))) => {
                        tracing::debug!(
                            "{url}: server/discover got a malformed answer; retrying with initialize"
                        );
                        let transport = StreamableHttpClientTransport::from_config(config);
                        tokio::time::timeout_at(
                            deadline,
                            handler
                                .clone()
                                .serve_with_lifecycle(transport, ClientLifecycleMode::Initialize),
                        )
                        .await
                    }
                    other => other,
                }
            }
        }
    };
    let failure = match started {
        Ok(Ok(service)) => {
            let mut connection = finish(service, handler);
            connection.auth_rejected = auth_rejected;
            return Ok(connection);
        }
        Ok(Err(error)) => error.to_string(),
        Err(_) => format!("no answer within {}s (startup_timeout)", timeout.as_secs()),
    };
    if auth_rejected.is_some_and(|flag| flag.load(std::sync::atomic::Ordering::SeqCst)) {
        return Err(ConnectError::NeedsLogin(needs_login(
            login,
            "the server refused the stored sign-in even after refreshing it",
        )));
    }
    // A server that dies at once has usually said why on stderr; give the
    // reader a moment to collect it.
    if let Some(reader) = stderr_reader {
        let _ = tokio::time::timeout(Duration::from_millis(500), reader).await;
    }
    Err(ConnectError::Failed(format!(
        "{failure}{}",
        stderr.describe()
    )))
}

/// Connects over an in-process byte stream (the built-in tools' server).
pub(crate) async fn connect_stream<S>(stream: S, timeout: Duration) -> Result<Connection, String>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Send + 'static,
{
    let handler = HubHandler::new();
    match tokio::time::timeout(
        timeout,
        handler.clone().serve_with_lifecycle(stream, lifecycle()),
    )
    .await
    {
        Ok(Ok(service)) => Ok(finish(service, handler)),
        Ok(Err(error)) => Err(error.to_string()),
        Err(_) => Err("the in-process server did not answer".into()),
    }
}

fn finish(service: Service, handler: HubHandler) -> Connection {
    let (version, server_name) = service
        .peer_info()
        .map(|info| {
            (
                info.protocol_version.clone(),
                info.server_info
                    .as_ref()
                    .map(|i| i.name.clone())
                    .unwrap_or_default(),
            )
        })
        .unwrap_or((ProtocolVersion::V_2025_11_25, String::new()));
    let peer = service.peer().clone();
    Connection {
        service,
        peer,
        handler,
        version,
        server_name,
        auth_rejected: None,
    }
}

/// Every tool the server lists, following pagination.
pub(crate) async fn list_tools(
    peer: &Peer<RoleClient>,
    timeout: Duration,
) -> Result<Vec<Tool>, String> {
    match tokio::time::timeout(timeout, peer.list_all_tools()).await {
        Ok(Ok(tools)) => Ok(tools),
        Ok(Err(error)) => Err(format!("tools/list failed: {error}")),
        Err(_) => Err(format!(
            "tools/list got no answer within {}s",
            timeout.as_secs()
        )),
    }
}
