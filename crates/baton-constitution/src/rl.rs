//! RL-CAI: sample two responses, ask a labeller which better follows a
//! principle, and write a soft-labelled preference record.
//!
//! ## Comparison prompt format
//!
//! ```text
//! Consider the following conversation between a human and an assistant:
//!
//! Human: <prompt>
//!
//! <principle>
//!
//! (A) <response a>
//!
//! (B) <response b>
//!
//! The answer is:
//! ```
//!
//! Few-shot examples come first in the same shape, each with its own
//! principle and ending with `The answer is: (A)` or `(B)`, blocks separated
//! by a blank line. The chain-of-thought variant adds [`COT_INSTRUCTION`]
//! after the options and ends with `Let's think step by step:`; its examples
//! show their reasoning, then `The answer is: (X)` on the next line.

use std::sync::Arc;

use baton_models::{ModelClient, ModelRequest};
use baton_protocol::Message;
use serde::{Deserialize, Serialize};

use crate::call::{CallSeeds, Spend, complete, reply_text};
use crate::constitution::{Comparisons, Tag};
use crate::error::CaiError;
use crate::label::{Choice, LabelMethod, LabelOptions, label_comparison};
use crate::sl::render_conversation;

pub const COMPARISON_HEADER: &str =
    "Consider the following conversation between a human and an assistant:";
pub const COT_INSTRUCTION: &str = "Think step by step about which response better meets the \
     request above, then finish with a line that says \"The answer is: (A)\" or \"The answer is: (B)\".";
pub const COT_CUE: &str = "Let's think step by step:";
pub const ANSWER_CUE: &str = "The answer is:";

/// A worked comparison for the few-shot prefix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComparisonExample {
    pub conversation: Vec<Message>,
    pub option_a: String,
    pub option_b: String,
    pub answer: Choice,
    /// Chain-of-thought reasoning. It names the options by letter, so an
    /// example with reasoning keeps the order it was written in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning: Option<String>,
}

/// A few-shot example ready to render: its own principle, options in order.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelledExample {
    pub principle: String,
    pub example: ComparisonExample,
}

/// Gives each example its own independently drawn principle and, when it
/// has no reasoning tied to the letters, a random A/B order, so the
/// labeller cannot learn that the better answer sits in one place.
pub fn arrange_fewshot(
    examples: &[ComparisonExample],
    comparisons: &Comparisons,
    rng: &mut fastrand::Rng,
    tags: Option<&[Tag]>,
) -> Vec<LabelledExample> {
    examples
        .iter()
        .map(|example| {
            let principle = comparisons.draw(rng, tags).text.clone();
            let mut example = example.clone();
            if example.reasoning.is_none() && rng.bool() {
                std::mem::swap(&mut example.option_a, &mut example.option_b);
                example.answer = example.answer.other();
            }
            LabelledExample { principle, example }
        })
        .collect()
}

fn render_question(
    conversation: &[Message],
    principle: &str,
    a: &str,
    b: &str,
    cot: bool,
) -> String {
    let mut blocks = vec![COMPARISON_HEADER.to_owned()];
    if !conversation.is_empty() {
        blocks.push(render_conversation(conversation));
    }
    blocks.push(principle.trim().to_owned());
    blocks.push(format!("(A) {}", a.trim()));
    blocks.push(format!("(B) {}", b.trim()));
    if cot {
        blocks.push(COT_INSTRUCTION.to_owned());
    }
    blocks.join("\n\n")
}

fn render_labelled(labelled: &LabelledExample, cot: bool) -> String {
    let e = &labelled.example;
    let question = render_question(
        &e.conversation,
        &labelled.principle,
        &e.option_a,
        &e.option_b,
        cot,
    );
    let answer = format!("{ANSWER_CUE} ({})", e.answer.letter());
    match (&e.reasoning, cot) {
        (Some(reasoning), true) => {
            format!("{question}\n\n{COT_CUE} {}\n{answer}", reasoning.trim())
        }
        _ => format!("{question}\n\n{answer}"),
    }
}

fn comparison(
    conversation: &[Message],
    principle: &str,
    option_a: &str,
    option_b: &str,
    fewshot: &[LabelledExample],
    cot: bool,
) -> String {
    let mut blocks: Vec<String> = fewshot.iter().map(|e| render_labelled(e, cot)).collect();
    let cue = if cot { COT_CUE } else { ANSWER_CUE };
    blocks.push(format!(
        "{}\n\n{cue}",
        render_question(conversation, principle, option_a, option_b, cot)
    ));
    blocks.join("\n\n")
}

/// The comparison prompt, ending with `The answer is:`.
pub fn comparison_prompt(
    conversation: &[Message],
    principle: &str,
    option_a: &str,
    option_b: &str,
    fewshot: &[LabelledExample],
) -> String {
    comparison(conversation, principle, option_a, option_b, fewshot, false)
}

