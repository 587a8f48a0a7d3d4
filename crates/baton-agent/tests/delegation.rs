//! Delegation with scripted models: parallel children with clean contexts,
//! failed children, budgets, cancellation, the depth limit and the cascade.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use baton_agent::{
    Agent, AgentConfig, AgentReport, Budget, Choice, Delegation, Delegator, EventBus, Limits,
    ModelChooser, RoleDef, Roles, WithDelegate,
};
use baton_models::scripted::ScriptedClient;
use baton_models::{ModelClient, ModelInfo, ModelRequest, ModelStream};
use baton_protocol::{
    AgentId, ContentBlock, Envelope, Event, Outcome, ToolAnnotations, ToolOutput,
    ToolResultContent, ToolSpec,
};
use baton_tools::{Tool, ToolContext, ToolRegistry, Toolbox};
use serde_json::{Value, json};
use tokio::sync::{Barrier, mpsc};
use tokio_util::sync::CancellationToken;

fn scripted(name: &str, script: &Value) -> ScriptedClient {
    ScriptedClient::parse(&script.to_string(), Path::new("inline.json"), name).unwrap()
}

/// Gives each child a fresh copy of its role's script; `frontier[role]`
/// lists (model name, script) from cheapest to strongest.
struct Chooser {
    frontier: HashMap<String, Vec<(String, Value)>>,
    requests: Arc<Mutex<Vec<(String, ModelRequest)>>>,
}

impl Chooser {
    fn new(frontier: &[(&str, Vec<(&str, Value)>)]) -> Arc<Self> {
        Arc::new(Self {
            frontier: frontier
                .iter()
                .map(|(role, models)| {
                    let models = models
                        .iter()
                        .map(|(name, script)| ((*name).to_owned(), script.clone()))
                        .collect();
                    ((*role).to_owned(), models)
                })
                .collect(),
            requests: Arc::default(),
        })
    }

    fn pick(&self, name: &str, script: &Value, reason: String) -> Choice {
        let model = Arc::new(Recorded {
            model: scripted(name, script),
            name: name.to_owned(),
            log: self.requests.clone(),
        });
        Choice { model, reason }
    }

    fn child_requests(&self) -> Vec<(String, ModelRequest)> {
        self.requests.lock().unwrap().clone()
    }
}

/// A child's model, logging each request it gets (with the model's name).
struct Recorded {
    model: ScriptedClient,
    name: String,
    log: Arc<Mutex<Vec<(String, ModelRequest)>>>,
}

impl ModelClient for Recorded {
    fn info(&self) -> &ModelInfo {
        self.model.info()
    }
    fn stream(&self, request: ModelRequest) -> ModelStream {
        self.log
            .lock()
            .unwrap()
            .push((self.name.clone(), request.clone()));
        self.model.stream(request)
    }
}

impl ModelChooser for Chooser {
    fn choose(&self, role: &RoleDef, _task: &str, _hint: Option<&str>) -> Result<Choice, String> {
        let (name, script) = self
            .frontier
            .get(&role.name)
            .and_then(|models| models.first())
            .ok_or_else(|| format!("no model for role {}", role.name))?;
        Ok(self.pick(name, script, format!("cheapest for {}", role.name)))
    }

    fn escalate(&self, role: &RoleDef, _task: &str, failed: &str) -> Option<Choice> {
        let models = self.frontier.get(&role.name)?;
        let at = models.iter().position(|(name, _)| name == failed)?;
        let (name, script) = models.get(at + 1)?;
        Some(self.pick(name, script, format!("escalated after {failed}")))
    }
}

