//! The orchestra, measured: delegation against a single agent, a thousand
//! sub-agents at once, and how fast cancellation reaches a whole tree.
//!
//! `orchestra fanout [repeats] [time-scale]`: answer questions whose facts
//! sit in 16 generated files (2–4 KB each), once by a single strong agent
//! reading everything, once by a strong orchestrator delegating to 4 cheap
//! explorers in one turn (4 files each). Both go through the real agent loop,
//! `Delegator` and `WithDelegate`, and read with the real built-in tools.
//! The models are scripted, wrapped in [`Metered`], which counts what each
//! request really holds (characters / 4 of the serialized system prompt,
//! messages and tools) as its input tokens, the reply likewise as output,
//! bills them at the model's price and waits a prefill time per input token
//! plus a decode time per output token. So the orchestrator's context really
//! holds four short reports and the single agent's really holds 16 files.
//!
//! `orchestra scale [children] [latency-ms]`: one parent whose single turn
//! issues `children` `delegate` calls (`max_parallel` = `children`), each
//! child's model waiting `latency-ms` and answering. Prints one JSON line;
//! run it in a fresh process so the peak RSS is this run's.
//!
//! `orchestra cancel [repeats] [mids] [leaves-per-mid]`: a depth-2 tree whose
//! leaves sit in long model calls; the root's token is cancelled and the time
//! to the last `agent_finished` is measured.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use baton_agent::{
    Agent, AgentConfig, AgentReport, Budget, Choice, Delegation, Delegator, EventBus, ModelChooser,
    RoleDef, Roles, Subscriber, WithDelegate, default_system_prompt,
};
use baton_models::scripted::ScriptedClient;
use baton_models::{ModelClient, ModelInfo, ModelRequest, ModelStream, StreamEvent};
use baton_protocol::{
    AgentId, ContentBlock, Envelope, Event, Outcome, SessionId, ToolResultContent, Usage,
};
use baton_tools::{ShellOptions, Toolbox, Workspace, builtin_tools};
use futures::StreamExt;
use serde_json::{Value, json};
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

type Res<T> = Result<T, String>;

// ---------------------------------------------------------------- models

/// A strong/cheap pair priced like real ones (USD per million tokens), with
/// latency proportional to tokens.
#[derive(Clone, Copy)]
struct Profile {
    name: &'static str,
    input_usd: f64,
    output_usd: f64,
    /// Prefill, microseconds per input token.
    prefill_us: f64,
    /// Decode, microseconds per output token.
    decode_us: f64,
}

/// Opus-class: $15/$75, ~20k tok/s prefill, ~40 tok/s decode.
const STRONG: Profile = Profile {
    name: "strong",
    input_usd: 15.0,
    output_usd: 75.0,
    prefill_us: 50.0,
    decode_us: 25_000.0,
};

/// Haiku-class: $0.8/$4, ~50k tok/s prefill, ~125 tok/s decode.
const CHEAP: Profile = Profile {
    name: "cheap",
    input_usd: 0.8,
    output_usd: 4.0,
    prefill_us: 20.0,
    decode_us: 8_000.0,
};

fn tokens(chars: usize) -> u64 {
    chars.div_ceil(4) as u64
}

/// Serialized length in characters (a macro: the harness names no serde bound).
macro_rules! json_chars {
    ($value:expr) => {
        serde_json::to_string($value).map_or(0, |s| s.len())
    };
}

/// What the request really holds, in tokens (four characters each).
fn request_tokens(request: &ModelRequest) -> u64 {
    let system = request.system.as_ref().map_or(0, String::len);
    tokens(system + json_chars!(&*request.messages) + json_chars!(&*request.tools))
}

/// A scripted model whose usage and latency follow the real request size.
struct Metered {
    inner: ScriptedClient,
    profile: Profile,
    /// Multiplies every wait, to keep runs short; ratios do not change.
    time_scale: f64,
}

impl Metered {
    fn new(profile: Profile, turns: &Value, time_scale: f64) -> Res<Self> {
        let script = json!({
            "model": profile.name,
            "price": {"input": profile.input_usd, "output": profile.output_usd},
            "turns": turns,
        });
        let inner =
            ScriptedClient::parse(&script.to_string(), Path::new("bench.json"), profile.name)
                .map_err(|e| e.to_string())?;
        Ok(Self {
            inner,
            profile,
            time_scale,
        })
    }
}

impl ModelClient for Metered {
    fn info(&self) -> &ModelInfo {
        self.inner.info()
    }

