//! Delegation: the `delegate` tool, through which an agent hands a task to a
//! sub-agent with a fresh context, its own tools, its own model and a budget
//! carved out of its parent's, and gets back a short report.
//!
//! Each agent that may delegate gets its own [`Delegator`] (its id, budget,
//! depth, and a limit on how many of its children run at once). The limit is
//! per parent, not per tree: a tree-wide pool could deadlock, with parents
//! holding every permit while they wait for children that need one.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use async_trait::async_trait;
use baton_models::ModelClient;
use baton_protocol::{AgentId, Cost, Outcome, ToolAnnotations, ToolOutput, ToolSpec, Usage};
use baton_tools::{ToolContext, Toolbox};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tokio::sync::Semaphore;

use crate::EventBus;
use crate::agent::{Agent, AgentConfig, AgentReport, Origin};
use crate::budget::{Budget, Limits};
use crate::inspect::Inspector;
use crate::resume::{AgentLog, SessionLog, attempt_number};
use crate::roles::{RoleDef, Roles, ToolSelection};

pub const DELEGATE_TOOL: &str = "delegate";

/// A model for a delegated task, and why it was chosen.
pub struct Choice {
    pub model: Arc<dyn ModelClient>,
    pub reason: String,
}

/// The routing layer, as delegation sees it.
pub trait ModelChooser: Send + Sync {
    /// `hint` is the `delegate` call's model hint, if it gave one.
    fn choose(&self, role: &RoleDef, task: &str, hint: Option<&str>) -> Result<Choice, String>;

    /// The next model to try after `failed` did not succeed (a cascade
    /// escalating up the cost/quality frontier), or `None` to give up.
    fn escalate(&self, _role: &RoleDef, _task: &str, _failed: &str) -> Option<Choice> {
        None
    }

    /// The model a resumed sub-agent was running on, by the name its
    /// `agent_spawned` event gave; `None` routes the task afresh.
    fn by_name(&self, _name: &str) -> Option<Arc<dyn ModelClient>> {
        None
    }
}

/// Settings shared by every agent in a delegation tree.
#[derive(Clone)]
pub struct Delegation {
    pub roles: Arc<Roles>,
    pub chooser: Arc<dyn ModelChooser>,
    /// Every tool a sub-agent may be given (the hub); roles narrow it.
    pub tools: Arc<dyn Toolbox>,
    pub bus: EventBus,
    /// Appended to each role's instructions: the workspace and its rules.
    pub base_prompt: String,
    /// How many of one agent's children run at once.
    pub max_parallel: usize,
    /// How many levels of delegation below the root agent.
    pub max_depth: u32,
    /// Inspectors (the permission policy) every sub-agent's calls pass.
    pub inspectors: Vec<Arc<dyn Inspector>>,
    /// A report's summary is cut to this many characters.
    pub max_summary_chars: usize,
    /// How many models a cascade may try for one task.
    pub max_attempts: u32,
    /// The log of the session being resumed: sub-agents it started pick up
    /// where they were instead of starting again.
    pub resume: Option<Arc<SessionLog>>,
    /// Project memory, for the system prompt of roles that keep it.
    pub memory: Option<String>,
    /// Sub-agents compact their context as the root does; `None` never.
    pub compaction: Option<crate::compact::CompactionSettings>,
    /// How the verify gate runs for roles that have it; `None` turns it off.
    pub verify: Option<crate::verify_gate::VerifySettings>,
    /// How many more tries a sub-agent gets after a gate rejects its work.
    pub gate_attempts: u32,
    /// The critique gate for roles that have it; `None` turns it off.
    pub critique: Option<crate::critique_gate::CritiqueSettings>,
}

impl Delegation {
    pub const DEFAULT_MAX_PARALLEL: usize = 4;
    pub const DEFAULT_MAX_DEPTH: u32 = 2;
}

/// What a sub-agent hands back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChildReport {
    pub agent: AgentId,
    pub role: String,
    pub model: String,
    pub outcome: Outcome,
    pub summary: String,
    /// Paths: files it changed, or that hold its result.
    pub artifacts: Vec<String>,
    pub usage: Usage,
    pub cost: Cost,
    pub turns: u32,
    pub tool_calls: u32,
    /// Models tried, the last one first failing over to `model`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub escalated_from: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// One agent's `delegate` tool.
pub struct Delegator {
    settings: Delegation,
    parent: AgentId,
    budget: Budget,
    depth: u32,
    permits: Semaphore,
    children: AtomicU32,
    spec: ToolSpec,
}

