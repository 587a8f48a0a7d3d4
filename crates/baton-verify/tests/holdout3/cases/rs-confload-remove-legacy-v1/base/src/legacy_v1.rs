//! The pre-2.0 INI-like format. Deprecated since 2.4.

use crate::{Config, LoadError};

#[deprecated(since = "2.4.0", note = "use the v2 format")]
pub fn parse(text: &str) -> Result<Config, LoadError> {
    let mut section = String::new();
    let mut name = None;
    let mut workers = 1u32;
    let mut endpoints = Vec::new();
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with(';') {
            continue;
        }
        if line.starts_with('[') && line.ends_with(']') {
            section = line[1..line.len() - 1].to_string();
            continue;
        }
        let Some((k, v)) = line.split_once(':') else {
            return Err(LoadError::Invalid(format!("bad v1 line {line:?}")));
        };
        let (k, v) = (k.trim(), v.trim());
        match (section.as_str(), k) {
            ("service", "name") => name = Some(v.to_string()),
            ("service", "threads") => {
                workers = v.parse().map_err(|_| LoadError::Invalid("bad threads".into()))?
            }
            ("upstream", _) => endpoints.push(v.to_string()),
            _ => {}
        }
    }
    Ok(Config {
        name: name.ok_or_else(|| LoadError::Invalid("missing service.name".into()))?,
        workers,
        endpoints,
    })
}

/// Rewrite a v1 document in the v2 syntax.
#[deprecated(since = "2.4.0")]
#[allow(deprecated)]
pub fn upgrade(text: &str) -> Result<String, LoadError> {
    let cfg = parse(text)?;
    let mut out = format!("version = 2\nname = \"{}\"\nworkers = {}\n", cfg.name, cfg.workers);
    for e in &cfg.endpoints {
        out.push_str(&format!("endpoint = \"{e}\"\n"));
    }
    Ok(out)
}
