//! `baton cai sft|prefs|eval-labeller`: Constitutional-AI data from the
//! command line. The CAI logic is `baton-constitution`'s; the streaming,
//! resumable batch machinery is `baton-batch`'s; this wires models, files
//! and flags to them.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use async_trait::async_trait;
use baton_batch::{BatchOptions, BatchSummary, Job, JobOutput, run_batch};
use baton_config::Config;
use baton_constitution::constitution::Comparisons;
use baton_constitution::eval::{Prediction, reliability_svg, summarize};
use baton_constitution::label::{Choice, LabelOptions, label_comparison};
use baton_constitution::paper;
use baton_constitution::{
    CallSeeds, ComparisonExample, Constitution, FewShotExample, RlOptions, SlParams,
    helpful_sample, rl_cai, sl_cai,
};
use baton_models::ModelClient;

use crate::cli::{
    CaiAction, CaiArgs, CaiBatchArgs, EvalLabellerArgs, PrefsArgs, SftArgs, SftFormat,
};
use crate::exit;

fn env(var: &str) -> Option<String> {
    std::env::var(var).ok()
}

fn fail(error: &dyn std::fmt::Display) -> u8 {
    errln!("baton cai: {error}");
    exit::USAGE
}

pub async fn run(args: CaiArgs) -> u8 {
    let config = match Config::load(&args.workspace, &env) {
        Ok(config) => config,
        Err(error) => return fail(&error),
    };
    match args.action {
        CaiAction::Sft(sft) => self::sft(&config, sft).await,
        CaiAction::Prefs(prefs) => self::prefs(&config, prefs).await,
        CaiAction::EvalLabeller(eval) => eval_labeller(&config, eval).await,
    }
}

fn model(config: &Config, name: Option<String>) -> Result<Arc<dyn ModelClient>, String> {
    let (model, notice) = crate::run::resolve_model(config, name)?;
    if let Some(notice) = notice {
        errln!("baton cai: {notice}");
    }
    Ok(model)
}

fn constitution(path: Option<&Path>) -> Result<Constitution, String> {
    match path {
        Some(path) => Constitution::load(path),
        None => Constitution::builtin(),
    }
    .map_err(|e| e.to_string())
}

fn batch_options(batch: &CaiBatchArgs, input: &Path, seed_offset: u64) -> BatchOptions {
    let mut options = BatchOptions::new(input, &batch.out);
    options.seed = batch.seed.wrapping_add(seed_offset);
    options.concurrency = batch.concurrency.max(1);
    options.budget_usd = batch.budget_usd;
    options.limit = batch.limit;
    options
}

fn prompt_of(input: &serde_json::Value) -> Result<&str, String> {
    input
        .get("prompt")
        .and_then(|p| p.as_str())
        .ok_or_else(|| "the record has no string `prompt`".to_owned())
}

/// Ends a batch command: the summary on stderr, and the exit code.
fn report(what: &str, out: &Path, summary: &BatchSummary) -> u8 {
    errln!(
        "baton cai {what}: {} written to {} ({} failed, {} already done, {} duplicates, {} invalid) · ${:.4} · {:.1}s{}",
        summary.succeeded,
        out.display(),
        summary.failed,
        summary.skipped_done,
        summary.skipped_duplicate,
        summary.invalid,
        summary.cost_usd,
        summary.elapsed.as_secs_f64(),
        summary
            .stopped
            .map(|s| format!(" · stopped: {}", s.as_str()))
            .unwrap_or_default()
    );
    if summary.failed > 0 {
        exit::FAILURE
    } else if summary.stopped.is_some() {
        exit::BUDGET
    } else {
        exit::SUCCESS
    }
}

struct SftJob {
    model: Arc<dyn ModelClient>,
    constitution: Constitution,
    fewshot: Vec<FewShotExample>,
    revisions: u32,
    format: SftFormat,
    keep_trace: bool,
    params: SlParams,
}

#[async_trait]
impl Job for SftJob {
    async fn run(&self, input: &serde_json::Value, seed: u64) -> Result<JobOutput, String> {
        let prompt = prompt_of(input)?;
        let mut rng = fastrand::Rng::with_seed(seed);
        let record = sl_cai(
            self.model.as_ref(),
            prompt,
            &self.constitution,
            &self.fewshot,
            self.revisions,
            &mut rng,
            &self.params,
        )
        .await
        .map_err(|e| e.to_string())?;
        let value = match self.format {
            SftFormat::Messages => serde_json::to_value(record.messages_record(self.keep_trace)),
            SftFormat::PromptCompletion => {
                serde_json::to_value(record.completion_record(self.keep_trace))
            }
        }
        .map_err(|e| e.to_string())?;
        Ok(JobOutput {
            records: vec![value],
            cost_usd: record.spend.cost_usd,
        })
    }
}

