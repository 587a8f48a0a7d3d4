use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use baton_models::{ModelClient, ModelRequest, ModelResponse, StreamEvent};
use baton_protocol::{
    AgentId, BudgetKind, ContentBlock, Cost, Event, Message, Outcome, Role, StopReason, ToolCallId,
    ToolOutput, ToolResultContent, ToolSpec, Usage,
};
use baton_tools::{ToolContext, Toolbox};
use futures::StreamExt;
use serde_json::Value;
use tokio_util::sync::CancellationToken;

use crate::budget::{Budget, Spend, affordable_output, estimate_tokens, worst_case};
use crate::compact::{self, Calibration, CompactionSettings, estimate_request_tokens};
use crate::delegate::DELEGATE_TOOL;

/// Below this many output tokens a call is not worth making: the budget
/// stops the agent instead.
const MIN_USEFUL_OUTPUT: u32 = 256;
/// How long a cancelled agent waits for its sub-agents to finish before
/// abandoning their delegate calls.
const DELEGATE_CANCEL_GRACE: Duration = Duration::from_secs(5);
use crate::gate::{Gate, Gates};
use crate::inspect::{InspectContext, Inspector, ToolCall, Verdict};
use crate::{Emitter, EventBus};

#[derive(Debug, Clone)]
pub struct AgentConfig {
    /// Shown in events and the trace: `main`, `explorer`, `worker`, …
    pub role: String,
    pub system_prompt: Option<String>,
    /// The most model calls this agent may make.
    pub max_turns: u32,
    /// The output cap per model call; the model's own default when `None`.
    pub max_tokens: Option<u32>,
    pub temperature: Option<f32>,
    pub stop_sequences: Vec<String>,
    /// Longer tool output is cut in the middle before the model sees it.
    pub max_tool_output_chars: usize,
    /// How many more times an agent may try after a completion gate
    /// rejects its answer, before it ends in failure.
    pub gate_attempts: u32,
    /// When and how to compact the context; `None` never compacts.
    pub compaction: Option<CompactionSettings>,
}

impl Default for AgentConfig {
    fn default() -> Self {
        Self {
            role: "main".into(),
            system_prompt: None,
            max_turns: 50,
            max_tokens: None,
            temperature: None,
            stop_sequences: Vec::new(),
            max_tool_output_chars: 60_000,
            gate_attempts: 2,
            compaction: Some(CompactionSettings::default()),
        }
    }
}

/// How an agent's run ended, and what it consumed.
#[derive(Debug, Clone)]
pub struct AgentReport {
    pub outcome: Outcome,
    /// The final answer, or the last text the model wrote before stopping.
    pub answer: String,
    pub usage: Usage,
    pub cost: Cost,
    pub turns: u32,
    pub tool_calls: u32,
    /// Set when the run stopped on an error.
    pub error: Option<String>,
    /// The whole conversation; every tool_use has its tool_result.
    pub messages: Vec<Message>,
}

/// One agent: a model, a toolbox, and the inspectors that guard its calls.
pub struct Agent {
    pub(crate) id: AgentId,
    pub(crate) parent: Option<AgentId>,
    model: Arc<dyn ModelClient>,
    pub(crate) tools: Arc<dyn Toolbox>,
    inspectors: Vec<Arc<dyn Inspector>>,
    pub(crate) config: AgentConfig,
    pub(crate) budget: Budget,
    origin: Origin,
    pub(crate) gates: Vec<Arc<dyn Gate>>,
}

/// How a delegated agent came to be, for its `agent_spawned` event.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    /// Why the router chose its model.
    pub reason: Option<String>,
    /// The parent's `delegate` call.
    pub call_id: Option<ToolCallId>,
}

/// The task is in the transcript; events carry only its start.
const TASK_IN_EVENT_CHARS: usize = 200;

