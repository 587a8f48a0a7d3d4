//! Real llama.cpp inference on the embedded models. The models must have
//! been pulled (`baton models pull smollm2` and `baton models pull
//! gemma3-270m`); `scripts/test` does that first. Every generation is kept
//! to a few tokens.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use baton_local::{LocalModel, LocalModels, catalog};
use baton_models::{
    LocalProvider, ModelClient, ModelConfig, ModelError, ModelRequest, ProviderKind, ResolvedModel,
    ScorePrompt, StreamEvent, collect,
};
use baton_protocol::{ContentBlock, Message, StopReason};
use futures::StreamExt;

fn env(var: &str) -> Option<String> {
    std::env::var(var).ok()
}

fn models_dir() -> PathBuf {
    catalog::models_dir(&env).expect("HOME or BATON_MODELS_DIR must be set")
}

fn model_path(name: &str) -> PathBuf {
    let entry = catalog::find(name).unwrap();
    let path = models_dir().join(entry.file);
    assert!(
        path.exists(),
        "{} is missing: run `cargo run -- models pull {name}` (scripts/test does this before the tests)",
        path.display()
    );
    path
}

fn resolved(name: &str, configure: impl FnOnce(&mut ModelConfig)) -> ResolvedModel {
    let mut config = ModelConfig::new(ProviderKind::Local, name);
    configure(&mut config);
    ResolvedModel {
        name: format!("local:{name}"),
        config,
    }
}

/// Loaded once and shared: the engine serves concurrent requests from its queue.
fn smollm2() -> &'static LocalModel {
    static MODEL: OnceLock<LocalModel> = OnceLock::new();
    MODEL.get_or_init(|| {
        model_path("smollm2");
        LocalModel::load(&model_path("smollm2"), &resolved("smollm2", |_| {})).unwrap()
    })
}

fn ask(question: &str, max_tokens: u32) -> ModelRequest {
    ModelRequest {
        messages: Arc::new(vec![Message::user_text(question)]),
        max_tokens,
        ..ModelRequest::default()
    }
}

