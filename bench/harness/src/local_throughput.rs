//! Throughput of the embedded model: baton's `local` provider against a
//! bare llama-cpp-2 generation loop on the same model, prompt and threads.
//!
//! `local-throughput baton|bare MODEL.gguf THREADS` runs one side once and
//! prints one JSON line; bench/local_throughput.sh runs both sides in
//! separate processes (so each has its own peak RSS) and compares them.

use std::num::NonZeroU32;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use baton_local::LocalModel;
use baton_models::{
    ModelClient, ModelConfig, ModelRequest, ProviderKind, ResolvedModel, StreamEvent,
};
use baton_protocol::Message;
use futures::StreamExt;
use llama_cpp_2::context::params::LlamaContextParams;
use llama_cpp_2::llama_backend::LlamaBackend;
use llama_cpp_2::llama_batch::LlamaBatch;
use llama_cpp_2::model::params::LlamaModelParams;
use llama_cpp_2::model::{LlamaChatMessage, LlamaModel};
use llama_cpp_2::sampling::LlamaSampler;
use serde_json::json;

const CONTEXT: u32 = 2048;
const MAX_TOKENS: u32 = 128;

/// A long-ish prompt (a few hundred tokens) that invites a long answer.
fn prompt() -> String {
    let context = "The history of bread goes back at least 14,000 years. Early breads were flat, \
        made from wild grains ground between stones and baked on hot rocks. Leavened bread \
        appeared in Egypt, where wild yeasts from the air were allowed to ferment the dough. ";
    format!(
        "{}\nUsing the notes above, write a long, detailed story about a baker in ancient Egypt.",
        context.repeat(6)
    )
}

struct Measured {
    load: Duration,
    prompt_tokens: usize,
    prompt_time: Duration,
    generated: usize,
    decode_time: Duration,
}

async fn run_baton(path: &Path, threads: u32) -> Result<Measured, String> {
    let mut config = ModelConfig::new(ProviderKind::Local, path.display().to_string());
    config.threads = Some(threads);
    config.context_window = Some(u64::from(CONTEXT));
    let resolved = ResolvedModel {
        name: "bench".into(),
        config,
    };
    let started = Instant::now();
    let model = LocalModel::load(path, &resolved).map_err(|e| e.to_string())?;
    let load = started.elapsed();
    let request = ModelRequest {
        messages: Arc::new(vec![Message::user_text(prompt())]),
        max_tokens: MAX_TOKENS,
        temperature: Some(0.0),
        ..ModelRequest::default()
    };
    let started = Instant::now();
    let mut first = None;
    let mut stream = model.stream(request);
    let mut usage = None;
    while let Some(event) = stream.next().await {
        match event.map_err(|e| e.to_string())? {
            StreamEvent::TextDelta(_) => {
                first.get_or_insert_with(Instant::now);
            }
            StreamEvent::Finished(response) => usage = Some(response.usage),
            _ => {}
        }
    }
    let done = Instant::now();
    let usage = usage.ok_or("no response")?;
    let first = first.ok_or("no tokens")?;
    Ok(Measured {
        load,
        prompt_tokens: (usage.input_tokens + usage.cache_read_tokens) as usize,
        prompt_time: first - started,
        generated: usage.output_tokens as usize,
        decode_time: done - first,
    })
}

/// The plainest correct generation loop with llama-cpp-2: template, tokenize,
/// decode the prompt in one batch, then sample greedily token by token.
fn run_bare(path: &Path, threads: u32) -> Result<Measured, String> {
    let backend = LlamaBackend::init().map_err(|e| e.to_string())?;
    llama_cpp_2::send_logs_to_tracing(llama_cpp_2::LogOptions::default().with_logs_enabled(false));
    let started = Instant::now();
    let model = LlamaModel::load_from_file(&backend, path, &LlamaModelParams::default())
        .map_err(|e| e.to_string())?;
    let params = LlamaContextParams::default()
        .with_n_ctx(NonZeroU32::new(CONTEXT))
        .with_n_batch(512)
        .with_n_threads(threads as i32)
        .with_n_threads_batch(threads as i32);
    let mut ctx = model
        .new_context(&backend, params)
        .map_err(|e| e.to_string())?;
    let load = started.elapsed();

    let template = model.chat_template(None).map_err(|e| e.to_string())?;
    let messages = vec![LlamaChatMessage::new("user".into(), prompt()).map_err(|e| e.to_string())?];
    let text = model
        .apply_chat_template(&template, &messages, true)
        .map_err(|e| e.to_string())?;
    let vocab = model.vocab();
    let tokens = vocab.tokenize(text.as_bytes(), false, true);

    let started = Instant::now();
    let mut batch = LlamaBatch::new(512, 1);
    for (i, token) in tokens.iter().enumerate() {
        batch
            .add(*token, i as i32, &[0], i + 1 == tokens.len())
            .map_err(|e| e.to_string())?;
    }
    ctx.decode(&mut batch).map_err(|e| e.to_string())?;
    let mut sampler = LlamaSampler::greedy();
    let mut index = batch.n_tokens() - 1;
    let mut position = tokens.len() as i32;
    let mut generated = 0;
    let mut first = None;
    let mut text = Vec::new();
    while generated < MAX_TOKENS as usize {
        let token = sampler.sample(&ctx, index);
        if vocab.is_eog(token) {
            break;
        }
        text.extend(vocab.token_to_piece(token, false, None));
        first.get_or_insert_with(Instant::now);
        generated += 1;
        batch.clear();
        batch
            .add(token, position, &[0], true)
            .map_err(|e| e.to_string())?;
        position += 1;
        ctx.decode(&mut batch).map_err(|e| e.to_string())?;
        index = 0;
    }
    let done = Instant::now();
    std::hint::black_box(text);
    let first = first.ok_or("no tokens")?;
    Ok(Measured {
        load,
        prompt_tokens: tokens.len(),
        prompt_time: first - started,
        generated,
        decode_time: done - first,
    })
}

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let side = args
        .next()
        .ok_or("usage: local-throughput baton|bare MODEL.gguf THREADS")?;
    let path = PathBuf::from(args.next().ok_or("missing MODEL.gguf")?);
    let threads: u32 = args.next().and_then(|t| t.parse().ok()).unwrap_or(2);
    let measured = match side.as_str() {
        "baton" => run_baton(&path, threads).await?,
        "bare" => run_bare(&path, threads)?,
        other => return Err(format!("unknown side {other}")),
    };
    // First-token time includes sampling the first token: both sides alike.
    let prompt_tps = measured.prompt_tokens as f64 / measured.prompt_time.as_secs_f64();
    let decode_tps =
        (measured.generated.saturating_sub(1)) as f64 / measured.decode_time.as_secs_f64();
    println!(
        "{}",
        json!({
            "side": side,
            "load_ms": measured.load.as_secs_f64() * 1e3,
            "prompt_tokens": measured.prompt_tokens,
            "prompt_tps": prompt_tps,
            "generated": measured.generated,
            "decode_tps": decode_tps,
            "peak_rss_mib": peak_rss_kib() as f64 / 1024.0,
        })
    );
    Ok(())
}
