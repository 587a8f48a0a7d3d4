//! baton's MCP layer, on rmcp (the official Rust SDK).
//!
//! - [`config`]: `[mcp_servers.NAME]` and `.mcp.json`.
//! - [`names`]: how external tools are named for the model (`server__tool`).
//! - [`ToolHub`]: every tool, built-in or from MCP servers, behind one
//!   [`baton_tools::Toolbox`]; built-in tools are reached through an
//!   in-process MCP server, so every call takes the same path.
//! - [`ToolServer`]: baton's tools as an MCP server.
//! - [`oauth`]: OAuth 2.1 sign-in for remote servers (`oauth = true`), on
//!   rmcp's `auth` module, with credentials in private files.
//! - [`fixtures`]: test-only fixtures for the MCP conformance suite
//!   (`baton mcp serve --conformance-fixtures`).

mod child;
pub mod config;
mod connect;
mod convert;
pub mod fixtures;
mod handler;
mod hub;
mod input;
pub mod names;
pub mod oauth;
mod server;

pub use config::{
    McpConfigError, McpServerConfig, ToolFilter, ToolFilterConfig, Transport, parse_mcp_json,
};
pub use hub::{EnvLookup, HubOptions, ServerReport, ServerState, StatusSink, ToolHub};
pub use server::ToolServer;
