//! Builders for the sessions the tests record.
#![allow(dead_code)]

use baton_protocol::{
    AgentId, Cost, Envelope, Event, Outcome, PermissionMode, SessionId, Totals, Usage,
};

/// Hands out envelopes for one session with consecutive seqs and times.
pub struct Script {
    pub session: SessionId,
    pub seq: u64,
    pub ts_ms: u64,
}

impl Script {
    pub fn new(session: &str, ts_ms: u64) -> Self {
        Self {
            session: SessionId::new(session),
            seq: 0,
            ts_ms,
        }
    }

    /// Continues a session whose first free seq is `seq`.
    pub fn resume(session: &str, seq: u64, ts_ms: u64) -> Self {
        Self {
            session: SessionId::new(session),
            seq,
            ts_ms,
        }
    }

    pub fn next(&mut self, agent: &str, parent: Option<&str>, event: Event) -> Envelope {
        let envelope = Envelope {
            seq: self.seq,
            ts_ms: self.ts_ms,
            session: self.session.clone(),
            agent: AgentId::new(agent),
            parent: parent.map(AgentId::new),
            event,
        };
        self.seq += 1;
        self.ts_ms += 10;
        envelope
    }

    pub fn root(&mut self, event: Event) -> Envelope {
        self.next("root", None, event)
    }
}

pub fn started(task: &str) -> Event {
    Event::SessionStarted {
        task: task.to_owned(),
        model: "test/model".to_owned(),
        workspace: "/work/space".to_owned(),
        permission: PermissionMode::Auto,
        version: "0.1.0".to_owned(),
    }
}

pub fn resumed(follow_up: &str) -> Event {
    Event::SessionResumed {
        follow_up: Some(follow_up.to_owned()),
        version: "0.1.0".to_owned(),
    }
}

pub fn spawned(role: &str, model: &str) -> Event {
    Event::AgentSpawned {
        role: role.to_owned(),
        model: model.to_owned(),
        reason: None,
        call_id: None,
        task: None,
    }
}

pub fn delta(text: &str) -> Event {
    Event::ModelDelta {
        text: text.to_owned(),
    }
}

pub fn agent_finished(outcome: Outcome) -> Event {
    Event::AgentFinished {
        outcome,
        report: "done".to_owned(),
        usage: Usage::default(),
        cost: Cost::default(),
        turns: 1,
    }
}

pub fn totals(tokens: u64, usd: f64, turns: u32, tool_calls: u32) -> Totals {
    Totals {
        usage: Usage {
            input_tokens: tokens / 2,
            output_tokens: tokens - tokens / 2,
            ..Usage::default()
        },
        cost: Cost::from_parts(usd, 0.0, 0.0, 0.0),
        turns,
        tool_calls,
        wall_ms: 1234,
        delegated_usd: 0.0,
    }
}

pub fn finished(outcome: Outcome, totals: Totals) -> Event {
    Event::SessionFinished {
        outcome,
        totals,
        error: None,
    }
}

/// A whole small session: started, root spawned, some deltas, finished.
pub fn whole_session(id: &str, ts_ms: u64, deltas: usize, delta_text: &str) -> Vec<Envelope> {
    let mut s = Script::new(id, ts_ms);
    let mut events = vec![s.root(started(id)), s.root(spawned("root", "test/model"))];
    for _ in 0..deltas {
        events.push(s.root(delta(delta_text)));
    }
    events.push(s.root(agent_finished(Outcome::Success)));
    events.push(s.root(finished(Outcome::Success, totals(10, 0.01, 1, 0))));
    events
}
