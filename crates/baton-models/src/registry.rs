//! The configured models, and turning a model name into a client.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use baton_protocol::Price;
use serde::{Deserialize, Serialize};

use crate::anthropic::{self, AnthropicClient, AnthropicConfig};
use crate::openai::{self, OpenAiClient, OpenAiConfig};
use crate::prices;
use crate::retry::RetryPolicy;
use crate::scripted::ScriptedClient;
use crate::{ModelClient, ModelError, ModelInfo};

pub const LOCAL_PROVIDER: &str = "local";
const DEFAULT_CONTEXT_WINDOW: u64 = 128_000;
const DEFAULT_MAX_TOKENS: u32 = 8_192;
const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(120);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProviderKind {
    Anthropic,
    Openai,
    Scripted,
    /// Embedded GGUF inference (llama.cpp), in-process.
    Local,
}

impl ProviderKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            ProviderKind::Anthropic => anthropic::PROVIDER,
            ProviderKind::Openai => openai::PROVIDER,
            ProviderKind::Scripted => crate::scripted::PROVIDER,
            ProviderKind::Local => LOCAL_PROVIDER,
        }
    }

    fn parse(name: &str) -> Option<Self> {
        match name {
            "anthropic" => Some(ProviderKind::Anthropic),
            "openai" => Some(ProviderKind::Openai),
            "scripted" => Some(ProviderKind::Scripted),
            "local" => Some(ProviderKind::Local),
            _ => None,
        }
    }
}

/// One `[models.NAME]` table of the config.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelConfig {
    pub provider: ProviderKind,
    /// The provider's model id; for `scripted`, the script's path; for
    /// `local`, a model from `baton models pull` (e.g. `smollm2`) or a GGUF path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// `local` only: the GGUF file to load (instead of `model`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<PathBuf>,
    /// `local` only: CPU threads (default: all cores).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threads: Option<u32>,
    /// `local` only: `auto` (the GGUF's own template, ChatML when it has
    /// none), `none` (plain text, for base models), or a llama.cpp
    /// template name such as `chatml`, `llama3`, `gemma`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chat_template: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    /// The environment variable holding the API key (never the key itself).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key_env: Option<String>,
    /// USD per million tokens; defaults to baton's table for known models.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Price>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context_window: Option<u64>,
    /// The output cap sent with every request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_tokens: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temperature: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_p: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// A 0–1 quality score, for the router.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality: Option<f64>,
    /// The longest silence tolerated while streaming, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_secs: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_retries: Option<u32>,
}

impl ModelConfig {
    pub fn new(provider: ProviderKind, model: impl Into<String>) -> Self {
        Self {
            provider,
            model: Some(model.into()),
            path: None,
            threads: None,
            chat_template: None,
            base_url: None,
            api_key_env: None,
            price: None,
            context_window: None,
            max_tokens: None,
            temperature: None,
            top_p: None,
            seed: None,
            quality: None,
            timeout_secs: None,
            max_retries: None,
        }
    }
}

/// A model name resolved to its configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedModel {
    pub name: String,
    pub config: ModelConfig,
}

impl ResolvedModel {
    /// The provider's model id: the configured `model`, else the name.
    pub fn model_id(&self) -> &str {
        self.config.model.as_deref().unwrap_or(&self.name)
    }

    pub fn sampling(&self) -> crate::Sampling {
        crate::Sampling {
            temperature: self.config.temperature,
            top_p: self.config.top_p,
            seed: self.config.seed,
        }
    }

    /// The price that will be charged: configured, else baton's table.
    pub fn price(&self) -> Option<Price> {
        self.config.price.or_else(|| match self.config.provider {
            ProviderKind::Scripted | ProviderKind::Local => None,
            _ => prices::lookup(self.model_id()).map(|known| known.price),
        })
    }
}

/// The models a user can name: configured ones, plus any `provider:model`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ModelRegistry {
    models: BTreeMap<String, ModelConfig>,
}

impl ModelRegistry {
    pub fn new(models: BTreeMap<String, ModelConfig>) -> Self {
        Self { models }
    }

