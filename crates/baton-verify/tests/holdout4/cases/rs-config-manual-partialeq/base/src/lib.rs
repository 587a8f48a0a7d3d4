use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub name: String,
    pub entries: BTreeMap<String, String>,
    pub include: Vec<String>,
    /// Lazily computed fingerprint; `None` until `fingerprint()` is called.
    pub cached_hash: Option<u64>,
}

impl Config {
    pub fn new(name: &str) -> Self {
        Config { name: name.to_string(), entries: BTreeMap::new(), include: vec![], cached_hash: None }
    }

    pub fn fingerprint(&mut self) -> u64 {
        if let Some(h) = self.cached_hash {
            return h;
        }
        let mut h: u64 = 0xcbf29ce484222325;
        for (k, v) in &self.entries {
            for b in k.bytes().chain(v.bytes()) {
                h ^= b as u64;
                h = h.wrapping_mul(0x100000001b3);
            }
        }
        self.cached_hash = Some(h);
        h
    }
}

/// Names of configs whose contents changed between two snapshots.
pub fn changed(old: &[Config], new: &[Config]) -> Vec<String> {
    new.iter()
        .filter(|n| old.iter().find(|o| o.name == n.name).map_or(true, |o| o != *n))
        .map(|n| n.name.clone())
        .collect()
}
