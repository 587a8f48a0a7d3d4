//! Resuming a session after a crash at every point of its event log.
//!
//! A full run of a small delegation tree records its events; then, for each
//! prefix of that log (a crash right after event k, with everything before
//! it durable), a fresh tree resumes from the prefix. Side effects go to a
//! shared "file"; the test checks each happened exactly once, that calls
//! completed before the crash never ran again, that the final answer is
//! reached, and that the totals match the model calls the log records.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use baton_agent::{
    Agent, AgentConfig, Budget, Choice, Delegation, Delegator, EventBus, LiveLog, ModelChooser,
    RoleDef, Roles, SessionLog, SessionSpec, Subscriber, WithDelegate, resume_session, run_session,
};
use baton_models::ModelClient;
use baton_models::scripted::ScriptedClient;
use baton_protocol::{
    AgentId, Envelope, Event, Outcome, PermissionMode, SessionId, ToolAnnotations, ToolOutput,
    ToolSpec, Usage,
};
use baton_tools::{Tool, ToolContext, ToolRegistry};
use common::drain;
use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;

fn scripted(name: &str, script: &Value) -> Arc<dyn ModelClient> {
    Arc::new(ScriptedClient::parse(&script.to_string(), Path::new("inline.json"), name).unwrap())
}

fn strong() -> Value {
    json!({"cursor": "conversation", "price": {"input": 3.0, "output": 15.0}, "turns": [
        {"tool_calls": [
            {"name": "delegate", "input": {"task": "alpha", "role": "worker"}},
            {"name": "delegate", "input": {"task": "beta", "role": "worker"}}]},
        {"tool_calls": [{"name": "charge", "input": {"line": "root-charge"}}]},
        {"text": "done"},
        {"text": "follow-up done"}]})
}

fn cheap() -> Value {
    json!({"cursor": "conversation", "price": {"input": 0.25, "output": 1.25}, "turns": [
        {"tool_calls": [{"name": "record", "input": {"line": "{{task}}-1"}}]},
        {"tool_calls": [{"name": "record", "input": {"line": "{{task}}-2"}}]},
        {"text": "{{task}} ok"}]})
}

/// The world the tools change: lines written, and every execution.
#[derive(Default)]
struct World {
    lines: Vec<String>,
    executions: Vec<String>,
}

/// `record` is idempotent (it writes its line once, however often it
/// runs); `charge` is not (each run charges again).
struct SideEffect {
    spec: ToolSpec,
    world: Arc<Mutex<World>>,
}

#[async_trait]
impl Tool for SideEffect {
    fn spec(&self) -> &ToolSpec {
        &self.spec
    }
    async fn call(&self, input: Value, _ctx: ToolContext) -> ToolOutput {
        let line = input["line"].as_str().unwrap_or_default().to_owned();
        let mut world = self.world.lock().unwrap();
        world.executions.push(line.clone());
        if self.spec.name == "charge" || !world.lines.contains(&line) {
            world.lines.push(line.clone());
        }
        ToolOutput::text(format!("wrote {line}"))
    }
}

fn side_effect(name: &str, idempotent: bool, world: &Arc<Mutex<World>>) -> Arc<dyn Tool> {
    Arc::new(SideEffect {
        spec: ToolSpec {
            name: name.into(),
            description: "Writes a line.".into(),
            input_schema: json!({"type": "object"}),
            output_schema: None,
            annotations: ToolAnnotations::mutating(false, idempotent),
        },
        world: world.clone(),
    })
}

struct Cheap;

impl ModelChooser for Cheap {
    fn choose(&self, _role: &RoleDef, _task: &str, _hint: Option<&str>) -> Result<Choice, String> {
        Ok(Choice {
            model: scripted("cheap", &cheap()),
            reason: "cheapest".into(),
        })
    }
    fn by_name(&self, name: &str) -> Option<Arc<dyn ModelClient>> {
        (name == "cheap").then(|| scripted("cheap", &cheap()))
    }
}

fn tree(bus: &EventBus, world: &Arc<Mutex<World>>, log: Option<Arc<SessionLog>>) -> Agent {
    let mut registry = ToolRegistry::new();
    registry.register(side_effect("record", true, world));
    registry.register(side_effect("charge", false, world));
    let tools: Arc<dyn baton_tools::Toolbox> = Arc::new(registry);
    let settings = Delegation {
        roles: Arc::new(Roles::builtin()),
        chooser: Arc::new(Cheap),
        tools: tools.clone(),
        bus: bus.clone(),
        base_prompt: String::new(),
        max_parallel: 4,
        max_depth: 2,
        inspectors: Vec::new(),
        max_summary_chars: 2000,
        max_attempts: 1,
        resume: log,
        memory: None,
        compaction: None,
        verify: None,
        gate_attempts: 2,
        critique: None,
    };
    let root = AgentId::new("root");
    let budget = Budget::unlimited();
    let tools = Arc::new(WithDelegate::new(
        tools,
        Delegator::new(settings, root.clone(), budget.clone(), 0),
    ));
    let config = AgentConfig {
        role: "orchestrator".into(),
        ..AgentConfig::default()
    };
    Agent::new(root, scripted("strong", &strong()), tools, config).with_budget(budget)
}

