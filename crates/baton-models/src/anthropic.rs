//! The Anthropic Messages API, streamed over server-sent events.
//!
//! Wire reference: `POST {base}/v1/messages` with `stream: true` answers with
//! `message_start`, then per content block `content_block_start`,
//! `content_block_delta` (`text_delta`, `input_json_delta`, …) and
//! `content_block_stop`, then `message_delta` (stop reason, cumulative
//! usage) and `message_stop`. `ping` may appear anywhere; `error` may too.

use std::sync::Arc;
use std::time::Duration;

use baton_protocol::{
    ContentBlock, Message, Role, StopReason, ToolCallId, ToolResultContent, Usage,
};
use futures::StreamExt;
use serde_json::{Value, json};

use crate::http;
use crate::retry::{RetryPolicy, with_retries};
use crate::{
    ModelClient, ModelError, ModelInfo, ModelRequest, ModelResponse, ModelStream, StreamEvent,
};

pub const PROVIDER: &str = "anthropic";
pub const DEFAULT_BASE_URL: &str = "https://api.anthropic.com";
pub const API_KEY_ENV: &str = "ANTHROPIC_API_KEY";
pub const BASE_URL_ENV: &str = "ANTHROPIC_BASE_URL";
const API_VERSION: &str = "2023-06-01";

#[derive(Debug, Clone)]
pub struct AnthropicConfig {
    pub info: ModelInfo,
    pub api_key: String,
    pub base_url: String,
    pub retry: RetryPolicy,
    /// The longest silence tolerated between chunks.
    pub idle_timeout: Duration,
}

#[derive(Clone)]
pub struct AnthropicClient {
    inner: Arc<Inner>,
}

struct Inner {
    config: AnthropicConfig,
    http: reqwest::Client,
}

impl AnthropicClient {
    pub fn new(config: AnthropicConfig) -> Result<Self, ModelError> {
        let http = http::client(PROVIDER, config.idle_timeout)?;
        Ok(Self {
            inner: Arc::new(Inner { config, http }),
        })
    }
}

impl ModelClient for AnthropicClient {
    fn info(&self) -> &ModelInfo {
        &self.inner.config.info
    }

    fn stream(&self, request: ModelRequest) -> ModelStream {
        let inner = self.inner.clone();
        let body = Arc::new(request_body(&inner.config.info.model_id, &request));
        with_retries(PROVIDER, inner.config.retry.clone(), move || {
            attempt(inner.clone(), body.clone())
        })
    }
}

fn attempt(inner: Arc<Inner>, body: Arc<Value>) -> ModelStream {
    Box::pin(async_stream::try_stream! {
        let config = &inner.config;
        let url = http::join_url(&config.base_url, "v1/messages");
        let request = inner
            .http
            .post(&url)
            .header("x-api-key", &config.api_key)
            .header("anthropic-version", API_VERSION)
            .header("accept", "text/event-stream")
            .json(body.as_ref());
        let response = http::send(PROVIDER, &url, config.idle_timeout, request).await?;
        let mut events = std::pin::pin!(http::sse(PROVIDER, config.idle_timeout, response));
        let mut assembler = StreamAssembler::default();
        while let Some(event) = events.next().await {
            let event = event?;
            for out in assembler.feed(&event.event, &event.data)? {
                yield out;
            }
            if assembler.is_done() {
                break;
            }
        }
        if !assembler.is_done() {
            Err(ModelError::Truncated { provider: PROVIDER, detail: "no message_stop event arrived".into() })?;
        }
        yield StreamEvent::Finished(assembler.finish(&config.info.model_id));
    })
}

/// The JSON body of a streaming Messages request.
///
/// Prompt caching: the system prompt, the tool list and the newest message
/// each end with a cache breakpoint (3 of the 4 allowed), so every turn of
/// an agent loop reads the previous turns from the cache.
pub fn request_body(model: &str, request: &ModelRequest) -> Value {
    let mut body = json!({
        "model": model,
        "max_tokens": request.max_tokens,
        "stream": true,
        "messages": request.messages.iter().map(message_json).collect::<Vec<_>>(),
    });
    if let Some(system) = request.system.as_deref().filter(|s| !s.is_empty()) {
        body["system"] =
            json!([{"type": "text", "text": system, "cache_control": {"type": "ephemeral"}}]);
    }
    if !request.tools.is_empty() {
        let mut tools: Vec<Value> = request
            .tools
            .iter()
            .map(|tool| json!({"name": tool.name, "description": tool.description, "input_schema": tool.input_schema}))
            .collect();
        if let Some(last) = tools.last_mut() {
            last["cache_control"] = json!({"type": "ephemeral"});
        }
        body["tools"] = Value::Array(tools);
    }
    if let Some(last_block) = body["messages"]
        .as_array_mut()
        .and_then(|messages| messages.last_mut())
        .and_then(|message| message["content"].as_array_mut())
        .and_then(|content| content.last_mut())
    {
        last_block["cache_control"] = json!({"type": "ephemeral"});
    }
    if let Some(temperature) = request.temperature {
        body["temperature"] = json!(temperature);
    }
    if let Some(top_p) = request.top_p {
        body["top_p"] = json!(top_p);
    }
    if !request.stop_sequences.is_empty() {
        body["stop_sequences"] = json!(request.stop_sequences);
    }
    body
}

