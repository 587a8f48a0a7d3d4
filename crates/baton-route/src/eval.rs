//! Measuring a router on per-prompt correctness data (RouteLLM's metrics).
//!
//! A router that sends a share s of the prompts to the strong model (the
//! ones it scores highest) keeps quality q(s), the mean correctness of the
//! routed answers. PGR(s) = (q(s) − q_weak) / (q_strong − q_weak) is the
//! share of the gap between the two models it recovers; APGR is the area
//! under PGR over s in [0, 1]; CPT(x) is the smallest strong-call share whose
//! PGR reaches x. A random router has PGR(s) = s in expectation, so APGR ½.

use crate::RouteError;
use crate::data::{DataSet, Example};
use crate::learned::{LearnedModel, TrainOptions, permutation, unit_hash};

/// The quality curve of one scoring of a set of examples.
#[derive(Debug, Clone, PartialEq)]
pub struct Curve {
    n: usize,
    weak_correct: f64,
    /// cumulative[k]: the gain of sending the k top-scored prompts to the
    /// strong model. Prompts with equal scores share their group's mean gain,
    /// which is the expectation over every order among them: a router cannot
    /// tell them apart, so it must not be credited with a lucky order.
    cumulative: Vec<f64>,
}

impl Curve {
    /// `scores[i]` is how much prompt i needs the strong model (higher: more).
    pub fn new(examples: &[Example], scores: &[f64]) -> Result<Self, RouteError> {
        if examples.len() != scores.len() {
            return Err(RouteError::Eval(format!(
                "{} examples but {} scores",
                examples.len(),
                scores.len()
            )));
        }
        if examples.is_empty() {
            return Err(RouteError::Eval("no examples to evaluate".to_owned()));
        }
        let mut order: Vec<usize> = (0..examples.len()).collect();
        order.sort_by(|a, b| scores[*b].total_cmp(&scores[*a]));
        let mut cumulative = Vec::with_capacity(examples.len() + 1);
        cumulative.push(0.0);
        let mut start = 0;
        while start < order.len() {
            let score = scores[order[start]];
            let end = order[start..]
                .iter()
                .position(|i| scores[*i].total_cmp(&score).is_ne())
                .map_or(order.len(), |p| start + p);
            let group = &order[start..end];
            let mean = group.iter().map(|i| examples[*i].gain()).sum::<f64>() / group.len() as f64;
            for _ in group {
                let last = cumulative.last().copied().unwrap_or(0.0);
                cumulative.push(last + mean);
            }
            start = end;
        }
        let curve = Self {
            n: examples.len(),
            weak_correct: examples.iter().filter(|e| e.weak).count() as f64,
            cumulative,
        };
        if curve.q_strong() == curve.q_weak() {
            return Err(RouteError::Eval(
                "both models score the same on these examples, so PGR is undefined; use more data"
                    .to_owned(),
            ));
        }
        Ok(curve)
    }

    pub fn q_weak(&self) -> f64 {
        self.weak_correct / self.n as f64
    }

    pub fn q_strong(&self) -> f64 {
        self.quality(1.0)
    }

    /// Mean correctness when the top `share` of prompts go to the strong
    /// model (between whole prompts, linearly interpolated).
    pub fn quality(&self, share: f64) -> f64 {
        let k = share.clamp(0.0, 1.0) * self.n as f64;
        let low = k.floor() as usize;
        let high = (low + 1).min(self.n);
        let at = |i: usize| self.cumulative.get(i).copied().unwrap_or(0.0);
        let gain = at(low) + (k - low as f64) * (at(high) - at(low));
        (self.weak_correct + gain) / self.n as f64
    }

    pub fn pgr(&self, share: f64) -> f64 {
        (self.quality(share) - self.q_weak()) / (self.q_strong() - self.q_weak())
    }

    /// The area under PGR by the trapezoid rule on `intervals` equal steps.
    pub fn apgr(&self, intervals: usize) -> f64 {
        let intervals = intervals.max(1);
        let step = 1.0 / intervals as f64;
        (0..intervals)
            .map(|i| {
                let s = i as f64 * step;
                step * (self.pgr(s) + self.pgr(s + step)) / 2.0
            })
            .sum()
    }

