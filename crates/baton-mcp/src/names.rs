//! How external tools are named for the model: `server__tool`.
//!
//! Model APIs accept tool names matching `^[a-zA-Z0-9_-]{1,64}$` (OpenAI's
//! limit; Anthropic allows 128), so names are made to fit: other characters
//! become `_`, and an over-long name keeps its start and gets a short hash of
//! the original, so it stays stable across runs. If two tools of one server
//! still end up with the same name, the later one (in the server's order)
//! gets `_2`, `_3`, … . Built-in tools keep their plain names, so the server
//! name `baton` is reserved.

use std::collections::HashSet;

use crate::config::McpConfigError;

pub const SEPARATOR: &str = "__";
pub const MAX_NAME: usize = 64;
/// The in-process server of built-in tools.
pub const BUILTIN_SERVER: &str = "baton";

pub fn validate_server_name(server: &str) -> Result<(), McpConfigError> {
    let invalid = |problem: String| McpConfigError::Invalid {
        server: server.to_owned(),
        problem,
    };
    if server.is_empty() || server.len() > 32 {
        return Err(invalid("server names are 1 to 32 characters".into()));
    }
    if !server
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return Err(invalid(
            "server names may use only letters, digits, `_` and `-`".into(),
        ));
    }
    if server.contains(SEPARATOR) || server.ends_with('_') {
        return Err(invalid(format!(
            "server names may not contain `{SEPARATOR}` or end with `_` (tools are named server{SEPARATOR}tool)"
        )));
    }
    if server == BUILTIN_SERVER {
        return Err(invalid(format!(
            "`{BUILTIN_SERVER}` is reserved for baton's built-in tools"
        )));
    }
    Ok(())
}

/// Assigns model-facing names to one server's tools, in order.
pub struct Namer<'a> {
    server: &'a str,
    used: HashSet<String>,
}

impl<'a> Namer<'a> {
    pub fn new(server: &'a str) -> Self {
        Self {
            server,
            used: HashSet::new(),
        }
    }

    pub fn name(&mut self, tool: &str) -> String {
        let base = fit(
            &format!("{}{SEPARATOR}{}", self.server, sanitize(tool)),
            tool,
        );
        let mut name = base.clone();
        let mut n = 2;
        while !self.used.insert(name.clone()) {
            let suffix = format!("_{n}");
            let keep = MAX_NAME - suffix.len();
            name = format!("{}{suffix}", truncate(&base, keep));
            n += 1;
        }
        name
    }
}

fn sanitize(tool: &str) -> String {
    let cleaned: String = tool
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if cleaned.is_empty() {
        "_".into()
    } else {
        cleaned
    }
}

fn fit(name: &str, original: &str) -> String {
    if name.len() <= MAX_NAME {
        return name.to_owned();
    }
    let hash = format!("_{:08x}", fnv1a(original.as_bytes()));
    format!("{}{hash}", truncate(name, MAX_NAME - hash.len()))
}

fn truncate(name: &str, max: usize) -> &str {
    // Names are ASCII after sanitising, so byte and char boundaries agree.
    &name[..name.len().min(max)]
}

/// A small stable hash (FNV-1a, 32-bit): stable across runs and platforms,
/// which std's hasher does not promise.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(*byte)).wrapping_mul(0x0100_0193)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid(name: &str) -> bool {
        !name.is_empty()
            && name.len() <= MAX_NAME
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    }

    #[test]
    fn names_are_namespaced_and_valid() {
        let mut namer = Namer::new("fs");
        assert_eq!(namer.name("read_file"), "fs__read_file");
        assert_eq!(namer.name("get.weather/v2"), "fs__get_weather_v2");
        let long = "x".repeat(100);
        let fitted = namer.name(&long);
        assert!(valid(&fitted) && fitted.len() == MAX_NAME, "{fitted}");
        assert_eq!(Namer::new("fs").name(&long), fitted, "stable across runs");
    }

    #[test]
    fn collisions_get_numbered_suffixes() {
        let mut namer = Namer::new("s");
        assert_eq!(namer.name("a.b"), "s__a_b");
        assert_eq!(namer.name("a/b"), "s__a_b_2");
        assert_eq!(namer.name("a b"), "s__a_b_3");
        let long_a = format!("{}a", "y".repeat(80));
        let first = namer.name(&long_a);
        assert!(valid(&first));
    }

    #[test]
    fn server_names_are_checked() {
        for good in ["fs", "my-server", "a1_b"] {
            assert!(validate_server_name(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "a__b",
            "trailing_",
            "sp ace",
            "dot.ted",
            "baton",
            &"n".repeat(33),
        ] {
            assert!(validate_server_name(bad).is_err(), "{bad:?}");
        }
    }
}
