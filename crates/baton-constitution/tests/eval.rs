#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use baton_constitution::eval::{
    accuracy, brier, evaluate_labeller, reliability_bins, reliability_svg, summarize,
};
use baton_constitution::{Choice, LabelOptions, Prediction, paper};
use common::{Recorder, cai_data, replies};

fn p(p_a: f64, a_is_better: bool) -> Prediction {
    Prediction { p_a, a_is_better }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn sample() -> Vec<Prediction> {
    vec![
        p(0.9, true),  // right, (0.1)² = 0.01
        p(0.8, false), // wrong, 0.64
        p(0.3, false), // right, 0.09
        p(0.5, true),  // 0.5 counts as (A): right, 0.25
        p(0.05, true), // wrong, 0.9025
        p(0.85, true), // right, 0.0225
    ]
}

#[test]
fn accuracy_and_brier_match_hand_computation() {
    assert!(close(accuracy(&sample()).unwrap(), 4.0 / 6.0));
    assert!(close(brier(&sample()).unwrap(), 1.915 / 6.0));
    assert_eq!(accuracy(&[]), None);
    assert_eq!(brier(&[]), None);
    assert!(close(brier(&[p(0.5, true), p(0.5, false)]).unwrap(), 0.25));
    assert!(close(brier(&[p(1.0, true), p(0.0, false)]).unwrap(), 0.0));
}

#[test]
fn reliability_bins_match_hand_computation() {
    let mut predictions = sample();
    predictions.push(p(1.0, false)); // the last bin includes 1
    let bins = reliability_bins(&predictions, 10);
    assert_eq!(bins.len(), 10);
    let counts: Vec<usize> = bins.iter().map(|b| b.count).collect();
    assert_eq!(counts, [1, 0, 0, 1, 0, 1, 0, 0, 2, 2]);
    assert!(close(bins[8].mean_predicted.unwrap(), 0.825));
    assert!(close(bins[8].observed.unwrap(), 0.5));
    assert!(close(bins[9].mean_predicted.unwrap(), 0.95));
    assert!(close(bins[9].observed.unwrap(), 0.5));
    assert_eq!(bins[0].observed, Some(1.0));
    assert_eq!(bins[3].observed, Some(0.0));
    assert_eq!((bins[1].mean_predicted, bins[1].observed), (None, None));
    assert!(close(bins[4].lower, 0.4) && close(bins[4].upper, 0.5));
}

#[test]
fn the_svg_has_every_part_of_the_diagram() {
    let summary = summarize(&sample(), 10);
    assert_eq!(summary.n, 6);
    let svg = reliability_svg(&summary, "Labeller <x> & y");
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{svg}"
    );
    assert!(svg.trim_end().ends_with("</svg>"));
    assert!(
        svg.contains("Labeller &lt;x&gt; &amp; y: accuracy 66.7%, Brier 0.319, n = 6"),
        "{svg}"
    );
    assert_eq!(svg.matches("class=\"diagonal\"").count(), 1);
    assert_eq!(svg.matches("class=\"axis\"").count(), 2);
    // One bar and one point per non-empty bin (5 of 10).
    assert_eq!(svg.matches("class=\"bin\"").count(), 5);
    assert_eq!(svg.matches("class=\"point\"").count(), 5);
    assert!(svg.contains("predicted probability of (A)"));
    assert!(svg.contains("observed frequency of (A)"));
    assert_eq!(svg.matches("<text class=\"tick\"").count(), 10);
    // No NaN or infinity may reach the coordinates.
    assert!(!svg.contains("NaN") && !svg.contains("inf"));
    let empty = reliability_svg(&summarize(&[], 10), "none");
    assert!(empty.contains("accuracy n/a, Brier n/a, n = 0"));
}

#[tokio::test]
async fn a_labeller_is_evaluated_on_the_hhh_comparisons() {
    let Some(hhh_evaluations) = cai_data("438HHHEvaluations.jsonl") else {
        return;
    };
    let items = paper::load_hhh(&hhh_evaluations).unwrap();
    let items = &items[..20];
    // A labeller that always answers (B), one sample per comparison.
    let labeller = Recorder::new(replies(&[" (B)"; 20]));
    let options = LabelOptions {
        samples_k: 1,
        ..LabelOptions::default()
    };
    let (predictions, spend) = evaluate_labeller(&labeller, items, &options).await.unwrap();
    assert_eq!(spend.calls, 20);
    assert!(predictions.iter().all(|p| p.p_a == 0.0));
    let b_right = items.iter().filter(|i| i.correct == Choice::B).count();
    assert!(close(
        accuracy(&predictions).unwrap(),
        b_right as f64 / 20.0
    ));
    // The file's prompt goes to the labeller as it is.
    assert_eq!(labeller.prompts()[3], items[3].prompt);
}
