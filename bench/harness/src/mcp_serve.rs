//! `baton mcp serve` against MCP servers on the official Python and
//! TypeScript SDKs, all offering the same `read_file` tool on the same tiny
//! file, over stdio and Streamable HTTP.
//!
//! One rmcp client per server keeps `concurrency` calls in flight (1, then
//! 16) until `calls` have completed. Within a round the servers take turns
//! (the order rotates each round), so load from elsewhere on the machine is
//! spread across all three; the report gives medians over rounds.
//!
//! baton is the release binary serving its real built-in tool through the
//! normal `baton mcp serve` path (`--tools read_file`). The peers are
//! `bench/peers/read_file_server.{py,mjs}`.
//!
//! Over HTTP each server is driven by two clients in turn: rmcp's (what an
//! MCP application uses) and a lean reqwest client (`mcp_lean.rs`) that
//! costs so little per call that the server dominates what it measures. A
//! bare rmcp echo server (`mcp-hub serve-echo http`, echoing the same text)
//! runs alongside as the floor: what a server that does nothing costs.
//!
//! Usage: `mcp-serve [calls] [rounds] [stdio|http|both]`, with `BATON_PEER_PYTHON`,
//! `BATON_PEER_NODE` and `BATON_PEER_NODE_MODULES` set
//! (`source scripts/lib/peers.sh && ensure_peers`). `BATON_BIN` overrides
//! the baton binary (default: next to this one).

mod mcp_common;
mod mcp_lean;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use mcp_common::{RawClient, Stats, call_params, median, negotiated, stats};
use mcp_lean::LeanClient;
use rmcp::RoleClient;
use rmcp::model::CallToolResult;
use rmcp::service::Peer;
use serde_json::{Value, json};
use tokio::process::{Child, Command};

const SERVERS: [&str; 3] = ["baton", "python", "ts"];
/// The floor reference over HTTP: a bare rmcp server with an `echo` tool.
const FLOOR: &str = "echo";
const CLIENTS: [&str; 2] = ["rmcp", "lean http"];
const CONCURRENCY: [usize; 2] = [1, 16];
const FILE: &str = "notes.txt";

struct Env {
    baton: PathBuf,
    python: PathBuf,
    node: PathBuf,
    peers: PathBuf,
}

impl Env {
    fn from_process() -> Result<Env, String> {
        let var = |name: &str| {
            std::env::var_os(name).map(PathBuf::from).ok_or_else(|| {
                format!(
                    "{name} is not set; run `source scripts/lib/peers.sh && ensure_peers` first"
                )
            })
        };
        if std::env::var_os("BATON_PEER_NODE_MODULES").is_none() {
            return Err("BATON_PEER_NODE_MODULES is not set (the TS peer needs it)".into());
        }
        let baton = match std::env::var_os("BATON_BIN") {
            Some(path) => PathBuf::from(path),
            None => std::env::current_exe()
                .map_err(|e| e.to_string())?
                .with_file_name("baton"),
        };
        Ok(Env {
            baton,
            python: var("BATON_PEER_PYTHON")?,
            node: var("BATON_PEER_NODE")?,
            peers: Path::new(env!("CARGO_MANIFEST_DIR")).join("../peers"),
        })
    }

    /// A sibling driver binary of this one.
    fn baton_bench(&self, name: &str) -> PathBuf {
        std::env::current_exe()
            .map(|exe| exe.with_file_name(name))
            .unwrap_or_else(|_| PathBuf::from(name))
    }

    /// The command serving `read_file` on `root` for one server and transport.
    fn command(&self, server: &str, http: bool, root: &Path) -> Command {
        let mut command;
        match server {
            "baton" => {
                command = Command::new(&self.baton);
                command.arg("mcp").arg("serve").arg("-C").arg(root);
                command.args(["--tools", "read_file"]);
                if http {
                    command.args(["--http", "127.0.0.1:0"]);
                }
            }
            "python" => {
                command = Command::new(&self.python);
                command
                    .arg(self.peers.join("read_file_server.py"))
                    .arg(root);
                command.arg(if http { "http" } else { "stdio" });
            }
            FLOOR => {
                command = Command::new(self.baton_bench("mcp-hub"));
                command.args(["serve-echo", "http"]);
            }
            _ => {
                command = Command::new(&self.node);
                command
                    .arg(self.peers.join("read_file_server.mjs"))
                    .arg(root);
                command.arg(if http { "http" } else { "stdio" });
            }
        }
        command
    }
}

