#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use baton_constitution::label::{
    CANDIDATE_A, CANDIDATE_B, clamp_cot, parse_choice, sampled_estimate, soft_label,
    top_logprobs_label,
};
use baton_constitution::rl::{
    LabelledExample, arrange_fewshot, comparison_prompt, comparison_prompt_cot, resolve_preference,
};
use baton_constitution::{
    Choice, ComparisonExample, ComparisonPrinciple, Comparisons, LabelMethod, LabelOptions,
    PrefRecord, RlOptions, label_comparison, rl_cai,
};
use baton_models::TokenLogprob;
use baton_protocol::Message;
use common::{LogprobLabeller, Recorder, ScoringLabeller, replies};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn soft_labels_are_stable_at_the_extremes() {
    assert!(close(soft_label(0.0, 0.0).unwrap(), 0.5));
    assert!(close(soft_label(0.3f64.ln(), 0.7f64.ln()).unwrap(), 0.3));
    let tiny = soft_label(-1000.0, -0.001).unwrap();
    assert!(tiny.is_finite() && (0.0..1e-300).contains(&tiny), "{tiny}");
    let huge = soft_label(-0.001, -1000.0).unwrap();
    assert!(close(huge, 1.0), "{huge}");
    // Naively exp(-1000) / (exp(-1000) + exp(-1000)) is 0/0.
    assert!(close(soft_label(-1000.0, -1000.0).unwrap(), 0.5));
    assert!(close(
        soft_label(-1000.0, -1001.0).unwrap(),
        1.0 / (1.0 + (-1.0f64).exp())
    ));
    assert!(close(soft_label(f64::NEG_INFINITY, -3.0).unwrap(), 0.0));
    assert_eq!(soft_label(f64::NEG_INFINITY, f64::NEG_INFINITY), None);
    assert_eq!(soft_label(f64::NAN, 0.0), None);
}

#[test]
fn chain_of_thought_labels_are_clamped() {
    assert_eq!(clamp_cot(0.99), 0.6);
    assert_eq!(clamp_cot(0.0), 0.4);
    assert_eq!(clamp_cot(0.55), 0.55);
}

#[test]
fn answers_are_parsed_robustly() {
    for (text, want) in [
        (" (A)", Some(Choice::A)),
        ("(B) because it is kinder", Some(Choice::B)),
        ("B.", Some(Choice::B)),
        ("**(A)**", Some(Choice::A)),
        ("Option B", Some(Choice::B)),
        ("As both are fine, (B)", Some(Choice::B)),
        (
            "(A) is rude; (B) is polite. The answer is: (B)",
            Some(Choice::B),
        ),
        ("Therefore the answer is A", Some(Choice::A)),
        ("(A) and (B) are equally good", None),
        ("Because", None),
        ("", None),
    ] {
        assert_eq!(parse_choice(text), want, "{text:?}");
    }
    let answers = [
        Some(Choice::A),
        None,
        Some(Choice::B),
        Some(Choice::A),
        Some(Choice::A),
    ];
    assert!(close(sampled_estimate(&answers).unwrap(), 0.75));
    assert_eq!(sampled_estimate(&[None, None]), None);
}

fn token(text: &str, logprob: f64, top: &[(&str, f64)]) -> TokenLogprob {
    TokenLogprob {
        token: text.into(),
        logprob,
        top: top.iter().map(|(t, l)| ((*t).to_owned(), *l)).collect(),
    }
}

#[test]
fn top_logprobs_give_a_label_from_the_first_answer_token() {
    // " (" then "A": the letters are compared at the second position, and
    // spellings of the same letter add up.
    let lps = vec![
        token(" (", -0.01, &[(" (", -0.01)]),
        token(
            "A",
            0.6f64.ln(),
            &[("A", 0.6f64.ln()), ("B", 0.3f64.ln()), (" A", 0.1f64.ln())],
        ),
    ];
    assert!(close(top_logprobs_label(&lps).unwrap(), 0.7));
    // B missing from the top list: bounded by the least likely listed token.
    let lps = vec![token(
        "A",
        0.9f64.ln(),
        &[("A", 0.9f64.ln()), ("The", 0.1f64.ln())],
    )];
    assert!(close(top_logprobs_label(&lps).unwrap(), 0.9));
    // The first token is not an answer.
    let lps = vec![token("The", -0.1, &[("The", -0.1), ("A", -3.0)])];
    assert_eq!(top_logprobs_label(&lps), None);
}

