//! What the session store costs a run.
//!
//! 1. Append throughput: N realistic envelopes recorded through a
//!    `Recorder` and flushed once (the writer batches them), against the
//!    same envelopes as JSON lines to a buffered file (the peer); then the
//!    worst case, a flush after every event.
//! 2. Overhead per agent turn: the same scripted session (each turn one
//!    read-only and one mutating tool call) with a bare bus and with the
//!    store subscribed and made the bus's durability, alternated, medians.
//! 3. Resume: reading a 10,000-event session back and folding it into a
//!    `SessionLog`, against the fold alone on events already in memory.

use std::future::Future;
use std::io::Write;
use std::path::Path;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use async_trait::async_trait;
use baton_agent::{Agent, AgentConfig, Durable, EventBus, SessionLog, Subscriber};
use baton_models::scripted::ScriptedClient;
use baton_protocol::{
    AgentId, ContentBlock, Cost, Envelope, Event, Message, Outcome, PermissionMode, Role,
    SessionId, StopReason, ToolAnnotations, ToolCallId, ToolOutput, ToolResultContent, ToolSpec,
    Usage,
};
use baton_store::{Recorder, Store};
use baton_tools::{Tool, ToolContext, ToolRegistry, Toolbox};
use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;

/// About 1 KB of tool output, as a file read or a command's output.
fn kilobyte(tag: usize) -> String {
    let line = format!("{tag:>6}: fn handler(req: Request) -> Response {{ route(req) }}\n");
    line.repeat(1024 / line.len() + 1)
}

/// The envelopes of a realistic session: `session_started`, the root's
/// `agent_spawned`, then turns of deltas, a model call, messages and a tool
/// call, with `children` sub-agents spawned early that take turns too.
fn session(id: &SessionId, total: usize, children: usize) -> Vec<Envelope> {
    let root = AgentId::new("root");
    let agents: Vec<AgentId> = std::iter::once(root.clone())
        .chain((1..=children).map(|n| AgentId::new(format!("root.{n}"))))
        .collect();
    let mut out = Vec::with_capacity(total + 16);
    let push = |out: &mut Vec<Envelope>, agent: &AgentId, event: Event| {
        let parent = (agent != &root).then(|| root.clone());
        out.push(Envelope {
            seq: out.len() as u64,
            ts_ms: 1_760_000_000_000 + out.len() as u64,
            session: id.clone(),
            agent: agent.clone(),
            parent,
            event,
        });
    };
    push(
        &mut out,
        &root,
        Event::SessionStarted {
            task: "refactor the request router and fix the failing tests".into(),
            model: "scripted:bench".into(),
            workspace: "/home/dev/project".into(),
            permission: PermissionMode::Auto,
            version: "0.0.0-bench".into(),
        },
    );
    for (n, agent) in agents.iter().enumerate() {
        push(
            &mut out,
            agent,
            Event::AgentSpawned {
                role: if n == 0 { "orchestrator" } else { "worker" }.into(),
                model: "scripted:bench".into(),
                reason: None,
                call_id: (n > 0).then(|| ToolCallId::new(format!("delegate-{n}"))),
                task: (n > 0).then(|| format!("part {n} of the refactor")),
            },
        );
    }
    let mut turn = 0usize;
    // One turn is 9 events; stop before overshooting `total`.
    while out.len() + 9 <= total {
        let agent = &agents[turn % agents.len()];
        let call = ToolCallId::new(format!("call-{turn}"));
        let tool = if turn.is_multiple_of(2) {
            "read_file"
        } else {
            "edit_file"
        };
        let input = json!({"path": format!("src/router/mod_{}.rs", turn % 37), "line": turn});
        push(&mut out, agent, Event::TurnStarted { turn: turn as u32 });
        push(
            &mut out,
            agent,
            Event::ModelDelta {
                text: "Let me look at ".into(),
            },
        );
        push(
            &mut out,
            agent,
            Event::ModelDelta {
                text: "the router module.".into(),
            },
        );
        push(
            &mut out,
            agent,
            Event::ModelFinished {
                model: "scripted:bench".into(),
                stop_reason: StopReason::ToolUse,
                usage: Usage {
                    input_tokens: 4_000 + turn as u64,
                    output_tokens: 60,
                    ..Usage::default()
                },
                cost: Cost::default(),
                latency_ms: 900,
                first_token_ms: Some(300),
            },
        );
        push(
            &mut out,
            agent,
            Event::MessageAppended {
                message: Message {
                    role: Role::Assistant,
                    content: vec![
                        ContentBlock::text("Let me look at the router module."),
                        ContentBlock::ToolUse {
                            id: call.clone(),
                            name: tool.into(),
                            input: input.clone(),
                        },
                    ],
                },
            },
        );
        push(
            &mut out,
            agent,
            Event::ToolCallStarted {
                call_id: call.clone(),
                tool: tool.into(),
                input,
            },
        );
        let output = ToolOutput::text(kilobyte(turn));
        push(
            &mut out,
            agent,
            Event::ToolCallFinished {
                call_id: call.clone(),
                tool: tool.into(),
                output: output.clone(),
                duration_ms: 3,
            },
        );
        push(
            &mut out,
            agent,
            Event::MessageAppended {
                message: Message {
                    role: Role::User,
                    content: vec![ContentBlock::ToolResult {
                        tool_use_id: call,
                        content: vec![ToolResultContent::text(kilobyte(turn))],
                        is_error: false,
                    }],
                },
            },
        );
        push(
            &mut out,
            agent,
            Event::ModelDelta {
                text: "Done with this step.".into(),
            },
        );
        turn += 1;
    }
    while out.len() < total {
        push(&mut out, &root, Event::ModelDelta { text: "…".into() });
    }
    out
}

