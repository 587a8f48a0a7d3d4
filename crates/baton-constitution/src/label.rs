//! Soft preference labels: how likely a labeller thinks option (A) is the
//! better one, from log-probabilities where the model gives them and from
//! repeated sampling where it does not.

use std::sync::Arc;

use baton_models::{ModelClient, ModelRequest, ScorePrompt, TokenLogprob};
use baton_protocol::Message;
use serde::{Deserialize, Serialize};

use crate::call::{CallSeeds, Spend, complete, reply_text};
use crate::error::CaiError;

/// The continuations scored after a comparison prompt (which ends with
/// `The answer is:`): a space, then the parenthesised letter, as the
/// answers appear in the paper's data.
pub const CANDIDATE_A: &str = " (A)";
pub const CANDIDATE_B: &str = " (B)";

/// Chain-of-thought labels are over-confident, so they are clamped to this range.
pub const COT_CLAMP: (f64, f64) = (0.4, 0.6);

/// One of the two options of a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Choice {
    A,
    B,
}

impl Choice {
    pub fn other(self) -> Choice {
        match self {
            Choice::A => Choice::B,
            Choice::B => Choice::A,
        }
    }

    pub fn letter(self) -> &'static str {
        match self {
            Choice::A => "A",
            Choice::B => "B",
        }
    }
}

/// How a soft label was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LabelMethod {
    /// From the labeller's log-probabilities of the two answers.
    Logprobs,
    /// From the share of sampled answers that chose (A).
    Sampled,
}

/// The probability that option (A) is better, and how it was found.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SoftLabel {
    pub p_a: f64,
    pub method: LabelMethod,
    /// Answers sampled (0 when log-probabilities were used).
    pub samples: u32,
    pub spend: Spend,
}

/// `p_A = exp(la) / (exp(la) + exp(lb))`, computed as
/// `exp(la - m) / (exp(la - m) + exp(lb - m))` with `m = max(la, lb)` so
/// that neither term overflows or underflows to 0/0. `None` when an input
/// is NaN or both are −∞ (no information).
pub fn soft_label(logprob_a: f64, logprob_b: f64) -> Option<f64> {
    if logprob_a.is_nan() || logprob_b.is_nan() {
        return None;
    }
    let m = logprob_a.max(logprob_b);
    if m.is_infinite() {
        return None;
    }
    let a = (logprob_a - m).exp();
    let b = (logprob_b - m).exp();
    Some(a / (a + b))
}

/// Clamps a chain-of-thought label to [`COT_CLAMP`].
pub fn clamp_cot(p_a: f64) -> f64 {
    p_a.clamp(COT_CLAMP.0, COT_CLAMP.1)
}

/// Which option an answer picks. After the last "answer is", when there is
/// one (chain of thought ends that way), a leading `(A)`, `A`, `A.`,
/// `Option A`, `**(B)**` and the like, or else a lone `(A)` or `(B)`.
/// Without that marker, text naming both `(A)` and `(B)` is ambiguous
/// ("(A) is rude; (B) is polite" chooses nothing), so it gives `None`.
pub fn parse_choice(text: &str) -> Option<Choice> {
    let lower = text.to_ascii_lowercase();
    let tail = match lower.rfind("answer is") {
        Some(at) => &text[at + "answer is".len()..],
        None if text.contains("(A)") && text.contains("(B)") => return None,
        None => text,
    };
    if let Some(choice) = leading_choice(tail) {
        return Some(choice);
    }
    match (tail.contains("(A)"), tail.contains("(B)")) {
        (true, false) => Some(Choice::A),
        (false, true) => Some(Choice::B),
        _ => None,
    }
}

