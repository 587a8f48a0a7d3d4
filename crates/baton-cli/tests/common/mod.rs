//! Shared by the CLI tests that drive independent MCP peers.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashMap;
use std::path::PathBuf;

/// The peers `scripts/lib/peers.sh` installed, from its `peers.env`.
pub fn peers() -> HashMap<String, String> {
    let dir = std::env::var("BATON_PEERS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            let cache = std::env::var("XDG_CACHE_HOME")
                .map(PathBuf::from)
                .unwrap_or_else(|_| PathBuf::from(std::env::var("HOME").unwrap()).join(".cache"));
            cache.join("baton/peers")
        });
    let text = std::fs::read_to_string(dir.join("peers.env")).unwrap_or_else(|e| {
        panic!("{e}: install the MCP peers with `bash scripts/lib/peers.sh` (scripts/test does)")
    });
    text.lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect()
}