fn json_bytes(events: &[Envelope]) -> Result<u64> {
    let mut total = 0;
    for e in events {
        total += serde_json::to_vec(e)?.len() as u64 + 1;
    }
    Ok(total)
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    match xs.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => xs[n / 2],
        n => (xs[n / 2 - 1] + xs[n / 2]) / 2.0,
    }
}

async fn append_batched(store: &Store, events: &[Envelope]) -> Result<Duration> {
    let Some(first) = events.first() else {
        bail!("no events to record");
    };
    let rec = store.recorder(first.session.clone());
    let started = Instant::now();
    for e in events {
        rec.record(e);
    }
    rec.flush().await?;
    let elapsed = started.elapsed();
    rec.close().await?;
    Ok(elapsed)
}

async fn append_each(store: &Store, events: &[Envelope]) -> Result<Duration> {
    let Some(first) = events.first() else {
        bail!("no events to record");
    };
    let rec = store.recorder(first.session.clone());
    let started = Instant::now();
    for e in events {
        rec.record(e);
        rec.flush().await?;
    }
    let elapsed = started.elapsed();
    rec.close().await?;
    Ok(elapsed)
}

/// The peer: the same envelopes as JSON lines through a buffered file,
/// synced once at the end.
fn append_jsonl(path: &Path, events: &[Envelope]) -> Result<Duration> {
    let started = Instant::now();
    let file = std::fs::File::create(path)?;
    let mut out = std::io::BufWriter::new(file);
    for e in events {
        serde_json::to_writer(&mut out, e)?;
        out.write_all(b"\n")?;
    }
    let file = out.into_inner().map_err(|e| e.into_error())?;
    file.sync_data()?;
    Ok(started.elapsed())
}

/// The CLI's adapter (`baton-cli/src/store.rs`, `StoreSink`).
struct StoreSink(Recorder);

impl Subscriber for StoreSink {
    fn on_event(&self, envelope: &Envelope) {
        self.0.record(envelope);
    }
}

impl Durable for StoreSink {
    fn sync(&self) -> Pin<Box<dyn Future<Output = Result<(), String>> + Send + '_>> {
        let flush = self.0.flush();
        Box::pin(async move { flush.await.map_err(|error| error.to_string()) })
    }
}