fn text_of(result: &CallToolResult) -> String {
    result
        .content
        .iter()
        .filter_map(|block| block.as_text().map(|t| t.text.clone()))
        .collect::<Vec<_>>()
        .join("\n")
}

async fn read_once(
    peer: &Peer<RoleClient>,
    tool: &str,
    arguments: &Value,
) -> Result<String, String> {
    let result = peer
        .call_tool(call_params(tool, arguments))
        .await
        .map_err(|e| e.to_string())?;
    if result.is_error == Some(true) {
        return Err(format!("read_file failed: {}", text_of(&result)));
    }
    Ok(text_of(&result))
}

/// Keeps `concurrency` calls in flight on one client until `calls` are done.
async fn drive(
    server: &Running,
    client: usize,
    calls: usize,
    concurrency: usize,
) -> Result<Stats, String> {
    let peer = server.client.peer().clone();
    let lean = match client {
        0 => None,
        _ => Some(server.lean.clone().ok_or("no lean client over stdio")?),
    };
    let (tool, arguments) = (server.tool, Arc::new(server.arguments.clone()));
    let issued = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..concurrency)
        .map(|_| {
            let (peer, lean, arguments, issued) = (
                peer.clone(),
                lean.clone(),
                arguments.clone(),
                issued.clone(),
            );
            tokio::spawn(async move {
                let mut samples = Vec::with_capacity(calls / concurrency + 1);
                loop {
                    let n = issued.fetch_add(1, Ordering::Relaxed);
                    if n >= calls {
                        break;
                    }
                    let at = Instant::now();
                    match &lean {
                        // JSON-RPC ids start at 1.
                        Some(lean) => lean.call(n as u64 + 1).await?,
                        None => {
                            read_once(&peer, tool, &arguments).await?;
                        }
                    }
                    samples.push(at.elapsed());
                }
                Ok::<_, String>(samples)
            })
        })
        .collect();
    let mut samples: Vec<Duration> = Vec::with_capacity(calls);
    for worker in futures::future::join_all(workers).await {
        samples.extend(worker.map_err(|e| e.to_string())??);
    }
    let busy = started.elapsed();
    Ok(stats(&mut samples, busy))
}

struct Running {
    name: &'static str,
    client: RawClient,
    protocol: String,
    tool: &'static str,
    arguments: Value,
    /// Over HTTP: the server's URL, and the lean client once the expected
    /// text is known.
    url: Option<String>,
    lean: Option<LeanClient>,
    /// The HTTP server process; stdio children belong to the client.
    child: Option<Child>,
}

async fn start(
    env: &Env,
    server: &'static str,
    http: bool,
    root: &Path,
) -> Result<Running, String> {
    let command = env.command(server, http, root);
    let (client, child, url) = if http {
        let (child, url) = mcp_common::spawn_http(command).await?;
        (mcp_common::raw_http(&url).await?, Some(child), Some(url))
    } else {
        (mcp_common::raw_stdio(command).await?, None, None)
    };
    let protocol = negotiated(&client);
    Ok(Running {
        name: server,
        client,
        protocol,
        tool: "read_file",
        arguments: json!({"path": FILE}),
        url,
        lean: None,
        child,
    })
}

/// Results per server, client and concurrency, one `Stats` per round.
type Results = Vec<[[Vec<Stats>; 2]; 2]>;

