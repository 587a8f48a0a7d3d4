//! Choosing a model for a task.
//!
//! A [`Candidate`] is a model with its prices, context window and a quality
//! score; the [`frontier`] keeps those not beaten on both cost and quality.
//! A [`Router`] picks one candidate for a [`RouteRequest`] and says why. The
//! policies are [`Fixed`], [`Rules`], [`Cascade`] (cheapest first, escalating
//! along the frontier) and [`Learned`] (logistic regression on hashed word
//! n-grams, trained on per-prompt correctness data). [`eval`] replays such
//! data to measure a router (PGR, APGR, CPT) against a random one.
//!
//! No IO happens here except reading the data and model files a caller names.

pub mod data;
pub mod eval;
pub mod learned;
pub mod plot;
mod policy;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub use learned::{Label, Learned, LearnedModel, TrainOptions};
pub use policy::{Cascade, Escalation, Fixed, Rule, Rules};

/// A model a router may choose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub name: String,
    /// USD per million input tokens.
    pub price_in: f64,
    /// USD per million output tokens.
    pub price_out: f64,
    /// The most tokens (prompt and output) the model can hold.
    pub context_window: u64,
    /// 0–1, higher is better; only the order between candidates matters.
    pub quality: f64,
}

impl Candidate {
    /// A candidate with a 128k-token window, the common size today; set
    /// the real one with [`Candidate::with_context_window`].
    pub fn new(name: impl Into<String>, price_in: f64, price_out: f64, quality: f64) -> Self {
        Self {
            name: name.into(),
            price_in,
            price_out,
            context_window: 128_000,
            quality,
        }
    }

    pub fn with_context_window(mut self, tokens: u64) -> Self {
        self.context_window = tokens;
        self
    }

    /// One number to compare costs by: USD per million tokens at three input
    /// tokens to one output token. Agent turns re-send their whole context and
    /// write comparatively little, so input dominates; 3:1 is the usual blend
    /// in public price comparisons.
    pub fn blended_price(&self) -> f64 {
        (3.0 * self.price_in + self.price_out) / 4.0
    }

    fn fits(&self, tokens: u64) -> bool {
        tokens <= self.context_window
    }
}

/// What a router sees of a task.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RouteRequest {
    /// The task text (for a child agent, its brief).
    pub task: String,
    /// The role of the agent that will run it (e.g. `reviewer`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Tokens the model must hold besides the task (files, history). Models
    /// whose context window is smaller than this plus the task are skipped.
    #[serde(default)]
    pub context_tokens: u64,
}

impl RouteRequest {
    pub fn new(task: impl Into<String>) -> Self {
        Self {
            task: task.into(),
            ..Self::default()
        }
    }

    pub fn with_role(mut self, role: impl Into<String>) -> Self {
        self.role = Some(role.into());
        self
    }

    pub fn with_context_tokens(mut self, tokens: u64) -> Self {
        self.context_tokens = tokens;
        self
    }

    /// A rough token count: about four bytes of English per token. Routing
    /// only needs to know whether a window is clearly too small.
    pub fn estimated_tokens(&self) -> u64 {
        self.context_tokens + (self.task.len() as u64).div_ceil(4)
    }
}

/// A router's decision; the reason is shown in events and the trace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub model: String,
    pub reason: String,
}

/// Chooses a model for a task.
pub trait Router: Send + Sync {
    fn choose(
        &self,
        request: &RouteRequest,
        candidates: &[Candidate],
    ) -> Result<Choice, RouteError>;
}

#[derive(Debug, thiserror::Error)]
pub enum RouteError {
    #[error("no candidate models to route between; configure at least one model")]
    NoCandidates,
    #[error(
        "no candidate model can hold about {tokens} tokens (largest window: {largest}); shorten the task or add a model with a larger context window"
    )]
    NothingFits { tokens: u64, largest: u64 },
    #[error("the router names model `{name}`, which is not among the candidates ({known})")]
    UnknownModel { name: String, known: String },
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}:{line}: {message}", path.display())]
    Data {
        path: PathBuf,
        line: u64,
        message: String,
    },
    #[error("{}: {message}", path.display())]
    DataSet { path: PathBuf, message: String },
    #[error("{} is not a baton router model: {message}", path.display())]
    ModelFile { path: PathBuf, message: String },
    #[error("{0}")]
    Eval(String),
}

