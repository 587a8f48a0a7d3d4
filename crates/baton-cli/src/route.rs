//! `baton route`: train the learned router and evaluate it on per-prompt
//! correctness data. The logic lives in baton-route; this is arguments,
//! files and the table.

use std::path::{Path, PathBuf};
use std::time::Instant;

use baton_route::data::{self, DataSet};
use baton_route::eval::{self, EvalOptions, Report};
use baton_route::{Label, LearnedModel, TrainOptions};
use clap::{Args, Subcommand, ValueEnum};

use crate::exit;

/// Where the shared routing data sits next to a checkout.
const DEFAULT_DATA: &str = "../shared/data/routing/mmlu";
const DEFAULT_MODEL: &str = ".baton/router.bin";

#[derive(Debug, Args)]
pub struct RouteArgs {
    #[command(subcommand)]
    pub action: RouteAction,
}

#[derive(Debug, Subcommand)]
pub enum RouteAction {
    /// Train the learned router on all the data and save it.
    Train(TrainArgs),
    /// Train on 80% of the data and measure PGR, APGR and CPT on the rest.
    Eval(EvalArgs),
}

#[derive(Debug, Args)]
pub struct DataArgs {
    /// A directory of CSV files with the header prompt,WEAK_MODEL,STRONG_MODEL
    /// and True/False cells (default: ../shared/data/routing/mmlu).
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,

    /// Seeds the training order (and, for eval, the split and the random routers).
    #[arg(long, default_value_t = 0)]
    pub seed: u64,

    /// What to learn: gain (strong right minus weak right, as 0/½/1) or
    /// strong-wins (1 only when the strong model alone is right).
    #[arg(long, value_enum, default_value = "gain")]
    pub label: LabelArg,
}

#[derive(Debug, Args)]
pub struct TrainArgs {
    #[command(flatten)]
    pub data: DataArgs,

    /// Where to write the model.
    #[arg(long, value_name = "FILE", default_value = DEFAULT_MODEL)]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    #[command(flatten)]
    pub data: DataArgs,

    /// Where to write the PGR-vs-cost curve, as SVG.
    #[arg(long, value_name = "FILE", default_value = "route-eval.svg")]
    pub plot: PathBuf,

    /// Write no plot.
    #[arg(long, conflicts_with = "plot")]
    pub no_plot: bool,