async fn bench_transport(
    env: &Env,
    http: bool,
    root: &Path,
    calls: usize,
    rounds: usize,
) -> Result<(), String> {
    let mut running = Vec::new();
    let servers: &[&'static str] = if http {
        &["baton", "python", "ts", FLOOR]
    } else {
        &SERVERS
    };
    for &server in servers {
        running.push(
            start(env, server, http, root)
                .await
                .map_err(|e| format!("{server}: {e}"))?,
        );
    }
    // Same semantics: every server must return exactly what baton returns.
    let mut expected: Option<String> = None;
    for server in &mut running {
        if server.name == FLOOR {
            // The floor echoes the very text the others return.
            server.tool = "echo";
            server.arguments = json!({"text": expected.clone().unwrap_or_default()});
        }
        let text = read_once(server.client.peer(), server.tool, &server.arguments)
            .await
            .map_err(|e| format!("{}: {e}", server.name))?;
        match &expected {
            None => expected = Some(text),
            Some(want) if *want == text => {}
            Some(want) => {
                return Err(format!(
                    "{} returned a different text:\n{text}\n--- baton returned:\n{want}",
                    server.name
                ));
            }
        }
    }
    let expected = expected.unwrap_or_default();
    for server in &mut running {
        if let Some(url) = &server.url {
            let lean = LeanClient::new(url, server.tool, &server.arguments, &expected)?;
            server.lean = Some(lean);
        }
    }
    let clients = if http { CLIENTS.len() } else { 1 };
    for server in &running {
        for (client, name) in CLIENTS.iter().enumerate().take(clients) {
            for concurrency in CONCURRENCY {
                drive(server, client, calls.min(300), concurrency)
                    .await
                    .map_err(|e| format!("{} ({name}): {e}", server.name))?;
            }
        }
    }
    let mut results: Results = running.iter().map(|_| Default::default()).collect();
    for round in 0..rounds {
        for (client, _) in CLIENTS.iter().enumerate().take(clients) {
            for (c, concurrency) in CONCURRENCY.into_iter().enumerate() {
                for turn in 0..running.len() {
                    let index = (turn + round) % running.len();
                    let stats = drive(&running[index], client, calls, concurrency).await?;
                    results[index][client][c].push(stats);
                }
            }
        }
    }
    let transport = if http { "Streamable HTTP" } else { "stdio" };
    println!(
        "== {transport}: {rounds} rounds × {calls} read_file calls per server and concurrency; medians over rounds =="
    );
    for server in &running {
        let mode = match (http, server.protocol.as_str()) {
            (false, _) => "",
            (true, "2026-07-28") => ", stateless (2026-07-28 has no sessions)",
            (true, _) => ", session",
        };
        println!("{:<8} protocol {}{mode}", server.name, server.protocol);
    }
    let med = |v: &[Stats], f: fn(&Stats) -> f64| median(&mut v.iter().map(f).collect::<Vec<_>>());
    for (client, client_name) in CLIENTS.iter().enumerate().take(clients) {
        println!("-- client: {client_name}");
        println!(
            "{:<8}{:>4}{:>11}{:>11}{:>11}",
            "server", "c", "calls/s", "p50 µs", "p99 µs"
        );
        for (c, concurrency) in CONCURRENCY.into_iter().enumerate() {
            for (server, result) in running.iter().zip(&results) {
                let r = &result[client][c];
                let floor = if server.name == FLOOR {
                    "  (floor: bare rmcp echo)"
                } else {
                    ""
                };
                println!(
                    "{:<8}{concurrency:>4}{:>11.0}{:>11.1}{:>11.1}{floor}",
                    server.name,
                    med(r, |s| s.calls_per_s),
                    med(r, |s| s.p50_us),
                    med(r, |s| s.p99_us),
                );
            }
        }
        for (c, concurrency) in CONCURRENCY.into_iter().enumerate() {
            let tput = |i: usize| med(&results[i][client][c], |s| s.calls_per_s);
            println!(
                "c={concurrency:<3} throughput baton/python {:>6.2}× (target ≥ 5)   baton/ts {:>6.2}× (target ≥ 2)",
                tput(0) / tput(1),
                tput(0) / tput(2)
            );
        }
    }
    for server in running {
        let _ = server.client.cancel().await;
        if let Some(mut child) = server.child {
            let _ = child.kill().await;
        }
    }
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let calls: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let rounds: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(5);
    let env = Env::from_process()?;
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let text: String = (1..=12)
        .map(|n| format!("line {n} of a small file\n"))
        .collect();
    std::fs::write(dir.path().join(FILE), text).map_err(|e| e.to_string())?;
    let which = args.get(2).map_or("both", String::as_str);
    if which != "http" {
        bench_transport(&env, false, dir.path(), calls.max(1), rounds.max(1)).await?;
        println!();
    }
    if which != "stdio" {
        bench_transport(&env, true, dir.path(), calls.max(1), rounds.max(1)).await?;
    }
    Ok(())
}
