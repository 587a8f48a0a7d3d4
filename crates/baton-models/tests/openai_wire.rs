//! The OpenAI-compatible provider against local fakes that speak the Chat
//! Completions streaming wire format.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

mod common;

use std::time::Duration;

use baton_models::openai::{OpenAiClient, OpenAiConfig};
use baton_models::{ModelClient, ModelError, ModelRequest, RetryPolicy, StreamEvent, collect};
use baton_protocol::{
    ContentBlock, ImageSource, Message, Role, StopReason, ToolAnnotations, ToolResultContent,
    ToolSpec, Usage,
};
use common::{Raw, fixture, info, raw_server, sse};
use serde_json::{Value, json};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn config(base_url: &str, api_key: Option<&str>) -> OpenAiConfig {
    OpenAiConfig {
        info: info("openai", "gpt-4.1-mini"),
        api_key: api_key.map(str::to_owned),
        base_url: base_url.into(),
        retry: RetryPolicy::immediate(0),
        idle_timeout: Duration::from_secs(10),
    }
}

fn client(base_url: &str, retries: u32) -> OpenAiClient {
    OpenAiClient::new(OpenAiConfig {
        retry: RetryPolicy::immediate(retries),
        ..config(base_url, Some("sk-test"))
    })
    .unwrap()
}

fn request() -> ModelRequest {
    ModelRequest {
        system: Some("Be brief.".into()),
        messages: vec![Message::user_text("where is main?")].into(),
        tools: vec![ToolSpec {
            name: "read_file".into(),
            description: "Read a file".into(),
            input_schema: json!({"type": "object", "properties": {"path": {"type": "string"}}}),
            output_schema: None,
            annotations: ToolAnnotations::read_only(),
        }]
        .into(),
        max_tokens: 512,
        temperature: None,
        stop_sequences: vec![],
        ..ModelRequest::default()
    }
}

async fn run(
    client: &OpenAiClient,
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
async fn interleaved_tool_call_deltas_are_assembled_by_index() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .and(header("authorization", "Bearer sk-test"))
        .respond_with(sse("openai/tool_calls_split.sse"))
        .expect(1)
        .mount(&server)
        .await;
    let (result, events) = run(&client(&format!("{}/v1", server.uri()), 0), request()).await;
    let response = result.unwrap();
    assert_eq!(response.stop_reason, StopReason::ToolUse);
    assert_eq!(
        response.content,
        vec![
            ContentBlock::ToolUse {
                id: "call_abc".into(),
                name: "read_file".into(),
                input: json!({"path": "src/main.rs"})
            },
            ContentBlock::ToolUse {
                id: "call_def".into(),
                name: "grep".into(),
                input: json!({"pattern": "fn main\\("})
            },
        ]
    );
    // prompt_tokens includes the cached ones; baton keeps them apart.
    assert_eq!(
        response.usage,
        Usage {
            input_tokens: 176,
            output_tokens: 41,
            cache_read_tokens: 1024,
            cache_write_tokens: 0
        }
    );
    assert_eq!(response.model, "gpt-4.1-mini-2025-04-14");
    let started: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            StreamEvent::ToolUseStarted { name, .. } => Some(name.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(started, vec!["read_file", "grep"]);
}

#[tokio::test]
async fn request_asks_for_usage_and_maps_the_conversation() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(sse("openai/text_stop.sse"))
        .mount(&server)
        .await;
    let mut req = request();
    req.stop_sequences = vec!["END".into()];
    req.temperature = Some(0.0);
    req.messages = std::sync::Arc::new(vec![
        Message::user_text("q"),
        Message {
            role: Role::Assistant,
            content: vec![
                ContentBlock::text("looking"),
                ContentBlock::ToolUse {
                    id: "c1".into(),
                    name: "read_file".into(),
                    input: json!({"path": "a"}),
                },
                ContentBlock::ToolUse {
                    id: "c2".into(),
                    name: "read_file".into(),
                    input: json!("{oops"),
                },
            ],
        },
        Message {
            role: Role::User,
            content: vec![
                ContentBlock::ToolResult {
                    tool_use_id: "c1".into(),
                    content: vec![ToolResultContent::text("contents")],
                    is_error: false,
                },
                ContentBlock::ToolResult {
                    tool_use_id: "c2".into(),
                    content: vec![
                        ToolResultContent::text("bad args"),
                        ToolResultContent::Image {
                            source: ImageSource {
                                media_type: "image/png".into(),
                                data: "AAAA".into(),
                            },
                        },
                    ],
                    is_error: true,
                },
            ],
        },
    ]);
    run(&client(&server.uri(), 0), req).await.0.unwrap();
    let received = server.received_requests().await.unwrap();
    let body: Value = serde_json::from_slice(&received[0].body).unwrap();
    assert_eq!(body["stream"], true);
    assert_eq!(body["stream_options"], json!({"include_usage": true}));
    assert_eq!(body["max_tokens"], 512, "compatible servers get max_tokens");
    assert_eq!(body["stop"], json!(["END"]));
    assert_eq!(body["tools"][0]["type"], "function");
    assert_eq!(body["tools"][0]["function"]["name"], "read_file");
    let messages = body["messages"].as_array().unwrap();
    let roles: Vec<_> = messages
        .iter()
        .map(|m| m["role"].as_str().unwrap())
        .collect();
    assert_eq!(
        roles,
        vec!["system", "user", "assistant", "tool", "tool", "user"]
    );
    assert_eq!(
        messages[2]["tool_calls"][0]["function"]["arguments"],
        "{\"path\":\"a\"}"
    );
    assert_eq!(
        messages[2]["tool_calls"][1]["function"]["arguments"],
        "{oops"
    );
    assert_eq!(messages[3]["tool_call_id"], "c1");
    assert_eq!(messages[4]["content"], "ERROR: bad args");
    assert_eq!(
        messages[5]["content"][1]["image_url"]["url"],
        "data:image/png;base64,AAAA"
    );
}