fn message_json(message: &Message) -> Value {
    let role = match message.role {
        Role::User => "user",
        Role::Assistant => "assistant",
    };
    let content: Vec<Value> = message
        .content
        .iter()
        .filter_map(|block| match block {
            // The API rejects empty text blocks.
            ContentBlock::Text { text } if text.is_empty() => None,
            ContentBlock::Text { text } => Some(json!({"type": "text", "text": text})),
            ContentBlock::Image { source } => Some(image_json(&source.media_type, &source.data)),
            ContentBlock::ToolUse { id, name, input } => {
                // Arguments that were not valid JSON cannot be sent back as
                // `input`; the matching tool_result explains the failure.
                let input = if input.is_object() {
                    input.clone()
                } else {
                    json!({})
                };
                Some(json!({"type": "tool_use", "id": id, "name": name, "input": input}))
            }
            ContentBlock::ToolResult {
                tool_use_id,
                content,
                is_error,
            } => {
                let parts: Vec<Value> = content
                    .iter()
                    .map(|part| match part {
                        ToolResultContent::Text { text } => json!({"type": "text", "text": text}),
                        ToolResultContent::Image { source } => {
                            image_json(&source.media_type, &source.data)
                        }
                    })
                    .collect();
                let mut block =
                    json!({"type": "tool_result", "tool_use_id": tool_use_id, "content": parts});
                if *is_error {
                    block["is_error"] = json!(true);
                }
                Some(block)
            }
        })
        .collect();
    json!({"role": role, "content": content})
}

fn image_json(media_type: &str, data: &str) -> Value {
    json!({"type": "image", "source": {"type": "base64", "media_type": media_type, "data": data}})
}

enum Block {
    Text(String),
    ToolUse {
        id: String,
        name: String,
        json: String,
    },
    /// Thinking, server tools and future kinds: kept out of the transcript.
    Other,
}

/// Turns the event sequence of one streamed message into deltas and, at the
/// end, the assembled message. Pure: no IO, so it is tested on fixtures.
#[derive(Default)]
pub struct StreamAssembler {
    blocks: Vec<(u64, Block)>,
    usage: Usage,
    stop_reason: Option<StopReason>,
    model: Option<String>,
    done: bool,
}

impl StreamAssembler {
    pub fn is_done(&self) -> bool {
        self.done
    }