    fn stream(&self, request: ModelRequest) -> ModelStream {
        let input = request_tokens(&request);
        let mut inner = self.inner.stream(request);
        let profile = self.profile;
        let scale = self.time_scale;
        let reply = async move {
            let mut events = Vec::new();
            while let Some(event) = inner.next().await {
                match event {
                    Ok(event) => events.push(event),
                    Err(error) => return vec![Err(error)],
                }
            }
            let output = events
                .iter()
                .find_map(|e| match e {
                    StreamEvent::Finished(response) => Some(tokens(json_chars!(&response.content))),
                    _ => None,
                })
                .unwrap_or(0);
            let usage = Usage {
                input_tokens: input,
                output_tokens: output,
                ..Usage::default()
            };
            let wait_us =
                (input as f64 * profile.prefill_us + output as f64 * profile.decode_us) * scale;
            tokio::time::sleep(Duration::from_micros(wait_us as u64)).await;
            events
                .into_iter()
                .map(|event| {
                    Ok(match event {
                        StreamEvent::Usage(_) => StreamEvent::Usage(usage),
                        StreamEvent::Finished(mut response) => {
                            response.usage = usage;
                            StreamEvent::Finished(response)
                        }
                        other => other,
                    })
                })
                .collect()
        };
        Box::pin(futures::stream::once(reply).flat_map(futures::stream::iter))
    }
}

// ---------------------------------------------------------------- events

/// What the benchmark needs from the event stream, stamped on arrival
/// (subscribers are called synchronously by `emit`).
#[derive(Default)]
struct Recorder {
    log: Mutex<Log>,
    /// Counts `turn_started` of agents whose role is `watch_role`.
    watch_role: Option<String>,
    watched: Mutex<Vec<String>>,
    watched_turns: AtomicUsize,
    notify: Notify,
}

#[derive(Default)]
struct Log {
    agents: BTreeMap<String, AgentLog>,
    /// (started, finished) of the root's delegate calls.
    delegate_first_start: Option<Instant>,
    delegate_last_finish: Option<Instant>,
}

#[derive(Default, Clone)]
struct AgentLog {
    role: String,
    spawned: Option<Instant>,
    finished: Option<Instant>,
    outcome: Option<Outcome>,
    peak_input: u64,
    /// The first call's prompt: system prompt, tools and task only.
    first_input: Option<u64>,
    usd: f64,
    calls: u32,
    /// Everything its `read_file` calls returned.
    read: String,
}

impl Recorder {
    fn watching(role: &str) -> Self {
        Self {
            watch_role: Some(role.to_owned()),
            ..Self::default()
        }
    }
}

impl Subscriber for Recorder {
    fn on_event(&self, envelope: &Envelope) {
        let now = Instant::now();
        let agent = envelope.agent.as_str();
        let Ok(mut log) = self.log.lock() else {
            return;
        };
        match &envelope.event {
            Event::AgentSpawned { role, .. } => {
                let entry = log.agents.entry(agent.to_owned()).or_default();
                entry.role = role.clone();
                entry.spawned = Some(now);
                if self.watch_role.as_deref() == Some(role.as_str())
                    && let Ok(mut watched) = self.watched.lock()
                {
                    watched.push(agent.to_owned());
                }
            }
            Event::AgentFinished { outcome, .. } => {
                let entry = log.agents.entry(agent.to_owned()).or_default();
                entry.finished = Some(now);
                entry.outcome = Some(*outcome);
            }
            Event::ModelFinished { usage, cost, .. } => {
                let entry = log.agents.entry(agent.to_owned()).or_default();
                entry.peak_input = entry.peak_input.max(usage.prompt_tokens());
                entry.first_input.get_or_insert(usage.prompt_tokens());
                entry.usd += cost.total_usd;
                entry.calls += 1;
            }
            Event::TurnStarted { .. } => {
                let watched = self
                    .watched
                    .lock()
                    .map(|w| w.iter().any(|a| a == agent))
                    .unwrap_or(false);
                if watched {
                    self.watched_turns.fetch_add(1, Ordering::SeqCst);
                    self.notify.notify_one();
                }
            }
            Event::ToolCallStarted { tool, .. } if agent == "root" && tool == "delegate" => {
                log.delegate_first_start.get_or_insert(now);
            }
            Event::ToolCallFinished { tool, .. } if agent == "root" && tool == "delegate" => {
                log.delegate_last_finish = Some(now);
            }
            Event::ToolCallFinished { tool, output, .. } if tool == "read_file" => {
                let entry = log.agents.entry(agent.to_owned()).or_default();
                entry.read.push_str(&output.text_summary());
            }
            _ => {}
        }
    }
}

impl Recorder {
    fn take(&self) -> Log {
        self.log
            .lock()
            .map(|mut log| std::mem::take(&mut *log))
            .unwrap_or_default()
    }
}