#[tokio::test]
async fn local_servers_need_no_key_and_get_no_auth_header() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(sse("openai/text_stop.sse"))
        .mount(&server)
        .await;
    let keyless = OpenAiClient::new(config(&server.uri(), None)).unwrap();
    let (result, events) = run(&keyless, request()).await;
    let response = result.unwrap();
    assert_eq!(
        response.content,
        vec![ContentBlock::text("The capital of France is Paris.")]
    );
    assert_eq!(response.stop_reason, StopReason::EndTurn);
    assert_eq!(
        response.usage,
        Usage {
            input_tokens: 31,
            output_tokens: 9,
            ..Usage::default()
        }
    );
    assert_eq!(
        events
            .iter()
            .filter(|e| matches!(e, StreamEvent::TextDelta(_)))
            .count(),
        2
    );
    let received = server.received_requests().await.unwrap();
    assert!(received[0].headers.get("authorization").is_none());
}

#[tokio::test]
async fn an_error_object_in_the_stream_is_retried_when_transient() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(sse("openai/error_in_stream.sse"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(sse("openai/text_stop.sse"))
        .with_priority(2)
        .mount(&server)
        .await;
    let (result, events) = run(&client(&server.uri(), 1), request()).await;
    assert_eq!(
        result.unwrap().content,
        vec![ContentBlock::text("The capital of France is Paris.")]
    );
    assert!(events.iter().any(
        |e| matches!(e, StreamEvent::Retrying { reason, .. } if reason.contains("server_error"))
    ));

    let once = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(sse("openai/error_in_stream.sse"))
        .mount(&once)
        .await;
    let error = run(&client(&once.uri(), 0), request()).await.0.unwrap_err();
    assert!(
        error.to_string().contains("The server had an error"),
        "{error}"
    );
}

#[tokio::test]
async fn rate_limits_honour_retry_after_ms() {
    let server = MockServer::start().await;
    let limited = ResponseTemplate::new(429)
        .insert_header("retry-after-ms", "5")
        .set_body_json(json!({"error": {"message": "Rate limit reached for gpt-4.1-mini", "type": "requests", "code": "rate_limit_exceeded"}}));
    Mock::given(method("POST"))
        .respond_with(limited)
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(sse("openai/text_stop.sse"))
        .with_priority(2)
        .mount(&server)
        .await;
    let patient = OpenAiClient::new(OpenAiConfig {
        retry: RetryPolicy {
            max_retries: 1,
            base_delay: Duration::from_secs(60),
            ..RetryPolicy::default()
        },
        ..config(&server.uri(), Some("k"))
    })
    .unwrap();
    let (result, events) = run(&patient, request()).await;
    result.unwrap();
    let delay = events.iter().find_map(|e| match e {
        StreamEvent::Retrying { delay, .. } => Some(*delay),
        _ => None,
    });
    assert_eq!(delay, Some(Duration::from_millis(5)));
}

#[tokio::test]
async fn server_errors_then_success_and_client_errors_verbatim() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503).set_body_string("upstream unavailable"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(sse("openai/text_stop.sse"))
        .with_priority(2)
        .mount(&server)
        .await;
    run(&client(&server.uri(), 1), request()).await.0.unwrap();

    let bad = MockServer::start().await;
    let body = json!({"error": {"message": "The model `gpt-9` does not exist or you do not have access to it.", "type": "invalid_request_error", "param": null, "code": "model_not_found"}});
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(404).set_body_json(body))
        .mount(&bad)
        .await;
    let error = run(&client(&bad.uri(), 3), request()).await.0.unwrap_err();
    assert_eq!(
        error.to_string(),
        "openai returned HTTP 404: invalid_request_error: The model `gpt-9` does not exist or you do not have access to it."
    );
    assert_eq!(bad.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_stream_cut_before_finish_is_an_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(sse("openai/cut_before_finish.sse"))
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
    let body = fixture("openai/tool_calls_split.sse");
    let keep = body.find("src/ma").unwrap();
    let (base, _) = raw_server(vec![
        Raw::CutAfter {
            body: body.clone(),
            keep,
        },
        Raw::Full { body, chunk: 3 },
    ])
    .await;
    let (result, events) = run(&client(&base, 1), request()).await;
    assert_eq!(result.unwrap().content.len(), 2);
    assert!(
        events
            .iter()
            .any(|e| matches!(e, StreamEvent::Retrying { .. }))
    );
}