/// A read-only tool that waits until `n` callers are inside it at once,
/// which can only happen if they run in parallel.
fn rendezvous(n: usize) -> Arc<dyn Tool> {
    struct Rendezvous {
        spec: ToolSpec,
        barrier: Barrier,
    }
    #[async_trait]
    impl Tool for Rendezvous {
        fn spec(&self) -> &ToolSpec {
            &self.spec
        }
        async fn call(&self, _input: Value, _ctx: ToolContext) -> ToolOutput {
            match tokio::time::timeout(Duration::from_secs(10), self.barrier.wait()).await {
                Ok(_) => ToolOutput::text("all here"),
                Err(_) => ToolOutput::error("the others never came: children ran one at a time"),
            }
        }
    }
    Arc::new(Rendezvous {
        spec: ToolSpec {
            name: "rendezvous".into(),
            description: "Waits for the others.".into(),
            input_schema: json!({"type": "object"}),
            output_schema: None,
            annotations: ToolAnnotations::read_only(),
        },
        barrier: Barrier::new(n),
    })
}

struct Tree {
    bus: EventBus,
    events: mpsc::UnboundedReceiver<Envelope>,
    chooser: Arc<Chooser>,
    tools: Arc<dyn Toolbox>,
    roles: Roles,
    max_depth: u32,
    memory: Option<String>,
}

impl Tree {
    fn new(chooser: Arc<Chooser>, tools: Vec<Arc<dyn Tool>>) -> Self {
        let bus = EventBus::new("s".into());
        let events = bus.channel();
        let mut registry = ToolRegistry::new();
        for tool in tools {
            registry.register(tool);
        }
        Self {
            bus,
            events,
            chooser,
            tools: Arc::new(registry),
            roles: Roles::builtin(),
            max_depth: Delegation::DEFAULT_MAX_DEPTH,
            memory: None,
        }
    }

    fn root(&self, script: Value, budget: Budget) -> Agent {
        self.root_with(self.chooser.clone(), script, budget)
    }

    fn root_with(&self, chooser: Arc<dyn ModelChooser>, script: Value, budget: Budget) -> Agent {
        let settings = Delegation {
            roles: Arc::new(self.roles.clone()),
            chooser,
            tools: self.tools.clone(),
            bus: self.bus.clone(),
            base_prompt: "The workspace is /tmp/w.".into(),
            max_parallel: Delegation::DEFAULT_MAX_PARALLEL,
            max_depth: self.max_depth,
            inspectors: Vec::new(),
            max_summary_chars: 2000,
            max_attempts: 3,
            resume: None,
            memory: self.memory.clone(),
            compaction: None,
            verify: None,
            gate_attempts: 2,
            critique: None,
        };
        let root = AgentId::new("root");
        let tools = Arc::new(WithDelegate::new(
            self.tools.clone(),
            Delegator::new(settings, root.clone(), budget.clone(), 0),
        ));
        let config = AgentConfig {
            role: "orchestrator".into(),
            ..AgentConfig::default()
        };
        Agent::new(root, Arc::new(scripted("strong", &script)), tools, config).with_budget(budget)
    }

    fn drain(&mut self) -> Vec<Envelope> {
        let mut out = Vec::new();
        while let Ok(envelope) = self.events.try_recv() {
            out.push(envelope);
        }
        out
    }
}

async fn run(agent: &Agent, bus: &EventBus, task: &str) -> AgentReport {
    tokio::time::timeout(
        Duration::from_secs(30),
        agent.run(bus, task, &CancellationToken::new()),
    )
    .await
    .expect("the run must end on its own")
}

fn delegate(task: &str, role: &str) -> Value {
    json!({"name": "delegate", "input": {"task": task, "role": role}})
}

fn finished(events: &[Envelope]) -> HashMap<String, Outcome> {
    events
        .iter()
        .filter_map(|e| match &e.event {
            Event::AgentFinished { outcome, .. } => Some((e.agent.as_str().to_owned(), *outcome)),
            _ => None,
        })
        .collect()
}

/// The agent started for `task`.
fn spawned_for(events: &[Envelope], task: &str) -> String {
    events
        .iter()
        .find_map(|e| match &e.event {
            Event::AgentSpawned { task: Some(t), .. } if t == task => {
                Some(e.agent.as_str().to_owned())
            }
            _ => None,
        })
        .unwrap_or_else(|| panic!("no agent for {task}"))
}