/// `read` is read-only and returns ~1 KB; `write` is mutating, so the agent
/// makes the log durable before it runs.
struct BenchTool {
    spec: ToolSpec,
}

#[async_trait]
impl Tool for BenchTool {
    fn spec(&self) -> &ToolSpec {
        &self.spec
    }
    async fn call(&self, input: Value, _: ToolContext) -> ToolOutput {
        if self.spec.name == "read" {
            ToolOutput::text(kilobyte(input["n"].as_u64().unwrap_or(0) as usize))
        } else {
            ToolOutput::text(format!("wrote {}", input["n"]))
        }
    }
}

fn toolbox() -> Arc<dyn Toolbox> {
    let mut registry = ToolRegistry::new();
    for (name, annotations) in [
        ("read", ToolAnnotations::read_only()),
        ("write", ToolAnnotations::mutating(false, false)),
    ] {
        registry.register(Arc::new(BenchTool {
            spec: ToolSpec {
                name: name.into(),
                description: format!("Benchmark tool `{name}`."),
                input_schema: json!({"type": "object", "properties": {"n": {"type": "integer"}}}),
                output_schema: None,
                annotations,
            },
        }));
    }
    Arc::new(registry)
}

fn script(turns: usize) -> String {
    json!({"turns": [
        {"text": "step", "tool_calls": [
            {"name": "read", "input": {"n": 1}},
            {"name": "write", "input": {"n": 2}}],
         "usage": {"input_tokens": 100, "output_tokens": 10}, "repeat": turns - 1},
        {"text": "done", "usage": {"input_tokens": 100, "output_tokens": 10}}
    ]})
    .to_string()
}

/// One scripted session; with `store`, recorded and flushed at the end
/// (inside the timing, as the CLI waits for it before exiting).
async fn agent_run(turns: usize, store: Option<&Store>, run: usize) -> Result<Duration> {
    let model = ScriptedClient::parse(&script(turns), Path::new("bench.json"), "scripted:bench")?;
    let config = AgentConfig {
        max_turns: turns as u32 + 1,
        ..AgentConfig::default()
    };
    let agent = Agent::new(AgentId::new("root"), Arc::new(model), toolbox(), config);
    let id = SessionId::new(format!("turns-{run}"));
    let bus = EventBus::new(id.clone());
    let sink = store.map(|store| Arc::new(StoreSink(store.recorder(id))));
    if let Some(sink) = &sink {
        bus.subscribe(sink.clone());
        bus.set_durable(sink.clone());
    }
    let started = Instant::now();
    let report = agent
        .run(&bus, "benchmark", &CancellationToken::new())
        .await;
    if let Some(sink) = &sink {
        sink.0.flush().await?;
    }
    let elapsed = started.elapsed();
    if report.outcome != Outcome::Success || report.turns as usize != turns {
        bail!(
            "the run ended {:?} after {} turns",
            report.outcome,
            report.turns
        );
    }
    Ok(elapsed)
}

fn arg(n: usize, default: usize) -> usize {
    std::env::args()
        .nth(n)
        .and_then(|a| a.parse().ok())
        .unwrap_or(default)
}