fn spec() -> SessionSpec {
    SessionSpec {
        task: "write the lines".into(),
        workspace: "/tmp/w".into(),
        permission: PermissionMode::Auto,
        startup: Vec::new(),
    }
}

/// (agent, tool, line) for each call the log shows started, with the seq
/// it started and finished at.
fn calls(events: &[Envelope]) -> Vec<(String, u64, Option<u64>)> {
    let mut started: HashMap<(String, String), (String, u64)> = HashMap::new();
    let mut out = Vec::new();
    for e in events {
        match &e.event {
            Event::ToolCallStarted {
                call_id,
                tool,
                input,
            } if tool != "delegate" => {
                let line = input["line"].as_str().unwrap().to_owned();
                started.insert(
                    (e.agent.as_str().into(), call_id.as_str().into()),
                    (line, e.seq),
                );
            }
            Event::ToolCallFinished { call_id, tool, .. } if tool != "delegate" => {
                let key = (e.agent.as_str().to_owned(), call_id.as_str().to_owned());
                let (line, at) = started.remove(&key).unwrap();
                out.push((line, at, Some(e.seq)));
            }
            _ => {}
        }
    }
    out.extend(started.into_values().map(|(line, at)| (line, at, None)));
    out
}

#[tokio::test]
async fn a_crash_after_any_event_resumes_with_every_side_effect_once() {
    let world = Arc::new(Mutex::new(World::default()));
    let bus = EventBus::new(SessionId::new("s"));
    let mut events = bus.channel();
    let report = run_session(
        &bus,
        &spec(),
        &tree(&bus, &world, None),
        &CancellationToken::new(),
    )
    .await;
    assert_eq!(report.outcome, Outcome::Success);
    let full = drain(&mut events);
    let expected = ["alpha-1", "alpha-2", "beta-1", "beta-2", "root-charge"];
    let mut lines = world.lock().unwrap().lines.clone();
    lines.sort();
    assert_eq!(lines, expected);
    let all_calls = calls(&full);
    assert_eq!(all_calls.len(), 5);

    let mut resumed_with_rerun = 0;
    let mut resumed_with_interrupt = 0;
    for crash_after in 1..full.len() {
        let prefix = &full[..crash_after];
        // What had happened when the process died: every call that
        // finished, and (the harder case) every call in flight too.
        let world = Arc::new(Mutex::new(World::default()));
        let mut in_flight = Vec::new();
        for (line, started, finished) in &all_calls {
            let cut = crash_after as u64;
            if *started < cut {
                let mut w = world.lock().unwrap();
                w.lines.push(line.clone());
                w.executions.push(line.clone());
                if finished.is_none_or(|f| f >= cut) {
                    in_flight.push(line.clone());
                }
            }
        }
        let Ok(log) = SessionLog::from_events(prefix.iter().cloned()) else {
            continue; // died before the root agent started: nothing to resume
        };
        let log = Arc::new(log);
        let bus = EventBus::resume(SessionId::new("s"), log.next_seq);
        let mut new_events = bus.channel();
        let agent = tree(&bus, &world, Some(log.clone()));
        let report = resume_session(&bus, &spec(), &agent, &log, None, &CancellationToken::new())
            .await
            .unwrap();
        let after = drain(&mut new_events);
        let at = format!(
            "crash after event {crash_after} ({})",
            prefix[crash_after - 1].event.kind()
        );

        assert_eq!(report.outcome, Outcome::Success, "{at}");
        assert_eq!(report.agent.answer, "done", "{at}");
        let world = world.lock().unwrap();
        let mut lines = world.lines.clone();
        lines.sort();
        assert_eq!(lines, expected, "{at}: every side effect exactly once");
        for line in expected {
            let runs = world.executions.iter().filter(|l| *l == line).count();
            let limit = if in_flight.iter().any(|l| l == line) && line != "root-charge" {
                2
            } else {
                1
            };
            assert!(runs <= limit, "{at}: `{line}` ran {runs} times");
        }
        for e in &after {
            if let Event::AgentResumed {
                rerun, interrupted, ..
            } = &e.event
            {
                resumed_with_rerun += usize::from(!rerun.is_empty());
                resumed_with_interrupt += usize::from(!interrupted.is_empty());
            }
        }
        // Seqs carry on, and the totals count every model call of both runs.
        assert_eq!(after[0].seq, log.next_seq, "{at}");
        let mut usage = Usage::default();
        let mut turns = 0;
        let mut tool_calls = 0;
        for e in prefix.iter().chain(&after) {
            match &e.event {
                Event::ModelFinished { usage: u, .. } => {
                    usage += *u;
                    turns += 1;
                }
                Event::ToolCallFinished { .. } => tool_calls += 1,
                _ => {}
            }
        }
        assert_eq!(report.totals.usage, usage, "{at}");
        assert_eq!(report.totals.turns, turns, "{at}");
        assert_eq!(report.totals.tool_calls, tool_calls, "{at}");
    }
    // The interesting cases really happened.
    assert!(resumed_with_rerun > 0);
    assert!(resumed_with_interrupt > 0);
}

