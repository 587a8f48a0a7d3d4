//! OpenAI Chat Completions, streamed over server-sent events.
//!
//! The same wire format is served by Ollama, vLLM, the llama.cpp server,
//! LM Studio and OpenRouter, so one client with a base-URL override covers
//! them all. Wire reference: `POST {base}/chat/completions` with
//! `stream: true` answers with `chat.completion.chunk` objects whose
//! `choices[0].delta` carries `content` and `tool_calls` fragments keyed by
//! `index`; `finish_reason` closes the choice; with
//! `stream_options.include_usage` a last chunk with empty `choices` carries
//! `usage`; `data: [DONE]` ends the stream.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use baton_protocol::{
    ContentBlock, Message, Role, StopReason, ToolCallId, ToolResultContent, Usage,
};
use futures::StreamExt;
use serde_json::{Value, json};

use crate::TokenLogprob;
use crate::anthropic::parse_tool_input;
use crate::http;
use crate::retry::{RetryPolicy, with_retries};
use crate::{
    ModelClient, ModelError, ModelInfo, ModelRequest, ModelResponse, ModelStream, StreamEvent,
};

pub const PROVIDER: &str = "openai";
pub const DEFAULT_BASE_URL: &str = "https://api.openai.com/v1";
pub const API_KEY_ENV: &str = "OPENAI_API_KEY";
pub const BASE_URL_ENV: &str = "OPENAI_BASE_URL";

#[derive(Debug, Clone)]
pub struct OpenAiConfig {
    pub info: ModelInfo,
    /// Optional: local servers (Ollama, llama.cpp, vLLM) need none.
    pub api_key: Option<String>,
    pub base_url: String,
    pub retry: RetryPolicy,
    pub idle_timeout: Duration,
}

#[derive(Clone)]
pub struct OpenAiClient {
    inner: Arc<Inner>,
}

struct Inner {
    config: OpenAiConfig,
    http: reqwest::Client,
}

impl OpenAiClient {
    pub fn new(config: OpenAiConfig) -> Result<Self, ModelError> {
        let http = http::client(PROVIDER, config.idle_timeout)?;
        Ok(Self {
            inner: Arc::new(Inner { config, http }),
        })
    }
}

impl ModelClient for OpenAiClient {
    fn info(&self) -> &ModelInfo {
        &self.inner.config.info
    }

    fn stream(&self, request: ModelRequest) -> ModelStream {
        let inner = self.inner.clone();
        // OpenAI's own API has replaced `max_tokens` with
        // `max_completion_tokens` (newer models reject the old name); the
        // compatible servers mostly know only the old one.
        let official = inner.config.base_url.trim_end_matches('/') == DEFAULT_BASE_URL;
        let body = Arc::new(request_body(
            &inner.config.info.model_id,
            &request,
            official,
        ));
        with_retries(PROVIDER, inner.config.retry.clone(), move || {
            attempt(inner.clone(), body.clone())
        })
    }
}

fn attempt(inner: Arc<Inner>, body: Arc<Value>) -> ModelStream {
    Box::pin(async_stream::try_stream! {
        let config = &inner.config;
        let url = http::join_url(&config.base_url, "chat/completions");
        let mut request = inner.http.post(&url).header("accept", "text/event-stream").json(body.as_ref());
        if let Some(key) = &config.api_key {
            request = request.bearer_auth(key);
        }
        let response = http::send(PROVIDER, &url, config.idle_timeout, request).await?;
        let mut events = std::pin::pin!(http::sse(PROVIDER, config.idle_timeout, response));
        let mut assembler = StreamAssembler::default();
        while let Some(event) = events.next().await {
            let event = event?;
            for out in assembler.feed(&event.data)? {
                yield out;
            }
            if assembler.is_done() {
                break;
            }
        }
        // Some compatible servers close the stream after the finish reason
        // without sending [DONE]; the message is complete all the same.
        if !assembler.is_done() && !assembler.has_finish_reason() {
            Err(ModelError::Truncated { provider: PROVIDER, detail: "no finish_reason or [DONE] arrived".into() })?;
        }
        yield StreamEvent::Finished(assembler.finish(&config.info.model_id));
    })
}

