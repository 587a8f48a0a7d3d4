//! Wiring the orchestra for `baton run`: roles from the built-ins,
//! `.baton/agents/*.md` and `[roles]`; the router from `[routing]` over the
//! configured models; and the root agent's `delegate` tool.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use baton_agent::{Choice, Delegation, Inspector, ModelChooser, RoleDef, Roles, ToolSelection};
use baton_config::{Config, RoleConfig, RoutePolicy};
use baton_models::{LocalProvider, ModelClient, ProviderKind, build_client};
use baton_route::{
    Candidate, Cascade, Escalation, Fixed, Learned, LearnedModel, RouteRequest, Router, Rules,
};
use baton_tools::Toolbox;

fn env(var: &str) -> Option<String> {
    std::env::var(var).ok()
}

/// Where project roles live, under the workspace.
pub const AGENTS_DIR: &str = ".baton/agents";
/// Where `baton route train` writes its model by default.
pub const ROUTER_MODEL: &str = ".baton/router.bin";

/// The built-in roles, then `.baton/agents/*.md`, then `[roles.NAME]`.
pub fn roles(config: &Config, workspace: &Path) -> Result<Roles, String> {
    let mut roles = Roles::builtin();
    roles
        .load_dir(&workspace.join(AGENTS_DIR))
        .map_err(|e| e.to_string())?;
    for (name, table) in &config.roles {
        let base = roles.get(name).cloned();
        let role = apply(name, table, base).map_err(|e| format!("[roles.{name}]: {e}"))?;
        roles.insert(role);
    }
    Ok(roles)
}

fn apply(name: &str, table: &RoleConfig, base: Option<RoleDef>) -> Result<RoleDef, String> {
    let mut role = base.unwrap_or_else(|| RoleDef {
        name: name.to_owned(),
        description: String::new(),
        model: "auto".into(),
        tools: ToolSelection::All,
        can_delegate: false,
        memory: true,
        gates: Vec::new(),
        max_turns: 40,
        budget: Default::default(),
        instructions: String::new(),
    });
    if let Some(v) = &table.description {
        role.description = v.clone();
    }
    if let Some(v) = &table.model {
        role.model = v.clone();
    }
    if let Some(tools) = &table.tools {
        role.tools = match tools.as_slice() {
            [one] if one == "all" => ToolSelection::All,
            [one] if one == "read-only" => ToolSelection::ReadOnly,
            names => ToolSelection::Named(names.to_vec()),
        };
    }
    if let Some(v) = table.can_delegate {
        role.can_delegate = v;
    }
    if let Some(v) = table.memory {
        role.memory = v;
    }
    if let Some(gates) = &table.gates {
        if let Some(unknown) = gates
            .iter()
            .find(|g| !baton_agent::GATES.contains(&g.as_str()))
        {
            return Err(format!(
                "there is no gate `{unknown}`; the gates are: {}",
                baton_agent::GATES.join(", ")
            ));
        }
        role.gates = gates.clone();
    }
    if let Some(v) = table.max_turns {
        role.max_turns = v;
    }
    if table.budget_usd.is_some() {
        role.budget.usd = table.budget_usd;
    }
    if table.budget_tokens.is_some() {
        role.budget.tokens = table.budget_tokens;
    }
    if let Some(secs) = table.budget_seconds {
        role.budget.wall_ms = Some((secs * 1000.0).ceil() as u64);
    }
    if let Some(v) = &table.instructions {
        role.instructions = v.clone();
    }
    if role.instructions.trim().is_empty() {
        return Err("a new role needs `instructions`".into());
    }
    Ok(role)
}

/// The routing layer over the configured models.
pub struct RouterChooser {
    config: Config,
    candidates: Vec<Candidate>,
    router: Box<dyn Router>,
    /// Used when no model is configured to route between.
    fallback: Arc<dyn ModelClient>,
    local: Option<Box<dyn LocalProvider>>,
    /// Embedded models load once and serve every child.
    loaded: Mutex<HashMap<String, Arc<dyn ModelClient>>>,
}