    pub fn feed(&mut self, event_name: &str, data: &str) -> Result<Vec<StreamEvent>, ModelError> {
        let value: Value = serde_json::from_str(data).map_err(|e| ModelError::Protocol {
            provider: PROVIDER,
            detail: format!(
                "`{event_name}` event is not JSON ({e}): {}",
                data.chars().take(200).collect::<String>()
            ),
        })?;
        let kind = value
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or(event_name);
        let mut out = Vec::new();
        match kind {
            "message_start" => {
                let message = &value["message"];
                self.model = message["model"].as_str().map(str::to_owned);
                self.merge_usage(&message["usage"]);
                out.push(StreamEvent::Usage(self.usage));
            }
            "content_block_start" => {
                let index = index_of(&value)?;
                let block = &value["content_block"];
                let block = match block["type"].as_str() {
                    Some("text") => {
                        let text = block["text"].as_str().unwrap_or_default().to_owned();
                        if !text.is_empty() {
                            out.push(StreamEvent::TextDelta(text.clone()));
                        }
                        Block::Text(text)
                    }
                    Some("tool_use") => {
                        let id = block["id"].as_str().unwrap_or_default().to_owned();
                        let name = block["name"].as_str().unwrap_or_default().to_owned();
                        out.push(StreamEvent::ToolUseStarted {
                            id: ToolCallId::new(id.clone()),
                            name: name.clone(),
                        });
                        Block::ToolUse {
                            id,
                            name,
                            json: String::new(),
                        }
                    }
                    _ => Block::Other,
                };
                self.blocks.push((index, block));
            }
            "content_block_delta" => {
                let index = index_of(&value)?;
                let delta = &value["delta"];
                let block = self
                    .blocks
                    .iter_mut()
                    .rev()
                    .find(|(i, _)| *i == index)
                    .map(|(_, b)| b);
                match (delta["type"].as_str(), block) {
                    (Some("text_delta"), Some(Block::Text(text))) => {
                        let piece = delta["text"].as_str().unwrap_or_default();
                        text.push_str(piece);
                        out.push(StreamEvent::TextDelta(piece.to_owned()));
                    }
                    (Some("input_json_delta"), Some(Block::ToolUse { json, .. })) => {
                        json.push_str(delta["partial_json"].as_str().unwrap_or_default());
                    }
                    (_, None) => {
                        return Err(ModelError::Protocol {
                            provider: PROVIDER,
                            detail: format!(
                                "content_block_delta for block {index}, which never started"
                            ),
                        });
                    }
                    // Thinking, signatures, citations: not part of the transcript.
                    _ => {}
                }
            }
            "content_block_stop" | "ping" => {}
            "message_delta" => {
                if let Some(reason) = value["delta"]["stop_reason"].as_str() {
                    self.stop_reason = Some(stop_reason(reason));
                }
                self.merge_usage(&value["usage"]);
                out.push(StreamEvent::Usage(self.usage));
            }
            "message_stop" => self.done = true,
            "error" => {
                let error = &value["error"];
                let kind = error["type"].as_str().unwrap_or("error").to_owned();
                let message = error["message"]
                    .as_str()
                    .unwrap_or("(no message)")
                    .to_owned();
                let retryable = matches!(
                    kind.as_str(),
                    "overloaded_error" | "api_error" | "rate_limit_error" | "timeout_error"
                );
                return Err(ModelError::StreamError {
                    provider: PROVIDER,
                    kind,
                    message,
                    retryable,
                });
            }
            // The API may add event types; its versioning policy says to ignore unknown ones.
            other => tracing::debug!(event = other, "ignoring unknown Anthropic stream event"),
        }
        Ok(out)
    }

    /// Usage counts in `message_start` and `message_delta` are cumulative;
    /// a field that is absent keeps its previous value.
    fn merge_usage(&mut self, usage: &Value) {
        let set = |field: &str, slot: &mut u64| {
            if let Some(n) = usage[field].as_u64() {
                *slot = n;
            }
        };
        set("input_tokens", &mut self.usage.input_tokens);
        set("output_tokens", &mut self.usage.output_tokens);
        set("cache_read_input_tokens", &mut self.usage.cache_read_tokens);
        set(
            "cache_creation_input_tokens",
            &mut self.usage.cache_write_tokens,
        );
    }

    pub fn finish(self, requested_model: &str) -> ModelResponse {
        let mut blocks = self.blocks;
        blocks.sort_by_key(|(index, _)| *index);
        let content = blocks
            .into_iter()
            .filter_map(|(_, block)| match block {
                Block::Text(text) if text.is_empty() => None,
                Block::Text(text) => Some(ContentBlock::Text { text }),
                Block::ToolUse { id, name, json } => Some(ContentBlock::ToolUse {
                    id: ToolCallId::new(id),
                    name,
                    input: parse_tool_input(&json),
                }),
                Block::Other => None,
            })
            .collect();
        ModelResponse {
            content,
            stop_reason: self.stop_reason.unwrap_or(StopReason::EndTurn),
            usage: self.usage,
            model: self.model.unwrap_or_else(|| requested_model.to_owned()),
            logprobs: None,
        }
    }
}

/// Empty input means a tool called with no arguments. Input that is not
/// JSON is kept verbatim as a string so the agent can report it.
pub(crate) fn parse_tool_input(raw: &str) -> Value {
    if raw.trim().is_empty() {
        return json!({});
    }
    serde_json::from_str(raw).unwrap_or_else(|_| Value::String(raw.to_owned()))
}

fn index_of(value: &Value) -> Result<u64, ModelError> {
    value["index"].as_u64().ok_or_else(|| ModelError::Protocol {
        provider: PROVIDER,
        detail: format!("content block event without an index: {value}"),
    })
}

fn stop_reason(reason: &str) -> StopReason {
    match reason {
        "end_turn" => StopReason::EndTurn,
        "tool_use" => StopReason::ToolUse,
        "max_tokens" | "model_context_window_exceeded" => StopReason::MaxTokens,
        "stop_sequence" => StopReason::StopSequence,
        "refusal" => StopReason::Refusal,
        other => {
            tracing::debug!(stop_reason = other, "unknown Anthropic stop reason");
            StopReason::Other
        }
    }
}
