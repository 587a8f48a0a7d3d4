//! How well a labeller agrees with people: accuracy, Brier score and
//! calibration on binary comparisons such as the paper's 438 HHH ones.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::call::Spend;
use crate::error::CaiError;
use crate::label::{Choice, LabelOptions, label_comparison};
use baton_models::ModelClient;

/// One binary comparison with the answer people preferred. `prompt` is the
/// full comparison text, ending with `The answer is:`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HhhComparison {
    pub prompt: String,
    pub correct: Choice,
    /// The conversation with the preferred response.
    pub text_correct: String,
    pub text_incorrect: String,
}

/// A labeller's probability for (A) against what people chose.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Prediction {
    pub p_a: f64,
    pub a_is_better: bool,
}

/// The share of predictions on the right side: `p_a ≥ 0.5` counts as
/// choosing (A), so an undecided 0.5 is a guess for (A). `None` when empty.
pub fn accuracy(predictions: &[Prediction]) -> Option<f64> {
    if predictions.is_empty() {
        return None;
    }
    let right = predictions
        .iter()
        .filter(|p| (p.p_a >= 0.5) == p.a_is_better)
        .count();
    Some(right as f64 / predictions.len() as f64)
}

/// Mean squared error of `p_a` against the outcome (1 when A is better):
/// 0 is perfect, 0.25 is always answering 0.5. `None` when empty.
pub fn brier(predictions: &[Prediction]) -> Option<f64> {
    if predictions.is_empty() {
        return None;
    }
    let total: f64 = predictions
        .iter()
        .map(|p| {
            let outcome = if p.a_is_better { 1.0 } else { 0.0 };
            (p.p_a - outcome).powi(2)
        })
        .sum();
    Some(total / predictions.len() as f64)
}

/// One calibration bin: predictions with `lower ≤ p_a < upper` (the last
/// bin includes 1).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Bin {
    pub lower: f64,
    pub upper: f64,
    pub count: usize,
    /// Mean `p_a` in the bin; `None` when empty.
    pub mean_predicted: Option<f64>,
    /// Share of the bin where (A) was better; `None` when empty.
    pub observed: Option<f64>,
}

/// Splits predictions into `bins` equal-width bins over [0, 1].
pub fn reliability_bins(predictions: &[Prediction], bins: usize) -> Vec<Bin> {
    let bins = bins.max(1);
    let mut sums = vec![(0usize, 0.0f64, 0usize); bins];
    for p in predictions {
        let index = ((p.p_a.clamp(0.0, 1.0) * bins as f64) as usize).min(bins - 1);
        let slot = &mut sums[index];
        slot.0 += 1;
        slot.1 += p.p_a;
        slot.2 += usize::from(p.a_is_better);
    }
    sums.into_iter()
        .enumerate()
        .map(|(i, (count, sum, better))| Bin {
            lower: i as f64 / bins as f64,
            upper: (i + 1) as f64 / bins as f64,
            count,
            mean_predicted: (count > 0).then(|| sum / count as f64),
            observed: (count > 0).then(|| better as f64 / count as f64),
        })
        .collect()
}

/// Accuracy, Brier score and reliability bins together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvalSummary {
    pub n: usize,
    pub accuracy: Option<f64>,
    pub brier: Option<f64>,
    pub bins: Vec<Bin>,
}

pub fn summarize(predictions: &[Prediction], bins: usize) -> EvalSummary {
    EvalSummary {
        n: predictions.len(),
        accuracy: accuracy(predictions),
        brier: brier(predictions),
        bins: reliability_bins(predictions, bins),
    }
}

/// Asks `labeller` about every comparison, in order.
pub async fn evaluate_labeller(
    labeller: &dyn ModelClient,
    comparisons: &[HhhComparison],
    options: &LabelOptions,
) -> Result<(Vec<Prediction>, Spend), CaiError> {
    let mut spend = Spend::default();
    let mut predictions = Vec::with_capacity(comparisons.len());
    for item in comparisons {
        let label = label_comparison(labeller, &item.prompt, options).await?;
        spend.absorb(label.spend);
        predictions.push(Prediction {
            p_a: label.p_a,
            a_is_better: item.correct == Choice::A,
        });
    }
    Ok((predictions, spend))
}