impl Agent {
    pub fn new(
        id: AgentId,
        model: Arc<dyn ModelClient>,
        tools: Arc<dyn Toolbox>,
        config: AgentConfig,
    ) -> Self {
        Self {
            id,
            parent: None,
            model,
            tools,
            inspectors: Vec::new(),
            config,
            budget: Budget::unlimited(),
            origin: Origin::default(),
            gates: Vec::new(),
        }
    }

    pub fn with_parent(mut self, parent: AgentId) -> Self {
        self.parent = Some(parent);
        self
    }

    pub fn with_origin(mut self, origin: Origin) -> Self {
        self.origin = origin;
        self
    }

    pub fn budget(&self) -> &Budget {
        &self.budget
    }

    pub fn config(&self) -> &AgentConfig {
        &self.config
    }

    /// The agent's place in the budget tree; unlimited by default.
    pub fn with_budget(mut self, budget: Budget) -> Self {
        self.budget = budget;
        self
    }

    /// Appends a completion gate; they run in the order added when the
    /// agent says it is done.
    pub fn with_gate(mut self, gate: Arc<dyn Gate>) -> Self {
        self.gates.push(gate);
        self
    }

    /// Appends an inspector; they run in the order added.
    pub fn with_inspector(mut self, inspector: Arc<dyn Inspector>) -> Self {
        self.inspectors.push(inspector);
        self
    }

    pub fn id(&self) -> &AgentId {
        &self.id
    }

    pub fn model(&self) -> &Arc<dyn ModelClient> {
        &self.model
    }

    /// Runs `task` to the end. Never fails: errors end the run with a
    /// report that says what went wrong.
    pub async fn run(&self, bus: &EventBus, task: &str, cancel: &CancellationToken) -> AgentReport {
        let emitter = bus.emitter(self.id.clone(), self.parent.clone());
        emitter.emit(Event::AgentSpawned {
            role: self.config.role.clone(),
            model: self.model.info().name.clone(),
            reason: self.origin.reason.clone(),
            call_id: self.origin.call_id.clone(),
            task: Some(clip_chars(task, TASK_IN_EVENT_CHARS)),
        });
        self.begin_gates(&emitter).await;
        let mut run = Run::new(self, emitter, cancel);
        run.push(Message::user_text(task));
        let (outcome, error) = run.drive().await;
        run.finish_report(outcome, error)
    }
}

impl<'a> Run<'a> {
    pub(crate) fn new(agent: &'a Agent, emitter: Emitter, cancel: &'a CancellationToken) -> Self {
        Run {
            agent,
            emitter,
            cancel,
            messages: Arc::new(Vec::new()),
            tools: Arc::new(agent.tools.specs()),
            tools_generation: agent.tools.generation(),
            usage: Usage::default(),
            cost: Cost::default(),
            turns: 0,
            tool_calls: 0,
            last_text: String::new(),
            counted_tokens: 0,
            counted_messages: 0,
            recovered: HashMap::new(),
            calibration: Calibration::default(),
            gate_rejections: 0,
        }
    }

    /// A new task in the same conversation.
    pub(crate) fn follow_up(&mut self, text: &str) {
        self.push(Message::user_text(text));
    }

    pub(crate) fn finish_report(self, outcome: Outcome, error: Option<String>) -> AgentReport {
        let report = AgentReport {
            outcome,
            answer: self.last_text,
            usage: self.usage,
            cost: self.cost,
            turns: self.turns,
            tool_calls: self.tool_calls,
            error,
            messages: Arc::unwrap_or_clone(self.messages),
        };
        self.emitter.emit(Event::AgentFinished {
            outcome: report.outcome,
            report: report.answer.clone(),
            usage: report.usage,
            cost: report.cost,
            turns: report.turns,
        });
        report
    }
}

/// Why the loop stopped before a final answer.
enum Stop {
    Cancelled,
    Failed(String),
    Budget,
}

impl Stop {
    fn into_outcome(self) -> (Outcome, Option<String>) {
        match self {
            Stop::Cancelled => (Outcome::Cancelled, None),
            Stop::Budget => (Outcome::BudgetExhausted, None),
            Stop::Failed(error) => (Outcome::Failure, Some(error)),
        }
    }
}

