use crate::{Config, LoadError};

/// Parse the v2 `key = value` format.
pub fn parse(text: &str) -> Result<Config, LoadError> {
    let mut name = None;
    let mut workers = 1;
    let mut endpoints = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (k, v) = line
            .split_once('=')
            .ok_or_else(|| LoadError::Invalid(format!("line {}: expected key = value", n + 1)))?;
        let v = v.trim().trim_matches('"');
        match k.trim() {
            "version" => {}
            "name" => name = Some(v.to_string()),
            "workers" => {
                workers = v
                    .parse()
                    .map_err(|_| LoadError::Invalid(format!("line {}: bad workers", n + 1)))?
            }
            "endpoint" => endpoints.push(v.to_string()),
            other => return Err(LoadError::Invalid(format!("line {}: unknown key {other}", n + 1))),
        }
    }
    let name = name.ok_or_else(|| LoadError::Invalid("missing name".into()))?;
    Ok(Config { name, workers, endpoints })
}
