//! What baton's `ToolHub` adds to an MCP tool call.
//!
//! One trivial rmcp server (an `echo` tool; this binary re-executed as
//! `mcp-hub serve-echo stdio|http`) is called N times in a row by a plain
//! rmcp client and by a `ToolHub` configured with the same server, through
//! the `Toolbox::call` the agent uses. Raw and hub calls alternate one by
//! one so machine noise lands on both. The difference of the median
//! latencies (per round, then the median over rounds) is what the hub adds.
//!
//! Usage: `mcp-hub [calls per side per round] [rounds]`

mod mcp_common;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Instant;

use baton_mcp::{HubOptions, McpServerConfig, ToolHub};
use baton_tools::{ToolContext, Toolbox};
use mcp_common::{RawClient, Stats, call_params, median, negotiated, stats};
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, Implementation,
    ListToolsResult, PaginatedRequestParams, ServerCapabilities, ServerConfig, Tool,
};
use rmcp::service::RequestContext;
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use rmcp::{ErrorData, RoleServer, ServerHandler, ServiceExt};
use serde_json::{Value, json};
use tokio::process::{Child, Command};
use tokio_util::sync::CancellationToken;

/// The trivial server: one tool that returns its `text` argument.
#[derive(Clone)]
struct Echo;

impl ServerHandler for Echo {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("bench-echo", "1.0.0"))
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _ctx: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        let schema = json!({
            "type": "object",
            "properties": {"text": {"type": "string"}},
            "required": ["text"]
        });
        let schema = schema.as_object().cloned().unwrap_or_default();
        Ok(ListToolsResult::with_all_items(vec![Tool::new(
            "echo",
            "Returns the given text unchanged.",
            Arc::new(schema),
        )]))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        _ctx: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let text = request
            .arguments
            .as_ref()
            .and_then(|a| a.get("text"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        Ok(CallToolResult::success(vec![ContentBlock::text(text)]).into())
    }
}

async fn serve_echo(mode: &str) -> Result<(), String> {
    match mode {
        "stdio" => {
            let running = Echo
                .serve(rmcp::transport::stdio_pipes())
                .await
                .map_err(|e| e.to_string())?;
            running.waiting().await.map_err(|e| e.to_string())?;
            Ok(())
        }
        "http" => {
            let service: StreamableHttpService<Echo, LocalSessionManager> =
                StreamableHttpService::new(
                    || Ok(Echo),
                    Arc::new(LocalSessionManager::default()),
                    StreamableHttpServerConfig::default(),
                );
            let router = axum::Router::new().nest_service("/mcp", service);
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .map_err(|e| e.to_string())?;
            let address = listener.local_addr().map_err(|e| e.to_string())?;
            eprintln!("bench-echo: listening on http://{address}/mcp");
            axum::serve(listener, router)
                .await
                .map_err(|e| e.to_string())
        }
        other => Err(format!("unknown mode `{other}`; use stdio or http")),
    }
}

fn echo_command(mode: &str) -> Result<Command, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut command = Command::new(exe);
    command.args(["serve-echo", mode]);
    Ok(command)
}

enum Side {
    Raw(RawClient),
    Hub(ToolHub),
}

/// The tool the hub exposes for server `echo`'s tool `echo`.
const HUB_TOOL: &str = "echo__echo";

impl Side {
    async fn call(&self, arguments: &Value) -> Result<(), String> {
        match self {
            Side::Raw(client) => {
                let result = client
                    .peer()
                    .call_tool(call_params("echo", arguments))
                    .await
                    .map_err(|e| e.to_string())?;
                if result.is_error == Some(true) {
                    return Err(format!("echo failed: {result:?}"));
                }
            }
            Side::Hub(hub) => {
                let ctx = ToolContext::new("bench", CancellationToken::new());
                let output = hub.call(HUB_TOOL, arguments.clone(), ctx).await;
                if output.is_error {
                    return Err(format!("echo through the hub failed: {output:?}"));
                }
            }
        }
        Ok(())
    }
}

async fn hub_for(config: McpServerConfig) -> Result<ToolHub, String> {
    let servers = BTreeMap::from([("echo".to_owned(), config)]);
    let (hub, _events) = ToolHub::start(None, &servers, HubOptions::default()).await;
    if hub.spec(HUB_TOOL).is_none() {
        let reports = hub.report().await;
        return Err(format!(
            "the hub did not start the echo server: {reports:?}"
        ));
    }
    Ok(hub)
}

struct Measured {
    raw: Vec<Stats>,
    hub: Vec<Stats>,
}

