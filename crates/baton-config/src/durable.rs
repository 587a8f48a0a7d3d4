//! `[store]`, `[compaction]` and `[memory]`: what makes sessions durable
//! and long ones manageable.

use std::path::PathBuf;

use serde::Deserialize;

/// Where sessions are kept and how long.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoreConfig {
    /// `false` runs without recording sessions (nothing to resume).
    #[serde(default = "yes")]
    pub enabled: bool,
    /// The SQLite file; `$XDG_DATA_HOME/baton/baton.db` when unset.
    #[serde(default)]
    pub path: Option<PathBuf>,
    /// Retention: sessions older than this many days are pruned.
    #[serde(default = "default_keep_days")]
    pub keep_days: Option<f64>,
    /// Retention: only the newest this many sessions are kept.
    #[serde(default = "default_keep_sessions")]
    pub keep_sessions: Option<u64>,
    /// Retention: the oldest sessions go until the events fit in this many MiB.
    #[serde(default = "default_max_mb")]
    pub max_mb: Option<f64>,
}

impl Default for StoreConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            path: None,
            keep_days: default_keep_days(),
            keep_sessions: default_keep_sessions(),
            max_mb: default_max_mb(),
        }
    }
}

fn yes() -> bool {
    true
}
fn default_keep_days() -> Option<f64> {
    Some(90.0)
}
fn default_keep_sessions() -> Option<u64> {
    Some(1000)
}
fn default_max_mb() -> Option<f64> {
    Some(1024.0)
}

/// When and how an agent's context is compacted.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompactionConfig {
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Compact when the prompt reaches this share of the model's context window.
    #[serde(default = "default_threshold")]
    pub threshold: f64,
    /// The share of the window the recent, verbatim turns may keep.
    #[serde(default = "default_keep_recent")]
    pub keep_recent: f64,
}

impl Default for CompactionConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            threshold: default_threshold(),
            keep_recent: default_keep_recent(),
        }
    }
}

fn default_threshold() -> f64 {
    0.8
}
fn default_keep_recent() -> f64 {
    0.3
}

/// Project memory: AGENTS.md (or CLAUDE.md) and `.baton/memory.md` in the
/// system prompt.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemoryConfig {
    #[serde(default = "yes")]
    pub enabled: bool,
}

impl Default for MemoryConfig {
    fn default() -> Self {
        Self { enabled: true }
    }
}
