//! Shared by the MCP benchmarks: the client lifecycle baton's hub uses,
//! plain rmcp clients, child servers that announce their URL, and
//! latency statistics.

// Each benchmark binary uses a part of this module.
#![allow(dead_code)]

use std::process::Stdio;
use std::time::Duration;

use rmcp::model::{CallToolRequestParams, JsonObject, ProtocolVersion};
use rmcp::service::RunningService;
use rmcp::transport::{StreamableHttpClientTransport, TokioChildProcess};
use rmcp::{ClientLifecycleMode, ClientServiceExt, RoleClient};
use tokio::io::AsyncBufReadExt;
use tokio::process::{Child, Command};

pub type RawClient = RunningService<RoleClient, ()>;

/// The lifecycle baton's hub uses (newest protocol first, `initialize` as
/// the fallback), so the raw client negotiates what the hub negotiates.
pub fn lifecycle() -> ClientLifecycleMode {
    ClientLifecycleMode::Auto {
        preferred_versions: ProtocolVersion::KNOWN_VERSIONS
            .iter()
            .rev()
            .cloned()
            .collect(),
        legacy_version: Some(ProtocolVersion::V_2025_11_25),
    }
}

/// A plain rmcp client over a child's stdio.
pub async fn raw_stdio(mut command: Command) -> Result<RawClient, String> {
    command.stderr(Stdio::inherit());
    let process = TokioChildProcess::new(command).map_err(|e| format!("spawn: {e}"))?;
    ().serve_with_lifecycle(process, lifecycle())
        .await
        .map_err(|e| format!("stdio handshake: {e}"))
}

/// A plain rmcp client over Streamable HTTP.
pub async fn raw_http(url: &str) -> Result<RawClient, String> {
    let transport = StreamableHttpClientTransport::from_uri(url.to_owned());
    ().serve_with_lifecycle(transport, lifecycle())
        .await
        .map_err(|e| format!("http handshake with {url}: {e}"))
}

/// The protocol version a client negotiated.
pub fn negotiated(client: &RawClient) -> String {
    client
        .peer_info()
        .map(|info| info.protocol_version.to_string())
        .unwrap_or_else(|| "?".into())
}

/// Starts a server that prints `listening on URL` to stderr once it
/// accepts connections (our echo server, `baton mcp serve`, the peers) and
/// returns the child with that URL. The rest of its stderr is passed on.
pub async fn spawn_http(mut command: Command) -> Result<(Child, String), String> {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    let mut child = command.spawn().map_err(|e| format!("spawn: {e}"))?;
    let stderr = child.stderr.take().ok_or("no stderr pipe")?;
    let mut lines = tokio::io::BufReader::new(stderr).lines();
    let wait = async {
        while let Ok(Some(line)) = lines.next_line().await {
            if let Some(at) = line.find("listening on ") {
                let url = line[at + "listening on ".len()..].trim().to_owned();
                return Some(url);
            }
            eprintln!("{line}");
        }
        None
    };
    let url = match tokio::time::timeout(Duration::from_secs(30), wait).await {
        Ok(Some(url)) => url,
        Ok(None) => return Err("the server exited before listening".into()),
        Err(_) => return Err("the server did not listen within 30 s".into()),
    };
    // Keep draining stderr so a chatty server never blocks on a full pipe.
    tokio::spawn(async move {
        while let Ok(Some(line)) = lines.next_line().await {
            eprintln!("{line}");
        }
    });
    Ok((child, url))
}

pub fn call_params(tool: &str, arguments: &serde_json::Value) -> CallToolRequestParams {
    let arguments: JsonObject = arguments.as_object().cloned().unwrap_or_default();
    CallToolRequestParams::new(tool.to_owned()).with_arguments(arguments)
}

/// Latency summary of one set of samples.
#[derive(Debug, Clone, Copy)]
pub struct Stats {
    pub p50_us: f64,
    pub p99_us: f64,
    pub calls_per_s: f64,
}

/// `samples` are per-call latencies; `busy` the wall time they took.
pub fn stats(samples: &mut [Duration], busy: Duration) -> Stats {
    samples.sort_unstable();
    Stats {
        p50_us: percentile(samples, 0.50),
        p99_us: percentile(samples, 0.99),
        calls_per_s: samples.len() as f64 / busy.as_secs_f64().max(f64::EPSILON),
    }
}

/// Nearest-rank percentile of sorted samples, in µs.
fn percentile(sorted: &[Duration], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted
        .get(rank - 1)
        .map_or(f64::NAN, |d| d.as_secs_f64() * 1e6)
}

pub fn median(values: &mut [f64]) -> f64 {
    values.sort_unstable_by(f64::total_cmp);
    match values.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}
