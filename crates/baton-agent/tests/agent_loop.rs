//! The agent loop driven by the scripted provider; every assertion is on
//! the event stream or the final report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use baton_agent::{
    Agent, AgentConfig, AgentReport, Approval, ApprovalRequest, Approver, Budget, EventBus, Limits,
    PermissionPolicy, SessionSpec, run_session,
};
use baton_models::scripted::ScriptedClient;
use baton_protocol::{
    AgentId, BudgetKind, ContentBlock, Envelope, Event, Outcome, PermissionMode, Role, SessionId,
    ToolAnnotations, ToolOutput, ToolSpec,
};
use baton_tools::{Tool, ToolContext, ToolRegistry};
use serde_json::{Value, json};
use tokio::sync::{Barrier, mpsc};
use tokio_util::sync::CancellationToken;

/// A test tool whose behaviour is a closure.
struct FnTool<F> {
    spec: ToolSpec,
    run: F,
}

#[async_trait]
impl<F, Fut> Tool for FnTool<F>
where
    F: Fn(Value, ToolContext) -> Fut + Send + Sync,
    Fut: std::future::Future<Output = ToolOutput> + Send,
{
    fn spec(&self) -> &ToolSpec {
        &self.spec
    }
    async fn call(&self, input: Value, ctx: ToolContext) -> ToolOutput {
        (self.run)(input, ctx).await
    }
}

fn tool<F, Fut>(name: &str, read_only: bool, run: F) -> Arc<dyn Tool>
where
    F: Fn(Value, ToolContext) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ToolOutput> + Send + 'static,
{
    let annotations = if read_only {
        ToolAnnotations::read_only()
    } else {
        ToolAnnotations::mutating(false, false)
    };
    Arc::new(FnTool {
        spec: ToolSpec {
            name: name.into(),
            description: format!("test tool {name}"),
            input_schema: json!({"type": "object"}),
            output_schema: None,
            annotations,
        },
        run,
    })
}

fn echo() -> Arc<dyn Tool> {
    tool("echo", true, |input, _| async move {
        ToolOutput::text(input["text"].as_str().unwrap_or("").to_owned())
    })
}

struct Harness {
    bus: EventBus,
    events: mpsc::UnboundedReceiver<Envelope>,
}

impl Harness {
    fn new() -> Self {
        let bus = EventBus::new(SessionId::new("test"));
        let events = bus.channel();
        Self { bus, events }
    }

    fn drain(&mut self) -> Vec<Event> {
        let mut out = Vec::new();
        while let Ok(envelope) = self.events.try_recv() {
            out.push(envelope.event);
        }
        out
    }
}

fn agent(script: Value, tools: Vec<Arc<dyn Tool>>, config: AgentConfig) -> Agent {
    let model = ScriptedClient::parse(
        &script.to_string(),
        Path::new("inline.json"),
        "scripted:test",
    )
    .unwrap();
    let mut registry = ToolRegistry::new();
    for t in tools {
        registry.register(t);
    }
    Agent::new(
        AgentId::new("root"),
        Arc::new(model),
        Arc::new(registry),
        config,
    )
}

async fn run(agent: &Agent, harness: &Harness) -> AgentReport {
    let cancel = CancellationToken::new();
    tokio::time::timeout(
        Duration::from_secs(20),
        agent.run(&harness.bus, "the task", &cancel),
    )
    .await
    .expect("the run must end on its own")
}

fn kinds(events: &[Event]) -> Vec<&'static str> {
    let mut kinds: Vec<&'static str> = events.iter().map(Event::kind).collect();
    kinds.dedup_by(|a, b| *a == "model_delta" && *b == "model_delta");
    kinds
}

