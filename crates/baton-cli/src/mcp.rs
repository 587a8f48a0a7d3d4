//! `baton mcp list | test | add | remove | login | logout`.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use baton_config::{Config, MCP_JSON_FILE, WORKSPACE_FILE};
use baton_mcp::{HubOptions, McpServerConfig, ServerReport, ServerState, ToolHub};
use serde_json::json;

use baton_mcp::oauth::{FileCredentialStore, default_credentials_dir};

use crate::cli::{McpAddArgs, McpArgs, McpLoginArgs};
use crate::exit;

fn env(var: &str) -> Option<String> {
    std::env::var(var).ok()
}

fn load(args: &McpArgs) -> Result<Config, u8> {
    Config::load(&args.workspace, &env).map_err(|error| {
        errln!("baton: {error}");
        exit::USAGE
    })
}

fn hub_options(args: &McpArgs) -> HubOptions {
    HubOptions {
        login_workspace: crate::tools::login_workspace(&args.workspace),
        ..HubOptions::default()
    }
}

pub async fn list(args: &McpArgs, as_json: bool) -> u8 {
    let config = match load(args) {
        Ok(config) => config,
        Err(code) => return code,
    };
    if config.mcp_servers.is_empty() {
        if as_json {
            outln!("[]");
        } else {
            outln!(
                "No MCP servers are configured. Add one with `baton mcp add NAME -- COMMAND ARGS…`, or in baton.toml or .mcp.json."
            );
        }
        return exit::SUCCESS;
    }
    let (hub, _) = ToolHub::start(None, &config.mcp_servers, hub_options(args)).await;
    let reports = hub.report().await;
    hub.shutdown().await;
    if as_json {
        let rows: Vec<_> = reports.iter().map(report_json).collect();
        outln!(
            "{}",
            serde_json::to_string_pretty(&rows).unwrap_or_default()
        );
    } else {
        for report in &reports {
            print_report(report);
        }
    }
    exit::SUCCESS
}

fn report_json(report: &ServerReport) -> serde_json::Value {
    let (status, error) = match &report.state {
        ServerState::Connected => ("connected", None),
        ServerState::Failed(error) => ("failed", Some(error.clone())),
        ServerState::NeedsLogin(error) => ("needs_login", Some(error.clone())),
        ServerState::Disabled => ("disabled", None),
        ServerState::NotStarted => ("not started", None),
    };
    json!({
        "name": report.name,
        "transport": report.transport,
        "status": status,
        "error": error,
        "protocol": report.protocol,
        "server": report.server_info,
        "tools": report.tools.iter().map(|(exposed, own)| json!({"name": exposed, "server_name": own})).collect::<Vec<_>>(),
    })
}

fn print_report(report: &ServerReport) {
    let status = match &report.state {
        ServerState::Connected => "connected".to_owned(),
        ServerState::Failed(_) => "FAILED".to_owned(),
        ServerState::NeedsLogin(_) => "LOGIN".to_owned(),
        ServerState::Disabled => "disabled".to_owned(),
        ServerState::NotStarted => "not started".to_owned(),
    };
    outln!("{:<16} {:<10} {}", report.name, status, report.transport);
    match &report.state {
        ServerState::Failed(error) | ServerState::NeedsLogin(error) => {
            for line in error.lines() {
                outln!("{:<16} {line}", "");
            }
        }
        ServerState::Connected => {
            let about = match (&report.protocol, &report.server_info) {
                (Some(protocol), Some(server)) => format!("{server}, protocol {protocol}"),
                (Some(protocol), None) => format!("protocol {protocol}"),
                _ => String::new(),
            };
            let names: Vec<&str> = report
                .tools
                .iter()
                .map(|(exposed, _)| exposed.as_str())
                .collect();
            outln!(
                "{:<16} {} tools ({about}): {}",
                "",
                names.len(),
                names.join(", ")
            );
        }
        _ => {}
    }
}

pub async fn test(args: &McpArgs, name: &str) -> u8 {
    let config = match load(args) {
        Ok(config) => config,
        Err(code) => return code,
    };
    let Some(server) = config.mcp_servers.get(name) else {
        let known: Vec<&str> = config.mcp_servers.keys().map(String::as_str).collect();
        errln!(
            "baton: no MCP server named `{name}`; configured: {}",
            if known.is_empty() {
                "none".into()
            } else {
                known.join(", ")
            }
        );
        return exit::USAGE;
    };
    let mut only = BTreeMap::new();
    let mut server = server.clone();
    server.enabled = true;
    only.insert(name.to_owned(), server);
    let started = Instant::now();
    let (hub, _) = ToolHub::start(None, &only, hub_options(args)).await;
    let elapsed = started.elapsed();
    let reports = hub.report().await;
    hub.shutdown().await;
    let Some(report) = reports.into_iter().next() else {
        return exit::FAILURE;
    };
    match &report.state {
        ServerState::Connected => {
            outln!(
                "✓ {name}: connected and listed {} tools in {} ms ({}, protocol {})",
                report.tools.len(),
                elapsed.as_millis(),
                report.server_info.as_deref().unwrap_or("unnamed server"),
                report.protocol.as_deref().unwrap_or("?")
            );
            for (exposed, _) in &report.tools {
                outln!("  {exposed}");
            }
            exit::SUCCESS
        }
        ServerState::Failed(error) | ServerState::NeedsLogin(error) => {
            errln!("✗ {name}: {error}");
            exit::FAILURE
        }
        _ => exit::FAILURE,
    }
}