    /// The share of prompts held out for testing.
    #[arg(long, value_name = "SHARE", default_value_t = 0.2)]
    pub test_share: f64,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LabelArg {
    Gain,
    StrongWins,
}

impl From<LabelArg> for Label {
    fn from(value: LabelArg) -> Self {
        match value {
            LabelArg::Gain => Label::Gain,
            LabelArg::StrongWins => Label::StrongWins,
        }
    }
}

pub fn run(args: RouteArgs) -> u8 {
    match args.action {
        RouteAction::Train(args) => train(args),
        RouteAction::Eval(args) => evaluate(args),
    }
}

fn load(args: &DataArgs) -> Result<(PathBuf, DataSet), u8> {
    let dir = match &args.data {
        Some(dir) => dir.clone(),
        None => {
            let dir = PathBuf::from(DEFAULT_DATA);
            if !dir.is_dir() {
                let here = std::env::current_dir()
                    .map(|d| d.display().to_string())
                    .unwrap_or_else(|_| ".".to_owned());
                errln!(
                    "baton: no routing data: {DEFAULT_DATA} does not exist under {here}; pass --data DIR, a directory of CSV files with the header prompt,WEAK_MODEL,STRONG_MODEL (such as RouteLLM's MMLU responses)"
                );
                return Err(exit::USAGE);
            }
            dir
        }
    };
    match data::load_dir(&dir) {
        Ok(set) => Ok((dir, set)),
        Err(error) => {
            errln!("baton: {error}");
            Err(exit::USAGE)
        }
    }
}

fn train_options(args: &DataArgs) -> TrainOptions {
    TrainOptions {
        seed: args.seed,
        label: args.label.into(),
        ..TrainOptions::default()
    }
}

fn train(args: TrainArgs) -> u8 {
    let (dir, set) = match load(&args.data) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let started = Instant::now();
    let model = match LearnedModel::train(&set.examples, &train_options(&args.data)) {
        Ok(model) => model,
        Err(error) => {
            errln!("baton: {error}");
            return exit::FAILURE;
        }
    };
    let elapsed = started.elapsed();
    if let Err(error) = write(&args.out, model.to_bytes()) {
        errln!(
            "baton: cannot write the model to {}: {error}",
            args.out.display()
        );
        return exit::FAILURE;
    }
    outln!(
        "trained on {} prompts from {} files in {} ({} vs {}) in {:.1}s",
        set.examples.len(),
        set.files,
        dir.display(),
        set.weak_model,
        set.strong_model,
        elapsed.as_secs_f64()
    );
    outln!("wrote {}", args.out.display());
    exit::SUCCESS
}

fn evaluate(args: EvalArgs) -> u8 {
    if !(args.test_share > 0.0 && args.test_share < 1.0) {
        errln!(
            "baton: --test-share must be between 0 and 1 (exclusive), not {}",
            args.test_share
        );
        return exit::USAGE;
    }
    let (dir, set) = match load(&args.data) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let options = EvalOptions {
        test_share: args.test_share,
        seed: args.data.seed,
        train: train_options(&args.data),
        ..EvalOptions::default()
    };
    let started = Instant::now();
    let report = match eval::evaluate(&set, &options) {
        Ok(report) => report,
        Err(error) => {
            errln!("baton: {error}");
            return exit::FAILURE;
        }
    };
    let elapsed = started.elapsed();
    print_report(&dir, &set, &options, &report);
    outln!();
    outln!("trained and evaluated in {:.1}s", elapsed.as_secs_f64());
    if !args.no_plot {
        let path = &args.plot;
        if let Err(error) = write(path, baton_route::plot::svg(&report)) {
            errln!(
                "baton: cannot write the plot to {}: {error}",
                path.display()
            );
            return exit::FAILURE;
        }
        outln!("plot: {}", path.display());
    }
    exit::SUCCESS
}

fn print_report(dir: &Path, set: &DataSet, options: &EvalOptions, report: &Report) {
    outln!(
        "data: {} ({} files, {} prompts)",
        dir.display(),
        set.files,
        set.examples.len()
    );
    outln!(
        "weak: {}   strong: {}",
        report.weak_model,
        report.strong_model
    );
    outln!(
        "split: {} train / {} test ({:.0}% held out by prompt hash, seed {}); label: {}",
        report.train_examples,
        report.test_examples,
        options.test_share * 100.0,
        options.seed,
        match options.train.label {
            Label::Gain => "gain",
            Label::StrongWins => "strong-wins",
        }
    );
    outln!(
        "test accuracy: weak {:.3}, strong {:.3}",
        report.q_weak,
        report.q_strong
    );
    outln!();
    outln!(
        "{:>14}  {:>11}  {:>10}  {:>10}  {:>16}",
        "strong calls",
        "PGR learned",
        "PGR random",
        "PGR oracle",
        "accuracy learned"
    );
    for i in 0..=10 {
        let share = f64::from(i) / 10.0;
        let accuracy = report
            .learned
            .points
            .get(i as usize * 10)
            .map_or(f64::NAN, |p| p.2);
        outln!(
            "{:>13.0}%  {:>11.3}  {:>10.3}  {:>10.3}  {:>16.3}",
            share * 100.0,
            report.learned.pgr_at(share),
            report.random.pgr_at(share),
            report.oracle.pgr_at(share),
            accuracy
        );
    }
    outln!();
    outln!(
        "{:>14}  {:>11}  {:>10}  {:>10}",
        "",
        "learned",
        "random",
        "oracle"
    );
    outln!(
        "{:>14}  {:>11.3}  {:>10.3}  {:>10.3}",
        format!("APGR ({} steps)", options.intervals),
        report.learned.apgr,
        report.random.apgr,
        report.oracle.apgr
    );
    let (l, r, o) = (&report.learned, &report.random, &report.oracle);
    for (name, cpt) in [
        ("CPT(50%)", [l.cpt50, r.cpt50, o.cpt50]),
        ("CPT(80%)", [l.cpt80, r.cpt80, o.cpt80]),
    ] {
        outln!(
            "{:>14}  {:>10.1}%  {:>9.1}%  {:>9.1}%",
            name,
            cpt[0] * 100.0,
            cpt[1] * 100.0,
            cpt[2] * 100.0
        );
    }
    let (mean, sd) = report.random_runs;
    outln!();
    outln!(
        "random routers ({} seeded runs): APGR {mean:.3} ± {sd:.3}; learned − random: {:+.3} APGR ({:+.1} standard deviations)",
        options.random_runs,
        report.learned.apgr - report.random.apgr,
        if sd > 0.0 {
            (report.learned.apgr - mean) / sd
        } else {
            f64::INFINITY
        }
    );
}

fn write(path: &Path, contents: impl AsRef<[u8]>) -> std::io::Result<()> {
    if let Some(parent) = path.parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, contents)
}
