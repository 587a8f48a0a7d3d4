//! A word-frequency summary of a text.

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::Path;

/// Reads stop words, one per line, from a config file.
pub fn load_stop_words(path: &Path) -> io::Result<BTreeSet<String>> {
    let text = std::fs::read_to_string(path)?;
    Ok(text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_lowercase).collect())
}

/// Like [`summary`], leaving out the stop words.
pub fn summary_with(text: &str, top: usize, stop: &BTreeSet<String>) -> String {
    let kept: Vec<&str> = text.split_whitespace().filter(|w| !stop.contains(&w.to_lowercase())).collect();
    summary(&kept.join(" "), top)
}

/// The `top` most frequent words, one `word count` per line, most frequent first.
pub fn summary(text: &str, top: usize) -> String {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for word in text.split_whitespace() {
        let word: String = word.chars().filter(|c| c.is_alphanumeric()).collect();
        if !word.is_empty() {
            *counts.entry(word).or_default() += 1;
        }
    }
    let mut pairs: Vec<(String, usize)> = counts.into_iter().collect();
    pairs.sort_by(|a, b| b.1.cmp(&a.1));
    pairs.truncate(top);
    pairs.iter().map(|(w, n)| format!("{w} {n}\n")).collect()
}