// ---------------------------------------------------------------- choosers

/// Builds each child's model from its role and task.
struct ScriptChooser<F: Fn(&RoleDef, &str) -> Res<Arc<dyn ModelClient>> + Send + Sync> {
    make: F,
}

impl<F: Fn(&RoleDef, &str) -> Res<Arc<dyn ModelClient>> + Send + Sync> ModelChooser
    for ScriptChooser<F>
{
    fn choose(&self, role: &RoleDef, task: &str, _hint: Option<&str>) -> Result<Choice, String> {
        Ok(Choice {
            model: (self.make)(role, task)?,
            reason: format!("bench: {} gets its scripted model", role.name),
        })
    }
}

fn settings(
    chooser: Arc<dyn ModelChooser>,
    tools: Arc<dyn Toolbox>,
    bus: &EventBus,
    base_prompt: String,
    max_parallel: usize,
) -> Delegation {
    Delegation {
        roles: Arc::new(Roles::builtin()),
        chooser,
        tools,
        bus: bus.clone(),
        base_prompt,
        max_parallel,
        max_depth: Delegation::DEFAULT_MAX_DEPTH,
        inspectors: Vec::new(),
        max_summary_chars: 4_000,
        max_attempts: 3,
        resume: None,
        memory: None,
        compaction: None,
        verify: None,
        gate_attempts: 2,
        critique: None,
    }
}

/// The root as `baton run --role orchestrator` builds it: the role's
/// instructions over the base prompt, the hub's tools plus `delegate`.
fn orchestrator_root(
    model: Arc<dyn ModelClient>,
    delegation: Delegation,
    budget: Budget,
) -> Res<Agent> {
    let role = delegation
        .roles
        .get("orchestrator")
        .cloned()
        .ok_or("no orchestrator role")?;
    let root = AgentId::new("root");
    let config = AgentConfig {
        role: role.name.clone(),
        system_prompt: Some(format!(
            "{}\n\n{}",
            role.instructions, delegation.base_prompt
        )),
        max_turns: role.max_turns,
        ..AgentConfig::default()
    };
    let hub = delegation.tools.clone();
    let tools = Arc::new(WithDelegate::new(
        hub,
        Delegator::new(delegation, root.clone(), budget.clone(), 0),
    ));
    Ok(Agent::new(root, model, tools, config).with_budget(budget))
}

// ---------------------------------------------------------------- fan-out

const FILES: usize = 16;
const EXPLORERS: usize = 4;
const FILES_PER_TURN: usize = 4;

const WORDS: &[&str] = &[
    "the",
    "depot",
    "ledger",
    "shipment",
    "north",
    "quarterly",
    "audit",
    "was",
    "filed",
    "under",
    "routine",
    "inspection",
    "crates",
    "arrived",
    "late",
    "because",
    "of",
    "weather",
    "manifest",
    "records",
    "show",
    "no",
    "anomaly",
    "in",
    "storage",
    "temperature",
    "staff",
    "rotated",
    "every",
    "week",
    "and",
    "inventory",
    "matched",
    "expected",
    "levels",
    "after",
    "reconciliation",
];

struct Facts {
    dir: tempfile::TempDir,
    /// (path relative to the workspace, the fact line)
    files: Vec<(String, String)>,
}

/// 16 files of 2–4 KB of filler, each with one `FACT` line somewhere inside.
fn make_facts() -> Res<Facts> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    std::fs::create_dir(dir.path().join("depots")).map_err(|e| e.to_string())?;
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize
    };
    let mut files = Vec::new();
    for i in 1..=FILES {
        let size = 2048 + (i * 131) % 2048;
        let fact = format!(
            "FACT {i:02}: the access code of depot {i:02} is {}-{:04}.",
            ["LIMA", "KILO", "ECHO", "TANGO"][i % 4],
            next() % 10_000
        );
        let at = next() % (size / 2) + size / 4;
        let mut text = String::new();
        let mut placed = false;
        while text.len() < size {
            if !placed && text.len() >= at {
                text.push_str(&fact);
                text.push('\n');
                placed = true;
            }
            let mut line = String::new();
            for _ in 0..12 {
                line.push_str(WORDS[next() % WORDS.len()]);
                line.push(' ');
            }
            let _ = writeln!(text, "{}.", line.trim_end());
        }
        if !placed {
            text.push_str(&fact);
            text.push('\n');
        }
        let path = format!("depots/depot{i:02}.txt");
        std::fs::write(dir.path().join(&path), text).map_err(|e| e.to_string())?;
        files.push((path, fact));
    }
    Ok(Facts { dir, files })
}

