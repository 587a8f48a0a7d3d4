use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    Put(String, String),
    Delete(String),
}

#[derive(Debug, Default)]
pub struct Log {
    entries: Vec<Entry>,
    compacted_through: Option<usize>,
}

impl Log {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn put(&mut self, key: &str, value: &str) {
        self.entries.push(Entry::Put(key.to_string(), value.to_string()));
    }

    pub fn delete(&mut self, key: &str) {
        self.entries.push(Entry::Delete(key.to_string()));
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn compacted_through(&self) -> Option<usize> {
        self.compacted_through
    }

    /// Rewrite the log so it holds only the latest value of each live key,
    /// in first-insertion order.
    pub fn compact(&mut self) {
        let high_water = self.entries.len() - 1;
        let mut latest: HashMap<&str, Option<&str>> = HashMap::new();
        let mut order: Vec<&str> = Vec::new();
        for e in &self.entries {
            match e {
                Entry::Put(k, v) => {
                    if !order.contains(&k.as_str()) {
                        order.push(k.as_str());
                    }
                    latest.insert(k.as_str(), Some(v.as_str()));
                }
                Entry::Delete(k) => {
                    latest.insert(k.as_str(), None);
                }
            }
        }
        let compacted: Vec<Entry> = order
            .iter()
            .filter_map(|k| latest[k].map(|v| Entry::Put(k.to_string(), v.to_string())))
            .collect();
        self.compacted_through = Some(high_water);
        self.entries = compacted;
    }
}