impl Delegator {
    /// The delegate tool for agent `parent` at `depth` (the root is 0),
    /// spending from `budget`.
    pub fn new(settings: Delegation, parent: AgentId, budget: Budget, depth: u32) -> Self {
        let spec = delegate_spec(&settings.roles);
        // A resumed agent numbers new children after the ones it had.
        let had = settings.resume.as_ref().map_or(0, |log| {
            log.children_of(&parent)
                .filter_map(|child| child_number(&parent, &child.id))
                .max()
                .unwrap_or(0)
        });
        Self {
            permits: Semaphore::new(settings.max_parallel.max(1)),
            settings,
            parent,
            budget,
            depth,
            children: AtomicU32::new(had),
            spec,
        }
    }

    pub fn spec(&self) -> &ToolSpec {
        &self.spec
    }

    pub async fn call(&self, input: Value, ctx: ToolContext) -> ToolOutput {
        let request = match DelegateRequest::parse(&input, &self.settings.roles) {
            Ok(request) => request,
            Err(error) => return ToolOutput::error(error),
        };
        if self.depth >= self.settings.max_depth {
            return ToolOutput::error(format!(
                "delegation is limited to {} levels; do this task yourself",
                self.settings.max_depth
            ));
        }
        let earlier = self
            .settings
            .resume
            .as_ref()
            .and_then(|log| log.attempt_for_call(&self.parent, &ctx.call_id))
            .cloned();
        let id = match &earlier {
            Some(earlier) => base_id(&earlier.id),
            None => {
                // Children are numbered as their calls arrive; calls of one
                // turn run concurrently, so their numbers need not follow
                // the turn's order.
                let number = self.children.fetch_add(1, Ordering::Relaxed) + 1;
                AgentId::new(format!("{}.{number}", self.parent.as_str()))
            }
        };
        let _permit = tokio::select! {
            permit = self.permits.acquire() => match permit {
                Ok(permit) => permit,
                Err(_) => return ToolOutput::error("delegation is shutting down"),
            },
            () = ctx.cancel.cancelled() => return ToolOutput::error("cancelled before the sub-agent started"),
        };
        let report = self.run_child(id, &request, &ctx, earlier).await;
        report_output(&report)
    }

    /// Runs the task's attempts: one, or more while a cascade escalates.
    /// `earlier` is the attempt a resumed session had reached.
    async fn run_child(
        &self,
        id: AgentId,
        request: &DelegateRequest,
        ctx: &ToolContext,
        earlier: Option<AgentLog>,
    ) -> ChildReport {
        let role = &request.role;
        let mut escalated_from = Vec::new();
        let mut attempt = earlier.as_ref().map_or(1, |log| attempt_number(&log.id));
        if let Some(log) = self.settings.resume.as_ref() {
            for before in 1..attempt {
                if let Some(tried) = log.agent(&attempt_id(&id, before)) {
                    escalated_from.push(tried.model.clone());
                }
            }
        }
        let resumed_model = earlier
            .as_ref()
            .and_then(|log| self.settings.chooser.by_name(&log.model));
        let mut choice = match resumed_model {
            Some(model) => Choice {
                model,
                reason: "resumed on the model it was running on".into(),
            },
            None => match self.settings.chooser.choose(
                role,
                &request.task,
                request.model_hint.as_deref(),
            ) {
                Ok(choice) => choice,
                Err(error) => {
                    return failed(&id, role, "", format!("no model for this task: {error}"));
                }
            },
        };
        let mut earlier = earlier;
        loop {
            // Each attempt is an agent of its own in the events and the trace.
            let attempt_id = attempt_id(&id, attempt);
            let report = match earlier.take() {
                // It finished; only its parent's record of that was lost.
                Some(log) if log.finished.is_some() => self.logged_report(&log, role),
                resumed => {
                    self.attempt(&attempt_id, request, choice, ctx, resumed)
                        .await
                }
            };
            let model_name = report.model.clone();
            let retry = matches!(report.outcome, Outcome::Failure | Outcome::BudgetExhausted)
                && attempt < self.settings.max_attempts
                && !ctx.cancel.is_cancelled();
            let next = if retry {
                self.settings
                    .chooser
                    .escalate(role, &request.task, &model_name)
            } else {
                None
            };
            match next {
                Some(next) => {
                    escalated_from.push(model_name);
                    choice = next;
                    attempt += 1;
                }
                None => {
                    let mut report = report;
                    report.escalated_from = escalated_from;
                    return report;
                }
            }
        }
    }

