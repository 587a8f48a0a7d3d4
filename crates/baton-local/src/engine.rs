//! The llama.cpp worker. One thread owns the model and one context and
//! serves jobs from a queue, so a model is loaded once and shared by every
//! request; concurrent requests wait their turn.
//!
//! The KV cache is kept between jobs: a new prompt that starts like the
//! previous one (an agent's growing conversation) only decodes what is new.

use std::num::NonZeroU32;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc as std_mpsc;
use std::sync::{Arc, OnceLock};

use baton_models::{CandidateScore, ModelError, TokenLogprob};
use baton_protocol::StopReason;
use llama_cpp_2::context::LlamaContext;
use llama_cpp_2::context::params::LlamaContextParams;
use llama_cpp_2::llama_backend::LlamaBackend;
use llama_cpp_2::llama_batch::LlamaBatch;
use llama_cpp_2::model::params::LlamaModelParams;
use llama_cpp_2::model::{LlamaChatMessage, LlamaChatTemplate, LlamaModel};
use llama_cpp_2::sampling::LlamaSampler;
use llama_cpp_2::token::LlamaToken;
use tokio::sync::{mpsc, oneshot};

use crate::chat::ChatTurn;
use crate::text::{StopMatcher, Utf8Stream, common_prefix};

/// Tokens decoded per llama.cpp call while reading a prompt.
const BATCH: usize = 512;
/// Used when neither the config nor the file limits the context.
const DEFAULT_CONTEXT: u32 = 8192;
/// A prompt must leave at least this much room for the answer.
const MIN_ANSWER_ROOM: usize = 16;

/// llama.cpp's backend is process-wide state that may be initialised only
/// once (llama-cpp-2 enforces this), so it is this crate's one global.
fn backend() -> Result<&'static LlamaBackend, ModelError> {
    static BACKEND: OnceLock<Result<LlamaBackend, String>> = OnceLock::new();
    BACKEND
        .get_or_init(|| {
            // llama.cpp writes its diagnostics to stderr by default; route
            // them to tracing (shown with BATON_LOG=debug) instead.
            llama_cpp_2::send_logs_to_tracing(llama_cpp_2::LogOptions::default());
            LlamaBackend::init().map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| ModelError::Inference(format!("cannot start llama.cpp: {e}")))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateChoice {
    /// The template stored in the GGUF, else ChatML.
    Auto,
    /// A llama.cpp template name (`chatml`, `llama3`, `gemma`, …).
    Named(String),
    /// No template: a plain transcript, for base models.
    None,
}

#[derive(Debug, Clone)]
pub struct LoadOptions {
    pub path: PathBuf,
    pub threads: u32,
    /// Context size in tokens; `None` for the file's own, capped at 8192.
    pub context: Option<u32>,
    pub template: TemplateChoice,
}

/// What is known about a loaded model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelFacts {
    pub architecture: String,
    pub context: u32,
    pub trained_context: u32,
    pub parameters: u64,
    /// The template in use: `gguf`, `chatml` (fallback), a name, or `none`.
    pub template: String,
}