fn text_of(content: &[ContentBlock]) -> String {
    content
        .iter()
        .filter_map(|b| match b {
            ContentBlock::Text { text } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn it_knows_the_capital_of_france() {
    let model = smollm2();
    let mut deltas = String::new();
    let response = collect(
        model.stream(ask("What is the capital of France?", 16)),
        |event| {
            if let StreamEvent::TextDelta(text) = event {
                deltas.push_str(text);
            }
        },
    )
    .await
    .unwrap();
    let answer = text_of(&response.content);
    assert!(answer.contains("Paris"), "{answer:?}");
    assert_eq!(deltas, answer, "the streamed deltas are the answer");
    assert!(response.usage.input_tokens + response.usage.cache_read_tokens > 5);
    assert!(response.usage.output_tokens >= 1 && response.usage.output_tokens <= 16);
    assert_eq!(
        model.info().price.unwrap().input,
        0.0,
        "local inference is free"
    );
}

#[tokio::test]
async fn candidate_log_probabilities_are_finite_and_sensible() {
    let scorer = smollm2().scorer().expect("local models score");
    let prompt = ScorePrompt::Raw("The capital of France is".into());
    let scores = scorer
        .score(&prompt, &[" Paris".into(), " Bananas".into()])
        .await
        .unwrap();
    assert_eq!(scores.len(), 2);
    for score in &scores {
        assert!(
            score.logprob.is_finite() && score.logprob < 0.0,
            "{scores:?}"
        );
        assert!(score.tokens >= 1);
    }
    assert!(
        scores[0].logprob > scores[1].logprob + 2.0,
        "Paris should be far likelier: {scores:?}"
    );

    // The same through a chat prompt, as preference labelling uses it.
    let chat = ScorePrompt::Chat {
        system: None,
        messages: vec![Message::user_text(
            "Which city is the capital of France? Answer with one word.",
        )],
    };
    let scores = scorer
        .score(&chat, &["Paris".into(), "London".into()])
        .await
        .unwrap();
    assert!(scores[0].logprob > scores[1].logprob, "{scores:?}");
    // Scoring is deterministic: the cache reuse between calls changes nothing.
    let again = scorer
        .score(&chat, &["Paris".into(), "London".into()])
        .await
        .unwrap();
    for (a, b) in scores.iter().zip(&again) {
        assert!(
            (a.logprob - b.logprob).abs() < 1e-3,
            "{scores:?} vs {again:?}"
        );
    }
}

#[tokio::test]
async fn top_logprobs_come_with_every_generated_token() {
    let mut request = ask("What is the capital of France?", 8);
    request.top_logprobs = Some(3);
    let response = collect(smollm2().stream(request), |_| {}).await.unwrap();
    let logprobs = response.logprobs.expect("logprobs were requested");
    assert_eq!(logprobs.len() as u64, response.usage.output_tokens);
    for entry in &logprobs {
        assert_eq!(entry.top.len(), 3);
        assert!(
            entry.top.windows(2).all(|w| w[0].1 >= w[1].1),
            "sorted: {entry:?}"
        );
        assert!(entry.logprob.is_finite() && entry.logprob <= 0.0);
        // Greedy decoding picks the most likely token.
        assert_eq!(entry.token, entry.top[0].0);
        assert!((entry.logprob - entry.top[0].1).abs() < 1e-9);
    }
    let joined: String = logprobs.iter().map(|e| e.token.as_str()).collect();
    assert_eq!(joined.trim(), text_of(&response.content).trim());
}

#[tokio::test]
async fn stop_sequences_end_generation_where_they_start() {
    let question = "Name three colors of the rainbow.";
    let full = collect(smollm2().stream(ask(question, 24)), |_| {})
        .await
        .unwrap();
    let full_text = text_of(&full.content);
    let words: Vec<&str> = full_text.split_whitespace().collect();
    assert!(words.len() >= 4, "need a few words to cut: {full_text:?}");
    let stop = words[2].to_owned();
    let cut_at = full_text.find(&stop).unwrap();

    let mut request = ask(question, 24);
    request.stop_sequences = vec![stop.clone()];
    let mut streamed = String::new();
    let stopped = collect(smollm2().stream(request), |event| {
        if let StreamEvent::TextDelta(text) = event {
            streamed.push_str(text);
        }
    })
    .await
    .unwrap();
    assert_eq!(stopped.stop_reason, StopReason::StopSequence);
    assert_eq!(
        text_of(&stopped.content),
        full_text[..cut_at],
        "stop {stop:?} in {full_text:?}"
    );
    assert!(
        !streamed.contains(&stop),
        "no part of the stop sequence is streamed: {streamed:?}"
    );
}

#[tokio::test]
async fn dropping_the_stream_stops_generation() {
    // A model of its own, so no other test's tokens are counted.
    let model = LocalModel::load(&model_path("smollm2"), &resolved("smollm2", |_| {})).unwrap();
    let mut stream = model.stream(ask(
        "Write a very long story about a dragon who learns to bake bread.",
        400,
    ));
    let mut deltas = 0;
    while let Some(event) = stream.next().await {
        if let StreamEvent::TextDelta(_) = event.unwrap() {
            deltas += 1;
            if deltas == 3 {
                break;
            }
        }
    }
    drop(stream);
    // The queue is served in order: this answer comes after the worker has
    // left the cancelled generation.
    collect(model.stream(ask("Hi", 1)), |_| {}).await.unwrap();
    let generated = model.tokens_generated();
    assert!(
        generated < 40,
        "generation went on after the stream was dropped: {generated} tokens"
    );
}

#[tokio::test]
async fn concurrent_requests_share_one_loaded_model() {
    let model = smollm2();
    let (a, b) = tokio::join!(
        collect(
            model.stream(ask("What is the capital of France?", 12)),
            |_| {}
        ),
        collect(
            model.stream(ask("What is the capital of France?", 12)),
            |_| {}
        ),
    );
    let (a, b) = (text_of(&a.unwrap().content), text_of(&b.unwrap().content));
    assert!(a.contains("Paris") && b.contains("Paris"), "{a:?} {b:?}");
}

#[tokio::test]
async fn the_repeated_prefix_of_a_conversation_is_read_from_cache() {
    let model = LocalModel::load(&model_path("smollm2"), &resolved("smollm2", |_| {})).unwrap();
    let mut request = ask("What is the capital of France?", 8);
    request.system = Some("You are a helpful assistant who answers in one sentence.".into());
    let first = collect(model.stream(request.clone()), |_| {})
        .await
        .unwrap();
    assert_eq!(first.usage.cache_read_tokens, 0);
    let mut follow_up = request.messages.as_ref().clone();
    follow_up.push(first.message());
    follow_up.push(Message::user_text("And of Italy?"));
    request.messages = Arc::new(follow_up);
    let second = collect(model.stream(request), |_| {}).await.unwrap();
    assert!(
        second.usage.cache_read_tokens > first.usage.input_tokens / 2,
        "{:?} then {:?}",
        first.usage,
        second.usage
    );
}

#[tokio::test]
async fn a_prompt_longer_than_the_context_is_refused_clearly() {
    let model = LocalModel::load(
        &model_path("smollm2"),
        &resolved("smollm2", |c| c.context_window = Some(128)),
    )
    .unwrap();
    let long = "Tell me about the history of France. ".repeat(40);
    let error = collect(model.stream(ask(&long, 16)), |_| {})
        .await
        .unwrap_err();
    assert!(
        matches!(error, ModelError::ContextOverflow { .. }),
        "{error}"
    );
    let text = error.to_string();
    assert!(
        text.contains("local:smollm2")
            && text.contains("context of 128 tokens")
            && text.contains("context_window"),
        "{text}"
    );
}

#[tokio::test]
async fn gemma3_base_model_loads_and_completes() {
    let path = model_path("gemma3-270m");
    let model = LocalModel::load(
        &path,
        &resolved("gemma3-270m", |c| c.chat_template = Some("none".into())),
    )
    .unwrap();
    assert_eq!(model.facts().architecture, "gemma3");
    let scores = model
        .scorer()
        .unwrap()
        .score(
            &ScorePrompt::Raw("The capital of France is".into()),
            &[" Paris".into(), " Bananas".into()],
        )
        .await
        .unwrap();
    assert!(scores[0].logprob > scores[1].logprob, "{scores:?}");
    let response = collect(model.stream(ask("Paris is the capital of", 4)), |_| {})
        .await
        .unwrap();
    assert!(!text_of(&response.content).is_empty());
}

fn provider_error(configure: impl FnOnce(&mut ModelConfig), name: &str, dir: &Path) -> String {
    let provider = LocalModels::new(Some(dir.to_path_buf()));
    provider
        .build(&resolved(name, configure))
        .err()
        .map(|e| e.to_string())
        .expect("the build must fail")
}

#[test]
fn bad_model_files_get_clear_messages() {
    let dir = tempfile::tempdir().unwrap();
    // Not pulled yet: say how to pull it.
    let error = provider_error(|_| {}, "smollm2", dir.path());
    assert!(
        error.contains("not downloaded yet") && error.contains("baton models pull smollm2"),
        "{error}"
    );

    // A wrong hash: right size, wrong bytes.
    let entry = catalog::find("smollm2").unwrap();
    let fake = std::fs::File::create(dir.path().join(entry.file)).unwrap();
    fake.set_len(entry.size).unwrap();
    let error = provider_error(|_| {}, "smollm2", dir.path());
    assert!(
        error.contains("sha256") && error.contains(entry.sha256) && error.contains("pull"),
        "{error}"
    );

    // A missing path.
    let error = provider_error(
        |c| c.path = Some("/nonexistent/model.gguf".into()),
        "x",
        dir.path(),
    );
    assert!(
        error.contains("/nonexistent/model.gguf") && error.contains("does not exist"),
        "{error}"
    );

    // Not a GGUF at all.
    let not_gguf = dir.path().join("notes.gguf");
    std::fs::write(&not_gguf, "hello, I am text").unwrap();
    let error = provider_error(|c| c.path = Some(not_gguf.clone()), "x", dir.path());
    assert!(error.contains("not a GGUF file"), "{error}");

    // Truncated: the real header, then nothing.
    let real = std::fs::read(model_path("smollm2")).unwrap();
    let truncated = dir.path().join("truncated.gguf");
    std::fs::write(&truncated, &real[..4 << 20]).unwrap();
    let error = provider_error(|c| c.path = Some(truncated.clone()), "x", dir.path());
    assert!(
        error.contains("truncated.gguf")
            && (error.contains("corrupt") || error.contains("truncated")),
        "{error}"
    );

    // An architecture llama.cpp does not know.
    let alien = dir.path().join("alien.gguf");
    std::fs::write(&alien, alien_gguf()).unwrap();
    let error = provider_error(|c| c.path = Some(alien.clone()), "x", dir.path());
    assert!(error.contains("`alien-arch`"), "{error}");

    // An unknown catalog name.
    let error = provider_error(|_| {}, "gpt-9-local", dir.path());
    assert!(
        error.contains("unknown local model `gpt-9-local`") && error.contains("smollm2"),
        "{error}"
    );
}

/// A well-formed GGUF header for an architecture that does not exist.
fn alien_gguf() -> Vec<u8> {
    let mut out = b"GGUF".to_vec();
    out.extend(3u32.to_le_bytes());
    out.extend(0u64.to_le_bytes());
    out.extend(1u64.to_le_bytes());
    let key = "general.architecture";
    out.extend((key.len() as u64).to_le_bytes());
    out.extend(key.as_bytes());
    out.extend(8u32.to_le_bytes());
    let value = "alien-arch";
    out.extend((value.len() as u64).to_le_bytes());
    out.extend(value.as_bytes());
    out
}

#[tokio::test]
async fn sampling_with_a_seed_is_reproducible() {
    let sample = |seed: u64| {
        let mut request = ask("Invent a name for a new color.", 12);
        request.temperature = Some(1.2);
        request.top_p = Some(0.95);
        request.seed = Some(seed);
        collect(smollm2().stream(request), |_| {})
    };
    let first = text_of(&sample(42).await.unwrap().content);
    let again = text_of(&sample(42).await.unwrap().content);
    assert!(!first.is_empty());
    assert_eq!(first, again, "the same seed gives the same sample");
    // Across a handful of seeds, sampling at this temperature must vary.
    let mut distinct = std::collections::HashSet::new();
    for seed in 1..=6 {
        distinct.insert(text_of(&sample(seed).await.unwrap().content));
    }
    assert!(
        distinct.len() > 1,
        "temperature 1.2 never varied: {distinct:?}"
    );
}