pub fn add(args: &McpArgs, add: &McpAddArgs) -> u8 {
    let pairs = |items: &[String], what: &str| -> Result<BTreeMap<String, String>, String> {
        items
            .iter()
            .map(|item| {
                item.split_once('=')
                    .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
                    .ok_or_else(|| format!("{what} `{item}` is not NAME=VALUE"))
            })
            .collect()
    };
    let server = match (|| -> Result<McpServerConfig, String> {
        let mut server = McpServerConfig {
            env: pairs(&add.env, "--env")?,
            ..McpServerConfig::default()
        };
        if let Some(url) = &add.url {
            server.url = Some(url.clone());
            server.headers = pairs(&add.headers, "--header")?;
            server.bearer_token_env = add.bearer_token_env.clone();
            server.oauth = add.oauth;
        } else {
            let (command, rest) = add
                .command
                .split_first()
                .ok_or("give a command after `--`, or --url")?;
            server.command = Some(command.clone());
            server.args = rest.to_vec();
        }
        server.validate(&add.name).map_err(|e| e.to_string())?;
        Ok(server)
    })() {
        Ok(server) => server,
        Err(error) => {
            errln!("baton: {error}");
            return exit::USAGE;
        }
    };
    let (path, mut document) = match open_document(args) {
        Ok(opened) => opened,
        Err(code) => return code,
    };
    let servers = document.entry("mcp_servers").or_insert_with(|| {
        let mut table = toml_edit::Table::new();
        table.set_implicit(true);
        toml_edit::Item::Table(table)
    });
    let Some(servers) = servers.as_table_mut() else {
        errln!("baton: `mcp_servers` in {} is not a table", path.display());
        return exit::USAGE;
    };
    if servers.contains_key(&add.name) && !add.force {
        errln!(
            "baton: {} already has a server `{}`; use --force to replace it",
            path.display(),
            add.name
        );
        return exit::USAGE;
    }
    let table = match toml::to_string(&server).map(|text| text.parse::<toml_edit::DocumentMut>()) {
        Ok(Ok(parsed)) => parsed.as_table().clone(),
        _ => {
            errln!("baton: internal error: cannot write the server as TOML");
            return exit::FAILURE;
        }
    };
    servers.insert(&add.name, toml_edit::Item::Table(table));
    if let Err(code) = save_document(&path, &document) {
        return code;
    }
    if add.oauth {
        outln!(
            "added `{}` to {}; sign in with `baton mcp login {}`",
            add.name,
            path.display(),
            add.name
        );
    } else {
        outln!(
            "added `{}` to {}; check it with `baton mcp test {}`",
            add.name,
            path.display(),
            add.name
        );
    }
    exit::SUCCESS
}

pub fn remove(args: &McpArgs, name: &str) -> u8 {
    let (path, mut document) = match open_document(args) {
        Ok(opened) => opened,
        Err(code) => return code,
    };
    let removed = document
        .get_mut("mcp_servers")
        .and_then(|item| item.as_table_mut())
        .and_then(|t| t.remove(name))
        .is_some();
    if !removed {
        let in_json = std::fs::read_to_string(args.workspace.join(MCP_JSON_FILE))
            .ok()
            .and_then(|text| baton_mcp::parse_mcp_json(&text, MCP_JSON_FILE).ok())
            .is_some_and(|servers| servers.contains_key(name));
        if in_json {
            errln!(
                "baton: `{name}` is defined in {MCP_JSON_FILE}, which other tools share; remove it there"
            );
        } else {
            errln!("baton: {} has no server `{name}`", path.display());
        }
        return exit::USAGE;
    }
    if let Err(code) = save_document(&path, &document) {
        return code;
    }
    outln!("removed `{name}` from {}", path.display());
    exit::SUCCESS
}

/// The workspace's baton.toml, parsed so edits keep its comments and layout
/// (a missing file is an empty document).
fn open_document(args: &McpArgs) -> Result<(std::path::PathBuf, toml_edit::DocumentMut), u8> {
    let path = args.workspace.join(WORKSPACE_FILE);
    let parsed = match std::fs::read_to_string(&path) {
        Ok(text) => text.parse().map_err(|e| format!("{}: {e}", path.display())),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            Ok(toml_edit::DocumentMut::new())
        }
        Err(error) => Err(format!("cannot read {}: {error}", path.display())),
    };
    match parsed {
        Ok(document) => Ok((path, document)),
        Err(error) => {
            errln!("baton: {error}");
            Err(exit::USAGE)
        }
    }
}