const QUESTION: &str = "What are the access codes of depots 01 to 16? Each depot's code is in its file, depots/depot01.txt to depots/depot16.txt, on a line starting with FACT. Answer with the 16 FACT lines.";

fn read_calls(paths: &[&str]) -> Value {
    Value::Array(
        paths
            .iter()
            .map(|p| json!({"name": "read_file", "input": {"path": p}}))
            .collect(),
    )
}

/// A reader's script: the files, `FILES_PER_TURN` a turn, then `answer`.
fn reader_turns(paths: &[&str], answer: &str) -> Value {
    let mut turns: Vec<Value> = paths
        .chunks(FILES_PER_TURN)
        .map(|chunk| json!({"text": "Reading the next files.", "tool_calls": read_calls(chunk)}))
        .collect();
    turns.push(json!({"text": answer}));
    Value::Array(turns)
}

fn explorer_task(paths: &[&str]) -> String {
    format!(
        "Read {} and report the FACT line of each file verbatim, one per line. Nothing else; change nothing.",
        paths.join(", ")
    )
}

fn tool_result_text(report: &AgentReport) -> String {
    let mut all = String::new();
    for message in &report.messages {
        for block in &message.content {
            if let ContentBlock::ToolResult { content, .. } = block {
                for part in content {
                    if let ToolResultContent::Text { text } = part {
                        all.push_str(text);
                    }
                }
            }
        }
    }
    all
}

struct FanoutRun {
    wall: Duration,
    peak_context: u64,
    /// The root's first prompt: the fixed part (system prompt, tools, task).
    base_context: u64,
    usd: f64,
    /// Orchestrated runs only.
    explorers_sum: Duration,
    fanout_wall: Duration,
    explorer_peak: u64,
}

fn builtins(root: &Path) -> Res<Arc<dyn Toolbox>> {
    let workspace = Workspace::new(root).map_err(|e| e.to_string())?;
    Ok(Arc::new(builtin_tools(workspace, ShellOptions::default())))
}

async fn single_agent(facts: &Facts, scale: f64) -> Res<FanoutRun> {
    let paths: Vec<&str> = facts.files.iter().map(|(p, _)| p.as_str()).collect();
    let answer: Vec<&str> = facts.files.iter().map(|(_, f)| f.as_str()).collect();
    let model = Metered::new(STRONG, &reader_turns(&paths, &answer.join("\n")), scale)?;
    let config = AgentConfig {
        system_prompt: Some(default_system_prompt(facts.dir.path())),
        ..AgentConfig::default()
    };
    let agent = Agent::new(
        AgentId::new("root"),
        Arc::new(model),
        builtins(facts.dir.path())?,
        config,
    );
    let bus = EventBus::new(SessionId::new("bench"));
    let recorder = Arc::new(Recorder::default());
    bus.subscribe(recorder.clone());
    let started = Instant::now();
    let report = agent.run(&bus, QUESTION, &CancellationToken::new()).await;
    let wall = started.elapsed();
    check(&report, facts, "single agent")?;
    let log = recorder.take();
    let root = log.agents.get("root").cloned().unwrap_or_default();
    Ok(FanoutRun {
        wall,
        peak_context: root.peak_input,
        base_context: root.first_input.unwrap_or(0),
        usd: log.agents.values().map(|a| a.usd).sum(),
        explorers_sum: Duration::ZERO,
        fanout_wall: Duration::ZERO,
        explorer_peak: 0,
    })
}

/// The run succeeded and every fact reached the agent's context.
fn check(report: &AgentReport, facts: &Facts, who: &str) -> Res<()> {
    if report.outcome != Outcome::Success {
        return Err(format!(
            "{who}: {:?} {:?}",
            report.outcome,
            report.error.as_deref()
        ));
    }
    let seen = tool_result_text(report);
    for (path, fact) in &facts.files {
        if !seen.contains(fact.as_str()) {
            return Err(format!(
                "{who}: the fact of {path} never reached its context"
            ));
        }
    }
    Ok(())
}

