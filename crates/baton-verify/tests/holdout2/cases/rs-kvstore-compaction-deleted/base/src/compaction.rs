//! Segment merging.

use std::collections::BTreeMap;
use std::collections::HashMap;

use crate::{Entry, Segment};

/// Statistics gathered while merging, useful for tuning flush thresholds.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct MergeStats {
    pub input_entries: usize,
    pub output_entries: usize,
    pub dropped_tombstones: usize,
    pub shadowed_values: usize,
}

pub fn merge(segments: &[Segment]) -> Segment {
    merge_with_stats(segments).0
}

pub fn merge_with_stats(segments: &[Segment]) -> (Segment, MergeStats) {
    let mut stats = MergeStats::default();
    let mut winners: HashMap<&str, (u64, &Entry)> = HashMap::new();
    for seg in segments {
        for (key, entry) in &seg.entries {
            stats.input_entries += 1;
            match winners.get(key.as_str()) {
                Some((seq, _)) if *seq < seg.seq => {
                    stats.shadowed_values += 1;
                }
                Some(_) => {
                    stats.shadowed_values += 1;
                    winners.insert(key.as_str(), (seg.seq, entry));
                }
                None => {
                    winners.insert(key.as_str(), (seg.seq, entry));
                }
            }
        }
    }
    let mut entries = BTreeMap::new();
    for (key, (_, entry)) in winners {
        match entry {
            Entry::Tombstone => stats.dropped_tombstones += 1,
            Entry::Value(_) => {
                entries.insert(key.to_string(), entry.clone());
            }
        }
    }
    stats.output_entries = entries.len();
    let seq = segments.iter().map(|s| s.seq).max().unwrap_or(0);
    (Segment { seq, entries }, stats)
}

/// Pick adjacent runs of small segments to merge first (size-tiered policy).
pub fn plan_tiers(sizes: &[usize], min_run: usize) -> Vec<std::ops::Range<usize>> {
    let mut plans = Vec::new();
    let mut start = 0;
    while start < sizes.len() {
        let tier = tier_of(sizes[start]);
        let mut end = start + 1;
        while end < sizes.len() && tier_of(sizes[end]) == tier {
            end += 1;
        }
        if end - start >= min_run {
            plans.push(start..end);
        }
        start = end;
    }
    plans
}

fn tier_of(size: usize) -> u32 {
    usize::BITS - size.max(1).leading_zeros()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_group_similar_sizes() {
        assert_eq!(plan_tiers(&[3, 3, 2, 40, 41, 1000], 2), vec![0..3, 3..5]);
    }
}