/// Calls one at a time, alternating raw and hub call by call (which goes
/// first flips every pair), so a burst of load from elsewhere on the machine
/// hits both sides alike. Each round gives one `Stats` per side; throughput
/// is sequential calls per second of time spent in calls.
async fn measure(raw: &Side, hub: &Side, calls: usize, rounds: usize) -> Result<Measured, String> {
    let arguments = json!({"text": "hello from the benchmark"});
    // Warm-up: connections, allocator, caches.
    for _ in 0..200 {
        raw.call(&arguments).await?;
        hub.call(&arguments).await?;
    }
    let mut measured = Measured {
        raw: Vec::new(),
        hub: Vec::new(),
    };
    for _ in 0..rounds {
        let mut raw_samples = Vec::with_capacity(calls);
        let mut hub_samples = Vec::with_capacity(calls);
        for i in 0..calls {
            let order = if i % 2 == 0 {
                [(raw, &mut raw_samples), (hub, &mut hub_samples)]
            } else {
                [(hub, &mut hub_samples), (raw, &mut raw_samples)]
            };
            for (side, samples) in order {
                let at = Instant::now();
                side.call(&arguments).await?;
                samples.push(at.elapsed());
            }
        }
        let raw_busy = raw_samples.iter().sum();
        let hub_busy = hub_samples.iter().sum();
        measured.raw.push(stats(&mut raw_samples, raw_busy));
        measured.hub.push(stats(&mut hub_samples, hub_busy));
    }
    Ok(measured)
}

fn report(transport: &str, protocol: &str, calls: usize, rounds: usize, m: &Measured) {
    let med = |v: &[Stats], f: fn(&Stats) -> f64| median(&mut v.iter().map(f).collect::<Vec<_>>());
    let added: Vec<f64> = m
        .raw
        .iter()
        .zip(&m.hub)
        .map(|(r, h)| h.p50_us - r.p50_us)
        .collect();
    println!(
        "== {transport} (protocol {protocol}), {rounds} rounds × {calls} sequential calls each side, interleaved; medians over rounds =="
    );
    println!(
        "{:<12}{:>10}{:>10}{:>12}",
        "", "p50 µs", "p99 µs", "calls/s"
    );
    for (label, side) in [("raw rmcp", &m.raw), ("baton hub", &m.hub)] {
        println!(
            "{label:<12}{:>10.1}{:>10.1}{:>12.0}",
            med(side, |s| s.p50_us),
            med(side, |s| s.p99_us),
            med(side, |s| s.calls_per_s)
        );
    }
    let per_round: Vec<String> = added.iter().map(|a| format!("{a:.1}")).collect();
    println!(
        "hub adds {:.1} µs/call at p50 (target < 20; per round: {}); hub/raw throughput {:.3}×",
        median(&mut added.clone()),
        per_round.join(", "),
        med(&m.hub, |s| s.calls_per_s) / med(&m.raw, |s| s.calls_per_s)
    );
}

async fn run(calls: usize, rounds: usize) -> Result<(), String> {
    // stdio: one child for the raw client, one the hub starts from its config.
    {
        let raw = mcp_common::raw_stdio(echo_command("stdio")?).await?;
        let protocol = negotiated(&raw);
        let exe = std::env::current_exe().map_err(|e| e.to_string())?;
        let hub = hub_for(McpServerConfig {
            command: Some(exe.to_string_lossy().into_owned()),
            args: vec!["serve-echo".into(), "stdio".into()],
            ..McpServerConfig::default()
        })
        .await?;
        let (raw, hub) = (Side::Raw(raw), Side::Hub(hub));
        let m = measure(&raw, &hub, calls, rounds).await?;
        report("stdio", &protocol, calls, rounds, &m);
        if let Side::Hub(hub) = hub {
            hub.shutdown().await;
        }
        if let Side::Raw(raw) = raw {
            let _ = raw.cancel().await;
        }
    }
    println!();
    // HTTP: one server process, both clients talk to it.
    {
        let (mut child, url): (Child, String) =
            mcp_common::spawn_http(echo_command("http")?).await?;
        let raw = mcp_common::raw_http(&url).await?;
        let protocol = negotiated(&raw);
        let hub = hub_for(McpServerConfig {
            url: Some(url.clone()),
            ..McpServerConfig::default()
        })
        .await?;
        let (raw, hub) = (Side::Raw(raw), Side::Hub(hub));
        let m = measure(&raw, &hub, calls, rounds).await?;
        report(
            &format!("Streamable HTTP {url}"),
            &protocol,
            calls,
            rounds,
            &m,
        );
        if let Side::Hub(hub) = hub {
            hub.shutdown().await;
        }
        let _ = child.kill().await;
    }
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("serve-echo") {
        return serve_echo(args.get(1).map_or("stdio", String::as_str)).await;
    }
    let calls: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(500);
    let rounds: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(15);
    run(calls.max(1), rounds.max(1)).await
}