async fn orchestrated(facts: &Facts, scale: f64) -> Res<FanoutRun> {
    let by_path: HashMap<String, String> = facts.files.iter().cloned().collect();
    let paths: Vec<&str> = facts.files.iter().map(|(p, _)| p.as_str()).collect();
    let groups: Vec<&[&str]> = paths.chunks(FILES / EXPLORERS).collect();
    let calls: Vec<Value> = groups
        .iter()
        .map(|group| {
            json!({"name": "delegate", "input": {"task": explorer_task(group), "role": "explorer"}})
        })
        .collect();
    let answer: Vec<&str> = facts.files.iter().map(|(_, f)| f.as_str()).collect();
    let root_turns = json!([
        {"text": "Four explorers, four files each.", "tool_calls": calls},
        {"text": answer.join("\n")}
    ]);
    // Each explorer reads the files its task names and reports their facts.
    let chooser = Arc::new(ScriptChooser {
        make: move |role: &RoleDef, task: &str| -> Res<Arc<dyn ModelClient>> {
            if role.name != "explorer" {
                return Err(format!("no model for {}", role.name));
            }
            let mine: Vec<&str> = task
                .split([' ', ','])
                .filter(|w| by_path.contains_key(*w))
                .collect();
            let report: Vec<&str> = mine.iter().map(|p| by_path[*p].as_str()).collect();
            Ok(Arc::new(Metered::new(
                CHEAP,
                &reader_turns(&mine, &report.join("\n")),
                scale,
            )?))
        },
    });
    let bus = EventBus::new(SessionId::new("bench"));
    let recorder = Arc::new(Recorder::default());
    bus.subscribe(recorder.clone());
    let delegation = settings(
        chooser,
        builtins(facts.dir.path())?,
        &bus,
        default_system_prompt(facts.dir.path()),
        Delegation::DEFAULT_MAX_PARALLEL,
    );
    let root = orchestrator_root(
        Arc::new(Metered::new(STRONG, &root_turns, scale)?),
        delegation,
        Budget::unlimited(),
    )?;
    let started = Instant::now();
    let report = root.run(&bus, QUESTION, &CancellationToken::new()).await;
    let wall = started.elapsed();
    check(&report, facts, "orchestrator")?;
    let log = recorder.take();
    let explorers: Vec<&AgentLog> = log
        .agents
        .values()
        .filter(|a| a.role == "explorer")
        .collect();
    if explorers.len() != EXPLORERS
        || explorers
            .iter()
            .any(|a| a.outcome != Some(Outcome::Success))
    {
        return Err(format!(
            "expected {EXPLORERS} successful explorers, got {}",
            explorers.len()
        ));
    }
    // The facts the orchestrator got are the ones the explorers really read.
    let read: String = explorers.iter().map(|a| a.read.as_str()).collect();
    if let Some((path, _)) = facts.files.iter().find(|(_, f)| !read.contains(f.as_str())) {
        return Err(format!("no explorer read the fact of {path}"));
    }
    let explorers_sum = explorers
        .iter()
        .filter_map(|a| Some(a.finished?.duration_since(a.spawned?)))
        .sum();
    let fanout_wall = match (log.delegate_first_start, log.delegate_last_finish) {
        (Some(a), Some(b)) => b.duration_since(a),
        _ => return Err("no delegate calls seen".into()),
    };
    Ok(FanoutRun {
        wall,
        peak_context: log.agents.get("root").map_or(0, |a| a.peak_input),
        base_context: log
            .agents
            .get("root")
            .and_then(|a| a.first_input)
            .unwrap_or(0),
        usd: log.agents.values().map(|a| a.usd).sum(),
        explorers_sum,
        fanout_wall,
        explorer_peak: explorers.iter().map(|a| a.peak_input).max().unwrap_or(0),
    })
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

fn max(values: &[f64]) -> f64 {
    values.iter().copied().fold(f64::NAN, f64::max)
}

async fn fanout(repeats: usize, scale: f64) -> Res<()> {
    let facts = make_facts()?;
    let bytes: u64 = facts
        .files
        .iter()
        .filter_map(|(p, _)| std::fs::metadata(facts.dir.path().join(p)).ok())
        .map(|m| m.len())
        .sum();
    let mut single = Vec::new();
    let mut orch = Vec::new();
    for _ in 0..repeats {
        single.push(single_agent(&facts, scale).await?);
        orch.push(orchestrated(&facts, scale).await?);
    }
    let med =
        |runs: &[FanoutRun], f: &dyn Fn(&FanoutRun) -> f64| median(runs.iter().map(f).collect());
    let s_ctx = med(&single, &|r| r.peak_context as f64);
    let o_ctx = med(&orch, &|r| r.peak_context as f64);
    let e_ctx = med(&orch, &|r| r.explorer_peak as f64);
    let s_base = med(&single, &|r| r.base_context as f64);
    let o_base = med(&orch, &|r| r.base_context as f64);
    let s_usd = med(&single, &|r| r.usd);
    let o_usd = med(&orch, &|r| r.usd);
    let s_wall = med(&single, &|r| r.wall.as_secs_f64());
    let o_wall = med(&orch, &|r| r.wall.as_secs_f64());
    let speedups: Vec<f64> = orch
        .iter()
        .map(|r| r.explorers_sum.as_secs_f64() / r.fanout_wall.as_secs_f64())
        .collect();
    let speedup = median(speedups.clone());
    let fan_wall = med(&orch, &|r| r.fanout_wall.as_secs_f64());
    let exp_sum = med(&orch, &|r| r.explorers_sum.as_secs_f64());
    println!(
        "fan-out: {FILES} files ({:.1} KiB), {EXPLORERS} explorers x {} files; median of {repeats} runs each; latency x{scale}",
        bytes as f64 / 1024.0,
        FILES / EXPLORERS
    );
    println!(
        "models: strong ${}/${} per Mtok, {} us/input tok, {} ms/output tok; cheap ${}/${}, {} us, {} ms (before scaling)",
        STRONG.input_usd,
        STRONG.output_usd,
        STRONG.prefill_us,
        STRONG.decode_us / 1e3,
        CHEAP.input_usd,
        CHEAP.output_usd,
        CHEAP.prefill_us,
        CHEAP.decode_us / 1e3
    );
    println!(
        "{:<28}{:>14}{:>16}{:>12}",
        "", "single agent", "orchestrator+4", "ratio"
    );
    println!(
        "{:<28}{:>14.0}{:>16.0}{:>11.3}x  (target <= 0.20)",
        "peak context, tokens",
        s_ctx,
        o_ctx,
        o_ctx / s_ctx
    );
    println!(
        "{:<28}{:>14.4}{:>16.4}{:>11.3}x",
        "total cost, USD",
        s_usd,
        o_usd,
        o_usd / s_usd
    );
    println!(
        "{:<28}{:>14.3}{:>16.3}{:>11.3}x",
        "wall time, s",
        s_wall,
        o_wall,
        o_wall / s_wall
    );
    println!(
        "{:<28}{:>14.0}{:>16.0}{:>11.3}x",
        "  of which grown by the task",
        s_ctx - s_base,
        o_ctx - o_base,
        (o_ctx - o_base) / (s_ctx - s_base)
    );
    println!(
        "{:<28}{:>14.0}{:>16.0}     (system prompt + tool specs + question)",
        "  first prompt", s_base, o_base
    );
    println!("explorer peak context:      {e_ctx:>8.0} tokens each (cheap model)");
    println!(
        "parallel speed-up:          {speedup:>8.2}  = sum of explorer walls {exp_sum:.3} s / fan-out wall {fan_wall:.3} s (target >= {:.1}; min {:.2}, max {:.2})",
        0.8 * EXPLORERS as f64,
        speedups.iter().copied().fold(f64::INFINITY, f64::min),
        max(&speedups)
    );
    Ok(())
}

// ---------------------------------------------------------------- scale

fn proc_status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// User plus system CPU time of this process so far, in milliseconds
/// (clock ticks of 10 ms): less disturbed by other load than wall time.
fn cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) start at `state`.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) * 10.0)
}