    /// The smallest strong-call share (in whole prompts) with PGR ≥ `target`.
    pub fn cpt(&self, target: f64) -> f64 {
        (0..=self.n)
            .map(|k| k as f64 / self.n as f64)
            .find(|s| self.pgr(*s) >= target - 1e-12)
            .unwrap_or(1.0)
    }
}

/// A deterministic held-out split by a hash of the prompt: the same prompt
/// (MMLU repeats a few) always lands on the same side, so nothing the model
/// is tested on was seen in training.
pub fn split(examples: &[Example], test_share: f64, seed: u64) -> (Vec<Example>, Vec<Example>) {
    examples
        .iter()
        .cloned()
        .partition(|e| unit_hash(seed, &e.prompt) >= test_share)
}

#[derive(Debug, Clone, PartialEq)]
pub struct EvalOptions {
    pub test_share: f64,
    pub seed: u64,
    pub train: TrainOptions,
    /// Trapezoid steps for APGR.
    pub intervals: usize,
    /// Random routers averaged for the empirical baseline.
    pub random_runs: u64,
}

impl Default for EvalOptions {
    fn default() -> Self {
        Self {
            test_share: 0.2,
            seed: 0,
            train: TrainOptions::default(),
            intervals: 20,
            random_runs: 50,
        }
    }
}

/// One router's results on the test split.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub name: String,
    pub apgr: f64,
    pub cpt50: f64,
    pub cpt80: f64,
    /// (share, PGR, quality) at every 1% step, for tables and plots.
    pub points: Vec<(f64, f64, f64)>,
}

impl Summary {
    fn of(name: &str, curve: &Curve, intervals: usize) -> Self {
        Self {
            name: name.to_owned(),
            apgr: curve.apgr(intervals),
            cpt50: curve.cpt(0.5),
            cpt80: curve.cpt(0.8),
            points: (0..=100)
                .map(|i| {
                    let s = f64::from(i) / 100.0;
                    (s, curve.pgr(s), curve.quality(s))
                })
                .collect(),
        }
    }

