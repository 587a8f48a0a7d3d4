#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use baton_protocol::{Cost, StopReason, ToolOutput};
use serde_json::json;

use super::*;

/// Builds a session's events with increasing seq.
struct Stream {
    events: Vec<Envelope>,
}

impl Stream {
    fn new() -> Self {
        Self { events: Vec::new() }
    }

    fn at(&mut self, ts_ms: u64, agent: &str, event: Event) -> &mut Self {
        let parent = agent.rsplit_once('.').map(|(p, _)| AgentId::new(p));
        self.events.push(Envelope {
            seq: self.events.len() as u64,
            ts_ms,
            session: SessionId::new("s1"),
            agent: AgentId::new(agent),
            parent,
            event,
        });
        self
    }

    fn spawn(&mut self, ts: u64, agent: &str, role: &str, model: &str, task: &str) -> &mut Self {
        let delegated = agent.contains('.');
        self.at(
            ts,
            agent,
            Event::AgentSpawned {
                role: role.into(),
                model: model.into(),
                reason: delegated.then(|| "cascade: the cheapest".into()),
                call_id: delegated.then(|| ToolCallId::new("call_1")),
                task: Some(task.into()),
            },
        )
    }

    fn model(
        &mut self,
        ts: u64,
        agent: &str,
        input: u64,
        cached: u64,
        output: u64,
        usd: f64,
    ) -> &mut Self {
        self.at(ts, agent, Event::TurnStarted { turn: 1 });
        self.at(
            ts,
            agent,
            Event::ModelFinished {
                model: "scripted".into(),
                stop_reason: StopReason::EndTurn,
                usage: Usage {
                    input_tokens: input,
                    output_tokens: output,
                    cache_read_tokens: cached,
                    cache_write_tokens: 0,
                },
                cost: Cost::from_parts(usd, 0.0, 0.0, 0.0),
                latency_ms: 100,
                first_token_ms: None,
            },
        )
    }

    fn tool(
        &mut self,
        ts: u64,
        agent: &str,
        id: &str,
        tool: &str,
        ms: u64,
        error: bool,
    ) -> &mut Self {
        self.at(
            ts,
            agent,
            Event::ToolCallStarted {
                call_id: ToolCallId::new(id),
                tool: tool.into(),
                input: json!({}),
            },
        );
        let mut output = ToolOutput::text("out");
        output.is_error = error;
        self.at(
            ts + ms,
            agent,
            Event::ToolCallFinished {
                call_id: ToolCallId::new(id),
                tool: tool.into(),
                output,
                duration_ms: ms,
            },
        )
    }

    /// Finishes `agent` with the usage of its model calls so far, as the
    /// agent loop does, and the given cost.
    fn finish(&mut self, ts: u64, agent: &str, outcome: Outcome, usd: f64) -> &mut Self {
        let mut usage = Usage::default();
        for e in self.events.iter().filter(|e| e.agent.as_str() == agent) {
            if let Event::ModelFinished { usage: u, .. } = &e.event {
                usage += *u;
            }
        }
        self.at(
            ts,
            agent,
            Event::AgentFinished {
                outcome,
                report: String::new(),
                usage,
                cost: Cost::from_parts(usd, 0.0, 0.0, 0.0),
                turns: 1,
            },
        )
    }

    fn build(&self) -> Trace {
        Trace::from_events(self.events.clone()).unwrap()
    }
}

/// root → root.1 (succeeds, delegates to root.1.1 which fails) and root.2
/// (a tool error); the session finishes.
fn nested() -> Stream {
    let mut s = Stream::new();
    s.at(
        1_000,
        "root",
        Event::SessionStarted {
            task: "do it".into(),
            model: "strong".into(),
            workspace: "/w".into(),
            permission: baton_protocol::PermissionMode::ReadOnly,
            version: "0".into(),
        },
    )
    .spawn(1_000, "root", "orchestrator", "strong", "do it")
    .model(1_100, "root", 2_000, 500, 100, 0.04)
    .spawn(1_200, "root.1", "explorer", "cheap", "look")
    .spawn(1_210, "root.2", "worker", "cheap", "fix")
    .model(1_300, "root.1", 900, 0, 30, 0.001)
    .spawn(1_400, "root.1.1", "explorer", "cheap", "deeper")
    .model(1_500, "root.1.1", 300, 0, 10, 0.0005)
    .finish(1_600, "root.1.1", Outcome::Failure, 0.0005)
    .tool(1_300, "root.2", "call_1", "shell", 250, true)
    .tool(1_600, "root.2", "call_2", "read_file", 5, false)
    .model(1_700, "root.2", 700, 0, 20, 0.002)
    .finish(1_800, "root.2", Outcome::Success, 0.002)
    .finish(1_900, "root.1", Outcome::Success, 0.001)
    .model(2_000, "root", 2_600, 0, 40, 0.05)
    .finish(2_100, "root", Outcome::Success, 0.09);
    s
}