    pub fn configured(&self) -> impl Iterator<Item = (&str, &ModelConfig)> {
        self.models
            .iter()
            .map(|(name, config)| (name.as_str(), config))
    }

    pub fn resolve(&self, name: &str) -> Result<ResolvedModel, ModelError> {
        if let Some(config) = self.models.get(name) {
            return Ok(ResolvedModel {
                name: name.to_owned(),
                config: config.clone(),
            });
        }
        if let Some((provider, model)) = name.split_once(':')
            && let Some(kind) = ProviderKind::parse(provider)
        {
            if model.is_empty() {
                return Err(ModelError::Config(format!(
                    "`{name}` names no model; write {provider}:MODEL"
                )));
            }
            return Ok(ResolvedModel {
                name: name.to_owned(),
                config: ModelConfig::new(kind, model),
            });
        }
        let known = if self.models.is_empty() {
            "none configured".to_owned()
        } else {
            self.models
                .keys()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(", ")
        };
        Err(ModelError::UnknownModel {
            name: name.to_owned(),
            known,
        })
    }
}

/// Builds `local` models. The embedded engine lives in its own crate (it
/// needs a C++ toolchain), which implements this and is passed to
/// [`build_client`] by the binary when it was compiled in.
pub trait LocalProvider: Send + Sync {
    fn build(&self, resolved: &ResolvedModel) -> Result<Arc<dyn ModelClient>, ModelError>;
}

