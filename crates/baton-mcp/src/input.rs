//! Answering a 2026-07-28 `InputRequiredResult` (SEP-2322): a server that
//! needs something from the client mid-call returns the questions, and the
//! client retries the call with the answers and the server's opaque
//! `requestState`, unchanged.
//!
//! The hub answers through its own [`ClientHandler`] methods, so a
//! 2026-07-28 server gets exactly what a 2025-era server would get for the
//! same server-to-client request: roots are an empty list, elicitations are
//! declined (an agent run has nobody to fill in a form, and baton does not
//! declare `elicitation`), and sampling is refused (not declared either).

use rmcp::model::{InputRequest, InputRequests, InputResponses, NumberOrString};
use rmcp::service::{Peer, RequestContext};
use rmcp::{ClientHandler, RoleClient};
use serde_json::Value;

use crate::handler::HubHandler;

/// How many `InputRequiredResult`s one call may answer before baton gives up
/// (the same bound rmcp's own helpers use).
pub(crate) const MAX_INPUT_ROUNDS: usize = rmcp::model::DEFAULT_MRTR_MAX_ROUNDS;

/// The answers to `requests`, by key; an error names the request baton
/// cannot answer.
pub(crate) async fn answer(
    handler: &HubHandler,
    peer: &Peer<RoleClient>,
    requests: InputRequests,
) -> Result<InputResponses, String> {
    let mut responses = InputResponses::new();
    for (key, request) in requests {
        let ctx = RequestContext::new(NumberOrString::String(key.clone().into()), peer.clone());
        let answer = match request {
            InputRequest::Elicitation(request) => handler
                .create_elicitation(request.params, ctx)
                .await
                .map(|result| serde_json::to_value(result).unwrap_or(Value::Null)),
            InputRequest::CreateMessage(request) => handler
                .create_message(request.params, ctx)
                .await
                .map(|result| serde_json::to_value(result).unwrap_or(Value::Null)),
            InputRequest::ListRoots(_) => handler
                .list_roots(ctx)
                .await
                .map(|result| serde_json::to_value(result).unwrap_or(Value::Null)),
            other => {
                let method = serde_json::to_value(&other)
                    .ok()
                    .and_then(|v| v["method"].as_str().map(str::to_owned))
                    .unwrap_or_default();
                return Err(format!(
                    "the server asked for `{method}`, which baton does not know"
                ));
            }
        };
        match answer {
            Ok(value) => {
                responses.insert(key, value);
            }
            Err(error) => {
                return Err(format!(
                    "the server needs input baton cannot give ({key}: {})",
                    error.message
                ));
            }
        }
    }
    Ok(responses)
}
