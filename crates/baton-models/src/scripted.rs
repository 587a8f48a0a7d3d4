//! A model that replays a script: deterministic assistant turns for tests,
//! demos and benchmarks. The format is documented in `docs/scripted.md`.
//!
//! Each call to [`ModelClient::stream`] consumes the next turn. A turn is
//! either a reply (text and/or tool calls, with optional usage and latency)
//! or an error, which goes through the same retry policy as a real provider.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use baton_protocol::{ContentBlock, Price, StopReason, ToolCallId, Usage};
use serde::Deserialize;
use serde_json::Value;

use crate::retry::{RetryPolicy, with_retries};
use crate::{
    ModelClient, ModelError, ModelInfo, ModelRequest, ModelResponse, ModelStream, StreamEvent,
};

pub const PROVIDER: &str = "scripted";
/// `repeat` is expanded up front; this bounds the memory a script can ask for.
const MAX_TURNS: usize = 1_000_000;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScriptFile {
    #[serde(default)]
    model: Option<String>,
    #[serde(default)]
    price: Option<Price>,
    #[serde(default)]
    context_window: Option<u64>,
    #[serde(default)]
    cursor: Cursor,
    turns: Vec<Turn>,
}

/// How a call finds its turn.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Cursor {
    /// The next turn, counted across every call to this client.
    #[default]
    Counter,
    /// The turn numbered by the request's assistant messages, so each agent
    /// sharing the script follows it from the start, and a resumed session
    /// picks up where its conversation ended.
    Conversation,
}

/// The file is either `{"turns": [...], ...}` or just the array of turns.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum ScriptShape {
    Full(ScriptFile),
    Turns(Vec<Turn>),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Turn {
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    tool_calls: Vec<ScriptedCall>,
    #[serde(default)]
    stop_reason: Option<StopReason>,
    #[serde(default)]
    usage: Option<Usage>,
    /// Wait before the first token, in milliseconds.
    #[serde(default)]
    latency_ms: u64,
    #[serde(default = "one")]
    repeat: usize,
    #[serde(default)]
    error: Option<ScriptedError>,
}