    /// One sub-agent run, on its own task so a panic becomes a report.
    async fn attempt(
        &self,
        id: &AgentId,
        request: &DelegateRequest,
        choice: Choice,
        ctx: &ToolContext,
        resumed: Option<AgentLog>,
    ) -> ChildReport {
        let role = request.role.clone();
        let limits = request.budget.unwrap_or(role.budget);
        let budget = self.budget.child(limits);
        let depth = self.depth + 1;
        let filtered: Arc<dyn Toolbox> = Arc::new(Filtered {
            inner: self.settings.tools.clone(),
            selection: role.tools.clone(),
            allowlist: request.tools.clone(),
        });
        let tools: Arc<dyn Toolbox> = if role.can_delegate && depth < self.settings.max_depth {
            Arc::new(WithDelegate::new(
                filtered,
                Delegator::new(self.settings.clone(), id.clone(), budget.clone(), depth),
            ))
        } else {
            filtered
        };
        let config = AgentConfig {
            role: role.name.clone(),
            system_prompt: Some(system_prompt(
                &role.instructions,
                &self.settings.base_prompt,
                self.settings.memory.as_deref().filter(|_| role.memory),
            )),
            max_turns: limits
                .turns
                .map_or(role.max_turns, |t| t.min(role.max_turns)),
            compaction: self.settings.compaction,
            gate_attempts: self.settings.gate_attempts,
            ..AgentConfig::default()
        };
        let model_name = choice.model.info().name.clone();
        let critic = choice.model.clone();
        let mut agent = Agent::new(id.clone(), choice.model, tools, config)
            .with_parent(self.parent.clone())
            .with_budget(budget)
            .with_origin(Origin {
                reason: Some(choice.reason),
                call_id: Some(ctx.call_id.clone()),
            });
        for inspector in &self.settings.inspectors {
            agent = agent.with_inspector(inspector.clone());
        }
        // Critique first, so the verify gate judges the revision.
        if let Some(critique) = &self.settings.critique
            && role.gates.iter().any(|gate| gate == "critique")
        {
            agent = agent.with_gate(Arc::new(crate::critique_gate::CritiqueGate::new(
                critic,
                critique.clone(),
            )));
        }
        if let Some(verify) = &self.settings.verify
            && role.gates.iter().any(|gate| gate == "verify")
        {
            agent = agent.with_gate(Arc::new(crate::verify_gate::VerifyGate::new(
                verify.clone(),
            )));
        }
        let bus = self.settings.bus.clone();
        let task = request.task.clone();
        let cancel = ctx.cancel.child_token();
        let run = tokio::spawn(async move {
            match resumed {
                Some(log) => agent.resume(&bus, &log, &task, None, &cancel).await,
                None => agent.run(&bus, &task, &cancel).await,
            }
        });
        match run.await {
            Ok(report) => self.report(id, &role, &model_name, report),
            Err(error) => failed(
                id,
                &role,
                &model_name,
                format!("the sub-agent crashed: {error}"),
            ),
        }
    }

    fn report(&self, id: &AgentId, role: &RoleDef, model: &str, run: AgentReport) -> ChildReport {
        let (summary, mut artifacts) = split_artifacts(&run.answer);
        for message in &run.messages {
            for (_, tool, input) in message.tool_uses() {
                let writes = matches!(tool, "write_file" | "edit_file");
                if let (true, Some(path)) = (writes, input.get("path").and_then(Value::as_str))
                    && !artifacts.iter().any(|a| a == path)
                {
                    artifacts.push(path.to_owned());
                }
            }
        }
        ChildReport {
            agent: id.clone(),
            role: role.name.clone(),
            model: model.to_owned(),
            outcome: run.outcome,
            summary: clip(&summary, self.settings.max_summary_chars),
            artifacts,
            usage: run.usage,
            cost: run.cost,
            turns: run.turns,
            tool_calls: run.tool_calls,
            escalated_from: Vec::new(),
            error: run.error,
        }
    }
}

impl Delegator {
    /// The report of an attempt that finished before the resume, from its log.
    fn logged_report(&self, log: &AgentLog, role: &RoleDef) -> ChildReport {
        let (outcome, answer) = log
            .finished
            .clone()
            .unwrap_or((Outcome::Failure, String::new()));
        let run = AgentReport {
            outcome,
            answer,
            usage: log.usage,
            cost: log.cost,
            turns: log.turns,
            tool_calls: log.tool_calls,
            error: None,
            messages: log.messages.clone(),
        };
        self.report(&log.id, role, &log.model, run)
    }
}

/// A role's instructions, the workspace rules, then project memory.
pub fn system_prompt(instructions: &str, base: &str, memory: Option<&str>) -> String {
    let mut prompt = format!("{instructions}\n\n{base}");
    if let Some(memory) = memory {
        prompt.push_str("\n\n");
        prompt.push_str(memory);
    }
    prompt
}