fn leading_choice(text: &str) -> Option<Choice> {
    let skip = |c: char| c.is_whitespace() || matches!(c, ':' | '(' | '[' | '*' | '"' | '\'' | '`');
    let mut rest = text.trim_start_matches(skip);
    for word in ["option", "response", "answer"] {
        if let Some(head) = rest.get(..word.len())
            && head.eq_ignore_ascii_case(word)
        {
            rest = rest[word.len()..].trim_start_matches(skip);
        }
    }
    let mut chars = rest.chars();
    let choice = match chars.next()? {
        'A' => Choice::A,
        'B' => Choice::B,
        _ => return None,
    };
    // "A" must be a letter on its own, not the start of "As" or "Because".
    match chars.next() {
        Some(c) if c.is_alphanumeric() => None,
        _ => Some(choice),
    }
}

/// The share of (A) among the answers that picked something; `None` when none did.
pub fn sampled_estimate(answers: &[Option<Choice>]) -> Option<f64> {
    let a = answers.iter().filter(|c| **c == Some(Choice::A)).count();
    let b = answers.iter().filter(|c| **c == Some(Choice::B)).count();
    (a + b > 0).then(|| a as f64 / (a + b) as f64)
}

/// A soft label from the top alternatives an OpenAI-compatible server
/// reports: at the first generated token that is not just spacing or
/// punctuation, provided the model wrote a letter there, `la` and `lb` are the log-sum-exp of the alternatives that
/// read `A` and `B` (with or without a space or parenthesis). A letter
/// missing from the list is less likely than every listed alternative, so
/// it is given the smallest listed log-probability: an upper bound that
/// keeps the label from claiming certainty it does not have.
pub fn top_logprobs_label(logprobs: &[TokenLogprob]) -> Option<f64> {
    let position = logprobs
        .iter()
        .find(|t| !normalize_token(&t.token).is_empty())?;
    // "The answer…" puts the letter later, at a position we cannot find
    // reliably; the caller falls back to sampling.
    if !matches!(normalize_token(&position.token), "A" | "B") {
        return None;
    }
    let mut alternatives = position.top.clone();
    if !alternatives
        .iter()
        .any(|(token, _)| *token == position.token)
    {
        alternatives.push((position.token.clone(), position.logprob));
    }
    let gather = |letter: &str| {
        let matching: Vec<f64> = alternatives
            .iter()
            .filter(|(token, _)| normalize_token(token) == letter)
            .map(|(_, lp)| *lp)
            .collect();
        log_sum_exp(&matching)
    };
    let (la, lb) = (gather("A"), gather("B"));
    let floor = alternatives
        .iter()
        .map(|(_, lp)| *lp)
        .fold(f64::INFINITY, f64::min);
    match (la, lb) {
        (None, None) => None,
        (Some(la), Some(lb)) => soft_label(la, lb),
        (Some(la), None) => soft_label(la, floor),
        (None, Some(lb)) => soft_label(floor, lb),
    }
}

fn normalize_token(token: &str) -> &str {
    token.trim_matches(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']' | '*'))
}

fn log_sum_exp(values: &[f64]) -> Option<f64> {
    let m = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if values.is_empty() || !m.is_finite() {
        return None;
    }
    Some(m + values.iter().map(|v| (v - m).exp()).sum::<f64>().ln())
}

/// Settings for [`label_comparison`].
#[derive(Debug, Clone, PartialEq)]
pub struct LabelOptions {
    /// The prompt asks for reasoning first (it ends with
    /// `Let's think step by step:`); the label is clamped to [`COT_CLAMP`].
    pub cot: bool,
    /// Answers to sample when the labeller gives no log-probabilities.
    pub samples_k: u32,
    /// Temperature of sampled answers; above 0, or the samples would agree.
    pub temperature: f32,
    /// Room for an answer (direct) or for reasoning and answer (CoT).
    pub max_tokens: u32,
    /// Seeds the labeller's calls (each its own, drawn from this), for a
    /// label that repeats under the same seed; `None` leaves them unseeded.
    pub seed: Option<u64>,
}

impl Default for LabelOptions {
    fn default() -> Self {
        Self {
            cot: false,
            samples_k: 8,
            temperature: 1.0,
            max_tokens: 16,
            seed: None,
        }
    }
}