#[derive(Debug, Clone)]
pub enum Prompt {
    /// Fed as given.
    Raw(String),
    /// Rendered with the chat template, ending where the assistant's reply begins.
    Chat(Vec<ChatTurn>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct GenParams {
    pub max_tokens: u32,
    /// 0 means greedy.
    pub temperature: f32,
    pub top_p: f32,
    pub seed: u32,
    pub stop: Vec<String>,
    pub top_logprobs: u8,
}

#[derive(Debug)]
pub enum GenEvent {
    /// The prompt was read: `tokens` in all, of which `cached` were reused.
    Prompt {
        tokens: usize,
        cached: usize,
    },
    /// Generated text (possibly empty when held back) and, if asked, the token's log-probability.
    Piece {
        text: String,
        logprob: Option<TokenLogprob>,
    },
    Done {
        stop_reason: StopReason,
        generated: usize,
    },
    Failed(ModelError),
}

pub enum Job {
    Generate {
        prompt: Prompt,
        params: GenParams,
        events: mpsc::UnboundedSender<GenEvent>,
    },
    Score {
        prompt: Prompt,
        candidates: Vec<String>,
        reply: oneshot::Sender<Result<Vec<CandidateScore>, ModelError>>,
    },
}

/// A handle to the worker; dropping the last one stops it and frees the model.
pub struct Engine {
    jobs: std_mpsc::Sender<Job>,
    pub facts: ModelFacts,
    /// Tokens generated over the engine's life; shows that cancelled
    /// generations really stop.
    generated: Arc<AtomicU64>,
}

impl Engine {
    /// Loads the model on a new worker thread. `architecture` is the
    /// file's, read beforehand, for error messages.
    pub fn load(options: LoadOptions, architecture: String) -> Result<Engine, ModelError> {
        let backend = backend()?;
        let (ready_tx, ready_rx) = std_mpsc::channel();
        let (jobs_tx, jobs_rx) = std_mpsc::channel();
        let generated = Arc::new(AtomicU64::new(0));
        let counter = generated.clone();
        std::thread::Builder::new()
            .name("baton-llama".into())
            .spawn(move || worker(backend, options, architecture, ready_tx, jobs_rx, counter))
            .map_err(|e| {
                ModelError::Inference(format!("cannot start the inference thread: {e}"))
            })?;
        let facts = ready_rx.recv().map_err(|_| {
            ModelError::Inference("the inference thread stopped while loading the model".into())
        })??;
        Ok(Engine {
            jobs: jobs_tx,
            facts,
            generated,
        })
    }

    pub fn tokens_generated(&self) -> u64 {
        self.generated.load(Ordering::Relaxed)
    }

    pub fn submit(&self, job: Job) -> Result<(), ModelError> {
        self.jobs
            .send(job)
            .map_err(|_| ModelError::Inference("the inference thread has stopped".into()))
    }
}

fn worker(
    backend: &'static LlamaBackend,
    options: LoadOptions,
    architecture: String,
    ready: std_mpsc::Sender<Result<ModelFacts, ModelError>>,
    jobs: std_mpsc::Receiver<Job>,
    generated: Arc<AtomicU64>,
) {
    let shown = options.path.display().to_string();
    let model = match LlamaModel::load_from_file(
        backend,
        &options.path,
        &LlamaModelParams::default(),
    ) {
        Ok(model) => model,
        Err(error) => {
            let _ = ready.send(Err(ModelError::ModelFile {
                path: shown,
                problem: format!(
                    "llama.cpp could not load it ({error}). Its architecture is `{architecture}`: either the file is truncated or corrupt, or this build of llama.cpp does not support `{architecture}`"
                ),
            }));
            return;
        }
    };
    let trained = model.n_ctx_train();
    let context = options
        .context
        .unwrap_or_else(|| {
            if trained > 0 {
                trained.min(DEFAULT_CONTEXT)
            } else {
                DEFAULT_CONTEXT
            }
        })
        .max(64);
    let threads = i32::try_from(options.threads.max(1)).unwrap_or(1);
    let params = LlamaContextParams::default()
        .with_n_ctx(NonZeroU32::new(context))
        .with_n_batch(BATCH as u32)
        .with_n_threads(threads)
        .with_n_threads_batch(threads);
    let ctx = match model.new_context(backend, params) {
        Ok(ctx) => ctx,
        Err(error) => {
            let _ = ready.send(Err(ModelError::ModelFile {
                path: shown,
                problem: format!("llama.cpp could not create a {context}-token context ({error}); try a smaller context_window"),
            }));
            return;
        }
    };
    let (template, template_name) = match &options.template {
        TemplateChoice::None => (None, "none".to_owned()),
        TemplateChoice::Named(name) => (LlamaChatTemplate::new(name).ok(), name.clone()),
        TemplateChoice::Auto => match model.chat_template(None) {
            Ok(template) => (Some(template), "gguf".to_owned()),
            Err(_) => (LlamaChatTemplate::new("chatml").ok(), "chatml".to_owned()),
        },
    };
    let facts = ModelFacts {
        architecture,
        context,
        trained_context: trained,
        parameters: model.n_params(),
        template: template_name,
    };
    if ready.send(Ok(facts)).is_err() {
        return;
    }
    let mut session = Session {
        generated,
        model: &model,
        ctx,
        cached: Vec::new(),
        batch: LlamaBatch::new(BATCH, 1),
        context: context as usize,
        template,
    };
    while let Ok(job) = jobs.recv() {
        match job {
            Job::Generate {
                prompt,
                params,
                events,
            } => {
                if let Err(error) = session.generate(&prompt, &params, &events) {
                    let _ = events.send(GenEvent::Failed(error));
                }
            }
            Job::Score {
                prompt,
                candidates,
                reply,
            } => {
                let _ = reply.send(session.score(&prompt, &candidates));
            }
        }
    }
}

struct Session<'m> {
    generated: Arc<AtomicU64>,
    model: &'m LlamaModel,
    ctx: LlamaContext<'m>,
    /// The tokens in the KV cache (sequence 0), in order.
    cached: Vec<LlamaToken>,
    batch: LlamaBatch<'static>,
    context: usize,
    template: Option<LlamaChatTemplate>,
}

impl Session<'_> {
    fn render(&self, prompt: &Prompt) -> String {
        match prompt {
            Prompt::Raw(text) => text.clone(),
            Prompt::Chat(turns) => match &self.template {
                Some(template) => self.apply_template(template, turns).unwrap_or_else(|| {
                    // Templates llama.cpp cannot interpret fall back to ChatML.
                    LlamaChatTemplate::new("chatml")
                        .ok()
                        .and_then(|chatml| self.apply_template(&chatml, turns))
                        .unwrap_or_else(|| plain_transcript(turns))
                }),
                None => plain_transcript(turns),
            },
        }
    }

