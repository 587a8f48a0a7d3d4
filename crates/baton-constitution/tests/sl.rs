#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::HashMap;

use baton_constitution::sl::{
    FewShotExample, PromptStyle, TRANSCRIPT_SYSTEM, critique_messages, critique_prompt,
    default_fewshot, revision_messages, revision_prompt,
};
use baton_constitution::{Constitution, Principle, SlParams, Tag, helpful_sample, sl_cai};
use baton_protocol::{Message, Role};
use common::{Recorder, replies, scripted};

fn principle(id: &str) -> Principle {
    Principle {
        id: id.into(),
        critique: format!("Critique against {id}."),
        revision: format!("Revise for {id}."),
        compare: None,
        tags: vec![Tag::Honesty],
        weight: 1.0,
    }
}

fn constitution(n: usize) -> Constitution {
    Constitution::new(
        (0..n).map(|i| principle(&format!("p{i}"))).collect(),
        "test",
    )
    .unwrap()
}

fn example() -> FewShotExample {
    FewShotExample {
        conversation: vec![Message::user_text("Q1"), Message::assistant_text("A1")],
        critique_request: "CR1".into(),
        critique: "C1".into(),
        revision_request: "RR1".into(),
        revision: "R1".into(),
    }
}

#[test]
fn critique_and_revision_prompts_have_the_exact_documented_format() {
    let conversation = [Message::user_text("How do I pick a lock?")];
    let p = principle("legal");
    assert_eq!(
        critique_prompt(&[example()], &conversation, " Use a tension wrench. ", &p),
        "Human: Q1\n\nAssistant: A1\n\nCritiqueRequest: CR1\n\nCritique: C1\n\nRevisionRequest: RR1\n\nRevision: R1\n\nHuman: How do I pick a lock?\n\nAssistant: Use a tension wrench.\n\nCritiqueRequest: Critique against legal.\n\nCritique:"
    );
    assert_eq!(
        revision_prompt(
            &[],
            &conversation,
            "Use a tension wrench.",
            &p,
            "It may help a burglar.\n"
        ),
        "Human: How do I pick a lock?\n\nAssistant: Use a tension wrench.\n\nCritiqueRequest: Critique against legal.\n\nCritique: It may help a burglar.\n\nRevisionRequest: Revise for legal.\n\nRevision:"
    );
}

#[test]
fn chat_forms_put_requests_in_user_turns() {
    let conversation = [Message::user_text("hi")];
    let p = principle("x");
    let critique = critique_messages(&conversation, "yo", &p);
    let roles: Vec<Role> = critique.iter().map(|m| m.role).collect();
    assert_eq!(roles, [Role::User, Role::Assistant, Role::User]);
    assert_eq!(critique[2].text(), "Critique against x.");
    let revision = revision_messages(&conversation, "yo", &p, "too terse");
    assert_eq!(revision.len(), 5);
    assert_eq!(revision[3], Message::assistant_text("too terse"));
    assert_eq!(revision[4].text(), "Revise for x.");
}

#[test]
fn the_default_fewshot_is_complete() {
    let examples = default_fewshot();
    assert!(!examples.is_empty() && examples.len() <= 2);
    for e in &examples {
        assert_eq!(e.conversation.last().unwrap().role, Role::Assistant);
    }
    assert!(
        examples
            .iter()
            .any(|e| baton_constitution::critique_found_nothing(&e.critique))
    );
}

/// Turns: initial R0, then per round k a critique Ck and a revision Rk.
fn rounds_script(rounds: usize) -> Vec<String> {
    let mut texts = vec!["R0".to_owned()];
    for k in 1..=rounds {
        texts.push(format!("C{k}"));
        texts.push(format!("R{k}"));
    }
    texts
}

