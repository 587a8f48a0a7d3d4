//! Opening a connection to one MCP server, over a child process's stdio or
//! Streamable HTTP, with rmcp's automatic lifecycle: `server/discover` for
//! 2026-07-28 servers, falling back to `initialize` for older ones.

use std::collections::{HashMap, VecDeque};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use http::{HeaderName, HeaderValue};
use rmcp::model::{ProtocolVersion, Tool};
use rmcp::service::ClientInitializeError;
use rmcp::service::{Peer, RunningService};
use rmcp::transport::streamable_http_client::StreamableHttpClientTransportConfig;
use rmcp::transport::{ConfigureCommandExt, StreamableHttpClientTransport, TokioChildProcess};
use rmcp::{ClientLifecycleMode, ClientServiceExt, RoleClient};
use tokio::io::AsyncBufReadExt;

use crate::config::Transport;
use crate::handler::HubHandler;

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
}

/// The tail of a child's stderr, shared with the task reading it.
#[derive(Clone, Default)]
pub(crate) struct StderrTail(Arc<Mutex<VecDeque<String>>>);

impl StderrTail {
    fn push(&self, line: String) {
        if let Ok(mut lines) = self.0.lock() {
            if lines.len() == STDERR_LINES {
                lines.pop_front();
            }
            lines.push_back(line);
        }
    }

    /// The last lines, or nothing when the server wrote none.
    pub fn describe(&self) -> String {
        let lines = self
            .0
            .lock()
            .map(|l| l.iter().cloned().collect::<Vec<_>>())
            .unwrap_or_default();
        if lines.is_empty() {
            String::new()
        } else {
            format!("; its stderr ended with:\n{}", lines.join("\n"))
        }
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
    transport: &Transport,
    env: &(dyn Fn(&str) -> Option<String> + Sync),
    stderr: &StderrTail,
    timeout: Duration,
) -> Result<Connection, String> {
    let handler = HubHandler::new();
    let mut stderr_reader = None;
    let started = match transport {
        Transport::Stdio {
            command,
            args,
            env: vars,
            cwd,
        } => {
            let cmd = tokio::process::Command::new(command);
            let cmd = cmd.configure(|cmd| {
                cmd.args(args).envs(vars);
                if let Some(cwd) = cwd {
                    cmd.current_dir(cwd);
                }
            });
            let (process, child_stderr) = TokioChildProcess::builder(cmd)
                .stderr(Stdio::piped())
                .spawn()
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
            if *oauth && bearer_token_env.is_none() {
                return Err("this server is set to `oauth = true`, but baton cannot sign in with OAuth yet; obtain a token yourself and give its variable in `bearer_token_env`".into());
            }
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
    };
    let failure = match started {
        Ok(Ok(service)) => return Ok(finish(service, handler)),
        Ok(Err(error)) => error.to_string(),
        Err(_) => format!("no answer within {}s (startup_timeout)", timeout.as_secs()),
    };
    // A server that dies at once has usually said why on stderr; give the
    // reader a moment to collect it.
    if let Some(reader) = stderr_reader {
        let _ = tokio::time::timeout(Duration::from_millis(500), reader).await;
    }
    Err(format!("{failure}{}", stderr.describe()))
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
