//! Loaders for the data files published with "Constitutional AI:
//! Harmlessness from AI Feedback" (Bai et al., 2022), turning each into
//! baton's own neutral types. Baton ships none of these texts; tests and
//! evaluations load them from disk.
//!
//! | file | shape | loader |
//! |---|---|---|
//! | `CritiqueRevisionInstructions.json` | `{id: {"prompt": ["\n\nCritiqueRequest: …\n\nCritique:"], "edit_request": "\n\nRevisionRequest: …\n\nRevision:"}}` | [`parse_critique_instructions`] |
//! | `CritiqueRevisionFewShotPrompts.json` | `["\n\nHuman: …\n\nAssistant: …\n\nCritiqueRequest: …\n\nCritique: …\n\nRevisionRequest: …\n\nRevision: …\n\nHuman:"]` | [`parse_sl_fewshot`] |
//! | `RLMadisonInstructions.json` | `["\n<question> Options:"]` | [`parse_comparison_instructions`] |
//! | `RLMadisonFewShotPrompts.json` | `[{"prompt": "\n\nHuman: …\n\nAssistant:", "corrects": [better], "incorrects": [worse]}]` | [`parse_rl_fewshot`] |
//! | `RLMadisonPrecogFewShotPrompts.json` | `[{"prompt": "… H: …\n\n{}\n (A) [[[…]]]\n (B) [[[…]]]\n\nAssistant: Let's think step by step: …\n\nHuman:\nSo the answer is: (B)"}]` | [`parse_rl_cot_fewshot`] |
//! | `438HHHEvaluations.jsonl` | one `{"prompt", "corrects": [" (A)"], "incorrects": [" (B)"], "text_correct", "text_incorrect"}` per line | [`parse_hhh`] |

use std::path::Path;

use baton_protocol::Message;
use serde::Deserialize;

use crate::constitution::{ComparisonPrinciple, Comparisons, Constitution, RawPrinciple, Tag};
use crate::error::{CaiError, ConstitutionError};
use crate::eval::HhhComparison;
use crate::label::{Choice, parse_choice};
use crate::rl::ComparisonExample;
use crate::sl::FewShotExample;

fn read(path: &Path) -> Result<(String, String), CaiError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| CaiError::data(&shown, format!("cannot read it: {e}")))?;
    Ok((text, shown))
}

fn json<T: for<'de> Deserialize<'de>>(text: &str, path: &str) -> Result<T, CaiError> {
    serde_json::from_str(text).map_err(|e| CaiError::data(path, format!("unexpected shape: {e}")))
}

/// Strips a label such as `CritiqueRequest:` from the front and the next
/// label such as `Critique:` from the end of a request string.
fn between_labels(text: &str, head: &str, tail: &str) -> String {
    let text = text.trim();
    let text = text.strip_prefix(head).unwrap_or(text);
    let text = text.strip_suffix(tail).unwrap_or(text);
    text.trim().to_owned()
}

/// A JSON object's entries in file order (`serde_json::Map` sorts its
/// keys, which would put `harmful10` before `harmful2`).
struct Ordered<T>(Vec<(String, T)>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Ordered<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Visit<T> {
            type Value = Ordered<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Ordered(entries))
            }
        }
        deserializer.deserialize_map(Visit(std::marker::PhantomData))
    }
}

#[derive(Deserialize)]
struct CritiqueInstruction {
    prompt: Vec<String>,
    edit_request: String,
}

/// The 16 SL-CAI principles as a constitution (tag: harmlessness, weight 1).
/// Ids are the file's keys, in the file's order.
pub fn parse_critique_instructions(text: &str, path: &str) -> Result<Constitution, CaiError> {
    let Ordered(entries) = json::<Ordered<CritiqueInstruction>>(text, path)?;
    let mut raw = Vec::with_capacity(entries.len());
    for (id, item) in entries {
        raw.push(RawPrinciple {
            critique: item
                .prompt
                .first()
                .map(|p| between_labels(p, "CritiqueRequest:", "Critique:")),
            revision: Some(between_labels(
                &item.edit_request,
                "RevisionRequest:",
                "Revision:",
            )),
            tags: vec![Tag::Harmlessness.as_str().to_owned()],
            id,
            ..RawPrinciple::default()
        });
    }
    Ok(Constitution::from_raw(raw, path)?)
}

pub fn load_critique_instructions(path: &Path) -> Result<Constitution, CaiError> {
    let (text, shown) = read(path)?;
    parse_critique_instructions(&text, &shown)
}

