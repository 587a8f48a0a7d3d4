//! Model providers behind one streaming [`ModelClient`] trait.
//!
//! - [`anthropic`]: the Messages API over SSE, with prompt caching.
//! - [`openai`]: Chat Completions over SSE; with a base URL it also serves
//!   Ollama, vLLM, the llama.cpp server, LM Studio and OpenRouter.
//! - [`scripted`]: deterministic replies from a file, for tests and demos.
//! - `local`: embedded GGUF inference, built by the `baton-local` crate and
//!   plugged in through [`LocalProvider`], so this crate needs no C++.
//!
//! Providers share the retry policy in [`retry`]: 429, 529 and 5xx answers,
//! dropped connections and streams that end early are retried with
//! exponential backoff and jitter, honouring `retry-after`.
//!
//! This crate knows nothing about agents.

pub mod anthropic;
mod client;
mod error;
mod http;
pub mod openai;
pub mod prices;
mod registry;
pub mod retry;
pub mod scripted;

pub use client::{
    CandidateScore, ModelClient, ModelInfo, ModelRequest, ModelResponse, ModelStream, Sampling,
    ScorePrompt, Scorer, StreamEvent, TokenLogprob, collect,
};
pub use error::ModelError;
pub use registry::{
    LOCAL_PROVIDER, LocalProvider, ModelConfig, ModelRegistry, ProviderKind, ResolvedModel,
    build_client,
};
pub use retry::RetryPolicy;