fn explorer_script(answer: &str) -> Value {
    json!([
        {"text": "meeting the others", "tool_calls": [{"name": "rendezvous", "input": {}}]},
        {"text": format!("{answer}\nARTIFACT: notes/{answer}.md")}
    ])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn children_run_in_parallel_with_clean_contexts_and_report_back() {
    let chooser = Chooser::new(&[("explorer", vec![("cheap", explorer_script("found-it"))])]);
    let mut tree = Tree::new(chooser.clone(), vec![rendezvous(3)]);
    let orchestrator = json!([
        {"text": "splitting", "tool_calls": [
            delegate("look in src/a", "explorer"),
            delegate("look in src/b", "explorer"),
            delegate("look in src/c", "explorer")
        ]},
        {"text": "all three found it"}
    ]);
    let root = tree.root(orchestrator, Budget::unlimited());
    let report = run(&root, &tree.bus, "SECRET-PARENT-TASK: find it everywhere").await;
    assert_eq!(report.outcome, Outcome::Success, "{:?}", report.error);
    assert_eq!(report.answer, "all three found it");

    let events = tree.drain();
    let outcomes = finished(&events);
    for child in ["root.1", "root.2", "root.3"] {
        assert_eq!(outcomes.get(child), Some(&Outcome::Success), "{outcomes:?}");
    }
    // All three were inside the rendezvous at once.
    let rendezvous: Vec<bool> = events
        .iter()
        .filter_map(|e| match &e.event {
            Event::ToolCallFinished { tool, output, .. } if tool == "rendezvous" => {
                Some(output.is_error)
            }
            _ => None,
        })
        .collect();
    assert_eq!(rendezvous, [false, false, false]);
    // Every child's event names its parent; its spawn names the call and
    // the router's reason.
    let spawned: Vec<&Envelope> = events
        .iter()
        .filter(|e| matches!(e.event, Event::AgentSpawned { .. }) && e.agent.as_str() != "root")
        .collect();
    assert_eq!(spawned.len(), 3);
    for envelope in &spawned {
        assert_eq!(envelope.parent.as_ref().map(AgentId::as_str), Some("root"));
        let Event::AgentSpawned {
            role,
            model,
            reason,
            call_id,
            task,
        } = &envelope.event
        else {
            unreachable!()
        };
        assert_eq!((role.as_str(), model.as_str()), ("explorer", "cheap"));
        assert_eq!(reason.as_deref(), Some("cheapest for explorer"));
        assert!(call_id.is_some());
        assert!(task.as_deref().unwrap().starts_with("look in src/"));
    }

    // Clean contexts: a child's first request holds its task and nothing of
    // the parent's conversation.
    let requests = chooser.child_requests();
    assert_eq!(requests.len(), 6, "two calls per child");
    for (_, request) in &requests {
        let text = serde_json::to_string(&*request.messages).unwrap();
        assert!(!text.contains("SECRET-PARENT-TASK"), "{text}");
        assert!(!text.contains("splitting"), "{text}");
        let system = request.system.as_deref().unwrap();
        assert!(system.starts_with("You are an explorer."), "{system}");
        assert!(system.contains("The workspace is /tmp/w."));
        let names: Vec<&str> = request.tools.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["rendezvous"], "explorers get no delegate tool");
    }
    let firsts: Vec<String> = requests
        .iter()
        .filter(|(_, r)| r.messages.len() == 1)
        .map(|(_, r)| r.messages[0].text())
        .collect();
    assert_eq!(firsts.len(), 3);
    assert!(firsts.iter().all(|t| t.starts_with("look in src/")));

    // The parent sees short reports, with the artifacts split out.
    let results = tool_result_texts(&report);
    assert_eq!(results.len(), 3);
    for text in &results {
        assert!(text.contains("(explorer, cheap): success"), "{text}");
        assert!(
            text.contains("\n\nfound-it\n\nartifacts: notes/found-it.md"),
            "{text}"
        );
    }
}