    /// PGR at `share`, from the 1% grid.
    pub fn pgr_at(&self, share: f64) -> f64 {
        let i = (share * 100.0).round() as usize;
        self.points.get(i).map_or(f64::NAN, |p| p.1)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub weak_model: String,
    pub strong_model: String,
    pub train_examples: usize,
    pub test_examples: usize,
    pub q_weak: f64,
    pub q_strong: f64,
    pub learned: Summary,
    /// The expectation over random orders: PGR(s) = s.
    pub random: Summary,
    /// Mean and standard deviation of APGR over `random_runs` seeded random
    /// routers: how far a router must beat ½ before it is more than luck.
    pub random_runs: (f64, f64),
    /// Knowing the answers: an upper bound, not a router.
    pub oracle: Summary,
}

/// Trains on the training split and measures on the test split.
pub fn evaluate(set: &DataSet, options: &EvalOptions) -> Result<Report, RouteError> {
    let (train, test) = split(&set.examples, options.test_share, options.seed);
    if train.is_empty() || test.is_empty() {
        return Err(RouteError::Eval(format!(
            "the split left {} training and {} test examples; use more data",
            train.len(),
            test.len()
        )));
    }
    let train_options = TrainOptions {
        seed: options.seed,
        ..options.train.clone()
    };
    let model = LearnedModel::train(&train, &train_options)?;
    let scores: Vec<f64> = test.iter().map(|e| model.predict(&e.prompt)).collect();
    let learned = Curve::new(&test, &scores)?;
    // One score for all: every order equally likely, which is the random
    // router's expectation (tie groups share their mean gain).
    let random = Curve::new(&test, &vec![0.0; test.len()])?;
    let oracle_scores: Vec<f64> = test.iter().map(Example::gain).collect();
    let oracle = Curve::new(&test, &oracle_scores)?;
    let runs: Vec<f64> = (0..options.random_runs.max(1))
        .map(|run| {
            let order = permutation(test.len(), options.seed.wrapping_add(run + 1));
            let mut scores = vec![0.0; test.len()];
            for (rank, i) in order.into_iter().enumerate() {
                scores[i] = rank as f64;
            }
            Curve::new(&test, &scores).map(|c| c.apgr(options.intervals))
        })
        .collect::<Result<_, _>>()?;
    let mean = runs.iter().sum::<f64>() / runs.len() as f64;
    let sd = (runs.iter().map(|a| (a - mean).powi(2)).sum::<f64>() / runs.len() as f64).sqrt();
    Ok(Report {
        weak_model: set.weak_model.clone(),
        strong_model: set.strong_model.clone(),
        train_examples: train.len(),
        test_examples: test.len(),
        q_weak: learned.q_weak(),
        q_strong: learned.q_strong(),
        learned: Summary::of("learned", &learned, options.intervals),
        random: Summary::of("random", &random, options.intervals),
        random_runs: (mean, sd),
        oracle: Summary::of("oracle", &oracle, options.intervals),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    fn example(weak: bool, strong: bool) -> Example {
        Example {
            prompt: format!("{weak}{strong}"),
            weak,
            strong,
            source: "t".to_owned(),
        }
    }

    /// Strong wins twice, both right once, both wrong once:
    /// q_weak = 1/4, q_strong = 3/4.
    fn four() -> Vec<Example> {
        vec![
            example(false, true),
            example(true, true),
            example(false, false),
            example(false, true),
        ]
    }

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-12, "{a} != {b}");
    }

    #[test]
    fn an_oracle_router_by_hand() {
        // Scores put the two strong wins first.
        let curve = Curve::new(&four(), &[0.9, 0.5, 0.1, 0.8]).unwrap();
        close(curve.q_weak(), 0.25);
        close(curve.q_strong(), 0.75);
        close(curve.pgr(0.25), 0.5);
        close(curve.pgr(0.5), 1.0);
        close(curve.pgr(0.75), 1.0);
        close(curve.pgr(0.125), 0.25); // halfway to the first prompt
        // Trapezoid on 0, ¼, ½, ¾, 1: PGR 0, ½, 1, 1, 1.
        close(curve.apgr(4), 0.25 * (0.25 + 0.75 + 1.0 + 1.0));
        close(curve.cpt(0.5), 0.25);
        close(curve.cpt(0.8), 0.5);
    }

    #[test]
    fn an_inverted_router_is_below_random() {
        let curve = Curve::new(&four(), &[0.1, 0.5, 0.9, 0.2]).unwrap();
        // Order: both-wrong, both-right, then the two strong wins.
        close(curve.pgr(0.5), 0.0);
        close(curve.pgr(0.75), 0.5);
        close(curve.apgr(4), 0.25 * (0.0 + 0.0 + 0.25 + 0.75));
        close(curve.cpt(0.5), 0.75);
        close(curve.cpt(0.8), 1.0);
    }

    #[test]
    fn ties_share_their_mean_so_a_constant_router_is_random() {
        let curve = Curve::new(&four(), &[0.0; 4]).unwrap();
        for s in [0.0, 0.25, 0.3, 0.5, 1.0] {
            close(curve.pgr(s), s);
        }
        close(curve.apgr(20), 0.5);
    }

    #[test]
    fn weak_wins_can_push_pgr_above_one() {
        let mut examples = four();
        examples.push(example(true, false));
        // q_weak = 2/5, q_strong = 3/5; the oracle routes the two strong wins
        // and keeps the weak win on the weak model.
        let curve = Curve::new(&examples, &[1.0, 0.0, 0.0, 1.0, -1.0]).unwrap();
        close(curve.pgr(0.4), 2.0);
        close(curve.pgr(1.0), 1.0);
    }

    #[test]
    fn equal_models_are_an_error() {
        let error = Curve::new(&[example(true, true)], &[1.0]).unwrap_err();
        assert!(error.to_string().contains("PGR is undefined"), "{error}");
        assert!(Curve::new(&four(), &[1.0]).is_err());
    }

    #[test]
    fn the_split_is_deterministic_and_by_prompt() {
        let examples: Vec<Example> = (0..1000)
            .map(|i| Example {
                prompt: format!("question {}", i % 500), // every prompt twice
                weak: i % 2 == 0,
                strong: true,
                source: "t".into(),
            })
            .collect();
        let (train, test) = split(&examples, 0.2, 7);
        assert_eq!(split(&examples, 0.2, 7), (train.clone(), test.clone()));
        assert!((150..250).contains(&test.len()), "{}", test.len());
        assert!(
            test.iter()
                .all(|t| !train.iter().any(|e| e.prompt == t.prompt))
        );
        assert_ne!(split(&examples, 0.2, 8).1, test);
    }
}
