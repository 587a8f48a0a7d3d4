#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use baton_constitution::paper;
use baton_constitution::sl::render_example;
use baton_constitution::{Choice, Tag};
use baton_protocol::Role;
use common::cai_data;

#[test]
fn the_sixteen_sl_principles_load_without_their_labels() {
    let Some(data_critiquerevisioninstructions) = cai_data("CritiqueRevisionInstructions.json")
    else {
        return;
    };
    let c = paper::load_critique_instructions(&data_critiquerevisioninstructions).unwrap();
    assert_eq!(c.principles().len(), 16);
    assert_eq!(c.principles()[0].id, "harmful0");
    assert_eq!(c.principles()[15].id, "harmful15");
    for p in c.principles() {
        assert_eq!(p.tags, vec![Tag::Harmlessness]);
        assert_eq!(p.weight, 1.0);
        for text in [&p.critique, &p.revision] {
            assert!(!text.is_empty());
            assert!(
                !text.contains("Request:") && !text.ends_with(':'),
                "{}: {text}",
                p.id
            );
            assert_eq!(text.trim(), text);
        }
    }
}

#[test]
fn the_sixteen_comparison_principles_load_without_options() {
    let Some(data_rlmadisoninstructions) = cai_data("RLMadisonInstructions.json") else {
        return;
    };
    let c = paper::load_comparison_instructions(&data_rlmadisoninstructions).unwrap();
    assert_eq!(c.principles().len(), 16);
    assert_eq!(c.principles()[3].id, "madison3");
    for p in c.principles() {
        assert!(
            !p.text.ends_with("Options:") && !p.text.starts_with('\n'),
            "{}",
            p.text
        );
    }
}

#[test]
fn sl_fewshot_examples_parse_and_render_back_to_the_original_transcript() {
    let Some(data_critiquerevisionfewshotprompts) = cai_data("CritiqueRevisionFewShotPrompts.json")
    else {
        return;
    };
    let path = data_critiquerevisionfewshotprompts;
    let examples = paper::load_sl_fewshot(&path).unwrap();
    assert_eq!(examples.len(), 5);
    assert_eq!(examples[0].conversation.len(), 4);
    assert_eq!(examples[2].conversation.len(), 2);
    let originals: Vec<String> =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    for (example, original) in examples.iter().zip(&originals) {
        assert_eq!(example.conversation.last().unwrap().role, Role::Assistant);
        // Baton's transcript format is the paper's: rendering gives back
        // the file's text, minus the empty turn that leads to the next one.
        let original = original.trim();
        let expected = original
            .strip_suffix("Human:")
            .unwrap_or(original)
            .trim_end();
        assert_eq!(render_example(example), expected);
    }
}

#[test]
fn rl_fewshot_examples_parse() {
    let Some(data_rlmadisonfewshotprompts) = cai_data("RLMadisonFewShotPrompts.json") else {
        return;
    };
    let plain = paper::load_rl_fewshot(&data_rlmadisonfewshotprompts).unwrap();
    assert_eq!(plain.len(), 5);
    for e in &plain {
        assert_eq!(e.answer, Choice::A);
        assert!(e.reasoning.is_none());
        assert_eq!(e.conversation.len(), 1);
        assert_eq!(e.conversation[0].role, Role::User);
        assert!(!e.option_a.is_empty() && !e.option_b.is_empty());
    }

    let Some(data_rlmadisonprecogfewshotprompts) = cai_data("RLMadisonPrecogFewShotPrompts.json")
    else {
        return;
    };
    let cot = paper::load_rl_cot_fewshot(&data_rlmadisonprecogfewshotprompts).unwrap();
    assert_eq!(cot.len(), 6);
    let answers: Vec<Choice> = cot.iter().map(|e| e.answer).collect();
    assert_eq!(
        answers,
        [
            Choice::B,
            Choice::B,
            Choice::A,
            Choice::B,
            Choice::A,
            Choice::B
        ]
    );
    assert_eq!(cot[0].conversation.len(), 3);
    assert_eq!(cot[0].conversation[1].role, Role::Assistant);
    for e in &cot {
        let reasoning = e.reasoning.as_deref().unwrap();
        assert!(
            !reasoning.is_empty() && !reasoning.contains("answer is:"),
            "{reasoning}"
        );
        assert!(!e.option_a.contains("[[[") && !e.option_a.contains("]]]"));
        assert!(!e.conversation.is_empty());
    }
    assert!(cot[0].reasoning.as_deref().unwrap().starts_with("(A)"));
}

#[test]
fn the_438_hhh_comparisons_load() {
    let Some(hhh_evaluations) = cai_data("438HHHEvaluations.jsonl") else {
        return;
    };
    let items = paper::load_hhh(&hhh_evaluations).unwrap();
    assert_eq!(items.len(), 438);
    let a = items.iter().filter(|i| i.correct == Choice::A).count();
    assert_eq!((a, items.len() - a), (228, 210));
    for item in &items {
        assert!(item.prompt.trim_end().ends_with("The answer is:"));
        assert_ne!(item.text_correct, item.text_incorrect);
    }
}

#[test]
fn malformed_data_is_reported_with_the_path() {
    let err =
        paper::parse_sl_fewshot(r#"["\n\nHuman: hi\n\nAssistant: yo"]"#, "few.json").unwrap_err();
    assert_eq!(err.to_string(), "few.json: example 1: no CritiqueRequest");
    let err = paper::parse_hhh("{\"prompt\": \"p\"}\n", "h.jsonl").unwrap_err();
    assert!(err.to_string().starts_with("h.jsonl: line 1:"), "{err}");
    let err = paper::parse_critique_instructions("{}", "i.json").unwrap_err();
    assert_eq!(err.to_string(), "constitution i.json: it has no principles");
}
