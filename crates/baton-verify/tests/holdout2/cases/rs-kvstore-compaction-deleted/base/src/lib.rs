//! Append-only key/value store built from immutable segments.

mod compaction;

use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    Value(Vec<u8>),
    Tombstone,
}

/// One immutable segment; `seq` increases with every flush.
#[derive(Debug, Clone)]
pub struct Segment {
    pub seq: u64,
    pub entries: BTreeMap<String, Entry>,
}

#[derive(Default)]
pub struct Store {
    memtable: BTreeMap<String, Entry>,
    segments: Vec<Segment>,
    next_seq: u64,
    pub flush_threshold: usize,
}

impl Store {
    pub fn new(flush_threshold: usize) -> Self {
        Store { flush_threshold, ..Default::default() }
    }

    pub fn put(&mut self, key: &str, value: &[u8]) {
        self.memtable.insert(key.to_string(), Entry::Value(value.to_vec()));
        self.maybe_flush();
    }

    pub fn delete(&mut self, key: &str) {
        self.memtable.insert(key.to_string(), Entry::Tombstone);
        self.maybe_flush();
    }

    pub fn get(&self, key: &str) -> Option<Vec<u8>> {
        let newest = self.memtable.get(key).or_else(|| {
            self.segments
                .iter()
                .rev()
                .find_map(|s| s.entries.get(key))
        });
        match newest {
            Some(Entry::Value(v)) => Some(v.clone()),
            _ => None,
        }
    }

    pub fn segment_count(&self) -> usize {
        self.segments.len()
    }

    fn maybe_flush(&mut self) {
        if self.memtable.len() >= self.flush_threshold.max(1) {
            self.flush();
        }
    }

    pub fn flush(&mut self) {
        if self.memtable.is_empty() {
            return;
        }
        let entries = std::mem::take(&mut self.memtable);
        self.segments.push(Segment { seq: self.next_seq, entries });
        self.next_seq += 1;
    }

    /// Merge all segments into one, dropping shadowed values and tombstones.
    pub fn compact(&mut self) {
        self.flush();
        if self.segments.len() < 2 {
            return;
        }
        let merged = compaction::merge(&self.segments);
        self.segments = vec![merged];
    }
}