/// The chain-of-thought comparison prompt, ending with `Let's think step by step:`.
pub fn comparison_prompt_cot(
    conversation: &[Message],
    principle: &str,
    option_a: &str,
    option_b: &str,
    fewshot: &[LabelledExample],
) -> String {
    comparison(conversation, principle, option_a, option_b, fewshot, true)
}

/// Settings for [`rl_cai`].
#[derive(Debug, Clone, PartialEq)]
pub struct RlOptions {
    pub cot: bool,
    /// Labeller answers to sample when it gives no log-probabilities.
    pub samples_k: u32,
    /// Policy sampling temperature; must be above 0 so the two responses differ.
    pub temperature: f32,
    pub max_tokens: u32,
    /// Restricts the principles drawn (when any match).
    pub tags: Option<Vec<Tag>>,
}

impl Default for RlOptions {
    fn default() -> Self {
        Self {
            cot: false,
            samples_k: 8,
            temperature: 1.0,
            max_tokens: 1024,
            tags: None,
        }
    }
}

/// A preference record in TRL's format (`prompt`, `chosen`, `rejected`)
/// plus the soft label and how it was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrefRecord {
    pub prompt: String,
    pub chosen: String,
    pub rejected: String,
    /// The labeller's probability that `chosen` is the better response; at
    /// least 0.5, because the chosen one is the one it prefers.
    pub score: f64,
    /// The id of the comparison principle used.
    pub principle: String,
    pub label_method: LabelMethod,
    /// The raw probability of option (A), as the labeller saw the options.
    pub p_a: f64,
    /// True when the second sampled response was shown as (A).
    pub swapped: bool,
    /// Labeller answers sampled (0 with log-probabilities).
    pub samples: u32,
    pub spend: Spend,
}

/// Which sampled response is chosen, undoing the A/B swap. Responses are
/// numbered in sampling order: without a swap the first is (A); with one,
/// the second is. Returns (index of chosen, probability it is better).
pub fn resolve_preference(p_a: f64, swapped: bool) -> (usize, f64) {
    let p_first = if swapped { 1.0 - p_a } else { p_a };
    if p_first >= 0.5 {
        (0, p_first)
    } else {
        (1, 1.0 - p_first)
    }
}

/// Samples two responses from `policy`, shows them to `labeller` in a random
/// order under a randomly drawn comparison principle, and returns the
/// soft-labelled preference.
pub async fn rl_cai(
    policy: &dyn ModelClient,
    labeller: &dyn ModelClient,
    prompt: &str,
    comparisons: &Comparisons,
    fewshot: &[ComparisonExample],
    rng: &mut fastrand::Rng,
    options: &RlOptions,
) -> Result<PrefRecord, CaiError> {
    // Written so NaN is refused too.
    if options.temperature.is_nan() || options.temperature <= 0.0 {
        return Err(CaiError::Invalid(format!(
            "the policy temperature must be above 0 to get two different responses (got {})",
            options.temperature
        )));
    }
    let mut spend = Spend::default();
    let mut seeds = CallSeeds::from_rng(rng);
    let conversation = vec![Message::user_text(prompt)];
    let mut responses = Vec::with_capacity(2);
    for _ in 0..2 {
        let request = ModelRequest {
            messages: Arc::new(conversation.clone()),
            max_tokens: options.max_tokens,
            temperature: Some(options.temperature),
            ..ModelRequest::default()
        };
        responses.push(reply_text(
            &complete(policy, request, "policy sample", &mut spend, &mut seeds).await?,
        ));
    }
    let tags = options.tags.as_deref();
    let principle = comparisons.draw(rng, tags).clone();
    let swapped = rng.bool();
    let (a, b) = if swapped { (1, 0) } else { (0, 1) };
    let labelled = arrange_fewshot(fewshot, comparisons, rng, tags);
    let build = if options.cot {
        comparison_prompt_cot
    } else {
        comparison_prompt
    };
    let text = build(
        &conversation,
        &principle.text,
        &responses[a],
        &responses[b],
        &labelled,
    );
    let label_options = LabelOptions {
        cot: options.cot,
        samples_k: options.samples_k,
        max_tokens: if options.cot { 512 } else { 16 },
        seed: seeds.draw(),
        ..LabelOptions::default()
    };
    let label = label_comparison(labeller, &text, &label_options).await?;
    spend.absorb(label.spend);
    let (chosen, score) = resolve_preference(label.p_a, swapped);
    Ok(PrefRecord {
        prompt: prompt.to_owned(),
        chosen: responses[chosen].clone(),
        rejected: responses[1 - chosen].clone(),
        score,
        principle: principle.id,
        label_method: label.method,
        p_a: label.p_a,
        swapped,
        samples: label.samples,
        spend,
    })
}