#[tokio::test]
async fn servers_that_skip_done_after_finish_reason_are_accepted() {
    let body = fixture("openai/text_stop.sse").replace("data: [DONE]\n\n", "");
    let (base, _) = raw_server(vec![Raw::Full { body, chunk: 64 }]).await;
    let response = run(&client(&base, 0), request()).await.0.unwrap();
    assert_eq!(response.stop_reason, StopReason::EndTurn);
}

#[tokio::test]
async fn the_official_api_gets_max_completion_tokens() {
    let body = baton_models::openai::request_body("gpt-5-mini", &request(), true);
    assert_eq!(body["max_completion_tokens"], 512);
    assert!(body.get("max_tokens").is_none());
}

#[tokio::test]
async fn logprobs_are_requested_and_reported_per_token() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(sse("openai/logprobs.sse"))
        .mount(&server)
        .await;
    let mut req = request();
    req.top_logprobs = Some(2);
    req.seed = Some(7);
    req.top_p = Some(0.9);
    let response = run(&client(&server.uri(), 0), req).await.0.unwrap();
    let logprobs = response.logprobs.expect("logprobs");
    assert_eq!(logprobs.len(), 2);
    assert_eq!(logprobs[0].token, "(A");
    assert!((logprobs[0].logprob + 0.105).abs() < 1e-9);
    assert_eq!(
        logprobs[0].top,
        vec![("(A".to_owned(), -0.105), ("(B".to_owned(), -2.303)]
    );
    let body: Value =
        serde_json::from_slice(&server.received_requests().await.unwrap()[0].body).unwrap();
    assert_eq!(
        (body["logprobs"].clone(), body["top_logprobs"].clone()),
        (json!(true), json!(2))
    );
    assert_eq!(body["seed"], 7);
    assert!((body["top_p"].as_f64().unwrap() - 0.9).abs() < 1e-6);
}