pub fn request_body(model: &str, request: &ModelRequest, official_api: bool) -> Value {
    let mut messages = Vec::new();
    if let Some(system) = request.system.as_deref().filter(|s| !s.is_empty()) {
        messages.push(json!({"role": "system", "content": system}));
    }
    for message in request.messages.iter() {
        push_message(&mut messages, message);
    }
    let mut body = json!({
        "model": model,
        "messages": messages,
        "stream": true,
        "stream_options": {"include_usage": true},
    });
    let max_tokens_field = if official_api {
        "max_completion_tokens"
    } else {
        "max_tokens"
    };
    body[max_tokens_field] = json!(request.max_tokens);
    if !request.tools.is_empty() {
        body["tools"] = request
            .tools
            .iter()
            .map(|tool| {
                json!({"type": "function", "function": {
                    "name": tool.name,
                    "description": tool.description,
                    "parameters": tool.input_schema,
                }})
            })
            .collect();
    }
    if let Some(temperature) = request.temperature {
        body["temperature"] = json!(temperature);
    }
    if let Some(top_p) = request.top_p {
        body["top_p"] = json!(top_p);
    }
    if let Some(seed) = request.seed {
        body["seed"] = json!(seed);
    }
    if let Some(k) = request.top_logprobs {
        body["logprobs"] = json!(true);
        body["top_logprobs"] = json!(k);
    }
    if !request.stop_sequences.is_empty() {
        body["stop"] = json!(request.stop_sequences);
    }
    body
}

/// One baton message can become several chat messages: tool results travel
/// as `role: tool` messages, which must come right after the assistant
/// message that made the calls, before any other user content.
fn push_message(out: &mut Vec<Value>, message: &Message) {
    match message.role {
        Role::Assistant => {
            let text = message.text();
            let calls: Vec<Value> = message
                .tool_uses()
                .map(|(id, name, input)| {
                    let arguments = match input {
                        Value::String(raw) => raw.clone(),
                        other => other.to_string(),
                    };
                    json!({"id": id, "type": "function", "function": {"name": name, "arguments": arguments}})
                })
                .collect();
            let mut entry = json!({"role": "assistant", "content": if text.is_empty() { Value::Null } else { json!(text) }});
            if !calls.is_empty() {
                entry["tool_calls"] = Value::Array(calls);
            }
            out.push(entry);
        }
        Role::User => {
            let mut parts = Vec::new();
            for block in &message.content {
                match block {
                    ContentBlock::ToolResult {
                        tool_use_id,
                        content,
                        is_error,
                    } => {
                        let mut text = String::new();
                        if *is_error {
                            text.push_str("ERROR: ");
                        }
                        for part in content {
                            match part {
                                ToolResultContent::Text { text: t } => text.push_str(t),
                                // Tool messages carry text only; images follow as user content.
                                ToolResultContent::Image { source } => {
                                    parts.push(json!({"type": "text", "text": format!("Image returned by tool call {tool_use_id}:")}));
                                    parts.push(image_part(&source.media_type, &source.data));
                                }
                            }
                        }
                        out.push(
                            json!({"role": "tool", "tool_call_id": tool_use_id, "content": text}),
                        );
                    }
                    ContentBlock::Text { text } => {
                        parts.push(json!({"type": "text", "text": text}))
                    }
                    ContentBlock::Image { source } => {
                        parts.push(image_part(&source.media_type, &source.data))
                    }
                    ContentBlock::ToolUse { .. } => {}
                }
            }
            match parts.as_slice() {
                [] => {}
                // Plain string content is the most widely supported form.
                [single] if single["type"] == "text" => {
                    out.push(json!({"role": "user", "content": single["text"]}));
                }
                _ => out.push(json!({"role": "user", "content": parts})),
            }
        }
    }
}

fn image_part(media_type: &str, data: &str) -> Value {
    json!({"type": "image_url", "image_url": {"url": format!("data:{media_type};base64,{data}")}})
}

#[derive(Default)]
struct PartialCall {
    id: String,
    name: String,
    arguments: String,
}

/// Assembles one streamed chat completion. Pure, so it is tested on fixtures.
#[derive(Default)]
pub struct StreamAssembler {
    text: String,
    calls: BTreeMap<u64, PartialCall>,
    usage: Option<Usage>,
    logprobs: Vec<TokenLogprob>,
    finish_reason: Option<String>,
    model: Option<String>,
    done: bool,
}

impl StreamAssembler {
    pub fn is_done(&self) -> bool {
        self.done
    }

    pub fn has_finish_reason(&self) -> bool {
        self.finish_reason.is_some()
    }

