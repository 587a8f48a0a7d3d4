//! `[verify]`: how `baton verify` and the verify gate run a repository's
//! tests.

use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerifyConfig {
    /// The test command (run with `bash -c` at the repository root);
    /// detected from the project files when unset.
    #[serde(default)]
    pub command: Option<String>,
    /// The test run is killed (its whole process group) after this long.
    #[serde(default = "default_timeout")]
    pub timeout_secs: f64,
    /// How many more tries an agent gets after the gate rejects its work.
    #[serde(default = "default_attempts")]
    pub attempts: u32,
    /// The least severity that makes passing tests `suspicious`: `low`,
    /// `medium` or `high`.
    #[serde(default = "default_threshold")]
    pub threshold: String,
}

impl Default for VerifyConfig {
    fn default() -> Self {
        Self {
            command: None,
            timeout_secs: default_timeout(),
            attempts: default_attempts(),
            threshold: default_threshold(),
        }
    }
}

fn default_timeout() -> f64 {
    600.0
}
fn default_attempts() -> u32 {
    2
}
fn default_threshold() -> String {
    "medium".into()
}

/// `[critique]`: the critique gate of roles with `gates = ["critique"]`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CritiqueConfig {
    /// Critique → revise rounds per agent, each with a fresh principle.
    #[serde(default = "default_rounds")]
    pub rounds: u32,
    /// A constitution file (TOML or Markdown); baton's own when unset.
    /// Relative to the config file that names it.
    #[serde(default)]
    pub constitution: Option<std::path::PathBuf>,
}

impl Default for CritiqueConfig {
    fn default() -> Self {
        Self {
            rounds: default_rounds(),
            constitution: None,
        }
    }
}

fn default_rounds() -> u32 {
    1
}