/// `root.2` for attempt 1, `root.2~3` for attempt 3.
fn attempt_id(base: &AgentId, attempt: u32) -> AgentId {
    match attempt {
        1 => base.clone(),
        n => AgentId::new(format!("{}~{n}", base.as_str())),
    }
}

/// `root.2` for any attempt at child 2 of root.
fn base_id(id: &AgentId) -> AgentId {
    match id.as_str().rsplit_once('~') {
        Some((base, _)) => AgentId::new(base),
        None => id.clone(),
    }
}

/// 2 for `root.2` (or `root.2~3`) under `root`.
fn child_number(parent: &AgentId, id: &AgentId) -> Option<u32> {
    base_id(id)
        .as_str()
        .strip_prefix(parent.as_str())?
        .strip_prefix('.')?
        .parse()
        .ok()
}

fn failed(id: &AgentId, role: &RoleDef, model: &str, error: String) -> ChildReport {
    ChildReport {
        agent: id.clone(),
        role: role.name.clone(),
        model: model.to_owned(),
        outcome: Outcome::Failure,
        summary: String::new(),
        artifacts: Vec::new(),
        usage: Usage::default(),
        cost: Cost::default(),
        turns: 0,
        tool_calls: 0,
        escalated_from: Vec::new(),
        error: Some(error),
    }
}

/// The report as the parent model reads it: a short text, and the same as
/// structured content.
fn report_output(report: &ChildReport) -> ToolOutput {
    let mut text = format!(
        "{} ({}, {}): {}",
        report.agent.as_str(),
        report.role,
        report.model,
        report.outcome
    );
    if !report.escalated_from.is_empty() {
        text.push_str(&format!(
            " (escalated from {})",
            report.escalated_from.join(", ")
        ));
    }
    if let Some(error) = &report.error {
        text.push_str(&format!("\nerror: {error}"));
    }
    if !report.summary.is_empty() {
        text.push_str(&format!("\n\n{}", report.summary));
    }
    if !report.artifacts.is_empty() {
        text.push_str(&format!("\n\nartifacts: {}", report.artifacts.join(", ")));
    }
    let mut output = ToolOutput::text(text);
    output.is_error = report.outcome != Outcome::Success;
    output.structured_content = serde_json::to_value(report).ok();
    output
}

/// Takes `ARTIFACT: path` lines out of a final answer.
fn split_artifacts(answer: &str) -> (String, Vec<String>) {
    let mut artifacts = Vec::new();
    let mut kept = Vec::new();
    for line in answer.lines() {
        let trimmed = line.trim().trim_start_matches(['-', '*']).trim();
        match trimmed.strip_prefix("ARTIFACT:") {
            Some(path) if !path.trim().is_empty() => artifacts.push(path.trim().to_owned()),
            _ => kept.push(line),
        }
    }
    (kept.join("\n").trim().to_owned(), artifacts)
}

fn clip(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}… (report cut at {max} characters)", &text[..cut]),
        None => text.to_owned(),
    }
}