/// Builds a client. `env` reads environment variables; it is passed in so
/// nothing here depends on the process's global state. `local` builds
/// embedded models, when this build has them.
pub fn build_client(
    resolved: &ResolvedModel,
    env: &dyn Fn(&str) -> Option<String>,
    local: Option<&dyn LocalProvider>,
) -> Result<Arc<dyn ModelClient>, ModelError> {
    let config = &resolved.config;
    let model_id = resolved.model_id().to_owned();
    let known = prices::lookup(&model_id);
    let retry = RetryPolicy {
        max_retries: config
            .max_retries
            .unwrap_or(RetryPolicy::default().max_retries),
        ..RetryPolicy::default()
    };
    let idle_timeout = config
        .timeout_secs
        .map_or(DEFAULT_IDLE_TIMEOUT, Duration::from_secs);
    let info = ModelInfo {
        name: resolved.name.clone(),
        model_id: model_id.clone(),
        provider: config.provider.as_str(),
        price: resolved.price(),
        context_window: config
            .context_window
            .or(known.map(|k| k.context_window))
            .unwrap_or(DEFAULT_CONTEXT_WINDOW),
        max_output_tokens: config.max_tokens.unwrap_or_else(|| {
            known.map_or(DEFAULT_MAX_TOKENS, |k| {
                k.max_output_tokens.min(DEFAULT_MAX_TOKENS * 4)
            })
        }),
        sampling: resolved.sampling(),
    };
    let non_empty = |var: &str| env(var).filter(|v| !v.trim().is_empty());
    match config.provider {
        ProviderKind::Anthropic => {
            let key_var = config
                .api_key_env
                .clone()
                .unwrap_or_else(|| anthropic::API_KEY_ENV.to_owned());
            let api_key = non_empty(&key_var).ok_or(ModelError::MissingApiKey {
                provider: anthropic::PROVIDER,
                var: key_var,
            })?;
            let base_url = config
                .base_url
                .clone()
                .or_else(|| non_empty(anthropic::BASE_URL_ENV))
                .unwrap_or_else(|| anthropic::DEFAULT_BASE_URL.to_owned());
            Ok(Arc::new(AnthropicClient::new(AnthropicConfig {
                info,
                api_key,
                base_url,
                retry,
                idle_timeout,
            })?))
        }
        ProviderKind::Openai => {
            let key_var = config
                .api_key_env
                .clone()
                .unwrap_or_else(|| openai::API_KEY_ENV.to_owned());
            let api_key = non_empty(&key_var);
            let base_url = config
                .base_url
                .clone()
                .or_else(|| non_empty(openai::BASE_URL_ENV))
                .unwrap_or_else(|| openai::DEFAULT_BASE_URL.to_owned());
            // Only OpenAI's own API insists on a key; local servers take none.
            if api_key.is_none() && base_url.trim_end_matches('/') == openai::DEFAULT_BASE_URL {
                return Err(ModelError::MissingApiKey {
                    provider: openai::PROVIDER,
                    var: key_var,
                });
            }
            Ok(Arc::new(OpenAiClient::new(OpenAiConfig {
                info,
                api_key,
                base_url,
                retry,
                idle_timeout,
            })?))
        }
        ProviderKind::Local => match local {
            Some(local) => local.build(resolved),
            None => Err(ModelError::Config(format!(
                "`{}` is a local model, but this baton was built without the embedded engine; rebuild with the default features (cargo build --release)",
                resolved.name
            ))),
        },
        ProviderKind::Scripted => {
            let path = PathBuf::from(&model_id);
            let client = ScriptedClient::load(&path, &resolved.name)?.with_price(config.price);
            let client = match config.max_retries {
                Some(n) => client.with_retry(RetryPolicy::immediate(n)),
                None => client,
            };
            Ok(Arc::new(client))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn names_resolve_from_config_or_provider_prefix() {
        let mut models = BTreeMap::new();
        models.insert(
            "fast".to_owned(),
            ModelConfig::new(ProviderKind::Openai, "gpt-4.1-mini"),
        );
        let registry = ModelRegistry::new(models);
        assert_eq!(registry.resolve("fast").unwrap().model_id(), "gpt-4.1-mini");
        let direct = registry.resolve("anthropic:claude-haiku-4-5").unwrap();
        assert_eq!(direct.config.provider, ProviderKind::Anthropic);
        assert_eq!(direct.model_id(), "claude-haiku-4-5");
        assert_eq!(direct.price().unwrap().input, 1.0);
        let unknown = registry.resolve("gpt-9").unwrap_err().to_string();
        assert!(
            unknown.contains("unknown model `gpt-9`; known models: fast."),
            "{unknown}"
        );
        assert!(registry.resolve("anthropic:").is_err());
    }

    #[test]
    fn missing_keys_name_the_variable() {
        let registry = ModelRegistry::default();
        let error = build_client(
            &registry.resolve("anthropic:claude-sonnet-4-5").unwrap(),
            &no_env,
            None,
        )
        .err()
        .unwrap();
        assert!(
            error
                .to_string()
                .contains("set the ANTHROPIC_API_KEY environment variable"),
            "{error}"
        );
        let mut config = ModelConfig::new(ProviderKind::Openai, "gpt-4o");
        config.api_key_env = Some("MY_KEY".into());
        let error = build_client(
            &ResolvedModel {
                name: "x".into(),
                config,
            },
            &no_env,
            None,
        )
        .err()
        .unwrap();
        assert!(
            error
                .to_string()
                .contains("set the MY_KEY environment variable"),
            "{error}"
        );
    }

    #[test]
    fn local_models_need_the_engine() {
        let resolved = ModelRegistry::default().resolve("local:smollm2").unwrap();
        assert_eq!(resolved.config.provider, ProviderKind::Local);
        let error = build_client(&resolved, &no_env, None)
            .err()
            .unwrap()
            .to_string();
        assert!(
            error.contains("built without the embedded engine"),
            "{error}"
        );
    }

    #[test]
    fn local_openai_compatible_servers_need_no_key() {
        let env =
            |var: &str| (var == "OPENAI_BASE_URL").then(|| "http://127.0.0.1:11434/v1".to_owned());
        let mut resolved = ModelRegistry::default().resolve("openai:llama3.2").unwrap();
        resolved.config.temperature = Some(0.3);
        let client = build_client(&resolved, &env, None).unwrap();
        assert_eq!(client.info().model_id, "llama3.2");
        assert_eq!(client.info().price, None);
        assert_eq!(client.info().sampling.temperature, Some(0.3));
    }
}
