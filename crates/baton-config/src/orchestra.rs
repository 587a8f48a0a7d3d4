//! The orchestra's settings: `role` (the root agent's role), `[budget]`,
//! `[routing]`, `[delegation]` and `[roles.NAME]`.

use std::path::PathBuf;

use baton_route::Rule;
use serde::Deserialize;

/// `[budget]`: the run's hard limits (command-line flags override them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetConfig {
    pub usd: Option<f64>,
    pub tokens: Option<u64>,
    pub seconds: Option<f64>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoutePolicy {
    /// Always `model`.
    Fixed,
    /// The first matching rule, else `default`, else the cheapest.
    Rules,
    /// The cheapest model on the frontier first, then up on failure.
    #[default]
    Cascade,
    /// A model trained by `baton route train` chooses cheap or strong.
    Learned,
}

/// `[routing]`: how sub-agents' models are chosen.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoutingConfig {
    #[serde(default)]
    pub policy: RoutePolicy,
    /// `fixed`: the model.
    pub model: Option<String>,
    /// `rules`: tried in order.
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// `rules`: when no rule matches.
    pub default: Option<String>,
    /// `learned`: the file `baton route train` wrote (default
    /// `.baton/router.bin` in the workspace).
    pub learned_model: Option<PathBuf>,
    /// `learned`: the predicted chance that the cheap model fails above
    /// which the strong one is used (default 0.5).
    pub threshold: Option<f64>,
    /// The models to route between (names from `[models]`); default: every
    /// configured model that has a price and can be reached.
    #[serde(default)]
    pub candidates: Vec<String>,
}

/// `[delegation]`
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DelegationConfig {
    /// How many of one agent's sub-agents run at once (default 4).
    pub max_parallel: Option<usize>,
    /// How many levels of delegation below the root (default 2).
    pub max_depth: Option<u32>,
}

/// `[roles.NAME]`: a role, or changes to a built-in one. The same fields as
/// the front matter of `.baton/agents/NAME.md`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleConfig {
    pub description: Option<String>,
    /// A model name, or `auto` for the router.
    pub model: Option<String>,
    /// Tool names (`server__*` for a whole server), or `["all"]` or
    /// `["read-only"]`.
    pub tools: Option<Vec<String>>,
    pub can_delegate: Option<bool>,
    pub max_turns: Option<u32>,
    pub budget_usd: Option<f64>,
    pub budget_tokens: Option<u64>,
    pub budget_seconds: Option<f64>,
    pub instructions: Option<String>,
    /// `false` leaves project memory (AGENTS.md, .baton/memory.md) out of
    /// this role's system prompt.
    pub memory: Option<bool>,
    /// Completion gates: `["verify"]`, or `[]` to turn the worker's off.
    pub gates: Option<Vec<String>>,
}