const SIZE: f64 = 480.0;
const MARGIN: f64 = 60.0;
const PLOT: f64 = SIZE - 2.0 * MARGIN;

fn x(p: f64) -> f64 {
    MARGIN + p.clamp(0.0, 1.0) * PLOT
}

fn y(p: f64) -> f64 {
    SIZE - MARGIN - p.clamp(0.0, 1.0) * PLOT
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn percent(value: Option<f64>) -> String {
    value.map_or("n/a".into(), |v| format!("{:.1}%", v * 100.0))
}

/// A self-contained SVG reliability diagram: the diagonal of perfect
/// calibration, a bar per non-empty bin up to its observed frequency, a
/// point at (mean predicted, observed), axes with ticks, and a title with
/// the accuracy and Brier score.
pub fn reliability_svg(summary: &EvalSummary, title: &str) -> String {
    let mut svg = String::new();
    let heading = format!(
        "{title}: accuracy {}, Brier {}, n = {}",
        percent(summary.accuracy),
        summary.brier.map_or("n/a".into(), |b| format!("{b:.3}")),
        summary.n
    );
    // `write!` to a String cannot fail; the results are ignored on purpose.
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" viewBox="0 0 {SIZE} {SIZE}" font-family="sans-serif" font-size="12">
<title>{}</title>
<rect x="0" y="0" width="{SIZE}" height="{SIZE}" fill="white"/>
<text class="title" x="{}" y="30" text-anchor="middle" font-size="14">{}</text>
"#,
        escape(&heading),
        SIZE / 2.0,
        escape(&heading)
    );
    for bin in &summary.bins {
        let (Some(observed), Some(mean)) = (bin.observed, bin.mean_predicted) else {
            continue;
        };
        let _ = writeln!(
            svg,
            r##"<rect class="bin" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="#9ecae1" stroke="#3182bd"><title>{:.1}–{:.1}: {} predictions, mean predicted {:.3}, observed {:.3}</title></rect>"##,
            x(bin.lower),
            y(observed),
            x(bin.upper) - x(bin.lower),
            y(0.0) - y(observed),
            bin.lower,
            bin.upper,
            bin.count,
            mean,
            observed
        );
        let _ = writeln!(
            svg,
            r##"<circle class="point" cx="{:.1}" cy="{:.1}" r="4" fill="#de2d26"/>"##,
            x(mean),
            y(observed)
        );
    }
    let _ = writeln!(
        svg,
        r##"<line class="diagonal" x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#888" stroke-dasharray="6 4"/>"##,
        x(0.0),
        y(0.0),
        x(1.0),
        y(1.0)
    );
    let _ = writeln!(
        svg,
        r#"<line class="axis" x1="{0:.1}" y1="{1:.1}" x2="{2:.1}" y2="{1:.1}" stroke="black"/>
<line class="axis" x1="{0:.1}" y1="{1:.1}" x2="{0:.1}" y2="{3:.1}" stroke="black"/>"#,
        x(0.0),
        y(0.0),
        x(1.0),
        y(1.0)
    );
    for tick in [0.0, 0.25, 0.5, 0.75, 1.0] {
        let _ = writeln!(
            svg,
            r#"<text class="tick" x="{:.1}" y="{:.1}" text-anchor="middle">{tick}</text>
<text class="tick" x="{:.1}" y="{:.1}" text-anchor="end">{tick}</text>"#,
            x(tick),
            y(0.0) + 18.0,
            x(0.0) - 8.0,
            y(tick) + 4.0
        );
    }
    let _ = write!(
        svg,
        r#"<text class="label" x="{:.1}" y="{:.1}" text-anchor="middle">predicted probability of (A)</text>
<text class="label" transform="translate(18 {:.1}) rotate(-90)" text-anchor="middle">observed frequency of (A)</text>
</svg>
"#,
        SIZE / 2.0,
        SIZE - 16.0,
        SIZE / 2.0
    );
    svg
}
