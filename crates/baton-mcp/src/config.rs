//! How MCP servers are configured: `[mcp_servers.NAME]` in baton.toml, and
//! the de-facto `.mcp.json` (`{"mcpServers": {…}}`) that other agents use.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::{Deserialize, Serialize};

use crate::names::validate_server_name;

pub const DEFAULT_STARTUP_TIMEOUT: Duration = Duration::from_secs(30);
pub const DEFAULT_CALL_TIMEOUT: Duration = Duration::from_secs(300);

/// One `[mcp_servers.NAME]` table. Either `command` (a child process over
/// stdio) or `url` (Streamable HTTP).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct McpServerConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub env: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cwd: Option<PathBuf>,

    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<String, String>,
    /// The environment variable holding a bearer token for `url`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bearer_token_env: Option<String>,
    /// Authorise with OAuth 2.1 (`baton mcp login NAME`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub oauth: bool,

    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub enabled: bool,
    /// Seconds to wait for the server to start and answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub startup_timeout: Option<u64>,
    /// Seconds a single tool call may take.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_timeout: Option<u64>,
    #[serde(default, skip_serializing_if = "ToolFilterConfig::is_empty")]
    pub tools: ToolFilterConfig,
}

impl Default for McpServerConfig {
    fn default() -> Self {
        Self {
            command: None,
            args: Vec::new(),
            env: BTreeMap::new(),
            cwd: None,
            url: None,
            headers: BTreeMap::new(),
            bearer_token_env: None,
            oauth: false,
            // Deserialising defaults to enabled too (`yes`); a server someone
            // wrote down is meant to run.
            enabled: true,
            startup_timeout: None,
            call_timeout: None,
            tools: ToolFilterConfig::default(),
        }
    }
}

fn yes() -> bool {
    true
}

fn is_true(value: &bool) -> bool {
    *value
}

/// Glob patterns over the server's own tool names; deny wins over allow,
/// and an empty allow list allows everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToolFilterConfig {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deny: Vec<String>,
}

impl ToolFilterConfig {
    pub fn is_empty(&self) -> bool {
        self.allow.is_empty() && self.deny.is_empty()
    }
}

/// How to reach a server.
#[derive(Debug, Clone, PartialEq)]
pub enum Transport {
    Stdio {
        command: String,
        args: Vec<String>,
        env: BTreeMap<String, String>,
        cwd: Option<PathBuf>,
    },
    Http {
        url: String,
        headers: BTreeMap<String, String>,
        bearer_token_env: Option<String>,
        oauth: bool,
    },
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum McpConfigError {
    #[error("MCP server `{server}`: {problem}")]
    Invalid { server: String, problem: String },
    #[error("{path}: {problem}")]
    File { path: String, problem: String },
}

impl McpServerConfig {
    pub fn transport(&self, server: &str) -> Result<Transport, McpConfigError> {
        let invalid = |problem: &str| McpConfigError::Invalid {
            server: server.to_owned(),
            problem: problem.to_owned(),
        };
        match (&self.command, &self.url) {
            (Some(command), None) => {
                if command.trim().is_empty() {
                    return Err(invalid("`command` is empty"));
                }
                if self.oauth {
                    return Err(invalid(
                        "`oauth = true` is for `url` servers; a stdio server takes its credentials from `env`",
                    ));
                }
                Ok(Transport::Stdio {
                    command: command.clone(),
                    args: self.args.clone(),
                    env: self.env.clone(),
                    cwd: self.cwd.clone(),
                })
            }
            (None, Some(url)) => {
                if !(url.starts_with("http://") || url.starts_with("https://")) {
                    return Err(invalid("`url` must start with http:// or https://"));
                }
                if self.oauth && self.bearer_token_env.is_some() {
                    return Err(invalid(
                        "give either `oauth = true` (sign in with `baton mcp login`) or `bearer_token_env`, not both",
                    ));
                }
                Ok(Transport::Http {
                    url: url.clone(),
                    headers: self.headers.clone(),
                    bearer_token_env: self.bearer_token_env.clone(),
                    oauth: self.oauth,
                })
            }
            (Some(_), Some(_)) => Err(invalid(
                "give either `command` (stdio) or `url` (HTTP), not both",
            )),
            (None, None) => Err(invalid(
                "give `command` (a program to run over stdio) or `url` (a Streamable HTTP endpoint)",
            )),
        }
    }