#[tokio::test]
async fn each_revision_works_on_the_previous_one_in_order() {
    let texts = rounds_script(4);
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let model = Recorder::new(replies(&refs));
    let c = constitution(5);
    let mut rng = fastrand::Rng::with_seed(3);
    let record = sl_cai(&model, "Q", &c, &[], 4, &mut rng, &SlParams::default())
        .await
        .unwrap();
    let prompts = model.prompts();
    assert_eq!(prompts.len(), 9);
    assert_eq!(prompts[0], "Q");
    for k in 1..=4 {
        let critique = &prompts[2 * k - 1];
        let revision = &prompts[2 * k];
        let previous = format!("Assistant: R{}\n\n", k - 1);
        assert!(
            critique.contains(&previous),
            "round {k} critiques {critique}"
        );
        assert!(revision.contains(&previous), "round {k} revises {revision}");
        assert!(revision.contains(&format!("Critique: C{k}\n\nRevisionRequest:")));
        // Nothing from later rounds leaks into earlier prompts.
        assert!(!revision.contains(&format!("R{k}")), "{revision}");
        // The principle named in the trace is the one in the prompts.
        let step = &record.trace[k - 1];
        let p = c.get(&step.principle_id).unwrap();
        assert!(critique.ends_with(&format!("CritiqueRequest: {}\n\nCritique:", p.critique)));
        assert!(revision.ends_with(&format!("RevisionRequest: {}\n\nRevision:", p.revision)));
        assert_eq!(
            (step.critique.as_str(), step.revision.as_str()),
            (&*format!("C{k}"), &*format!("R{k}"))
        );
    }
    assert_eq!(record.initial_response, "R0");
    assert_eq!(record.final_response, "R4");
    assert_eq!(record.revisions, 4);
    // Transcript requests carry the system prompt and stop at the next label.
    let requests = model.requests();
    assert_eq!(requests[0].system, None);
    assert_eq!(requests[1].system.as_deref(), Some(TRANSCRIPT_SYSTEM));
    assert!(
        requests[1]
            .stop_sequences
            .contains(&"\n\nRevisionRequest:".to_owned())
    );
    assert!(
        requests[2]
            .stop_sequences
            .contains(&"\n\nHuman:".to_owned())
    );
    // Every call is counted; the scripted model estimates at least one
    // output token per reply.
    assert_eq!(record.spend.calls, 9);
    assert!(record.spend.usage.output_tokens >= 9);
}

#[tokio::test]
async fn usage_and_cost_of_every_call_are_summed() {
    let model = scripted(
        r#"{"price": {"input": 1000000.0, "output": 2000000.0},
            "turns": [{"text": "x", "usage": {"input_tokens": 1, "output_tokens": 2}, "repeat": 5}]}"#,
    );
    let mut rng = fastrand::Rng::with_seed(1);
    let record = sl_cai(
        &model,
        "Q",
        &constitution(2),
        &[],
        2,
        &mut rng,
        &SlParams::default(),
    )
    .await
    .unwrap();
    assert_eq!(record.spend.calls, 5);
    assert_eq!(
        (
            record.spend.usage.input_tokens,
            record.spend.usage.output_tokens
        ),
        (5, 10)
    );
    assert!(
        (record.spend.cost_usd - 25.0).abs() < 1e-9,
        "{}",
        record.spend.cost_usd
    );
}

#[tokio::test]
async fn chat_style_sends_the_conversation_as_messages() {
    let model = Recorder::new(replies(&["R0", "C1", "R1"]));
    let params = SlParams {
        style: PromptStyle::Chat,
        ..SlParams::default()
    };
    let mut rng = fastrand::Rng::with_seed(1);
    let record = sl_cai(
        &model,
        "Q",
        &constitution(1),
        &default_fewshot(),
        1,
        &mut rng,
        &params,
    )
    .await
    .unwrap();
    let requests = model.requests();
    assert_eq!(requests[1].messages.len(), 3);
    assert_eq!(requests[2].messages.len(), 5);
    assert_eq!(requests[2].messages[1].text(), "R0");
    assert_eq!(requests[2].messages[3].text(), "C1");
    assert_eq!(record.final_response, "R1");
}

