//! baton's configuration, layered from lowest to highest precedence:
//!
//! 1. built-in defaults, and defaults derived from the environment (which
//!    provider has a key);
//! 2. the user file, `$XDG_CONFIG_HOME/baton/config.toml`
//!    (`~/.config/baton/config.toml` when XDG_CONFIG_HOME is unset);
//! 3. the workspace file, `baton.toml` at the workspace root;
//! 4. command-line flags, applied by the CLI.
//!
//! Secrets never live here: a model names the environment variable that
//! holds its key (`api_key_env`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use baton_mcp::{McpServerConfig, parse_mcp_json};
use baton_models::{ModelConfig, ModelRegistry, ProviderKind};
use baton_protocol::PermissionMode;
use serde::Deserialize;

mod durable;
mod orchestra;
mod verify;
pub use durable::{CompactionConfig, MemoryConfig, StoreConfig};
pub use orchestra::{BudgetConfig, DelegationConfig, RoleConfig, RoutePolicy, RoutingConfig};
pub use verify::{CritiqueConfig, VerifyConfig};

pub const WORKSPACE_FILE: &str = "baton.toml";
/// The de-facto MCP server list other agents read; lower precedence than baton.toml.
pub const MCP_JSON_FILE: &str = ".mcp.json";
const DEFAULT_MAX_TURNS: u32 = 50;
const DEFAULT_ANTHROPIC_MODEL: &str = "claude-sonnet-4-5";
const DEFAULT_OPENAI_MODEL: &str = "gpt-4.1-mini";

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    /// `message` is toml's, which names the line, the column and the field.
    #[error("invalid configuration in {path}:\n{message}")]
    Parse { path: String, message: String },
    #[error("invalid configuration in {path}: {message}")]
    Mcp { path: String, message: String },
    #[error(
        "no model is configured. Do one of:\n  - export ANTHROPIC_API_KEY=…   (Anthropic)\n  - export OPENAI_API_KEY=…      (OpenAI), or OPENAI_BASE_URL=http://127.0.0.1:11434/v1 for a local OpenAI-compatible server such as Ollama\n  - set `model = \"…\"` and a [models.NAME] table in baton.toml\n  - pass --model scripted:FILE to replay a scripted model (see docs/scripted.md)"
    )]
    NoModel,
}

/// The shape of one config file. Every field is optional so files layer.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    model: Option<String>,
    permission: Option<PermissionMode>,
    max_turns: Option<u32>,
    max_tokens: Option<u32>,
    system_prompt: Option<String>,
    #[serde(default)]
    models: BTreeMap<String, ModelConfig>,
    #[serde(default)]
    shell: ShellFile,
    #[serde(default)]
    mcp_servers: BTreeMap<String, McpServerConfig>,
    role: Option<String>,
    budget: Option<BudgetConfig>,
    routing: Option<RoutingConfig>,
    delegation: Option<DelegationConfig>,
    #[serde(default)]
    roles: BTreeMap<String, RoleConfig>,
    store: Option<StoreConfig>,
    compaction: Option<CompactionConfig>,
    memory: Option<MemoryConfig>,
    verify: Option<VerifyConfig>,
    critique: Option<CritiqueConfig>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ShellFile {
    timeout_secs: Option<u64>,
    max_timeout_secs: Option<u64>,
    output_cap_bytes: Option<usize>,
}

/// The shell tool's limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShellConfig {
    pub timeout_secs: u64,
    pub max_timeout_secs: u64,
    pub output_cap_bytes: usize,
}

impl Default for ShellConfig {
    fn default() -> Self {
        Self {
            timeout_secs: 120,
            max_timeout_secs: 600,
            output_cap_bytes: 30_000,
        }
    }
}