fn sleeper_script(latency_ms: u64) -> String {
    json!({
        "model": "cheap",
        "price": {"input": CHEAP.input_usd, "output": CHEAP.output_usd},
        "turns": [{"text": "done", "latency_ms": latency_ms,
                   "usage": {"input_tokens": 1500, "output_tokens": 5}}]
    })
    .to_string()
}

async fn scale(children: usize, latency_ms: u64) -> Res<()> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let bus = EventBus::new(SessionId::new("bench"));
    let recorder = Arc::new(Recorder::default());
    bus.subscribe(recorder.clone());
    // Each child needs its own client (a script's position is per client);
    // parsing this small script is the only harness work in a child's start.
    let script = sleeper_script(latency_ms);
    let chooser = Arc::new(ScriptChooser {
        make: move |_: &RoleDef, _: &str| -> Res<Arc<dyn ModelClient>> {
            Ok(Arc::new(
                ScriptedClient::parse(&script, Path::new("child.json"), "cheap")
                    .map_err(|e| e.to_string())?,
            ))
        },
    });
    let delegation = settings(
        chooser,
        builtins(dir.path())?,
        &bus,
        default_system_prompt(dir.path()),
        children,
    );
    let calls: Vec<Value> = (0..children)
        .map(|n| json!({"name": "delegate", "input": {"task": format!("sub-task {n}: answer done"), "role": "explorer"}}))
        .collect();
    let root_script = json!({"turns": [{"text": "", "tool_calls": calls}, {"text": "all done"}]});
    let root_model =
        ScriptedClient::parse(&root_script.to_string(), Path::new("root.json"), "root")
            .map_err(|e| e.to_string())?;
    let root = orchestrator_root(Arc::new(root_model), delegation, Budget::unlimited())?;
    let rss_before = proc_status_kib("VmRSS:").unwrap_or(0);
    let cpu_before = cpu_ms().unwrap_or(0.0);
    let started = Instant::now();
    let report = root.run(&bus, "fan out", &CancellationToken::new()).await;
    let wall = started.elapsed();
    let cpu = cpu_ms().unwrap_or(0.0) - cpu_before;
    if report.outcome != Outcome::Success {
        return Err(format!("root: {:?} {:?}", report.outcome, report.error));
    }
    let log = recorder.take();
    let kids: Vec<&AgentLog> = log
        .agents
        .values()
        .filter(|a| a.role == "explorer")
        .collect();
    let ok = kids
        .iter()
        .filter(|a| a.outcome == Some(Outcome::Success))
        .count();
    if ok != children {
        return Err(format!("{ok} of {children} children succeeded"));
    }
    let fanout = match (log.delegate_first_start, log.delegate_last_finish) {
        (Some(a), Some(b)) => b.duration_since(a),
        _ => return Err("no delegate calls seen".into()),
    };
    let mut child_ms: Vec<f64> = kids
        .iter()
        .filter_map(|a| Some(a.finished?.duration_since(a.spawned?).as_secs_f64() * 1e3))
        .collect();
    child_ms.sort_by(f64::total_cmp);
    let pct = |p: f64| child_ms[((child_ms.len() - 1) as f64 * p).round() as usize];
    let peak = proc_status_kib("VmHWM:").unwrap_or(0);
    // Where the overhead goes: starting the children, and taking their
    // reports back.
    let first = log.delegate_first_start.unwrap_or(started);
    let last_spawned = kids.iter().filter_map(|a| a.spawned).max().unwrap_or(first);
    let last_finished = kids
        .iter()
        .filter_map(|a| a.finished)
        .max()
        .unwrap_or(first);
    let spawn_spread = last_spawned.duration_since(first);
    let collect = log
        .delegate_last_finish
        .map_or(Duration::ZERO, |end| end.duration_since(last_finished));
    println!(
        "{}",
        json!({
            "children": children,
            "latency_ms": latency_ms,
            "wall_ms": wall.as_secs_f64() * 1e3,
            "fanout_ms": fanout.as_secs_f64() * 1e3,
            "child_p50_ms": pct(0.5),
            "child_p99_ms": pct(0.99),
            "child_max_ms": pct(1.0),
            "spawn_spread_ms": spawn_spread.as_secs_f64() * 1e3,
            "collect_ms": collect.as_secs_f64() * 1e3,
            "cpu_ms": cpu,
            "rss_before_kib": rss_before,
            "peak_rss_kib": peak,
        })
    );
    Ok(())
}

