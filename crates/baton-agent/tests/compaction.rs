//! Context compaction in the agent loop, driven by the scripted model
//! behind a wrapper that reports usage at a chosen ratio to our own
//! estimate and answers summary requests itself.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use baton_agent::{
    Agent, AgentConfig, AgentReport, COMPACTION_HEADER, CompactionSettings, DROPPED_OUTPUT,
    EventBus, estimate_request_tokens,
};
use baton_models::scripted::ScriptedClient;
use baton_models::{
    ModelClient, ModelError, ModelInfo, ModelRequest, ModelResponse, ModelStream, StreamEvent,
};
use baton_protocol::{
    AgentId, CompactionStrategy, ContentBlock, Event, Message, Outcome, SessionId, StopReason,
    ToolAnnotations, ToolOutput, ToolSpec, Usage,
};
use baton_tools::{Tool, ToolContext, ToolRegistry};
use futures::StreamExt;
use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;

/// Returns `n` characters of output.
struct Read {
    spec: ToolSpec,
}

#[async_trait]
impl Tool for Read {
    fn spec(&self) -> &ToolSpec {
        &self.spec
    }
    async fn call(&self, input: Value, _ctx: ToolContext) -> ToolOutput {
        let n = input["n"].as_u64().unwrap_or(0) as usize;
        ToolOutput::text("r".repeat(n))
    }
}

fn read_tool() -> Arc<dyn Tool> {
    Arc::new(Read {
        spec: ToolSpec {
            name: "read".into(),
            description: "returns n characters".into(),
            input_schema: json!({"type": "object"}),
            output_schema: None,
            annotations: ToolAnnotations::read_only(),
        },
    })
}

/// What the wrapper answers a summary request (one without tools) with.
#[derive(Clone)]
enum Summary {
    Text(String),
    Fail,
}

/// The scripted model, reporting `ratio` × our estimate as each request's
/// prompt tokens, and answering summary requests without using a turn.
struct Model {
    inner: ScriptedClient,
    ratio: f64,
    summary: Summary,
    requests: Arc<Mutex<Vec<ModelRequest>>>,
}

impl ModelClient for Model {
    fn info(&self) -> &ModelInfo {
        self.inner.info()
    }

    fn stream(&self, request: ModelRequest) -> ModelStream {
        self.requests.lock().unwrap().push(request.clone());
        if request.tools.is_empty() {
            let event = match &self.summary {
                Summary::Text(text) => Ok(StreamEvent::Finished(ModelResponse {
                    content: vec![ContentBlock::text(text.clone())],
                    stop_reason: StopReason::EndTurn,
                    usage: Usage {
                        input_tokens: 500,
                        output_tokens: 50,
                        ..Usage::default()
                    },
                    model: "scripted".into(),
                    logprobs: None,
                })),
                Summary::Fail => Err(ModelError::StreamError {
                    provider: "test",
                    kind: "overloaded".into(),
                    message: "no summary today".into(),
                    retryable: false,
                }),
            };
            return Box::pin(futures::stream::iter(vec![event]));
        }
        let usage = Usage {
            input_tokens: (estimate_request_tokens(&request) as f64 * self.ratio) as u64,
            output_tokens: 10,
            ..Usage::default()
        };
        Box::pin(self.inner.stream(request).map(move |event| match event {
            Ok(StreamEvent::Usage(_)) => Ok(StreamEvent::Usage(usage)),
            Ok(StreamEvent::Finished(response)) => {
                Ok(StreamEvent::Finished(ModelResponse { usage, ..response }))
            }
            other => other,
        }))
    }
}

struct Run {
    report: AgentReport,
    events: Vec<Event>,
    /// Every request, summary requests included, in order.
    requests: Vec<ModelRequest>,
}

/// `turns` tool turns with `output` characters of output and `text`
/// characters of assistant text each, then a final answer.
fn script(window: u64, turns: usize, output: usize, text: usize) -> Value {
    json!({"context_window": window, "turns": [
        {"text": "t".repeat(text), "tool_calls": [{"name": "read", "input": {"n": output}}],
         "repeat": turns},
        {"text": "all done"}
    ]})
}

