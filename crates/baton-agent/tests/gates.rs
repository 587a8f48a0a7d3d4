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
    async fn begin(&self) {
        self.began.fetch_add(1, Ordering::SeqCst);
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