fn one() -> usize {
    1
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScriptedCall {
    #[serde(default)]
    id: Option<String>,
    name: String,
    /// Arguments as JSON.
    #[serde(default)]
    input: Option<Value>,
    /// Arguments as raw text, to simulate a model emitting malformed JSON.
    #[serde(default)]
    arguments: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScriptedError {
    /// An HTTP status to simulate (429, 529, 500, 400, …).
    #[serde(default)]
    status: Option<u16>,
    message: String,
    /// Overrides the status's usual retryability; for stream errors.
    #[serde(default)]
    retryable: Option<bool>,
}

/// A loaded script and the position of the next turn.
pub struct ScriptedClient {
    info: ModelInfo,
    path: String,
    turns: Arc<Vec<Turn>>,
    cursor: Cursor,
    next: Arc<AtomicUsize>,
    retry: RetryPolicy,
}

impl ScriptedClient {
    /// Loads and validates the script; errors name the file and the turn.
    pub fn load(path: &Path, name: &str) -> Result<Self, ModelError> {
        let text = std::fs::read_to_string(path).map_err(|e| ModelError::Script {
            path: path.display().to_string(),
            detail: format!("cannot read it: {e}"),
        })?;
        Self::parse(&text, path, name)
    }

    pub fn parse(text: &str, path: &Path, name: &str) -> Result<Self, ModelError> {
        let shown = path.display().to_string();
        let fail = |detail: String| ModelError::Script {
            path: shown.clone(),
            detail,
        };
        let shape: ScriptShape = serde_json::from_str(text).map_err(|e| {
            // serde's untagged error hides the cause; reparse as the full form to name it.
            let detail = match serde_json::from_str::<ScriptFile>(text) {
                Err(inner) => inner.to_string(),
                Ok(_) => e.to_string(),
            };
            fail(format!(
                "not a valid script: {detail} (see docs/scripted.md)"
            ))
        })?;
        let file = match shape {
            ScriptShape::Full(file) => file,
            ScriptShape::Turns(turns) => ScriptFile {
                model: None,
                price: None,
                context_window: None,
                cursor: Cursor::Counter,
                turns,
            },
        };
        let mut turns = Vec::new();
        for (index, turn) in file.turns.iter().enumerate() {
            let has_reply = turn.text.is_some() || !turn.tool_calls.is_empty();
            if turn.error.is_some() && has_reply {
                return Err(fail(format!(
                    "turn {}: a turn has either `error` or a reply (`text`, `tool_calls`), not both",
                    index + 1
                )));
            }
            if turn.error.is_none() && !has_reply {
                return Err(fail(format!(
                    "turn {}: give `text`, `tool_calls` or `error`",
                    index + 1
                )));
            }
            for call in &turn.tool_calls {
                if call.input.is_some() && call.arguments.is_some() {
                    return Err(fail(format!(
                        "turn {}: tool call `{}` has both `input` and `arguments`",
                        index + 1,
                        call.name
                    )));
                }
            }
            if turns.len() + turn.repeat > MAX_TURNS {
                return Err(fail(format!(
                    "the script expands to more than {MAX_TURNS} turns"
                )));
            }
            turns.extend(std::iter::repeat_n(turn.clone(), turn.repeat));
        }
        let model_id = file.model.unwrap_or_else(|| "scripted".to_owned());
        Ok(Self {
            info: ModelInfo {
                name: name.to_owned(),
                model_id,
                provider: PROVIDER,
                price: file.price,
                context_window: file.context_window.unwrap_or(200_000),
                max_output_tokens: 8_192,
                sampling: Default::default(),
            },
            path: shown,
            turns: Arc::new(turns),
            cursor: file.cursor,
            next: Arc::new(AtomicUsize::new(0)),
            retry: RetryPolicy::immediate(3),
        })
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn with_price(mut self, price: Option<Price>) -> Self {
        if price.is_some() {
            self.info.price = price;
        }
        self
    }

    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    pub fn turns_left(&self) -> usize {
        self.turns
            .len()
            .saturating_sub(self.next.load(Ordering::SeqCst))
    }
}

impl ModelClient for ScriptedClient {
    fn info(&self) -> &ModelInfo {
        &self.info
    }

    fn stream(&self, request: ModelRequest) -> ModelStream {
        let turns = self.turns.clone();
        let next = self.next.clone();
        let path = self.path.clone();
        let model = self.info.model_id.clone();
        let request = Arc::new(request);
        let cursor = self.cursor;
        let answered = request
            .messages
            .iter()
            .filter(|m| m.role == baton_protocol::Role::Assistant)
            .count();
        // Each retry of an error turn moves on to the turn after it.
        let attempts = AtomicUsize::new(0);
        with_retries(PROVIDER, self.retry.clone(), move || {
            let index = match cursor {
                Cursor::Counter => next.fetch_add(1, Ordering::SeqCst),
                Cursor::Conversation => answered + attempts.fetch_add(1, Ordering::SeqCst),
            };
            play(
                turns.clone(),
                index,
                path.clone(),
                model.clone(),
                request.clone(),
            )
        })
    }
}

fn play(
    turns: Arc<Vec<Turn>>,
    index: usize,
    path: String,
    model: String,
    request: Arc<ModelRequest>,
) -> ModelStream {
    Box::pin(async_stream::try_stream! {
        let Some(turn) = turns.get(index) else {
            Err(ModelError::Script {
                path,
                detail: format!("the script has no turn left (it has {} turns); add turns or lower --max-turns", turns.len()),
            })?;
            return;
        };
        if turn.latency_ms > 0 {
            tokio::time::sleep(Duration::from_millis(turn.latency_ms)).await;
        }
        if let Some(error) = &turn.error {
            Err(scripted_error(error))?;
        }
        let task = request
            .messages
            .first()
            .map(baton_protocol::Message::text)
            .unwrap_or_default();
        let mut text = fill(turn.text.as_deref().unwrap_or_default(), &task);
        let mut stop_reason = turn.stop_reason;
        if let Some(cut) = request.stop_sequences.iter().filter_map(|stop| text.find(stop.as_str())).min() {
            text.truncate(cut);
            stop_reason = Some(StopReason::StopSequence);
        }
        let usage = turn.usage.unwrap_or_else(|| estimate_usage(&request, &text, turn));
        yield StreamEvent::Usage(Usage { output_tokens: 0, ..usage });
        for piece in split_words(&text) {
            yield StreamEvent::TextDelta(piece.to_owned());
        }
        let mut content = Vec::new();
        if !text.is_empty() {
            content.push(ContentBlock::Text { text });
        }
        for (i, call) in turn.tool_calls.iter().enumerate() {
            let id = ToolCallId::new(call.id.clone().unwrap_or_else(|| format!("call_{}_{}", index + 1, i + 1)));
            yield StreamEvent::ToolUseStarted { id: id.clone(), name: call.name.clone() };
            let input = match (&call.input, &call.arguments) {
                (Some(input), _) => fill_value(input, &task),
                (None, Some(raw)) => crate::anthropic::parse_tool_input(raw),
                (None, None) => Value::Object(Default::default()),
            };
            content.push(ContentBlock::ToolUse { id, name: call.name.clone(), input });
        }
        let stop_reason = stop_reason.unwrap_or(if turn.tool_calls.is_empty() { StopReason::EndTurn } else { StopReason::ToolUse });
        yield StreamEvent::Usage(usage);
        yield StreamEvent::Finished(ModelResponse { content, stop_reason, usage, model, logprobs: None });
    })
}

/// `{{task}}` in a turn's text or tool input stands for the agent's task
/// (its first message), so one script can drive several sub-agents.
fn fill(text: &str, task: &str) -> String {
    text.replace("{{task}}", task)
}

fn fill_value(value: &Value, task: &str) -> Value {
    match value {
        Value::String(text) => Value::String(fill(text, task)),
        Value::Array(items) => Value::Array(items.iter().map(|v| fill_value(v, task)).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), fill_value(v, task)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn scripted_error(error: &ScriptedError) -> ModelError {
    match error.status {
        Some(status) => {
            let http = ModelError::Http {
                provider: PROVIDER,
                status,
                message: error.message.clone(),
                retry_after: None,
            };
            match error.retryable {
                Some(retryable) if retryable != http.is_retryable() => ModelError::StreamError {
                    provider: PROVIDER,
                    kind: format!("http_{status}"),
                    message: error.message.clone(),
                    retryable,
                },
                _ => http,
            }
        }
        None => ModelError::StreamError {
            provider: PROVIDER,
            kind: "scripted_error".into(),
            message: error.message.clone(),
            retryable: error.retryable.unwrap_or(false),
        },
    }
}

/// Roughly four characters per token: deterministic, and close enough
/// for budgets and benchmarks to behave like the real thing.
fn estimate_usage(request: &ModelRequest, text: &str, turn: &Turn) -> Usage {
    let mut input_chars = request.system.as_ref().map_or(0, String::len);
    for message in request.messages.iter() {
        input_chars += serde_json::to_string(&message.content).map_or(0, |s| s.len());
    }
    for tool in request.tools.iter() {
        input_chars += tool.description.len() + tool.input_schema.to_string().len();
    }
    let mut output_chars = text.len();
    for call in &turn.tool_calls {
        output_chars += call.name.len();
        output_chars += call.input.as_ref().map_or(0, |v| v.to_string().len());
        output_chars += call.arguments.as_ref().map_or(0, String::len);
    }
    Usage {
        input_tokens: input_chars.div_ceil(4) as u64,
        output_tokens: output_chars.div_ceil(4) as u64,
        ..Usage::default()
    }
}

/// Splits after each run of whitespace, so the pieces concatenate back to the text.
fn split_words(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let after_space = rest[word_end..]
            .find(|c: char| !c.is_whitespace())
            .map_or(rest.len(), |n| word_end + n);
        let (piece, tail) = rest.split_at(after_space);
        rest = tail;
        Some(piece)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collect;

    fn client(text: &str) -> ScriptedClient {
        ScriptedClient::parse(text, Path::new("t.json"), "scripted:t.json").unwrap()
    }

    #[test]
    fn words_split_and_rejoin() {
        let text = "  hello  wide\nworld ";
        assert_eq!(split_words(text).collect::<String>(), text);
        assert_eq!(split_words("a b").collect::<Vec<_>>(), vec!["a ", "b"]);
    }

    #[tokio::test]
    async fn conversation_cursor_follows_each_agents_messages_and_fills_the_task() {
        use baton_protocol::Message;
        let model = client(
            r#"{"cursor": "conversation", "turns": [
                {"error": {"status": 529, "message": "busy"}},
                {"tool_calls": [{"name": "append", "input": {"line": "{{task}}-1"}}]},
                {"text": "{{task}} done"}]}"#,
        );
        let request = |messages: Vec<Message>| ModelRequest {
            messages: Arc::new(messages),
            ..ModelRequest::default()
        };
        // A first call fails, and its retry takes the next turn.
        let first = collect(
            model.stream(request(vec![Message::user_text("alpha")])),
            |_| {},
        )
        .await
        .unwrap();
        assert!(
            matches!(&first.content[0], ContentBlock::ToolUse { input, .. } if input["line"] == "alpha-1"),
            "{first:?}"
        );
        // Another agent, or the same conversation in a fresh process, starts
        // where its own messages say, whatever was played before.
        let answered = vec![Message::user_text("beta"), Message::assistant_text("…")];
        let second = collect(model.stream(request(answered.clone())), |_| {})
            .await
            .unwrap();
        assert!(
            matches!(&second.content[0], ContentBlock::ToolUse { input, .. } if input["line"] == "beta-1"),
            "{second:?}"
        );
        let mut two = answered;
        two.push(Message::user_text("ok"));
        two.push(Message::assistant_text("…"));
        let third = collect(model.stream(request(two)), |_| {}).await.unwrap();
        assert_eq!(third.content, vec![ContentBlock::text("beta done")]);
    }

    #[tokio::test]
    async fn turns_play_in_order_then_run_out() {
        let model = client(
            r#"[{"text": "one"}, {"tool_calls": [{"name": "grep", "input": {"pattern": "x"}}]}]"#,
        );
        let first = collect(model.stream(ModelRequest::default()), |_| {})
            .await
            .unwrap();
        assert_eq!(first.content, vec![ContentBlock::text("one")]);
        assert_eq!(first.stop_reason, StopReason::EndTurn);
        let second = collect(model.stream(ModelRequest::default()), |_| {})
            .await
            .unwrap();
        assert_eq!(second.stop_reason, StopReason::ToolUse);
        assert!(
            matches!(&second.content[0], ContentBlock::ToolUse { id, name, .. } if id.as_str() == "call_2_1" && name == "grep")
        );
        let third = collect(model.stream(ModelRequest::default()), |_| {})
            .await
            .unwrap_err();
        assert!(
            third.to_string().contains("no turn left (it has 2 turns)"),
            "{third}"
        );
    }

    #[tokio::test]
    async fn retryable_errors_consume_a_turn_and_retry() {
        let model = client(
            r#"{"turns": [{"error": {"status": 529, "message": "Overloaded"}}, {"text": "ok"}]}"#,
        );
        let mut retries = 0;
        let response = collect(model.stream(ModelRequest::default()), |e| {
            if matches!(e, StreamEvent::Retrying { .. }) {
                retries += 1;
            }
        })
        .await
        .unwrap();
        assert_eq!(retries, 1);
        assert_eq!(response.content, vec![ContentBlock::text("ok")]);
    }

    #[tokio::test]
    async fn fatal_errors_surface() {
        let model =
            client(r#"[{"error": {"status": 400, "message": "bad request"}}, {"text": "never"}]"#);
        let error = collect(model.stream(ModelRequest::default()), |_| {})
            .await
            .unwrap_err();
        assert_eq!(error.to_string(), "scripted returned HTTP 400: bad request");
    }

    #[tokio::test]
    async fn malformed_arguments_are_kept_raw() {
        let model =
            client(r#"[{"tool_calls": [{"name": "grep", "arguments": "{\"pattern\": "}]}]"#);
        let response = collect(model.stream(ModelRequest::default()), |_| {})
            .await
            .unwrap();
        assert!(
            matches!(&response.content[0], ContentBlock::ToolUse { input: Value::String(raw), .. } if raw == "{\"pattern\": ")
        );
    }

    #[tokio::test]
    async fn stop_sequences_cut_the_text() {
        let model = client(r#"[{"text": "alpha STOP beta"}]"#);
        let request = ModelRequest {
            stop_sequences: vec!["STOP".into()],
            ..ModelRequest::default()
        };
        let response = collect(model.stream(request), |_| {}).await.unwrap();
        assert_eq!(response.content, vec![ContentBlock::text("alpha ")]);
        assert_eq!(response.stop_reason, StopReason::StopSequence);
    }

    #[test]
    fn repeat_expands_and_bad_scripts_are_explained() {
        let model =
            client(r#"{"model": "m", "turns": [{"text": "x", "repeat": 3}, {"text": "y"}]}"#);
        assert_eq!(model.turns_left(), 4);
        let bad = |text: &str| {
            ScriptedClient::parse(text, Path::new("s.json"), "s")
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        assert!(bad("[{}]").contains("turn 1: give `text`, `tool_calls` or `error`"));
        assert!(
            bad(r#"{"turns": [{"txt": "x"}]}"#).contains("unknown field `txt`"),
            "{}",
            bad(r#"{"turns": [{"txt": "x"}]}"#)
        );
        assert!(bad("not json").starts_with("scripted model s.json: not a valid script"));
        assert!(
            bad(r#"[{"text": "x", "error": {"message": "m"}}]"#)
                .contains("either `error` or a reply")
        );
    }

    #[tokio::test]
    async fn usage_is_estimated_when_not_given() {
        let model = client(
            r#"[{"text": "12345678"}, {"text": "x", "usage": {"input_tokens": 7, "output_tokens": 9}}]"#,
        );
        let request = ModelRequest {
            system: Some("s".repeat(40)),
            ..ModelRequest::default()
        };
        let first = collect(model.stream(request.clone()), |_| {})
            .await
            .unwrap();
        assert_eq!(
            (first.usage.input_tokens, first.usage.output_tokens),
            (10, 2)
        );
        let second = collect(model.stream(request), |_| {}).await.unwrap();
        assert_eq!(
            (second.usage.input_tokens, second.usage.output_tokens),
            (7, 9)
        );
    }
}