struct DelegateRequest {
    task: String,
    role: RoleDef,
    tools: Option<Vec<String>>,
    model_hint: Option<String>,
    budget: Option<Limits>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BudgetInput {
    usd: Option<f64>,
    tokens: Option<u64>,
    turns: Option<u32>,
    seconds: Option<f64>,
}

impl DelegateRequest {
    fn parse(input: &Value, roles: &Roles) -> Result<Self, String> {
        let task = input
            .get("task")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or("`task` is required: the objective, the expected output and the boundaries")?;
        let role_name = input
            .get("role")
            .and_then(Value::as_str)
            .unwrap_or("worker");
        let role = roles.get(role_name).cloned().ok_or_else(|| {
            let known: Vec<&str> = roles.names().collect();
            format!(
                "there is no role `{role_name}`; use one of: {}",
                known.join(", ")
            )
        })?;
        let tools = match input.get("tools") {
            None | Some(Value::Null) => None,
            Some(Value::Array(items)) => Some(
                items
                    .iter()
                    .map(|t| {
                        t.as_str()
                            .map(str::to_owned)
                            .ok_or("`tools` lists tool names")
                    })
                    .collect::<Result<Vec<_>, _>>()?,
            ),
            Some(_) => return Err("`tools` is a list of tool names".into()),
        };
        let model_hint = input
            .get("model")
            .and_then(Value::as_str)
            .map(str::to_owned);
        let budget = match input.get("budget") {
            None | Some(Value::Null) => None,
            Some(value) => {
                let b: BudgetInput = serde_json::from_value(value.clone())
                    .map_err(|e| format!("bad `budget`: {e}"))?;
                Some(Limits {
                    usd: b.usd,
                    tokens: b.tokens,
                    turns: b.turns,
                    wall_ms: b.seconds.map(|s| (s * 1000.0).ceil() as u64),
                })
            }
        };
        Ok(Self {
            task: task.to_owned(),
            role,
            tools,
            model_hint,
            budget,
        })
    }
}

fn delegate_spec(roles: &Roles) -> ToolSpec {
    let names: Vec<&str> = roles.names().collect();
    let described: Vec<String> = roles
        .iter()
        .filter(|r| r.name != "orchestrator")
        .map(|r| format!("{}: {}", r.name, r.description))
        .collect();
    ToolSpec {
        name: DELEGATE_TOOL.into(),
        description: format!(
            "Hand a self-contained task to a sub-agent with a fresh context; it sees nothing of this conversation, only `task`. Several delegate calls in one turn run in parallel. It returns a short report (outcome, summary, artifact paths, cost). Roles: {}.",
            described.join("; ")
        ),
        input_schema: json!({
            "type": "object",
            "properties": {
                "task": {"type": "string", "description": "The objective, the expected output and format, and the boundaries (what not to touch)."},
                "role": {"type": "string", "enum": names},
                "tools": {"type": "array", "items": {"type": "string"}, "description": "Only these tools (within what the role allows)."},
                "model": {"type": "string", "description": "A model name, if this task needs a particular one; otherwise the router chooses."},
                "budget": {
                    "type": "object",
                    "properties": {
                        "usd": {"type": "number"}, "tokens": {"type": "integer"},
                        "turns": {"type": "integer"}, "seconds": {"type": "number"}
                    },
                    "additionalProperties": false
                }
            },
            "required": ["task", "role"],
            "additionalProperties": false
        }),
        output_schema: None,
        // Delegating changes nothing by itself: every call the sub-agent
        // makes passes its own inspectors. Being read-only also lets
        // several delegate calls of one turn run at once.
        annotations: ToolAnnotations::read_only(),
    }
}

/// A toolbox narrowed to what a role (and the delegate call) allows.
struct Filtered {
    inner: Arc<dyn Toolbox>,
    selection: ToolSelection,
    allowlist: Option<Vec<String>>,
}

impl Filtered {
    fn allows(&self, spec: &ToolSpec) -> bool {
        let read_only = spec.annotations.is_read_only();
        self.selection.allows(&spec.name, read_only)
            && self
                .allowlist
                .as_ref()
                .is_none_or(|list| ToolSelection::Named(list.clone()).allows(&spec.name, read_only))
    }
}

#[async_trait]
impl Toolbox for Filtered {
    fn specs(&self) -> Vec<ToolSpec> {
        self.inner
            .specs()
            .into_iter()
            .filter(|s| self.allows(s))
            .collect()
    }

    fn generation(&self) -> u64 {
        self.inner.generation()
    }

    fn spec(&self, name: &str) -> Option<ToolSpec> {
        self.inner.spec(name).filter(|s| self.allows(s))
    }

    async fn call(&self, name: &str, input: Value, ctx: ToolContext) -> ToolOutput {
        if self.spec(name).is_none() {
            return ToolOutput::error(format!("`{name}` is not one of this agent's tools"));
        }
        self.inner.call(name, input, ctx).await
    }
}

/// An agent's tools plus its `delegate` tool.
pub struct WithDelegate {
    inner: Arc<dyn Toolbox>,
    delegator: Delegator,
}

impl WithDelegate {
    pub fn new(inner: Arc<dyn Toolbox>, delegator: Delegator) -> Self {
        Self { inner, delegator }
    }
}

#[async_trait]
impl Toolbox for WithDelegate {
    fn specs(&self) -> Vec<ToolSpec> {
        let mut specs: Vec<ToolSpec> = self
            .inner
            .specs()
            .into_iter()
            .filter(|s| s.name != DELEGATE_TOOL)
            .collect();
        specs.push(self.delegator.spec().clone());
        specs
    }

    fn generation(&self) -> u64 {
        self.inner.generation()
    }

    fn spec(&self, name: &str) -> Option<ToolSpec> {
        if name == DELEGATE_TOOL {
            Some(self.delegator.spec().clone())
        } else {
            self.inner.spec(name)
        }
    }

    async fn call(&self, name: &str, input: Value, ctx: ToolContext) -> ToolOutput {
        if name == DELEGATE_TOOL {
            self.delegator.call(input, ctx).await
        } else {
            self.inner.call(name, input, ctx).await
        }
    }
}