fn save_document(path: &std::path::Path, document: &toml_edit::DocumentMut) -> Result<(), u8> {
    std::fs::write(path, document.to_string()).map_err(|error| {
        errln!("baton: cannot write {}: {error}", path.display());
        exit::FAILURE
    })
}

fn credentials_dir() -> Result<PathBuf, u8> {
    default_credentials_dir(&env).ok_or_else(|| {
        errln!("baton: {}", baton_mcp::oauth::OAuthError::NoConfigDir);
        exit::USAGE
    })
}

/// The URL of an `oauth = true` server in the configuration.
fn oauth_url(config: &Config, name: &str) -> Result<String, String> {
    let Some(server) = config.mcp_servers.get(name) else {
        let known: Vec<&str> = config
            .mcp_servers
            .iter()
            .filter(|(_, s)| s.oauth)
            .map(|(n, _)| n.as_str())
            .collect();
        return Err(format!(
            "no MCP server named `{name}`; servers with `oauth = true`: {}",
            if known.is_empty() {
                "none".into()
            } else {
                known.join(", ")
            }
        ));
    };
    match (&server.url, server.oauth) {
        (Some(url), true) => Ok(url.clone()),
        (Some(_), false) => Err(format!(
            "`{name}` does not use OAuth; add `oauth = true` to [mcp_servers.{name}] in baton.toml first"
        )),
        (None, _) => Err(format!(
            "`{name}` is a stdio server; OAuth sign-in is for `url` servers"
        )),
    }
}

pub async fn login(args: &McpArgs, login: &McpLoginArgs) -> u8 {
    let config = match load(args) {
        Ok(config) => config,
        Err(code) => return code,
    };
    let name = &login.name;
    let url = match oauth_url(&config, name) {
        Ok(url) => url,
        Err(error) => {
            errln!("baton: {error}");
            return exit::USAGE;
        }
    };
    let dir = match credentials_dir() {
        Ok(dir) => dir,
        Err(code) => return code,
    };
    let store = match FileCredentialStore::new(&dir, name, &url) {
        Ok(store) => store,
        Err(error) => {
            errln!("baton: {error}");
            return exit::USAGE;
        }
    };
    let timeout = Duration::from_secs(login.timeout);
    let no_browser = login.no_browser;
    let show = |auth_url: &str| {
        outln!("To sign in to `{name}`, open this URL in a browser:\n\n{auth_url}\n");
        if !no_browser && open_browser(auth_url) {
            outln!("(opened in your browser)");
        }
        outln!(
            "Waiting up to {}s for the browser to come back to baton…",
            timeout.as_secs()
        );
    };
    match baton_mcp::oauth::login(&url, store, timeout, show).await {
        Ok(outcome) => {
            outln!(
                "✓ signed in to `{name}`; the credentials are in {} (readable only by you). Check the server with `baton mcp test {name}`",
                outcome.credentials_path.display()
            );
            exit::SUCCESS
        }
        Err(error) => {
            errln!("baton: signing in to `{name}` failed: {error}");
            exit::FAILURE
        }
    }
}

/// Opens a URL in a browser when one is obviously there: `$BROWSER`, or
/// `xdg-open` under a graphical session, or macOS's `open`. Anything else
/// (a server, an ssh session) just gets the printed URL.
fn open_browser(url: &str) -> bool {
    let graphical = ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|var| env(var).is_some_and(|v| !v.is_empty()));
    let on_path = |program: &str| {
        env("PATH")
            .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
    };
    let program = match env("BROWSER").filter(|b| !b.trim().is_empty()) {
        Some(browser) => browser,
        None if cfg!(target_os = "macos") => "open".to_owned(),
        None if graphical && on_path("xdg-open") => "xdg-open".to_owned(),
        None => return false,
    };
    std::process::Command::new(program)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_ok()
}

pub fn logout(args: &McpArgs, name: &str) -> u8 {
    let config = match load(args) {
        Ok(config) => config,
        Err(code) => return code,
    };
    let dir = match credentials_dir() {
        Ok(dir) => dir,
        Err(code) => return code,
    };
    let url = match oauth_url(&config, name) {
        Ok(url) => url,
        Err(error) => {
            errln!("baton: {error}");
            return exit::USAGE;
        }
    };
    let store = match FileCredentialStore::new(&dir, name, &url) {
        Ok(store) => store,
        Err(error) => {
            errln!("baton: {error}");
            return exit::USAGE;
        }
    };
    match store.remove() {
        Ok(true) => {
            outln!("signed out of `{name}`: removed {}", store.path().display());
            exit::SUCCESS
        }
        Ok(false) => {
            outln!("`{name}` has no stored sign-in; nothing to remove");
            exit::SUCCESS
        }
        Err(error) => {
            errln!("baton: {error}");
            exit::FAILURE
        }
    }
}
