//! `key = "value"` format.

use std::collections::BTreeMap;

#[derive(Debug, Default, PartialEq)]
pub struct Config {
    pub values: BTreeMap<String, String>,
}

#[derive(Debug, PartialEq)]
pub enum Error {
    Syntax { line: usize },
    Duplicate(String),
}

pub fn parse(src: &str) -> Result<Config, Error> {
    let mut cfg = Config::default();
    for (i, raw) in src.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (k, v) = line.split_once('=').ok_or(Error::Syntax { line: i + 1 })?;
        let v = v.trim();
        if !(v.len() >= 2 && v.starts_with('"') && v.ends_with('"')) {
            return Err(Error::Syntax { line: i + 1 });
        }
        let key = k.trim().to_string();
        if cfg.values.insert(key.clone(), v[1..v.len() - 1].to_string()).is_some() {
            return Err(Error::Duplicate(key));
        }
    }
    Ok(cfg)
}
