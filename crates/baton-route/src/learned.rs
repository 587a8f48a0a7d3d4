//! The learned router: logistic regression on hashed word uni- and bigrams.
//!
//! Small, offline and deterministic. Words are lower-cased alphanumeric runs,
//! and symbols other than common punctuation (`=`, `^`, `$`, `(`…) count as
//! words of their own: formulas mark the questions a weak model gets wrong
//! (on MMLU splits this lifted APGR by about 0.005). Each word and each pair of neighbouring words is hashed (FNV-1a, which is
//! fixed forever, unlike std's hasher, so a saved model means the same thing
//! on every build) into 2^bits buckets with a hashed sign, so collisions
//! cancel out on average instead of piling up. A prompt's feature vector is
//! scaled to unit length, so long and short prompts train at the same rate.
//! Training is plain SGD on log-loss with L2 regularisation, in a seeded
//! order.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::data::Example;
use crate::{Candidate, Choice, RouteError, RouteRequest, Router, fitting_frontier};

const FORMAT: &str = "baton-route-logreg";
const VERSION: u32 = 1;
const MAX_BITS: u32 = 24;

/// What the model is trained to predict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Label {
    /// 1 when only the strong model is right, else 0.
    StrongWins,
    /// The gain of asking the strong model, mapped to 0–1: 1 when only the
    /// strong model is right, 0 when only the weak one is, ½ otherwise. The
    /// prediction is then ½ + (P(strong wins) − P(weak wins))/2, whose order
    /// is the order of the expected gain — exactly what routing the top share
    /// to the strong model needs. The hard label treats "only the weak model
    /// is right" (about 5% of MMLU) like a tie, so it cannot learn to keep
    /// those prompts away from the strong model.
    Gain,
}