/// The merged configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The default model's name, if a file names one.
    pub model: Option<String>,
    pub permission: PermissionMode,
    pub max_turns: u32,
    pub max_tokens: Option<u32>,
    /// Replaces baton's default system prompt.
    pub system_prompt: Option<String>,
    pub models: BTreeMap<String, ModelConfig>,
    pub shell: ShellConfig,
    /// MCP servers by name: `.mcp.json`, then `[mcp_servers]` in the config
    /// files (a name in baton.toml replaces the same name from `.mcp.json`).
    pub mcp_servers: BTreeMap<String, McpServerConfig>,
    /// The root agent's role (`orchestrator` to delegate); none by default.
    pub role: Option<String>,
    pub budget: BudgetConfig,
    pub routing: RoutingConfig,
    pub delegation: DelegationConfig,
    /// Roles by name, over the built-in ones and `.baton/agents/*.md`.
    pub roles: BTreeMap<String, RoleConfig>,
    pub store: StoreConfig,
    pub compaction: CompactionConfig,
    pub memory: MemoryConfig,
    pub verify: VerifyConfig,
    pub critique: CritiqueConfig,
    /// The files that were read, lowest precedence first.
    pub sources: Vec<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            model: None,
            permission: PermissionMode::default(),
            max_turns: DEFAULT_MAX_TURNS,
            max_tokens: None,
            system_prompt: None,
            models: BTreeMap::new(),
            shell: ShellConfig::default(),
            mcp_servers: BTreeMap::new(),
            role: None,
            budget: BudgetConfig::default(),
            routing: RoutingConfig::default(),
            delegation: DelegationConfig::default(),
            roles: BTreeMap::new(),
            store: StoreConfig::default(),
            compaction: CompactionConfig::default(),
            memory: MemoryConfig::default(),
            verify: VerifyConfig::default(),
            critique: CritiqueConfig::default(),
            sources: Vec::new(),
        }
    }
}

impl Config {
    /// Reads the user file and the workspace's `baton.toml`, if present.
    /// `env` reads environment variables (passed in, so tests and embedders
    /// need not touch the process environment).
    pub fn load(
        workspace: &Path,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        let mut config = Config::default();
        config.layer_mcp_json(&workspace.join(MCP_JSON_FILE))?;
        if let Some(user) = user_config_path(env) {
            config.layer_file(&user)?;
        }
        config.layer_file(&workspace.join(WORKSPACE_FILE))?;
        Ok(config)
    }

