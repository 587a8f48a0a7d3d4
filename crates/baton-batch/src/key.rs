//! Record keys and per-record seeds.
//!
//! Both come from SHA-256 rather than `std::hash`: the standard hashers are
//! either randomised per process (`RandomState`) or not promised to stay the
//! same across Rust releases (`DefaultHasher::new`), and a key written to an
//! output file today must still match the same prompt after a toolchain
//! upgrade, or resuming would silently redo (and re-pay for) everything.

use std::fmt;

use sha2::{Digest, Sha256};

/// Domain separators, so a prompt key, an invalid line's key and a seed
/// can never be the same hash by construction.
const PROMPT_DOMAIN: &[u8] = b"baton-batch/prompt/v1\0";
const RAW_LINE_DOMAIN: &[u8] = b"baton-batch/raw-line/v1\0";
const SEED_DOMAIN: &[u8] = b"baton-batch/seed/v1\0";

/// The identity of one input: 16 bytes of SHA-256, written as 32 hex digits.
///
/// 128 bits keep the chance of two different prompts colliding negligible
/// (about 10⁻²⁹ for 100,000 prompts) while the sets of keys a run keeps stay
/// small.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key(pub [u8; 16]);

impl Key {
    /// The key of a prompt: the hash of its [normalised](normalise) text.
    pub fn of_prompt(text: &str) -> Self {
        Self::hash(PROMPT_DOMAIN, normalise(text).as_bytes())
    }

    /// The key of an input line that could not be used (not JSON, no key
    /// field): its raw bytes, so the same bad line is reported once however
    /// often the batch is re-run.
    pub fn of_raw_line(line: &[u8]) -> Self {
        Self::hash(RAW_LINE_DOMAIN, line)
    }

    fn hash(domain: &[u8], data: &[u8]) -> Self {
        let digest = Sha256::new()
            .chain_update(domain)
            .chain_update(data)
            .finalize();
        let mut key = [0u8; 16];
        key.copy_from_slice(&digest[..16]);
        Self(key)
    }

    /// Parses the 32 lowercase or uppercase hex digits [`fmt::Display`] writes.
    pub fn parse(hex: &str) -> Option<Self> {
        let bytes = hex.as_bytes();
        if bytes.len() != 32 {
            return None;
        }
        let mut key = [0u8; 16];
        for (out, pair) in key.iter_mut().zip(bytes.chunks_exact(2)) {
            *out = (nibble(pair[0])? << 4) | nibble(pair[1])?;
        }
        Some(Self(key))
    }

    /// The seed this record runs with under the batch's global seed.
    pub fn seed(&self, global: u64) -> u64 {
        let digest = Sha256::new()
            .chain_update(SEED_DOMAIN)
            .chain_update(global.to_le_bytes())
            .chain_update(self.0)
            .finalize();
        let mut seed = [0u8; 8];
        seed.copy_from_slice(&digest[..8]);
        u64::from_le_bytes(seed)
    }
}

fn nibble(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for byte in self.0 {
            write!(f, "{byte:02x}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Key({self})")
    }
}

/// What two prompts must agree on to count as the same prompt: the text with
/// leading and trailing whitespace removed, every run of whitespace inside
/// it made one space, and lowercased (Unicode).
///
/// Case is folded because prompt sets gathered from several sources repeat
/// the same request with different capitalisation, and asking the model twice
/// buys nothing; punctuation is kept, since it can change what is asked.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    #[test]
    fn normalising_folds_whitespace_and_case_only() {
        assert_eq!(normalise("  Hello\t\nWORLD  again "), "hello world again");
        assert_eq!(normalise("Ünïcode ÄÖ"), "ünïcode äö");
        assert_ne!(normalise("hello, world"), normalise("hello world"));
        assert_eq!(normalise(" \n "), "");
    }

    #[test]
    fn keys_round_trip_through_hex() {
        let key = Key::of_prompt("What is 2 + 2?");
        let hex = key.to_string();
        assert_eq!(hex.len(), 32);
        assert_eq!(Key::parse(&hex), Some(key));
        assert_eq!(Key::parse(&hex.to_uppercase()), Some(key));
        assert_eq!(Key::parse(&hex[1..]), None);
        assert_eq!(Key::parse(&format!("{}zz", &hex[..30])), None);
    }

    #[test]
    fn keys_and_seeds_are_pinned() {
        // Pinned values (checked against Python's hashlib): if these change,
        // every existing output file's keys stop matching and resuming redoes
        // all the work.
        let key = Key::of_prompt("hello");
        assert_eq!(key, Key::of_prompt("  HELLO "));
        assert_eq!(key.to_string(), "13f2c233044034957254dcd62be934b1");
        assert_eq!(key.seed(42), 4_857_213_436_541_585_108);
        assert_ne!(key.seed(42), key.seed(43));
        assert_ne!(Key::of_raw_line(b"hello"), key);
    }
}
