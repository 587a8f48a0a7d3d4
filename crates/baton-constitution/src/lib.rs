//! The constitution and the Constitutional-AI pipeline's logic.
//!
//! - [`constitution`]: principles (TOML or Markdown), validation, weighted
//!   sampling by tag, and baton's default constitution.
//! - [`sl`]: SL-CAI: critique and revise a response over fixed rounds, each
//!   with a fresh principle, and write fine-tuning records without the
//!   critiques.
//! - [`rl`]: RL-CAI: two responses, a comparison under a random principle in
//!   a random order, and a soft-labelled preference record.
//! - [`label`]: soft labels from log-probabilities or sampled answers.
//! - [`eval`]: a labeller's accuracy, Brier score and calibration, with an
//!   SVG reliability diagram.
//! - [`paper`]: loaders for the Constitutional AI paper's data files.
//!
//! Everything that talks to a model goes through [`baton_models::ModelClient`],
//! so the scripted model drives the tests.

mod call;
pub mod constitution;
mod error;
pub mod eval;
pub mod label;
mod markdown;
pub mod paper;
pub mod rl;
pub mod sl;

pub use call::{CallSeeds, Spend};
pub use constitution::{
    ComparisonPrinciple, Comparisons, Constitution, NO_ISSUES, Principle, Tag,
    critique_found_nothing, tags_for_task,
};
pub use error::{CaiError, ConstitutionError};
pub use eval::{EvalSummary, HhhComparison, Prediction};
pub use label::{Choice, LabelMethod, LabelOptions, SoftLabel, label_comparison};
pub use rl::{ComparisonExample, PrefRecord, RlOptions, rl_cai};
pub use sl::{FewShotExample, SlParams, SlRecord, Step, helpful_sample, sl_cai};