// ---------------------------------------------------------------- cancel

struct CancelRun {
    /// Agents whose `agent_finished` came after the root's run returned.
    late: usize,
    to_root: Duration,
    to_last: Duration,
    agents: usize,
}

async fn cancel_once(mids: usize, leaves: usize) -> Res<CancelRun> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let bus = EventBus::new(SessionId::new("bench"));
    let recorder = Arc::new(Recorder::watching("explorer"));
    bus.subscribe(recorder.clone());
    let delegate = |task: String, role: &str| json!({"name": "delegate", "input": {"task": task, "role": role}});
    let mid_calls: Vec<Value> = (0..leaves)
        .map(|n| delegate(format!("leaf {n}"), "explorer"))
        .collect();
    let mid_script =
        json!({"turns": [{"text": "", "tool_calls": mid_calls}, {"text": "unreachable"}]});
    let stuck = json!({"turns": [{"text": "never", "latency_ms": 600_000}]});
    let chooser = Arc::new(ScriptChooser {
        make: move |role: &RoleDef, _: &str| -> Res<Arc<dyn ModelClient>> {
            let script = if role.name == "explorer" {
                &stuck
            } else {
                &mid_script
            };
            Ok(Arc::new(
                ScriptedClient::parse(&script.to_string(), Path::new("x.json"), &role.name)
                    .map_err(|e| e.to_string())?,
            ))
        },
    });
    let delegation = settings(
        chooser,
        builtins(dir.path())?,
        &bus,
        default_system_prompt(dir.path()),
        mids.max(leaves),
    );
    let root_calls: Vec<Value> = (0..mids)
        .map(|n| delegate(format!("part {n}"), "orchestrator"))
        .collect();
    let root_script =
        json!({"turns": [{"text": "", "tool_calls": root_calls}, {"text": "unreachable"}]});
    let root_model =
        ScriptedClient::parse(&root_script.to_string(), Path::new("root.json"), "root")
            .map_err(|e| e.to_string())?;
    let root = orchestrator_root(Arc::new(root_model), delegation, Budget::unlimited())?;
    let token = CancellationToken::new();
    let run_token = token.clone();
    let run_bus = bus.clone();
    let running = tokio::spawn(async move { root.run(&run_bus, "t", &run_token).await });
    let wanted = mids * leaves;
    tokio::time::timeout(Duration::from_secs(30), async {
        while recorder.watched_turns.load(Ordering::SeqCst) < wanted {
            recorder.notify.notified().await;
        }
    })
    .await
    .map_err(|_| "the leaves never all started".to_owned())?;
    // Every leaf has started its turn; let them get into their model calls.
    tokio::time::sleep(Duration::from_millis(50)).await;
    let cancelled = Instant::now();
    token.cancel();
    let report = tokio::time::timeout(Duration::from_secs(30), running)
        .await
        .map_err(|_| "the tree did not stop".to_owned())?
        .map_err(|e| e.to_string())?;
    let root_done = cancelled.elapsed();
    let returned = Instant::now();
    if report.outcome != Outcome::Cancelled {
        return Err(format!("root ended {:?}", report.outcome));
    }
    // Children aborted with their parent's tool call finish on their own
    // tasks: wait until every agent has reported.
    let expected = 1 + mids + wanted;
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let done = recorder
            .log
            .lock()
            .map(|l| l.agents.values().filter(|a| a.finished.is_some()).count())
            .unwrap_or(0);
        if done >= expected || Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let log = recorder.take();
    let finished: Vec<&AgentLog> = log
        .agents
        .values()
        .filter(|a| a.finished.is_some())
        .collect();
    if finished.len() != expected
        || finished
            .iter()
            .any(|a| a.outcome != Some(Outcome::Cancelled))
    {
        return Err(format!(
            "{} of {expected} agents finished cancelled",
            finished
                .iter()
                .filter(|a| a.outcome == Some(Outcome::Cancelled))
                .count()
        ));
    }
    let last = finished
        .iter()
        .filter_map(|a| a.finished)
        .max()
        .ok_or("no agent finished")?;
    let late = finished
        .iter()
        .filter(|a| a.finished.is_some_and(|t| t > returned))
        .count();
    Ok(CancelRun {
        late,
        to_root: root_done,
        to_last: last.duration_since(cancelled),
        agents: expected,
    })
}