impl RouterChooser {
    pub fn new(
        config: &Config,
        workspace: &Path,
        fallback: Arc<dyn ModelClient>,
    ) -> Result<Self, String> {
        let routing = &config.routing;
        let registry = config.registry();
        let names: Vec<String> = if routing.candidates.is_empty() {
            config.models.keys().cloned().collect()
        } else {
            routing.candidates.clone()
        };
        let mut candidates = Vec::new();
        for name in names {
            let resolved = registry
                .resolve(&name)
                .map_err(|e| format!("[routing] candidate `{name}`: {e}"))?;
            // Only priced models sit on a cost/quality frontier; explicit
            // candidates without a price count as free.
            let Some(price) = resolved.price().or_else(|| {
                (!routing.candidates.is_empty()
                    || matches!(
                        resolved.config.provider,
                        ProviderKind::Local | ProviderKind::Scripted
                    ))
                .then_some(baton_protocol::Price::FREE)
            }) else {
                continue;
            };
            let quality = resolved.config.quality.unwrap_or(0.5);
            let window = resolved.config.context_window.unwrap_or(128_000);
            candidates.push(
                Candidate::new(&name, price.input, price.output, quality)
                    .with_context_window(window),
            );
        }
        let router: Box<dyn Router> = match routing.policy {
            RoutePolicy::Fixed => Box::new(Fixed::new(
                routing
                    .model
                    .clone()
                    .ok_or("[routing] policy \"fixed\" needs `model`")?,
            )),
            RoutePolicy::Rules => Box::new(Rules {
                rules: routing.rules.clone(),
                default: routing.default.clone(),
            }),
            RoutePolicy::Cascade => Box::new(Cascade),
            RoutePolicy::Learned => {
                let path = routing
                    .learned_model
                    .clone()
                    .unwrap_or_else(|| workspace.join(ROUTER_MODEL));
                let model = LearnedModel::load(&path).map_err(|e| {
                    format!(
                        "{e}; train one with `baton route train --out {}`",
                        path.display()
                    )
                })?;
                Box::new(Learned::new(model, routing.threshold.unwrap_or(0.5)))
            }
        };
        Ok(Self {
            config: config.clone(),
            candidates,
            router,
            fallback,
            local: crate::local::provider(),
            loaded: Mutex::new(HashMap::new()),
        })
    }

    fn client(&self, name: &str) -> Result<Arc<dyn ModelClient>, String> {
        let resolved = self
            .config
            .registry()
            .resolve(name)
            .map_err(|e| e.to_string())?;
        let local = resolved.config.provider == ProviderKind::Local;
        if local && let Some(client) = self.loaded.lock().ok().and_then(|l| l.get(name).cloned()) {
            return Ok(client);
        }
        let client =
            build_client(&resolved, &env, self.local.as_deref()).map_err(|e| e.to_string())?;
        if local && let Ok(mut loaded) = self.loaded.lock() {
            loaded.insert(name.to_owned(), client.clone());
        }
        Ok(client)
    }

    fn request(role: &RoleDef, task: &str) -> RouteRequest {
        RouteRequest::new(task).with_role(role.name.clone())
    }
}

impl ModelChooser for RouterChooser {
    fn choose(&self, role: &RoleDef, task: &str, hint: Option<&str>) -> Result<Choice, String> {
        if let Some(hint) = hint.filter(|h| !h.is_empty() && *h != "auto") {
            return Ok(Choice {
                model: self.client(hint)?,
                reason: format!("the delegate call asked for {hint}"),
            });
        }
        if role.model != "auto" {
            return Ok(Choice {
                model: self.client(&role.model)?,
                reason: format!("role {} uses {}", role.name, role.model),
            });
        }
        if self.candidates.is_empty() {
            return Ok(Choice {
                model: self.fallback.clone(),
                reason: "no models configured to route between: the parent's model".into(),
            });
        }
        let choice = self
            .router
            .choose(&Self::request(role, task), &self.candidates)
            .map_err(|e| e.to_string())?;
        Ok(Choice {
            model: self.client(&choice.model)?,
            reason: choice.reason,
        })
    }

    fn by_name(&self, name: &str) -> Option<Arc<dyn ModelClient>> {
        if name == self.fallback.info().name {
            return Some(self.fallback.clone());
        }
        self.client(name).ok()
    }

    fn escalate(&self, role: &RoleDef, task: &str, failed: &str) -> Option<Choice> {
        // Only models the router chose can move up its frontier.
        if role.model != "auto" || !self.candidates.iter().any(|c| c.name == failed) {
            return None;
        }
        let next = Cascade
            .escalate(
                failed,
                Escalation::Failed,
                &Self::request(role, task),
                &self.candidates,
            )
            .ok()
            .flatten()?;
        Some(Choice {
            model: self.client(&next.model).ok()?,
            reason: next.reason,
        })
    }
}

/// Everything a delegating root agent needs.
pub fn delegation(
    config: &Config,
    roles: Roles,
    chooser: Arc<dyn ModelChooser>,
    tools: Arc<dyn Toolbox>,
    bus: baton_agent::EventBus,
    base_prompt: String,
    inspectors: Vec<Arc<dyn Inspector>>,
) -> Delegation {
    Delegation {
        roles: Arc::new(roles),
        chooser,
        tools,
        bus,
        base_prompt,
        max_parallel: config
            .delegation
            .max_parallel
            .unwrap_or(Delegation::DEFAULT_MAX_PARALLEL),
        max_depth: config
            .delegation
            .max_depth
            .unwrap_or(Delegation::DEFAULT_MAX_DEPTH),
        inspectors,
        max_summary_chars: 4_000,
        max_attempts: 3,
        resume: None,
        memory: None,
        compaction: None,
        verify: None,
        gate_attempts: 2,
        critique: None,
    }
}