    fn apply_template(&self, template: &LlamaChatTemplate, turns: &[ChatTurn]) -> Option<String> {
        let messages: Vec<LlamaChatMessage> = turns
            .iter()
            .filter_map(|turn| {
                LlamaChatMessage::new(turn.role.to_owned(), turn.content.replace('\0', "")).ok()
            })
            .collect();
        self.model
            .apply_chat_template(template, &messages, true)
            .ok()
    }

    /// Tokenizes with the model's beginning-of-sequence token unless the
    /// rendered template already starts with it.
    fn tokenize(&self, text: &str) -> Vec<LlamaToken> {
        let vocab = self.model.vocab();
        let mut tokens = Vec::new();
        if vocab.should_add_bos() {
            let bos = vocab.bos();
            let bos_text = vocab.token_to_piece(bos, true, None);
            if bos_text.is_empty() || !text.as_bytes().starts_with(&bos_text) {
                tokens.push(bos);
            }
        }
        tokens.extend(vocab.tokenize(text.as_bytes(), false, true));
        tokens
    }

    /// Makes the KV cache hold exactly `tokens`, decoding only what differs
    /// from what is cached. Returns the batch index of the last token's logits.
    fn feed(&mut self, tokens: &[LlamaToken]) -> Result<i32, ModelError> {
        let mut keep = common_prefix(&self.cached, tokens);
        // The last token is always decoded: its logits are what we need.
        if keep == tokens.len() {
            keep = keep.saturating_sub(1);
        }
        if keep < self.cached.len() {
            let from = u32::try_from(keep).unwrap_or(u32::MAX);
            self.ctx
                .kv_cache_seq_rm(0, Some(from), None)
                .map_err(|e| ModelError::Inference(e.to_string()))?;
            self.cached.truncate(keep);
        }
        let fresh = &tokens[keep..];
        let chunks = fresh.len().div_ceil(BATCH);
        for (chunk_index, chunk) in fresh.chunks(BATCH).enumerate() {
            self.batch.clear();
            let last_chunk = chunk_index + 1 == chunks;
            for (i, token) in chunk.iter().enumerate() {
                let position = self.cached.len() + i;
                let logits = last_chunk && i + 1 == chunk.len();
                self.batch
                    .add(*token, position as i32, &[0], logits)
                    .map_err(|e| ModelError::Inference(e.to_string()))?;
            }
            if let Err(error) = self.ctx.decode(&mut self.batch) {
                self.reset();
                return Err(ModelError::Inference(format!(
                    "decoding the prompt failed: {error}"
                )));
            }
            self.cached.extend_from_slice(chunk);
        }
        Ok(self.batch.n_tokens() - 1)
    }

