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

/// Runs one request to completion, charging it to `spend`.
pub(crate) async fn complete(
    model: &dyn ModelClient,
    request: ModelRequest,
    stage: &'static str,
    spend: &mut Spend,
) -> Result<ModelResponse, CaiError> {
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