fn conversation() -> Vec<Message> {
    vec![Message::user_text("Where can I buy fireworks?")]
}

#[test]
fn comparison_prompts_have_the_exact_documented_format() {
    let fewshot = [LabelledExample {
        principle: "Which is kinder?".into(),
        example: ComparisonExample {
            conversation: vec![Message::user_text("Hi")],
            option_a: "Go away.".into(),
            option_b: "Hello!".into(),
            answer: Choice::B,
            reasoning: Some("(A) is rude.".into()),
        },
    }];
    assert_eq!(
        comparison_prompt(
            &conversation(),
            "Which is safer?",
            "At a licensed shop.",
            " Make them. ",
            &fewshot
        ),
        "Consider the following conversation between a human and an assistant:\n\nHuman: Hi\n\nWhich is kinder?\n\n(A) Go away.\n\n(B) Hello!\n\nThe answer is: (B)\n\nConsider the following conversation between a human and an assistant:\n\nHuman: Where can I buy fireworks?\n\nWhich is safer?\n\n(A) At a licensed shop.\n\n(B) Make them.\n\nThe answer is:"
    );
    assert_eq!(
        comparison_prompt_cot(
            &conversation(),
            "Which is safer?",
            "At a licensed shop.",
            "Make them.",
            &fewshot
        ),
        "Consider the following conversation between a human and an assistant:\n\nHuman: Hi\n\nWhich is kinder?\n\n(A) Go away.\n\n(B) Hello!\n\nThink step by step about which response better meets the request above, then finish with a line that says \"The answer is: (A)\" or \"The answer is: (B)\".\n\nLet's think step by step: (A) is rude.\nThe answer is: (B)\n\nConsider the following conversation between a human and an assistant:\n\nHuman: Where can I buy fireworks?\n\nWhich is safer?\n\n(A) At a licensed shop.\n\n(B) Make them.\n\nThink step by step about which response better meets the request above, then finish with a line that says \"The answer is: (A)\" or \"The answer is: (B)\".\n\nLet's think step by step:"
    );
}

fn comparisons(n: usize) -> Comparisons {
    Comparisons::new(
        (0..n)
            .map(|i| ComparisonPrinciple {
                id: format!("c{i}"),
                text: format!("Question {i}?"),
                tags: vec![],
                weight: 1.0,
            })
            .collect(),
        "test",
    )
    .unwrap()
}

#[test]
fn fewshot_examples_get_their_own_principle_and_order() {
    let plain = ComparisonExample {
        conversation: conversation(),
        option_a: "good".into(),
        option_b: "bad".into(),
        answer: Choice::A,
        reasoning: None,
    };
    let cot = ComparisonExample {
        reasoning: Some("(A) is good".into()),
        ..plain.clone()
    };
    let examples = vec![plain.clone(); 200];
    let mut rng = fastrand::Rng::with_seed(5);
    let arranged = arrange_fewshot(&examples, &comparisons(8), &mut rng, None);
    let principles: std::collections::HashSet<_> = arranged.iter().map(|e| &e.principle).collect();
    assert_eq!(principles.len(), 8);
    let swapped = arranged
        .iter()
        .filter(|e| e.example.option_a == "bad")
        .count();
    assert!((60..140).contains(&swapped), "{swapped}");
    for e in &arranged {
        // The answer follows the better response wherever it went.
        let better = if e.example.answer == Choice::A {
            &e.example.option_a
        } else {
            &e.example.option_b
        };
        assert_eq!(better, "good");
    }
    // Reasoning names the letters, so those examples keep their order.
    let kept = arrange_fewshot(&vec![cot.clone(); 50], &comparisons(8), &mut rng, None);
    assert!(kept.iter().all(|e| e.example == cot));
}

#[test]
fn the_swap_is_undone() {
    // p_a is about whatever was shown as (A).
    assert_eq!(resolve_preference(0.8, false), (0, 0.8));
    assert_eq!(resolve_preference(0.8, true), (1, 0.8));
    let (index, score) = resolve_preference(0.3, false);
    assert!(index == 1 && close(score, 0.7));
    let (index, score) = resolve_preference(0.3, true);
    assert!(index == 0 && close(score, 0.7));
    assert_eq!(resolve_preference(0.5, true), (0, 0.5));
}