#[test]
fn the_tree_follows_parents_in_spawn_order() {
    let trace = nested().build();
    let ids: Vec<(usize, &str)> = trace
        .agents()
        .iter()
        .map(|(d, n)| (*d, n.id.as_str()))
        .collect();
    assert_eq!(
        ids,
        [(0, "root"), (1, "root.1"), (2, "root.1.1"), (1, "root.2")]
    );
    let child = &trace.root.children[0];
    assert_eq!(child.role, "explorer");
    assert_eq!(child.model, "cheap");
    assert_eq!(child.reason.as_deref(), Some("cascade: the cheapest"));
    assert_eq!(child.children[0].outcome, Some(Outcome::Failure));
    assert_eq!(trace.task.as_deref(), Some("do it"));
}

#[test]
fn subtrees_add_up_their_agents() {
    let trace = nested().build();
    let root = &trace.root;
    // root's own: two model calls; its cache hits come from model_finished.
    assert_eq!(root.own.model_calls, 2);
    assert_eq!(root.own.turns, 2);
    assert_eq!(root.own.cache_read_tokens, 500);
    assert_eq!(root.own.model_ms, 200);
    let explorer = &root.children[0];
    assert!((explorer.subtree.cost_usd - 0.0015).abs() < 1e-12);
    assert_eq!(explorer.subtree.agents, 2);
    assert_eq!(explorer.subtree.input_tokens, 1_200);
    assert!((root.subtree.cost_usd - (0.09 + 0.001 + 0.0005 + 0.002)).abs() < 1e-12);
    assert_eq!(root.subtree.agents, 4);
    assert_eq!(root.subtree.turns, 5);
    assert_eq!(trace.totals, root.subtree);
    assert!((trace.delegated_usd - 0.0035).abs() < 1e-12);
}

#[test]
fn agent_finished_usage_wins_over_the_model_call_sums() {
    // The root's agent_finished says $0.09 and 4,600 tokens, more than its
    // two model calls ($0.09 = 0.04 + 0.05, 4,600 = 2,000 + 2,600) — equal
    // here; make the finished figure larger, as with a call cut off mid-stream.
    let mut s = nested();
    let last = s.events.len() - 1;
    if let Event::AgentFinished { cost, usage, .. } = &mut s.events[last].event {
        *cost = Cost::from_parts(0.1, 0.0, 0.0, 0.0);
        usage.input_tokens = 5_000;
    }
    let trace = s.build();
    assert!((trace.root.own.cost_usd - 0.1).abs() < 1e-12);
    assert_eq!(trace.root.own.input_tokens, 5_000);
}

#[test]
fn tool_calls_keep_their_times_and_errors() {
    let trace = nested().build();
    let worker = &trace.root.children[1];
    assert_eq!(worker.own.tool_calls, 2);
    assert_eq!(worker.own.tool_errors, 1);
    let shell = &worker.tool_calls[0];
    assert_eq!(
        (
            shell.tool.as_str(),
            shell.start_ms,
            shell.duration_ms,
            shell.error
        ),
        ("shell", 1_300, Some(250), true)
    );
    assert!(!worker.tool_calls[1].error);
    assert_eq!(trace.root.subtree.tool_errors, 1);
    assert_eq!(worker.start_ms, 1_210);
    assert_eq!(worker.end_ms, 1_800);
    assert_eq!(worker.wall_ms, 590);
}

#[test]
fn a_cancelled_run_without_agent_finished_still_has_a_tree() {
    let mut s = Stream::new();
    s.spawn(0, "root", "orchestrator", "strong", "t")
        .model(10, "root", 1_000, 0, 10, 0.01)
        .spawn(20, "root.1", "explorer", "cheap", "c")
        .model(30, "root.1", 100, 0, 5, 0.001)
        .at(
            40,
            "root.1",
            Event::ToolCallStarted {
                call_id: ToolCallId::new("c1"),
                tool: "shell".into(),
                input: json!({}),
            },
        )
        .at(
            45,
            "root.1",
            Event::ToolCallDenied {
                call_id: ToolCallId::new("c2"),
                tool: "write_file".into(),
                reason: "read-only".into(),
            },
        )
        .at(
            90,
            "root",
            Event::Warning {
                message: "x".into(),
            },
        );
    let trace = s.build();
    assert_eq!(trace.outcome, None);
    let child = &trace.root.children[0];
    assert_eq!(child.outcome, None);
    // Unfinished agents run until the stream stops.
    assert_eq!(child.end_ms, 90);
    assert_eq!(trace.root.end_ms, 90);
    assert_eq!(child.tool_calls[0].duration_ms, None);
    assert_eq!(child.tool_calls[1].denied.as_deref(), Some("read-only"));
    assert_eq!(child.own.tool_errors, 1);
    // Without agent_finished, the model calls are the sums.
    assert!((trace.totals.cost_usd - 0.011).abs() < 1e-12);
    assert!((trace.delegated_usd - 0.001).abs() < 1e-12);
}