    pub fn feed(&mut self, data: &str) -> Result<Vec<StreamEvent>, ModelError> {
        let data = data.trim();
        if data == "[DONE]" {
            self.done = true;
            return Ok(Vec::new());
        }
        if data.is_empty() {
            return Ok(Vec::new());
        }
        let chunk: Value = serde_json::from_str(data).map_err(|e| ModelError::Protocol {
            provider: PROVIDER,
            detail: format!(
                "chunk is not JSON ({e}): {}",
                data.chars().take(200).collect::<String>()
            ),
        })?;
        if let Some(error) = chunk.get("error") {
            let message = error["message"]
                .as_str()
                .map(str::to_owned)
                .unwrap_or_else(|| error.to_string());
            let kind = error["type"]
                .as_str()
                .or(error["code"].as_str())
                .unwrap_or("error")
                .to_owned();
            let retryable = matches!(
                kind.as_str(),
                "server_error" | "rate_limit_exceeded" | "overloaded_error"
            );
            return Err(ModelError::StreamError {
                provider: PROVIDER,
                kind,
                message,
                retryable,
            });
        }
        if self.model.is_none() {
            self.model = chunk["model"]
                .as_str()
                .filter(|m| !m.is_empty())
                .map(str::to_owned);
        }
        let mut out = Vec::new();
        if let Some(choice) = chunk["choices"]
            .as_array()
            .and_then(|choices| choices.first())
        {
            let delta = &choice["delta"];
            if let Some(text) = delta["content"].as_str().filter(|t| !t.is_empty()) {
                self.text.push_str(text);
                out.push(StreamEvent::TextDelta(text.to_owned()));
            }
            for fragment in delta["tool_calls"].as_array().into_iter().flatten() {
                let index = fragment["index"]
                    .as_u64()
                    .unwrap_or(self.calls.len() as u64);
                let call = self.calls.entry(index).or_default();
                if let Some(id) = fragment["id"].as_str().filter(|id| !id.is_empty()) {
                    call.id = id.to_owned();
                }
                let function = &fragment["function"];
                if let Some(name) = function["name"].as_str().filter(|n| !n.is_empty()) {
                    // Most servers send the name once; some repeat it whole
                    // in every fragment. Appending only a different piece
                    // handles both.
                    if call.name != name {
                        let first = call.name.is_empty();
                        call.name.push_str(name);
                        if first {
                            out.push(StreamEvent::ToolUseStarted {
                                id: ToolCallId::new(call.id.clone()),
                                name: call.name.clone(),
                            });
                        }
                    }
                }
                if let Some(arguments) = function["arguments"].as_str() {
                    call.arguments.push_str(arguments);
                }
            }
            for entry in choice["logprobs"]["content"]
                .as_array()
                .into_iter()
                .flatten()
            {
                self.logprobs.push(token_logprob(entry));
            }
            if let Some(reason) = choice["finish_reason"].as_str() {
                self.finish_reason = Some(reason.to_owned());
            }
        }
        if let Some(usage) = chunk.get("usage").filter(|u| u.is_object()) {
            let prompt = usage["prompt_tokens"].as_u64().unwrap_or(0);
            let cached = usage["prompt_tokens_details"]["cached_tokens"]
                .as_u64()
                .unwrap_or(0)
                .min(prompt);
            let parsed = Usage {
                input_tokens: prompt - cached,
                output_tokens: usage["completion_tokens"].as_u64().unwrap_or(0),
                cache_read_tokens: cached,
                cache_write_tokens: 0,
            };
            self.usage = Some(parsed);
            out.push(StreamEvent::Usage(parsed));
        }
        Ok(out)
    }

    pub fn finish(self, requested_model: &str) -> ModelResponse {
        let mut content = Vec::new();
        if !self.text.is_empty() {
            content.push(ContentBlock::Text { text: self.text });
        }
        for (index, call) in self.calls {
            let id = if call.id.is_empty() {
                format!("call_{index}")
            } else {
                call.id
            };
            content.push(ContentBlock::ToolUse {
                id: ToolCallId::new(id),
                name: call.name,
                input: parse_tool_input(&call.arguments),
            });
        }
        let has_calls = content
            .iter()
            .any(|b| matches!(b, ContentBlock::ToolUse { .. }));
        let stop_reason = match self.finish_reason.as_deref() {
            Some("tool_calls" | "function_call") => StopReason::ToolUse,
            Some("length") => StopReason::MaxTokens,
            Some("content_filter") => StopReason::Refusal,
            // Some servers say "stop" even when they returned tool calls.
            Some("stop") | None if has_calls => StopReason::ToolUse,
            Some("stop") | None => StopReason::EndTurn,
            Some(other) => {
                tracing::debug!(finish_reason = other, "unknown finish_reason");
                StopReason::Other
            }
        };
        ModelResponse {
            content,
            stop_reason,
            usage: self.usage.unwrap_or_default(),
            model: self.model.unwrap_or_else(|| requested_model.to_owned()),
            logprobs: (!self.logprobs.is_empty()).then_some(self.logprobs),
        }
    }
}

/// One entry of `choices[].logprobs.content`.
fn token_logprob(entry: &Value) -> TokenLogprob {
    let top = entry["top_logprobs"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|alt| Some((alt["token"].as_str()?.to_owned(), alt["logprob"].as_f64()?)))
        .collect();
    TokenLogprob {
        token: entry["token"].as_str().unwrap_or_default().to_owned(),
        logprob: entry["logprob"].as_f64().unwrap_or(f64::NEG_INFINITY),
        top,
    }
}