/// The cost/quality frontier: the candidates no other candidate beats on
/// both counts (as cheap or cheaper and as good or better, one strictly),
/// cheapest first. Equal candidates are all kept, in name order, so the
/// result does not depend on the order of the input.
pub fn frontier(candidates: &[Candidate]) -> Vec<Candidate> {
    let dominated = |c: &Candidate| {
        candidates.iter().any(|o| {
            o.blended_price() <= c.blended_price()
                && o.quality >= c.quality
                && (o.blended_price() < c.blended_price() || o.quality > c.quality)
        })
    };
    let mut kept: Vec<Candidate> = candidates
        .iter()
        .filter(|c| !dominated(c))
        .cloned()
        .collect();
    kept.sort_by(|a, b| {
        a.blended_price()
            .total_cmp(&b.blended_price())
            .then(a.quality.total_cmp(&b.quality))
            .then_with(|| a.name.cmp(&b.name))
    });
    kept
}

/// The candidates whose context window holds the request, or why none does.
fn fitting<'a>(
    request: &RouteRequest,
    candidates: &'a [Candidate],
) -> Result<Vec<&'a Candidate>, RouteError> {
    if candidates.is_empty() {
        return Err(RouteError::NoCandidates);
    }
    let tokens = request.estimated_tokens();
    let fit: Vec<&Candidate> = candidates.iter().filter(|c| c.fits(tokens)).collect();
    if fit.is_empty() {
        let largest = candidates
            .iter()
            .map(|c| c.context_window)
            .max()
            .unwrap_or(0);
        return Err(RouteError::NothingFits { tokens, largest });
    }
    Ok(fit)
}

/// The frontier of the candidates that can hold the request.
fn fitting_frontier(
    request: &RouteRequest,
    candidates: &[Candidate],
) -> Result<Vec<Candidate>, RouteError> {
    let fit: Vec<Candidate> = fitting(request, candidates)?.into_iter().cloned().collect();
    Ok(frontier(&fit))
}

fn find<'a>(name: &str, candidates: &'a [Candidate]) -> Result<&'a Candidate, RouteError> {
    candidates
        .iter()
        .find(|c| c.name == name)
        .ok_or_else(|| RouteError::UnknownModel {
            name: name.to_owned(),
            known: if candidates.is_empty() {
                "none".to_owned()
            } else {
                candidates
                    .iter()
                    .map(|c| c.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    fn names(list: &[Candidate]) -> Vec<&str> {
        list.iter().map(|c| c.name.as_str()).collect()
    }

    #[test]
    fn frontier_drops_dominated_models_and_sorts_by_cost() {
        let list = vec![
            Candidate::new("big", 5.0, 25.0, 0.9),
            Candidate::new("overpriced", 6.0, 30.0, 0.8), // costs more than big, worse
            Candidate::new("small", 0.1, 0.4, 0.5),
            Candidate::new("mid", 1.0, 5.0, 0.7),
            Candidate::new("worse-mid", 1.0, 5.0, 0.6), // same price as mid, worse
        ];
        assert_eq!(names(&frontier(&list)), ["small", "mid", "big"]);
    }

    #[test]
    fn equal_models_are_both_kept_in_name_order() {
        let list = vec![
            Candidate::new("b", 1.0, 1.0, 0.5),
            Candidate::new("a", 1.0, 1.0, 0.5),
        ];
        assert_eq!(names(&frontier(&list)), ["a", "b"]);
    }

    #[test]
    fn blended_price_weights_input_three_to_one() {
        assert_eq!(Candidate::new("x", 1.0, 5.0, 0.5).blended_price(), 2.0);
    }

    #[test]
    fn nothing_fits_names_the_size() {
        let list = vec![Candidate::new("tiny", 0.1, 0.1, 0.5).with_context_window(100)];
        let request = RouteRequest::new("x".repeat(1000));
        let error = fitting(&request, &list).unwrap_err().to_string();
        assert!(error.contains("about 250 tokens"), "{error}");
        assert!(error.contains("largest window: 100"), "{error}");
        assert!(matches!(
            fitting(&request, &[]).unwrap_err(),
            RouteError::NoCandidates
        ));
    }
}