    pub fn startup_timeout(&self) -> Duration {
        self.startup_timeout
            .map_or(DEFAULT_STARTUP_TIMEOUT, Duration::from_secs)
    }

    pub fn call_timeout(&self) -> Duration {
        self.call_timeout
            .map_or(DEFAULT_CALL_TIMEOUT, Duration::from_secs)
    }

    /// Checks everything that can be checked without starting the server.
    pub fn validate(&self, server: &str) -> Result<(), McpConfigError> {
        validate_server_name(server)?;
        self.transport(server)?;
        ToolFilter::new(&self.tools).map_err(|problem| McpConfigError::Invalid {
            server: server.to_owned(),
            problem,
        })?;
        Ok(())
    }
}

/// A compiled [`ToolFilterConfig`].
#[derive(Debug, Clone)]
pub struct ToolFilter {
    allow: Option<GlobSet>,
    deny: GlobSet,
}

impl ToolFilter {
    pub fn new(config: &ToolFilterConfig) -> Result<Self, String> {
        let build = |patterns: &[String]| -> Result<GlobSet, String> {
            let mut builder = GlobSetBuilder::new();
            for pattern in patterns {
                builder.add(
                    Glob::new(pattern).map_err(|e| format!("bad tool pattern `{pattern}`: {e}"))?,
                );
            }
            builder.build().map_err(|e| e.to_string())
        };
        Ok(Self {
            allow: if config.allow.is_empty() {
                None
            } else {
                Some(build(&config.allow)?)
            },
            deny: build(&config.deny)?,
        })
    }

    pub fn allow_all() -> Self {
        Self {
            allow: None,
            deny: GlobSet::empty(),
        }
    }

