//! Test models: a scripted model that records its requests, and a fake
//! labeller that reports chosen log-probabilities.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use baton_models::scripted::ScriptedClient;
use baton_models::{
    CandidateScore, ModelClient, ModelError, ModelInfo, ModelRequest, ModelResponse, ModelStream,
    ScorePrompt, Scorer, StreamEvent, TokenLogprob,
};
use baton_protocol::{ContentBlock, StopReason, Usage};

/// The paper's data files, shared by the workplace's checkouts next to
/// the repository (`../shared/data/cai`). They are not ours to commit, and
/// a clean clone elsewhere (CI) does not have them: then the tests that
/// read them say so and return, unless `BATON_REQUIRE_SHARED_DATA` is set.
pub fn cai_data(file: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/cai")
        .join(file);
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var_os("BATON_REQUIRE_SHARED_DATA").is_none(),
        "{} is missing and BATON_REQUIRE_SHARED_DATA is set",
        path.display()
    );
    eprintln!(
        "skipped: {} is not here (no shared data in this checkout)",
        path.display()
    );
    None
}

pub fn scripted(json: &str) -> ScriptedClient {
    ScriptedClient::parse(json, Path::new("test.json"), "scripted:test").unwrap()
}

/// Replies with the given texts in order (counter cursor).
pub fn replies(texts: &[&str]) -> ScriptedClient {
    let turns: Vec<_> = texts
        .iter()
        .map(|t| serde_json::json!({"text": t}))
        .collect();
    scripted(&serde_json::json!({ "turns": turns }).to_string())
}

/// A scripted model that keeps every request it is sent.
pub struct Recorder {
    pub inner: ScriptedClient,
    pub requests: Mutex<Vec<ModelRequest>>,
}

impl Recorder {
    pub fn new(inner: ScriptedClient) -> Self {
        Self {
            inner,
            requests: Mutex::new(Vec::new()),
        }
    }

    pub fn requests(&self) -> Vec<ModelRequest> {
        self.requests.lock().unwrap().clone()
    }

    /// The text of each request's last user message.
    pub fn prompts(&self) -> Vec<String> {
        self.requests()
            .iter()
            .map(|r| r.messages.last().map(|m| m.text()).unwrap_or_default())
            .collect()
    }
}

impl ModelClient for Recorder {
    fn info(&self) -> &ModelInfo {
        self.inner.info()
    }

    fn stream(&self, request: ModelRequest) -> ModelStream {
        self.requests.lock().unwrap().push(request.clone());
        self.inner.stream(request)
    }
}

/// A labeller with a scorer: `score` decides the log-probabilities of
/// " (A)" and " (B)" from the prompt; generation replays a script.
pub struct ScoringLabeller {
    pub inner: ScriptedClient,
    pub score: fn(&str) -> (f64, f64),
    pub scored: Mutex<Vec<(String, Vec<String>)>>,
}

impl ScoringLabeller {
    pub fn new(score: fn(&str) -> (f64, f64)) -> Self {
        Self::with_script(score, replies(&["reasoning"; 50]))
    }

    pub fn with_script(score: fn(&str) -> (f64, f64), inner: ScriptedClient) -> Self {
        Self {
            inner,
            score,
            scored: Mutex::new(Vec::new()),
        }
    }
}

#[async_trait::async_trait]
impl Scorer for ScoringLabeller {
    async fn score(
        &self,
        prompt: &ScorePrompt,
        candidates: &[String],
    ) -> Result<Vec<CandidateScore>, ModelError> {
        let ScorePrompt::Raw(text) = prompt else {
            panic!("the labeller scores raw text");
        };
        self.scored
            .lock()
            .unwrap()
            .push((text.clone(), candidates.to_vec()));
        let (a, b) = (self.score)(text);
        Ok(vec![
            CandidateScore {
                logprob: a,
                tokens: 3,
            },
            CandidateScore {
                logprob: b,
                tokens: 3,
            },
        ])
    }
}

impl ModelClient for ScoringLabeller {
    fn info(&self) -> &ModelInfo {
        self.inner.info()
    }

    fn stream(&self, request: ModelRequest) -> ModelStream {
        self.inner.stream(request)
    }

    fn scorer(&self) -> Option<&dyn Scorer> {
        Some(self)
    }
}

/// An OpenAI-compatible-style labeller: every reply is `text` with the
/// given per-token log-probabilities.
pub struct LogprobLabeller {
    pub info: ModelInfo,
    pub text: String,
    pub logprobs: Option<Vec<TokenLogprob>>,
    pub requests: Mutex<Vec<ModelRequest>>,
}

impl LogprobLabeller {
    pub fn new(text: &str, logprobs: Option<Vec<TokenLogprob>>) -> Self {
        Self {
            info: replies(&["x"]).info().clone(),
            text: text.to_owned(),
            logprobs,
            requests: Mutex::new(Vec::new()),
        }
    }
}

impl ModelClient for LogprobLabeller {
    fn info(&self) -> &ModelInfo {
        &self.info
    }

    fn stream(&self, request: ModelRequest) -> ModelStream {
        self.requests.lock().unwrap().push(request);
        let response = ModelResponse {
            content: vec![ContentBlock::text(self.text.clone())],
            stop_reason: StopReason::EndTurn,
            usage: Usage {
                input_tokens: 10,
                output_tokens: 1,
                ..Usage::default()
            },
            model: "fake".into(),
            logprobs: self.logprobs.clone(),
        };
        Box::pin(futures::stream::iter([Ok(StreamEvent::Finished(response))]))
    }
}