/// Plain samples, no critique: they keep a fine-tuned model helpful.
struct HelpfulJob {
    model: Arc<dyn ModelClient>,
    samples: u32,
    format: SftFormat,
    params: SlParams,
}

#[async_trait]
impl Job for HelpfulJob {
    async fn run(&self, input: &serde_json::Value, seed: u64) -> Result<JobOutput, String> {
        let prompt = prompt_of(input)?;
        let mut output = JobOutput::default();
        let mut seeds = CallSeeds::new(Some(seed));
        for _ in 0..self.samples.max(1) {
            let record = helpful_sample(self.model.as_ref(), prompt, &self.params, seeds.draw())
                .await
                .map_err(|e| e.to_string())?;
            output.cost_usd += record.spend.cost_usd;
            let value = match self.format {
                SftFormat::Messages => serde_json::to_value(record.messages_record(false)),
                SftFormat::PromptCompletion => {
                    serde_json::to_value(record.completion_record(false))
                }
            }
            .map_err(|e| e.to_string())?;
            output.records.push(value);
        }
        Ok(output)
    }
}

async fn sft(config: &Config, args: SftArgs) -> u8 {
    let setup = (|| -> Result<_, String> {
        let model = model(config, args.model.clone())?;
        let constitution = constitution(args.constitution.as_deref())?;
        let fewshot = match &args.fewshot {
            Some(path) => paper::load_sl_fewshot(path).map_err(|e| e.to_string())?,
            None => baton_constitution::sl::default_fewshot(),
        };
        Ok((model, constitution, fewshot))
    })();
    let (model, constitution, fewshot) = match setup {
        Ok(setup) => setup,
        Err(error) => return fail(&error),
    };
    let params = SlParams {
        max_tokens: args.max_tokens,
        ..SlParams::default()
    };
    let job = Arc::new(SftJob {
        model: model.clone(),
        constitution,
        fewshot,
        revisions: args.revisions,
        format: args.format,
        keep_trace: args.keep_trace,
        params: params.clone(),
    });
    let progress = baton_batch::IndicatifProgress::new();
    let summary =
        match run_batch(job, batch_options(&args.batch, &args.prompts, 0), &progress).await {
            Ok(summary) => summary,
            Err(error) => return fail(&error),
        };
    let mut code = report("sft", &args.batch.out, &summary);
    if let (Some(helpful), true) = (&args.helpful, summary.stopped.is_none()) {
        let job = Arc::new(HelpfulJob {
            model,
            samples: args.samples,
            format: args.format,
            params,
        });
        let progress = baton_batch::IndicatifProgress::new();
        // Another seed, so a prompt in both files is done in both passes.
        let options = batch_options(&args.batch, helpful, 0x6865_6c70);
        match run_batch(job, options, &progress).await {
            Ok(summary) => code = code.max(report("sft --helpful", &args.batch.out, &summary)),
            Err(error) => return fail(&error),
        }
    }
    code
}

struct PrefsJob {
    policy: Arc<dyn ModelClient>,
    labeller: Arc<dyn ModelClient>,
    comparisons: Comparisons,
    fewshot: Vec<ComparisonExample>,
    options: RlOptions,
}

#[async_trait]
impl Job for PrefsJob {
    async fn run(&self, input: &serde_json::Value, seed: u64) -> Result<JobOutput, String> {
        let prompt = prompt_of(input)?;
        let mut rng = fastrand::Rng::with_seed(seed);
        let record = rl_cai(
            self.policy.as_ref(),
            self.labeller.as_ref(),
            prompt,
            &self.comparisons,
            &self.fewshot,
            &mut rng,
            &self.options,
        )
        .await
        .map_err(|e| e.to_string())?;
        let cost = record.spend.cost_usd;
        Ok(JobOutput {
            records: vec![serde_json::to_value(record).map_err(|e| e.to_string())?],
            cost_usd: cost,
        })
    }
}