fn tool_results(report: &AgentReport) -> Vec<(String, bool)> {
    report
        .messages
        .iter()
        .flat_map(|m| m.content.iter())
        .filter_map(|b| match b {
            ContentBlock::ToolResult {
                content, is_error, ..
            } => Some((
                content
                    .iter()
                    .map(|c| match c {
                        baton_protocol::ToolResultContent::Text { text } => text.clone(),
                        _ => String::new(),
                    })
                    .collect(),
                *is_error,
            )),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn tool_call_then_result_then_final_answer() {
    let mut harness = Harness::new();
    let script = json!({"price": {"input": 3.0, "output": 15.0}, "turns": [
        {"text": "Checking.", "tool_calls": [{"id": "c1", "name": "echo", "input": {"text": "pong"}}],
         "usage": {"input_tokens": 1000, "output_tokens": 100}},
        {"text": "The tool said pong.", "usage": {"input_tokens": 2000, "output_tokens": 200}}
    ]});
    let report = run(
        &agent(script, vec![echo()], AgentConfig::default()),
        &harness,
    )
    .await;
    assert_eq!(report.outcome, Outcome::Success);
    assert_eq!(report.answer, "The tool said pong.");
    assert_eq!((report.turns, report.tool_calls), (2, 1));
    assert_eq!(report.usage.input_tokens, 3000);
    assert!((report.cost.total_usd - (3000.0 * 3.0 + 300.0 * 15.0) / 1e6).abs() < 1e-12);

    let events = harness.drain();
    assert_eq!(
        kinds(&events),
        vec![
            "agent_spawned",
            "message_appended",
            "turn_started",
            "model_delta",
            "model_finished",
            "message_appended",
            "tool_call_started",
            "tool_call_finished",
            "message_appended",
            "turn_started",
            "model_delta",
            "model_finished",
            "message_appended",
            "agent_finished",
        ]
    );
    let finished = events.iter().find_map(|e| match e {
        Event::ToolCallFinished {
            call_id, output, ..
        } => Some((call_id.as_str().to_owned(), output.text_summary())),
        _ => None,
    });
    assert_eq!(finished, Some(("c1".into(), "pong".into())));
    // The transcript pairs the call with its result, in the right roles.
    let roles: Vec<Role> = report.messages.iter().map(|m| m.role).collect();
    assert_eq!(
        roles,
        vec![Role::User, Role::Assistant, Role::User, Role::Assistant]
    );
    assert_eq!(tool_results(&report), vec![("pong".to_owned(), false)]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_only_calls_in_one_turn_run_concurrently() {
    // Three calls meet at a barrier of three: run one at a time, the first
    // would wait alone and give up.
    let barrier = Arc::new(Barrier::new(3));
    let meet = tool("meet", true, move |_, _| {
        let barrier = barrier.clone();
        async move {
            match tokio::time::timeout(Duration::from_secs(10), barrier.wait()).await {
                Ok(_) => ToolOutput::text("met"),
                Err(_) => ToolOutput::error("nobody else came"),
            }
        }
    });
    let mut harness = Harness::new();
    let calls: Vec<Value> = (0..3)
        .map(|_| json!({"name": "meet", "input": {}}))
        .collect();
    let script = json!([{"tool_calls": calls}, {"text": "all met"}]);
    let report = run(&agent(script, vec![meet], AgentConfig::default()), &harness).await;
    assert_eq!(tool_results(&report), vec![("met".to_owned(), false); 3]);
    assert_eq!(report.outcome, Outcome::Success);
    harness.drain();
}

#[tokio::test]
async fn mutating_calls_run_one_at_a_time_in_order() {
    let log = Arc::new(Mutex::new(Vec::<String>::new()));
    let step = |name: &'static str, read_only: bool, log: Arc<Mutex<Vec<String>>>| {
        tool(name, read_only, move |input, _| {
            let log = log.clone();
            async move {
                let id = input["id"].as_str().unwrap_or("?").to_owned();
                log.lock().unwrap().push(format!("start {id}"));
                for _ in 0..20 {
                    tokio::task::yield_now().await;
                }
                log.lock().unwrap().push(format!("end {id}"));
                ToolOutput::text(id)
            }
        })
    };
    let tools = vec![
        step("write", false, log.clone()),
        step("look", true, log.clone()),
    ];
    let script = json!([{"tool_calls": [
        {"name": "look", "input": {"id": "r1"}},
        {"name": "look", "input": {"id": "r2"}},
        {"name": "write", "input": {"id": "w1"}},
        {"name": "write", "input": {"id": "w2"}},
        {"name": "look", "input": {"id": "r3"}}
    ]}, {"text": "done"}]);
    let config = AgentConfig {
        max_turns: 5,
        ..AgentConfig::default()
    };
    let harness = Harness::new();
    let report = run(&agent(script, tools, config), &harness).await;
    let ids: Vec<String> = tool_results(&report).into_iter().map(|(t, _)| t).collect();
    assert_eq!(
        ids,
        vec!["r1", "r2", "w1", "w2", "r3"],
        "results come back in call order"
    );
    let log = log.lock().unwrap().clone();
    let position = |entry: &str| log.iter().position(|e| e == entry).unwrap();
    // Both reads finish before the first write starts; writes never overlap;
    // the last read waits for the writes.
    assert!(
        position("end r1") < position("start w1") && position("end r2") < position("start w1"),
        "{log:?}"
    );
    assert_eq!(position("start w1") + 1, position("end w1"), "{log:?}");
    assert_eq!(position("start w2") + 1, position("end w2"), "{log:?}");
    assert!(position("end w2") < position("start r3"), "{log:?}");
}

#[tokio::test]
async fn tool_errors_go_back_to_the_model_and_the_run_continues() {
    let fail = tool("fail", true, |_, _| async {
        ToolOutput::error("disk on fire")
    });
    let crash = tool("crash", true, |_, _| async {
        if true {
            panic!("tool bug");
        }
        ToolOutput::text("unreachable")
    });
    let script = json!([
        {"tool_calls": [
            {"name": "fail", "input": {}},
            {"name": "nope", "input": {}},
            {"name": "echo", "arguments": "{\"text\": \"unterminated"},
            {"name": "echo", "input": [1, 2]},
            {"name": "crash", "input": {}}
        ]},
        {"text": "recovered"}
    ]);
    let mut harness = Harness::new();
    let report = run(
        &agent(script, vec![fail, echo(), crash], AgentConfig::default()),
        &harness,
    )
    .await;
    assert_eq!(report.outcome, Outcome::Success);
    assert_eq!(report.answer, "recovered");
    let results = tool_results(&report);
    assert_eq!(results.len(), 5);
    assert!(results.iter().all(|(_, is_error)| *is_error), "{results:?}");
    assert_eq!(results[0].0, "disk on fire");
    assert!(
        results[1].0.contains("no tool named `nope`") && results[1].0.contains("echo"),
        "{}",
        results[1].0
    );
    assert!(
        results[2].0.contains("not valid JSON") && results[2].0.contains("unterminated"),
        "{}",
        results[2].0
    );
    assert!(
        results[3].0.contains("must be a JSON object"),
        "{}",
        results[3].0
    );
    assert!(results[4].0.contains("crashed"), "{}", results[4].0);
    // Only calls that reached a tool are reported as started.
    let started = harness
        .drain()
        .iter()
        .filter(|e| matches!(e, Event::ToolCallStarted { .. }))
        .count();
    assert_eq!(started, 2);
}

#[tokio::test]
async fn max_turns_stops_the_run_with_paired_results() {
    let script = json!([{"text": "again", "tool_calls": [{"name": "echo", "input": {"text": "x"}}], "repeat": 10}]);
    let mut harness = Harness::new();
    let config = AgentConfig {
        max_turns: 3,
        ..AgentConfig::default()
    };
    let report = run(&agent(script, vec![echo()], config), &harness).await;
    assert_eq!(report.outcome, Outcome::BudgetExhausted);
    assert_eq!(report.turns, 3);
    assert_eq!(report.answer, "again");
    let events = harness.drain();
    assert!(events.contains(&Event::BudgetExceeded {
        budget: BudgetKind::Turns,
        limit: 3.0,
        used: 3.0
    }));
    assert_eq!(
        events
            .iter()
            .filter(|e| matches!(e, Event::TurnStarted { .. }))
            .count(),
        3
    );
    let uses = report.messages.iter().flat_map(|m| m.tool_uses()).count();
    assert_eq!(uses, tool_results(&report).len());
}

#[tokio::test]
async fn cancelling_during_a_model_call_ends_the_run_promptly() {
    let script = json!([{"text": "never", "latency_ms": 600000}]);
    let mut harness = Harness::new();
    let agent = agent(script, vec![echo()], AgentConfig::default());
    let cancel = CancellationToken::new();
    let run = agent.run(&harness.bus, "t", &cancel);
    let canceller = async {
        while let Some(envelope) = harness.events.recv().await {
            if matches!(envelope.event, Event::TurnStarted { .. }) {
                cancel.cancel();
                break;
            }
        }
    };
    let (report, ()) = tokio::time::timeout(Duration::from_secs(10), async {
        tokio::join!(run, canceller)
    })
    .await
    .expect("cancellation must end the run");
    assert_eq!(report.outcome, Outcome::Cancelled);
    let finished = harness.drain().into_iter().find_map(|e| match e {
        Event::AgentFinished { outcome, .. } => Some(outcome),
        _ => None,
    });
    assert_eq!(finished, Some(Outcome::Cancelled));
}

#[tokio::test]
async fn cancelling_during_a_tool_call_reaches_the_tool() {
    let block = tool("block", true, |_, ctx: ToolContext| async move {
        ctx.cancel.cancelled().await;
        ToolOutput::error("stopped by cancellation")
    });
    let script = json!([{"tool_calls": [{"name": "block", "input": {}}]}, {"text": "unreachable"}]);
    let mut harness = Harness::new();
    let agent = agent(script, vec![block], AgentConfig::default());
    let cancel = CancellationToken::new();
    let run = agent.run(&harness.bus, "t", &cancel);
    let canceller = async {
        while let Some(envelope) = harness.events.recv().await {
            if matches!(envelope.event, Event::ToolCallStarted { .. }) {
                cancel.cancel();
                break;
            }
        }
    };
    let (report, ()) = tokio::time::timeout(Duration::from_secs(10), async {
        tokio::join!(run, canceller)
    })
    .await
    .expect("cancellation must end the run");
    assert_eq!(report.outcome, Outcome::Cancelled);
    assert_eq!(report.turns, 1);
    let results = tool_results(&report);
    assert_eq!(results.len(), 1, "the interrupted call still has a result");
    assert!(results[0].1);
    harness.drain();
}

struct Scripted(Mutex<Vec<Approval>>);

#[async_trait]
impl Approver for Scripted {
    async fn approve(&self, _: &ApprovalRequest) -> Approval {
        self.0.lock().unwrap().remove(0)
    }
}

fn write_tool() -> Arc<dyn Tool> {
    tool("write", false, |_, _| async { ToolOutput::text("written") })
}

#[tokio::test]
async fn read_only_mode_refuses_mutating_tools() {
    let script = json!([{"tool_calls": [{"name": "write", "input": {}}, {"name": "echo", "input": {"text": "ok"}}]}, {"text": "done"}]);
    let mut harness = Harness::new();
    let policy = PermissionPolicy::new(
        PermissionMode::ReadOnly,
        Arc::new(Scripted(Mutex::new(vec![]))),
    );
    let agent = agent(script, vec![write_tool(), echo()], AgentConfig::default())
        .with_inspector(Arc::new(policy));
    let report = run(&agent, &harness).await;
    let results = tool_results(&report);
    assert!(
        results[0].1 && results[0].0.contains("read-only"),
        "{results:?}"
    );
    assert_eq!(results[1], ("ok".to_owned(), false));
    let events = harness.drain();
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::ToolCallDenied { tool, .. } if tool == "write"))
    );
    assert!(
        !events
            .iter()
            .any(|e| matches!(e, Event::ToolCallStarted { tool, .. } if tool == "write"))
    );
}

#[tokio::test]
async fn ask_mode_puts_mutating_calls_to_the_approver() {
    let script = json!([
        {"tool_calls": [{"name": "write", "input": {}}]},
        {"tool_calls": [{"name": "write", "input": {}}, {"name": "echo", "input": {"text": "free"}}]},
        {"tool_calls": [{"name": "write", "input": {}}]},
        {"text": "done"}
    ]);
    let answers = vec![Approval::Deny { reason: None }, Approval::ApproveTool];
    let approver = Arc::new(Scripted(Mutex::new(answers)));
    let policy = PermissionPolicy::new(PermissionMode::Ask, approver.clone());
    let mut harness = Harness::new();
    let agent = agent(script, vec![write_tool(), echo()], AgentConfig::default())
        .with_inspector(Arc::new(policy));
    let report = run(&agent, &harness).await;
    let results = tool_results(&report);
    assert!(
        results[0].1 && results[0].0.contains("did not approve"),
        "{results:?}"
    );
    assert_eq!(results[1], ("written".to_owned(), false));
    assert_eq!(
        results[2],
        ("free".to_owned(), false),
        "read-only calls need no approval"
    );
    assert_eq!(
        results[3],
        ("written".to_owned(), false),
        "approved for the session"
    );
    assert!(approver.0.lock().unwrap().is_empty());
    let events = harness.drain();
    let asked = events
        .iter()
        .filter(|e| matches!(e, Event::ApprovalRequested { .. }))
        .count();
    let resolved: Vec<bool> = events
        .iter()
        .filter_map(|e| match e {
            Event::ApprovalResolved { approved, .. } => Some(*approved),
            _ => None,
        })
        .collect();
    assert_eq!(asked, 2);
    assert_eq!(resolved, vec![false, true]);
}

#[tokio::test]
async fn provider_errors_fail_the_session_with_the_message() {
    let script = json!([{"error": {"status": 400, "message": "messages: roles must alternate"}}]);
    let mut harness = Harness::new();
    let agent = agent(script, vec![echo()], AgentConfig::default());
    let spec = SessionSpec {
        task: "t".into(),
        workspace: ".".into(),
        permission: PermissionMode::Auto,
        startup: vec![],
    };
    let report = run_session(&harness.bus, &spec, &agent, &CancellationToken::new()).await;
    assert_eq!(report.outcome, Outcome::Failure);
    let error = report.error.unwrap();
    assert!(
        error.contains("HTTP 400") && error.contains("roles must alternate"),
        "{error}"
    );
    let events = harness.drain();
    assert_eq!(events.first().map(Event::kind), Some("session_started"));
    assert!(matches!(
        events.last(),
        Some(Event::SessionFinished {
            outcome: Outcome::Failure,
            error: Some(_),
            ..
        })
    ));
}

#[tokio::test]
async fn transient_errors_are_retried_and_reported() {
    let script = json!([{"error": {"status": 529, "message": "Overloaded"}}, {"text": "fine"}]);
    let mut harness = Harness::new();
    let report = run(
        &agent(script, vec![echo()], AgentConfig::default()),
        &harness,
    )
    .await;
    assert_eq!(report.outcome, Outcome::Success);
    let events = harness.drain();
    assert!(events.iter().any(
        |e| matches!(e, Event::ModelRetry { attempt: 1, reason, .. } if reason.contains("529"))
    ));
}

#[tokio::test]
async fn session_totals_match_the_sum_of_model_calls() {
    let script = json!({"price": {"input": 1.0, "output": 2.0, "cache_read": 0.1}, "turns": [
        {"tool_calls": [{"name": "echo", "input": {"text": "a"}}], "usage": {"input_tokens": 10, "output_tokens": 5, "cache_read_tokens": 100}},
        {"tool_calls": [{"name": "echo", "input": {"text": "b"}}], "usage": {"input_tokens": 20, "output_tokens": 6}},
        {"text": "ok", "usage": {"input_tokens": 30, "output_tokens": 7}}
    ]});
    let mut harness = Harness::new();
    let agent = agent(script, vec![echo()], AgentConfig::default());
    let spec = SessionSpec {
        task: "t".into(),
        workspace: ".".into(),
        permission: PermissionMode::Auto,
        startup: vec![],
    };
    let report = run_session(&harness.bus, &spec, &agent, &CancellationToken::new()).await;
    let events = harness.drain();
    let (mut usage, mut cost) = (baton_protocol::Usage::default(), 0.0);
    for event in &events {
        if let Event::ModelFinished {
            usage: u, cost: c, ..
        } = event
        {
            usage += *u;
            cost += c.total_usd;
        }
    }
    assert_eq!(report.totals.usage, usage);
    assert_eq!(usage.input_tokens, 60);
    assert!((report.totals.cost.total_usd - cost).abs() < 1e-12);
    assert!((cost - (60.0 * 1.0 + 18.0 * 2.0 + 100.0 * 0.1) / 1e6).abs() < 1e-12);
    assert_eq!((report.totals.turns, report.totals.tool_calls), (3, 2));
    match events.last() {
        Some(Event::SessionFinished {
            totals,
            outcome: Outcome::Success,
            ..
        }) => assert_eq!(*totals, report.totals),
        other => panic!("last event: {other:?}"),
    }
}

#[tokio::test]
async fn tool_progress_becomes_events() {
    let steps = tool("steps", true, |_, ctx: ToolContext| async move {
        for i in 1..=3 {
            ctx.report_progress(f64::from(i), Some(3.0), Some(format!("step {i}")));
        }
        ToolOutput::text("done")
    });
    let script =
        json!([{"tool_calls": [{"id": "p1", "name": "steps", "input": {}}]}, {"text": "ok"}]);
    let mut harness = Harness::new();
    run(
        &agent(script, vec![steps], AgentConfig::default()),
        &harness,
    )
    .await;
    let progress: Vec<(String, f64, Option<String>)> = harness
        .drain()
        .into_iter()
        .filter_map(|e| match e {
            Event::ToolProgress {
                call_id,
                progress,
                total: Some(3.0),
                message,
            } => Some((call_id.as_str().to_owned(), progress, message)),
            _ => None,
        })
        .collect();
    assert_eq!(
        progress,
        vec![
            ("p1".to_owned(), 1.0, Some("step 1".to_owned())),
            ("p1".to_owned(), 2.0, Some("step 2".to_owned())),
            ("p1".to_owned(), 3.0, Some("step 3".to_owned())),
        ]
    );
}

/// A toolbox whose list grows when its `grow` tool is called, like an MCP
/// server sending `tools/list_changed`.
struct Growing {
    inner: Mutex<ToolRegistry>,
    generation: std::sync::atomic::AtomicU64,
}

#[async_trait]
impl baton_tools::Toolbox for Growing {
    fn specs(&self) -> Vec<ToolSpec> {
        self.inner.lock().unwrap().specs()
    }
    fn generation(&self) -> u64 {
        self.generation.load(std::sync::atomic::Ordering::SeqCst)
    }
    fn spec(&self, name: &str) -> Option<ToolSpec> {
        self.inner.lock().unwrap().spec(name)
    }
    async fn call(&self, name: &str, _: Value, _: ToolContext) -> ToolOutput {
        if name == "grow" {
            self.inner.lock().unwrap().register(echo());
            self.generation
                .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
        ToolOutput::text("grown")
    }
}

/// Records the tool names each request offered.
struct Recording {
    inner: ScriptedClient,
    seen: Arc<Mutex<Vec<Vec<String>>>>,
}

impl baton_models::ModelClient for Recording {
    fn info(&self) -> &baton_models::ModelInfo {
        self.inner.info()
    }
    fn stream(&self, request: baton_models::ModelRequest) -> baton_models::ModelStream {
        self.seen
            .lock()
            .unwrap()
            .push(request.tools.iter().map(|t| t.name.clone()).collect());
        self.inner.stream(request)
    }
}

#[tokio::test]
async fn a_changed_tool_list_reaches_the_next_request() {
    let mut registry = ToolRegistry::new();
    registry.register(tool("grow", false, |_, _| async {
        ToolOutput::text("unused")
    }));
    let toolbox = Arc::new(Growing {
        inner: Mutex::new(registry),
        generation: 0.into(),
    });
    let script = json!([
        {"tool_calls": [{"name": "grow", "input": {}}]},
        {"tool_calls": [{"name": "echo", "input": {"text": "new tool"}}]},
        {"text": "done"}
    ]);
    let seen = Arc::new(Mutex::new(Vec::new()));
    let model = Recording {
        inner: ScriptedClient::parse(
            &script.to_string(),
            Path::new("inline.json"),
            "scripted:test",
        )
        .unwrap(),
        seen: seen.clone(),
    };
    let agent = Agent::new(
        AgentId::new("root"),
        Arc::new(model),
        toolbox,
        AgentConfig::default(),
    );
    let harness = Harness::new();
    let report = run(&agent, &harness).await;
    assert_eq!(report.outcome, Outcome::Success);
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen[0], vec!["grow"]);
    assert_eq!(
        seen[1],
        vec!["grow", "echo"],
        "the second request offers the new tool"
    );
}

fn priced(turn: Value) -> Value {
    // $15 / $75 per million tokens, like a strong model.
    json!({"price": {"input": 15.0, "output": 75.0}, "turns": [turn]})
}

#[tokio::test]
async fn a_money_budget_refuses_the_call_that_could_cross_it() {
    let script = priced(json!({
        "text": "again",
        "tool_calls": [{"name": "echo", "input": {"text": "x"}}],
        "usage": {"input_tokens": 10000, "output_tokens": 1000},
        "repeat": 10
    }));
    let mut harness = Harness::new();
    let config = AgentConfig {
        max_tokens: Some(1000),
        ..AgentConfig::default()
    };
    let budget = Budget::root(Limits {
        usd: Some(0.6),
        ..Limits::default()
    });
    let agent = agent(script, vec![echo()], config).with_budget(budget.clone());
    let report = run(&agent, &harness).await;
    assert_eq!(report.outcome, Outcome::BudgetExhausted);
    // Each call costs $0.225; the third one's worst case ($0.24 on top of
    // $0.45 spent) could cross $0.60, so it is never made.
    assert!(
        (report.cost.total_usd - 0.45).abs() < 1e-9,
        "{}",
        report.cost.total_usd
    );
    assert!((budget.spent().usd - 0.45).abs() < 1e-9);
    let events = harness.drain();
    let exceeded = events.iter().find_map(|e| match e {
        Event::BudgetExceeded {
            budget: BudgetKind::Usd,
            limit,
            used,
        } => Some((*limit, *used)),
        _ => None,
    });
    let (limit, used) = exceeded.expect("a budget_exceeded event");
    assert_eq!(limit, 0.6);
    assert!(used > 0.6, "{used}");
    let calls = events
        .iter()
        .filter(|e| matches!(e, Event::ModelFinished { .. }))
        .count();
    assert_eq!(calls, 2);
    let uses = report.messages.iter().flat_map(|m| m.tool_uses()).count();
    assert_eq!(uses, tool_results(&report).len());
}

#[tokio::test]
async fn a_call_whose_full_output_could_overrun_gets_a_smaller_cap_instead() {
    // Without a cap of our own the scripted model allows a long answer
    // whose worst case alone is past $0.05; the call is still made, with
    // an output cap that fits.
    let script =
        priced(json!({"text": "done", "usage": {"input_tokens": 100, "output_tokens": 10}}));
    let mut harness = Harness::new();
    let budget = Budget::root(Limits {
        usd: Some(0.05),
        ..Limits::default()
    });
    let agent = agent(script, vec![], AgentConfig::default()).with_budget(budget);
    let report = run(&agent, &harness).await;
    assert_eq!(report.outcome, Outcome::Success, "{:?}", harness.drain());
    assert_eq!(report.answer, "done");
}

#[tokio::test]
async fn a_wall_time_budget_stops_a_call_in_flight() {
    let script = priced(json!({"text": "never", "latency_ms": 600000}));
    let mut harness = Harness::new();
    let budget = Budget::root(Limits {
        wall_ms: Some(300),
        ..Limits::default()
    });
    let agent = agent(script, vec![echo()], AgentConfig::default()).with_budget(budget);
    let report = run(&agent, &harness).await;
    assert_eq!(report.outcome, Outcome::BudgetExhausted);
    assert!(harness.drain().iter().any(|e| matches!(
        e,
        Event::BudgetExceeded {
            budget: BudgetKind::WallTimeMs,
            ..
        }
    )));
}
