//! The learned router on synthetic data: prompts about integrals need the
//! strong model, everything else does not. CI has no shared data, so the
//! data is made here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use baton_route::data::{DataSet, Example};
use baton_route::eval::{self, Curve, EvalOptions};
use baton_route::{Candidate, Label, Learned, LearnedModel, RouteRequest, Router, TrainOptions};

const FILLER: &[&str] = &[
    "the",
    "value",
    "of",
    "compute",
    "find",
    "which",
    "following",
    "is",
    "true",
    "a",
    "function",
    "river",
    "history",
    "law",
    "cell",
    "market",
    "poem",
    "answer",
    "best",
    "describes",
];
const HARD: &[&str] = &["integral", "eigenvalue", "contour"];

/// A tiny deterministic generator, so the data is the same on every run.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// `n` prompts; those with a hard word are strong wins, the rest both-right,
/// except that `noise_percent` of labels are flipped to the other kind.
fn synthetic(n: usize, seed: u64, noise_percent: usize) -> Vec<Example> {
    let mut rng = Lcg(seed);
    (0..n)
        .map(|i| {
            let mut words: Vec<&str> = (0..8 + rng.below(8))
                .map(|_| FILLER[rng.below(FILLER.len())])
                .collect();
            let hard = rng.below(3) == 0;
            if hard {
                let at = rng.below(words.len());
                words.insert(at, HARD[rng.below(HARD.len())]);
            }
            let needs_strong = hard ^ (rng.below(100) < noise_percent);
            Example {
                prompt: format!("Q{i}: {}?", words.join(" ")),
                weak: !needs_strong,
                strong: true,
                source: "synthetic".to_owned(),
            }
        })
        .collect()
}

fn is_hard(prompt: &str) -> bool {
    HARD.iter().any(|w| prompt.contains(w))
}

/// The defaults suit ~10k prompts; a few hundred need more passes before
/// the probabilities (not just their order) come out right.
fn options(label: Label) -> TrainOptions {
    TrainOptions {
        label,
        seed: 3,
        epochs: 40,
        learning_rate: 0.5,
        ..TrainOptions::default()
    }
}

#[test]
fn it_learns_which_prompts_need_the_strong_model() {
    let train = synthetic(800, 1, 5);
    let test = synthetic(300, 2, 0);
    for (label, cut) in [(Label::StrongWins, 0.5), (Label::Gain, 0.75)] {
        let model = LearnedModel::train(&train, &options(label)).unwrap();
        let right = test
            .iter()
            .filter(|e| (model.predict(&e.prompt) >= cut) == is_hard(&e.prompt))
            .count();
        let accuracy = right as f64 / test.len() as f64;
        // Chance (always "easy") is about 2/3.
        assert!(accuracy > 0.9, "{label:?}: held-out accuracy {accuracy}");

        let scores: Vec<f64> = test.iter().map(|e| model.predict(&e.prompt)).collect();
        let apgr = Curve::new(&test, &scores).unwrap().apgr(20);
        assert!(apgr > 0.75, "{label:?}: APGR {apgr}");
    }
}

#[test]
fn training_is_deterministic_for_a_seed() {
    let train = synthetic(300, 1, 10);
    let a = LearnedModel::train(&train, &options(Label::Gain)).unwrap();
    let b = LearnedModel::train(&train, &options(Label::Gain)).unwrap();
    assert_eq!(a, b);
    let other = TrainOptions {
        seed: 4,
        ..options(Label::Gain)
    };
    assert_ne!(a, LearnedModel::train(&train, &other).unwrap());
}

#[test]
fn a_saved_model_predicts_exactly_the_same() {
    let train = synthetic(400, 5, 5);
    let model = LearnedModel::train(&train, &options(Label::Gain)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("router.bin");
    std::fs::write(&path, model.to_bytes()).unwrap();
    let loaded = LearnedModel::load(&path).unwrap();
    assert_eq!(loaded, model);
    assert_eq!(loaded.label(), Label::Gain);
    assert_eq!(loaded.examples(), 400);
    for example in synthetic(200, 6, 0) {
        assert_eq!(
            loaded.predict(&example.prompt).to_bits(),
            model.predict(&example.prompt).to_bits()
        );
    }
    // A first line that says what it is, a JSON header, 2^18 f32 weights.
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"baton-route-logreg\n{\"version\":1,"));
    assert!(
        bytes.len() > 1 << 20 && bytes.len() < (1 << 20) + 1000,
        "{}",
        bytes.len()
    );

    let error = LearnedModel::load(&dir.path().join("missing.bin"))
        .unwrap_err()
        .to_string();
    assert!(error.contains("missing.bin"), "{error}");
}

#[test]
fn the_learned_router_explains_its_choice() {
    let model = LearnedModel::train(&synthetic(800, 1, 0), &options(Label::StrongWins)).unwrap();
    let router = Learned::new(model, 0.5);
    let candidates = [
        Candidate::new("strong", 5.0, 25.0, 0.9),
        Candidate::new("weak", 0.2, 0.6, 0.6),
        Candidate::new("dominated", 6.0, 30.0, 0.5),
    ];
    let hard = router
        .choose(
            &RouteRequest::new("find the integral of the function"),
            &candidates,
        )
        .unwrap();
    assert_eq!(hard.model, "strong");
    assert!(
        hard.reason.starts_with("learned: P(strong needed) = 0.")
            && hard
                .reason
                .contains("≥ threshold 0.500, so the strongest model"),
        "{}",
        hard.reason
    );
    let easy = router
        .choose(&RouteRequest::new("which river is best"), &candidates)
        .unwrap();
    assert_eq!(easy.model, "weak");
    assert!(
        easy.reason
            .contains("< threshold 0.500, so the cheapest model"),
        "{}",
        easy.reason
    );
}

#[test]
fn a_threshold_for_a_share_sends_that_share() {
    let model = LearnedModel::train(&synthetic(600, 1, 0), &options(Label::Gain)).unwrap();
    let test = synthetic(200, 9, 0);
    let prompts: Vec<&str> = test.iter().map(|e| e.prompt.as_str()).collect();
    let threshold = Learned::threshold_for_share(&model, &prompts, 0.25);
    let sent = prompts
        .iter()
        .filter(|p| model.predict(p) >= threshold)
        .count();
    assert_eq!(sent, 50);
    assert!(Learned::threshold_for_share(&model, &prompts, 0.0).is_infinite());
}

#[test]
fn evaluation_beats_random_on_learnable_data() {
    let set = DataSet {
        weak_model: "weak".into(),
        strong_model: "strong".into(),
        examples: synthetic(1500, 11, 5),
        files: 1,
    };
    let report = eval::evaluate(&set, &EvalOptions::default()).unwrap();
    assert_eq!(report.train_examples + report.test_examples, 1500);
    assert!(
        (0.5 - report.random.apgr).abs() < 1e-9,
        "{}",
        report.random.apgr
    );
    assert!(
        report.learned.apgr > report.random.apgr + 0.2,
        "learned {} random {}",
        report.learned.apgr,
        report.random.apgr
    );
    assert!(report.learned.cpt50 < 0.5 && report.learned.cpt80 < 0.8);
    let (mean, sd) = report.random_runs;
    assert!((mean - 0.5).abs() < 0.05 && sd > 0.0, "{mean} ± {sd}");
    assert!(report.oracle.apgr >= report.learned.apgr);

    let svg = baton_route::plot::svg(&report);
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    assert_eq!(svg.matches("<polyline").count(), 3);
    assert!(svg.contains(&format!("learned (APGR {:.3})", report.learned.apgr)));
}