/// The state of one run of the loop.
pub(crate) struct Run<'a> {
    pub(crate) agent: &'a Agent,
    pub(crate) emitter: Emitter,
    pub(crate) cancel: &'a CancellationToken,
    pub(crate) messages: Arc<Vec<Message>>,
    pub(crate) tools: Arc<Vec<ToolSpec>>,
    /// The toolbox generation `tools` was read at.
    pub(crate) tools_generation: u64,
    pub(crate) usage: Usage,
    pub(crate) cost: Cost,
    pub(crate) turns: u32,
    pub(crate) tool_calls: u32,
    pub(crate) last_text: String,
    /// Prompt tokens of the last call, as the provider counted them, and
    /// how many messages that covered: the next prompt is those plus an
    /// estimate for what came after.
    pub(crate) counted_tokens: u64,
    pub(crate) counted_messages: usize,
    /// Results a resume already knows for the pending calls: replayed from
    /// the log, or "interrupted". Taken by the next `run_tools`.
    pub(crate) recovered: HashMap<ToolCallId, ToolOutput>,
    /// Corrects our estimates by what the provider counted.
    pub(crate) calibration: Calibration,
    /// How often a completion gate has sent the agent back to work.
    pub(crate) gate_rejections: u32,
}

impl Run<'_> {
    pub(crate) async fn drive(&mut self) -> (Outcome, Option<String>) {
        loop {
            if self.cancel.is_cancelled() {
                return (Outcome::Cancelled, None);
            }
            let limit = self.agent.config.max_turns;
            if self.turns >= limit {
                self.emitter.emit(Event::BudgetExceeded {
                    budget: BudgetKind::Turns,
                    limit: f64::from(limit),
                    used: f64::from(self.turns),
                });
                return (Outcome::BudgetExhausted, None);
            }
            self.turns += 1;
            self.refresh_tools();
            self.compact_if_due().await;
            self.emitter.emit(Event::TurnStarted { turn: self.turns });
            let response = match self.call_model().await {
                Ok(response) => response,
                Err(stop) => return stop.into_outcome(),
            };
            let text = response.message().text();
            if !text.is_empty() {
                self.last_text = text;
            }
            let calls = tool_calls(&response);
            if !response.content.is_empty() {
                self.push(response.message());
            }
            if calls.is_empty() {
                let done = self.finish(&response);
                if done.0 != Outcome::Success {
                    return done;
                }
                match self.run_gates().await {
                    Gates::Passed => return done,
                    Gates::Retry(feedback) => {
                        self.push(Message::user_text(feedback));
                        continue;
                    }
                    Gates::Failed(reason) => return (Outcome::Failure, Some(reason)),
                }
            }
            let results = self.run_tools(calls).await;
            self.push(Message {
                role: Role::User,
                content: results,
            });
            // A tool's result is on disk before any model sees it.
            self.emitter.sync().await;
        }
    }

    /// Adds a message to the context, and to the record a resume replays.
    pub(crate) fn push(&mut self, message: Message) {
        self.emitter.emit(Event::MessageAppended {
            message: message.clone(),
        });
        Arc::make_mut(&mut self.messages).push(message);
    }

    /// Picks up tool-list changes (an MCP server's `list_changed`, a
    /// reconnect) before the next model call.
    fn refresh_tools(&mut self) {
        let generation = self.agent.tools.generation();
        if generation != self.tools_generation {
            self.tools = Arc::new(self.agent.tools.specs());
            self.tools_generation = generation;
        }
    }

    fn finish(&self, response: &ModelResponse) -> (Outcome, Option<String>) {
        match response.stop_reason {
            StopReason::MaxTokens => {
                self.emitter.emit(Event::Warning {
                    message: "the final answer was cut off at the output token limit; raise max_tokens for this model".into(),
                });
                (Outcome::Success, None)
            }
            StopReason::Refusal => (Outcome::Failure, Some("the model refused the task".into())),
            _ => (Outcome::Success, None),
        }
    }

    async fn call_model(&mut self) -> Result<ModelResponse, Stop> {
        let config = &self.agent.config;
        let model = &self.agent.model;
        let mut request = ModelRequest {
            system: config.system_prompt.clone(),
            messages: self.messages.clone(),
            tools: self.tools.clone(),
            max_tokens: config.max_tokens.unwrap_or(model.info().max_output_tokens),
            temperature: config.temperature.or(model.info().sampling.temperature),
            top_p: model.info().sampling.top_p,
            seed: model.info().sampling.seed,
            stop_sequences: config.stop_sequences.clone(),
            ..ModelRequest::default()
        };
        // A call whose full output could overrun the budget gets a smaller
        // output cap instead, if a useful one still fits.
        let prompt = self.prompt_estimate(&request);
        let price = model.info().price;
        let remaining = self.agent.budget.remaining();
        if let Some(fits) = affordable_output(prompt, price.as_ref(), remaining) {
            let useful = u64::from(MIN_USEFUL_OUTPUT.min(request.max_tokens));
            if fits < u64::from(request.max_tokens) && fits >= useful {
                request.max_tokens = u32::try_from(fits).unwrap_or(u32::MAX);
            }
        }
        let worst = worst_case(prompt, request.max_tokens, price.as_ref());
        let reservation = match self.agent.budget.reserve(worst) {
            Ok(reservation) => reservation,
            Err(exceeded) => {
                self.emitter.emit(Event::BudgetExceeded {
                    budget: exceeded.kind,
                    limit: exceeded.limit,
                    used: exceeded.used,
                });
                return Err(Stop::Budget);
            }
        };
        let deadline = self.agent.budget.deadline();
        let started = Instant::now();
        let mut first_token_ms = None;
        let mut live_usage = Usage::default();
        let estimated = estimate_request_tokens(&request);
        // Retried attempts are billed into the usage too, which would skew
        // the calibration.
        let mut retried = false;
        let mut stream = model.stream(request);
        loop {
            let next = tokio::select! {
                biased;
                () = self.cancel.cancelled() => {
                    // The provider bills what it already processed.
                    let cost = self.account(live_usage);
                    reservation.settle(spend(live_usage, cost));
                    return Err(Stop::Cancelled);
                }
                () = sleep_until(deadline) => {
                    let cost = self.account(live_usage);
                    reservation.settle(spend(live_usage, cost));
                    let limit = self.agent.budget.wall_limit_ms().unwrap_or_default() as f64;
                    self.emitter.emit(Event::BudgetExceeded {
                        budget: BudgetKind::WallTimeMs,
                        limit,
                        used: limit,
                    });
                    return Err(Stop::Budget);
                }
                next = stream.next() => next,
            };
            match next {
                Some(Ok(StreamEvent::TextDelta(text))) => {
                    first_token_ms.get_or_insert_with(|| started.elapsed().as_millis() as u64);
                    self.emitter.emit(Event::ModelDelta { text });
                }
                Some(Ok(StreamEvent::ToolUseStarted { .. })) => {
                    first_token_ms.get_or_insert_with(|| started.elapsed().as_millis() as u64);
                }
                Some(Ok(StreamEvent::Usage(usage))) => live_usage = usage,
                Some(Ok(StreamEvent::Retrying {
                    attempt,
                    reason,
                    delay,
                })) => {
                    first_token_ms = None;
                    retried = true;
                    self.emitter.emit(Event::ModelRetry {
                        attempt,
                        reason,
                        delay_ms: delay.as_millis() as u64,
                    });
                }
                Some(Ok(StreamEvent::Finished(response))) => {
                    let cost = self.account(response.usage);
                    reservation.settle(spend(response.usage, cost));
                    if !retried {
                        let reported = response.usage.prompt_tokens();
                        self.calibration.observe(reported, estimated);
                    }
                    self.counted_tokens = response.usage.prompt_tokens();
                    self.counted_messages = self.messages.len();
                    self.emitter.emit(Event::ModelFinished {
                        model: response.model.clone(),
                        stop_reason: response.stop_reason,
                        usage: response.usage,
                        cost,
                        latency_ms: started.elapsed().as_millis() as u64,
                        first_token_ms,
                    });
                    return Ok(response);
                }
                Some(Err(error)) => {
                    let cost = self.account(live_usage);
                    reservation.settle(spend(live_usage, cost));
                    return Err(Stop::Failed(error.to_string()));
                }
                None => {
                    let cost = self.account(live_usage);
                    reservation.settle(spend(live_usage, cost));
                    return Err(Stop::Failed(
                        "the model stream ended without a response".into(),
                    ));
                }
            }
        }
    }

    /// The prompt's size in tokens: what the provider counted last time
    /// plus a calibrated estimate for the messages since, or a calibrated
    /// estimate of the whole request on the first call (or after a
    /// compaction replaced what the provider had counted).
    fn prompt_estimate(&self, request: &ModelRequest) -> u64 {
        if self.counted_messages == 0 {
            return self.calibration.tokens(estimate_request_tokens(request));
        }
        let since: usize = request
            .messages
            .iter()
            .skip(self.counted_messages)
            .map(json_len)
            .sum();
        self.counted_tokens + self.calibration.tokens(estimate_tokens(since))
    }

    /// Compacts the context before a model call that would reach the
    /// threshold; the summary call is accounted like any other.
    async fn compact_if_due(&mut self) {
        let Some(settings) = self.agent.config.compaction else {
            return;
        };
        let request = ModelRequest {
            system: self.agent.config.system_prompt.clone(),
            messages: self.messages.clone(),
            tools: self.tools.clone(),
            ..ModelRequest::default()
        };
        let prompt = self.prompt_estimate(&request);
        let run = compact::run::RunContext {
            model: self.agent.model.as_ref(),
            budget: &self.agent.budget,
            emitter: &self.emitter,
            cancel: self.cancel,
        };
        let (context, usage, cost) =
            compact::run::compact_if_due(run, &settings, &request, prompt, self.calibration).await;
        self.usage += usage;
        self.cost += cost;
        if let Some(context) = context {
            self.messages = Arc::new(context);
            self.counted_tokens = 0;
            self.counted_messages = 0;
        }
    }

    fn account(&mut self, usage: Usage) -> Cost {
        let cost = self
            .agent
            .model
            .info()
            .price
            .map(|price| price.cost(&usage))
            .unwrap_or_default();
        self.usage += usage;
        self.cost += cost;
        cost
    }

    /// Runs the turn's calls and returns one result per call, in call order.
    ///
    /// Calls are grouped as they come: a run of consecutive read-only calls
    /// executes in parallel; any other call executes alone, so side effects
    /// keep the order the model gave them.
    pub(crate) async fn run_tools(&mut self, calls: Vec<ToolCall>) -> Vec<ContentBlock> {
        let mut results: Vec<Option<ToolOutput>> = vec![None; calls.len()];
        let mut batch: Vec<(usize, ToolSpec)> = Vec::new();
        let mut batches: Vec<Vec<(usize, ToolSpec)>> = Vec::new();
        let mut recovered = std::mem::take(&mut self.recovered);
        for (index, call) in calls.iter().enumerate() {
            if let Some(output) = recovered.remove(&call.id) {
                results[index] = Some(output);
                continue;
            }
            let Some(spec) = self.agent.tools.spec(&call.name) else {
                results[index] = Some(unknown_tool(call, &self.tools));
                continue;
            };
            if let Some(problem) = malformed_input(call) {
                results[index] = Some(problem);
                continue;
            }
            if spec.annotations.is_read_only() {
                batch.push((index, spec));
            } else {
                if !batch.is_empty() {
                    batches.push(std::mem::take(&mut batch));
                }
                batches.push(vec![(index, spec)]);
            }
        }
        if !batch.is_empty() {
            batches.push(batch);
        }

        for batch in batches {
            if self.cancel.is_cancelled() {
                break;
            }
            let mut allowed = Vec::new();
            for (index, spec) in batch {
                let call = &calls[index];
                match self.inspect(call, &spec).await {
                    Verdict::Allow => allowed.push(index),
                    Verdict::Deny { reason } => {
                        self.emitter.emit(Event::ToolCallDenied {
                            call_id: call.id.clone(),
                            tool: call.name.clone(),
                            reason: reason.clone(),
                        });
                        results[index] = Some(ToolOutput::error(reason));
                    }
                }
            }
            for (index, output) in self.execute(&calls, allowed).await {
                results[index] = Some(output);
            }
        }

        calls
            .iter()
            .zip(results)
            .map(|(call, output)| {
                let output = output.unwrap_or_else(|| {
                    ToolOutput::error("not run: the session was cancelled before this call started")
                });
                ContentBlock::ToolResult {
                    tool_use_id: call.id.clone(),
                    content: output.content,
                    is_error: output.is_error,
                }
            })
            .collect()
    }

    async fn inspect(&self, call: &ToolCall, spec: &ToolSpec) -> Verdict {
        let ctx = InspectContext {
            emitter: &self.emitter,
            cancel: self.cancel,
        };
        for inspector in &self.agent.inspectors {
            if let Verdict::Deny { reason } = inspector.inspect(call, spec, &ctx).await {
                return Verdict::Deny { reason };
            }
        }
        Verdict::Allow
    }

    /// Executes the given calls concurrently, each in its own task so a
    /// panicking tool becomes an error result instead of ending the run.
    async fn execute(
        &mut self,
        calls: &[ToolCall],
        indices: Vec<usize>,
    ) -> Vec<(usize, ToolOutput)> {
        let mut running = Vec::with_capacity(indices.len());
        let mut side_effects = false;
        for &index in &indices {
            let call = &calls[index];
            self.tool_calls += 1;
            self.emitter.emit(Event::ToolCallStarted {
                call_id: call.id.clone(),
                tool: call.name.clone(),
                input: call.input.clone(),
            });
            side_effects |= self
                .agent
                .tools
                .spec(&call.name)
                .is_none_or(|spec| !spec.annotations.is_read_only());
        }
        // Write-ahead: a call that changes anything is on record as started
        // before it runs, so a resume never mistakes it for one that never ran.
        if side_effects {
            self.emitter.sync().await;
        }
        for index in indices {
            let call = calls[index].clone();
            let tools = self.agent.tools.clone();
            let progress_emitter = self.emitter.clone();
            let progress_id = call.id.clone();
            let ctx = ToolContext::new(call.id.clone(), self.cancel.child_token()).with_progress(
                Arc::new(move |progress, total, message| {
                    progress_emitter.emit(Event::ToolProgress {
                        call_id: progress_id.clone(),
                        progress,
                        total,
                        message,
                    });
                }),
            );
            let started = Instant::now();
            let handle = tokio::spawn(async move { tools.call(&call.name, call.input, ctx).await });
            running.push((index, started, handle));
        }
        let mut finished = Vec::with_capacity(running.len());
        for (index, started, mut handle) in running {
            let call = &calls[index];
            let joined = tokio::select! {
                joined = &mut handle => joined,
                () = self.cancel.cancelled() => {
                    // A sub-agent sees the same cancellation and ends by
                    // itself at once; aborting its delegate call would
                    // detach it, so its `agent_finished` could come after
                    // this agent's (and after `session_finished`). Wait for
                    // it, for a bounded time.
                    let grace = if call.name == DELEGATE_TOOL {
                        DELEGATE_CANCEL_GRACE
                    } else {
                        Duration::ZERO
                    };
                    match tokio::time::timeout(grace, &mut handle).await {
                        Ok(joined) => joined,
                        Err(_) => {
                            // Aborting drops the tool's future; its clean-up
                            // (the shell killing its process group) runs in
                            // Drop, and awaiting the handle waits for that.
                            handle.abort();
                            handle.await
                        }
                    }
                }
            };
            let mut output = match joined {
                Ok(output) => output,
                Err(error) if error.is_cancelled() => {
                    ToolOutput::error("cancelled before it finished")
                }
                Err(_) => ToolOutput::error(format!(
                    "the `{}` tool crashed; this is a bug in the tool",
                    call.name
                )),
            };
            cap_output(&mut output, self.agent.config.max_tool_output_chars);
            self.emitter.emit(Event::ToolCallFinished {
                call_id: call.id.clone(),
                tool: call.name.clone(),
                output: output.clone(),
                duration_ms: started.elapsed().as_millis() as u64,
            });
            finished.push((index, output));
        }
        finished
    }
}

