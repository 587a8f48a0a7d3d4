//! The Anthropic provider against local fakes that speak the Messages API's
//! streaming wire format.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

mod common;

use std::time::Duration;

use baton_models::anthropic::{AnthropicClient, AnthropicConfig};
use baton_models::{ModelClient, ModelError, ModelRequest, RetryPolicy, StreamEvent, collect};
use baton_protocol::{
    ContentBlock, Message, Role, StopReason, ToolAnnotations, ToolResultContent, ToolSpec, Usage,
};
use common::{Raw, fixture, info, raw_server, sse};
use serde_json::{Value, json};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(base_url: &str, retries: u32) -> AnthropicClient {
    AnthropicClient::new(AnthropicConfig {
        retry: RetryPolicy::immediate(retries),
        ..config(base_url)
    })
    .unwrap()
}

fn request() -> ModelRequest {
    ModelRequest {
        system: Some("You are terse.".into()),
        messages: vec![Message::user_text("weather?")].into(),
        tools: vec![
            ToolSpec {
                name: "get_weather".into(),
                description: "Weather".into(),
                input_schema: json!({"type": "object"}),
                output_schema: None,
                annotations: ToolAnnotations::read_only(),
            },
            ToolSpec {
                name: "list_files".into(),
                description: "List".into(),
                input_schema: json!({"type": "object"}),
                output_schema: None,
                annotations: ToolAnnotations::read_only(),
            },
        ]
        .into(),
        max_tokens: 1024,
        temperature: Some(0.2),
        stop_sequences: vec!["###".into()],
        ..ModelRequest::default()
    }
}

async fn run(
    client: &AnthropicClient,
    request: ModelRequest,
) -> (
    Result<baton_models::ModelResponse, ModelError>,
    Vec<StreamEvent>,
) {
    let mut events = Vec::new();
    let result = collect(client.stream(request), |e| events.push(e.clone())).await;
    (result, events)
}

#[tokio::test]
async fn tool_use_json_split_across_deltas_is_assembled() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/messages"))
        .and(header("x-api-key", "sk-ant-test"))
        .and(header("anthropic-version", "2023-06-01"))
        .respond_with(sse("anthropic/tool_use_split.sse"))
        .expect(1)
        .mount(&server)
        .await;
    let (result, events) = run(&client(&server.uri(), 0), request()).await;
    let response = result.unwrap();
    assert_eq!(response.stop_reason, StopReason::ToolUse);
    assert_eq!(response.model, "claude-sonnet-4-5-20250929");
    assert_eq!(
        response.content,
        vec![
            ContentBlock::text("Let me check the weather."),
            ContentBlock::ToolUse {
                id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6".into(),
                name: "get_weather".into(),
                input: json!({"location": "San Francisco, CA", "unit": "°F", "days": [1, 2, 3], "nested": {"ok": true}}),
            },
            ContentBlock::ToolUse {
                id: "toolu_02".into(),
                name: "list_files".into(),
                input: json!({})
            },
        ]
    );
    assert_eq!(
        response.usage,
        Usage {
            input_tokens: 472,
            output_tokens: 89,
            cache_read_tokens: 2048,
            cache_write_tokens: 1024
        }
    );
    let text: String = events
        .iter()
        .filter_map(|e| match e {
            StreamEvent::TextDelta(t) => Some(t.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(text, "Let me check the weather.");
    assert!(
        events.iter().any(
            |e| matches!(e, StreamEvent::ToolUseStarted { name, .. } if name == "get_weather")
        )
    );
}

#[tokio::test]
async fn request_carries_cache_breakpoints_and_sampling_options() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(sse("anthropic/usage_at_end.sse"))
        .mount(&server)
        .await;
    let mut req = request();
    req.messages = std::sync::Arc::new(vec![
        Message::user_text("q"),
        Message {
            role: Role::Assistant,
            content: vec![
                ContentBlock::text(""),
                ContentBlock::ToolUse {
                    id: "t1".into(),
                    name: "get_weather".into(),
                    input: json!({"location": "x"}),
                },
                ContentBlock::ToolUse {
                    id: "t2".into(),
                    name: "get_weather".into(),
                    input: json!("{broken"),
                },
            ],
        },
        Message {
            role: Role::User,
            content: vec![
                ContentBlock::ToolResult {
                    tool_use_id: "t1".into(),
                    content: vec![ToolResultContent::text("sunny")],
                    is_error: false,
                },
                ContentBlock::ToolResult {
                    tool_use_id: "t2".into(),
                    content: vec![ToolResultContent::text("bad json")],
                    is_error: true,
                },
            ],
        },
    ]);
    run(&client(&server.uri(), 0), req).await.0.unwrap();
    let received = server.received_requests().await.unwrap();
    let body: Value = serde_json::from_slice(&received[0].body).unwrap();
    assert_eq!(body["model"], "claude-sonnet-4-5");
    assert_eq!(body["stream"], true);
    assert_eq!(body["max_tokens"], 1024);
    assert_eq!(body["stop_sequences"], json!(["###"]));
    assert!((body["temperature"].as_f64().unwrap() - 0.2).abs() < 1e-6);
    assert_eq!(body["system"][0]["text"], "You are terse.");
    assert_eq!(
        body["system"][0]["cache_control"],
        json!({"type": "ephemeral"})
    );
    assert_eq!(
        body["tools"][1]["cache_control"],
        json!({"type": "ephemeral"})
    );
    assert!(body["tools"][0].get("cache_control").is_none());
    // The empty text block is dropped; the malformed input becomes {}.
    let assistant = &body["messages"][1]["content"];
    assert_eq!(assistant.as_array().unwrap().len(), 2);
    assert_eq!(assistant[1]["input"], json!({}));
    let results = &body["messages"][2]["content"];
    assert_eq!(results[0]["content"][0]["text"], "sunny");
    assert!(results[0].get("is_error").is_none());
    assert_eq!(results[1]["is_error"], true);
    assert_eq!(
        results[1]["cache_control"],
        json!({"type": "ephemeral"}),
        "the newest block is a cache breakpoint"
    );
}

#[tokio::test]
async fn usage_reported_only_at_the_end_is_kept() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(sse("anthropic/usage_at_end.sse"))
        .mount(&server)
        .await;
    let (result, events) = run(&client(&server.uri(), 0), request()).await;
    let response = result.unwrap();
    assert_eq!(
        response.usage,
        Usage {
            input_tokens: 25,
            output_tokens: 12,
            cache_read_tokens: 100,
            cache_write_tokens: 0
        }
    );
    assert_eq!(response.stop_reason, StopReason::EndTurn);
    assert_eq!(
        response.content,
        vec![ContentBlock::text("Paris is the capital of France.")]
    );
    assert_eq!(
        events
            .iter()
            .filter(|e| matches!(e, StreamEvent::Usage(_)))
            .count(),
        2
    );
}