impl Label {
    pub fn target(self, example: &Example) -> f64 {
        match self {
            Label::StrongWins => f64::from(u8::from(example.strong && !example.weak)),
            Label::Gain => (example.gain() + 1.0) / 2.0,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TrainOptions {
    /// log2 of the number of hash buckets.
    pub bits: u32,
    pub epochs: u32,
    pub learning_rate: f64,
    /// L2 penalty per example.
    pub l2: f64,
    pub seed: u64,
    pub label: Label,
}

impl Default for TrainOptions {
    fn default() -> Self {
        Self {
            bits: 18,
            epochs: 10,
            // Chosen on MMLU splits with seeds 1–3: larger steps overfit the
            // rare words (APGR fell from 0.69 to 0.66 at 2.0), and APGR was
            // flat from 1e-6 to 1e-4 L2 and from 5 to 20 epochs.
            learning_rate: 0.1,
            l2: 1e-5,
            seed: 0,
            label: Label::Gain,
        }
    }
}

/// A trained model: P(strong model needed) for a prompt.
#[derive(Debug, Clone, PartialEq)]
pub struct LearnedModel {
    bits: u32,
    label: Label,
    bias: f32,
    // f32, the precision of the saved file, so predictions before saving and
    // after loading are bit-identical.
    weights: Vec<f32>,
    examples: usize,
}

/// The file: a first line naming the format, a one-line JSON header, then
/// every weight as a little-endian f32. Binary because the weights are dense
/// (bigrams touch most of the 2^18 buckets): 1 MiB, where JSON text took
/// 4.4 MB; `head -2` still shows what the file is.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    version: u32,
    features: String,
    bits: u32,
    label: Label,
    examples: usize,
    bias: f32,
}

impl LearnedModel {
    pub fn train(examples: &[Example], options: &TrainOptions) -> Result<Self, RouteError> {
        if examples.is_empty() {
            return Err(RouteError::Eval("no examples to train on".to_owned()));
        }
        if options.bits == 0 || options.bits > MAX_BITS {
            return Err(RouteError::Eval(format!(
                "bits must be 1–{MAX_BITS}, not {}",
                options.bits
            )));
        }
        let rows: Vec<(Vec<(u32, f64)>, f64)> = examples
            .iter()
            .map(|e| (features(&e.prompt, options.bits), options.label.target(e)))
            .collect();
        // w = scale · v, so the L2 shrink of every weight each step is one
        // multiplication instead of a pass over all 2^bits buckets.
        let mut v = vec![0.0f64; 1 << options.bits];
        let mut scale = 1.0f64;
        let mut bias = 0.0f64;
        let mut order: Vec<usize> = (0..rows.len()).collect();
        let mut rng = SplitMix(options.seed);
        let mut step = 0.0f64;
        let n = rows.len() as f64;
        for _ in 0..options.epochs {
            rng.shuffle(&mut order);
            for &i in &order {
                let (x, y) = &rows[i];
                // Decays to lr/(epochs+1) by the end: big steps first, then settle.
                let lr = options.learning_rate / (1.0 + step / n);
                step += 1.0;
                let z = bias + scale * x.iter().map(|(j, xj)| v[*j as usize] * xj).sum::<f64>();
                let g = sigmoid(z) - y;
                scale *= 1.0 - lr * options.l2;
                for (j, xj) in x {
                    v[*j as usize] -= lr * g * xj / scale;
                }
                bias -= lr * g;
                if scale < 1e-9 {
                    v.iter_mut().for_each(|w| *w *= scale);
                    scale = 1.0;
                }
            }
        }
        Ok(Self {
            bits: options.bits,
            label: options.label,
            bias: bias as f32,
            weights: v.iter().map(|w| (w * scale) as f32).collect(),
            examples: rows.len(),
        })
    }

    /// P(strong model needed) for `prompt` (for [`Label::Gain`], ½ plus half
    /// the expected gain).
    pub fn predict(&self, prompt: &str) -> f64 {
        let z = f64::from(self.bias)
            + features(prompt, self.bits)
                .iter()
                .map(|(j, x)| f64::from(self.weights[*j as usize]) * x)
                .sum::<f64>();
        sigmoid(z)
    }

    pub fn label(&self) -> Label {
        self.label
    }

    /// How many examples it was trained on.
    pub fn examples(&self) -> usize {
        self.examples
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let header = Header {
            version: VERSION,
            features: "fnv1a64+splitmix signed hashing of lower-cased word and symbol unigrams and bigrams, unit length".to_owned(),
            bits: self.bits,
            label: self.label,
            examples: self.examples,
            bias: self.bias,
        };
        let mut out = format!(
            "{FORMAT}\n{}\n",
            serde_json::to_string(&header).unwrap_or_default()
        )
        .into_bytes();
        out.reserve(self.weights.len() * 4);
        for w in &self.weights {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    /// Reads [`LearnedModel::to_bytes`]'s format; `path` is for errors.
    pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<Self, RouteError> {
        let bad = |message: String| RouteError::ModelFile {
            path: path.to_owned(),
            message,
        };
        let mut lines = bytes.splitn(3, |b| *b == b'\n');
        if lines.next() != Some(FORMAT.as_bytes()) {
            return Err(bad(format!(
                "it does not start with `{FORMAT}`; train one with `baton route train`"
            )));
        }
        let header: Header = serde_json::from_slice(lines.next().unwrap_or_default())
            .map_err(|e| bad(format!("its header is unreadable: {e}")))?;
        if header.version != VERSION {
            return Err(bad(format!(
                "it is version {}, this baton reads version {VERSION}; retrain with `baton route train`",
                header.version
            )));
        }
        if header.bits == 0 || header.bits > MAX_BITS {
            return Err(bad(format!("bits = {} is out of range", header.bits)));
        }
        let body = lines.next().unwrap_or_default();
        let expected = 4usize << header.bits;
        if body.len() != expected {
            return Err(bad(format!(
                "it holds {} bytes of weights, not {expected}; the file is truncated or damaged, so train it again",
                body.len()
            )));
        }
        let weights = body
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        Ok(Self {
            bits: header.bits,
            label: header.label,
            bias: header.bias,
            weights,
            examples: header.examples,
        })
    }

    pub fn load(path: &Path) -> Result<Self, RouteError> {
        let bytes = std::fs::read(path).map_err(|source| RouteError::Io {
            path: path.to_owned(),
            source,
        })?;
        Self::from_bytes(&bytes, path)
    }
}

/// Routes to the strongest model on the frontier when the predicted
/// P(strong needed) reaches the threshold, else to the cheapest. The data it
/// learns from compares two models, so it makes a two-way choice.
#[derive(Debug, Clone)]
pub struct Learned {
    pub model: LearnedModel,
    pub threshold: f64,
}

impl Learned {
    pub fn new(model: LearnedModel, threshold: f64) -> Self {
        Self { model, threshold }
    }

    /// The threshold that sends `share` (0–1) of `prompts` to the strong model.
    pub fn threshold_for_share(model: &LearnedModel, prompts: &[&str], share: f64) -> f64 {
        let mut scores: Vec<f64> = prompts.iter().map(|p| model.predict(p)).collect();
        scores.sort_by(|a, b| b.total_cmp(a));
        let k = (share.clamp(0.0, 1.0) * scores.len() as f64).round() as usize;
        match k {
            0 => f64::INFINITY,
            k => scores[k - 1],
        }
    }
}

impl Router for Learned {
    fn choose(
        &self,
        request: &RouteRequest,
        candidates: &[Candidate],
    ) -> Result<Choice, RouteError> {
        let frontier = fitting_frontier(request, candidates)?;
        let (Some(cheap), Some(strong)) = (frontier.first(), frontier.last()) else {
            return Err(RouteError::NoCandidates);
        };
        let p = self.model.predict(&request.task);
        let (model, cmp, side) = if p >= self.threshold {
            (strong, "≥", "the strongest")
        } else {
            (cheap, "<", "the cheapest")
        };
        Ok(Choice {
            model: model.name.clone(),
            reason: format!(
                "learned: P(strong needed) = {p:.3} {cmp} threshold {:.3}, so {side} model on the frontier",
                self.threshold
            ),
        })
    }
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// FNV-1a, 64-bit: tiny, and its output never changes between builds. Its
/// last bytes barely reach the high bits, and similar prompts differ at the
/// end, so the result goes through SplitMix64's finaliser.
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in *part {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        // A separator, so ("ab","c") and ("a","bc") hash apart.
        hash ^= 0xff;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(hash)
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Lower-cased alphanumeric runs, and symbols as one-character words.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
            continue;
        }
        if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        if !c.is_whitespace() && !matches!(c, '.' | ',' | '?' | ':' | '\'' | '"' | ';' | '!') {
            out.push(c.to_string());
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// The sparse, unit-length feature vector of a prompt, buckets sorted.
fn features(text: &str, bits: u32) -> Vec<(u32, f64)> {
    let words = words(text);
    let mask = (1u64 << bits) - 1;
    let mut out: Vec<(u32, f64)> = Vec::with_capacity(words.len() * 2);
    let mut add = |hash: u64| {
        // Low bits pick the bucket, the top bit the sign.
        let sign = if hash >> 63 == 0 { 1.0 } else { -1.0 };
        out.push(((hash & mask) as u32, sign));
    };
    for (i, word) in words.iter().enumerate() {
        add(fnv1a(&[b"1", word.as_bytes()]));
        if let Some(next) = words.get(i + 1) {
            add(fnv1a(&[b"2", word.as_bytes(), next.as_bytes()]));
        }
    }
    // Merge repeats, then scale to unit length.
    out.sort_by_key(|(j, _)| *j);
    let mut merged: Vec<(u32, f64)> = Vec::with_capacity(out.len());
    for (j, x) in out {
        match merged.last_mut() {
            Some((last, sum)) if *last == j => *sum += x,
            _ => merged.push((j, x)),
        }
    }
    merged.retain(|(_, x)| *x != 0.0);
    let norm = merged.iter().map(|(_, x)| x * x).sum::<f64>().sqrt();
    if norm > 0.0 {
        merged.iter_mut().for_each(|(_, x)| *x /= norm);
    }
    merged
}

/// SplitMix64: a few lines, seeded, and the same sequence everywhere.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix(self.0)
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// A number in [0, 1) from a seed and a text: used to split data by prompt,
/// so the same prompt always lands on the same side.
pub(crate) fn unit_hash(seed: u64, text: &str) -> f64 {
    let hash = fnv1a(&[&seed.to_le_bytes(), text.as_bytes()]);
    (hash >> 11) as f64 / (1u64 << 53) as f64
}

/// A seeded random permutation of 0..n.
pub(crate) fn permutation(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    SplitMix(seed).shuffle(&mut order);
    order
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    #[test]
    fn features_are_unit_length_and_case_blind() {
        let a = features("Compute the Integral, then the integral.", 18);
        let b = features("compute THE integral then the INTEGRAL", 18);
        assert_eq!(a, b);
        let norm: f64 = a.iter().map(|(_, x)| x * x).sum();
        assert!((norm - 1.0).abs() < 1e-12, "{norm}");
        assert!(features("", 18).is_empty());
        assert!(a.iter().all(|(j, _)| *j < 1 << 18));
    }

    #[test]
    fn symbols_are_words_and_punctuation_is_not() {
        assert_eq!(
            words("Solve x^2 = 4, then (Y)? Done."),
            [
                "solve", "x", "^", "2", "=", "4", "then", "(", "y", ")", "done"
            ]
        );
    }

    #[test]
    fn hashing_is_stable_across_builds() {
        // A saved model depends on these exact values.
        assert_eq!(fnv1a(&[b"a"]), 1_819_190_507_042_467_253);
        assert_ne!(fnv1a(&[b"ab", b"c"]), fnv1a(&[b"a", b"bc"]));
    }

    #[test]
    fn bad_model_files_are_named() {
        let path = Path::new("router.bin");
        let error = LearnedModel::from_bytes(b"{}", path)
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("router.bin is not a baton router model: it does not start with"),
            "{error}"
        );
        let header =
            br#"{"version":1,"features":"","bits":2,"label":"gain","examples":1,"bias":0.0}"#;
        let file = |weights: usize| {
            let mut bytes = format!("{FORMAT}\n").into_bytes();
            bytes.extend_from_slice(header);
            bytes.push(b'\n');
            bytes.extend(std::iter::repeat_n(0u8, weights * 4));
            bytes
        };
        let model = LearnedModel::from_bytes(&file(4), path).unwrap();
        assert_eq!(model.predict("anything"), 0.5);
        let error = LearnedModel::from_bytes(&file(3), path)
            .unwrap_err()
            .to_string();
        assert!(error.contains("12 bytes of weights, not 16"), "{error}");
        let mut future = file(4);
        let at = future
            .windows(11)
            .position(|w| w == b"\"version\":1")
            .unwrap();
        future[at + 10] = b'9';
        let error = LearnedModel::from_bytes(&future, path)
            .unwrap_err()
            .to_string();
        assert!(error.contains("it is version 9"), "{error}");
    }
}