async fn cancel(repeats: usize, mids: usize, leaves: usize) -> Res<()> {
    let mut last = Vec::new();
    let mut root = Vec::new();
    let mut agents = 0;
    let mut late = Vec::new();
    for _ in 0..repeats {
        let run = cancel_once(mids, leaves).await?;
        late.push(run.late);
        last.push(run.to_last.as_secs_f64() * 1e3);
        root.push(run.to_root.as_secs_f64() * 1e3);
        agents = run.agents;
    }
    println!(
        "cancellation: depth 2, {mids} mid agents x {leaves} leaves ({agents} agents), leaves inside 10-minute model calls; {repeats} runs"
    );
    println!(
        "cancel -> last agent_finished: median {:.2} ms, max {:.2} ms (target <= 100 ms)",
        median(last.clone()),
        max(&last)
    );
    println!(
        "cancel -> root run returns:    median {:.2} ms, max {:.2} ms",
        median(root.clone()),
        max(&root)
    );
    let runs_late = late.iter().filter(|n| **n > 0).count();
    println!(
        "runs where some agent finished after the root's run had returned: {runs_late} of {repeats} (most: {} agents)",
        late.iter().max().copied().unwrap_or(0)
    );
    Ok(())
}

// ---------------------------------------------------------------- main

fn arg<T: std::str::FromStr>(args: &[String], at: usize, default: T) -> Res<T> {
    match args.get(at) {
        None => Ok(default),
        Some(text) => text
            .parse()
            .map_err(|_| format!("argument {at}: cannot parse `{text}`")),
    }
}

#[tokio::main]
async fn main() -> Res<()> {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("fanout") => fanout(arg(&args, 2, 5)?, arg(&args, 3, 0.2)?).await,
        Some("scale") => scale(arg(&args, 2, 1000)?, arg(&args, 3, 100)?).await,
        Some("cancel") => cancel(arg(&args, 2, 20)?, arg(&args, 3, 5)?, arg(&args, 4, 10)?).await,
        _ => Err("usage: orchestra fanout [repeats] [time-scale] | scale [children] [latency-ms] | cancel [repeats] [mids] [leaves-per-mid]".into()),
    }
}