/// The tool calls of a last assistant message that never got its results.
pub(crate) fn pending_calls(messages: &[Message]) -> Vec<ToolCall> {
    match messages.last() {
        Some(last) if last.role == Role::Assistant => last
            .tool_uses()
            .map(|(id, name, input)| ToolCall {
                id: id.clone(),
                name: name.to_owned(),
                input: input.clone(),
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn tool_calls(response: &ModelResponse) -> Vec<ToolCall> {
    response
        .content
        .iter()
        .filter_map(|block| match block {
            ContentBlock::ToolUse { id, name, input } => Some(ToolCall {
                id: id.clone(),
                name: name.clone(),
                input: input.clone(),
            }),
            _ => None,
        })
        .collect()
}

fn unknown_tool(call: &ToolCall, tools: &[ToolSpec]) -> ToolOutput {
    let names: Vec<&str> = tools.iter().map(|spec| spec.name.as_str()).collect();
    ToolOutput::error(format!(
        "there is no tool named `{}`; the available tools are: {}",
        call.name,
        names.join(", ")
    ))
}

fn malformed_input(call: &ToolCall) -> Option<ToolOutput> {
    match &call.input {
        Value::Object(_) => None,
        Value::String(raw) => Some(ToolOutput::error(format!(
            "the arguments for `{}` were not valid JSON, so the call did not run. You sent: {}\nCall the tool again with a JSON object that matches its input schema.",
            call.name,
            truncate_chars(raw, 2_000)
        ))),
        other => Some(ToolOutput::error(format!(
            "the arguments for `{}` must be a JSON object, not {other}; the call did not run",
            call.name
        ))),
    }
}

fn truncate_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// Keeps the head and the tail of oversized text: both ends tend to matter
/// (what was run, and how it ended).
fn cap_output(output: &mut ToolOutput, max_chars: usize) {
    for part in &mut output.content {
        let ToolResultContent::Text { text } = part else {
            continue;
        };
        let total = text.chars().count();
        if total <= max_chars {
            continue;
        }
        let head: String = text.chars().take(max_chars / 2).collect();
        let tail: String = text.chars().skip(total - max_chars / 2).collect();
        *text = format!(
            "{head}\n[… {} characters omitted …]\n{tail}",
            total - 2 * (max_chars / 2)
        );
    }
}

fn clip_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

fn json_len<T: serde::Serialize>(value: &T) -> usize {
    serde_json::to_string(value).map_or(0, |text| text.len())
}

pub(crate) fn spend(usage: Usage, cost: Cost) -> Spend {
    Spend {
        usd: cost.total_usd,
        tokens: usage.total_tokens(),
    }
}

/// Never fires without a deadline.
async fn sleep_until(deadline: Option<Instant>) {
    match deadline {
        Some(deadline) => tokio::time::sleep_until(deadline.into()).await,
        None => std::future::pending().await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oversized_output_keeps_both_ends() {
        let mut output = ToolOutput::text(format!("{}{}", "a".repeat(100), "z".repeat(100)));
        cap_output(&mut output, 20);
        let text = output.text_summary();
        assert!(
            text.starts_with("aaaaaaaaaa\n[… 180 characters omitted …]\nzzzzzzzzzz"),
            "{text}"
        );
        let mut small = ToolOutput::text("short");
        cap_output(&mut small, 20);
        assert_eq!(small.text_summary(), "short");
    }
}
