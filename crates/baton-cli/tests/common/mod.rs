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

/// `baton` in `dir`, with its own user config and data dirs, no provider keys and no
/// colour, so runs depend on nothing outside the test.
pub fn baton_in(dir: &std::path::Path, config_home: &std::path::Path) -> assert_cmd::Command {
    let mut command = assert_cmd::Command::cargo_bin("baton").unwrap();
    command
        .current_dir(dir)
        .env("XDG_CONFIG_HOME", config_home)
        // The session store goes under the test's directory too.
        .env("XDG_DATA_HOME", config_home)
        .env_remove("ANTHROPIC_API_KEY")
        .env_remove("OPENAI_API_KEY")
        .env("NO_COLOR", "1");
    command
}

/// A copy of examples/orchestra in a temporary directory.
pub fn orchestra_example() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/orchestra");
    for name in ["baton.toml", "strong.json", "cheap.json"] {
        std::fs::copy(source.join(name), dir.path().join(name)).unwrap();
    }
    dir
}

/// `baton run --json` on the orchestra example in `dir`: its JSONL output,
/// after checking the run succeeded.
pub fn orchestra_json_run(dir: &std::path::Path, config_home: &std::path::Path) -> Vec<u8> {
    let output = baton_in(dir, config_home)
        .args([
            "run",
            "--json",
            "-p",
            "read-only",
            "Describe this workspace",
        ])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}