    /// Appends one token and decodes it; its logits are at index 0.
    fn step(&mut self, token: LlamaToken) -> Result<i32, ModelError> {
        self.batch.clear();
        self.batch
            .add(token, self.cached.len() as i32, &[0], true)
            .map_err(|e| ModelError::Inference(e.to_string()))?;
        if let Err(error) = self.ctx.decode(&mut self.batch) {
            self.reset();
            return Err(ModelError::Inference(format!("decoding failed: {error}")));
        }
        self.cached.push(token);
        Ok(0)
    }

    fn reset(&mut self) {
        self.ctx.clear_kv_cache();
        self.cached.clear();
    }

    fn check_room(&self, prompt_tokens: usize, answer: usize) -> Result<(), ModelError> {
        let reserved = answer.clamp(1, MIN_ANSWER_ROOM);
        if prompt_tokens + reserved > self.context {
            return Err(ModelError::ContextOverflow {
                model: "the local model".into(),
                prompt_tokens,
                context: self.context,
                reserved,
            });
        }
        Ok(())
    }

    fn generate(
        &mut self,
        prompt: &Prompt,
        params: &GenParams,
        events: &mpsc::UnboundedSender<GenEvent>,
    ) -> Result<(), ModelError> {
        let text = self.render(prompt);
        let tokens = self.tokenize(&text);
        if tokens.is_empty() {
            return Err(ModelError::Inference("the prompt is empty".into()));
        }
        self.check_room(tokens.len(), params.max_tokens as usize)?;
        let reused = common_prefix(&self.cached, &tokens).min(tokens.len() - 1);
        if events
            .send(GenEvent::Prompt {
                tokens: tokens.len(),
                cached: reused,
            })
            .is_err()
        {
            return Ok(());
        }
        let mut index = self.feed(&tokens)?;
        let mut sampler = sampler(params);
        let vocab = self.model.vocab();
        let mut utf8 = Utf8Stream::default();
        let mut stops = StopMatcher::new(&params.stop);
        let budget = (params.max_tokens as usize).min(self.context - self.cached.len());
        let mut generated = 0;
        let mut stop_reason = StopReason::MaxTokens;
        while generated < budget {
            // A closed channel means the caller dropped the stream: cancelled.
            if events.is_closed() {
                return Ok(());
            }
            let token = sampler.sample(&self.ctx, index);
            if vocab.is_eog(token) {
                stop_reason = StopReason::EndTurn;
                break;
            }
            generated += 1;
            self.generated.fetch_add(1, Ordering::Relaxed);
            let logprob = (params.top_logprobs > 0)
                .then(|| self.token_logprob(index, token, params.top_logprobs));
            let released = stops.push(&utf8.push(&vocab.token_to_piece(token, false, None)));
            if events
                .send(GenEvent::Piece {
                    text: released.text,
                    logprob,
                })
                .is_err()
            {
                return Ok(());
            }
            if released.stopped {
                stop_reason = StopReason::StopSequence;
                break;
            }
            if generated < budget {
                index = self.step(token)?;
            }
        }
        if stop_reason != StopReason::StopSequence {
            let tail = stops.push(&utf8.finish());
            let rest = if tail.stopped {
                tail.text
            } else {
                tail.text + &stops.finish()
            };
            if tail.stopped {
                stop_reason = StopReason::StopSequence;
            }
            if !rest.is_empty() {
                let _ = events.send(GenEvent::Piece {
                    text: rest,
                    logprob: None,
                });
            }
        }
        let _ = events.send(GenEvent::Done {
            stop_reason,
            generated,
        });
        Ok(())
    }

    /// Log-probabilities of the model's distribution at a position (before
    /// any sampling transforms), for the chosen token and the top `k`.
    fn token_logprob(&self, index: i32, chosen: LlamaToken, k: u8) -> TokenLogprob {
        let logits = self.ctx.get_logits_ith(index);
        let normalizer = log_sum_exp(logits);
        let logprob_of = |token: LlamaToken| logprob_in(logits, normalizer, token);
        let mut order: Vec<usize> = (0..logits.len()).collect();
        let k = usize::from(k).min(order.len());
        if k > 0 {
            order.select_nth_unstable_by(k - 1, |a, b| logits[*b].total_cmp(&logits[*a]));
            order.truncate(k);
            order.sort_by(|a, b| logits[*b].total_cmp(&logits[*a]));
        }
        let top = order
            .into_iter()
            .take(k)
            .map(|i| {
                let token = LlamaToken(i as i32);
                (self.piece(token), logprob_of(token))
            })
            .collect();
        TokenLogprob {
            token: self.piece(chosen),
            logprob: logprob_of(chosen),
            top,
        }
    }

