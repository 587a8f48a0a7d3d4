//! Every protocol type must survive JSON unchanged: the `--json` stream and
//! the store are only as good as this.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use baton_protocol::*;
use proptest::prelude::*;
use serde_json::json;

fn roundtrip<T>(value: &T) -> T
where
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    let text = serde_json::to_string(value).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

fn usage() -> Usage {
    Usage {
        input_tokens: 10,
        output_tokens: 20,
        cache_read_tokens: 30,
        cache_write_tokens: 40,
    }
}

fn all_events() -> Vec<Event> {
    let call_id = ToolCallId::new("toolu_1");
    let output = ToolOutput {
        content: vec![
            ToolResultContent::text("ok"),
            ToolResultContent::Image {
                source: ImageSource {
                    media_type: "image/png".into(),
                    data: "iVBOR".into(),
                },
            },
        ],
        is_error: true,
        structured_content: Some(json!({"n": 1})),
    };
    let price = Price {
        input: 3.0,
        output: 15.0,
        cache_read: 0.3,
        cache_write: 3.75,
    };
    vec![
        Event::SessionStarted {
            task: "t".into(),
            model: "m".into(),
            workspace: "/w".into(),
            permission: PermissionMode::ReadOnly,
            version: "0.1.0".into(),
        },
        Event::AgentSpawned {
            role: "orchestrator".into(),
            model: "m".into(),
            reason: None,
            call_id: None,
            task: None,
        },
        Event::AgentSpawned {
            role: "explorer".into(),
            model: "cheap".into(),
            reason: Some("rules: role explorer".into()),
            call_id: Some("c1".into()),
            task: Some("find the config loader".into()),
        },
        Event::TurnStarted { turn: 1 },
        Event::ModelDelta {
            text: "hé\n\"quoted\"".into(),
        },
        Event::ModelRetry {
            attempt: 2,
            reason: "529 overloaded".into(),
            delay_ms: 750,
        },
        Event::ModelFinished {
            model: "m".into(),
            stop_reason: StopReason::ToolUse,
            usage: usage(),
            cost: price.cost(&usage()),
            latency_ms: 12,
            first_token_ms: Some(3),
        },
        Event::ApprovalRequested {
            call_id: call_id.clone(),
            tool: "shell".into(),
            input: json!({"command": "ls"}),
        },
        Event::ApprovalResolved {
            call_id: call_id.clone(),
            approved: false,
        },
        Event::ToolCallDenied {
            call_id: call_id.clone(),
            tool: "shell".into(),
            reason: "no".into(),
        },
        Event::ToolCallStarted {
            call_id: call_id.clone(),
            tool: "read_file".into(),
            input: json!({"path": "a"}),
        },
        Event::ToolCallFinished {
            call_id,
            tool: "read_file".into(),
            output,
            duration_ms: 4,
        },
        Event::ToolProgress {
            call_id: ToolCallId::new("toolu_1"),
            progress: 2.0,
            total: Some(5.0),
            message: Some("step".into()),
        },
        Event::McpServer {
            server: "fs".into(),
            status: McpServerStatus::Failed,
            tools: 0,
            error: Some("spawn failed".into()),
        },
        Event::BudgetExceeded {
            budget: BudgetKind::Turns,
            limit: 5.0,
            used: 5.0,
        },
        Event::Warning {
            message: "w".into(),
        },
        Event::AgentFinished {
            outcome: Outcome::BudgetExhausted,
            report: "r".into(),
            usage: usage(),
            cost: Cost::default(),
            turns: 3,
        },
        Event::SessionFinished {
            outcome: Outcome::Cancelled,
            totals: Totals {
                usage: usage(),
                cost: Cost::default(),
                turns: 3,
                tool_calls: 2,
                wall_ms: 99,
                delegated_usd: 0.0125,
            },
            error: Some("boom".into()),
        },
    ]
}

#[test]
fn every_event_roundtrips_inside_an_envelope() {
    for (seq, event) in all_events().into_iter().enumerate() {
        let envelope = Envelope {
            seq: seq as u64,
            ts_ms: 1_700_000_000_000,
            session: SessionId::new("s1"),
            agent: AgentId::new("a1"),
            parent: if seq % 2 == 0 {
                Some(AgentId::new("a0"))
            } else {
                None
            },
            event,
        };
        assert_eq!(roundtrip(&envelope), envelope);
    }
}