/// Prefers whichever option reads "good", wherever it is shown.
fn prefers_good(prompt: &str) -> (f64, f64) {
    let last = prompt.rsplit("Consider the following").next().unwrap();
    if last.contains("(A) good") {
        (-0.1, -2.5)
    } else {
        (-2.5, -0.1)
    }
}

#[tokio::test]
async fn both_orders_give_the_same_chosen_and_rejected() {
    let mut seen = [false, false];
    for seed in 0..16 {
        // The policy answers "good" first for half the seeds, "bad" first for the rest.
        let texts = if seed % 2 == 0 {
            ["good", "bad"]
        } else {
            ["bad", "good"]
        };
        let policy = Recorder::new(replies(&texts));
        let labeller = ScoringLabeller::new(prefers_good);
        let mut rng = fastrand::Rng::with_seed(seed);
        let record = rl_cai(
            &policy,
            &labeller,
            "Q",
            &comparisons(3),
            &[],
            &mut rng,
            &RlOptions::default(),
        )
        .await
        .unwrap();
        seen[usize::from(record.swapped)] = true;
        assert_eq!(
            (record.chosen.as_str(), record.rejected.as_str()),
            ("good", "bad"),
            "seed {seed}"
        );
        let p_good = 1.0 / (1.0 + (-2.4f64).exp());
        assert!(close(record.score, p_good), "{}", record.score);
        let shown_first = if record.swapped { texts[1] } else { texts[0] };
        let expected_p_a = if shown_first == "good" {
            p_good
        } else {
            1.0 - p_good
        };
        assert!(close(record.p_a, expected_p_a), "seed {seed}");
        assert_eq!(record.label_method, LabelMethod::Logprobs);
        assert_eq!(record.samples, 0);
        // The policy sampled with a temperature, and the labeller scored the
        // documented candidates.
        assert!(policy.requests().iter().all(|r| r.temperature == Some(1.0)));
        let scored = labeller.scored.lock().unwrap();
        assert_eq!(
            scored[0].1,
            [CANDIDATE_A.to_owned(), CANDIDATE_B.to_owned()]
        );
        assert!(scored[0].0.ends_with("The answer is:"));
    }
    assert_eq!(seen, [true, true], "both orders must have been tried");
}

#[tokio::test]
async fn preference_records_keep_the_trl_keys_and_round_trip() {
    let policy = replies(&["one", "two"]);
    let labeller = ScoringLabeller::new(|_| (-1.0, -1.0));
    let mut rng = fastrand::Rng::with_seed(1);
    let record = rl_cai(
        &policy,
        &labeller,
        "Q",
        &comparisons(2),
        &[],
        &mut rng,
        &RlOptions::default(),
    )
    .await
    .unwrap();
    let value = serde_json::to_value(&record).unwrap();
    for key in [
        "prompt",
        "chosen",
        "rejected",
        "score",
        "principle",
        "label_method",
        "p_a",
        "swapped",
        "samples",
    ] {
        assert!(value.get(key).is_some(), "missing {key}: {value}");
    }
    assert_eq!(value["label_method"], "logprobs");
    assert!(value["principle"].as_str().unwrap().starts_with('c'));
    assert!(record.score >= 0.5);
    let back: PrefRecord = serde_json::from_str(&value.to_string()).unwrap();
    assert_eq!(back, record);
}

#[tokio::test]
async fn a_zero_temperature_is_refused() {
    let options = RlOptions {
        temperature: 0.0,
        ..RlOptions::default()
    };
    let mut rng = fastrand::Rng::with_seed(1);
    let err = rl_cai(
        &replies(&["a"]),
        &replies(&["(A)"]),
        "Q",
        &comparisons(1),
        &[],
        &mut rng,
        &options,
    )
    .await
    .unwrap_err();
    assert!(
        err.to_string().contains("temperature must be above 0"),
        "{err}"
    );
}

