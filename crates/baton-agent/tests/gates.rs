//! Completion gates: an agent that says it is done is sent back with the
//! gate's feedback, and fails once its attempts run out.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use async_trait::async_trait;
use baton_agent::{Agent, AgentConfig, EventBus, Gate, GateContext, GateVerdict};
use baton_models::scripted::ScriptedClient;
use baton_protocol::{AgentId, Outcome, SessionId};
use baton_tools::ToolRegistry;
use serde_json::json;
use tokio_util::sync::CancellationToken;

/// Rejects until it has seen `pass_on` attempts, recording what it saw.
struct Picky {
    pass_on: u32,
    seen: AtomicU32,
    began: AtomicU32,
}

#[async_trait]
impl Gate for Picky {
    fn name(&self) -> &str {
        "picky"
    }
    async fn begin(&self) -> Option<String> {
        self.began.fetch_add(1, Ordering::SeqCst);
        None
    }
    async fn check(&self, cx: &GateContext<'_>) -> GateVerdict {
        let seen = self.seen.fetch_add(1, Ordering::SeqCst) + 1;
        assert_eq!(cx.attempt, seen, "attempts count from 1");
        assert_eq!(cx.task, "fix it");
        if cx.attempt >= self.pass_on {
            GateVerdict::Pass
        } else {
            GateVerdict::Reject {
                feedback: format!("not yet (attempt {})", cx.attempt),
                reason: format!("answer {:?} not accepted", cx.answer),
            }
        }
    }
}

fn agent(gate: Arc<Picky>, attempts: u32) -> Agent {
    let script = json!({"cursor": "conversation", "turns": [
        {"text": "done 1"}, {"text": "done 2"}, {"text": "done 3"}, {"text": "done 4"}]});
    let model = ScriptedClient::parse(&script.to_string(), Path::new("s.json"), "s").unwrap();
    let config = AgentConfig {
        gate_attempts: attempts,
        ..AgentConfig::default()
    };
    Agent::new(
        AgentId::new("root"),
        Arc::new(model),
        Arc::new(ToolRegistry::new()),
        config,
    )
    .with_gate(gate)
}

fn picky(pass_on: u32) -> Arc<Picky> {
    Arc::new(Picky {
        pass_on,
        seen: AtomicU32::new(0),
        began: AtomicU32::new(0),
    })
}

#[tokio::test]
async fn a_rejected_answer_gets_the_feedback_and_another_attempt() {
    let gate = picky(3);
    let bus = EventBus::new(SessionId::new("s"));
    let report = agent(gate.clone(), 2)
        .run(&bus, "fix it", &CancellationToken::new())
        .await;
    assert_eq!(report.outcome, Outcome::Success, "{:?}", report.error);
    assert_eq!(report.answer, "done 3");
    assert_eq!(gate.seen.load(Ordering::SeqCst), 3);
    assert_eq!(gate.began.load(Ordering::SeqCst), 1);
    // The feedback went to the model as a user message after each answer.
    let texts: Vec<String> = report.messages.iter().map(|m| m.text()).collect();
    assert_eq!(
        texts,
        [
            "fix it",
            "done 1",
            "not yet (attempt 1)",
            "done 2",
            "not yet (attempt 2)",
            "done 3"
        ]
    );
}

#[tokio::test]
async fn out_of_attempts_the_agent_fails_with_the_gates_reason() {
    let gate = picky(10);
    let bus = EventBus::new(SessionId::new("s"));
    let report = agent(gate.clone(), 1)
        .run(&bus, "fix it", &CancellationToken::new())
        .await;
    assert_eq!(report.outcome, Outcome::Failure);
    let error = report.error.unwrap();
    assert!(
        error.contains("picky gate rejected the work 2 times"),
        "{error}"
    );
    assert!(error.contains("done 2"), "{error}");
    assert_eq!(gate.seen.load(Ordering::SeqCst), 2);
}

mod critique {
    use super::*;
    use baton_agent::{CritiqueGate, CritiqueSettings};
    use baton_constitution::Constitution;
    use baton_protocol::{Envelope, Event};

    fn run_with(
        turns: serde_json::Value,
        rounds: u32,
    ) -> (baton_agent::AgentReport, Vec<Envelope>) {
        let model = Arc::new(
            ScriptedClient::parse(
                &json!({"price": {"input": 1.0, "output": 2.0}, "turns": turns}).to_string(),
                Path::new("s.json"),
                "s",
            )
            .unwrap(),
        );
        let settings = CritiqueSettings {
            constitution: Arc::new(Constitution::builtin().unwrap()),
            rounds,
            seed: 7,
        };
        let agent = Agent::new(
            AgentId::new("root"),
            model.clone(),
            Arc::new(ToolRegistry::new()),
            AgentConfig::default(),
        )
        .with_gate(Arc::new(CritiqueGate::new(model, settings)));
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let bus = EventBus::new(SessionId::new("s"));
            let mut events = bus.channel();
            let report = agent
                .run(&bus, "Explain what a mutex is.", &CancellationToken::new())
                .await;
            let mut seen = Vec::new();
            while let Ok(e) = events.try_recv() {
                seen.push(e);
            }
            (report, seen)
        })
    }

    #[test]
    fn a_critique_leads_to_a_revision_and_stops_when_nothing_is_left() {
        let (report, events) = run_with(
            json!([
                {"text": "A lock."},
                {"text": "Too terse: it does not say what the lock protects or why."},
                {"text": "A mutex is a lock that lets one thread at a time use shared data."},
                {"text": "NO ISSUES"},
                {"text": "never reached"}
            ]),
            3,
        );
        assert_eq!(report.outcome, Outcome::Success, "{:?}", report.error);
        assert_eq!(
            report.answer,
            "A mutex is a lock that lets one thread at a time use shared data."
        );
        let gate_events: Vec<String> = events
            .iter()
            .filter_map(|e| match &e.event {
                Event::Critique {
                    found_nothing,
                    principle,
                    ..
                } => Some(format!(
                    "critique {found_nothing} {}",
                    !principle.is_empty()
                )),
                Event::Revision { text } => Some(format!("revision {text}")),
                _ => None,
            })
            .collect();
        assert_eq!(
            gate_events,
            [
                "critique false true",
                "revision A mutex is a lock that lets one thread at a time use shared data.",
                "critique true true"
            ]
        );
        // The critiques' model calls are the agent's: 4 calls in all.
        assert_eq!(report.turns, 2);
        let calls = events
            .iter()
            .filter(|e| matches!(e.event, Event::ModelFinished { .. }))
            .count();
        assert_eq!(calls, 4);
        assert!(report.cost.total_usd > 0.0);
        let all: u64 = events
            .iter()
            .filter_map(|e| match &e.event {
                Event::ModelFinished { usage, .. } => Some(usage.total_tokens()),
                _ => None,
            })
            .sum();
        assert_eq!(report.usage.total_tokens(), all);
    }

    #[test]
    fn rounds_bound_the_critiques() {
        let (report, events) = run_with(
            json!([
                {"text": "v1"}, {"text": "Needs more."},
                {"text": "v2"}, {"text": "Still needs more."},
                {"text": "v3"}
            ]),
            2,
        );
        assert_eq!(report.outcome, Outcome::Success);
        assert_eq!(report.answer, "v3");
        let critiques = events
            .iter()
            .filter(|e| matches!(e.event, Event::Critique { .. }))
            .count();
        assert_eq!(critiques, 2);
    }
}
