//! Legacy `KEY:VALUE` format used before 2.0.

use std::collections::HashMap;

use crate::util::{split_escaped, unquote};

#[derive(Debug, Default)]
pub struct LegacyConfig {
    pub values: HashMap<String, String>,
    pub includes: Vec<String>,
}

#[derive(Debug, PartialEq)]
pub enum LegacyError {
    MissingColon(usize),
    EmptyKey(usize),
    BadInclude(usize),
}

pub fn parse_legacy(src: &str) -> Result<LegacyConfig, LegacyError> {
    let mut cfg = LegacyConfig::default();
    for (i, raw) in src.lines().enumerate() {
        let lineno = i + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with(';') {
            continue;
        }
        if let Some(rest) = line.strip_prefix("@include ") {
            let target = unquote(rest.trim());
            if target.is_empty() {
                return Err(LegacyError::BadInclude(lineno));
            }
            cfg.includes.push(target);
            continue;
        }
        let parts = split_escaped(line, ':');
        if parts.len() < 2 {
            return Err(LegacyError::MissingColon(lineno));
        }
        let key = parts[0].trim().to_ascii_uppercase();
        if key.is_empty() {
            return Err(LegacyError::EmptyKey(lineno));
        }
        let value = unquote(parts[1..].join(":").trim());
        cfg.values.insert(key, value);
    }
    Ok(cfg)
}

pub fn to_v2_source(cfg: &LegacyConfig) -> String {
    let mut keys: Vec<_> = cfg.values.keys().collect();
    keys.sort();
    keys.iter()
        .map(|k| format!("{} = \"{}\"", k.to_ascii_lowercase(), cfg.values[*k]))
        .collect::<Vec<_>>()
        .join("\n")
}