#[tokio::main]
async fn main() -> Result<()> {
    let events_n = arg(1, 100_000);
    let sync_n = arg(2, 2_000);
    let turns = arg(3, 200).max(2);
    let reps = arg(4, 7).max(1);
    let resume_n = arg(5, 10_000);
    let dir = tempfile::tempdir()?;
    let store = Store::open(dir.path().join("bench.db"))
        .await
        .context("opening the store")?;

    // 1. Append throughput.
    let batched = session(&SessionId::new("append"), events_n, 3);
    let bytes = json_bytes(&batched)?;
    let mb = bytes as f64 / 1e6;
    let jsonl = append_jsonl(&dir.path().join("peer.jsonl"), &batched)?;
    let stored = append_batched(&store, &batched).await?;
    let each = session(&SessionId::new("append-each"), sync_n, 3);
    let each_time = append_each(&store, &each).await?;
    let rate = |n: usize, d: Duration| n as f64 / d.as_secs_f64();
    println!(
        "== append: {} events, {mb:.1} MB of JSON (mean {} B/event) ==",
        batched.len(),
        bytes / batched.len().max(1) as u64
    );
    println!(
        "store, batched, one flush:  {:>10.0} events/s {:>7.1} MB/s",
        rate(batched.len(), stored),
        mb / stored.as_secs_f64()
    );
    println!(
        "peer: JSON lines to a file: {:>10.0} events/s {:>7.1} MB/s",
        rate(batched.len(), jsonl),
        mb / jsonl.as_secs_f64()
    );
    println!(
        "store / peer time:          {:>10.2}×",
        stored.as_secs_f64() / jsonl.as_secs_f64()
    );
    println!(
        "store, flush every event:   {:>10.0} events/s ({} events; {:.1} µs/event, {:.1}× the batched cost)",
        rate(each.len(), each_time),
        each.len(),
        each_time.as_secs_f64() * 1e6 / each.len() as f64,
        (each_time.as_secs_f64() / each.len() as f64)
            / (stored.as_secs_f64() / batched.len() as f64)
    );

    // 2. Overhead per agent turn. Warm-up, then a/b alternated.
    agent_run(turns.min(20), None, 0).await?;
    agent_run(turns.min(20), Some(&store), 0).await?;
    let mut bare = Vec::with_capacity(reps);
    let mut with_store = Vec::with_capacity(reps);
    for rep in 1..=reps {
        bare.push(agent_run(turns, None, rep).await?.as_secs_f64());
        with_store.push(agent_run(turns, Some(&store), rep).await?.as_secs_f64());
    }
    let per_turn = |secs: f64| secs * 1e6 / turns as f64;
    let (bare_us, store_us) = (per_turn(median(bare)), per_turn(median(with_store)));
    println!();
    println!(
        "== agent turns: {turns} turns (1 read-only + 1 mutating call each), {reps} reps, medians =="
    );
    println!("bus, no store:        {bare_us:>9.1} µs/turn");
    println!("bus + store, durable: {store_us:>9.1} µs/turn");
    println!(
        "store adds:           {:>9.1} µs/turn ({:+.1}% of a scripted turn; {:.3}% of a 1 s model turn)",
        store_us - bare_us,
        (store_us / bare_us - 1.0) * 100.0,
        (store_us - bare_us) / 1e6 * 100.0
    );

    // 3. Resume.
    let id = SessionId::new("resume");
    let log = session(&id, resume_n, 3);
    append_batched(&store, &log).await?;
    let mut read_fold = Vec::with_capacity(reps);
    let mut fold_only = Vec::with_capacity(reps);
    for _ in 0..reps.max(5) {
        let started = Instant::now();
        let events = store.events(&id).await?;
        let count = events.len();
        let folded = SessionLog::from_events(events)?;
        read_fold.push(started.elapsed().as_secs_f64() * 1e3);
        if count != log.len() || folded.next_seq != log.len() as u64 {
            bail!("read back {count} events of {}", log.len());
        }
        let copy = log.clone();
        let started = Instant::now();
        std::hint::black_box(SessionLog::from_events(copy)?);
        fold_only.push(started.elapsed().as_secs_f64() * 1e3);
    }
    let (read_ms, fold_ms) = (median(read_fold), median(fold_only));
    println!();
    println!(
        "== resume: {} events (root + 3 sub-agents), {} reps, medians ==",
        log.len(),
        reps.max(5)
    );
    println!("store.events + SessionLog::from_events: {read_ms:>8.2} ms");
    println!("peer: from_events on events in memory:  {fold_ms:>8.2} ms");
    println!(
        "read + decode share:                    {:>8.2} ms ({:.1}× the fold alone)",
        read_ms - fold_ms,
        read_ms / fold_ms
    );
    store.close().await;
    Ok(())
}