async fn run(
    script: Value,
    ratio: f64,
    summary: Summary,
    compaction: Option<CompactionSettings>,
) -> Run {
    let inner = ScriptedClient::parse(
        &script.to_string(),
        Path::new("inline.json"),
        "scripted:test",
    )
    .unwrap();
    let requests = Arc::new(Mutex::new(Vec::new()));
    let model = Model {
        inner,
        ratio,
        summary,
        requests: requests.clone(),
    };
    let mut registry = ToolRegistry::new();
    registry.register(read_tool());
    let config = AgentConfig {
        compaction,
        ..AgentConfig::default()
    };
    let agent = Agent::new(
        AgentId::new("root"),
        Arc::new(model),
        Arc::new(registry),
        config,
    );
    let bus = EventBus::new(SessionId::new("test"));
    let mut receiver = bus.channel();
    let cancel = CancellationToken::new();
    let report = tokio::time::timeout(
        Duration::from_secs(20),
        agent.run(&bus, "the task", &cancel),
    )
    .await
    .expect("the run must end on its own");
    let mut events = Vec::new();
    while let Ok(envelope) = receiver.try_recv() {
        events.push(envelope.event);
    }
    let requests = requests.lock().unwrap().clone();
    Run {
        report,
        events,
        requests,
    }
}

fn agent_requests(run: &Run) -> Vec<&ModelRequest> {
    run.requests
        .iter()
        .filter(|r| !r.tools.is_empty())
        .collect()
}

/// The first compaction: how many turns had started before it, its
/// strategy and the new context.
fn first_compaction(events: &[Event]) -> Option<(usize, CompactionStrategy, Vec<Message>)> {
    let mut turns = 0;
    for event in events {
        match event {
            Event::TurnStarted { .. } => turns += 1,
            Event::Compacted {
                strategy, context, ..
            } => return Some((turns, *strategy, context.clone())),
            _ => {}
        }
    }
    None
}

/// A window whose threshold lies three quarters of the way from the
/// calibrated prompt of call `turn - 1` to that of call `turn`, in an
/// uncompacted run: far enough from both that only an estimate calibrated
/// for the messages since the last call lands on the right side.
fn window_firing_at(requests: &[&ModelRequest], ratio: f64, turn: usize) -> u64 {
    let calibrated = |i: usize| estimate_request_tokens(requests[i - 1]) as f64 * ratio;
    let threshold = calibrated(turn - 1) + 0.75 * (calibrated(turn) - calibrated(turn - 1));
    (threshold / CompactionSettings::default().threshold) as u64
}

async fn fires_at(ratio: f64, turn: usize) -> (Run, Vec<ModelRequest>, u64) {
    let dry = run(script(1_000_000, 10, 3_000, 20), ratio, Summary::Fail, None).await;
    let requests: Vec<ModelRequest> = agent_requests(&dry).into_iter().cloned().collect();
    let window = window_firing_at(&requests.iter().collect::<Vec<_>>(), ratio, turn);
    let summary = Summary::Text("SUMMARY: read the file ten times".into());
    let compacted = run(
        script(window, 10, 3_000, 20),
        ratio,
        summary,
        Some(CompactionSettings::default()),
    )
    .await;
    (compacted, requests, window)
}

#[tokio::test]
async fn with_usage_at_twice_our_estimate_compaction_fires_on_the_crossing_turn() {
    let (run, dry, window) = fires_at(2.0, 6).await;
    // Uncalibrated, the sixth prompt looks well under the threshold: only
    // the calibration makes compaction fire there.
    let threshold = CompactionSettings::default().threshold_tokens(window);
    assert!(estimate_request_tokens(&dry[5]) < threshold);
    let (turns, strategy, context) = first_compaction(&run.events).expect("a compaction");
    assert_eq!(turns, 5, "compacted right before the sixth call");
    assert_eq!(strategy, CompactionStrategy::Summary);

    // The task, the summary after it, then recent turns exactly as they were.
    let first = context[0].text();
    assert!(first.starts_with("the task\n\n"), "{first}");
    assert!(first.contains(COMPACTION_HEADER));
    assert!(
        first.ends_with("SUMMARY: read the file ten times"),
        "{first}"
    );
    let before = &dry[5].messages;
    assert!(context.len() >= 3 && context.len() < before.len());
    assert_eq!(&context[1..], &before[before.len() - (context.len() - 1)..]);

    // The summary was asked for with the older turns as text, and the next
    // call saw exactly the compacted context.
    let position = run
        .requests
        .iter()
        .position(|r| r.tools.is_empty())
        .unwrap();
    let asked = run.requests[position].messages[0].text();
    assert!(asked.contains("[called read"), "{asked}");
    assert!(asked.contains("The agent's task:\n\nthe task"), "{asked}");
    assert_eq!(*run.requests[position + 1].messages, context);

    assert_eq!(run.report.outcome, Outcome::Success);
    assert_eq!(run.report.answer, "all done");
    // The summary call is paid for like any other.
    let reported: u64 = run
        .events
        .iter()
        .filter_map(|e| match e {
            Event::ModelFinished { usage, .. } => Some(usage.input_tokens),
            _ => None,
        })
        .sum();
    assert_eq!(run.report.usage.input_tokens, reported);
    assert!(matches!(
        run.events.last(),
        Some(Event::AgentFinished {
            outcome: Outcome::Success,
            ..
        })
    ));
}