async fn prefs(config: &Config, args: PrefsArgs) -> u8 {
    let setup = (|| -> Result<_, String> {
        let policy = model(config, args.model.clone())?;
        let labeller = match &args.labeller {
            Some(name) => model(config, Some(name.clone()))?,
            None => policy.clone(),
        };
        let comparisons = match &args.constitution {
            Some(path) => Comparisons::from_constitution(&constitution(Some(path))?),
            None => Comparisons::builtin(),
        }
        .map_err(|e| e.to_string())?;
        let fewshot = match &args.fewshot {
            Some(path) if args.cot => {
                paper::load_rl_cot_fewshot(path).map_err(|e| e.to_string())?
            }
            Some(path) => paper::load_rl_fewshot(path).map_err(|e| e.to_string())?,
            None => Vec::new(),
        };
        Ok((policy, labeller, comparisons, fewshot))
    })();
    let (policy, labeller, comparisons, fewshot) = match setup {
        Ok(setup) => setup,
        Err(error) => return fail(&error),
    };
    let options = RlOptions {
        cot: args.cot,
        samples_k: args.samples,
        max_tokens: args.max_tokens,
        ..RlOptions::default()
    };
    let job = Arc::new(PrefsJob {
        policy,
        labeller,
        comparisons,
        fewshot,
        options,
    });
    let progress = baton_batch::IndicatifProgress::new();
    match run_batch(job, batch_options(&args.batch, &args.prompts, 0), &progress).await {
        Ok(summary) => report("prefs", &args.batch.out, &summary),
        Err(error) => fail(&error),
    }
}

async fn eval_labeller(config: &Config, args: EvalLabellerArgs) -> u8 {
    let labeller = match model(config, args.labeller.clone()) {
        Ok(model) => model,
        Err(error) => return fail(&error),
    };
    let mut data = match paper::load_hhh(&args.data) {
        Ok(data) => data,
        Err(error) => return fail(&error),
    };
    if let Some(limit) = args.limit {
        data.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    }
    let options = LabelOptions {
        cot: args.cot,
        samples_k: args.samples,
        ..LabelOptions::default()
    };
    let bar = indicatif::ProgressBar::new(data.len() as u64);
    let mut predictions = Vec::with_capacity(data.len());
    let mut failed = 0usize;
    let mut cost = 0.0;
    let mut methods = std::collections::BTreeMap::<String, usize>::new();
    for (index, item) in data.iter().enumerate() {
        // Each comparison its own seed, so no two sample alike.
        let options = LabelOptions {
            seed: Some(baton_batch::Key::of_prompt(&item.prompt).seed(args.seed) ^ index as u64),
            ..options.clone()
        };
        match label_comparison(labeller.as_ref(), &item.prompt, &options).await {
            Ok(label) => {
                cost += label.spend.cost_usd;
                *methods
                    .entry(
                        serde_json::to_value(label.method)
                            .map_or_else(|_| "?".into(), |v| v.as_str().unwrap_or("?").to_owned()),
                    )
                    .or_default() += 1;
                predictions.push(Prediction {
                    p_a: label.p_a,
                    a_is_better: item.correct == Choice::A,
                });
            }
            Err(error) => {
                failed += 1;
                bar.suspend(|| errln!("baton cai eval-labeller: {error}"));
            }
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    let summary = summarize(&predictions, 10);
    let name = labeller.info().name.clone();
    let shown = |v: Option<f64>| v.map_or("n/a".to_owned(), |v| format!("{v:.3}"));
    if args.json {
        outln!(
            "{}",
            serde_json::json!({
                "labeller": name, "n": summary.n, "failed": failed,
                "accuracy": summary.accuracy, "brier": summary.brier,
                "bins": summary.bins, "methods": methods, "cost_usd": cost,
            })
        );
    } else {
        outln!("labeller   {name}");
        outln!(
            "data       {} ({} comparisons, {failed} failed)",
            args.data.display(),
            summary.n
        );
        outln!(
            "accuracy   {} (always answering A would score {})",
            shown(summary.accuracy),
            shown(share_a(&data))
        );
        outln!(
            "brier      {} (0.25 is a constant 0.5)",
            shown(summary.brier)
        );
        outln!(
            "labels     {}",
            methods
                .iter()
                .map(|(m, n)| format!("{m}: {n}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        outln!("reliability (predicted p(A) → how often A was right)");
        for bin in &summary.bins {
            if bin.count > 0 {
                outln!(
                    "  [{:.1}, {:.1})  n={:<4} mean p={}  observed={}",
                    bin.lower,
                    bin.upper,
                    bin.count,
                    shown(bin.mean_predicted),
                    shown(bin.observed)
                );
            }
        }
    }
    let plot = args
        .plot
        .unwrap_or_else(|| PathBuf::from("eval-labeller.svg"));
    if let Err(error) = std::fs::write(&plot, reliability_svg(&summary, &name)) {
        return fail(&format!("cannot write {}: {error}", plot.display()));
    }
    errln!("baton cai eval-labeller: wrote {}", plot.display());
    if predictions.is_empty() {
        exit::FAILURE
    } else {
        exit::SUCCESS
    }
}

fn share_a(data: &[baton_constitution::HhhComparison]) -> Option<f64> {
    (!data.is_empty())
        .then(|| data.iter().filter(|d| d.correct == Choice::A).count() as f64 / data.len() as f64)
}