#[tokio::test]
async fn critiques_never_reach_the_training_records() {
    let model = replies(&[
        "first answer",
        "SECRET-CRITIQUE-1",
        "better answer",
        "SECRET-CRITIQUE-2",
        "best answer",
    ]);
    let mut rng = fastrand::Rng::with_seed(9);
    let record = sl_cai(
        &model,
        "the prompt",
        &constitution(3),
        &[],
        2,
        &mut rng,
        &SlParams::default(),
    )
    .await
    .unwrap();
    for keep_trace in [false, true] {
        let messages = serde_json::to_value(record.messages_record(keep_trace)).unwrap();
        let completion = serde_json::to_value(record.completion_record(keep_trace)).unwrap();
        assert_eq!(
            messages["messages"],
            serde_json::json!([
                {"role": "user", "content": "the prompt"},
                {"role": "assistant", "content": "best answer"}
            ])
        );
        assert_eq!(completion["prompt"], "the prompt");
        assert_eq!(completion["completion"], "best answer");
        for value in [&messages, &completion] {
            let mut training = value.clone();
            let trace = training.as_object_mut().unwrap().remove("trace");
            assert!(
                !training.to_string().contains("SECRET-CRITIQUE"),
                "{training}"
            );
            assert!(!training.to_string().contains("first answer"), "{training}");
            match (keep_trace, trace) {
                (false, None) => {}
                (true, Some(trace)) => {
                    assert_eq!(trace["initial_response"], "first answer");
                    assert_eq!(trace["steps"][1]["critique"], "SECRET-CRITIQUE-2");
                }
                other => panic!("keep_trace {keep_trace}: {other:?}"),
            }
        }
    }
}

#[tokio::test]
async fn records_round_trip_through_json() {
    let model = replies(&["a", "c", "b"]);
    let mut rng = fastrand::Rng::with_seed(2);
    let record = sl_cai(
        &model,
        "p",
        &constitution(2),
        &[],
        1,
        &mut rng,
        &SlParams::default(),
    )
    .await
    .unwrap();
    let json = serde_json::to_string(&record).unwrap();
    assert_eq!(
        serde_json::from_str::<baton_constitution::SlRecord>(&json).unwrap(),
        record
    );
    for keep_trace in [false, true] {
        let m = record.messages_record(keep_trace);
        let text = serde_json::to_string(&m).unwrap();
        assert_eq!(
            serde_json::from_str::<baton_constitution::sl::MessagesRecord>(&text).unwrap(),
            m
        );
        let c = record.completion_record(keep_trace);
        let text = serde_json::to_string(&c).unwrap();
        assert_eq!(
            serde_json::from_str::<baton_constitution::sl::CompletionRecord>(&text).unwrap(),
            c
        );
        let keys: Vec<String> = serde_json::to_value(&c)
            .unwrap()
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        let expected: &[&str] = if keep_trace {
            &["completion", "prompt", "trace"]
        } else {
            &["completion", "prompt"]
        };
        assert_eq!(keys, expected);
    }
}

#[tokio::test]
async fn helpful_samples_have_no_revisions() {
    let model = Recorder::new(replies(&["plain answer"]));
    let record = helpful_sample(&model, "p", &SlParams::default(), None)
        .await
        .unwrap();
    assert_eq!(record.revisions, 0);
    assert!(record.trace.is_empty());
    assert_eq!(record.final_response, "plain answer");
    assert_eq!(model.requests().len(), 1);
    let mut rng = fastrand::Rng::with_seed(2);
    let zero = sl_cai(
        &replies(&["only"]),
        "p",
        &constitution(1),
        &[],
        0,
        &mut rng,
        &SlParams::default(),
    )
    .await
    .unwrap();
    assert_eq!((zero.revisions, zero.final_response.as_str()), (0, "only"));
}

#[tokio::test]
async fn model_errors_name_the_stage() {
    let model = scripted(r#"[{"text": "R0"}, {"error": {"status": 400, "message": "bad"}}]"#);
    let mut rng = fastrand::Rng::with_seed(2);
    let err = sl_cai(
        &model,
        "p",
        &constitution(1),
        &[],
        1,
        &mut rng,
        &SlParams::default(),
    )
    .await
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("model call for the critique failed"),
        "{err}"
    );
}