fn tool_result_texts(report: &AgentReport) -> Vec<String> {
    report
        .messages
        .iter()
        .flat_map(|m| m.content.iter())
        .filter_map(|block| match block {
            ContentBlock::ToolResult { content, .. } => Some(
                content
                    .iter()
                    .filter_map(|c| match c {
                        ToolResultContent::Text { text } => Some(text.clone()),
                        _ => None,
                    })
                    .collect::<String>(),
            ),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn a_failing_child_gives_a_failed_report_and_the_rest_go_on() {
    let chooser = Chooser::new(&[
        ("explorer", vec![("cheap", json!([{"text": "fine"}]))]),
        (
            "worker",
            vec![(
                "cheap",
                json!([{"error": {"status": 400, "message": "bad request"}}]),
            )],
        ),
    ]);
    let mut tree = Tree::new(chooser, vec![]);
    let orchestrator = json!([
        {"text": "", "tool_calls": [delegate("read", "explorer"), delegate("write", "worker")]},
        {"text": "one of two worked"}
    ]);
    let root = tree.root(orchestrator, Budget::unlimited());
    let report = run(&root, &tree.bus, "t").await;
    assert_eq!(report.outcome, Outcome::Success);
    assert_eq!(report.answer, "one of two worked");
    let events = tree.drain();
    let outcomes = finished(&events);
    assert_eq!(
        outcomes.get(&spawned_for(&events, "read")),
        Some(&Outcome::Success)
    );
    assert_eq!(
        outcomes.get(&spawned_for(&events, "write")),
        Some(&Outcome::Failure)
    );
    let results = tool_result_texts(&report);
    assert!(
        results[1].contains("(worker, cheap): failure"),
        "{}",
        results[1]
    );
    assert!(results[1].contains("bad request"), "{}", results[1]);
}

#[tokio::test]
async fn unknown_roles_and_missing_tasks_are_refused_with_the_fix() {
    let chooser = Chooser::new(&[]);
    let mut tree = Tree::new(chooser, vec![]);
    let orchestrator = json!([
        {"text": "", "tool_calls": [
            delegate("x", "wizard"),
            {"name": "delegate", "input": {"role": "explorer"}}
        ]},
        {"text": "ok"}
    ]);
    let report = run(
        &tree.root(orchestrator, Budget::unlimited()),
        &tree.bus,
        "t",
    )
    .await;
    let results = tool_result_texts(&report);
    assert!(
        results[0].contains(
            "there is no role `wizard`; use one of: explorer, orchestrator, reviewer, worker"
        ),
        "{}",
        results[0]
    );
    assert!(results[1].contains("`task` is required"), "{}", results[1]);
    assert!(tree.drain().iter().all(|e| e.agent.as_str() == "root"));
}

#[tokio::test]
async fn budgets_hold_across_the_tree() {
    // Each child call costs $0.30 ($15/$75 per Mtok); children keep
    // calling tools until something stops them.
    let busy = json!({
        "price": {"input": 15.0, "output": 75.0},
        "turns": [{"text": "more", "tool_calls": [{"name": "rendezvous", "input": {}}],
                   "usage": {"input_tokens": 15000, "output_tokens": 1000}, "repeat": 50}]
    });
    let chooser = Chooser::new(&[("explorer", vec![("cheap", busy)])]);
    let mut tree = Tree::new(chooser, vec![rendezvous(1)]);
    let orchestrator = json!([
        {"text": "", "tool_calls": [
            {"name": "delegate", "input": {"task": "a", "role": "explorer", "budget": {"usd": 0.7}}},
            delegate("b", "explorer"),
            delegate("c", "explorer")
        ]},
        {"text": "done"}
    ]);
    let budget = Budget::root(Limits {
        usd: Some(2.0),
        ..Limits::default()
    });
    let root = tree.root(orchestrator, budget.clone());
    let report = run(&root, &tree.bus, "t").await;
    assert_eq!(
        report.outcome,
        Outcome::Success,
        "the parent goes on: {:?}",
        report.error
    );
    let events = tree.drain();
    let outcomes = finished(&events);
    for child in ["root.1", "root.2", "root.3"] {
        assert_eq!(
            outcomes.get(child),
            Some(&Outcome::BudgetExhausted),
            "{outcomes:?}"
        );
    }
    let spent_by = |agent: &str| -> f64 {
        events
            .iter()
            .filter(|e| e.agent.as_str() == agent)
            .filter_map(|e| match &e.event {
                Event::ModelFinished { cost, .. } => Some(cost.total_usd),
                _ => None,
            })
            .sum()
    };
    let capped = spawned_for(&events, "a");
    assert!(spent_by(&capped) <= 0.7 + 1e-9, "{}", spent_by(&capped));
    assert!(budget.spent().usd <= 2.0 + 1e-9, "{}", budget.spent().usd);
    // The tree really ran into its limit rather than stopping early.
    assert!(budget.spent().usd > 1.5, "{}", budget.spent().usd);
    assert!(
        events
            .iter()
            .any(|e| matches!(e.event, Event::BudgetExceeded { .. }))
    );
}

/// Runs `root`, waits until `leaves` explorers are inside their model
/// calls, cancels the run, and returns the root's report.
async fn cancel_once_leaves_started(tree: &mut Tree, root: Agent, leaves: usize) -> AgentReport {
    let cancel = CancellationToken::new();
    let bus = tree.bus.clone();
    let token = cancel.clone();
    let running = tokio::spawn(async move { root.run(&bus, "t", &token).await });
    let mut explorers = Vec::new();
    let mut waiting = leaves;
    while waiting > 0 {
        let envelope = tokio::time::timeout(Duration::from_secs(10), tree.events.recv())
            .await
            .expect("every leaf starts a turn")
            .unwrap();
        let agent = envelope.agent.as_str().to_owned();
        match &envelope.event {
            Event::AgentSpawned { role, .. } if role == "explorer" => explorers.push(agent),
            Event::TurnStarted { .. } if explorers.contains(&agent) => waiting -= 1,
            _ => {}
        }
    }
    cancel.cancel();
    tokio::time::timeout(Duration::from_secs(10), running)
        .await
        .expect("cancellation ends the whole tree")
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancellation_reaches_every_descendant() {
    let stuck = json!([{"text": "never", "latency_ms": 600000}]);
    let middle = json!([
        {"text": "", "tool_calls": [delegate("deeper", "explorer"), delegate("deeper too", "explorer")]},
        {"text": "unreachable"}
    ]);
    let chooser = Chooser::new(&[
        ("explorer", vec![("cheap", stuck)]),
        ("orchestrator", vec![("mid", middle)]),
    ]);
    let mut tree = Tree::new(chooser, vec![]);
    let orchestrator = json!([
        {"text": "", "tool_calls": [delegate("sub-plan", "orchestrator"), delegate("look", "explorer")]},
        {"text": "unreachable"}
    ]);
    let root = tree.root(orchestrator, Budget::unlimited());
    // The leaves' calls would last ten minutes; the run ends now.
    let report = cancel_once_leaves_started(&mut tree, root, 3).await;
    assert_eq!(report.outcome, Outcome::Cancelled);
    let outcomes = finished(&tree.drain());
    assert_eq!(outcomes.len(), 5, "{outcomes:?}");
    assert!(
        outcomes.values().all(|o| *o == Outcome::Cancelled),
        "{outcomes:?}"
    );
}

#[tokio::test]
async fn the_depth_limit_is_enforced() {
    // Every orchestrator tries to delegate to another orchestrator.
    let recursive = json!([
        {"text": "", "tool_calls": [delegate("go deeper", "orchestrator")]},
        {"text": "stopped here"}
    ]);
    let chooser = Chooser::new(&[("orchestrator", vec![("mid", recursive.clone())])]);
    let mut tree = Tree::new(chooser.clone(), vec![]);
    let report = run(&tree.root(recursive, Budget::unlimited()), &tree.bus, "t").await;
    assert_eq!(report.outcome, Outcome::Success);
    let agents: Vec<String> = finished(&tree.drain()).into_keys().collect();
    let deepest = agents.iter().map(|a| a.matches('.').count()).max().unwrap();
    assert_eq!(deepest, 2, "{agents:?}");
    // The agent at the limit was not offered the delegate tool at all, so
    // its own attempt failed as an unknown tool.
    let requests = chooser.child_requests();
    let offered = |depth: usize| {
        requests
            .iter()
            .filter(|(_, r)| r.messages.len() == 1)
            .nth(depth - 1)
            .map(|(_, r)| r.tools.iter().any(|t| t.name == "delegate"))
    };
    assert_eq!(offered(1), Some(true));
    assert_eq!(offered(2), Some(false));
}

#[tokio::test]
async fn the_cascade_escalates_to_a_stronger_model_when_a_child_fails() {
    let chooser = Chooser::new(&[(
        "worker",
        vec![
            (
                "cheap",
                json!([{"error": {"status": 400, "message": "cannot do it"}}]),
            ),
            (
                "middle",
                json!([{"error": {"status": 400, "message": "still cannot"}}]),
            ),
            ("strong", json!([{"text": "done properly"}])),
        ],
    )]);
    let mut tree = Tree::new(chooser, vec![]);
    let orchestrator = json!([
        {"text": "", "tool_calls": [delegate("fix it", "worker")]},
        {"text": "fixed"}
    ]);
    let report = run(
        &tree.root(orchestrator, Budget::unlimited()),
        &tree.bus,
        "t",
    )
    .await;
    assert_eq!(report.answer, "fixed");
    let text = &tool_result_texts(&report)[0];
    assert!(
        text.starts_with("root.1~3 (worker, strong): success (escalated from cheap, middle)"),
        "{text}"
    );
    assert!(text.contains("done properly"), "{text}");
    let events = tree.drain();
    let models: Vec<(String, String)> = events
        .iter()
        .filter_map(|e| match &e.event {
            Event::AgentSpawned { model, reason, .. } if e.agent.as_str() != "root" => {
                Some((model.clone(), reason.clone().unwrap_or_default()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(models[0], ("cheap".into(), "cheapest for worker".into()));
    assert_eq!(models[1], ("middle".into(), "escalated after cheap".into()));
    assert_eq!(
        models[2],
        ("strong".into(), "escalated after middle".into())
    );
    assert_eq!(models.len(), 3);
    let ids: Vec<&str> = events
        .iter()
        .filter(|e| matches!(e.event, Event::AgentSpawned { .. }) && e.agent.as_str() != "root")
        .map(|e| e.agent.as_str())
        .collect();
    assert_eq!(ids, ["root.1", "root.1~2", "root.1~3"]);
}

/// A model whose client panics when asked for anything.
struct Panicking(ModelInfo);

impl ModelClient for Panicking {
    fn info(&self) -> &ModelInfo {
        &self.0
    }
    fn stream(&self, _request: ModelRequest) -> ModelStream {
        panic!("the provider client has a bug");
    }
}

struct PanickingChooser;

impl ModelChooser for PanickingChooser {
    fn choose(&self, _role: &RoleDef, _task: &str, _hint: Option<&str>) -> Result<Choice, String> {
        let info = scripted("broken", &json!([{"text": "x"}])).info().clone();
        Ok(Choice {
            model: Arc::new(Panicking(info)),
            reason: "the only one".into(),
        })
    }
}

#[tokio::test]
async fn a_child_that_panics_becomes_a_failed_report() {
    let mut tree = Tree::new(Chooser::new(&[]), vec![]);
    let orchestrator = json!([
        {"text": "", "tool_calls": [delegate("do it", "worker")]},
        {"text": "carried on"}
    ]);
    let root = tree.root_with(
        Arc::new(PanickingChooser),
        orchestrator,
        Budget::unlimited(),
    );
    let report = run(&root, &tree.bus, "t").await;
    assert_eq!(report.outcome, Outcome::Success);
    assert_eq!(report.answer, "carried on");
    let text = &tool_result_texts(&report)[0];
    assert!(text.contains("(worker, broken): failure"), "{text}");
    assert!(text.contains("the sub-agent crashed"), "{text}");
    let _ = tree.drain();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_parent_finishes_after_all_its_children() {
    // A parent whose delegate calls were aborted used to return while its
    // children were still finishing; repeated, as that was a race. Four
    // leaves per middle agent: the default `max_parallel`.
    let stuck = json!([{"text": "never", "latency_ms": 600000}]);
    let leaves: Vec<Value> = (0..4)
        .map(|n| delegate(&format!("leaf {n}"), "explorer"))
        .collect();
    let middle = json!([{"text": "", "tool_calls": leaves}, {"text": "unreachable"}]);
    for _ in 0..20 {
        let chooser = Chooser::new(&[
            ("explorer", vec![("cheap", stuck.clone())]),
            ("orchestrator", vec![("mid", middle.clone())]),
        ]);
        let mut tree = Tree::new(chooser, vec![]);
        let mids: Vec<Value> = (0..3)
            .map(|n| delegate(&format!("part {n}"), "orchestrator"))
            .collect();
        let root = tree.root(
            json!([{"text": "", "tool_calls": mids}, {"text": "unreachable"}]),
            Budget::unlimited(),
        );
        let report = cancel_once_leaves_started(&mut tree, root, 12).await;
        assert_eq!(report.outcome, Outcome::Cancelled);
        // Events are emitted synchronously: whatever is not in the channel
        // now was emitted after the root's run returned.
        let events = tree.drain();
        let outcomes = finished(&events);
        assert_eq!(outcomes.len(), 1 + 3 + 12, "{outcomes:?}");
        let last = events
            .iter()
            .rev()
            .find(|e| matches!(e.event, Event::AgentFinished { .. }))
            .unwrap();
        assert_eq!(last.agent.as_str(), "root", "the root finishes last");
    }
}

#[tokio::test]
async fn project_memory_reaches_the_roles_that_keep_it() {
    let answer = json!([{"text": "done"}]);
    let chooser = Chooser::new(&[
        ("explorer", vec![("cheap", answer.clone())]),
        ("quiet", vec![("cheap", answer)]),
    ]);
    let mut tree = Tree::new(chooser.clone(), Vec::new());
    tree.memory = Some("# Project memory\nALWAYS-USE-TABS".into());
    let mut quiet = tree.roles.get("explorer").unwrap().clone();
    quiet.name = "quiet".into();
    quiet.memory = false;
    tree.roles.insert(quiet);
    let orchestrator = json!([
        {"tool_calls": [delegate("with memory", "explorer"), delegate("without", "quiet")]},
        {"text": "ok"}
    ]);
    let root = tree.root(orchestrator, Budget::unlimited());
    let report = run(&root, &tree.bus, "go").await;
    assert_eq!(report.outcome, Outcome::Success, "{:?}", report.error);
    let systems: HashMap<String, String> = chooser
        .child_requests()
        .into_iter()
        .map(|(_, request)| {
            let task = request.messages[0].text();
            (task, request.system.unwrap_or_default())
        })
        .collect();
    assert!(
        systems["with memory"].contains("ALWAYS-USE-TABS"),
        "{systems:?}"
    );
    assert!(
        !systems["without"].contains("ALWAYS-USE-TABS"),
        "{systems:?}"
    );
}