#[tokio::test]
async fn overloaded_error_mid_stream_is_retried_and_billed() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(sse("anthropic/error_mid_stream.sse"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(sse("anthropic/usage_at_end.sse"))
        .with_priority(2)
        .mount(&server)
        .await;
    let (result, events) = run(&client(&server.uri(), 2), request()).await;
    let response = result.unwrap();
    assert_eq!(
        response.content,
        vec![ContentBlock::text("Paris is the capital of France.")]
    );
    let retry = events.iter().find_map(|e| match e {
        StreamEvent::Retrying {
            attempt, reason, ..
        } => Some((*attempt, reason.clone())),
        _ => None,
    });
    let (attempt, reason) = retry.expect("a Retrying event");
    assert_eq!(attempt, 1);
    assert!(
        reason.contains("overloaded_error") && reason.contains("Overloaded"),
        "{reason}"
    );
    // The failed attempt's 300 input tokens were billed, so they count.
    assert_eq!(response.usage.input_tokens, 325);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn error_mid_stream_without_retries_is_reported() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(sse("anthropic/error_mid_stream.sse"))
        .mount(&server)
        .await;
    let error = run(&client(&server.uri(), 0), request())
        .await
        .0
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "anthropic stream error (overloaded_error): Overloaded"
    );
}

#[tokio::test]
async fn fatal_stream_errors_are_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(sse("anthropic/fatal_error_mid_stream.sse"))
        .mount(&server)
        .await;
    let error = run(&client(&server.uri(), 3), request())
        .await
        .0
        .unwrap_err();
    assert!(error.to_string().contains("prompt is too long"), "{error}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn rate_limit_429_then_success_honours_retry_after() {
    let server = MockServer::start().await;
    let limited = ResponseTemplate::new(429)
        .insert_header("retry-after", "0")
        .set_body_json(json!({"type": "error", "error": {"type": "rate_limit_error", "message": "Number of request tokens has exceeded your per-minute rate limit"}}));
    Mock::given(method("POST"))
        .respond_with(limited)
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(sse("anthropic/usage_at_end.sse"))
        .with_priority(2)
        .mount(&server)
        .await;
    // A real backoff policy: retry-after 0 must win over the 60 s base delay.
    let slow = AnthropicClient::new(AnthropicConfig {
        retry: RetryPolicy {
            max_retries: 2,
            base_delay: Duration::from_secs(60),
            ..RetryPolicy::default()
        },
        ..config(&server.uri())
    })
    .unwrap();
    let (result, events) = run(&slow, request()).await;
    result.unwrap();
    let delay = events
        .iter()
        .find_map(|e| match e {
            StreamEvent::Retrying { delay, reason, .. } => Some((*delay, reason.clone())),
            _ => None,
        })
        .unwrap();
    assert_eq!(delay.0, Duration::ZERO);
    assert!(
        delay.1.contains("HTTP 429") && delay.1.contains("rate_limit_error"),
        "{}",
        delay.1
    );
}

