use std::time::Duration;

/// Why a model call failed. Every message says what happened and, where the
/// user can act, what to do.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ModelError {
    #[error(
        "{provider}: no API key: set the {var} environment variable, or pick another model with --model"
    )]
    MissingApiKey { provider: &'static str, var: String },

    #[error("{provider} returned HTTP {status}: {message}")]
    Http {
        provider: &'static str,
        status: u16,
        message: String,
        retry_after: Option<Duration>,
    },

    /// The provider reported an error inside an otherwise healthy stream.
    #[error("{provider} stream error ({kind}): {message}")]
    StreamError {
        provider: &'static str,
        kind: String,
        message: String,
        retryable: bool,
    },

    /// The stream broke off before the message was complete.
    #[error("{provider}: the response stream ended early: {detail}")]
    Truncated {
        provider: &'static str,
        detail: String,
    },

    #[error("{provider}: cannot reach {url}: {detail}")]
    Connect {
        provider: &'static str,
        url: String,
        detail: String,
    },

    #[error("{provider}: no data for {after:?}; the request timed out")]
    Timeout {
        provider: &'static str,
        after: Duration,
    },

    /// The provider sent something that does not follow its own format.
    #[error("{provider}: unexpected response: {detail}")]
    Protocol {
        provider: &'static str,
        detail: String,
    },

    #[error(
        "unknown model `{name}`; known models: {known}. Add it under [models] in baton.toml, or use provider:model (e.g. anthropic:claude-sonnet-4-5, openai:gpt-4.1-mini, scripted:path/to/script.json)"
    )]
    UnknownModel { name: String, known: String },

    #[error("{0}")]
    Config(String),

    /// A local model file that is missing, corrupt or unusable.
    #[error("local model {path}: {problem}")]
    ModelFile { path: String, problem: String },

    #[error(
        "the prompt is {prompt_tokens} tokens, but {model} has a context of {context} tokens (with {reserved} reserved for the answer); shorten the task, or raise context_window for this model"
    )]
    ContextOverflow {
        model: String,
        prompt_tokens: usize,
        context: usize,
        reserved: usize,
    },

    /// The local inference engine failed while running.
    #[error("local inference failed: {0}")]
    Inference(String),

    #[error("scripted model {path}: {detail}")]
    Script { path: String, detail: String },
}

impl ModelError {
    /// Whether the same request may succeed if sent again.
    pub fn is_retryable(&self) -> bool {
        match self {
            ModelError::Http { status, .. } => is_retryable_status(*status),
            ModelError::StreamError { retryable, .. } => *retryable,
            ModelError::Truncated { .. }
            | ModelError::Connect { .. }
            | ModelError::Timeout { .. } => true,
            _ => false,
        }
    }

    /// A server-requested wait before retrying, if any.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            ModelError::Http { retry_after, .. } => *retry_after,
            _ => None,
        }
    }
}

/// 408 request timeout, 409 conflict (Anthropic uses it for transient
/// lock contention), 429 rate limited, 5xx server errors, and Anthropic's
/// 529 overloaded.
pub(crate) fn is_retryable_status(status: u16) -> bool {
    matches!(status, 408 | 409 | 429) || (500..=599).contains(&status)
}