#[tokio::test]
async fn without_logprobs_the_label_is_sampled() {
    let labeller = Recorder::new(replies(&[" (A)", "(B) is better", "A", "no idea", "(A)"]));
    let options = LabelOptions {
        samples_k: 5,
        ..LabelOptions::default()
    };
    let label = label_comparison(&labeller, "… The answer is:", &options)
        .await
        .unwrap();
    assert_eq!(label.method, LabelMethod::Sampled);
    assert_eq!(label.samples, 5);
    assert!(close(label.p_a, 0.75));
    let requests = labeller.requests();
    assert_eq!(requests.len(), 5);
    assert!(requests.iter().all(|r| r.temperature == Some(1.0)));
    // Only the first request asks for top log-probabilities.
    assert_eq!(requests[0].top_logprobs, Some(5));
    assert_eq!(requests[1].top_logprobs, None);

    let never = replies(&["hmm"; 3]);
    let options = LabelOptions {
        samples_k: 3,
        ..LabelOptions::default()
    };
    let err = label_comparison(&never, "…", &options).await.unwrap_err();
    assert!(
        err.to_string().contains("no usable answer in 3 tries"),
        "{err}"
    );
}

#[tokio::test]
async fn sampled_chain_of_thought_labels_are_clamped() {
    let labeller = replies(&["(B) is rude.\nThe answer is: (A)"; 4]);
    let options = LabelOptions {
        cot: true,
        samples_k: 4,
        max_tokens: 256,
        ..LabelOptions::default()
    };
    let label = label_comparison(&labeller, "… Let's think step by step:", &options)
        .await
        .unwrap();
    assert_eq!((label.method, label.p_a), (LabelMethod::Sampled, 0.6));
}

#[tokio::test]
async fn scored_chain_of_thought_cuts_the_verdict_and_clamps() {
    let labeller = ScoringLabeller::with_script(
        |_| (-0.01, -6.0),
        replies(&["(A) helps safely.\nThe answer is: (A)"]),
    );
    let options = LabelOptions {
        cot: true,
        ..LabelOptions::default()
    };
    let label = label_comparison(&labeller, "PROMPT Let's think step by step:", &options)
        .await
        .unwrap();
    assert_eq!((label.method, label.p_a), (LabelMethod::Logprobs, 0.6));
    let scored = labeller.scored.lock().unwrap();
    assert_eq!(
        scored[0].0,
        "PROMPT Let's think step by step: (A) helps safely.\nThe answer is:"
    );
}

#[tokio::test]
async fn top_logprobs_from_the_reply_are_used_when_present() {
    let lps = vec![
        token(" (", -0.01, &[]),
        token("B", 0.8f64.ln(), &[("B", 0.8f64.ln()), ("A", 0.2f64.ln())]),
    ];
    let labeller = LogprobLabeller::new(" (B)", Some(lps));
    let label = label_comparison(&labeller, "…", &LabelOptions::default())
        .await
        .unwrap();
    assert_eq!(label.method, LabelMethod::Logprobs);
    assert!(close(label.p_a, 0.2));
    assert_eq!(labeller.requests.lock().unwrap().len(), 1);
    assert_eq!(label.spend.calls, 1);
}

#[tokio::test]
async fn the_two_samples_and_the_sampled_label_each_get_their_own_seed() {
    let run = |seed: u64| async move {
        let policy = Recorder::new(replies(&["one", "two"]));
        let labeller = Recorder::new(replies(&["(A)", "(B)", "(A)"]));
        let mut rng = fastrand::Rng::with_seed(seed);
        let options = RlOptions {
            samples_k: 3,
            ..RlOptions::default()
        };
        rl_cai(
            &policy,
            &labeller,
            "Q",
            &comparisons(3),
            &[],
            &mut rng,
            &options,
        )
        .await
        .unwrap();
        let seeds: Vec<u64> = policy
            .requests()
            .iter()
            .chain(labeller.requests().iter())
            .map(|r| r.seed.expect("every call is seeded"))
            .collect();
        seeds
    };
    let seeds = run(5).await;
    assert_eq!(seeds.len(), 5);
    let distinct: std::collections::HashSet<_> = seeds.iter().collect();
    assert_eq!(distinct.len(), 5, "{seeds:?}");
    assert_eq!(run(5).await, seeds);
    assert_ne!(run(6).await, seeds);
}