/// The RL-CAI comparison principles, ids `madison0`…, tag harmlessness.
/// The trailing `Options:` is dropped: baton's prompt lays out the options itself.
pub fn parse_comparison_instructions(text: &str, path: &str) -> Result<Comparisons, CaiError> {
    let list: Vec<String> = json(text, path)?;
    let principles = list
        .iter()
        .enumerate()
        .map(|(i, text)| ComparisonPrinciple {
            id: format!("madison{i}"),
            text: between_labels(text, "", "Options:"),
            tags: vec![Tag::Harmlessness],
            weight: 1.0,
        })
        .collect();
    Comparisons::new(principles, path).map_err(|e: ConstitutionError| e.into())
}

pub fn load_comparison_instructions(path: &Path) -> Result<Comparisons, CaiError> {
    let (text, shown) = read(path)?;
    parse_comparison_instructions(&text, &shown)
}

/// Splits a transcript at `\n\n<Label>:` for the given labels. Text before
/// the first label is dropped; contents are trimmed.
fn split_labels<'a>(text: &'a str, labels: &[&'static str]) -> Vec<(&'static str, &'a str)> {
    let mut marks: Vec<(usize, usize, &'static str)> = Vec::new();
    let bytes = text.as_bytes();
    for start in 0..text.len() {
        let at_block = start == 0 || (start >= 2 && &bytes[start - 2..start] == b"\n\n");
        if !at_block || !text.is_char_boundary(start) {
            continue;
        }
        for label in labels {
            let rest = &text[start..];
            if rest.starts_with(label) && rest[label.len()..].starts_with(':') {
                marks.push((start, start + label.len() + 1, label));
                break;
            }
        }
    }
    marks
        .iter()
        .enumerate()
        .map(|(i, (_, body, label))| {
            let end = marks.get(i + 1).map_or(text.len(), |next| next.0);
            (*label, text[*body..end].trim())
        })
        .collect()
}

fn turns(segments: &[(&str, &str)]) -> Vec<Message> {
    segments
        .iter()
        .map(|(label, body)| match *label {
            "Human" | "H" => Message::user_text(*body),
            _ => Message::assistant_text(*body),
        })
        .collect()
}

/// The SL-CAI few-shot examples.
pub fn parse_sl_fewshot(text: &str, path: &str) -> Result<Vec<FewShotExample>, CaiError> {
    let list: Vec<String> = json(text, path)?;
    let labels = [
        "Human",
        "Assistant",
        "CritiqueRequest",
        "Critique",
        "RevisionRequest",
        "Revision",
    ];
    let mut examples = Vec::with_capacity(list.len());
    for (index, item) in list.iter().enumerate() {
        let fail = |detail: &str| CaiError::data(path, format!("example {}: {detail}", index + 1));
        let mut segments = split_labels(item, &labels);
        // Each example ends with an empty `Human:` that leads into the next.
        if segments
            .last()
            .is_some_and(|(l, b)| *l == "Human" && b.is_empty())
        {
            segments.pop();
        }
        let split = segments
            .iter()
            .position(|(label, _)| *label == "CritiqueRequest")
            .ok_or_else(|| fail("no CritiqueRequest"))?;
        let (conversation, tail) = segments.split_at(split);
        let [
            ("CritiqueRequest", cr),
            ("Critique", c),
            ("RevisionRequest", rr),
            ("Revision", r),
        ] = tail
        else {
            return Err(fail(
                "expected CritiqueRequest, Critique, RevisionRequest, Revision after the conversation",
            ));
        };
        if conversation
            .last()
            .is_none_or(|(label, _)| *label != "Assistant")
        {
            return Err(fail(
                "the conversation must end with the assistant's response",
            ));
        }
        examples.push(FewShotExample {
            conversation: turns(conversation),
            critique_request: (*cr).to_owned(),
            critique: (*c).to_owned(),
            revision_request: (*rr).to_owned(),
            revision: (*r).to_owned(),
        });
    }
    Ok(examples)
}

pub fn load_sl_fewshot(path: &Path) -> Result<Vec<FewShotExample>, CaiError> {
    let (text, shown) = read(path)?;
    parse_sl_fewshot(&text, &shown)
}

#[derive(Deserialize)]
struct RlFewShot {
    prompt: String,
    corrects: Vec<String>,
    incorrects: Vec<String>,
}

/// The plain RL-CAI few-shot comparisons: the better response as (A); use
/// [`crate::rl::arrange_fewshot`] to shuffle the order.
pub fn parse_rl_fewshot(text: &str, path: &str) -> Result<Vec<ComparisonExample>, CaiError> {
    let list: Vec<RlFewShot> = json(text, path)?;
    list.into_iter()
        .enumerate()
        .map(|(index, item)| {
            let fail = |d: &str| CaiError::data(path, format!("example {}: {d}", index + 1));
            let mut segments = split_labels(&item.prompt, &["Human", "Assistant"]);
            if segments
                .last()
                .is_some_and(|(l, b)| *l == "Assistant" && b.is_empty())
            {
                segments.pop();
            }
            if segments.is_empty() {
                return Err(fail("no conversation"));
            }
            let better = item
                .corrects
                .into_iter()
                .next()
                .ok_or_else(|| fail("no correct answer"))?;
            let worse = item
                .incorrects
                .into_iter()
                .next()
                .ok_or_else(|| fail("no incorrect answer"))?;
            Ok(ComparisonExample {
                conversation: turns(&segments),
                option_a: better,
                option_b: worse,
                answer: Choice::A,
                reasoning: None,
            })
        })
        .collect()
}

pub fn load_rl_fewshot(path: &Path) -> Result<Vec<ComparisonExample>, CaiError> {
    let (text, shown) = read(path)?;
    parse_rl_fewshot(&text, &shown)
}

#[derive(Deserialize)]
struct PromptOnly {
    prompt: String,
}

fn option_text<'a>(text: &'a str, letter: &str) -> Option<&'a str> {
    let open = format!("({letter}) [[[");
    let start = text.find(&open)? + open.len();
    let end = text[start..].find("]]]")? + start;
    Some(text[start..end].trim())
}

