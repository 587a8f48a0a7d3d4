use std::ops::{Add, AddAssign};

use serde::{Deserialize, Serialize};

/// Token counts for one model call, or summed over many.
///
/// `input_tokens` counts only uncached input. Cache reads and writes are
/// separate because they are priced differently; providers that report a
/// combined prompt count (OpenAI) are normalised to this shape.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    #[serde(default)]
    pub input_tokens: u64,
    #[serde(default)]
    pub output_tokens: u64,
    #[serde(default)]
    pub cache_read_tokens: u64,
    #[serde(default)]
    pub cache_write_tokens: u64,
}

impl Usage {
    /// Everything the model read: uncached, cached and newly cached input.
    pub fn prompt_tokens(&self) -> u64 {
        self.input_tokens + self.cache_read_tokens + self.cache_write_tokens
    }

    pub fn total_tokens(&self) -> u64 {
        self.prompt_tokens() + self.output_tokens
    }
}

impl Add for Usage {
    type Output = Usage;

    fn add(self, rhs: Usage) -> Usage {
        Usage {
            input_tokens: self.input_tokens + rhs.input_tokens,
            output_tokens: self.output_tokens + rhs.output_tokens,
            cache_read_tokens: self.cache_read_tokens + rhs.cache_read_tokens,
            cache_write_tokens: self.cache_write_tokens + rhs.cache_write_tokens,
        }
    }
}

impl AddAssign for Usage {
    fn add_assign(&mut self, rhs: Usage) {
        *self = *self + rhs;
    }
}

/// USD per million tokens.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Price {
    #[serde(default)]
    pub input: f64,
    #[serde(default)]
    pub output: f64,
    #[serde(default)]
    pub cache_read: f64,
    #[serde(default)]
    pub cache_write: f64,
}

impl Price {
    pub const FREE: Price = Price {
        input: 0.0,
        output: 0.0,
        cache_read: 0.0,
        cache_write: 0.0,
    };

    pub fn cost(&self, usage: &Usage) -> Cost {
        const PER: f64 = 1_000_000.0;
        let input_usd = usage.input_tokens as f64 * self.input / PER;
        let output_usd = usage.output_tokens as f64 * self.output / PER;
        let cache_read_usd = usage.cache_read_tokens as f64 * self.cache_read / PER;
        let cache_write_usd = usage.cache_write_tokens as f64 * self.cache_write / PER;
        Cost::from_parts(input_usd, output_usd, cache_read_usd, cache_write_usd)
    }
}

/// Money spent, in USD, split the way providers bill it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Cost {
    pub total_usd: f64,
    pub input_usd: f64,
    pub output_usd: f64,
    pub cache_read_usd: f64,
    pub cache_write_usd: f64,
}

impl Cost {
    pub fn from_parts(
        input_usd: f64,
        output_usd: f64,
        cache_read_usd: f64,
        cache_write_usd: f64,
    ) -> Self {
        Self {
            total_usd: input_usd + output_usd + cache_read_usd + cache_write_usd,
            input_usd,
            output_usd,
            cache_read_usd,
            cache_write_usd,
        }
    }
}

impl Add for Cost {
    type Output = Cost;

    fn add(self, rhs: Cost) -> Cost {
        Cost::from_parts(
            self.input_usd + rhs.input_usd,
            self.output_usd + rhs.output_usd,
            self.cache_read_usd + rhs.cache_read_usd,
            self.cache_write_usd + rhs.cache_write_usd,
        )
    }
}

impl AddAssign for Cost {
    fn add_assign(&mut self, rhs: Cost) {
        *self = *self + rhs;
    }
}