/// How many top alternatives to ask for at each answer position.
const TOP_LOGPROBS: u8 = 5;

/// The probability that option (A) is better, for a comparison prompt that
/// ends with `The answer is:` (or, with `cot`, with the step-by-step cue).
///
/// In order of preference: the model's [`baton_models::Scorer`] on
/// [`CANDIDATE_A`]/[`CANDIDATE_B`]; the top log-probabilities of the first
/// answer token (direct answers only: in a chain of thought the answer
/// token's position is unknown); the share of `samples_k` sampled answers.
/// With chain of thought and a scorer, the reasoning is sampled once, cut
/// before its own verdict, and the two answers are scored after it.
pub async fn label_comparison(
    labeller: &dyn ModelClient,
    prompt_text: &str,
    options: &LabelOptions,
) -> Result<SoftLabel, CaiError> {
    let mut spend = Spend::default();
    let mut seeds = CallSeeds::new(options.seed);
    let finish = |p_a: f64| if options.cot { clamp_cot(p_a) } else { p_a };
    if let Some(scorer) = labeller.scorer() {
        let mut context = prompt_text.to_owned();
        if options.cot {
            let reasoning = reply_text(
                &complete(
                    labeller,
                    answer_request(prompt_text, options, None),
                    "reasoning",
                    &mut spend,
                    &mut seeds,
                )
                .await?,
            );
            context = format!(
                "{prompt_text} {}\nThe answer is:",
                strip_verdict(&reasoning)
            );
        }
        let candidates = [CANDIDATE_A.to_owned(), CANDIDATE_B.to_owned()];
        let scores = scorer
            .score(&ScorePrompt::Raw(context), &candidates)
            .await
            .map_err(|source| CaiError::Model {
                stage: "label scoring",
                source,
            })?;
        if let [a, b] = scores.as_slice()
            && let Some(p_a) = soft_label(a.logprob, b.logprob)
        {
            return Ok(SoftLabel {
                p_a: finish(p_a),
                method: LabelMethod::Logprobs,
                samples: 0,
                spend,
            });
        }
    }
    if options.samples_k == 0 {
        return Err(CaiError::Invalid(
            "samples_k must be at least 1 for a labeller without log-probabilities".into(),
        ));
    }
    let mut answers = Vec::with_capacity(options.samples_k as usize);
    let mut last = String::new();
    for index in 0..options.samples_k {
        let top = (index == 0 && !options.cot).then_some(TOP_LOGPROBS);
        let response = complete(
            labeller,
            answer_request(prompt_text, options, top),
            "label",
            &mut spend,
            &mut seeds,
        )
        .await?;
        if let Some(p_a) = response.logprobs.as_deref().and_then(top_logprobs_label) {
            return Ok(SoftLabel {
                p_a: finish(p_a),
                method: LabelMethod::Logprobs,
                samples: 0,
                spend,
            });
        }
        last = reply_text(&response);
        answers.push(parse_choice(&last));
    }
    let p_a = sampled_estimate(&answers).ok_or(CaiError::NoLabel {
        tries: options.samples_k,
        last,
    })?;
    Ok(SoftLabel {
        p_a: finish(p_a),
        method: LabelMethod::Sampled,
        samples: options.samples_k,
        spend,
    })
}

fn answer_request(prompt_text: &str, options: &LabelOptions, top: Option<u8>) -> ModelRequest {
    ModelRequest {
        messages: Arc::new(vec![Message::user_text(prompt_text)]),
        max_tokens: options.max_tokens,
        temperature: Some(options.temperature),
        top_logprobs: top,
        ..ModelRequest::default()
    }
}

/// Reasoning up to (not including) its own "The answer is" verdict, so the
/// scored answer is the only verdict in the context.
fn strip_verdict(reasoning: &str) -> &str {
    let lower = reasoning.to_ascii_lowercase();
    match lower.rfind("the answer is") {
        Some(at) => reasoning[..at].trim_end(),
        None => reasoning.trim_end(),
    }
}
