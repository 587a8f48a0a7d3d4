use std::collections::BTreeMap;

#[derive(Debug, Clone)]
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

impl PartialEq for Config {
    fn eq(&self, other: &Self) -> bool {
        // `cached_hash` is a memo of `entries`, not part of the value.
        self.name == other.name && self.entries == other.entries && self.include == other.include
    }
}

impl Eq for Config {}

/// Names of configs whose contents changed between two snapshots.
pub fn changed(old: &[Config], new: &[Config]) -> Vec<String> {
    new.iter()
        .filter(|n| old.iter().find(|o| o.name == n.name).map_or(true, |o| o != *n))
        .map(|n| n.name.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_does_not_affect_equality() {
        let mut a = Config::new("db");
        a.entries.insert("host".into(), "localhost".into());
        let b = a.clone();
        a.fingerprint();
        assert_eq!(a, b);
        assert!(changed(&[a.clone()], &[b.clone()]).is_empty());
    }

    #[test]
    fn real_differences_still_count() {
        let mut a = Config::new("db");
        let mut b = a.clone();
        b.include.push("extra.toml".into());
        assert_ne!(a, b);
        a.entries.insert("port".into(), "5432".into());
        assert_eq!(changed(&[a], &[b]), vec!["db".to_string()]);
    }
}
