//! `baton models`: what can be named with --model, and what it costs.

use baton_config::Config;
use baton_models::{ProviderKind, prices};
use serde_json::json;

use crate::cli::ModelsArgs;
use crate::exit;

fn env(var: &str) -> Option<String> {
    std::env::var(var).ok()
}

pub fn list(args: ModelsArgs) -> u8 {
    let config = match Config::load(&args.workspace, &env) {
        Ok(config) => config,
        Err(error) => {
            errln!("baton: {error}");
            return exit::USAGE;
        }
    };
    let registry = config.registry();
    let default = config.default_model(&env).ok();
    let mut rows = Vec::new();
    for (name, model) in registry.configured() {
        let resolved = match registry.resolve(name) {
            Ok(resolved) => resolved,
            Err(_) => continue,
        };
        let known = prices::lookup(resolved.model_id());
        rows.push(json!({
            "name": name,
            "provider": model.provider.as_str(),
            "model": resolved.model_id(),
            "price": resolved.price(),
            "context_window": model.context_window.or(known.map(|k| k.context_window)),
            "default": default.as_deref() == Some(name),
        }));
    }
    let default = default.or_else(|| crate::local::FALLBACK_MODEL.map(str::to_owned));
    let local = crate::local::catalog_rows();
    if args.json {
        let out = json!({"default": default, "configured": rows, "local": local, "sources": config.sources});
        outln!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        return exit::SUCCESS;
    }
    match &default {
        Some(name) => outln!("default model: {name}"),
        None => outln!(
            "default model: none (set ANTHROPIC_API_KEY or OPENAI_API_KEY, or `model` in baton.toml)"
        ),
    }
    outln!();
    if rows.is_empty() {
        outln!("No models are configured in baton.toml; any provider:model works with --model.");
    } else {
        outln!(
            "{:<16} {:<10} {:<28} {:>8} {:>8} {:>10} {:>11}",
            "NAME",
            "PROVIDER",
            "MODEL",
            "INPUT",
            "OUTPUT",
            "CACHE-READ",
            "CACHE-WRITE"
        );
        for row in &rows {
            print_row(
                row["name"].as_str().unwrap_or(""),
                row["provider"].as_str().unwrap_or(""),
                row["model"].as_str().unwrap_or(""),
                &row["price"],
            );
        }
    }
    if !local.is_empty() {
        outln!();
        outln!("Embedded models (run offline, free; fetch with `baton models pull NAME`):");
        for row in &local {
            let status = if row["pulled"] == true {
                "pulled"
            } else {
                "not pulled"
            };
            outln!(
                "  {:<20} {:<32} {:>4} MB  {}",
                row["name"].as_str().unwrap_or(""),
                row["title"].as_str().unwrap_or(""),
                row["size_mb"],
                status
            );
        }
    }
    outln!();
    outln!(
        "Built-in prices (USD per million tokens; override with price = {{…}} in [models.NAME]):"
    );
    let mut known: Vec<_> = KNOWN_IDS
        .iter()
        .filter_map(|id| prices::lookup(id).map(|k| (*id, k)))
        .collect();
    known.sort_by(|a, b| a.0.cmp(b.0));
    for (id, model) in known {
        let provider = if id.starts_with("claude") {
            ProviderKind::Anthropic
        } else {
            ProviderKind::Openai
        };
        print_row("", provider.as_str(), id, &json!(model.price));
    }
    exit::SUCCESS
}

/// The families in baton's price table, shown as `provider:model` ids.
const KNOWN_IDS: &[&str] = &[
    "claude-opus-4-5",
    "claude-opus-4-1",
    "claude-sonnet-4-5",
    "claude-haiku-4-5",
    "claude-3-5-haiku",
    "gpt-5",
    "gpt-5-mini",
    "gpt-5-nano",
    "gpt-4.1",
    "gpt-4.1-mini",
    "gpt-4.1-nano",
    "gpt-4o",
    "gpt-4o-mini",
    "o3",
    "o4-mini",
];

fn print_row(name: &str, provider: &str, model: &str, price: &serde_json::Value) {
    let cell = |field: &str| {
        price[field]
            .as_f64()
            .map_or("?".to_owned(), |v| format!("{v:.3}"))
    };
    outln!(
        "{:<16} {:<10} {:<28} {:>8} {:>8} {:>10} {:>11}",
        name,
        provider,
        model,
        cell("input"),
        cell("output"),
        cell("cache_read"),
        cell("cache_write")
    );
}
