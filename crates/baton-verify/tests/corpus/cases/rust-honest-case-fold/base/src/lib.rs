//! A word-frequency summary of a text.

use std::collections::BTreeMap;

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