    pub fn allows(&self, tool: &str) -> bool {
        !self.deny.is_match(tool) && self.allow.as_ref().is_none_or(|allow| allow.is_match(tool))
    }
}

/// The `.mcp.json` shape. Other agents put extra fields in it, so unknown
/// fields are ignored here (baton.toml stays strict).
#[derive(Debug, Deserialize)]
struct McpJson {
    #[serde(rename = "mcpServers", default)]
    servers: BTreeMap<String, McpJsonServer>,
}

#[derive(Debug, Deserialize)]
struct McpJsonServer {
    #[serde(rename = "type", default)]
    kind: Option<String>,
    #[serde(default)]
    command: Option<String>,
    #[serde(default)]
    args: Vec<String>,
    #[serde(default)]
    env: BTreeMap<String, String>,
    #[serde(default)]
    cwd: Option<PathBuf>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    headers: BTreeMap<String, String>,
    #[serde(default)]
    disabled: bool,
}

/// Parses a `.mcp.json` file's text.
pub fn parse_mcp_json(
    text: &str,
    path: &str,
) -> Result<BTreeMap<String, McpServerConfig>, McpConfigError> {
    let file: McpJson = serde_json::from_str(text).map_err(|e| McpConfigError::File {
        path: path.to_owned(),
        problem: format!("not valid .mcp.json: {e}"),
    })?;
    let mut servers = BTreeMap::new();
    for (name, server) in file.servers {
        if server.kind.as_deref() == Some("sse") {
            return Err(McpConfigError::File {
                path: path.to_owned(),
                problem: format!(
                    "server `{name}` uses the legacy SSE transport, which baton does not speak; use its Streamable HTTP endpoint (type \"http\")"
                ),
            });
        }
        servers.insert(
            name,
            McpServerConfig {
                command: server.command,
                args: server.args,
                env: server.env,
                cwd: server.cwd,
                url: server.url,
                headers: server.headers,
                enabled: !server.disabled,
                ..McpServerConfig::default()
            },
        );
    }
    Ok(servers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transports_are_exactly_one_of_command_or_url() {
        let stdio = McpServerConfig {
            command: Some("npx".into()),
            args: vec!["-y".into()],
            ..Default::default()
        };
        assert!(matches!(stdio.transport("fs"), Ok(Transport::Stdio { .. })));
        let http = McpServerConfig {
            url: Some("http://127.0.0.1:9/mcp".into()),
            ..Default::default()
        };
        assert!(matches!(http.transport("web"), Ok(Transport::Http { .. })));
        let both = McpServerConfig {
            command: Some("x".into()),
            url: Some("http://x".into()),
            ..Default::default()
        };
        assert!(
            both.transport("b")
                .unwrap_err()
                .to_string()
                .contains("not both")
        );
        let neither = McpServerConfig::default();
        assert!(
            neither
                .transport("n")
                .unwrap_err()
                .to_string()
                .contains("give `command`")
        );
        let oauth_stdio = McpServerConfig {
            command: Some("x".into()),
            oauth: true,
            ..Default::default()
        };
        assert!(oauth_stdio.transport("o").is_err());
        let oauth_and_token = McpServerConfig {
            url: Some("http://x".into()),
            oauth: true,
            bearer_token_env: Some("T".into()),
            ..Default::default()
        };
        assert!(oauth_and_token.transport("o").is_err());
        let ftp = McpServerConfig {
            url: Some("ftp://x".into()),
            ..Default::default()
        };
        assert!(ftp.transport("f").is_err());
    }

    #[test]
    fn filters_deny_over_allow() {
        let filter = ToolFilter::new(&ToolFilterConfig {
            allow: vec!["read_*".into(), "list".into()],
            deny: vec!["read_secret".into()],
        })
        .unwrap();
        assert!(filter.allows("read_file"));
        assert!(filter.allows("list"));
        assert!(!filter.allows("read_secret"));
        assert!(!filter.allows("write_file"));
        let open = ToolFilter::new(&ToolFilterConfig {
            allow: vec![],
            deny: vec!["rm*".into()],
        })
        .unwrap();
        assert!(open.allows("anything") && !open.allows("rmdir"));
        assert!(
            ToolFilter::new(&ToolFilterConfig {
                allow: vec!["[".into()],
                deny: vec![]
            })
            .is_err()
        );
    }

    #[test]
    fn mcp_json_is_read_leniently() {
        let text = r#"{"mcpServers": {
            "fs": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "."], "autoApprove": ["read"]},
            "web": {"type": "http", "url": "http://127.0.0.1:8000/mcp", "headers": {"X-Team": "a"}},
            "off": {"command": "x", "disabled": true}
        }}"#;
        let servers = parse_mcp_json(text, ".mcp.json").unwrap();
        assert_eq!(servers["fs"].args.len(), 3);
        assert_eq!(servers["web"].headers["X-Team"], "a");
        assert!(!servers["off"].enabled);
        let sse = r#"{"mcpServers": {"old": {"type": "sse", "url": "http://x/sse"}}}"#;
        assert!(
            parse_mcp_json(sse, "m.json")
                .unwrap_err()
                .to_string()
                .contains("legacy SSE")
        );
        assert!(
            parse_mcp_json("{", "m.json")
                .unwrap_err()
                .to_string()
                .starts_with("m.json: not valid .mcp.json")
        );
    }

    #[test]
    fn baton_toml_tables_are_strict() {
        let ok: McpServerConfig = toml::from_str(
            "command = \"srv\"\nargs = [\"a\"]\ncall_timeout = 5\ntools = { deny = [\"rm\"] }\n",
        )
        .unwrap();
        assert_eq!(ok.call_timeout(), Duration::from_secs(5));
        assert!(ok.enabled);
        let error = toml::from_str::<McpServerConfig>("comand = \"srv\"\n")
            .unwrap_err()
            .to_string();
        assert!(error.contains("unknown field `comand`"), "{error}");
    }
}
