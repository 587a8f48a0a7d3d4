//! One model call, with its usage and cost added to a running total.

use baton_models::{ModelClient, ModelRequest, ModelResponse, collect};
use baton_protocol::Usage;
use serde::{Deserialize, Serialize};

use crate::error::CaiError;

/// What a record's model calls used and cost, summed, so a batch run can
/// keep to a budget. Calls to a model without a known price cost 0 here.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Spend {
    pub usage: Usage,
    pub cost_usd: f64,
    pub calls: u32,
}

impl Spend {
    pub(crate) fn add(&mut self, model: &dyn ModelClient, usage: Usage) {
        self.usage += usage;
        if let Some(price) = model.info().price {
            self.cost_usd += price.cost(&usage).total_usd;
        }
        self.calls += 1;
    }

    pub(crate) fn absorb(&mut self, other: Spend) {
        self.usage += other.usage;
        self.cost_usd += other.cost_usd;
        self.calls += other.calls;
    }
}

/// A seed for each model call of a record, so that a run with the same
/// `--seed` samples the same text from a provider that takes a seed (the
/// embedded models, OpenAI), while no two calls of a record share one: two
/// samples of one prompt must be free to differ.
#[derive(Debug, Clone)]
pub struct CallSeeds(Option<fastrand::Rng>);

impl CallSeeds {
    /// Seeds drawn from `seed`; `None` leaves every call unseeded.
    pub fn new(seed: Option<u64>) -> Self {
        Self(seed.map(fastrand::Rng::with_seed))
    }

    /// Seeds that follow from `rng`'s state without advancing it, so the
    /// principle draws and swaps a seed gives do not change with them.
    pub fn from_rng(rng: &fastrand::Rng) -> Self {
        // The salt keeps the call seeds apart from the draws `rng` makes.
        Self::new(Some(rng.clone().u64(..) ^ 0x5eed_ca11_5eed_ca11))
    }

    /// The next call's seed.
    pub fn draw(&mut self) -> Option<u64> {
        self.0.as_mut().map(|rng| rng.u64(..))
    }
}

/// Runs one request to completion, charging it to `spend`. A request with
/// no seed of its own takes the next of `seeds`.
pub(crate) async fn complete(
    model: &dyn ModelClient,
    mut request: ModelRequest,
    stage: &'static str,
    spend: &mut Spend,
    seeds: &mut CallSeeds,
) -> Result<ModelResponse, CaiError> {
    let seed = seeds.draw();
    if request.seed.is_none() {
        request.seed = seed;
    }
    let response = collect(model.stream(request), |_| {})
        .await
        .map_err(|source| CaiError::Model { stage, source })?;
    spend.add(model, response.usage);
    Ok(response)
}

/// The reply's text, trimmed: transcripts put their own spacing around it.
pub(crate) fn reply_text(response: &ModelResponse) -> String {
    response.message().text().trim().to_owned()
}