#[tokio::test]
async fn with_usage_at_half_our_estimate_compaction_does_not_fire_early() {
    let (run, dry, window) = fires_at(0.5, 9).await;
    // Uncalibrated, the fifth prompt already looks over the threshold.
    let threshold = CompactionSettings::default().threshold_tokens(window);
    assert!(estimate_request_tokens(&dry[4]) >= threshold);
    let (turns, strategy, _) = first_compaction(&run.events).expect("a compaction");
    assert_eq!(
        turns, 8,
        "compacted right before the ninth call, not earlier"
    );
    assert_eq!(strategy, CompactionStrategy::Summary);
    assert_eq!(run.report.outcome, Outcome::Success);
}

fn warnings(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Warning { message } => Some(message.clone()),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn a_failed_summary_falls_back_to_dropping_tool_outputs() {
    let dry = run(script(1_000_000, 10, 3_000, 20), 1.0, Summary::Fail, None).await;
    let window = window_firing_at(&agent_requests(&dry), 1.0, 6);
    let run = run(
        script(window, 10, 3_000, 20),
        1.0,
        Summary::Fail,
        Some(CompactionSettings::default()),
    )
    .await;
    let (_, strategy, context) = first_compaction(&run.events).expect("a compaction");
    assert_eq!(strategy, CompactionStrategy::DropToolOutputs);
    let text = serde_json::to_string(&context).unwrap();
    assert!(text.contains(DROPPED_OUTPUT));
    // The most recent output is still there in full.
    assert!(text.contains(&"r".repeat(3_000)));
    assert!(
        warnings(&run.events)
            .iter()
            .any(|w| w.contains("no summary today")),
        "{:?}",
        warnings(&run.events)
    );
    assert_eq!(run.report.outcome, Outcome::Success);
    assert_eq!(run.report.answer, "all done");
}

#[tokio::test]
async fn an_overlong_summary_falls_back_to_dropping_turns() {
    // Long assistant text, little tool output: only dropping turns helps.
    let dry = run(script(1_000_000, 10, 10, 3_000), 1.0, Summary::Fail, None).await;
    let window = window_firing_at(&agent_requests(&dry), 1.0, 6);
    let overlong = Summary::Text("s".repeat(60_000));
    let run = run(
        script(window, 10, 10, 3_000),
        1.0,
        overlong,
        Some(CompactionSettings::default()),
    )
    .await;
    let (_, strategy, context) = first_compaction(&run.events).expect("a compaction");
    assert_eq!(strategy, CompactionStrategy::DropTurns);
    assert!(context[0].text().starts_with("the task\n\n"));
    assert!(
        warnings(&run.events).iter().any(|w| w.contains("summary")),
        "{:?}",
        warnings(&run.events)
    );
    assert_eq!(run.report.outcome, Outcome::Success);
    assert_eq!(run.report.answer, "all done");
}

#[tokio::test]
async fn without_compaction_settings_nothing_is_compacted() {
    // A window the run overflows many times over.
    let run = run(script(2_000, 10, 3_000, 20), 1.0, Summary::Fail, None).await;
    assert!(first_compaction(&run.events).is_none());
    assert!(run.requests.iter().all(|r| !r.tools.is_empty()));
    assert_eq!(run.report.outcome, Outcome::Success);
}