/// What a chat does between messages: the log kept live from the bus
/// continues the session in the same process, with no trip to the store.
#[tokio::test]
async fn a_live_log_matches_the_record_and_carries_a_conversation_on() {
    let world = Arc::new(Mutex::new(World::default()));
    let bus = EventBus::new(SessionId::new("s"));
    let mut events = bus.channel();
    let live = Arc::new(LiveLog::new(None));
    bus.subscribe(live.clone());
    let cancel = CancellationToken::new();
    let first = run_session(&bus, &spec(), &tree(&bus, &world, None), &cancel).await;
    assert_eq!(first.outcome, Outcome::Success);
    assert!(live.started() && !LiveLog::new(None).started());
    let log = Arc::new(live.snapshot().unwrap());
    assert_eq!(log.finished, Some(Outcome::Success));
    let agent = tree(&bus, &world, Some(log.clone()));
    let second = resume_session(&bus, &spec(), &agent, &log, Some("once more"), &cancel)
        .await
        .unwrap();
    assert_eq!(second.outcome, Outcome::Success);
    assert_eq!(second.agent.answer, "follow-up done");
    let all = drain(&mut events);

    // One record with no gap, and no side effect repeated by the follow-up.
    for (at, e) in all.iter().enumerate() {
        assert_eq!(e.seq, at as u64);
    }
    let mut lines = world.lock().unwrap().lines.clone();
    lines.sort();
    assert_eq!(
        lines,
        ["alpha-1", "alpha-2", "beta-1", "beta-2", "root-charge"]
    );
    // The totals count the model calls of both runs, each once.
    let model_calls = all
        .iter()
        .filter(|e| matches!(e.event, Event::ModelFinished { .. }))
        .count();
    assert_eq!(second.totals.turns as usize, model_calls);
    assert!(second.totals.turns > first.totals.turns);

    // Kept one event at a time, the live log is the log folded from the
    // record at every point.
    let fresh = LiveLog::new(None);
    let agents: Vec<AgentId> = all
        .iter()
        .filter(|e| matches!(e.event, Event::AgentSpawned { .. }))
        .map(|e| e.agent.clone())
        .collect();
    assert_eq!(agents.len(), 3);
    for k in 1..=all.len() {
        fresh.on_event(&all[k - 1]);
        let folded = SessionLog::from_events(all[..k].iter().cloned());
        let kept = fresh.snapshot();
        let (folded, kept) = match (folded, kept) {
            (Ok(folded), Ok(kept)) => (folded, kept),
            (Err(_), Err(_)) => continue,
            (folded, kept) => panic!("after {k} events: {folded:?} vs {kept:?}"),
        };
        assert_eq!(kept.next_seq, folded.next_seq, "after {k}");
        assert_eq!(kept.wall_ms(), folded.wall_ms(), "after {k}");
        assert_eq!(kept.finished, folded.finished, "after {k}");
        assert_eq!(kept.delegated_totals(), folded.delegated_totals());
        for id in &agents {
            match (kept.agent(id), folded.agent(id)) {
                (Some(a), Some(b)) => {
                    assert_eq!(a.messages, b.messages, "{id} after {k}");
                    assert_eq!((a.usage, a.turns), (b.usage, b.turns), "{id} after {k}");
                    assert_eq!(a.tool_calls, b.tool_calls, "{id} after {k}");
                    assert_eq!(a.finished, b.finished, "{id} after {k}");
                    assert_eq!(a.calls.len(), b.calls.len(), "{id} after {k}");
                }
                (None, None) => {}
                _ => panic!("{id} after {k}: only one log has it"),
            }
        }
    }
    assert_eq!(fresh.snapshot().unwrap().next_seq, all.len() as u64);
}