    fn layer_mcp_json(&mut self, path: &Path) -> Result<(), ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(source) => {
                return Err(ConfigError::Read {
                    path: path.display().to_string(),
                    source,
                });
            }
        };
        let shown = path.display().to_string();
        let servers = parse_mcp_json(&text, &shown).map_err(|e| ConfigError::Mcp {
            path: shown.clone(),
            message: e.to_string(),
        })?;
        for (name, server) in &servers {
            server.validate(name).map_err(|e| ConfigError::Mcp {
                path: shown.clone(),
                message: e.to_string(),
            })?;
        }
        self.mcp_servers.extend(servers);
        self.sources.push(path.to_path_buf());
        Ok(())
    }

    /// Parses `text` as if it were the file `path`, and layers it on top.
    pub fn layer_str(&mut self, text: &str, path: &Path) -> Result<(), ConfigError> {
        let file: ConfigFile = toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        for (name, server) in &file.mcp_servers {
            server.validate(name).map_err(|e| ConfigError::Mcp {
                path: path.display().to_string(),
                message: e.to_string(),
            })?;
        }
        let mut file = file;
        if let Some(dir) = path.parent() {
            for model in file.models.values_mut() {
                anchor_paths(model, dir);
            }
            if let Some(file_path) = file
                .critique
                .as_mut()
                .and_then(|c| c.constitution.as_mut())
                .filter(|p| p.is_relative())
            {
                *file_path = dir.join(&*file_path);
            }
            // A store named in a config file is where that file says.
            if let Some(store) = file.store.as_mut()
                && let Some(db) = store.path.as_mut()
                && db.is_relative()
            {
                *db = dir.join(&*db);
            }
        }
        self.layer(file);
        self.sources.push(path.to_path_buf());
        Ok(())
    }

    fn layer_file(&mut self, path: &Path) -> Result<(), ConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => self.layer_str(&text, path),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(ConfigError::Read {
                path: path.display().to_string(),
                source,
            }),
        }
    }

    fn layer(&mut self, file: ConfigFile) {
        if file.model.is_some() {
            self.model = file.model;
        }
        if let Some(permission) = file.permission {
            self.permission = permission;
        }
        if let Some(max_turns) = file.max_turns {
            self.max_turns = max_turns;
        }
        if file.max_tokens.is_some() {
            self.max_tokens = file.max_tokens;
        }
        if file.system_prompt.is_some() {
            self.system_prompt = file.system_prompt;
        }
        self.models.extend(file.models);
        self.mcp_servers.extend(file.mcp_servers);
        if file.role.is_some() {
            self.role = file.role;
        }
        // Tables replace whole: half of one file's routing mixed with half of
        // another's would be a policy nobody wrote.
        if let Some(budget) = file.budget {
            self.budget = budget;
        }
        if let Some(routing) = file.routing {
            self.routing = routing;
        }
        if let Some(delegation) = file.delegation {
            self.delegation = delegation;
        }
        self.roles.extend(file.roles);
        if let Some(store) = file.store {
            self.store = store;
        }
        if let Some(compaction) = file.compaction {
            self.compaction = compaction;
        }
        if let Some(memory) = file.memory {
            self.memory = memory;
        }
        if let Some(verify) = file.verify {
            self.verify = verify;
        }
        if let Some(critique) = file.critique {
            self.critique = critique;
        }
        let shell = file.shell;
        if let Some(v) = shell.timeout_secs {
            self.shell.timeout_secs = v;
        }
        if let Some(v) = shell.max_timeout_secs {
            self.shell.max_timeout_secs = v;
        }
        if let Some(v) = shell.output_cap_bytes {
            self.shell.output_cap_bytes = v;
        }
    }

    pub fn registry(&self) -> ModelRegistry {
        ModelRegistry::new(self.models.clone())
    }

    /// The model to use when none is given on the command line: the
    /// configured one, else the first provider with credentials in the
    /// environment.
    pub fn default_model(
        &self,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<String, ConfigError> {
        if let Some(model) = &self.model {
            return Ok(model.clone());
        }
        let set = |var: &str| env(var).is_some_and(|v| !v.trim().is_empty());
        if set("ANTHROPIC_API_KEY") {
            return Ok(format!("anthropic:{DEFAULT_ANTHROPIC_MODEL}"));
        }
        if set("OPENAI_API_KEY") || set("OPENAI_BASE_URL") {
            let model = env("OPENAI_MODEL").filter(|m| !m.trim().is_empty());
            return Ok(format!(
                "openai:{}",
                model.as_deref().unwrap_or(DEFAULT_OPENAI_MODEL)
            ));
        }
        Err(ConfigError::NoModel)
    }
}

/// Files a model names (a script, a GGUF file) are relative to the config
/// file that names them, not to wherever baton happens to run.
fn anchor_paths(model: &mut ModelConfig, dir: &Path) {
    if model.provider == ProviderKind::Scripted
        && let Some(script) = &model.model
        && Path::new(script).is_relative()
    {
        model.model = Some(dir.join(script).display().to_string());
    }
    if let Some(file) = &model.path
        && file.is_relative()
    {
        model.path = Some(dir.join(file));
    }
}