#[test]
fn a_missing_parent_gets_a_placeholder_node() {
    let mut s = Stream::new();
    s.spawn(0, "root", "orchestrator", "strong", "t")
        .spawn(5, "root.1.1", "explorer", "cheap", "c");
    let trace = s.build();
    let placeholder = &trace.root.children[0];
    assert_eq!(placeholder.id.as_str(), "root.1");
    assert_eq!(placeholder.role, "");
    assert_eq!(placeholder.children[0].id.as_str(), "root.1.1");
}

#[test]
fn bad_streams_are_typed_errors() {
    assert!(matches!(
        Trace::from_events(Vec::new()),
        Err(TraceError::Empty)
    ));
    let mut s = Stream::new();
    s.spawn(0, "root", "main", "m", "t");
    let mut other = s.events[0].clone();
    other.session = SessionId::new("s2");
    s.events.push(other);
    assert!(matches!(
        Trace::from_events(s.events.clone()),
        Err(TraceError::MixedSessions { .. })
    ));
    let mut s = Stream::new();
    s.spawn(0, "root", "main", "m", "t")
        .spawn(1, "other", "main", "m", "t");
    assert!(matches!(
        Trace::from_events(s.events.clone()),
        Err(TraceError::SeveralRoots { .. })
    ));
}

#[test]
fn the_json_form_has_the_documented_names() {
    let value = serde_json::to_value(nested().build()).unwrap();
    assert_eq!(value["session"], "s1");
    assert_eq!(value["root"]["id"], "root");
    assert_eq!(value["root"]["self"]["cache_read_tokens"], 500);
    assert_eq!(value["root"]["subtree"]["agents"], 4);
    assert_eq!(
        value["root"]["children"][1]["tool_calls"][0]["tool"],
        "shell"
    );
    assert_eq!(value["root"]["children"][1]["tool_calls"][0]["error"], true);
    assert_eq!(
        value["root"]["children"][0]["children"][0]["outcome"],
        "failure"
    );
    assert!(value["delegated_usd"].as_f64().unwrap() > 0.0);
}

#[test]
fn the_text_form_has_a_line_per_agent_and_the_totals() {
    let text = text::render(&nested().build());
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("session s1 · unfinished · do it"),
        "{text}"
    );
    assert!(lines[2].starts_with("root "), "{text}");
    assert!(lines[2].contains("$0.0900 (tree $0.0935)"), "{text}");
    assert!(lines[4].starts_with("    root.1.1 "), "{text}");
    assert!(lines[4].contains("failure"), "{text}");
    assert!(lines[5].contains("2 (1 err)"), "{text}");
    assert!(lines[2].contains("500 (10%)"), "cache hits: {text}");
    assert!(
        lines[6].contains("$0.0935 ($0.0035 by sub-agents, 4%)"),
        "{text}"
    );
}

#[test]
fn html_escapes_everything_from_events() {
    let mut s = nested();
    s.spawn(
        1_950,
        "root.3",
        "worker",
        "cheap",
        "<script>alert('x')</script> & \"more\"",
    )
    .tool(
        1_960,
        "root.3",
        "c9",
        "<img src=x onerror=alert(1)>",
        3,
        false,
    );
    let page = html::render(&s.build());
    assert!(!page.contains("<script>"), "raw script tag in the page");
    assert!(!page.contains("<img"), "raw img tag in the page");
    assert!(
        page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;")
    );
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    // Self-contained: nothing fetched from elsewhere.
    assert!(!page.contains("src=\"http"), "external resource");
    assert!(!page.contains("href=\"http"), "external link");
    assert!(page.contains("<svg"));
    // One agent bar per agent, one tool bar per call.
    assert_eq!(page.matches("class=\"agent ").count(), 5);
    assert_eq!(page.matches("class=\"tool ").count(), 3);
}