fn config(base_url: &str) -> AnthropicConfig {
    AnthropicConfig {
        info: info("anthropic", "claude-sonnet-4-5"),
        api_key: "sk-ant-test".into(),
        base_url: base_url.into(),
        retry: RetryPolicy::none(),
        idle_timeout: Duration::from_secs(10),
    }
}

#[tokio::test]
async fn overloaded_529_then_success() {
    let server = MockServer::start().await;
    let overloaded = ResponseTemplate::new(529).set_body_json(
        json!({"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}),
    );
    Mock::given(method("POST"))
        .respond_with(overloaded)
        .up_to_n_times(2)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(sse("anthropic/usage_at_end.sse"))
        .with_priority(2)
        .mount(&server)
        .await;
    let (result, events) = run(&client(&server.uri(), 3), request()).await;
    assert_eq!(
        result.unwrap().content,
        vec![ContentBlock::text("Paris is the capital of France.")]
    );
    assert_eq!(
        events
            .iter()
            .filter(|e| matches!(e, StreamEvent::Retrying { .. }))
            .count(),
        2
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn retries_run_out_and_the_last_error_is_shown() {
    let server = MockServer::start().await;
    let overloaded = ResponseTemplate::new(529).set_body_json(
        json!({"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}),
    );
    Mock::given(method("POST"))
        .respond_with(overloaded)
        .mount(&server)
        .await;
    let error = run(&client(&server.uri(), 2), request())
        .await
        .0
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "anthropic returned HTTP 529: overloaded_error: Overloaded"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn client_errors_show_the_provider_message_and_are_not_retried() {
    let server = MockServer::start().await;
    let bad = ResponseTemplate::new(401).set_body_json(json!({"type": "error", "error": {"type": "authentication_error", "message": "invalid x-api-key"}}));
    Mock::given(method("POST"))
        .respond_with(bad)
        .mount(&server)
        .await;
    let error = run(&client(&server.uri(), 3), request())
        .await
        .0
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "anthropic returned HTTP 401: authentication_error: invalid x-api-key"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_stream_without_message_stop_is_truncation_not_success() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(sse("anthropic/no_message_stop.sse"))
        .mount(&server)
        .await;
    let error = run(&client(&server.uri(), 0), request())
        .await
        .0
        .unwrap_err();
    assert!(matches!(error, ModelError::Truncated { .. }), "{error}");
}

#[tokio::test]
async fn a_connection_cut_mid_body_is_retried() {
    let body = fixture("anthropic/tool_use_split.sse");
    let keep = body.find("ation").unwrap();
    let (base, served) = raw_server(vec![
        Raw::CutAfter {
            body: body.clone(),
            keep,
        },
        Raw::Full { body, chunk: 7 },
    ])
    .await;
    let (result, events) = run(&client(&base, 1), request()).await;
    let response = result.unwrap();
    assert_eq!(response.content.len(), 3);
    assert!(
        events
            .iter()
            .any(|e| matches!(e, StreamEvent::Retrying { .. }))
    );
    assert_eq!(served.load(std::sync::atomic::Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_connection_cut_without_retries_is_reported() {
    let body = fixture("anthropic/tool_use_split.sse");
    let (base, _) = raw_server(vec![Raw::CutAfter {
        keep: body.len() / 2,
        body,
    }])
    .await;
    let error = run(&client(&base, 0), request()).await.0.unwrap_err();
    assert!(matches!(error, ModelError::Truncated { .. }), "{error:?}");
}

#[tokio::test]
async fn tiny_chunks_split_anywhere_still_parse() {
    let body = fixture("anthropic/tool_use_split.sse");
    let (base, _) = raw_server(vec![Raw::Full { body, chunk: 1 }]).await;
    let response = run(&client(&base, 0), request()).await.0.unwrap();
    assert_eq!(response.content.len(), 3);
    assert_eq!(response.usage.output_tokens, 89);
}

#[tokio::test]
async fn a_silent_connection_times_out() {
    let body = fixture("anthropic/usage_at_end.sse");
    let (base, _) = raw_server(vec![Raw::StallAfter { keep: 40, body }]).await;
    let stalled = AnthropicClient::new(AnthropicConfig {
        idle_timeout: Duration::from_millis(300),
        ..config(&base)
    })
    .unwrap();
    let error = run(&stalled, request()).await.0.unwrap_err();
    assert!(matches!(error, ModelError::Timeout { .. }), "{error:?}");
}

#[tokio::test]
async fn an_unreachable_server_names_the_url() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let error = run(&client(&base, 0), request()).await.0.unwrap_err();
    let text = error.to_string();
    assert!(matches!(error, ModelError::Connect { .. }), "{text}");
    assert!(text.contains(&base), "{text}");
}
