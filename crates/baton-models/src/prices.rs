//! Built-in list prices (USD per million tokens) and context windows for
//! well-known models, so cost is right out of the box. `[models.NAME]
//! price = {…}` in baton.toml overrides them; prices change, so do check.

use baton_protocol::Price;

/// What baton knows about a model id out of the box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KnownModel {
    pub price: Price,
    pub context_window: u64,
    pub max_output_tokens: u32,
}

const fn anthropic(
    input: f64,
    output: f64,
    context_window: u64,
    max_output_tokens: u32,
) -> KnownModel {
    // Anthropic bills 5-minute cache writes at 1.25× input and reads at 0.1×.
    KnownModel {
        price: Price {
            input,
            output,
            cache_read: input / 10.0,
            cache_write: input * 1.25,
        },
        context_window,
        max_output_tokens,
    }
}

const fn openai(
    input: f64,
    cached: f64,
    output: f64,
    context_window: u64,
    max_output_tokens: u32,
) -> KnownModel {
    // OpenAI caches automatically: no write premium.
    KnownModel {
        price: Price {
            input,
            output,
            cache_read: cached,
            cache_write: 0.0,
        },
        context_window,
        max_output_tokens,
    }
}

/// Longest matching prefix wins, so dated ids (`claude-sonnet-4-5-20250929`)
/// find their family.
const TABLE: &[(&str, KnownModel)] = &[
    ("claude-opus-4-5", anthropic(5.0, 25.0, 200_000, 64_000)),
    ("claude-opus-4-1", anthropic(15.0, 75.0, 200_000, 32_000)),
    ("claude-opus-4", anthropic(15.0, 75.0, 200_000, 32_000)),
    ("claude-sonnet-4-5", anthropic(3.0, 15.0, 200_000, 64_000)),
    ("claude-sonnet-4", anthropic(3.0, 15.0, 200_000, 64_000)),
    ("claude-3-7-sonnet", anthropic(3.0, 15.0, 200_000, 64_000)),
    ("claude-haiku-4-5", anthropic(1.0, 5.0, 200_000, 64_000)),
    ("claude-3-5-haiku", anthropic(0.8, 4.0, 200_000, 8_192)),
    ("gpt-5-nano", openai(0.05, 0.005, 0.40, 400_000, 128_000)),
    ("gpt-5-mini", openai(0.25, 0.025, 2.0, 400_000, 128_000)),
    ("gpt-5", openai(1.25, 0.125, 10.0, 400_000, 128_000)),
    ("gpt-4.1-nano", openai(0.10, 0.025, 0.40, 1_047_576, 32_768)),
    ("gpt-4.1-mini", openai(0.40, 0.10, 1.60, 1_047_576, 32_768)),
    ("gpt-4.1", openai(2.0, 0.50, 8.0, 1_047_576, 32_768)),
    ("gpt-4o-mini", openai(0.15, 0.075, 0.60, 128_000, 16_384)),
    ("gpt-4o", openai(2.50, 1.25, 10.0, 128_000, 16_384)),
    ("o4-mini", openai(1.10, 0.275, 4.40, 200_000, 100_000)),
    ("o3", openai(2.0, 0.50, 8.0, 200_000, 100_000)),
];

pub fn lookup(model_id: &str) -> Option<KnownModel> {
    // OpenRouter-style ids carry a vendor prefix: "anthropic/claude-…".
    let bare = model_id.rsplit('/').next().unwrap_or(model_id);
    TABLE
        .iter()
        .filter(|(prefix, _)| bare.starts_with(prefix))
        .max_by_key(|(prefix, _)| prefix.len())
        .map(|(_, known)| *known)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_prefix_wins() {
        assert_eq!(lookup("gpt-4o-mini-2024-07-18").unwrap().price.input, 0.15);
        assert_eq!(lookup("gpt-4o-2024-08-06").unwrap().price.input, 2.50);
        assert_eq!(
            lookup("claude-sonnet-4-5-20250929").unwrap().price.output,
            15.0
        );
        assert_eq!(
            lookup("anthropic/claude-haiku-4-5").unwrap().price.input,
            1.0
        );
        let opus = lookup("claude-opus-4-1-20250805").unwrap().price;
        assert_eq!((opus.cache_read, opus.cache_write), (1.5, 18.75));
        assert!(lookup("llama3.2:3b").is_none());
    }
}