fn user_config_path(env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    Some(baton_mcp::oauth::user_config_dir(env)?.join("config.toml"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use baton_models::ProviderKind;

    fn env_with<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |var| {
            pairs
                .iter()
                .find(|(k, _)| *k == var)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn model_files_are_relative_to_the_config_file_and_orchestra_tables_parse() {
        let mut config = Config::default();
        let text = r#"
role = "orchestrator"
[models.cheap]
provider = "scripted"
model = "scripts/cheap.json"
[models.abs]
provider = "scripted"
model = "/abs/strong.json"
[budget]
usd = 2.5
[routing]
policy = "rules"
rules = [{ model = "cheap", role = "explorer" }]
default = "abs"
[delegation]
max_parallel = 8
[roles.docs]
model = "cheap"
tools = ["read_file", "write_file"]
instructions = "Write docs."
"#;
        config
            .layer_str(text, Path::new("/proj/baton.toml"))
            .unwrap();
        assert_eq!(
            config.models["cheap"].model.as_deref(),
            Some("/proj/scripts/cheap.json")
        );
        assert_eq!(
            config.models["abs"].model.as_deref(),
            Some("/abs/strong.json")
        );
        assert_eq!(config.role.as_deref(), Some("orchestrator"));
        assert_eq!(config.budget.usd, Some(2.5));
        assert_eq!(config.routing.policy, RoutePolicy::Rules);
        assert_eq!(config.routing.rules[0].role.as_deref(), Some("explorer"));
        assert_eq!(config.delegation.max_parallel, Some(8));
        let mut stored = Config::default();
        stored
            .layer_str(
                "[store]\npath = \"state/baton.db\"\nkeep_sessions = 5\n",
                Path::new("/proj/baton.toml"),
            )
            .unwrap();
        assert_eq!(
            stored.store.path.as_deref(),
            Some(Path::new("/proj/state/baton.db"))
        );
        assert_eq!(stored.store.keep_sessions, Some(5));
        assert_eq!(
            stored.store.keep_days,
            Some(90.0),
            "unset fields keep their defaults"
        );
        assert_eq!(
            config.roles["docs"].instructions.as_deref(),
            Some("Write docs.")
        );
        let error = Config::default()
            .layer_str("[routing]\npolicy = \"magic\"\n", Path::new("b.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("b.toml") && error.contains("magic"),
            "{error}"
        );
    }

    #[test]
    fn workspace_file_overrides_user_file() {
        let home = tempfile::tempdir().unwrap();
        let workspace = tempfile::tempdir().unwrap();
        let user_dir = home.path().join("baton");
        std::fs::create_dir_all(&user_dir).unwrap();
        std::fs::write(
            user_dir.join("config.toml"),
            r#"
model = "fast"
max_turns = 7
permission = "auto"
[models.fast]
provider = "openai"
model = "gpt-4.1-mini"
[models.big]
provider = "anthropic"
model = "claude-opus-4-1"
"#,
        )
        .unwrap();
        std::fs::write(
            workspace.path().join("baton.toml"),
            r#"
model = "big"
permission = "read-only"
[models.fast]
provider = "openai"
model = "gpt-4.1-nano"
price = { input = 0.1, output = 0.4 }
[shell]
timeout_secs = 5
"#,
        )
        .unwrap();
        let xdg = home.path().display().to_string();
        let vars = [("XDG_CONFIG_HOME", xdg.as_str())];
        let env = env_with(&vars);
        let config = Config::load(workspace.path(), &env).unwrap();
        assert_eq!(config.model.as_deref(), Some("big"));
        assert_eq!(config.max_turns, 7, "kept from the user file");
        assert_eq!(config.permission, PermissionMode::ReadOnly);
        assert_eq!(config.models["fast"].model.as_deref(), Some("gpt-4.1-nano"));
        assert_eq!(config.models["big"].provider, ProviderKind::Anthropic);
        assert_eq!(config.shell.timeout_secs, 5);
        assert_eq!(config.shell.output_cap_bytes, 30_000);
        assert_eq!(config.sources.len(), 2);
        assert_eq!(
            config
                .registry()
                .resolve("fast")
                .unwrap()
                .price()
                .unwrap()
                .input,
            0.1
        );
    }

    #[test]
    fn mcp_servers_come_from_mcp_json_and_baton_toml() {
        let workspace = tempfile::tempdir().unwrap();
        std::fs::write(
            workspace.path().join(".mcp.json"),
            r#"{"mcpServers": {"fs": {"command": "from-json"}, "web": {"type": "http", "url": "http://127.0.0.1:9/mcp"}}}"#,
        )
        .unwrap();
        std::fs::write(
            workspace.path().join("baton.toml"),
            "[mcp_servers.fs]\ncommand = \"from-toml\"\ncall_timeout = 9\n",
        )
        .unwrap();
        let config = Config::load(workspace.path(), &env_with(&[])).unwrap();
        assert_eq!(
            config.mcp_servers["fs"].command.as_deref(),
            Some("from-toml"),
            "baton.toml wins"
        );
        assert_eq!(
            config.mcp_servers["web"].url.as_deref(),
            Some("http://127.0.0.1:9/mcp")
        );

        std::fs::write(
            workspace.path().join("baton.toml"),
            "[mcp_servers.\"bad__name\"]\ncommand = \"x\"\n",
        )
        .unwrap();
        let error = Config::load(workspace.path(), &env_with(&[]))
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("baton.toml") && error.contains("bad__name"),
            "{error}"
        );
        std::fs::write(
            workspace.path().join("baton.toml"),
            "[mcp_servers.x]\nargs = [\"a\"]\n",
        )
        .unwrap();
        let error = Config::load(workspace.path(), &env_with(&[]))
            .unwrap_err()
            .to_string();
        assert!(error.contains("give `command`"), "{error}");
    }

    #[test]
    fn no_files_means_defaults() {
        let workspace = tempfile::tempdir().unwrap();
        let config = Config::load(workspace.path(), &env_with(&[])).unwrap();
        assert_eq!(config, Config::default());
    }

    #[test]
    fn errors_name_the_file_the_line_and_the_field() {
        let mut config = Config::default();
        let path = Path::new("/work/baton.toml");
        let error = config
            .layer_str(
                "model = \"x\"\n\n[models.a]\nprovider = \"anthropic\"\nmodle = \"typo\"\n",
                path,
            )
            .unwrap_err();
        let text = error.to_string();
        assert!(text.contains("/work/baton.toml"), "{text}");
        assert!(text.contains("line 5"), "{text}");
        assert!(text.contains("unknown field `modle`"), "{text}");

        let error = config
            .layer_str("permission = \"sometimes\"\n", path)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("line 1") && error.contains("sometimes"),
            "{error}"
        );
        let error = config
            .layer_str("[models.a]\nprovider = \"gemini\"\n", path)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("line 2") && error.contains("gemini"),
            "{error}"
        );
        let error = config
            .layer_str("max_turns = \"ten\"\n", path)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("max_turns") || error.contains("line 1"),
            "{error}"
        );
    }

    #[test]
    fn default_model_follows_the_environment() {
        let config = Config::default();
        assert_eq!(
            config
                .default_model(&env_with(&[
                    ("ANTHROPIC_API_KEY", "k"),
                    ("OPENAI_API_KEY", "k")
                ]))
                .unwrap(),
            "anthropic:claude-sonnet-4-5"
        );
        assert_eq!(
            config
                .default_model(&env_with(&[("OPENAI_API_KEY", "k")]))
                .unwrap(),
            "openai:gpt-4.1-mini"
        );
        let local = env_with(&[
            ("OPENAI_BASE_URL", "http://127.0.0.1:11434/v1"),
            ("OPENAI_MODEL", "qwen3:8b"),
        ]);
        assert_eq!(config.default_model(&local).unwrap(), "openai:qwen3:8b");
        let error = config
            .default_model(&env_with(&[("ANTHROPIC_API_KEY", " ")]))
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("ANTHROPIC_API_KEY") && error.contains("OPENAI_API_KEY"),
            "{error}"
        );
        let pinned = Config {
            model: Some("mine".into()),
            ..Config::default()
        };
        assert_eq!(
            pinned
                .default_model(&env_with(&[("ANTHROPIC_API_KEY", "k")]))
                .unwrap(),
            "mine"
        );
    }
}