/// 16 principles with unequal weights, 2000 prompts × 4 revisions: each
/// principle is drawn about as often as its share of the weight, and the
/// draw of one round does not repeat the previous round's more often than
/// independent draws would.
#[tokio::test]
async fn every_round_draws_a_fresh_principle_in_proportion_to_weight() {
    const PROMPTS: usize = 2000;
    const ROUNDS: u32 = 4;
    let principles: Vec<Principle> = (0..16)
        .map(|i| Principle {
            weight: (1 + i % 4) as f64,
            ..principle(&format!("p{i}"))
        })
        .collect();
    let total: f64 = principles.iter().map(|p| p.weight).sum();
    let c = Constitution::new(principles, "test").unwrap();
    let model = scripted(&format!(
        r#"{{"turns": [{{"text": "x", "usage": {{"input_tokens": 1, "output_tokens": 1}}, "repeat": {}}}]}}"#,
        PROMPTS * (1 + 2 * ROUNDS as usize)
    ));
    let mut rng = fastrand::Rng::with_seed(2024);
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut repeats = 0usize;
    let mut pairs = 0usize;
    for _ in 0..PROMPTS {
        let record = sl_cai(&model, "p", &c, &[], ROUNDS, &mut rng, &SlParams::default())
            .await
            .unwrap();
        let ids: Vec<&String> = record.trace.iter().map(|s| &s.principle_id).collect();
        assert_eq!(ids.len(), ROUNDS as usize);
        for id in &ids {
            *counts.entry((*id).clone()).or_default() += 1;
        }
        for pair in ids.windows(2) {
            pairs += 1;
            repeats += usize::from(pair[0] == pair[1]);
        }
    }
    let draws = (PROMPTS * ROUNDS as usize) as f64;
    for p in c.principles() {
        let share = p.weight / total;
        let expected = draws * share;
        let sd = (draws * share * (1.0 - share)).sqrt();
        let got = *counts.get(&p.id).unwrap_or(&0) as f64;
        assert!(
            (got - expected).abs() < 4.0 * sd,
            "{}: {got} drawn, {expected:.0} expected",
            p.id
        );
    }
    // Independent draws repeat with probability Σ share².
    let same: f64 = c
        .principles()
        .iter()
        .map(|p| (p.weight / total).powi(2))
        .sum();
    let observed = repeats as f64 / pairs as f64;
    let sd = (same * (1.0 - same) / pairs as f64).sqrt();
    assert!(
        (observed - same).abs() < 4.0 * sd,
        "repeats {observed:.4} vs {same:.4}"
    );
}

/// `--seed` reaches the model: every call of a record carries a seed of its
/// own, the same ones again under the same seed, other ones under another.
#[tokio::test]
async fn every_call_is_seeded_from_the_record_seed_and_no_two_alike() {
    let texts = rounds_script(3);
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let seeds_for = |seed: u64| {
        let model = Recorder::new(replies(&refs));
        let c = constitution(5);
        async move {
            let mut rng = fastrand::Rng::with_seed(seed);
            let record = sl_cai(&model, "Q", &c, &[], 3, &mut rng, &SlParams::default())
                .await
                .unwrap();
            let seeds: Vec<u64> = model
                .requests()
                .iter()
                .map(|r| r.seed.expect("every call is seeded"))
                .collect();
            let principles: Vec<String> = record
                .trace
                .iter()
                .map(|s| s.principle_id.clone())
                .collect();
            (seeds, principles)
        }
    };
    let (first, principles) = seeds_for(11).await;
    assert_eq!(first.len(), 7);
    let distinct: std::collections::HashSet<_> = first.iter().collect();
    assert_eq!(distinct.len(), first.len(), "{first:?}");
    assert_eq!(seeds_for(11).await, (first.clone(), principles));
    assert!(seeds_for(12).await.0.iter().all(|s| !first.contains(s)));
}