    fn piece(&self, token: LlamaToken) -> String {
        String::from_utf8_lossy(&self.model.vocab().token_to_piece(token, true, None)).into_owned()
    }

    fn logprob_at(&self, index: i32, token: LlamaToken) -> f64 {
        let logits = self.ctx.get_logits_ith(index);
        logprob_in(logits, log_sum_exp(logits), token)
    }

    /// The log-probability of each candidate continuing the prompt. The
    /// prompt and prompt+candidate are tokenized together and split at the
    /// prompt's length, so a token that straddles the boundary is scored
    /// as part of the candidate.
    fn score(
        &mut self,
        prompt: &Prompt,
        candidates: &[String],
    ) -> Result<Vec<CandidateScore>, ModelError> {
        let text = self.render(prompt);
        let prompt_len = self.tokenize(&text).len();
        let mut scores = Vec::with_capacity(candidates.len());
        for candidate in candidates {
            let whole = self.tokenize(&format!("{text}{candidate}"));
            let split = prompt_len.min(whole.len()).max(1);
            let (context, continuation) = whole.split_at(split);
            if continuation.is_empty() {
                scores.push(CandidateScore {
                    logprob: 0.0,
                    tokens: 0,
                });
                continue;
            }
            self.check_room(whole.len(), 0)?;
            let index = self.feed(context)?;
            let mut total = self.logprob_at(index, continuation[0]);
            // Decode all but the last candidate token with logits everywhere:
            // position i predicts token i + 1.
            for chunk in continuation[..continuation.len() - 1]
                .chunks(BATCH)
                .enumerate()
                .map(|(n, c)| (n * BATCH, c))
            {
                let (offset, tokens) = chunk;
                self.batch.clear();
                for (i, token) in tokens.iter().enumerate() {
                    let position = self.cached.len() + i;
                    self.batch
                        .add(*token, position as i32, &[0], true)
                        .map_err(|e| ModelError::Inference(e.to_string()))?;
                }
                if let Err(error) = self.ctx.decode(&mut self.batch) {
                    self.reset();
                    return Err(ModelError::Inference(format!("scoring failed: {error}")));
                }
                self.cached.extend_from_slice(tokens);
                for i in 0..tokens.len() {
                    total += self.logprob_at(i as i32, continuation[offset + i + 1]);
                }
            }
            scores.push(CandidateScore {
                logprob: total,
                tokens: continuation.len(),
            });
        }
        Ok(scores)
    }
}

fn sampler(params: &GenParams) -> LlamaSampler {
    if params.temperature <= 0.0 {
        LlamaSampler::greedy()
    } else {
        LlamaSampler::chain_simple([
            LlamaSampler::top_p(params.top_p.clamp(0.0, 1.0), 1),
            LlamaSampler::temp(params.temperature),
            LlamaSampler::dist(params.seed),
        ])
    }
}

/// A token's log-probability given the position's logits and their log-sum-exp.
fn logprob_in(logits: &[f32], normalizer: f64, token: LlamaToken) -> f64 {
    usize::try_from(token.0)
        .ok()
        .and_then(|i| logits.get(i))
        .map_or(f64::NEG_INFINITY, |l| f64::from(*l) - normalizer)
}

fn log_sum_exp(logits: &[f32]) -> f64 {
    let max = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    if !max.is_finite() {
        return f64::from(max);
    }
    let sum: f64 = logits.iter().map(|l| f64::from(l - max).exp()).sum();
    f64::from(max) + sum.ln()
}

/// For models without a chat template (base models): a plain transcript
/// that ends where the assistant's turn begins.
fn plain_transcript(turns: &[ChatTurn]) -> String {
    let mut out = String::new();
    for turn in turns {
        match turn.role {
            "system" => out.push_str(&format!("{}\n\n", turn.content)),
            "user" => out.push_str(&format!("User: {}\n", turn.content)),
            _ => out.push_str(&format!("Assistant: {}\n", turn.content)),
        }
    }
    out.push_str("Assistant:");
    out
}
