//! Harness overhead per agent turn.
//!
//! Runs an N-turn session (each turn one tool call, 50 tools registered)
//! through the real agent loop with a JSON-serializing subscriber, and, in
//! the same process, the bare work it wraps: the same N scripted model
//! calls and N direct tool calls. The difference per turn is what baton's
//! loop adds: request building, events, inspection, scheduling.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use async_trait::async_trait;
use baton_agent::{Agent, AgentConfig, EventBus, Subscriber};
use baton_models::scripted::ScriptedClient;
use baton_models::{ModelClient, ModelRequest, collect};
use baton_protocol::{
    AgentId, Envelope, Message, Outcome, SessionId, ToolAnnotations, ToolOutput, ToolSpec,
};
use baton_tools::{
    ShellOptions, Tool, ToolContext, ToolRegistry, Toolbox, Workspace, builtin_tools,
};
use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;

const TOOLS: usize = 50;

struct Noop {
    spec: ToolSpec,
}

#[async_trait]
impl Tool for Noop {
    fn spec(&self) -> &ToolSpec {
        &self.spec
    }
    async fn call(&self, input: Value, _: ToolContext) -> ToolOutput {
        ToolOutput::text(format!("ok {}", input["n"]))
    }
}

/// Serializes every event, as `--json` does, into a counter instead of stdout.
struct JsonSink(AtomicU64);

impl Subscriber for JsonSink {
    fn on_event(&self, envelope: &Envelope) {
        let bytes = serde_json::to_vec(envelope).map_or(0, |v| v.len() as u64);
        self.0.fetch_add(bytes, Ordering::Relaxed);
    }
}

fn toolbox(root: &Path) -> Result<ToolRegistry, String> {
    let workspace = Workspace::new(root).map_err(|e| e.to_string())?;
    let mut registry = builtin_tools(workspace, ShellOptions::default());
    let mut n = 0;
    while registry.len() < TOOLS {
        registry.register(Arc::new(Noop {
            spec: ToolSpec {
                name: format!("noop_{n}"),
                description: format!(
                    "No-op tool number {n}, present to make the tool list realistic in size."
                ),
                input_schema: json!({"type": "object", "properties": {"n": {"type": "integer"}}}),
                output_schema: None,
                annotations: ToolAnnotations::read_only(),
            },
        }));
        n += 1;
    }
    Ok(registry)
}

fn script(turns: usize) -> String {
    json!({"turns": [
        {"text": "step", "tool_calls": [{"name": "noop_7", "input": {"n": 1}}],
         "usage": {"input_tokens": 100, "output_tokens": 10}, "repeat": turns - 1},
        {"text": "done", "usage": {"input_tokens": 100, "output_tokens": 10}}
    ]})
    .to_string()
}

fn model(turns: usize) -> Result<ScriptedClient, String> {
    ScriptedClient::parse(&script(turns), Path::new("bench.json"), "scripted:bench")
        .map_err(|e| e.to_string())
}

async fn agent_run(turns: usize, root: &Path) -> Result<(Duration, u64), String> {
    let registry: Arc<dyn Toolbox> = Arc::new(toolbox(root)?);
    let config = AgentConfig {
        max_turns: turns as u32 + 1,
        ..AgentConfig::default()
    };
    let agent = Agent::new(
        AgentId::new("root"),
        Arc::new(model(turns)?),
        registry,
        config,
    );
    let bus = EventBus::new(SessionId::new("bench"));
    let sink = Arc::new(JsonSink(AtomicU64::new(0)));
    bus.subscribe(sink.clone());
    let started = Instant::now();
    let report = agent
        .run(&bus, "benchmark", &CancellationToken::new())
        .await;
    let elapsed = started.elapsed();
    if report.outcome != Outcome::Success || report.turns as usize != turns {
        return Err(format!(
            "the run ended {:?} after {} turns",
            report.outcome, report.turns
        ));
    }
    Ok((elapsed, sink.0.load(Ordering::Relaxed)))
}

/// The same model calls and tool calls with no loop around them.
async fn bare_run(turns: usize, root: &Path) -> Result<Duration, String> {
    let registry = toolbox(root)?;
    let model = model(turns)?;
    let request = ModelRequest {
        messages: Arc::new(vec![Message::user_text("benchmark")]),
        tools: Arc::new(registry.specs()),
        max_tokens: 1024,
        ..ModelRequest::default()
    };
    let started = Instant::now();
    for turn in 0..turns {
        let response = collect(model.stream(request.clone()), |_| {})
            .await
            .map_err(|e| e.to_string())?;
        if turn + 1 < turns {
            let ctx = ToolContext::new("c", CancellationToken::new());
            let output = registry.call("noop_7", json!({"n": 1}), ctx).await;
            std::hint::black_box((response, output));
        }
    }
    Ok(started.elapsed())
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[tokio::main]
async fn main() -> Result<(), String> {
    let turns: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000);
    let rounds: usize = std::env::args()
        .nth(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5);
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    // Warm-up, then the best of `rounds` for each: the minimum is the least
    // disturbed by other load on a shared machine.
    agent_run(turns.min(50), dir.path()).await?;
    bare_run(turns.min(50), dir.path()).await?;
    let mut agent_best = Duration::MAX;
    let mut bare_best = Duration::MAX;
    let mut json_bytes = 0;
    for _ in 0..rounds {
        let (elapsed, bytes) = agent_run(turns, dir.path()).await?;
        agent_best = agent_best.min(elapsed);
        json_bytes = bytes;
        bare_best = bare_best.min(bare_run(turns, dir.path()).await?);
    }
    let per_turn = |d: Duration| d.as_secs_f64() * 1e6 / turns as f64;
    let overhead = per_turn(agent_best) - per_turn(bare_best);
    println!("turns: {turns}, tools registered: {TOOLS}, rounds: {rounds} (best of)");
    println!(
        "agent loop:      {:>9.1} ms total, {:>7.1} µs/turn",
        agent_best.as_secs_f64() * 1e3,
        per_turn(agent_best)
    );
    println!(
        "bare calls:      {:>9.1} ms total, {:>7.1} µs/turn",
        bare_best.as_secs_f64() * 1e3,
        per_turn(bare_best)
    );
    println!("harness overhead:                    {overhead:>7.1} µs/turn (target < 500)");
    println!(
        "agent / bare:    {:>9.2}×",
        agent_best.as_secs_f64() / bare_best.as_secs_f64()
    );
    println!(
        "events as JSON:  {:>9.1} KiB per run",
        json_bytes as f64 / 1024.0
    );
    if let Some(rss) = peak_rss_kib() {
        println!(
            "peak RSS:        {:>9.1} MiB (whole benchmark process)",
            rss as f64 / 1024.0
        );
    }
    Ok(())
}