#[test]
fn wire_shape_is_flat_with_a_type_tag() {
    let envelope = Envelope {
        seq: 7,
        ts_ms: 1,
        session: SessionId::new("s"),
        agent: AgentId::new("a"),
        parent: None,
        event: Event::TurnStarted { turn: 2 },
    };
    let value = serde_json::to_value(&envelope).unwrap();
    assert_eq!(
        value,
        json!({"seq": 7, "ts_ms": 1, "session": "s", "agent": "a", "type": "turn_started", "turn": 2})
    );
}

#[test]
fn kind_matches_the_serialized_tag() {
    for event in all_events() {
        let value = serde_json::to_value(&event).unwrap();
        assert_eq!(value["type"], event.kind(), "{value}");
    }
}

#[test]
fn messages_roundtrip() {
    let messages = vec![
        Message::user_text("hello"),
        Message {
            role: Role::Assistant,
            content: vec![
                ContentBlock::text("let me look"),
                ContentBlock::ToolUse {
                    id: "t1".into(),
                    name: "grep".into(),
                    input: json!({"pattern": "x"}),
                },
                ContentBlock::ToolUse {
                    id: "t2".into(),
                    name: "grep".into(),
                    input: json!("{not json"),
                },
            ],
        },
        Message {
            role: Role::User,
            content: vec![
                ContentBlock::ToolResult {
                    tool_use_id: "t1".into(),
                    content: vec![ToolResultContent::text("a:1:x")],
                    is_error: false,
                },
                ContentBlock::Image {
                    source: ImageSource {
                        media_type: "image/jpeg".into(),
                        data: "/9j/".into(),
                    },
                },
            ],
        },
    ];
    for message in &messages {
        assert_eq!(&roundtrip(message), message);
    }
    assert_eq!(messages[1].tool_uses().count(), 2);
    assert_eq!(messages[1].text(), "let me look");
}

#[test]
fn tool_spec_uses_mcp_field_names() {
    let spec = ToolSpec {
        name: "read_file".into(),
        description: "d".into(),
        input_schema: json!({"type": "object"}),
        output_schema: None,
        annotations: ToolAnnotations::read_only(),
    };
    let value = serde_json::to_value(&spec).unwrap();
    assert_eq!(value["inputSchema"], json!({"type": "object"}));
    assert_eq!(value["annotations"]["readOnlyHint"], json!(true));
    assert_eq!(roundtrip(&spec), spec);
}

#[test]
fn absent_annotations_follow_mcp_defaults() {
    let none = ToolAnnotations::default();
    assert!(!none.is_read_only());
    assert!(none.is_destructive());
    assert!(!none.is_idempotent());
    let ro = ToolAnnotations::read_only();
    assert!(ro.is_read_only() && !ro.is_destructive() && ro.is_idempotent());
}

#[test]
fn price_turns_usage_into_cost() {
    let price = Price {
        input: 3.0,
        output: 15.0,
        cache_read: 0.3,
        cache_write: 3.75,
    };
    let cost = price.cost(&Usage {
        input_tokens: 1_000_000,
        output_tokens: 2_000_000,
        cache_read_tokens: 1_000_000,
        cache_write_tokens: 0,
    });
    assert!((cost.input_usd - 3.0).abs() < 1e-9);
    assert!((cost.output_usd - 30.0).abs() < 1e-9);
    assert!((cost.cache_read_usd - 0.3).abs() < 1e-9);
    assert!((cost.total_usd - 33.3).abs() < 1e-9);
}

proptest! {
    #[test]
    fn usage_and_cost_sum_componentwise(a in 0u64..1 << 40, b in 0u64..1 << 40, c in 0u64..1 << 40, d in 0u64..1 << 40) {
        let u = Usage { input_tokens: a, output_tokens: b, cache_read_tokens: c, cache_write_tokens: d };
        let sum = u + u;
        prop_assert_eq!(sum.total_tokens(), 2 * u.total_tokens());
        let price = Price { input: 1.0, output: 2.0, cache_read: 0.5, cache_write: 1.5 };
        let cost = price.cost(&u) + price.cost(&u);
        let direct = price.cost(&sum);
        prop_assert!((cost.total_usd - direct.total_usd).abs() <= 1e-6 * direct.total_usd.max(1.0));
    }

    #[test]
    fn arbitrary_text_deltas_roundtrip(text in ".*") {
        let event = Event::ModelDelta { text };
        prop_assert_eq!(roundtrip(&event), event);
    }
}