/// The chain-of-thought few-shot comparisons, with their reasoning.
pub fn parse_rl_cot_fewshot(text: &str, path: &str) -> Result<Vec<ComparisonExample>, CaiError> {
    let list: Vec<PromptOnly> = json(text, path)?;
    list.iter()
        .enumerate()
        .map(|(index, item)| {
            let fail = |d: &str| CaiError::data(path, format!("example {}: {d}", index + 1));
            let prompt = &item.prompt;
            let header = prompt
                .find("Consider the following conversation")
                .ok_or_else(|| fail("no conversation header"))?;
            let body_start = prompt[header..]
                .find(":\n\n")
                .map(|i| header + i + 1)
                .ok_or_else(|| fail("no conversation after the header"))?;
            let placeholder = prompt
                .find("{}")
                .ok_or_else(|| fail("no `{}` principle slot"))?;
            let conversation = prompt
                .get(body_start..placeholder)
                .ok_or_else(|| fail("the principle slot comes before the conversation"))?;
            let segments = split_labels(conversation.trim_start_matches('\n'), &["H", "A"]);
            let option_a = option_text(prompt, "A").ok_or_else(|| fail("no option (A)"))?;
            let option_b = option_text(prompt, "B").ok_or_else(|| fail("no option (B)"))?;
            let cue = "Let's think step by step:";
            let reasoning_start = prompt.find(cue).ok_or_else(|| fail("no reasoning"))? + cue.len();
            let reasoning_end = prompt[reasoning_start..]
                .find("\n\nHuman:")
                .map_or(prompt.len(), |i| reasoning_start + i);
            let verdict = "So the answer is:";
            let answer = prompt
                .rfind(verdict)
                .and_then(|at| parse_choice(&prompt[at + verdict.len()..]))
                .ok_or_else(|| fail("no final answer"))?;
            Ok(ComparisonExample {
                conversation: turns(&segments),
                option_a: option_a.to_owned(),
                option_b: option_b.to_owned(),
                answer,
                reasoning: Some(prompt[reasoning_start..reasoning_end].trim().to_owned()),
            })
        })
        .collect()
}

pub fn load_rl_cot_fewshot(path: &Path) -> Result<Vec<ComparisonExample>, CaiError> {
    let (text, shown) = read(path)?;
    parse_rl_cot_fewshot(&text, &shown)
}

#[derive(Deserialize)]
struct HhhLine {
    prompt: String,
    corrects: Vec<String>,
    text_correct: String,
    text_incorrect: String,
}

/// The HHH comparisons, one JSON object per line (blank lines skipped).
pub fn parse_hhh(text: &str, path: &str) -> Result<Vec<HhhComparison>, CaiError> {
    let mut items = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let fail = |d: String| CaiError::data(path, format!("line {}: {d}", index + 1));
        let item: HhhLine = serde_json::from_str(line).map_err(|e| fail(e.to_string()))?;
        let correct = item
            .corrects
            .first()
            .and_then(|c| parse_choice(c))
            .ok_or_else(|| fail(format!("`corrects` is not (A) or (B): {:?}", item.corrects)))?;
        items.push(HhhComparison {
            prompt: item.prompt,
            correct,
            text_correct: item.text_correct,
            text_incorrect: item.text_incorrect,
        });
    }
    Ok(items)
}

pub fn load_hhh(path: &Path) -> Result<Vec<HhhComparison>, CaiError> {
    let (text, shown) = read(path)?;
    parse_hhh(&text, &shown)
}
